import { createTestKernel, type TestKernel } from '@kaifang/sdk/testing';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectNoSeriousA11yViolations,
  launchBrowser,
  newPage,
  testCopyOf,
  waitForShell,
} from '../../../tests/browser/helpers.ts';
import defaultTheme from '../../../themes/default/theme.ts';
import auth from '../src/plugin.ts';
import { fakeIdNumber } from '../src/testing.ts';

describe('auth-sso pages in the default theme', () => {
  let test: TestKernel;
  let browser: Browser;
  beforeAll(async () => {
    test = await createTestKernel({
      listen: true,
      theme: testCopyOf(defaultTheme, 'auth-sso'),
      plugins: [
        // Plain http on 127.0.0.1 in the test, so the cookies cannot be Secure-only.
        auth.configure({
          cookieSecure: false,
          admin: { loginName: 'admin', password: 'Dezhou-Open-2024' },
        }),
      ],
    });
    browser = await launchBrowser();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await test?.close();
  });

  it('registers through /register, lands on /me, logs out, and logs in through /login', async () => {
    const tab = await newPage(browser);
    const { page } = tab;
    try {
      await page.goto(`${test.url}/register`);
      await waitForShell(page);
      const form = page.locator('kf-register-page');
      await form.locator('input[name=loginName]').fill('browseruser');
      await form.locator('input[name=password]').fill('weak');
      await form.locator('input[name=realName]').fill('陈九');
      await form.locator('input[name=idNumber]').fill(fakeIdNumber());
      await form.locator('select[name=gender]').selectOption('female');
      await form.locator('input[name=mobile]').fill('13712345678');
      await form.locator('input[name=email]').fill('chen@example.org');
      await form.locator('input[name=acceptAgreement]').check();
      await expectNoSeriousA11yViolations(page);
      await form.locator('button[type=submit]').click();
      // The server's message names the field; the page shows it.
      await expect.poll(() => form.locator('[part=error]').textContent()).toContain('"password"');

      await form.locator('input[name=password]').fill('Browser#2024');
      await form.locator('button[type=submit]').click();
      await page.waitForURL(`${test.url}/me`);
      await waitForShell(page);
      const me = page.locator('kf-me-page');
      await expect.poll(() => me.locator('[part=login-name]').textContent()).toBe('browseruser');
      await expect.poll(() => me.locator('input[name=mobile]').inputValue()).toBe('13712345678');

      await me.getByRole('button', { name: '退出登录' }).click();
      await page.waitForURL(`${test.url}/`);
      await page.goto(`${test.url}/login`);
      await waitForShell(page);
      // Login needs the crumb: with the cookie gone since the page loaded, the page fetches one.
      await page.context().clearCookies({ name: 'crumb' });
      const login = page.locator('kf-login-page');
      await login.locator('input[name=loginName]').fill('browseruser');
      await login.locator('input[name=password]').fill('Browser#2024');
      await login.locator('button[type=submit]').click();
      await page.waitForURL(`${test.url}/me`);
      await expect
        .poll(() => page.locator('kf-me-page [part=login-name]').textContent())
        .toBe('browseruser');
    } finally {
      await tab.close();
    }
  });
});
