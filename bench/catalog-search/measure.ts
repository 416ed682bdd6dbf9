/**
 * Timing one workload two ways: through HTTP (load-worker.mjs, in a worker thread) and as the
 * bare SQL the catalog's PostgreSQL engine runs for the same queries, in the same order.
 */
import { Worker } from 'node:worker_threads';
import type { SearchQuery } from '../../plugins/catalog/src/search/port.ts';
import {
  buildPageSql,
  buildSearchSql,
  type Statement,
} from '../../plugins/catalog/src/search/postgres.ts';
import type { Sql } from '../../plugins/catalog/src/sql.ts';
import { paced } from './pace.mjs';
import { pathOf, type QuerySpec, searchQueryOf } from './queries.ts';

/** Distinct queries and the order requests take them in (`sequence[i]` indexes `queries`). */
export interface Workload {
  queries: Prepared[];
  sequence: Uint16Array;
}

export interface Prepared {
  spec: QuerySpec;
  path: string;
  query: SearchQuery;
  /** What `PostgresSearchEngine#search` runs: one statement with facets, else page + count. */
  statements: { search: Statement } | { page: Statement; count: Statement };
}

export function workload(specs: QuerySpec[], sequence: Uint16Array): Workload {
  const queries = specs.map((spec): Prepared => {
    const query = searchQueryOf(spec);
    return {
      spec,
      path: pathOf(spec),
      query,
      statements: query.facets ? { search: buildSearchSql(query) } : buildPageSql(query),
    };
  });
  return { queries, sequence };
}

/** How a run is driven: closed loop (`rate` unset) or one request every 1000/`rate` ms. */
export interface Load {
  connections: number;
  duration: number;
  rate?: number;
  /** Where in the workload's sequence to start (warm-ups start elsewhere). */
  offset: number;
}

export interface Figures {
  /** Answered requests (200 / statements that succeeded). */
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  /** HTTP answers other than 200, failed requests or statements. */
  errors: number;
}

function figures(times: ArrayLike<number>, errors: number, duration: number): Figures {
  const sorted = Float64Array.from(times).sort();
  const at = (p: number) =>
    sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! : NaN;
  return {
    requests: sorted.length,
    rps: sorted.length / duration,
    p50: at(0.5),
    p95: at(0.95),
    errors,
  };
}

/** What the load worker is given and answers (load-worker.mjs). */
interface WorkerInput extends Load {
  base: string;
  paths: string[];
  sequence: Uint16Array;
}
interface WorkerOutput {
  times: number[];
  errors: number;
  sent: number;
}

/** The workload through HTTP against `base` (a kernel's URL). */
export async function viaHttp(
  base: string,
  work: Workload,
  load: Load,
): Promise<Figures & { sent: number }> {
  const workerData: WorkerInput = {
    ...load,
    base,
    paths: work.queries.map((query) => query.path),
    sequence: work.sequence,
  };
  const output = await new Promise<WorkerOutput>((resolve, reject) => {
    const worker = new Worker(new URL('./load-worker.mjs', import.meta.url), { workerData });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return { ...figures(output.times, output.errors, load.duration), sent: output.sent };
}

const HYDRATE = `select d.*, o.name from catalog_dataset d join catalog_organisation o on o.id = d.org_id
  where d.id = any($1::uuid[])`;

/**
 * One query as bare SQL: the engine's statement(s), then the hydration `select` of the page's
 * datasets (skipped when the page is empty, as the catalog does). Returns the total and ids.
 */
export async function runBare(
  sql: Sql,
  prepared: Prepared,
): Promise<{ total: number; ids: string[] }> {
  const { statements } = prepared;
  let total = 0;
  let ids: string[];
  if ('search' in statements) {
    const rows = await sql.query<{ facet: string; key: string; count: number }>(
      statements.search.text,
      statements.search.values,
    );
    ids = [];
    for (const row of rows) {
      if (row.facet === 'item') ids[row.count - 1] = row.key;
      else if (row.facet === 'total') total = row.count;
    }
    ids = ids.filter(Boolean);
  } else {
    const [page, count] = await Promise.all([
      sql.query<{ id: string }>(statements.page.text, statements.page.values),
      sql.query<{ total: number }>(statements.count.text, statements.count.values),
    ]);
    ids = page.map((row) => row.id);
    total = count[0]?.total ?? 0;
  }
  if (ids.length > 0) await sql.query(HYDRATE, [ids]);
  return { total, ids };
}

/** The workload as bare SQL through `sql` (a pool of `load.connections`), driven like HTTP. */
export async function viaSql(sql: Sql, work: Workload, load: Load): Promise<Figures> {
  const { queries, sequence } = work;
  let next = load.offset;
  const take = (): Prepared => queries[sequence[next++ % sequence.length]!]!;
  if (load.rate) {
    const { times, errors } = await paced({
      rate: load.rate,
      duration: load.duration,
      limit: load.connections,
      send: async () => void (await runBare(sql, take())),
    });
    return figures(times, errors, load.duration);
  }
  const times: number[] = [];
  const end = performance.now() + load.duration * 1000;
  await Promise.all(
    Array.from({ length: load.connections }, async () => {
      while (performance.now() < end) {
        const started = performance.now();
        await runBare(sql, take());
        times.push(performance.now() - started);
      }
    }),
  );
  return figures(times, 0, load.duration);
}
