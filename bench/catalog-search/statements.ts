/**
 * Counts the search statements this process sends to PostgreSQL (the engine's, whichever pool
 * they go through), so a run can tell how many requests the catalog's answer cache saved:
 * statements / requests is the share the engine answered. It wraps `pg.Client#query`, which
 * every pool query goes through; the kernel and the benchmark load the same `pg`.
 */
import pg from 'pg';

let count = 0;

/** The first words of `buildSearchSql` (facets) and of `buildPageSql`'s page statement. */
const SEARCH = /^\s*(with m as materialized \(|select d\.id from catalog_dataset d where)/;

const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
const original = proto.query;
proto.query = function (this: unknown, ...args: unknown[]): unknown {
  const first = args[0];
  const text = typeof first === 'string' ? first : (first as { text?: unknown } | null)?.text;
  if (typeof text === 'string' && SEARCH.test(text)) count += 1;
  return original.apply(this, args);
};

/** Search statements sent since the process started. */
export function searchStatements(): number {
  return count;
}
