/**
 * The Dezhou portal as a signed-in department admin sees it: real kernel, real auth-sso login
 * (through `signInBrowser`), real catalog data, the Dezhou theme.
 */
import authSso from '@kaifang/plugin-auth-sso';
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
