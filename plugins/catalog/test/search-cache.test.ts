import { type LoggedIn, loginAs } from '@kaifang/plugin-auth-sso/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSql, type Sql } from '../src/sql.ts';
import { FIXTURE } from './support/fixture.ts';
import { bootCatalog, type CatalogTest } from './support/harness.ts';

/**
 * The answer cache (decision 0009): identical queries share an answer, and any write that can
 * change one, on any node, clears it. The cache time here is far longer than any test waits,
 * so every fresh answer below was caused by an invalidation, not by expiry.
 */
describe('search answer cache', () => {
  let ctx: CatalogTest;
  let other: CatalogTest;
  let sql: Sql;
  let admin: LoggedIn;
  let jtj: string;
  const total = async (node: CatalogTest, query: string) =>
    (await node.test.inject(`/api/v1/datasets?${query}`)).json().total as number;
  const ids = async (node: CatalogTest, query: string) =>
    (await node.test.inject(`/api/v1/datasets?${query}`))
      .json()
      .items.map((item: { title: string }) => item.title) as string[];

  beforeAll(async () => {
    ctx = await bootCatalog({ search: { engine: 'postgres', cacheSeconds: 300 } });
    await ctx.api.importContent(FIXTURE);
    // A second node on the same database, as behind a load balancer.
    other = await bootCatalog({ search: { engine: 'postgres', cacheSeconds: 300 } }, [], {
      databaseUrl: ctx.test.databaseUrl,
    });
    sql = createSql(ctx.test.databaseUrl, 1);
    const orgs = (await ctx.test.inject('/api/v1/organizations')).json().items;
    jtj = orgs.find((o: { code: string }) => o.code === 'jtj').id;
    admin = await loginAs(ctx.test, { roles: ['user', 'platform-admin'] });
  });
  afterAll(async () => {
    await sql?.end();
    await other?.test.close();
    await ctx?.test.close();
  });

  it('shows a write made on this node at once, and on the other node moments later', async () => {
    expect(await total(ctx, 'q=公交&domain=transport')).toBe(1);
    expect(await total(other, 'q=公交&domain=transport')).toBe(1);
    const created = await ctx.test.inject({
      method: 'POST',
      url: '/api/v1/datasets',
      headers: admin.headers,
      payload: {
        title: '德州市公交站点信息',
        organizationId: jtj,
        domains: ['transport'],
        openType: 'unconditional',
        updateCycle: 'monthly',
        updateMethod: 'full',
        state: 'published',
      },
    });
    expect(created.statusCode, created.payload).toBe(201);
    expect(await total(ctx, 'q=公交&domain=transport')).toBe(2);
    await expect.poll(() => total(other, 'q=公交&domain=transport')).toBe(2);

    await ctx.api.setDataFacts(created.json().id, {
      recordCount: 5,
      formats: ['XLSX'],
      fields: [],
    });
    const xlsx = async (node: CatalogTest) =>
      (await node.test.inject('/api/v1/datasets?q=公交&domain=transport'))
        .json()
        .facets.format.find((f: { key: string }) => f.key === 'XLSX')?.count;
    expect(await xlsx(ctx)).toBe(1);
    await expect.poll(() => xlsx(other)).toBe(1);
  });

  it('hears of writes nobody told the catalog about (plain SQL)', async () => {
    expect(await total(ctx, 'domain=credit')).toBe(1);
    await sql.query(
      `update catalog_dataset set domains = domains || '{credit}' where title = '德州市公交线路信息'`,
    );
    await expect.poll(() => total(ctx, 'domain=credit')).toBe(2);
    await expect.poll(() => total(other, 'domain=credit')).toBe(2);
  });

  it('keeps its answers while only the view counters move', async () => {
    const before = await ids(ctx, 'sort=views');
    // The last one jumps to the top of the counts, but counters alone do not clear the cache:
    // a sort by views may lag by the cache time (here: the whole test).
    await sql.query('update catalog_dataset set views = views + 1000000 where title = $1', [
      before.at(-1),
    ]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await ids(ctx, 'sort=views')).toEqual(before);
    // Any searched column does clear it.
    await sql.query('update catalog_dataset set tags = tags where title = $1', [before.at(-1)]);
    await expect.poll(async () => (await ids(ctx, 'sort=views'))[0]).toBe(before.at(-1));
  });
});
