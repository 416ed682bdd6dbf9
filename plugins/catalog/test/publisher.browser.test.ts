/**
 * The publisher's pages in a real portal: real kernel, auth-sso, domains, the catalog with the
 * Dezhou demo, the default theme, chromium. A department admin manages their organisation's
 * datasets (/catalog/manage), creates one through the form (/catalog/new) after a refused
 * attempt, edits it (/catalog/:id/edit), and is told why publishing is refused; a guest gets
 * neither the pages nor the edit link.
 */
import { fileURLToPath } from 'node:url';
import { type LoggedIn, loginAs } from '@kaifang/plugin-auth-sso/testing';
import { Boom, definePlugin } from '@kaifang/sdk';
import { createTestKernel, type TestKernel } from '@kaifang/sdk/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import dezhouDemo from '../../../examples/dezhou/demo/plugin.ts';
import { DEZHOU_SCENARIOS } from '../../../examples/dezhou/scenarios.ts';
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
import auth from '../../auth-sso/src/plugin.ts';
import domains from '../../domains/src/plugin.ts';
import catalog from '../src/plugin.ts';

/**
 * Stands in for data-security: a page at `/data-security/:id` and, like the real plugin, a
 * 409 naming its review route for a publication an admin asks for directly.
 */
const security = definePlugin({
  name: 'securityfix',
  version: '0.1.0',
  kernel: '^0.1.0',
  requires: { catalog: '^0.1.0' },
  ui: {
    pages: [
      {
        path: '/data-security/:id',
        element: 'kf-test-security-page',
        module: fileURLToPath(new URL('./fixtures/security-page.ts', import.meta.url)),
        title: { zh: '数据安全审查', en: 'Data security review' },
      },
    ],
  },
  register(ctx) {
    ctx.pluginHooks.catalog!.beforeDatasetSave.tapPromise(ctx.name, async (input, context) => {
      const existing = context.existing;
      if (existing && input.state === 'published' && existing.state !== 'published')
        throw Boom.conflict(
          `dataset ${existing.id} is published through the security review: submit it with POST /api/v1/data-security/datasets/${existing.id}/submit`,
        );
      return input;
    });
  },
});

describe('the publisher pages', () => {
  let test: TestKernel;
  let browser: Browser;
  let jtj: string;
  let platform: LoggedIn;
  const ownDraft = '德州市停车场泊位信息';
  const otherDraft = '德州市药店分布信息';
  let createdId = '';

  const host = (page: Page, tag: string) => page.locator(tag);

  beforeAll(async () => {
    test = await createTestKernel({
      listen: true,
      theme: testCopyOf(defaultTheme, 'catalog-publisher'),
      plugins: [
        auth.configure({
          cookieSecure: false,
          admin: { loginName: 'admin', password: 'Dezhou-Open-2024' },
        }),
        domains.configure({ scenarios: [...DEZHOU_SCENARIOS] }),
        catalog,
        dezhouDemo,
        security,
      ],
    });
    browser = await launchBrowser();
    const orgs = (await test.inject('/api/v1/organizations')).json().items as {
      id: string;
      code: string;
    }[];
    jtj = orgs.find((o) => o.code === 'jtj')!.id;
    const wjw = orgs.find((o) => o.code === 'wjw')!.id;
    platform = await loginAs(test, { roles: ['user', 'platform-admin'] });
    for (const [title, organizationId, domain] of [
      [ownDraft, jtj, 'transport'],
      [otherDraft, wjw, 'health'],
    ] as const) {
      const created = await test.inject({
        method: 'POST',
        url: '/api/v1/datasets',
        headers: platform.headers,
        payload: {
          title,
          organizationId,
          domains: [domain],
          openType: 'unconditional',
          updateCycle: 'monthly',
          updateMethod: 'full',
        },
      });
      expect(created.statusCode, created.payload).toBe(201);
    }
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await test?.close();
  });

  it('lets a department admin find their drafts, create a dataset after a refused attempt, and edit it', async () => {
    const tab = await newPage(browser);
    const { page } = tab;
    try {
      await signInBrowser(page, test, {
        realName: '王晓明',
        roles: ['user', 'provider-admin'],
        organisationId: jtj,
      });
      await page.goto(`${test.url}/catalog/manage`);
      const manage = host(page, 'kf-catalog-manage');
      await expect.poll(() => renderedText(manage), { timeout: 30_000 }).toContain(ownDraft);
      const listed = await renderedText(manage);
      expect(listed).toContain('德州市交通运输局的全部数据集');
      expect(listed).toContain('草稿');
      expect(listed).toContain('德州市公交线路信息');
      expect(listed).not.toContain(otherDraft);
      expect(listed).not.toContain('德州市卫生健康委员会');
      // The security review page exists on this portal, the data upload page does not.
      const row = manage.getByRole('row', { name: new RegExp(ownDraft) });
      await expect.poll(() => row.getByRole('link', { name: `编辑 ${ownDraft}` }).count()).toBe(1);
      expect(await row.getByRole('link', { name: `安全审查 ${ownDraft}` }).count()).toBe(1);
      expect(await row.getByRole('link', { name: /上传数据/ }).count()).toBe(0);
      // A provider admin has one organisation: no organisation filter.
      expect(await manage.getByLabel('提供部门').count()).toBe(0);
      await expectNoSeriousA11yViolations(page);
      await saveScreenshot(page, 'catalog-manage');

      // The keyword box narrows the list.
      await manage.getByLabel('关键词').fill('停车场');
      await manage.getByRole('button', { name: '筛选' }).click();
      await page.waitForURL(/\/catalog\/manage\?q=/);
      await expect.poll(() => renderedText(manage)).toContain('共 1 个数据集');

      await manage.getByRole('link', { name: '新建数据集' }).click();
      await page.waitForURL(/\/catalog\/new$/);
      const editor = host(page, 'kf-dataset-editor');
      await expect.poll(() => renderedText(editor), { timeout: 30_000 }).toContain('新建数据集');
      // The organisation is theirs, not a choice.
      expect(await renderedText(editor)).toContain('德州市交通运输局');
      expect(await editor.locator('select#f-organizationId').count()).toBe(0);

      // A title one character long: the server refuses and names the field.
      await editor.getByLabel('标题').fill('车');
      await editor.getByLabel('描述').fill('城区共享单车的停放点位置和容量。');
      await editor.getByRole('checkbox', { name: '交通出行' }).check();
      await editor.getByRole('checkbox', { name: '交通', exact: true }).check();
      await editor.getByLabel('标签').fill('单车，停放点');
      await editor.getByLabel('更新周期').selectOption({ label: '每周' });
      await editor.getByLabel('更新方式').selectOption({ label: '主键更新' });
      await editor.getByLabel('联系电话').fill('0534-2612345');
      await editor.getByRole('button', { name: '添加数据项' }).click();
      await editor.getByLabel('第 1 项 字段名').fill('status');
      await editor.getByLabel('status 中文名称').fill('状态');
      await editor.getByLabel('status 字典项').fill('1=运营\n0=停用');
      await editor.getByRole('button', { name: '保存草稿' }).click();
      const titleError = editor.locator('#error-title');
      // In the page's language: the server words its 400 in Chinese for a Chinese page.
      await expect.poll(() => titleError.textContent()).toContain('“title”');
      expect(await titleError.textContent()).toContain('至少 2 个字符');
      expect(await editor.getByRole('alert').textContent()).toContain('标题');
      const title = editor.getByLabel('标题');
      expect(await title.getAttribute('aria-invalid')).toBe('true');
      await expect
        .poll(() => title.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement))
        .toBe(true);
      // Everything typed is still there.
      expect(await title.inputValue()).toBe('车');
      expect(await editor.getByLabel('描述').inputValue()).toBe('城区共享单车的停放点位置和容量。');
      expect(await editor.getByRole('checkbox', { name: '交通出行' }).isChecked()).toBe(true);
      expect(await editor.getByLabel('status 字典项').inputValue()).toBe('1=运营\n0=停用');
      await expectNoSeriousA11yViolations(page);
      await saveScreenshot(page, 'dataset-editor-refused');

      await title.fill('德州市共享单车停放点');
      await editor.getByRole('checkbox', { name: /^状态 status$/ }).check();
      await editor.getByRole('button', { name: '保存草稿' }).click();
      await page.waitForURL(/\/catalog\/[0-9a-f-]{36}\/edit\?created=1$/);
      createdId = /\/catalog\/([0-9a-f-]{36})\/edit/.exec(page.url())![1]!;
      const edit = host(page, 'kf-dataset-editor');
      await expect.poll(() => renderedText(edit), { timeout: 30_000 }).toContain('数据集已创建');
      expect(await edit.getByLabel('标题').inputValue()).toBe('德州市共享单车停放点');

      // The labels of the fields matter most: change one, and the title.
      await edit.getByLabel('标题').fill('德州市共享单车停放点分布');
      await edit.getByLabel('status 中文名称').fill('运营状态');
      await edit.getByRole('button', { name: '保存', exact: true }).click();
      await expect.poll(() => renderedText(edit)).toContain('已保存');
      await expectNoSeriousA11yViolations(page);
      await saveScreenshot(page, 'dataset-editor-edit');
      const stored = (
        await test.inject({ url: `/api/v1/datasets/${createdId}`, headers: platform.headers })
      ).json();
      expect(stored).toMatchObject({
        title: '德州市共享单车停放点分布',
        description: '城区共享单车的停放点位置和容量。',
        state: 'draft',
        organization: { id: jtj },
        domains: [{ code: 'transport' }],
        scenarios: [{ code: 'traffic' }],
        tags: ['单车', '停放点'],
        updateCycle: 'weekly',
        updateMethod: 'primary-key',
        primaryKey: ['status'],
        contact: { phone: '0534-2612345' },
        licence: { code: 'open-unconditional-1.0' },
        fields: [
          {
            name: 'status',
            label: '运营状态',
            type: 'string',
            dictionary: [
              { code: '1', label: '运营' },
              { code: '0', label: '停用' },
            ],
          },
        ],
      });

      await page.goto(`${test.url}/catalog/manage`);
      await expect
        .poll(() => renderedText(manage), { timeout: 30_000 })
        .toContain('德州市共享单车停放点分布');
      const newRow = manage.getByRole('row', { name: /德州市共享单车停放点分布/ });
      expect(await renderedText(newRow)).toContain('草稿');

      // The dataset page offers them the editor.
      await newRow.getByRole('link', { name: '德州市共享单车停放点分布', exact: true }).click();
      const detail = host(page, 'kf-dataset-page');
      await expect.poll(() => renderedText(detail), { timeout: 30_000 }).toContain('主键 status');
      const editLink = detail.getByRole('link', { name: '编辑', exact: true });
      expect(await editLink.getAttribute('href')).toBe(`/catalog/${createdId}/edit`);
      expect(await renderedText(detail)).toContain('草稿');
      await expectNoSeriousA11yViolations(page);
      await saveScreenshot(page, 'dataset-page-editor-links');
      await detail.getByRole('tab', { name: '数据项' }).click();
      await expect.poll(() => renderedText(detail)).toContain('运营状态');
      // The browser logs the refused save (400); nothing else may fail.
      expect(tab.errors.filter((error) => !error.includes('status of 400'))).toEqual([]);
    } finally {
      await tab.close();
    }
  });

  it('shows a refused publication with the way to the review, and deletes after confirmation', async () => {
    expect(createdId).not.toBe('');
    const tab = await newPage(browser);
    const { page } = tab;
    try {
      await signInBrowser(page, test, { roles: ['user', 'provider-admin'], organisationId: jtj });
      await page.goto(`${test.url}/catalog/${createdId}/edit`);
      const edit = host(page, 'kf-dataset-editor');
      await expect.poll(() => renderedText(edit), { timeout: 30_000 }).toContain('发布状态');
      await edit
        .getByRole('combobox', { name: '状态', exact: true })
        .selectOption({ label: '已发布' });
      await edit.getByRole('button', { name: '保存', exact: true }).click();
      const alert = edit.getByRole('alert');
      await expect.poll(() => alert.textContent()).toContain('security review');
      const review = alert.getByRole('link', { name: '前往数据安全审查' });
      expect(await review.getAttribute('href')).toBe(`/data-security/${createdId}`);
      expect(
        (
          await test.inject({ url: `/api/v1/datasets/${createdId}`, headers: platform.headers })
        ).json().state,
      ).toBe('draft');
      await expectNoSeriousA11yViolations(page);
      await saveScreenshot(page, 'dataset-editor-publication-refused');

      await edit.getByRole('button', { name: '删除数据集' }).click();
      const dialog = edit.getByRole('dialog');
      await expect.poll(() => dialog.textContent()).toContain('德州市共享单车停放点分布');
      await expectNoSeriousA11yViolations(page);
      await dialog.getByRole('button', { name: '取消' }).click();
      expect(await dialog.isVisible()).toBe(false);
      await edit.getByRole('button', { name: '删除数据集' }).click();
      await dialog.getByRole('button', { name: '确认删除' }).click();
      await page.waitForURL(/\/catalog\/manage$/);
      expect(
        (await test.inject({ url: `/api/v1/datasets/${createdId}`, headers: platform.headers }))
          .statusCode,
      ).toBe(404);
      // The browser logs the refused publication (409); nothing else may fail.
      expect(tab.errors.filter((error) => !error.includes('status of 409'))).toEqual([]);
    } finally {
      await tab.close();
    }
  });

  it("refuses a save over somebody else's change, keeps what was typed, and reloads the latest version", async () => {
    const created = await test.inject({
      method: 'POST',
      url: '/api/v1/datasets',
      headers: platform.headers,
      payload: {
        title: '德州市充电桩分布信息',
        organizationId: jtj,
        domains: ['transport'],
        openType: 'unconditional',
        updateCycle: 'monthly',
        updateMethod: 'full',
      },
    });
    expect(created.statusCode, created.payload).toBe(201);
    const id: string = created.json().id;
    const tab = await newPage(browser);
    const { page } = tab;
    try {
      await signInBrowser(page, test, { roles: ['user', 'provider-admin'], organisationId: jtj });
      await page.goto(`${test.url}/catalog/${id}/edit`);
      const edit = host(page, 'kf-dataset-editor');
      const title = edit.getByLabel('标题');
      await expect.poll(() => title.inputValue(), { timeout: 30_000 }).toBe('德州市充电桩分布信息');
      await title.fill('德州市新能源汽车充电桩分布');
      await edit.getByLabel('描述').fill('公共充电桩的位置与数量。');

      // Meanwhile a colleague saves through the API.
      const other = await test.inject({
        method: 'PATCH',
        url: `/api/v1/datasets/${id}`,
        headers: platform.headers,
        payload: { title: '德州市公共充电设施信息' },
      });
      expect(other.statusCode, other.payload).toBe(200);

      await edit.getByRole('button', { name: '保存', exact: true }).click();
      const stale = edit.locator('#stale');
      await expect.poll(() => renderedText(stale)).toContain('其他人修改了它');
      expect(await stale.getAttribute('role')).toBe('alert');
      // Nothing was overwritten, and nothing typed is lost.
      expect(await title.inputValue()).toBe('德州市新能源汽车充电桩分布');
      expect(await edit.getByLabel('描述').inputValue()).toBe('公共充电桩的位置与数量。');
      const stored = (
        await test.inject({ url: `/api/v1/datasets/${id}`, headers: platform.headers })
      ).json();
      expect(stored).toMatchObject({
        title: '德州市公共充电设施信息',
        description: '',
        version: 2,
      });
      const reload = stale.getByRole('button', { name: '重新加载最新版本' });
      expect(await renderedText(stale)).toContain('尚未保存的修改会被替换');
      await expectNoSeriousA11yViolations(page);
      await saveScreenshot(page, 'dataset-editor-stale');

      await reload.click();
      await expect
        .poll(() => title.inputValue(), { timeout: 30_000 })
        .toBe('德州市公共充电设施信息');
      expect(await edit.getByLabel('描述').inputValue()).toBe('');
      expect(await renderedText(edit)).toContain('已加载最新版本');
      expect(await edit.locator('#stale').count()).toBe(0);
      // Saving again, now over the latest version, goes through.
      await title.fill('德州市公共充电设施分布');
      await edit.getByRole('button', { name: '保存', exact: true }).click();
      await expect.poll(() => renderedText(edit)).toContain('已保存');
      expect(
        (await test.inject({ url: `/api/v1/datasets/${id}`, headers: platform.headers })).json(),
      ).toMatchObject({ title: '德州市公共充电设施分布', version: 3 });
      // The browser logs the refused save (412); nothing else may fail.
      expect(tab.errors.filter((error) => !error.includes('status of 412'))).toEqual([]);
    } finally {
      await tab.close();
    }
  });

  it('gives a platform admin every organisation, with a filter', async () => {
    const tab = await newPage(browser);
    const { page } = tab;
    try {
      await signInBrowser(page, test, { roles: ['user', 'platform-admin'] });
      await page.goto(`${test.url}/catalog/manage?state=draft`);
      const manage = host(page, 'kf-catalog-manage');
      await expect.poll(() => renderedText(manage), { timeout: 30_000 }).toContain(otherDraft);
      expect(await renderedText(manage)).toContain(ownDraft);
      await manage.getByLabel('提供部门').selectOption({ label: '德州市交通运输局' });
      await manage.getByRole('button', { name: '筛选' }).click();
      await page.waitForURL(/org=/);
      // Both at once: while the filtered list loads, neither draft is shown.
      await expect
        .poll(async () => {
          const text = await renderedText(manage);
          return text.includes(ownDraft) && !text.includes(otherDraft);
        })
        .toBe(true);
      await expectNoSeriousA11yViolations(page);
      await saveScreenshot(page, 'catalog-manage-platform');

      // In English, and the editor offers them every organisation.
      await page.locator('kf-lang-switch').getByRole('button').click();
      await expect.poll(() => renderedText(manage)).toContain('Manage datasets');
      expect(await renderedText(manage)).toContain('Draft');
      await manage.getByRole('link', { name: 'New dataset' }).click();
      const editor = host(page, 'kf-dataset-editor');
      await expect.poll(() => renderedText(editor), { timeout: 30_000 }).toContain('Data items');
      const organisation = editor.getByRole('combobox', { name: 'Organisation' });
      expect(await organisation.locator('option').count()).toBeGreaterThan(20);
      expect(await editor.getByRole('checkbox', { name: 'Transport' }).count()).toBe(1);
      await editor.getByRole('button', { name: 'Save draft' }).click();
      await expect.poll(() => renderedText(editor)).toContain('"organizationId" is required');
      await expectNoSeriousA11yViolations(page);
      await saveScreenshot(page, 'dataset-editor-en');
    } finally {
      await tab.close();
    }
  });

  it('shows a guest neither the edit link nor the pages', async () => {
    const tab = await newPage(browser);
    const { page } = tab;
    try {
      const bus = (
        (await (
          await fetch(`${test.url}/api/v1/datasets?q=${encodeURIComponent('公交线路')}`)
        ).json()) as { items: { id: string }[] }
      ).items[0]!;
      await page.goto(`${test.url}/catalog/${bus.id}`);
      const detail = host(page, 'kf-dataset-page');
      await expect
        .poll(() => renderedText(detail), { timeout: 30_000 })
        .toContain('德州市公交线路信息');
      expect(await detail.getByRole('link', { name: '编辑' }).count()).toBe(0);
      expect(await detail.getByRole('link', { name: '数据集管理' }).count()).toBe(0);

      await page.goto(`${test.url}/catalog/manage`);
      const manage = host(page, 'kf-catalog-manage');
      await expect
        .poll(() => renderedText(manage), { timeout: 30_000 })
        .toContain('请以管理员身份登录');
      expect(
        await manage.getByRole('link', { name: '以管理员身份登录' }).getAttribute('href'),
      ).toBe('/login?returnTo=%2Fcatalog%2Fmanage');
      await expectNoSeriousA11yViolations(page);
      await saveScreenshot(page, 'catalog-manage-guest');

      await page.goto(`${test.url}/catalog/new`);
      const editor = host(page, 'kf-dataset-editor');
      await expect
        .poll(() => renderedText(editor), { timeout: 30_000 })
        .toContain('请以管理员身份登录');
      expect(await editor.locator('form').count()).toBe(0);
      // The shell asks GET /api/v1/me, which answers 401 to a guest; nothing else may fail.
      expect(tab.errors.filter((error) => !error.includes('401'))).toEqual([]);
    } finally {
      await tab.close();
    }
  });
});
