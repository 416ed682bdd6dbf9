import { fileURLToPath } from 'node:url';
import { definePlugin } from '@kaifang/sdk';
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

/** Stands in for the datastore: offers a component module that registers dataset views. */
const views = definePlugin({
  name: 'viewfix',
  version: '0.1.0',
  kernel: '^0.1.0',
  requires: { catalog: '^0.1.0' },
  ui: {
    components: [
      {
        element: 'kf-test-preview',
        module: fileURLToPath(new URL('./fixtures/dataset-views.ts', import.meta.url)),
      },
    ],
  },
});

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
        views,
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
      // The matched word is marked in the title, so a reader sees why the dataset is listed.
      expect(await list.locator('h2 mark').first().textContent()).toBe('公交');
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

  it('embeds the views other plugins register, and says what is missing', async () => {
    const tab = await newPage(browser);
    const { page } = tab;
    try {
      const bus = (
        (await (
          await fetch(`${test.url}/api/v1/datasets?q=${encodeURIComponent('公交线路')}`)
        ).json()) as { items: { id: string }[] }
      ).items[0]!;
      await page.goto(`${test.url}/catalog/${bus.id}`);
      const detail = page.locator('kf-dataset-page');
      await expect
        .poll(() => renderedText(detail), { timeout: 30_000 })
        .toContain('德州市公交线路信息');
      await detail.getByRole('tab', { name: '数据预览' }).click();
      const preview = detail.locator('kf-test-preview');
      await expect.poll(() => preview.getAttribute('dataset-id')).toBe(bus.id);
      expect(await preview.getAttribute('locale')).toBe('zh-CN');
      await expect.poll(() => renderedText(detail)).toContain(`预览 ${bus.id}`);
      await expectNoSeriousA11yViolations(page);
      await saveScreenshot(page, 'dataset-preview-view');

      // Nobody registered a download view: the tab says what is missing.
      await detail.getByRole('tab', { name: '数据下载' }).click();
      await expect.poll(() => renderedText(detail)).toContain('本门户未启用数据下载');
      await expectNoSeriousA11yViolations(page);

      // A view registered after the page rendered appears as its own tab.
      await detail.getByRole('tab', { name: '使用说明' }).click({ timeout: 15_000 });
      await expect.poll(() => renderedText(detail)).toContain(`说明 ${bus.id}`);
      const tabs = await detail.getByRole('tab').allTextContents();
      expect(tabs.map((t) => t.trim())).toEqual([
        '元数据',
        '数据项',
        '数据预览',
        '数据下载',
        'API服务',
        '使用说明',
      ]);
      expect(tab.errors.filter((error) => !error.includes('401'))).toEqual([]);
    } finally {
      await tab.close();
    }
  });
});
