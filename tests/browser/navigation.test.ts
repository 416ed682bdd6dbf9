/**
 * Client-side routing in the shell: the main navigation, sections no plugin provides yet,
 * 404, the search box, a plugin's pages (mounted, routed with parameters, styled by the
 * theme's tokens), keyboard access and the login state.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import defaultTheme from '../../themes/default/theme.ts';
import dezhouTheme from '../../themes/dezhou/theme.ts';
import {
  buildTheme,
  expectNoSeriousA11yViolations,
  launchBrowser,
  newPage,
  renderedText,
  SAMPLE_API,
  type ServedTheme,
  serveTheme,
  signedInAs,
  type TestPage,
  waitForShell,
} from './helpers.ts';

let browser: Browser;
let server: ServedTheme;
let tab: TestPage;

beforeAll(async () => {
  const outDir = await buildTheme(defaultTheme, 'navigation');
  server = await serveTheme(outDir, SAMPLE_API);
  browser = await launchBrowser();
});

afterEach(async () => {
  await tab?.close();
  server.setApi(SAMPLE_API);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(path = '/'): Promise<Page> {
  tab = await newPage(browser);
  await tab.page.goto(server.url + path);
  await waitForShell(tab.page);
  return tab.page;
}

function pathOf(page: Page): string {
  const url = new URL(page.url());
  return url.pathname + url.search;
}

function nav(page: Page) {
  return page.getByRole('navigation', { name: '主导航' });
}

describe('the main navigation', () => {
  it('routes every section without reloading the page, and marks the current one', async () => {
    const page = await open();
    // A full reload would lose this marker.
    await page.evaluate(() => {
      (window as unknown as { marker: boolean }).marker = true;
    });
    const sections: [string, string][] = [
      ['数据目录', '/catalog'],
      ['数据接口', '/apis'],
      ['数据应用', '/applications'],
      ['互动交流', '/interaction'],
      ['政策动态', '/news'],
      ['个人中心', '/me'],
    ];
    for (const [label, path] of sections) {
      await nav(page).getByRole('link', { name: label, exact: true }).click();
      await page.waitForURL(`**${path}`);
      const outlet = page.locator('kf-outlet');
      await expect.poll(() => renderedText(outlet)).toContain('栏目建设中');
      expect(await renderedText(outlet)).toContain(`“${label}”栏目尚未开通`);
      expect(await page.title()).toBe(`${label} - 德州市公共数据开放网`);
      const current = nav(page).locator('a[aria-current="page"]');
      expect(await renderedText(current)).toBe(label);
    }
    await nav(page).getByRole('link', { name: '首页', exact: true }).click();
    await page.waitForURL(`${server.url}/`);
    await page.locator('kf-home').waitFor();
    expect(await page.title()).toBe('德州市公共数据开放网');
    expect(await page.evaluate(() => (window as unknown as { marker?: boolean }).marker)).toBe(
      true,
    );
    expect(tab.errors).toEqual([]);
  });

  it('on a phone keeps one row that scrolls sideways, with the current section in view', async () => {
    tab = await newPage(browser, { viewport: { width: 320, height: 640 } });
    const page = tab.page;
    await page.goto(`${server.url}/me`);
    await waitForShell(page);
    const links = nav(page).getByRole('link');
    const tops = await links.evaluateAll((all) =>
      all.map((link) => Math.round(link.getBoundingClientRect().top)),
    );
    expect(new Set(tops).size).toBe(1); // one row, not wrapped
    const current = nav(page).locator('a[aria-current="page"]');
    const box = await current.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(321);
    // The page itself does not scroll sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      360,
    );
  });

  it('goes back and forward through the history', async () => {
    const page = await open();
    await nav(page).getByRole('link', { name: '数据接口' }).click();
    await page.waitForURL('**/apis');
    await nav(page).getByRole('link', { name: '政策动态' }).click();
    await page.waitForURL('**/news');
    await page.goBack();
    await page.waitForURL('**/apis');
    await expect.poll(() => renderedText(page.locator('kf-outlet'))).toContain('“数据接口”');
    await page.goForward();
    await page.waitForURL('**/news');
    await expect.poll(() => renderedText(page.locator('kf-outlet'))).toContain('“政策动态”');
  });

  it('answers an unknown address with a 404 state that leads home', async () => {
    const page = await open('/no/such/page');
    const outlet = page.locator('kf-outlet');
    expect(await renderedText(outlet)).toContain('页面不存在');
    expect(await renderedText(page.getByRole('heading', { level: 1 }))).toBe('页面不存在');
    await expectNoSeriousA11yViolations(page);
    await outlet.getByRole('link', { name: '返回首页' }).click();
    await page.waitForURL(`${server.url}/`);
    await page.locator('kf-home').waitFor();
  });

  it('searches from the header and from the hero, going to /catalog?q=…', async () => {
    const page = await open();
    const headerSearch = page.locator('kf-header').getByRole('searchbox', { name: '搜索数据' });
    await headerSearch.fill('医疗 机构');
    await headerSearch.press('Enter');
    await page.waitForURL('**/catalog?q=*');
    expect(pathOf(page)).toBe(`/catalog?q=${encodeURIComponent('医疗 机构')}`);

    await page.goBack();
    await page.locator('kf-hero').waitFor();
    const heroSearch = page.locator('kf-hero').getByRole('searchbox');
    await heroSearch.fill('公交');
    await page.locator('kf-hero').getByRole('button', { name: '搜索' }).click();
    await page.waitForURL('**/catalog?q=*');
    expect(pathOf(page)).toBe(`/catalog?q=${encodeURIComponent('公交')}`);
  });

  it('leads a guest to 登录 and 注册, and greets a signed-in user', async () => {
    const page = await open();
    await page.locator('kf-user-menu').getByRole('link', { name: '登录' }).click();
    await page.waitForURL('**/login');
    expect(await renderedText(page.locator('kf-outlet'))).toContain('“登录”栏目尚未开通');

    server.setApi({ ...SAMPLE_API, ...signedInAs('张三') });
    await page.reload();
    const greeting = page.locator('kf-user-menu').getByRole('link', { name: '您好，张三' });
    await greeting.waitFor();
    expect(await page.locator('kf-user-menu').getByRole('link', { name: '登录' }).count()).toBe(0);
    await greeting.click();
    await page.waitForURL('**/me');
  });
});

describe('keyboard access', () => {
  it('offers a skip link first, which moves focus to the main content', async () => {
    const page = await open();
    await page.keyboard.press('Tab');
    const focused = () =>
      page.evaluate(() => {
        let el: Element | null = document.activeElement;
        while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
        return { tag: el?.tagName, text: el?.textContent?.trim(), id: el?.id };
      });
    expect(await focused()).toMatchObject({ tag: 'A', text: '跳到主要内容' });
    // The focused skip link is visible, not left off-screen.
    const box = await page.locator('kf-skip-link a').boundingBox();
    expect(box?.y).toBeGreaterThanOrEqual(0);
    await page.keyboard.press('Enter');
    expect(await focused()).toMatchObject({ tag: 'MAIN', id: 'main' });
  });

  it('shows a focus ring on keyboard focus', async () => {
    const page = await open();
    const link = nav(page).getByRole('link', { name: '数据目录' });
    await link.focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    const outline = await link.evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(outline).toBe('solid');
  });
});

describe.each([
  { name: 'default', theme: defaultTheme, primary: 'rgb(22, 70, 168)' },
  { name: 'dezhou', theme: dezhouTheme, primary: 'rgb(156, 28, 32)' },
])('a plugin’s pages in the $name theme', ({ theme, primary }) => {
  let themed: ServedTheme;

  beforeAll(async () => {
    themed = await serveTheme(await buildTheme(theme, 'navigation'), SAMPLE_API);
  });

  afterAll(async () => {
    await themed?.close();
  });

  it('are listed, mounted, routed with parameters, and styled by the theme’s tokens', async () => {
    tab = await newPage(browser);
    const { page } = tab;
    await page.goto(themed.url);
    await waitForShell(page);
    await nav(page).getByRole('link', { name: '插件示例' }).click();
    await page.waitForURL('**/labs');
    const heading = page.locator('kf-labs-page').getByRole('heading', { level: 1 });
    expect(await renderedText(heading)).toBe('插件页面示例');
    expect(await page.title()).toBe('插件示例 - 德州市公共数据开放网');
    // The plugin wrote `color: var(--kf-sys-color-primary)`; the theme decides what it is.
    expect(await heading.evaluate((el) => getComputedStyle(el).color)).toBe(primary);
    await expectNoSeriousA11yViolations(page);

    // The page embeds another plugin component it never imports; the shell defined it.
    await expect
      .poll(() => renderedText(page.locator('kf-labs-page kf-labs-badge [data-testid="badge"]')))
      .toBe('已嵌入');
    await page.locator('kf-labs-page').getByRole('link', { name: '打开示例详情' }).click();
    await page.waitForURL('**/labs/42');
    expect(await renderedText(page.locator('kf-labs-detail [data-testid="id"]'))).toBe('42');
    // Still inside 插件示例 in the navigation.
    expect(await renderedText(nav(page).locator('a[aria-current="page"]'))).toBe('插件示例');

    await page.goto(`${themed.url}/labs?q=${encodeURIComponent('水质')}`);
    await waitForShell(page);
    expect(await renderedText(page.locator('kf-labs-page [data-testid="query"]'))).toBe('水质');
    expect(tab.errors).toEqual([]);
  });
});
