import { createTestKernel, type TestKernel } from '@kaifang/sdk/testing';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import dezhouDemo from '../../../examples/dezhou/demo/plugin.ts';
import { DEZHOU_SCENARIOS } from '../../../examples/dezhou/scenarios.ts';
import {
  expectNoSeriousA11yViolations,
  launchBrowser,
  newPage,
  renderedText,
  saveScreenshot,
  testCopyOf,
} from '../../../tests/browser/helpers.ts';
import defaultTheme from '../../../themes/default/theme.ts';
import auth from '../../auth-sso/src/plugin.ts';
import domains from '../../domains/src/plugin.ts';
import catalog from '../src/plugin.ts';

describe('catalogue pages in the default theme', () => {
  let test: TestKernel;
  let browser: Browser;
  beforeAll(async () => {
    test = await createTestKernel({
      listen: true,
      theme: testCopyOf(defaultTheme, 'catalog'),
      plugins: [
        auth.configure({
          cookieSecure: false,
          admin: { loginName: 'admin', password: 'Dezhou-Open-2024' },
        }),
        domains.configure({ scenarios: [...DEZHOU_SCENARIOS] }),
        catalog,
        dezhouDemo,
      ],
    });
    browser = await launchBrowser();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await test?.close();
  });

  it('searches, filters by a facet, opens a dataset and its data items', async () => {
    const tab = await newPage(browser);
    const { page } = tab;
    try {
      await page.goto(`${test.url}/catalog?q=${encodeURIComponent('公交')}`);
      const list = page.locator('kf-catalog-page');
      await expect
        .poll(() => renderedText(list), { timeout: 30_000 })
        .toContain('德州市公交线路信息');
      await expectNoSeriousA11yViolations(page);
      await saveScreenshot(page, 'catalog-search');

      await page.goto(`${test.url}/catalog`);
      await expect.poll(() => renderedText(list), { timeout: 30_000 }).toMatch(/共 \d+ 个数据集/);
      await list.getByRole('checkbox', { name: /^卫生健康 \d+$/ }).check();
      await page.waitForURL(/domain=health/);
      await expect.poll(() => renderedText(list)).toContain('德州市医疗机构基本信息');
      expect(await renderedText(list)).not.toContain('德州市公交线路信息');
      await saveScreenshot(page, 'catalog-filtered');

      await list.getByRole('link', { name: '德州市医疗机构基本信息' }).click();
      const detail = page.locator('kf-dataset-page');
      await expect.poll(() => renderedText(detail)).toContain('德州市卫生健康委员会');
      expect(await renderedText(detail)).toContain('公共数据开放许可协议');
      await detail.getByRole('tab', { name: '数据项' }).click();
      await expect.poll(() => renderedText(detail)).toContain('医院等级');
      await expectNoSeriousA11yViolations(page);
      await saveScreenshot(page, 'dataset-items');
      // The shell asks GET /api/v1/me, which answers 401 to a guest; nothing else may fail.
      expect(tab.errors.filter((error) => !error.includes('401'))).toEqual([]);
    } finally {
      await tab.close();
    }
  });
});
