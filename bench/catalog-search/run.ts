/**
 * Catalogue search under load: HTTP (hapi, Joi, jieba, the search engine, hydration, JSON)
 * beside the bare SQL the same queries run, on generated datasets, in five scenarios (README):
 * one repeated query with the answer cache off and on, a Zipf-drawn mix of distinct queries
 * with the cache off and on (and on while a dataset is edited every second), and the mix at a
 * fixed rate below saturation. Prints p50/p95
 * latency, requests per second and the p95 ratio of each.
 *
 *   npx tsx bench/catalog-search/run.ts
 *   BENCH_DATASETS=20000 BENCH_SECONDS=3 npx tsx bench/catalog-search/run.ts
 *   BENCH_ONLY=mixed-cache-off,fixed-rate npx tsx bench/catalog-search/run.ts
 *
 * BENCH_DATASETS (100000), BENCH_SECONDS per measured run (10), BENCH_CONNECTIONS (10),
 * BENCH_RATE of the fixed-rate scenario in requests/s (50), BENCH_WRITES: dataset edits per
 * second in "mixed, on, writes" (1), BENCH_ONLY: scenarios to run (single-cache-off,
 * single-cache-on, mixed-cache-off, mixed-cache-on, mixed-on-writes, fixed-rate).
 */
import { loadavg } from 'node:os';
import { createTestKernel, type TestKernel } from '@kaifang/sdk/testing';
import auth from '../../plugins/auth-sso/src/plugin.ts';
import catalog from '../../plugins/catalog/src/plugin.ts';
import { createSql, type Sql } from '../../plugins/catalog/src/sql.ts';
import domains from '../../plugins/domains/src/plugin.ts';
import { generate } from './generate.ts';
import {
  type Figures,
  type Load,
  type Prepared,
  runBare,
  viaHttp,
  viaSql,
  type Workload,
  workload,
} from './measure.ts';
import { mixedQueries, pathOf, SINGLE, zipfSequence } from './queries.ts';
import { searchStatements } from './statements.ts';

const DATASETS = Number(process.env.BENCH_DATASETS ?? 100_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const RATE = Number(process.env.BENCH_RATE ?? 50);
const WRITES = Number(process.env.BENCH_WRITES ?? 1);
const WARM_UP = 2;
/** Other work on the (shared) machine, for reading the figures. */
const LOAD_AT_START = loadavg()[0]!;
/** Length of the drawn request sequence; warm-ups start half-way through it. */
const SEQUENCE = 65_536;

interface Scenario {
  name: string;
  cache: 'off' | 'on';
  work: Workload;
  rate?: number;
  /** Dataset edits per second during the HTTP run; each one empties every node's cache. */
  writes?: number;
  /** Scenarios with the same bare workload share one bare SQL run (SQL has no answer cache). */
  bare: string;
}

interface Row {
  scenario: Scenario;
  http: Figures & { sent: number };
  sql: Figures;
  /** Share of HTTP requests the engine answered (the rest came from the answer cache). */
  engineShare: number;
  /** Distinct queries among the HTTP requests sent. */
  drawn: number;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 500));
const slug = (name: string) => name.replace(/[^a-z0-9]+/g, '-');

function plugins(cacheSeconds?: number) {
  return [
    auth.configure({ admin: { loginName: 'admin', password: 'Kf-Bench-Pw-2026!' } }),
    domains,
    cacheSeconds === undefined
      ? catalog
      : catalog.configure({ search: { engine: 'postgres', cacheSeconds } }),
  ];
}

/** Queries on which HTTP and bare SQL disagree (total or page): bare must run what HTTP runs. */
async function disagreements(base: string, sql: Sql, sample: Prepared[]): Promise<string[]> {
  const wrong: string[] = [];
  for (const prepared of sample) {
    const page = (await (await fetch(`${base}${prepared.path}`)).json()) as {
      total: number;
      items: { id: string }[];
    };
    const bare = await runBare(sql, prepared);
    const same =
      page.total === bare.total && page.items.map((item) => item.id).join() === bare.ids.join();
    if (!same) wrong.push(decodeURIComponent(prepared.path));
  }
  return wrong;
}

/** Touches a random published dataset every `ms` (as an editor would): the cache must forget. */
function editEvery(sql: Sql, ms: number): NodeJS.Timeout {
  return setInterval(() => {
    sql
      .query(
        `update catalog_dataset set updated_at = now()
         where id = (select id from catalog_dataset tablesample system (1) limit 1)`,
      )
      .catch((error: unknown) => console.error('edit failed', error));
  }, ms);
}

/** How many distinct queries the first `count` requests of a run (offset 0) took. */
function distinctDrawn(work: Workload, count: number): number {
  const seen = new Set<number>();
  for (let i = 0; i < count; i++) seen.add(work.sequence[i % work.sequence.length]!);
  return seen.size;
}

const num = (n: number, width = 8, digits = 1) => n.toFixed(digits).padStart(width);
const pct = (n: number) => `${(100 * n).toFixed(1)} %`;

function printTable(rows: Row[], ttl: string): void {
  console.log(
    `\n${DATASETS} datasets; ${CONNECTIONS} connections; ${WARM_UP} s warm-up, then ${SECONDS} s measured per run; load average ${LOAD_AT_START.toFixed(1)} before the benchmark started\n`,
  );
  console.log(
    `${'scenario'.padEnd(20)}${'path'.padEnd(10)}  p50 ms   p95 ms    req/s  errors  p95 HTTP/SQL`,
  );
  for (const { scenario, http, sql } of rows) {
    const line = (label: string, path: string, f: Figures) =>
      `${label.padEnd(20)}${path.padEnd(10)}${num(f.p50)} ${num(f.p95)} ${num(f.rps)} ${String(f.errors).padStart(7)}`;
    console.log(`${line(scenario.name, 'HTTP', http)}  ${num(http.p95 / sql.p95, 12, 2)}`);
    console.log(line('', 'bare SQL', sql));
  }
  console.log('');
  for (const { scenario, http, engineShare, drawn } of rows) {
    const notes: string[] = [];
    const distinct = scenario.work.queries.length;
    notes.push(
      distinct === 1
        ? `one query, ${decodeURIComponent(scenario.work.queries[0]!.path)}`
        : `${distinct} distinct queries, Zipf s=1; this run's ${http.sent} requests drew ${drawn} of them`,
    );
    if (scenario.writes)
      notes.push(`a dataset edited ${scenario.writes}× a second, each edit emptying the cache`);
    if (scenario.rate)
      notes.push(`${scenario.rate} req/s offered to each path, at most ${CONNECTIONS} in flight`);
    notes.push(
      scenario.cache === 'off'
        ? `cache off; the engine answered ${pct(engineShare)} of HTTP requests`
        : `cache on, TTL ${ttl}; ${pct(Math.max(0, 1 - engineShare))} of HTTP requests answered from the cache; bare SQL has no cache, so one bare run serves both cache rows`,
    );
    console.log(`${scenario.name}: ${notes.join('; ')}`);
  }
}

async function main(): Promise<void> {
  const mix = mixedQueries();
  const single = workload([SINGLE], Uint16Array.of(0));
  const mixed = workload(mix, zipfSequence(mix.length, SEQUENCE));
  const scenarios: Scenario[] = [
    { name: 'single, cache off', cache: 'off', work: single, bare: 'single' },
    { name: 'single, cache on', cache: 'on', work: single, bare: 'single' },
    { name: 'mixed, cache off', cache: 'off', work: mixed, bare: 'mixed' },
    { name: 'mixed, cache on', cache: 'on', work: mixed, bare: 'mixed' },
    { name: 'mixed, on, writes', cache: 'on', work: mixed, writes: WRITES, bare: 'mixed' },
    { name: 'fixed rate', cache: 'off', work: mixed, rate: RATE, bare: 'fixed' },
  ];
  const only = process.env.BENCH_ONLY?.split(',').map((name) => slug(name.trim()));
  const unknown = only?.filter((name) => !scenarios.some((s) => slug(s.name) === name));
  if (unknown?.length)
    throw new Error(
      `BENCH_ONLY: unknown ${unknown.join(', ')}; one of ${scenarios.map((s) => slug(s.name)).join(', ')}`,
    );
  const chosen = scenarios.filter((s) => !only || only.includes(slug(s.name)));
  const ttlSeconds = catalog.config?.validate({}).value?.search?.cacheSeconds;
  const ttl = `${ttlSeconds ?? '?'} s (plugin default)`;

  console.log(
    'booting two kernels (answer cache off / plugin default) on one embedded PostgreSQL…',
  );
  const kernels: TestKernel[] = [];
  let sql: Sql | undefined;
  try {
    const off = await createTestKernel({ plugins: plugins(0), listen: true });
    kernels.push(off);
    const on = await createTestKernel({
      plugins: plugins(),
      listen: true,
      databaseUrl: off.databaseUrl,
    });
    kernels.unshift(on); // closed first: the first kernel owns the database
    sql = createSql(off.databaseUrl, CONNECTIONS);

    const started = performance.now();
    await generate(sql, DATASETS, (done) =>
      process.stdout.write(`\rgenerating datasets ${done}/${DATASETS}`),
    );
    console.log(` and vacuum analyze (${((performance.now() - started) / 1000).toFixed(0)} s)`);

    const probe = (await (await fetch(`${off.url}${pathOf(SINGLE)}`)).json()) as {
      total: number;
      search: { engine: string };
    };
    console.log(
      `single query: ${decodeURIComponent(pathOf(SINGLE))} → ${probe.total} of ${DATASETS} datasets (engine ${probe.search.engine})`,
    );
    const sample = [...single.queries, ...mixed.queries.slice(0, 20)];
    const wrong = await disagreements(off.url, sql, sample);
    console.log(
      wrong.length === 0
        ? `HTTP and bare SQL agree on total and page for ${sample.length} queries`
        : `warning: HTTP and bare SQL disagree for ${wrong.join(', ')}`,
    );

    const bareRuns = new Map<string, Figures>();
    const rows: Row[] = [];
    for (const scenario of chosen) {
      const base = (scenario.cache === 'off' ? off : on).url;
      const load = (duration: number, offset: number): Load => ({
        connections: CONNECTIONS,
        duration,
        offset,
        ...(scenario.rate ? { rate: scenario.rate } : {}),
      });
      const warmOffset = Math.floor(scenario.work.sequence.length / 2);
      await viaHttp(base, scenario.work, load(WARM_UP, warmOffset));
      // Requests still in flight when a run stops reach the engine a little later: let them.
      await settle();
      const before = searchStatements();
      const writer = scenario.writes ? editEvery(sql, 1000 / scenario.writes) : undefined;
      const http = await viaHttp(base, scenario.work, load(SECONDS, 0)).finally(() =>
        clearInterval(writer),
      );
      await settle();
      const engineShare = (searchStatements() - before) / Math.max(1, http.sent);
      let bare = bareRuns.get(scenario.bare);
      if (!bare) {
        await viaSql(sql, scenario.work, load(WARM_UP, warmOffset));
        bare = await viaSql(sql, scenario.work, load(SECONDS, 0));
        bareRuns.set(scenario.bare, bare);
      }
      const drawn = distinctDrawn(scenario.work, http.sent);
      rows.push({ scenario, http, sql: bare, engineShare, drawn });
      console.log(
        `${scenario.name}: HTTP p95 ${http.p95.toFixed(1)} ms, bare SQL p95 ${bare.p95.toFixed(1)} ms`,
      );
    }
    printTable(rows, ttl);
  } finally {
    await sql?.end();
    for (const kernel of kernels) await kernel.close();
  }
}

await main();
