import { type LoggedIn, loginAs } from '@kaifang/plugin-auth-sso/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSql, type Sql } from '../src/sql.ts';
import { FIXTURE } from './support/fixture.ts';
import { bootCatalog, type CatalogTest } from './support/harness.ts';

/** The answer cache: identical queries share an answer briefly; writes here clear it at once. */
describe('search answer cache', () => {
  let ctx: CatalogTest;
  let sql: Sql;
  let admin: LoggedIn;
  let jtj: string;
  const total = async (query: string) =>
    (await ctx.test.inject(`/api/v1/datasets?${query}`)).json().total as number;

  beforeAll(async () => {
    ctx = await bootCatalog({ search: { engine: 'postgres', cacheSeconds: 0.3 } });
    await ctx.api.importContent(FIXTURE);
    sql = createSql(ctx.test.databaseUrl, 1);
    const orgs = (await ctx.test.inject('/api/v1/organizations')).json().items;
    jtj = orgs.find((o: { code: string }) => o.code === 'jtj').id;
    admin = await loginAs(ctx.test, { roles: ['user', 'platform-admin'] });
  });
  afterAll(async () => {
    await sql?.end();
    await ctx?.test.close();
  });

  it('shows a write made through the catalog at once', async () => {
    expect(await total('q=公交&domain=transport')).toBe(1);
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
    expect(await total('q=公交&domain=transport')).toBe(2);
    await ctx.api.setDataFacts(created.json().id, {
      recordCount: 5,
      formats: ['XLSX'],
      fields: [],
    });
    const facets = (await ctx.test.inject('/api/v1/datasets?q=公交&domain=transport')).json()
      .facets;
    expect(facets.format.find((f: { key: string }) => f.key === 'XLSX')?.count).toBe(1);
  });

  it('reuses an answer for an identical query for at most cacheSeconds', async () => {
    expect(await total('domain=credit')).toBe(1);
    // A write the catalog does not see (another node's, here straight SQL).
    await sql.query(
      `update catalog_dataset set domains = domains || '{credit}' where title = '德州市公交线路信息'`,
    );
    expect(await total('domain=credit')).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(await total('domain=credit')).toBe(2);
  });
});
