/**
 * The default theme as the kernel sees it, and the helper every theme uses to build itself.
 *
 * `createViteTheme` turns a theme directory (an `index.html` plus `src/`) into a
 * `ThemeDefinition`: `ensureBuilt` bundles the shell together with the pages that the
 * deployment's plugins contribute, using Vite's JavaScript API. A district theme calls the
 * same helper with its own directory (see themes/dezhou/theme.ts).
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type {
  ContributedComponent,
  ContributedPage,
  SiteInfo,
  ThemeBuildInput,
  ThemeDefinition,
} from '@kaifang/kernel';
import type { Plugin } from 'vite';

export interface ViteThemeOptions {
  /** Theme name, as a deployment's config names it. */
  name: string;
  /** Directory holding the theme's `index.html` (Vite's root). */
  root: string;
  /** Where the built assets go; defaults to `<root>/dist`. */
  outDir?: string;
  /** Vite's log level during builds; `warn` keeps `kaifang start` quiet. */
  logLevel?: 'info' | 'warn' | 'error' | 'silent';
}

/** A theme built with Vite; `options` lets a caller (e.g. a test) rebuild it elsewhere. */
export interface ViteTheme extends ThemeDefinition {
  options: ViteThemeOptions;
}

/** The ids the shell imports; declared for TypeScript in src/virtual.d.ts. */
const VIRTUAL_PAGES = 'virtual:kaifang/pages';
const VIRTUAL_SITE = 'virtual:kaifang/site';

/**
 * Written into outDir after each build. Dot-files are not served by the kernel's static
 * handler (inert's `showHidden: false`), and the paths in it are relative to the theme root,
 * so nothing about the server's layout is published.
 */
const MANIFEST = '.kaifang-build.json';
/** Bump when the shape of the build changes, so older outputs are rebuilt. */
const MANIFEST_VERSION = 1;

interface BuildManifest {
  version: number;
  /** Hash of the theme name, the pages' metadata, the site info and the Vite version. */
  inputKey: string;
  /** Every file that went into the bundle, relative to the theme root, with its hash. */
  files: Record<string, string>;
}

export function createViteTheme(options: ViteThemeOptions): ViteTheme {
  const root = path.resolve(options.root);
  const outDir = path.resolve(options.outDir ?? path.join(root, 'dist'));
  // One build at a time per process: the kernel and the tests may ask twice concurrently.
  let running: Promise<void> | undefined;

  return {
    name: options.name,
    outDir,
    options: { ...options, root, outDir },
    async ensureBuilt(input: ThemeBuildInput): Promise<void> {
      while (running) await running.catch(() => undefined);
      running = buildIfStale(options, root, outDir, input);
      try {
        await running;
      } finally {
        running = undefined;
      }
    },
  };
}

async function buildIfStale(
  options: ViteThemeOptions,
  root: string,
  outDir: string,
  input: ThemeBuildInput,
): Promise<void> {
  validatePages(input.pages);
  validateComponents(input.components, input.pages);
  const inputKey = hashInputs(options.name, input);
  if (await isUpToDate(root, outDir, inputKey)) return;

  // Build next to outDir and swap it in, so a server still serving the old build never sees
  // a half-written directory, and a failed build leaves the old one in place.
  const stamp = `${process.pid}-${Date.now()}`;
  const tmpDir = `${outDir}.tmp-${stamp}`;
  try {
    const files = await viteBuild(options, root, tmpDir, input);
    const manifest: BuildManifest = { version: MANIFEST_VERSION, inputKey, files };
    await writeFile(path.join(tmpDir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    await swapIn(tmpDir, outDir, `${outDir}.old-${stamp}`);
  } finally {
    await rm(tmpDir, { recursive: true, force: true });
  }
}

async function swapIn(tmpDir: string, outDir: string, oldDir: string): Promise<void> {
  if (existsSync(outDir)) await rename(outDir, oldDir);
  try {
    await rename(tmpDir, outDir);
  } catch (error) {
    // Another process finished the same build first; its output is as good as ours.
    if (!existsSync(path.join(outDir, 'index.html'))) throw error;
  }
  await rm(oldDir, { recursive: true, force: true });
}

/** Checks the contributed components the same way: a valid, unclaimed tag and a real module. */
export function validateComponents(
  components: readonly ContributedComponent[],
  pages: readonly ContributedPage[],
): void {
  const tags = new Map(pages.map((page) => [page.element, page.plugin]));
  for (const component of components) {
    const who = `plugin "${component.plugin}", component <${component.element}>`;
    if (!/^[a-z][a-z0-9._]*-[a-z0-9._-]*$/.test(component.element)) {
      throw new Error(`${who}: not a valid custom element name`);
    }
    if (!path.isAbsolute(component.module) || !existsSync(component.module)) {
      throw new Error(`${who}: module "${component.module}" must be an absolute path to a file`);
    }
    const owner = tags.get(component.element);
    if (owner && owner !== component.plugin) {
      throw new Error(`${who}: element already defined by "${owner}"`);
    }
    tags.set(component.element, component.plugin);
  }
}

/** Checks the contributed pages up front so a broken plugin is named, not a Vite stack. */
export function validatePages(pages: readonly ContributedPage[]): void {
  const seen = new Map<string, string>();
  const tags = new Map<string, string>();
  for (const page of pages) {
    const who = `plugin "${page.plugin}", page "${page.path}"`;
    if (!page.path.startsWith('/')) throw new Error(`${who}: path must start with "/"`);
    if (page.path === '/') throw new Error(`${who}: the home page "/" belongs to the theme`);
    if (page.path.startsWith('/api/') || page.path === '/api') {
      throw new Error(`${who}: paths under /api are reserved for the server`);
    }
    if (!/^[a-z][a-z0-9._]*-[a-z0-9._-]*$/.test(page.element)) {
      throw new Error(`${who}: "${page.element}" is not a valid custom element name`);
    }
    if (!path.isAbsolute(page.module) || !existsSync(page.module)) {
      throw new Error(`${who}: module "${page.module}" must be an absolute path to a file`);
    }
    if (!page.title?.zh) throw new Error(`${who}: title.zh is required`);
    if (page.nav && page.path.includes(':')) {
      throw new Error(`${who}: a page with route parameters cannot appear in the navigation`);
    }
    const other = seen.get(page.path);
    if (other) throw new Error(`${who}: path already contributed by plugin "${other}"`);
    seen.set(page.path, page.plugin);
    const tagOwner = tags.get(page.element);
    if (tagOwner && tagOwner !== page.plugin) {
      throw new Error(`${who}: element <${page.element}> already defined by "${tagOwner}"`);
    }
    tags.set(page.element, page.plugin);
  }
}

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function hashInputs(name: string, input: ThemeBuildInput): string {
  const require = createRequire(import.meta.url);
  const viteVersion = (require('vite/package.json') as { version: string }).version;
  return sha256(
    JSON.stringify({
      name,
      pages: input.pages,
      components: input.components,
      site: input.site,
      viteVersion,
    }),
  );
}

async function isUpToDate(root: string, outDir: string, inputKey: string): Promise<boolean> {
  if (!existsSync(path.join(outDir, 'index.html'))) return false;
  let manifest: BuildManifest;
  try {
    manifest = JSON.parse(await readFile(path.join(outDir, MANIFEST), 'utf8')) as BuildManifest;
  } catch {
    return false;
  }
  if (manifest.version !== MANIFEST_VERSION || manifest.inputKey !== inputKey) return false;
  for (const [file, hash] of Object.entries(manifest.files)) {
    try {
      if (sha256(await readFile(path.resolve(root, file))) !== hash) return false;
    } catch {
      return false;
    }
  }
  return true;
}

/** Runs Vite and returns the hashes of every source file the bundle was made from. */
async function viteBuild(
  options: ViteThemeOptions,
  root: string,
  outDir: string,
  input: ThemeBuildInput,
): Promise<Record<string, string>> {
  // Loaded only when a build is needed, so a started server with a fresh build skips it.
  const { build } = await import('vite');
  // The build's own configuration (this file) is an input too: a change here rebuilds.
  const moduleIds = new Set<string>([
    path.join(root, 'index.html'),
    fileURLToPath(import.meta.url),
  ]);
  await mkdir(outDir, { recursive: true });
  await build({
    configFile: false,
    root,
    base: '/',
    mode: 'production',
    logLevel: options.logLevel ?? 'warn',
    publicDir: path.join(root, 'public'),
    // Plugin pages import lit from their own workspace; one copy keeps the bundle small
    // and lets `instanceof LitElement` hold across plugins.
    resolve: {
      dedupe: ['lit', 'lit-html', 'lit-element', '@lit/reactive-element'],
      // Vite picks `development` exports when NODE_ENV is not "production" (vitest sets
      // "test"); the portal must always ship the production builds of its dependencies.
      conditions: ['module', 'browser', 'production'],
    },
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    plugins: [kaifangVirtualModules(input, input.site), recordInputs(moduleIds)],
    build: {
      outDir,
      emptyOutDir: true,
      assetsDir: 'assets',
      target: 'es2022',
      sourcemap: false,
      reportCompressedSize: false,
      modulePreload: { polyfill: false },
    },
  });
  const files: Record<string, string> = {};
  for (const id of [...moduleIds].sort()) {
    files[path.relative(root, id)] = sha256(await readFile(id));
  }
  return files;
}

/** The route table and the baked site info, as modules the shell imports. */
function kaifangVirtualModules(
  { pages, components }: Pick<ThemeBuildInput, 'pages' | 'components'>,
  site: SiteInfo,
): Plugin {
  return {
    name: 'kaifang:virtual-modules',
    resolveId(id) {
      if (id === VIRTUAL_PAGES || id === VIRTUAL_SITE) return `\0${id}`;
      return undefined;
    },
    load(id) {
      if (id === `\0${VIRTUAL_SITE}`) return `export const site = ${JSON.stringify(site)};\n`;
      if (id !== `\0${VIRTUAL_PAGES}`) return undefined;
      // Each page module becomes its own chunk, loaded when its route is first visited,
      // so the shell's JavaScript does not grow with the number of plugins.
      const entries = pages.map((page) => {
        const meta = {
          path: page.path,
          element: page.element,
          plugin: page.plugin,
          title: page.title,
          nav: page.nav ?? null,
          userMenu: page.userMenu ?? null,
        };
        return `  { ...${JSON.stringify(meta)}, load: () => import(${JSON.stringify(page.module)}) },`;
      });
      // Components other pages embed: loaded right after start, each its own chunk.
      const embeddable = components.map(
        (component) =>
          `  { element: ${JSON.stringify(component.element)}, plugin: ${JSON.stringify(component.plugin)}, load: () => import(${JSON.stringify(component.module)}) },`,
      );
      return `export const pages = [\n${entries.join('\n')}\n];\nexport const components = [\n${embeddable.join('\n')}\n];\n`;
    },
    // The first paint, before any script runs, already carries the site's name.
    transformIndexHtml(html) {
      return html.replaceAll('%KAIFANG_SITE_NAME%', escapeHtml(site.name.zh));
    },
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Collects the files the bundle was built from, for the up-to-date check. */
function recordInputs(into: Set<string>): Plugin {
  return {
    name: 'kaifang:record-inputs',
    buildEnd() {
      for (const id of this.getModuleIds()) {
        const file = id.split('?')[0] ?? id;
        if (path.isAbsolute(file) && existsSync(file)) into.add(file);
      }
    },
  };
}

/** The default theme itself. */
const themeDir = path.dirname(fileURLToPath(import.meta.url));
const defaultTheme: ViteTheme = createViteTheme({ name: 'default', root: themeDir });
export default defaultTheme;
