/**
 * Catalogue search under load: a keyword + domain-filter query through HTTP (hapi, Joi,
 * jieba, the search engine, hydration, JSON) beside the bare SQL statements that query runs,
 * on 100,000 generated datasets. Prints p50/p95 latency, requests per second and the ratio.
 *
 *   npx tsx bench/catalog-search/run.ts
 *   BENCH_DATASETS=20000 BENCH_SECONDS=5 BENCH_CONNECTIONS=10 npx tsx bench/catalog-search/run.ts
 *   BENCH_CACHE=0 npx tsx bench/catalog-search/run.ts   # the catalog's answer cache off
 */
import { Worker } from 'node:worker_threads';
import { createTestKernel } from '@kaifang/sdk/testing';
import auth from '../../plugins/auth-sso/src/plugin.ts';
import catalog from '../../plugins/catalog/src/plugin.ts';
import { buildSearchSql } from '../../plugins/catalog/src/search/postgres.ts';
import { tokenizeQuery } from '../../plugins/catalog/src/search/tokenize.ts';
import { createSql } from '../../plugins/catalog/src/sql.ts';
import domains from '../../plugins/domains/src/plugin.ts';
import { generate } from './generate.ts';

const DATASETS = Number(process.env.BENCH_DATASETS ?? 100_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
/** The catalog's `search.cacheSeconds`; unset = the plugin's default (5 s). */
const CACHE = process.env.BENCH_CACHE === undefined ? undefined : Number(process.env.BENCH_CACHE);
const KEYWORD = '公交';
const DOMAIN = 'transport';

interface Figures {
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  non2xx?: number;
}

function http(url: string, duration: number): Promise<Figures> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./load-worker.mjs', import.meta.url), {
      workerData: { url, connections: CONNECTIONS, duration },
    });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

/** The same statements the HTTP path runs, `CONNECTIONS` at a time, straight through pg. */
async function bare(sql: ReturnType<typeof createSql>, duration: number): Promise<Figures> {
  const query = {
    words: tokenizeQuery(KEYWORD),
    filters: { domain: [DOMAIN], state: 'published' as const },
    viewer: { kind: 'public' as const },
    sort: 'relevance' as const,
    order: 'desc' as const,
    offset: 0,
    limit: 20,
    facets: true,
  };
  const { text, values } = buildSearchSql(query);
  const times: number[] = [];
  const end = performance.now() + duration * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < end) {
        const started = performance.now();
        const rows = await sql.query<{ facet: string; key: string }>(text, values);
        const ids = rows.filter((row) => row.facet === 'item').map((row) => row.key);
        await sql.query(
          `select d.*, o.name from catalog_dataset d join catalog_organisation o on o.id = d.org_id where d.id = any($1::uuid[])`,
          [ids],
        );
        times.push(performance.now() - started);
      }
    }),
  );
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!;
  return { requests: times.length, rps: times.length / duration, p50: at(0.5), p95: at(0.95) };
}

const fmt = (n: number) => n.toFixed(1).padStart(8);

async function main(): Promise<void> {
  console.log(`booting a kernel on a fresh embedded PostgreSQL…`);
  const test = await createTestKernel({
    plugins: [
      auth.configure({ admin: { loginName: 'admin', password: 'Kf-Bench-Pw-2026!' } }),
      domains,
      CACHE === undefined
        ? catalog
        : catalog.configure({ search: { engine: 'postgres', cacheSeconds: CACHE } }),
    ],
    listen: true,
  });
  const sql = createSql(test.databaseUrl, CONNECTIONS);
  try {
    const started = performance.now();
    await generate(sql, DATASETS, (done) =>
      process.stdout.write(`\rgenerating datasets ${done}/${DATASETS}`),
    );
    console.log(` (${((performance.now() - started) / 1000).toFixed(0)} s)`);
    const url = `${test.url}/api/v1/datasets?q=${encodeURIComponent(KEYWORD)}&domain=${DOMAIN}`;
    const probe = (await (await fetch(url)).json()) as {
      total: number;
      search: { engine: string };
    };
    console.log(
      `query: q=${KEYWORD}&domain=${DOMAIN} → ${probe.total} of ${DATASETS} datasets (engine ${probe.search.engine})`,
    );

    await http(url, 2); // warm-up: JIT, caches, connection pools
    await bare(sql, 2);
    const viaHttp = await http(url, SECONDS);
    const viaSql = await bare(sql, SECONDS);

    console.log(
      `\n${CONNECTIONS} concurrent clients, ${SECONDS} s each; answer cache ${CACHE === undefined ? 'default (5 s)' : CACHE === 0 ? 'off' : `${CACHE} s`}\n`,
    );
    console.log('                     p50 ms   p95 ms    req/s');
    console.log(`HTTP (catalog API) ${fmt(viaHttp.p50)} ${fmt(viaHttp.p95)} ${fmt(viaHttp.rps)}`);
    console.log(`bare SQL           ${fmt(viaSql.p50)} ${fmt(viaSql.p95)} ${fmt(viaSql.rps)}`);
    console.log(
      `ratio HTTP/SQL     ${fmt(viaHttp.p50 / viaSql.p50)} ${fmt(viaHttp.p95 / viaSql.p95)} ${fmt(viaSql.rps / viaHttp.rps)}  (req/s: SQL/HTTP)`,
    );
    if (viaHttp.non2xx) console.log(`warning: ${viaHttp.non2xx} HTTP answers were not 200`);
    const ok = viaHttp.p95 < 50 && viaHttp.p95 / viaSql.p95 <= 2;
    console.log(`\ntarget p95 < 50 ms and within 2x of bare SQL: ${ok ? 'met' : 'NOT met'}`);
  } finally {
    await sql.end();
    await test.close();
  }
}

await main();
