import type { Clock, Storage } from '@kaifang/sdk';
import type pg from 'pg';
import type { Logger } from 'pino';

/**
 * Retention of uploaded originals. The file a provider uploads is stored before its load and
 * holds the values data-security masks (ID numbers, mobiles, addresses) in the clear. Nothing
 * serves it, but keeping personal data without limit is what data minimisation forbids: a
 * finished load's original is deleted `keepDays` after the load ended, and the job records it.
 */
export interface RetentionDeps {
  pool: pg.Pool;
  storage: Storage;
  clock: Clock;
  logger: Logger;
  /** Days an original stays after its load finished; 0 deletes it at once. */
  keepDays: number;
}

/** The jobs' queue name and its schedule (hourly, on the hour, Asia/Shanghai). */
export const PURGE_QUEUE = 'purge-originals';
export const PURGE_CRON = '0 * * * *';

/** Only these states are final: a queued or running load still needs its file. */
const FINISHED = ['completed', 'failed', 'cancelled'];
/** Rows handled per query, so a large backlog (the first run after an upgrade) stays bounded. */
const BATCH = 200;
const DAY_MS = 86_400_000;

/**
 * Deletes the originals of loads that finished at least `keepDays` ago and marks their jobs
 * (`file_purged_at`); `only` limits it to one job (keepDays 0, right after its load). Returns
 * how many were removed. Safe to run on several nodes at once: deleting is idempotent and a job
 * is marked once.
 */
export async function purgeOriginals(deps: RetentionDeps, only?: string): Promise<number> {
  const now = deps.clock.now();
  const cutoff = new Date(now.getTime() - deps.keepDays * DAY_MS);
  // Rows whose delete failed are skipped for the rest of this run, not retried in a loop.
  const skipped: string[] = [];
  let purged = 0;
  for (;;) {
    const { rows } = await deps.pool.query<{ id: string; file_key: string }>(
      `select id, file_key from datastore_ingest
        where file_purged_at is null and state = any($1) and finished_at <= $2
          and ($3::uuid is null or id = $3) and not (id = any($4::uuid[]))
        order by finished_at limit ${BATCH}`,
      [FINISHED, cutoff, only ?? null, skipped],
    );
    for (const row of rows) {
      try {
        await deps.storage.delete(row.file_key);
      } catch (error) {
        // Left unmarked: the next run tries again.
        deps.logger.warn({ err: error, job: row.id }, 'could not delete an uploaded original');
        skipped.push(row.id);
        continue;
      }
      const marked = await deps.pool.query(
        'update datastore_ingest set file_purged_at = $2 where id = $1 and file_purged_at is null',
        [row.id, now],
      );
      // Another node may have marked it meanwhile: count each job once.
      purged += marked.rowCount ?? 0;
    }
    if (rows.length < BATCH) break;
  }
  if (purged > 0)
    deps.logger.info({ purged, keepDays: deps.keepDays }, 'uploaded originals removed');
  return purged;
}
