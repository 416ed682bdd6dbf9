/**
 * The home page in both themes: Chinese text, data from the plugins' endpoints, the states
 * shown when those plugins are missing or failing, accessibility, and screenshots.
 */
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
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
  type TestPage,
  waitForShell,
} from './helpers.ts';

const docsImages = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/images');

const NAV_LABELS = ['首页', '数据目录', '数据接口', '数据应用', '互动交流', '政策动态', '个人中心'];

async function navLabels(page: Page): Promise<string[]> {
  return page.locator('kf-nav a').allInnerTexts();
}

describe.each([
  { name: 'default', theme: defaultTheme },
  { name: 'dezhou', theme: dezhouTheme },
])('home page, $name theme', ({ name, theme }) => {
  let browser: Browser;
  let server: ServedTheme;
  let tab: TestPage;

  beforeAll(async () => {
    const outDir = await buildTheme(theme, 'home');
    server = await serveTheme(outDir, SAMPLE_API);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await tab?.close();
    await browser?.close();
    await server?.close();
  });

  it('renders the shell and the home page in Chinese, with the plugins’ data', async () => {
    tab = await newPage(browser);
    const { page } = tab;
    await page.goto(server.url);
    await waitForShell(page);

    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(await page.title()).toBe('德州市公共数据开放网');
    // Fixed sections in order, with the fixture plugin's page slotted in by its nav order.
    expect(await navLabels(page)).toEqual([
      ...NAV_LABELS.slice(0, 4),
      '插件示例',
      ...NAV_LABELS.slice(4),
    ]);
    await expect
      .poll(() => renderedText(page.getByRole('heading', { level: 1 })))
      .toBe('德州市公共数据开放网');
    await page.getByRole('search').first().waitFor();
    expect(await page.getByRole('link', { name: '登录' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: '注册' }).count()).toBe(1);

    const figures = page.locator('kf-key-figures');
    await expect.poll(() => renderedText(figures)).toContain('1,286');
    expect(await renderedText(figures)).toContain('开放数据集');
    const domains = page.locator('kf-domain-grid');
    expect(await renderedText(domains)).toContain('教育文化');
    expect(await renderedText(domains)).toContain('128 个数据集');
    expect(await renderedText(page.locator('kf-dataset-list[sort="updated"]'))).toContain(
      '德州市公交线路信息',
    );
    expect(await renderedText(page.locator('kf-dataset-list[sort="downloads"]'))).toContain(
      '德州市旅游景区信息',
    );
    // The home page asked for exactly what the contract says.
    expect(server.requests).toContain('/api/v1/datasets?sort=updated&pageSize=6&facets=false');
    expect(server.requests).toContain('/api/v1/datasets?sort=downloads&pageSize=6&facets=false');

    const footer = await renderedText(page.locator('kf-footer'));
    expect(footer).toContain('0534-2688110');
    expect(footer).toContain('sjkf@dezhou.gov.cn');
    expect(await page.getByRole('link', { name: '开放数据许可协议' }).getAttribute('href')).toBe(
      '/license',
    );
    expect(tab.errors).toEqual([]);

    const file = await saveScreenshot(page, `home-${name}`);
    if (name === 'dezhou') {
      await mkdir(docsImages, { recursive: true });
      await copyFile(file, path.join(docsImages, 'home-dezhou.png'));
    }
  });

  it('has no serious or critical accessibility violations', async () => {
    await expectNoSeriousA11yViolations(tab.page);
  });

  it('shows empty states when the plugins behind the home page are not installed', async () => {
    server.setApi({});
    const empty = await newPage(browser);
    try {
      await empty.page.goto(server.url);
      await waitForShell(empty.page);
      const home = empty.page.locator('kf-home');
      await expect.poll(() => renderedText(home)).toContain('暂无数据领域');
      expect(await renderedText(home)).toContain('暂无数据集');
      expect(await renderedText(home)).toContain('暂无统计数据');
      await saveScreenshot(empty.page, `home-${name}-empty`);
      await expectNoSeriousA11yViolations(empty.page);
      expect(empty.errors).toEqual([]);
    } finally {
      server.setApi(SAMPLE_API);
      await empty.close();
    }
  });

  it('shows a loading state, then an error state with a working retry', async () => {
    server.setApi({
      ...SAMPLE_API,
      '/api/v1/domains': { status: 500, body: { message: 'boom' }, delayMs: 800 },
    });
    const failing = await newPage(browser);
    try {
      await failing.page.goto(server.url);
      const grid = failing.page.locator('kf-domain-grid');
      await grid.locator('kf-state[kind="loading"]').waitFor();
      expect(await renderedText(grid.getByRole('status'))).toContain('正在加载');
      await grid.locator('kf-state[kind="error"]').waitFor();
      expect(await renderedText(grid)).toContain('加载失败');

      server.setApi(SAMPLE_API);
      await grid.getByRole('button', { name: '重试' }).click();
      await expect.poll(() => renderedText(grid)).toContain('教育文化');
    } finally {
      server.setApi(SAMPLE_API);
      await failing.close();
    }
  });

  if (name === 'dezhou') {
    it('shows what the district changed: palette, logo, header tagline and its own hero', async () => {
      const { page } = tab;
      const hero = page.locator('kf-hero');
      // Only Dezhou's hero draws the sun over the canal.
      expect(await hero.locator('[part="art"]').count()).toBe(1);
      expect(await renderedText(hero)).toContain('热门搜索');
      expect(await renderedText(page.locator('kf-header'))).toContain('中国太阳城 · 运河名城');
      expect(await page.locator('kf-header img[slot="logo"]').count()).toBe(1);
      const navBackground = await page
        .locator('kf-nav')
        .evaluate((el) => getComputedStyle(el).backgroundColor);
      expect(navBackground).toBe('rgb(156, 28, 32)');
    });
  }
});
