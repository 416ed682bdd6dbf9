/**
 * 提供部门管理 (/catalog/organisations) in a real portal: real kernel, auth-sso, domains, the
 * catalog with the Dezhou demo, the default theme, chromium. A platform admin opens it from the
 * 工作台 menu, adds a department after a refused attempt (no name), edits its short name and
 * sees both in the table; a provider admin is told the page is not theirs.
 */
import { type LoggedIn, loginAs } from '@kaifang/plugin-auth-sso/testing';
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
  signInBrowser,
  testCopyOf,
  waitForShell,
} from '../../../tests/browser/helpers.ts';
import defaultTheme from '../../../themes/default/theme.ts';
import auth from '../../auth-sso/src/plugin.ts';
import domains from '../../domains/src/plugin.ts';
import catalog from '../src/plugin.ts';

interface Organisation {
  id: string;
  code: string;
  name: string;
  shortName: string | null;
  description: string;
  contact: Record<string, string>;
  order: number;
  datasetCount: number;
}

describe('the providing departments page', () => {
  let test: TestKernel;
  let browser: Browser;
  let platform: LoggedIn;
  let jtj: Organisation;

  const organisations = async (headers: Record<string, string> = {}) =>
    (await test.inject({ url: '/api/v1/organizations', headers })).json() as {
      items: Organisation[];
      can: { manage: boolean };
    };

  beforeAll(async () => {
    test = await createTestKernel({
      listen: true,
      theme: testCopyOf(defaultTheme, 'catalog-organisations'),
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
    platform = await loginAs(test, { roles: ['user', 'platform-admin'] });
    jtj = (await organisations()).items.find((o) => o.code === 'jtj')!;
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await test?.close();
  });

  it('tells who may manage them, and removes a short name sent as null', async () => {
    expect((await organisations()).can).toEqual({ manage: false });
    expect((await organisations(platform.headers)).can).toEqual({ manage: true });
    const provider = await loginAs(test, {
      roles: ['user', 'provider-admin'],
      organisationId: jtj.id,
    });
    expect((await organisations(provider.headers)).can).toEqual({ manage: false });

    const created = await test.inject({
      method: 'POST',
      url: '/api/v1/organizations',
      headers: platform.headers,
      payload: { code: 'short-name-test', name: '简称测试局', shortName: '简称' },
    });
    expect(created.statusCode, created.payload).toBe(201);
    const id = created.json().id as string;
    const kept = await test.inject({
      method: 'PATCH',
      url: `/api/v1/organizations/${id}`,
      headers: platform.headers,
      payload: { order: 7 },
    });
    expect(kept.json()).toMatchObject({ shortName: '简称', order: 7 });
    const removed = await test.inject({
      method: 'PATCH',
      url: `/api/v1/organizations/${id}`,
      headers: platform.headers,
      payload: { shortName: null },
    });
    expect(removed.statusCode, removed.payload).toBe(200);
    expect(removed.json()).toMatchObject({ shortName: null, order: 7 });
    // No delete: datasets refer to their organisation.
    const deleted = await test.inject({
      method: 'DELETE',
      url: `/api/v1/organizations/${id}`,
      headers: platform.headers,
    });
    expect(deleted.statusCode).toBe(404);
  });

  it('lets a platform admin add a department after a refused attempt and edit it', async () => {
    const tab = await newPage(browser);
    const { page } = tab;
    try {
      await signInBrowser(page, test, { realName: '李慧', roles: ['user', 'platform-admin'] });
      await page.goto(test.url);
      await waitForShell(page);
      const menu = page.locator('kf-user-menu');
      const workbench = menu.getByRole('button', { name: '工作台' });
      await workbench.waitFor();
      await workbench.click();
      await menu.getByRole('link', { name: '提供部门管理' }).click();
      await page.waitForURL('**/catalog/organisations');

      const admin = page.locator('kf-organisation-admin');
      await expect.poll(() => renderedText(admin), { timeout: 30_000 }).toContain(jtj.name);
      const jtjRow = admin.getByRole('row', { name: new RegExp(jtj.name) });
      const jtjText = await renderedText(jtjRow);
      expect(jtjText).toContain('jtj');
      expect(jtjText).toContain(String(jtj.datasetCount));
      expect(jtj.datasetCount).toBeGreaterThan(0);

      // No name: the server refuses and names the field; the page puts it under 名称.
      const add = admin.getByRole('form', { name: '添加提供部门' });
      await add.getByLabel('代码').fill('daj');
      await add.getByLabel('简称').fill('档案馆');
      await add.getByLabel('描述').fill('收集、保管全市档案并提供利用。');
      await add.getByLabel('联系电话').fill('0534-2688000');
      await add.getByLabel('排序').fill('5');
      await add.getByRole('button', { name: '添加' }).click();
      const nameError = add.locator('#error-add-name');
      await expect.poll(() => nameError.textContent()).toContain('“name”');
      const name = add.getByLabel('名称');
      expect(await name.getAttribute('aria-invalid')).toBe('true');
      expect(await name.getAttribute('aria-describedby')).toContain('error-add-name');
      expect(await add.getByRole('alert').textContent()).toContain('名称');
      await expect
        .poll(() => name.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement))
        .toBe(true);
      // Everything typed is still there.
      expect(await add.getByLabel('代码').inputValue()).toBe('daj');
      expect(await add.getByLabel('描述').inputValue()).toBe('收集、保管全市档案并提供利用。');
      expect(await add.getByLabel('排序').inputValue()).toBe('5');
      await expectNoSeriousA11yViolations(page);
      await saveScreenshot(page, 'organisations-refused');

      await name.fill('德州市档案馆');
      await add.getByRole('button', { name: '添加' }).click();
      await expect.poll(() => renderedText(admin)).toContain('已添加提供部门“德州市档案馆”');
      const row = admin.getByRole('row', { name: /德州市档案馆/ });
      await expect.poll(() => renderedText(row)).toContain('daj');
      // Cells after the name: short name, code, order, published datasets.
      const shortNameCell = async () => (await row.getByRole('cell').first().textContent())?.trim();
      expect(await shortNameCell()).toBe('档案馆');
      // The add form is empty again.
      expect(await add.getByLabel('名称').inputValue()).toBe('');

      await row.getByRole('button', { name: '编辑 德州市档案馆' }).click();
      const edit = admin.getByRole('form', { name: '编辑提供部门：德州市档案馆' });
      const shortName = edit.getByLabel('简称');
      expect(await shortName.inputValue()).toBe('档案馆');
      expect(await edit.getByLabel('联系电话').inputValue()).toBe('0534-2688000');
      await shortName.fill('市档案馆');
      await edit.getByRole('button', { name: '保存' }).click();
      await expect.poll(() => renderedText(admin)).toContain('已保存提供部门“德州市档案馆”');
      await expect.poll(shortNameCell).toBe('市档案馆');
      expect(await renderedText(row)).toContain('daj');
      expect(await admin.getByRole('form', { name: /编辑提供部门/ }).count()).toBe(0);
      await expectNoSeriousA11yViolations(page);
      await saveScreenshot(page, 'organisations');

      const stored = (await organisations()).items.find((o) => o.code === 'daj');
      expect(stored).toMatchObject({
        name: '德州市档案馆',
        shortName: '市档案馆',
        description: '收集、保管全市档案并提供利用。',
        contact: { phone: '0534-2688000' },
        order: 5,
        datasetCount: 0,
      });
      // The browser logs the refused add (400); nothing else may fail.
      expect(tab.errors.filter((error) => !error.includes('status of 400'))).toEqual([]);
    } finally {
      await tab.close();
    }
  });

  it('tells a provider admin that the page is for platform administrators', async () => {
    const tab = await newPage(browser);
    const { page } = tab;
    try {
      await signInBrowser(page, test, {
        realName: '王晓明',
        roles: ['user', 'provider-admin'],
        organisationId: jtj.id,
      });
      await page.goto(test.url);
      await waitForShell(page);
      // Their 工作台 does not list the page…
      const menu = page.locator('kf-user-menu');
      const workbench = menu.getByRole('button', { name: '工作台' });
      await workbench.waitFor();
      await workbench.click();
      await menu.getByRole('link', { name: '数据集管理' }).waitFor();
      expect(await menu.getByRole('link', { name: '提供部门管理' }).count()).toBe(0);
      // …and the page, opened anyway, says why there is nothing to do.
      await page.goto(`${test.url}/catalog/organisations`);
      const admin = page.locator('kf-organisation-admin');
      await expect
        .poll(() => renderedText(admin), { timeout: 30_000 })
        .toContain('提供部门管理仅供平台管理员使用');
      expect(await admin.getByRole('form').count()).toBe(0);
      expect(await admin.getByRole('table').count()).toBe(0);
      await expectNoSeriousA11yViolations(page);
      await saveScreenshot(page, 'organisations-refused-provider');
      expect(tab.errors).toEqual([]);
    } finally {
      await tab.close();
    }
  });
});
