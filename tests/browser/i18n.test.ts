/**
 * The language switch: Chinese by default, English on request, remembered across visits,
 * `<html lang>` kept in step, and plugin pages told the language too.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import defaultTheme from '../../themes/default/theme.ts';
import dezhouTheme from '../../themes/dezhou/theme.ts';
import {
  buildTheme,
  expectNoSeriousA11yViolations,
  launchBrowser,
  newPage,
  renderedText,
  SAMPLE_API,
  type ServedTheme,
  saveScreenshot,
  serveTheme,
  waitForShell,
} from './helpers.ts';

describe.each([
  { name: 'default', theme: defaultTheme },
  { name: 'dezhou', theme: dezhouTheme },
])('language switch, $name theme', ({ name, theme }) => {
  let browser: Browser;
  let server: ServedTheme;

  beforeAll(async () => {
    server = await serveTheme(await buildTheme(theme, 'i18n'), SAMPLE_API);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('switches to English and back, remembering the choice', async () => {
    const tab = await newPage(browser);
    const { page } = tab;
    try {
      await page.goto(server.url);
      await waitForShell(page);
      const lang = () => page.evaluate(() => document.documentElement.lang);
      expect(await lang()).toBe('zh-CN');

      await page.getByRole('button', { name: 'English' }).click();
      expect(await lang()).toBe('en');
      const nav = page.getByRole('navigation', { name: 'Main navigation' });
      expect(await nav.locator('a').allInnerTexts()).toEqual([
        'Home',
        'Data catalogue',
        'Data APIs',
        'Applications',
        'Plugin demo',
        'Interaction',
        'Policies & news',
        'My account',
      ]);
      expect(await page.title()).toBe('Dezhou Public Data Open Platform');
      const home = await renderedText(page.locator('kf-home'));
      expect(home).toContain('Data domains');
      expect(home).toContain('Newest datasets');
      expect(home).toContain('128 datasets');
      expect(await renderedText(page.locator('kf-footer'))).toContain('Open data licence');
      expect(await page.getByRole('link', { name: 'Sign in' }).count()).toBe(1);
      await saveScreenshot(page, `home-${name}-en`);
      await expectNoSeriousA11yViolations(page);

      // Remembered: a reload (or a later visit) stays in English.
      await page.reload();
      await waitForShell(page);
      expect(await lang()).toBe('en');
      expect(await page.evaluate(() => localStorage.getItem('kaifang.locale'))).toBe('en');

      // Plugin pages get the language as well, and follow a later switch.
      await page.getByRole('link', { name: 'Plugin demo' }).click();
      const heading = page.locator('kf-labs-page').getByRole('heading', { level: 1 });
      expect(await renderedText(heading)).toBe('Plugin page example');
      await page.getByRole('button', { name: '中文' }).click();
      expect(await lang()).toBe('zh-CN');
      await expect.poll(() => renderedText(heading)).toBe('插件页面示例');
      expect(await page.title()).toBe('插件示例 - 德州市公共数据开放网');
      expect(tab.errors).toEqual([]);
    } finally {
      await tab.close();
    }
  });
});
