/**
 * Client-side routing: the theme's fixed sections, the pages plugins contribute (from the
 * build's route table), "not available yet" for sections no plugin provides, and 404.
 *
 * Links need no special markup: any same-origin `<a href>` click, including inside shadow
 * roots, is handled here. Code that navigates without a link dispatches a `kf-navigate`
 * event (bubbling, composed) with `detail.href`, or calls `navigate()`.
 */
import { type GeneratedPage, pages } from 'virtual:kaifang/pages';
import type { MessageKey } from './i18n/messages.ts';
import { messages } from './i18n/messages.ts';
import { Store } from './store.ts';
import type { LocalizedText } from './types.ts';

export interface NavEntry {
  path: string;
  label: LocalizedText;
  order: number;
}

export type Route =
  | { kind: 'home'; title: LocalizedText | null }
  | { kind: 'page'; page: GeneratedPage; params: Record<string, string>; title: LocalizedText }
  | { kind: 'unavailable'; title: LocalizedText }
  | { kind: 'not-found'; title: LocalizedText };

export interface RouterLocation {
  path: string;
  query: URLSearchParams;
  hash: string;
  route: Route;
}

/**
 * The sections every portal has. Orders leave room between them for plugin pages
 * (`nav.order`), e.g. 350 sits between 数据应用 and 互动交流.
 */
const FIXED_NAV: { path: string; key: MessageKey; order: number }[] = [
  { path: '/', key: 'nav.home', order: 0 },
  { path: '/catalog', key: 'nav.catalog', order: 100 },
  { path: '/apis', key: 'nav.apis', order: 200 },
  { path: '/applications', key: 'nav.applications', order: 300 },
  { path: '/interaction', key: 'nav.interaction', order: 400 },
  { path: '/news', key: 'nav.news', order: 500 },
  { path: '/me', key: 'nav.me', order: 600 },
];

/** Routes the shell links to itself; until a plugin provides them they are "coming soon". */
const KNOWN_PATHS = new Map<string, LocalizedText>([
  ...FIXED_NAV.map((entry) => [entry.path, messages[entry.key]] as const),
  ['/login', messages['nav.login']],
  ['/register', messages['nav.register']],
]);

export const navEntries: readonly NavEntry[] = buildNav();

function buildNav(): NavEntry[] {
  const fixed = FIXED_NAV.map(({ path, key, order }) => ({ path, label: messages[key], order }));
  const taken = new Set(fixed.map((entry) => entry.path));
  const contributed = pages
    .filter((page) => page.nav && !taken.has(page.path))
    .map((page) => ({
      path: page.path,
      label: page.nav?.label ?? page.title,
      order: page.nav?.order ?? 1000,
    }));
  // Stable sort: equal orders keep the fixed entry first, then plugin start order.
  return [...fixed, ...contributed].sort((a, b) => a.order - b.order);
}

interface CompiledPage {
  page: GeneratedPage;
  segments: string[];
  dynamic: number;
}

// Static routes win over parameterised ones (`/catalog/new` before `/catalog/:id`).
const compiled: CompiledPage[] = pages
  .map((page) => {
    const segments = splitPath(page.path);
    return { page, segments, dynamic: segments.filter((s) => s.startsWith(':')).length };
  })
  .sort((a, b) => a.dynamic - b.dynamic);

function splitPath(path: string): string[] {
  return path.split('/').filter(Boolean);
}

function normalisePath(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed === '' ? '/' : trimmed;
}

function matchPage(path: string): { page: GeneratedPage; params: Record<string, string> } | null {
  const parts = splitPath(path);
  for (const { page, segments } of compiled) {
    if (segments.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const ok = segments.every((segment, i) => {
      const part = parts[i] ?? '';
      if (!segment.startsWith(':')) return segment === part;
      try {
        params[segment.slice(1)] = decodeURIComponent(part);
        return true;
      } catch {
        return false;
      }
    });
    if (ok) return { page, params };
  }
  return null;
}

export function resolve(url: URL): RouterLocation {
  const path = normalisePath(url.pathname);
  const base = { path, query: new URLSearchParams(url.search), hash: url.hash };
  if (path === '/') return { ...base, route: { kind: 'home', title: null } };
  const match = matchPage(path);
  if (match) return { ...base, route: { kind: 'page', ...match, title: match.page.title } };
  const known = KNOWN_PATHS.get(path);
  if (known) return { ...base, route: { kind: 'unavailable', title: known } };
  return { ...base, route: { kind: 'not-found', title: messages['state.notFound'] } };
}

export const locationStore = new Store<RouterLocation>(resolve(new URL(window.location.href)));

export function navigate(href: string, options: { replace?: boolean } = {}): void {
  const url = new URL(href, window.location.href);
  if (url.origin !== window.location.origin) {
    window.location.assign(url.href);
    return;
  }
  const target = url.pathname + url.search + url.hash;
  if (options.replace) history.replaceState(null, '', target);
  else history.pushState(null, '', target);
  locationStore.set(resolve(url));
  if (url.hash) {
    document.getElementById(decodeURIComponent(url.hash.slice(1)))?.scrollIntoView();
  } else {
    window.scrollTo(0, 0);
  }
  // Tell assistive technology that the page changed: move focus to the new content.
  requestAnimationFrame(() => document.getElementById('main')?.focus({ preventScroll: true }));
}

function findAnchor(event: MouseEvent): HTMLAnchorElement | null {
  for (const node of event.composedPath()) {
    if (node instanceof HTMLAnchorElement && node.hasAttribute('href')) return node;
  }
  return null;
}

function onClick(event: MouseEvent): void {
  if (event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const anchor = findAnchor(event);
  if (!anchor || anchor.hasAttribute('download')) return;
  if (anchor.target && anchor.target !== '_self') return;
  const url = new URL(anchor.href);
  if (url.origin !== window.location.origin) return;
  // The API and files it serves are real server resources, not shell routes.
  if (url.pathname === '/api' || url.pathname.startsWith('/api/')) return;
  const here = new URL(window.location.href);
  // An in-page anchor (e.g. the skip link) keeps the browser's own behaviour.
  if (url.hash && url.pathname === here.pathname && url.search === here.search) return;
  event.preventDefault();
  navigate(url.href);
}

let started = false;

export function startRouter(): void {
  if (started) return;
  started = true;
  document.addEventListener('click', onClick);
  window.addEventListener('popstate', () => {
    locationStore.set(resolve(new URL(window.location.href)));
  });
  document.addEventListener('kf-navigate', (event) => {
    const href = (event as CustomEvent<{ href?: unknown }>).detail?.href;
    if (typeof href === 'string') navigate(href);
  });
}
