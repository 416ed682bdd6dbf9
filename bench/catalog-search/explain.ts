/**
 * Prints the plan of the benchmark query (for tuning): `npx tsx bench/catalog-search/explain.ts`.
 * BENCH_Q sets the keyword (empty: none), BENCH_DOMAIN the domain filter (empty: none),
 * BENCH_FACETS=false the statements of a query without facets.
 */
import { createTestKernel } from '@kaifang/sdk/testing';
import auth from '../../plugins/auth-sso/src/plugin.ts';
import catalog from '../../plugins/catalog/src/plugin.ts';
import type { SearchQuery } from '../../plugins/catalog/src/search/port.ts';
import { buildPageSql, buildSearchSql } from '../../plugins/catalog/src/search/postgres.ts';
import { tokenizeQuery } from '../../plugins/catalog/src/search/tokenize.ts';
import { createSql } from '../../plugins/catalog/src/sql.ts';
import domains from '../../plugins/domains/src/plugin.ts';
import { generate } from './generate.ts';

const test = await createTestKernel({
  plugins: [
    auth.configure({ admin: { loginName: 'admin', password: 'Kf-Bench-Pw-2026!' } }),
    domains,
    catalog,
  ],
});
const sql = createSql(test.databaseUrl, 2);
try {
  await generate(sql, Number(process.env.BENCH_DATASETS ?? 100_000), () => {});
  const query: SearchQuery = {
    words: tokenizeQuery(process.env.BENCH_Q ?? '公交'),
    filters: {
      ...(process.env.BENCH_DOMAIN === ''
        ? {}
        : { domain: [process.env.BENCH_DOMAIN ?? 'transport'] }),
      state: 'published',
    },
    viewer: { kind: 'public' },
    sort: 'relevance',
    order: 'desc',
    offset: 0,
    limit: 20,
    facets: process.env.BENCH_FACETS !== 'false',
  };
  const statements = query.facets ? [buildSearchSql(query)] : Object.values(buildPageSql(query));
  for (const statement of statements) {
    for (let i = 0; i < 3; i++) await sql.query(statement.text, statement.values);
    const plan = await sql.query<{ 'QUERY PLAN': string }>(
      `explain (analyze, buffers) ${statement.text}`,
      statement.values,
    );
    console.log(plan.map((row) => row['QUERY PLAN']).join('\n'));
  }
} finally {
  await sql.end();
  await test.close();
}
