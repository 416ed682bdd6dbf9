/**
 * The review pages in a real browser: the default theme built with this plugin's pages, served
 * by a kernel with the real auth-sso. Three journeys, to keep the suite light: the reviewer's inbox
 * with its countdown, a return with a remark from the item page, the applicant's message centre;
 * a platform admin overseeing an item of a kind they do not review, its data under labels; and an
 * approval with decision values that the applicant then reads under the kind's labels.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import authSso from '@kaifang/plugin-auth-sso';
import { loginAs } from '@kaifang/plugin-auth-sso/testing';
import { definePlugin } from '@kaifang/sdk';
import { createTestKernel, type TestKernel } from '@kaifang/sdk/testing';
import defaultTheme, { createViteTheme } from '@kaifang/theme-default';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectNoSeriousA11yViolations,
  launchBrowser,
  newPage,
  renderedText,
} from '../../../tests/browser/helpers.ts';
import review, { type ReviewApi } from '../src/plugin.ts';

let api: ReviewApi | undefined;
const owner = definePlugin({
  name: 'probe',
  version: '0.1.0',
  kernel: '^0.1.0',
  requires: { review: '^0.1.0' },
  register(ctx) {
    ctx.pluginHooks.review!.declareKinds.tap(ctx.name, (registry) => {
      registry.declare({
        name: 'probe.app-submission',
        label: { zh: '数据应用提交', en: 'App submission' },
        reviewers: { role: 'platform-admin' },
        workdays: 5,
        fields: [
          {
            name: 'listedUntil',
            label: { zh: '展示有效期至', en: 'Listed until' },
            type: 'date',
            required: true,
          },
          { name: 'featured', label: { zh: '首页推荐', en: 'Featured' }, type: 'boolean' },
        ],
        dataFields: [
          { name: 'title', label: { zh: '应用名称', en: 'App name' } },
          { name: 'team', label: { zh: '开发团队', en: 'Team' } },
        ],
      });
      registry.declare({
        name: 'probe.data-application',
        label: { zh: '有条件开放数据申请', en: 'Conditional data application' },
        reviewers: { organisationAdmins: true },
        workdays: 5,
        dataFields: [
          { name: 'dataset', label: { zh: '申请数据集', en: 'Dataset' } },
          { name: 'reason', label: { zh: '申请理由', en: 'Reason' } },
          { name: 'contactPhone', label: { zh: '联系电话', en: 'Contact phone' } },
          {
            name: 'usage',
            label: { zh: '使用场景', en: 'Use' },
            values: { research: { zh: '科学研究', en: 'Research' } },
          },
        ],
        describe: (data) => `申请使用：${String(data.dataset)}`,
      });
    });
  },
  start(ctx) {
    api = ctx.plugins.review!;
  },
});

describe('review pages in the browser', () => {
  let test: TestKernel;
  let browser: Browser;
  let outDir: string;

  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'kaifang-review-theme-'));
    test = await createTestKernel({
      listen: true,
      theme: createViteTheme({ ...defaultTheme.options, outDir, logLevel: 'error' }),
      plugins: [
        // Plain http in the test: cookies without the Secure flag.
        authSso.configure({
          cookieSecure: false,
          admin: { loginName: 'admin', password: 'Dezhou-Open-2024' },
        }),
        review,
        owner,
      ],
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await test?.close();
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  /** Screenshots for a human to look at, only when REVIEW_SCREENSHOTS names a directory. */
  async function shoot(page: Page, name: string) {
    const dir = process.env.REVIEW_SCREENSHOTS;
    if (dir) await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
  }

  /** A browser tab signed in as `who` (session and crumb cookies from a real login). */
  async function tabAs(who: Awaited<ReturnType<typeof loginAs>>) {
    const tab = await newPage(browser);
    const cookies = who.headers.cookie.split('; ').map((pair) => {
      const [name = '', value = ''] = pair.split('=');
      return { name, value, url: test.url };
    });
    await tab.page.context().addCookies(cookies);
    return tab;
  }

  it('lets a reviewer return an item from the inbox and the applicant read the outcome', async () => {
    const applicant = await loginAs(test, { realName: '王五' });
    const reviewer = await loginAs(test, { roles: ['platform-admin'] });
    const item = await api!.submit({
      kind: 'probe.app-submission',
      targetId: 'app-1',
      applicantId: applicant.user.id,
      data: { title: '德州公交实时查询', team: '德州学院' },
    });

    const tab = await tabAs(reviewer);
    await tab.page.goto(`${test.url}/reviews/inbox`);
    const inbox = tab.page.locator('kf-review-inbox');
    await inbox.getByRole('link', { name: '德州公交实时查询' }).waitFor();
    const text = await renderedText(inbox);
    expect(text).toContain('数据应用提交');
    expect(text).toMatch(/剩余 \d+ 个工作日/);
    await expectNoSeriousA11yViolations(tab.page);
    await shoot(tab.page, 'review-inbox');

    await inbox.getByRole('link', { name: '德州公交实时查询' }).click();
    const page = tab.page.locator('kf-review-item');
    await page.getByText('开发团队').waitFor();
    expect(await renderedText(page)).toContain('应用名称 德州公交实时查询 开发团队 德州学院');
    await page.getByRole('radio', { name: '退回补正' }).check();
    await page.getByLabel('审核意见（不予通过或退回时必填）').fill('请补充应用截图');
    await page.getByRole('button', { name: '提交审核结果' }).click();
    await page.getByText('已退回').first().waitFor();
    expect(await renderedText(page)).toMatch(/审核意见 ?： ?请补充应用截图/);
    await shoot(tab.page, 'review-item');
    // Only the applicant may resubmit; the reviewer is not offered it.
    expect(await page.getByRole('button', { name: '补正后重新提交' }).count()).toBe(0);
    expect(tab.errors).toEqual([]);
    await tab.close();

    const mine = await tabAs(applicant);
    await mine.page.goto(`${test.url}/messages`);
    const centre = mine.page.locator('kf-message-centre');
    await centre.getByText('【退回补正】德州公交实时查询').waitFor();
    expect(await renderedText(centre)).toContain('未读 1');
    await centre.getByRole('button', { name: '标为已读' }).click();
    await centre.getByText('未读 0').waitFor();
    await shoot(mine.page, 'review-messages');
    expect(mine.errors).toEqual([]);
    expect((await api!.get(item.id))?.state).toBe('returned');
    await mine.close();
  });

  it('shows a platform admin an item of a kind they do not review, view-only, with labelled data', async () => {
    const applicant = await loginAs(test, { realName: '赵六' });
    const admin = await loginAs(test, { roles: ['platform-admin'] });
    const item = await api!.submit({
      kind: 'probe.data-application',
      targetId: 'dataset-42',
      targetOrganisationId: 'org-b',
      applicantId: applicant.user.id,
      data: {
        dataset: '企业登记信息',
        reason: '城市交通研究',
        contactPhone: '0534-1234567',
        usage: 'research',
        projectCode: 'DZ-2025-07',
      },
    });

    const tab = await tabAs(admin);
    await tab.page.goto(`${test.url}/reviews/inbox`);
    const inbox = tab.page.locator('kf-review-inbox');
    const row = inbox.getByRole('row', { name: /申请使用：企业登记信息/ });
    await row.waitFor();
    expect(await renderedText(row)).toContain('仅查看');
    // Narrowed to the kinds they review, the item is gone.
    await inbox.getByLabel('范围').selectOption('reviewable');
    await row.waitFor({ state: 'detached' });
    expect(new URL(tab.page.url()).searchParams.get('scope')).toBe('reviewable');
    await inbox.getByLabel('范围').selectOption('all');
    await row.getByRole('link').click();

    const page = tab.page.locator('kf-review-item');
    await page.getByText('申请理由').waitFor();
    const text = await renderedText(page);
    expect(text).toContain('申请数据集 企业登记信息 申请理由 城市交通研究 联系电话 0534-1234567');
    expect(text).toContain('使用场景 科学研究');
    expect(text).toContain('projectCode DZ-2025-07'); // no label declared: the key
    expect(text).not.toContain('contactPhone');
    expect(text).toContain('仅可查看');
    expect(await page.getByRole('button', { name: '提交审核结果' }).count()).toBe(0);
    await expectNoSeriousA11yViolations(tab.page);
    await shoot(tab.page, 'review-item-labels');

    // The same page in English.
    await tab.page.evaluate(() => localStorage.setItem('kaifang.locale', 'en'));
    await tab.page.reload();
    await page.getByText('Contact phone').waitFor();
    const english = await renderedText(page);
    expect(english).toContain(
      'Dataset 企业登记信息 Reason 城市交通研究 Contact phone 0534-1234567',
    );
    expect(english).toContain('Use Research');
    expect(english).toContain('View only');
    expect(tab.errors).toEqual([]);
    expect((await api!.get(item.id))?.state).toBe('submitted');
    await tab.close();
  });
  it('shows the values given with an approval under their labels, to the reviewer and the applicant', async () => {
    const applicant = await loginAs(test, { realName: '孙七' });
    const reviewer = await loginAs(test, { roles: ['platform-admin'] });
    const item = await api!.submit({
      kind: 'probe.app-submission',
      targetId: 'app-2',
      applicantId: applicant.user.id,
      data: { title: '德州空气质量地图', team: '德州职业技术学院' },
    });

    const tab = await tabAs(reviewer);
    await tab.page.goto(`${test.url}/reviews/${item.id}`);
    const page = tab.page.locator('kf-review-item');
    await page.getByRole('radio', { name: '通过', exact: true }).waitFor();
    await page.getByLabel('展示有效期至').fill('2026-06-30');
    await page.getByLabel('首页推荐').selectOption({ label: '是' });
    await page.getByLabel('审核意见（不予通过或退回时必填）').fill('同意上架');
    await page.getByRole('button', { name: '提交审核结果' }).click();
    const outcome = page.getByRole('region', { name: '办理结果' });
    await outcome.waitFor();
    expect(await renderedText(outcome)).toMatch(
      /已通过.*审核意见 ?： ?同意上架.*展示有效期至 2026-06-30 首页推荐 是/s,
    );
    expect(tab.errors).toEqual([]);
    await tab.close();

    const own = await tabAs(applicant);
    await own.page.goto(`${test.url}/reviews/${item.id}`);
    const mine = own.page.locator('kf-review-item');
    const section = mine.getByRole('region', { name: '办理结果' });
    await section.waitFor();
    expect(await renderedText(section)).toContain('展示有效期至 2026-06-30 首页推荐 是');
    await expectNoSeriousA11yViolations(own.page);
    await shoot(own.page, 'review-item-outcome');

    await own.page.evaluate(() => localStorage.setItem('kaifang.locale', 'en'));
    await own.page.reload();
    const english = mine.getByRole('region', { name: 'Outcome' });
    await english.waitFor();
    expect(await renderedText(english)).toContain('Listed until 2026-06-30 Featured yes');
    expect(own.errors).toEqual([]);
    expect((await api!.get(item.id))?.fields).toEqual({
      listedUntil: '2026-06-30',
      featured: true,
    });
    await own.close();
  });
});
