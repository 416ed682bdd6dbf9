/**
 * The Dezhou portal as a signed-in department admin sees it: real kernel, real auth-sso login
 * (through `signInBrowser`), real catalog data, the Dezhou theme.
 */
import authSso from '@kaifang/plugin-auth-sso';
import { loginAs } from '@kaifang/plugin-auth-sso/testing';
import catalog from '@kaifang/plugin-catalog';
import domains from '@kaifang/plugin-domains';
import { createTestKernel, type TestKernel } from '@kaifang/sdk/testing';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import dezhouTheme from '../../themes/dezhou/theme.ts';
import {
  expectNoSeriousA11yViolations,
  launchBrowser,
  newPage,
  renderedText,
  saveScreenshot,
  signInBrowser,
  testCopyOf,
  waitForShell,
} from './helpers.ts';

let test: TestKernel;
let browser: Browser;

beforeAll(async () => {
  test = await createTestKernel({
    plugins: [authSso.configure({ cookieSecure: false }), domains, catalog],
    theme: testCopyOf(dezhouTheme, 'signed-in'),
    listen: true,
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await test?.close();
});

it('shows the signed-in user in the header and the domain grid from the real catalog', async () => {
  const tab = await newPage(browser);
  try {
    const { user } = await signInBrowser(tab.page, test, {
      realName: '王晓明',
      roles: ['provider-admin'],
    });
    await tab.page.goto(test.url);
    await waitForShell(tab.page);
    await expect
      .poll(() => renderedText(tab.page.locator('kf-user-menu')))
      .toContain(user.realName);
    await expect.poll(() => renderedText(tab.page.locator('kf-domain-grid'))).toContain('交通出行');
    await expectNoSeriousA11yViolations(tab.page);
  } finally {
    await tab.close();
  }
});

it('lists the workbench pages of the signed-in user’s roles, and none a role may not use', async () => {
  const admin = await newPage(browser);
  const citizen = await newPage(browser);
  try {
    await signInBrowser(admin.page, test, { realName: '李慧', roles: ['platform-admin'] });
    // A new portal has no providing department yet: the platform admin is sent to add one.
    await admin.page.goto(`${test.url}/catalog/manage`);
    await waitForShell(admin.page);
    const manage = admin.page.locator('kf-catalog-manage');
    await expect.poll(() => renderedText(manage)).toContain('还没有数据提供部门');
    expect(await manage.getByRole('link', { name: '添加提供部门' }).getAttribute('href')).toBe(
      '/catalog/organisations',
    );
    const added = await test.inject({
      method: 'POST',
      url: '/api/v1/organizations',
      headers: (await loginAs(test, { roles: ['platform-admin'] })).headers,
      payload: { code: 'dzjtj', name: '德州市交通运输局' },
    });
    expect(added.statusCode, added.payload).toBe(201);
    await admin.page.goto(test.url);
    await waitForShell(admin.page);
    const menu = admin.page.locator('kf-user-menu');
    const button = menu.getByRole('button', { name: '工作台' });
    await button.waitFor();
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    await button.click();
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    await expectNoSeriousA11yViolations(admin.page);
    await saveScreenshot(admin.page, 'workbench-menu');
    await menu.getByRole('link', { name: '数据集管理' }).click();
    await admin.page.waitForURL('**/catalog/manage');
    await expect
      .poll(() => renderedText(admin.page.locator('kf-catalog-manage')))
      .toContain('新建数据集');
    expect(await button.getAttribute('aria-expanded')).toBe('false'); // closed by the navigation

    // Escape closes the list and gives the focus back to the button.
    await button.click();
    await admin.page.keyboard.press('Escape');
    expect(await button.getAttribute('aria-expanded')).toBe('false');

    // A resident has no administrator's page here, so no workbench at all.
    await signInBrowser(citizen.page, test, { realName: '张伟', roles: ['user'] });
    await citizen.page.goto(test.url);
    await waitForShell(citizen.page);
    await expect.poll(() => renderedText(citizen.page.locator('kf-user-menu'))).toContain('张伟');
    expect(await citizen.page.locator('kf-user-menu').getByRole('button').count()).toBe(0);
  } finally {
    await admin.close();
    await citizen.close();
  }
});
