/**
 * Browser test infrastructure shared by the theme and every plugin's browser tests:
 * building a theme, serving it with a stub API, driving Debian's chromium through
 * playwright-core, screenshots and axe-core accessibility checks.
 *
 * Two ways to put a page in front of the browser:
 * - a real kernel: `createTestKernel({ plugins, theme: testCopyOf(theme, label), listen: true })`
 *   and, to be signed in, `signInBrowser(page, test, { roles })` (real login, real cookies);
 * - `serveTheme`, for the shell alone: it serves a built theme the way the kernel does (SPA
 *   fallback, immutable `/assets/`, `no-cache` index.html) and answers `/api/*` from stubs
 *   (`signedInAs` stubs `/api/v1/me`), 404 for the rest.
 */
import { mkdir, readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ContributedComponent, ContributedPage, SiteInfo } from '@kaifang/kernel';
import { type LoggedIn, loginAs } from '@kaifang/plugin-auth-sso/testing';
import type { TestKernel } from '@kaifang/sdk/testing';
import axe from 'axe-core';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { createViteTheme, type ViteTheme } from '../../themes/default/theme.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
export const SCREENSHOT_DIR = path.join(here, 'screenshots');
/** Test builds go here (ignored by git as `dist/`), never into the theme's own outDir. */
const BUILD_DIR = path.join(here, 'dist');

export const SAMPLE_SITE: SiteInfo = {
  name: { zh: '德州市公共数据开放网', en: 'Dezhou Public Data Open Platform' },
  contact: { phone: '0534-2688110', email: 'sjkf@dezhou.gov.cn' },
  licenseUrl: '/license',
};

/** A fake plugin's pages: one listed in the navigation, one with a route parameter. */
export const FIXTURE_PAGES: ContributedPage[] = [
  {
    plugin: 'labs',
    path: '/labs',
    element: 'kf-labs-page',
    module: path.join(here, 'fixtures/labs-page.ts'),
    title: { zh: '插件示例', en: 'Plugin demo' },
    nav: { order: 350 },
  },
  {
    plugin: 'labs',
    path: '/labs/:id',
    element: 'kf-labs-detail',
    module: path.join(here, 'fixtures/labs-page.ts'),
    title: { zh: '示例详情', en: 'Example detail' },
  },
];

/** The fake plugin's embeddable component, which its page uses without importing it. */
export const FIXTURE_COMPONENTS: ContributedComponent[] = [
  { plugin: 'labs', element: 'kf-labs-badge', module: path.join(here, 'fixtures/labs-badge.ts') },
];

/**
 * The same theme building into tests/browser/dist/<theme>-<label>, never into the theme's
 * own outDir. Each test file passes its own label: vitest runs files in parallel processes,
 * and a directory that one file serves must not be swapped by another file's build.
 */
export function testCopyOf(theme: ViteTheme, label: string): ViteTheme {
  const outDir = path.join(BUILD_DIR, `${theme.name}-${label}`);
  return createViteTheme({ ...theme.options, outDir, logLevel: 'error' });
}

/** Builds a test copy of `theme` (see `testCopyOf`) with the fixture plugin's pages. */
export async function buildTheme(
  theme: ViteTheme,
  label: string,
  pages: ContributedPage[] = FIXTURE_PAGES,
  components: ContributedComponent[] = FIXTURE_COMPONENTS,
): Promise<string> {
  const copy = testCopyOf(theme, label);
  await copy.ensureBuilt({ pages, components, site: SAMPLE_SITE });
  return copy.outDir;
}

export interface StubResponse {
  status?: number;
  body: unknown;
  /** Answer late, to see loading states. */
  delayMs?: number;
}

/** Keys are a path with its query (`/api/v1/datasets?sort=downloads&pageSize=6&facets=false`) or without. */
export type StubApi = Record<string, StubResponse>;

export interface ServedTheme {
  url: string;
  /** Every request's path and query, in order. */
  requests: string[];
  /** Replaces the stubs, e.g. to sign in between two page loads. */
  setApi(api: StubApi): void;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export async function serveTheme(outDir: string, api: StubApi = {}): Promise<ServedTheme> {
  let stubs = api;
  const requests: string[] = [];
  const root = path.resolve(outDir);

  const sendJson = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    requests.push(url.pathname + url.search);
    if (url.pathname === '/api' || url.pathname.startsWith('/api/')) {
      const stub = stubs[url.pathname + url.search] ?? stubs[url.pathname];
      if (stub) {
        if (stub.delayMs) await new Promise((r) => setTimeout(r, stub.delayMs));
        return sendJson(res, stub.status ?? 200, stub.body);
      }
      if (url.pathname === '/api/site') return sendJson(res, 200, SAMPLE_SITE);
      return sendJson(res, 404, { statusCode: 404, error: 'Not Found', message: 'Not Found' });
    }
    const file = path.resolve(root, `.${decodeURIComponent(url.pathname)}`);
    const inside = file.startsWith(`${root}${path.sep}`);
    const isFile =
      inside &&
      !path.basename(file).startsWith('.') &&
      (await stat(file).catch(() => null))?.isFile();
    // Like the kernel: hashed assets are immutable, everything else falls back to the shell.
    const target = isFile ? file : path.join(root, 'index.html');
    const immutable = isFile && url.pathname.startsWith('/assets/');
    res.writeHead(200, {
      'content-type': CONTENT_TYPES[path.extname(target)] ?? 'application/octet-stream',
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    res.end(await readFile(target));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.writeHead(500);
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    setApi(next) {
      stubs = next;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** Debian's chromium, or CHROME_PATH; scripts/ensure-browser.mjs installs it when missing. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

export interface TestPage {
  page: Page;
  /** Uncaught exceptions and console errors; a healthy page leaves this empty. */
  errors: string[];
  close(): Promise<void>;
}

/** A fresh context (own localStorage), desktop-sized, in China's time zone. */
export async function newPage(
  browser: Browser,
  options: { viewport?: { width: number; height: number } } = {},
): Promise<TestPage> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    reducedMotion: 'reduce',
    serviceWorkers: 'block',
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    // 404s from missing plugins are expected; the browser logs every failed fetch.
    if (message.type() === 'error' && !message.text().includes('404')) errors.push(message.text());
  });
  return { page, errors, close: () => context.close() };
}

/** Waits until the shell's elements are defined and the home page's data has loaded. */
export async function waitForShell(page: Page): Promise<void> {
  await page.waitForFunction(() => customElements.get('kf-outlet') !== undefined);
  await page.locator('kf-state[kind="loading"]').first().waitFor({ state: 'detached' });
}

/**
 * The text an element renders, through shadow roots and slots (`innerText` stops at a
 * shadow host). Whitespace is collapsed; hidden `<style>` and `<script>` are skipped.
 */
export function renderedText(locator: Locator): Promise<string> {
  return locator.evaluate((root) => {
    const parts: string[] = [];
    const walk = (node: Node): void => {
      if (node.nodeType === Node.TEXT_NODE) {
        parts.push(node.textContent ?? '');
        return;
      }
      if (!(node instanceof Element) || node.matches('style, script, template')) return;
      // Inline elements (a <mark> inside a title) must not split the words around them.
      const inline = getComputedStyle(node).display.startsWith('inline');
      if (!inline) parts.push(' ');
      if (node instanceof HTMLSlotElement) {
        const assigned = node.assignedNodes({ flatten: true });
        for (const child of assigned.length > 0 ? assigned : node.childNodes) walk(child);
      } else {
        for (const child of (node.shadowRoot ?? node).childNodes) walk(child);
      }
      if (!inline) parts.push(' ');
    };
    walk(root);
    return parts.join('').replace(/\s+/g, ' ').trim();
  });
}

export async function saveScreenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

export interface A11yViolation {
  id: string;
  impact: string | null | undefined;
  help: string;
  targets: string[];
}

/** Runs axe-core in the page and throws, listing them, if any violation is serious or critical. */
export async function expectNoSeriousA11yViolations(page: Page): Promise<void> {
  const hasAxe = await page.evaluate(() => 'axe' in window);
  if (!hasAxe) await page.addScriptTag({ content: axe.source });
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: typeof axe }).axe.run(document, {
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((node) => JSON.stringify(node.target)),
    }));
  });
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (serious.length > 0) {
    const lines = serious.map(
      (v) => `- [${v.impact}] ${v.id}: ${v.help}\n    ${v.targets.join('\n    ')}`,
    );
    throw new Error(
      `axe found ${serious.length} serious or critical violation(s):\n${lines.join('\n')}`,
    );
  }
}

/** Stubs answering like the plugins the home page reads from (domains, catalog, stats). */
export const SAMPLE_API: StubApi = {
  '/api/v1/domains': {
    body: {
      items: [
        { code: 'education', name: '教育文化', icon: null, order: 1, datasetCount: 128 },
        { code: 'health', name: '医疗卫生', icon: null, order: 2, datasetCount: 96 },
        { code: 'transport', name: '交通出行', icon: null, order: 3, datasetCount: 74 },
        { code: 'economy', name: '经济建设', icon: null, order: 4, datasetCount: 152 },
        { code: 'environment', name: '资源环境', icon: null, order: 5, datasetCount: 63 },
        { code: 'society', name: '社会民生', icon: null, order: 6, datasetCount: 110 },
        { code: 'agriculture', name: '农业农村', icon: null, order: 7, datasetCount: 58 },
        { code: 'credit', name: '信用服务', icon: null, order: 8, datasetCount: 41 },
      ],
    },
  },
  '/api/v1/datasets?sort=updated&pageSize=6&facets=false': { body: datasetList('newest') },
  '/api/v1/datasets?sort=downloads&pageSize=6&facets=false': { body: datasetList('popular') },
  '/api/v1/stats': {
    body: { datasets: 1286, organisations: 57, apis: 342, downloads: 238_915, applications: 26 },
  },
};

function datasetList(kind: 'newest' | 'popular') {
  const titles = [
    ['德州市公交线路信息', '德州市交通运输局', ['CSV', 'JSON'], 'unconditional'],
    ['德州市医疗机构名录', '德州市卫生健康委员会', ['XLSX', 'CSV'], 'unconditional'],
    ['德州市中小学校名录', '德州市教育和体育局', ['CSV'], 'unconditional'],
    ['德州市企业登记信息', '德州市市场监督管理局', ['CSV', 'API'], 'conditional'],
    ['德州市空气质量监测数据', '德州市生态环境局', ['JSON', 'API'], 'unconditional'],
    ['德州市旅游景区信息', '德州市文化和旅游局', ['CSV'], 'unconditional'],
  ] as const;
  const ordered = kind === 'newest' ? titles : [...titles].reverse();
  return {
    total: 1286,
    items: ordered.map(([title, org, formats, openType], i) => ({
      id: `${kind}-${i + 1}`,
      title,
      description: '',
      organization: { id: `org-${i + 1}`, name: org },
      updatedAt: new Date(Date.UTC(2025, 5, 20 - i * 3, 2)).toISOString(),
      downloads: kind === 'popular' ? 9800 - i * 1200 : 120 + i * 37,
      views: 3000 + i * 100,
      formats: [...formats],
      openType,
    })),
  };
}

/** Stubs `/api/v1/me` as a signed-in user (the auth plugin's answer). */
export function signedInAs(realName: string, loginName = 'tester'): StubApi {
  return { '/api/v1/me': { body: { loginName, realName, roles: ['user'] } } };
}

/**
 * Signs a browser in as a user of a listening test kernel: `loginAs` logs in through the real
 * login route, and its session and CSRF cookies are handed to the page's browser context.
 */
export async function signInBrowser(
  page: Page,
  test: TestKernel,
  who: Parameters<typeof loginAs>[1] = {},
): Promise<LoggedIn> {
  const session = await loginAs(test, who);
  const { hostname } = new URL(test.url);
  const cookies = session.headers.cookie.split('; ').map((pair) => {
    const at = pair.indexOf('=');
    return { name: pair.slice(0, at), value: pair.slice(at + 1), domain: hostname, path: '/' };
  });
  await page.context().addCookies(cookies);
  return session;
}
