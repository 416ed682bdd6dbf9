/**
 * The theme as the real kernel builds and serves it (through the SDK's test harness):
 * caching headers, the SPA fallback, `/api/site` read at run time, and the page itself.
 */
import { createTestKernel, TEST_SITE, type TestKernel } from '@kaifang/sdk/testing';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import dezhouTheme from '../../themes/dezhou/theme.ts';
import {
  expectNoSeriousA11yViolations,
  launchBrowser,
  newPage,
  renderedText,
  testCopyOf,
  waitForShell,
} from './helpers.ts';

describe('the Dezhou theme served by the kernel', () => {
  let kernel: TestKernel;
  let browser: Browser;

  beforeAll(async () => {
    // The kernel builds the theme itself (ensureBuilt with its pages and site) at boot.
    const theme = testCopyOf(dezhouTheme, 'kernel');
    kernel = await createTestKernel({ plugins: [], theme, listen: true });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await kernel?.close();
  });

  it('serves index.html uncached, hashed assets immutable, and client routes as the shell', async () => {
    const index = await fetch(kernel.url);
    expect(index.status).toBe(200);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const html = await index.text();
    const script = html.match(/src="(\/assets\/[^"]+\.js)"/)?.[1];
    expect(script).toBeTruthy();

    const asset = await fetch(kernel.url + script);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-type')).toMatch(/javascript/);

    const deep = await fetch(`${kernel.url}/catalog/42?q=1`);
    expect(deep.status).toBe(200);
    expect(await deep.text()).toBe(html);

    const missingApi = await fetch(`${kernel.url}/api/v1/no-such-thing`);
    expect(missingApi.status).toBe(404);

    // The build's bookkeeping sits in the served directory but is never served.
    const manifest = await fetch(`${kernel.url}/.kaifang-build.json`);
    expect(manifest.status).toBe(404);
  });

  it('renders the portal with the site info the kernel answers', async () => {
    const tab = await newPage(browser);
    try {
      await tab.page.goto(kernel.url);
      await waitForShell(tab.page);
      const name = TEST_SITE.name.zh;
      await expect.poll(() => renderedText(tab.page.locator('kf-header'))).toContain(name);
      expect(await renderedText(tab.page.locator('kf-footer'))).toContain(TEST_SITE.contact.email);
      await expect.poll(() => tab.page.title()).toBe(name);
      await expectNoSeriousA11yViolations(tab.page);
      expect(tab.errors).toEqual([]);
    } finally {
      await tab.close();
    }
  });
});
