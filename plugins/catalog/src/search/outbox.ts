/**
 * Applies outbox rows to an external search engine. Rows are read in order, collapsed to the
 * latest change per dataset, applied in one bulk request, and deleted only after the engine
 * accepted them. On failure the rows stay (with their attempt count and the error) and the
 * caller's job is retried; indexing is idempotent (external versions), so a repeat is harmless.
 */
import type { Sql } from '../sql.ts';
import type { IndexDocument, SearchEngine } from './port.ts';

export interface DrainDeps {
  sql: Sql;
  engine: SearchEngine;
  /** Current search documents of these datasets (missing ones were deleted since). */
  documents(ids: string[]): Promise<IndexDocument[]>;
}

export interface DrainResult {
  applied: number;
  pending: number;
}

export async function drainOutbox(deps: DrainDeps, batchSize = 200): Promise<DrainResult> {
  let applied = 0;
  for (;;) {
    const rows = await deps.sql.query<{ id: string; dataset_id: string; op: 'upsert' | 'delete' }>(
      'select id, dataset_id, op from catalog_outbox order by id limit $1',
      [batchSize],
    );
    if (rows.length === 0) return { applied, pending: 0 };
    const latest = new Map<string, 'upsert' | 'delete'>();
    for (const row of rows) latest.set(row.dataset_id, row.op);
    const upserts = [...latest].filter(([, op]) => op === 'upsert').map(([id]) => id);
    const deletes = [...latest].filter(([, op]) => op === 'delete').map(([id]) => id);
    const rowIds = rows.map((row) => row.id);
    try {
      await deps.engine.upsert(await deps.documents(upserts));
      await deps.engine.remove(deletes);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await deps.sql.query(
        'update catalog_outbox set attempts = attempts + 1, last_error = $2 where id = any($1::bigint[])',
        [rowIds, message.slice(0, 1000)],
      );
      throw new Error(
        `search index update failed (${rows.length} changes kept for retry): ${message}`,
        {
          cause: error,
        },
      );
    }
    await deps.sql.query('delete from catalog_outbox where id = any($1::bigint[])', [rowIds]);
    applied += rows.length;
  }
}

export async function pendingOutbox(
  sql: Sql,
): Promise<{ pending: number; failing: number; lastError: string | null }> {
  const [row] = await sql.query<{ pending: number; failing: number; last_error: string | null }>(
    `select count(*)::int as pending, count(*) filter (where attempts > 0)::int as failing,
       (select last_error from catalog_outbox where last_error is not null order by id desc limit 1) as last_error
     from catalog_outbox`,
  );
  return {
    pending: row?.pending ?? 0,
    failing: row?.failing ?? 0,
    lastError: row?.last_error ?? null,
  };
}
