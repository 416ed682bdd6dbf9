/**
 * The theme build as the kernel drives it: `ensureBuilt` builds once and then only when an
 * input changes, rejects broken page contributions by name, and keeps the JavaScript small.
 */
import { copyFile, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { ContributedPage } from '@kaifang/kernel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import defaultTheme, { createViteTheme, validatePages } from '../../themes/default/theme.ts';
import { FIXTURE_PAGES, SAMPLE_SITE } from './helpers.ts';

let work: string;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'kaifang-theme-'));
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

async function stamp(outDir: string): Promise<number> {
  return (await stat(path.join(outDir, 'index.html'))).mtimeMs;
}

describe('ensureBuilt', () => {
  it('builds once, then only when the pages, the site or a source file change', async () => {
    const moduleCopy = path.join(work, 'labs-page.ts');
    await copyFile(FIXTURE_PAGES[0]!.module, moduleCopy);
    const pages = FIXTURE_PAGES.map((page) => ({ ...page, module: moduleCopy }));
    const outDir = path.join(work, 'out');
    const theme = createViteTheme({ ...defaultTheme.options, outDir, logLevel: 'silent' });

    await theme.ensureBuilt({ pages, components: [], site: SAMPLE_SITE });
    const first = await stamp(outDir);
    expect(await readFile(path.join(outDir, 'index.html'), 'utf8')).toContain(
      '<title>德州市公共数据开放网</title>',
    );

    await theme.ensureBuilt({ pages, components: [], site: SAMPLE_SITE });
    expect(await stamp(outDir)).toBe(first);

    const renamed = { ...SAMPLE_SITE, name: { zh: '测试市公共数据开放网', en: 'Test' } };
    await theme.ensureBuilt({ pages, components: [], site: renamed });
    const second = await stamp(outDir);
    expect(second).toBeGreaterThan(first);
    expect(await readFile(path.join(outDir, 'index.html'), 'utf8')).toContain('测试市');

    // An edit inside a plugin's page module is seen, not only the page list.
    await writeFile(moduleCopy, `${await readFile(moduleCopy, 'utf8')}\n// edited\n`);
    await theme.ensureBuilt({ pages, components: [], site: renamed });
    expect(await stamp(outDir)).toBeGreaterThan(second);

    // Nothing but the build is left next to outDir.
    expect((await readdir(work)).sort()).toEqual(['labs-page.ts', 'out']);
  });

  it('keeps the default theme’s JavaScript under 150 KB gzipped', async () => {
    const outDir = path.join(work, 'size');
    const theme = createViteTheme({ ...defaultTheme.options, outDir, logLevel: 'silent' });
    await theme.ensureBuilt({ pages: [], components: [], site: SAMPLE_SITE });
    const assets = path.join(outDir, 'assets');
    let gzipped = 0;
    for (const file of await readdir(assets)) {
      if (file.endsWith('.js')) gzipped += gzipSync(await readFile(path.join(assets, file))).length;
    }
    console.info(`default theme JavaScript: ${(gzipped / 1024).toFixed(1)} KB gzipped`);
    expect(gzipped).toBeGreaterThan(0);
    expect(gzipped).toBeLessThan(150 * 1024);
  });
});

describe('validatePages', () => {
  const good = FIXTURE_PAGES[0]!;
  const bad = (change: Partial<ContributedPage>) => () =>
    validatePages([{ ...good, ...change }] as ContributedPage[]);

  it('accepts the fixture plugin’s pages', () => {
    expect(() => validatePages(FIXTURE_PAGES)).not.toThrow();
  });

  it('names the plugin and the page when a contribution is broken', () => {
    expect(bad({ element: 'labspage' })).toThrow(/plugin "labs", page "\/labs".*custom element/);
    expect(bad({ module: 'relative/page.ts' })).toThrow(/absolute path/);
    expect(bad({ module: '/no/such/module.ts' })).toThrow(/absolute path/);
    expect(bad({ path: 'labs' })).toThrow(/must start with "\/"/);
    expect(bad({ path: '/' })).toThrow(/belongs to the theme/);
    expect(bad({ path: '/api/labs' })).toThrow(/reserved/);
    expect(bad({ path: '/labs/:id' })).toThrow(/route parameters/);
    expect(() => validatePages([good, { ...good, plugin: 'other' }])).toThrow(
      /already contributed by plugin "labs"/,
    );
  });

  it('is checked before building', async () => {
    const theme = createViteTheme({ ...defaultTheme.options, outDir: path.join(work, 'never') });
    await expect(
      theme.ensureBuilt({
        pages: [{ ...good, element: 'nohyphen' }],
        components: [],
        site: SAMPLE_SITE,
      }),
    ).rejects.toThrow(/nohyphen/);
    await expect(
      theme.ensureBuilt({
        pages: [good],
        components: [{ plugin: 'other', element: good.element, module: good.module }],
        site: SAMPLE_SITE,
      }),
    ).rejects.toThrow(`plugin "other", component <${good.element}>: element already defined by`);
  });
});
