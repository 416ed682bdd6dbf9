import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEZHOU_CONTENT } from '../../../examples/dezhou/demo/index.ts';
import { DEZHOU_SCENARIOS } from '../../../examples/dezhou/scenarios.ts';
import { BASE_DOMAINS } from '../../domains/src/plugin.ts';
import { bootCatalog, type CatalogTest } from './support/harness.ts';

describe('the Dezhou demo catalogue', () => {
  let ctx: CatalogTest;
  beforeAll(async () => {
    ctx = await bootCatalog();
  });
  afterAll(() => ctx?.test.close());

  it('covers every base domain and scenario with at least 60 datasets, loaded once', async () => {
    const { datasets } = DEZHOU_CONTENT;
    expect(datasets.length).toBeGreaterThanOrEqual(60);
    const domains = new Set(datasets.flatMap((d) => d.domains));
    expect(BASE_DOMAINS.filter((d) => !domains.has(d.code))).toEqual([]);
    const scenarios = new Set(datasets.flatMap((d) => d.scenarios ?? []));
    expect(DEZHOU_SCENARIOS.filter((d) => !scenarios.has(d.code))).toEqual([]);
    expect(datasets.some((d) => d.openType === 'conditional')).toBe(true);

    const first = await ctx.api.importContent(DEZHOU_CONTENT);
    expect(first.datasets.created).toBe(datasets.length);
    const again = await ctx.api.importContent(DEZHOU_CONTENT);
    expect(again.datasets).toEqual({ created: 0, existing: datasets.length });

    const listed = (await ctx.test.inject('/api/v1/domains')).json().items;
    expect(listed.every((d: { datasetCount: number }) => d.datasetCount > 0)).toBe(true);
    const bus = (await ctx.test.inject('/api/v1/datasets?q=公交')).json();
    expect(bus.items.map((i: { title: string }) => i.title)).toContain('德州市公交线路信息');
    const stats = (await ctx.test.inject('/api/v1/stats')).json();
    expect(stats.datasets).toBe(datasets.length);
    expect(stats.organisations).toBe(DEZHOU_CONTENT.organisations.length);
  });
});
