/**
 * The datastore's elements in the default theme, on the plugin's own page (`/data/:id`), against
 * the real stack: the preview's table and ECharts chart, and an administrator's upload with its
 * progress bar.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectNoSeriousA11yViolations,
  launchBrowser,
  newPage,
  renderedText,
  saveScreenshot,
  signInBrowser,
  testCopyOf,
} from '../../../tests/browser/helpers.ts';
import defaultTheme from '../../../themes/default/theme.ts';
import { load } from './support/http.ts';
import { createStack, type Stack } from './support/stack.ts';

const PARKING = [
  '名称,区县,泊位数,开放日期',
  '德州东站停车场,德城区,320,2021-05-01',
  '陵城区人民医院停车场,陵城区,180,2019-09-12',
  '禹城市政务服务中心停车场,禹城市,96,2020-03-18',
  '乐陵市枣林广场停车场,乐陵市,240,2022-07-01',
  '齐河县黄河国际会展中心停车场,齐河县,610,2018-10-20',
].join('\n');

/** Guests get 401 from `/api/v1/me` and the job list (the page asks who may upload). */
const unexpected = (errors: string[]) => errors.filter((error) => !error.includes('401'));

describe('datastore pages in the default theme', () => {
  let stack: Stack;
  let browser: Browser;
  beforeAll(async () => {
    stack = await createStack({ listen: true, theme: testCopyOf(defaultTheme, 'datastore') });
    browser = await launchBrowser();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.test.close();
  });

  it('previews a dataset with a numeric field as a table and an ECharts chart', async () => {
    const id = await stack.add({ title: '德州市公共停车场（预览）' });
    const job = await load(stack.test, id, stack.provider.headers, {
      name: '停车场.csv',
      content: PARKING,
    });
    expect(job.state).toBe('completed');
    const tab = await newPage(browser);
    const { page } = tab;
    try {
      await page.goto(`${stack.test.url}/data/${id}`);
      const preview = page.locator('kf-datastore-preview');
      await expect
        .poll(() => renderedText(preview), { timeout: 30_000 })
        .toContain('德州东站停车场');
      expect(await preview.locator('table[part="table"] tbody tr').count()).toBe(5);
      expect(await preview.locator('th').allTextContents()).toEqual([
        '名称',
        '区县',
        '泊位数',
        '开放日期',
      ]);
      // ECharts draws on a canvas inside the chart figure, sized by its container.
      const canvas = preview.locator('[part="chart"] canvas');
      await canvas.waitFor({ timeout: 30_000 });
      const size = await canvas.evaluate((element) => ({
        width: (element as HTMLCanvasElement).width,
        height: (element as HTMLCanvasElement).height,
      }));
      expect(size.width).toBeGreaterThan(100);
      expect(size.height).toBeGreaterThan(100);
      expect(await preview.getByRole('img', { name: /泊位数/ }).count()).toBe(1);
      expect(await renderedText(preview)).toContain('泊位数（前 5 条）');
      // A guest sees no upload form.
      expect(await page.locator('kf-datastore-upload').count()).toBe(0);
      await expectNoSeriousA11yViolations(page);
      await saveScreenshot(page, 'datastore-preview');

      // The same preview in the catalog's dataset page, as its preview tab.
      await page.goto(`${stack.test.url}/catalog/${id}`);
      const detail = page.locator('kf-dataset-page');
      await detail.getByRole('tab', { name: '数据预览' }).click();
      const embedded = detail.locator('kf-datastore-preview');
      await expect
        .poll(() => renderedText(embedded), { timeout: 30_000 })
        .toContain('德州东站停车场');
      await embedded.locator('[part="chart"] canvas').waitFor({ timeout: 30_000 });
      // Guests do not get the upload tab.
      expect(await detail.getByRole('tab', { name: '上传数据' }).count()).toBe(0);
      await expectNoSeriousA11yViolations(page);

      // The download tab links every format; the API tab shows the records endpoint.
      await detail.getByRole('tab', { name: '数据下载' }).click();
      const downloads = detail.locator('kf-datastore-download a[download]');
      await expect.poll(() => downloads.count()).toBe(4);
      const csvHref = await downloads.first().getAttribute('href');
      expect(csvHref).toBe(`/api/v1/datasets/${id}/download?format=csv`);
      const csv = await page.request.get(`${stack.test.url}${csvHref}`);
      expect(csv.status()).toBe(200);
      expect(await csv.text()).toContain('德州东站停车场');
      await detail.getByRole('tab', { name: 'API服务' }).click();
      await expect
        .poll(() => renderedText(detail.locator('kf-datastore-api')))
        .toContain(`GET /api/v1/datasets/${id}/records`);
      await expectNoSeriousA11yViolations(page);
      expect(unexpected(tab.errors)).toEqual([]);
    } finally {
      await tab.close();
    }
  });

  it("shows an administrator's upload as a progress bar up to completion, and names a bad line", async () => {
    const id = await stack.add({ title: '德州市公共停车场（上传）' });
    const tab = await newPage(browser);
    const { page } = tab;
    try {
      await signInBrowser(page, stack.test, {
        roles: ['provider-admin'],
        organisationId: stack.organisationId,
      });
      await page.goto(`${stack.test.url}/data/${id}`);
      const upload = page.locator('kf-datastore-upload');
      await upload.waitFor({ timeout: 30_000 });
      await upload.locator('input[type="file"]').setInputFiles({
        name: '停车场.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(PARKING),
      });
      await upload.getByRole('button', { name: '上传并装载' }).click();
      const progress = upload.locator('progress[part="progress"]');
      await expect
        .poll(
          () =>
            progress
              .evaluate((element) => [
                (element as HTMLProgressElement).value,
                (element as HTMLElement).dataset.state,
              ])
              .catch(() => []),
          { timeout: 30_000 },
        )
        .toEqual([100, 'completed']);
      expect(await progress.getAttribute('aria-label')).toBe('装载进度');
      expect(await renderedText(upload)).toContain('已完成 · 5 行 · 100%');
      // The preview on the same page shows the new rows.
      const preview = page.locator('kf-datastore-preview');
      await expect
        .poll(() => renderedText(preview), { timeout: 30_000 })
        .toContain('德州东站停车场');
      await preview.locator('[part="chart"] canvas').waitFor({ timeout: 30_000 });
      await expectNoSeriousA11yViolations(page);
      await saveScreenshot(page, 'datastore-upload');

      // A malformed file: the job fails and the message names the line.
      await upload.locator('input[type="file"]').setInputFiles({
        name: '坏文件.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from('名称,泊位数\n德州东站停车场,320\n多了一列,1,2\n'),
      });
      await upload.getByRole('button', { name: '上传并装载' }).click();
      await expect
        .poll(() => renderedText(upload), { timeout: 30_000 })
        .toContain('line 3: the row has 3 fields but the header has 2');
      expect(await progress.getAttribute('data-state')).toBe('failed');
      expect(await upload.getByRole('alert').textContent()).toContain('line 3');
      // The previous rows stay.
      expect(await renderedText(preview)).toContain('德州东站停车场');
      expect(unexpected(tab.errors)).toEqual([]);
    } finally {
      await tab.close();
    }
  });
});
