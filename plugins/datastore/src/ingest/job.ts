import type pg from 'pg';
import type { CatalogPort } from '../catalog-port.ts';
import type { FileFormat, IngestPhase, IngestState, UpdateMethod } from '../entities/ingest.ts';
import { currentTable } from '../store/tables.ts';
import { FileProblem, type TextEncoding } from './detect.ts';
import {
  buildIndexes,
  Cancelled,
  type IndexPlan,
  type IngestJob,
  indexPlan,
  type LoaderDeps,
  load,
} from './loader.ts';

/** A job as `GET /api/v1/jobs/{id}` shows it. */
export interface JobView {
  id: string;
  datasetId: string;
  state: IngestState;
  phase: IngestPhase;
  method: UpdateMethod;
  fileName: string;
  format: FileFormat;
  encoding: string | null;
  rowsDone: number;
  bytesDone: number;
  bytesTotal: number;
  /** 0–100, from the bytes read; 100 once completed. */
  percent: number;
  error?: string;
  createdAt: string;
  startedAt: string | null;
  /** When the rows became readable; a full load builds its indexes after that, still `running`. */
  readableAt: string | null;
  finishedAt: string | null;
  /**
   * When the uploaded original was deleted from storage (`uploads.keepDays` after the load
   * finished); null while it is kept. The loaded rows are not affected.
   */
  originalRemovedAt: string | null;
}

interface JobRow {
  id: string;
  dataset_id: string;
  state: IngestState;
  phase: IngestPhase;
  method: UpdateMethod;
  file_key: string;
  file_name: string;
  format: FileFormat;
  encoding: string | null;
  primary_key: string[];
  bytes_total: string;
  bytes_done: string;
  rows_done: string;
  error: string | null;
  cancel_requested: boolean;
  created_by: string | null;
  created_at: Date;
  started_at: Date | null;
  readable_at: Date | null;
  finished_at: Date | null;
  file_purged_at: Date | null;
}

export async function readJob(pool: pg.Pool, id: string): Promise<JobRow | undefined> {
  const result = await pool.query<JobRow>('select * from datastore_ingest where id = $1', [id]);
  return result.rows[0];
}

export function viewJob(row: JobRow): JobView {
  const bytesTotal = Number(row.bytes_total);
  const bytesDone = Number(row.bytes_done);
  const percent =
    row.state === 'completed'
      ? 100
      : bytesTotal > 0
        ? Math.min(99, Math.floor((bytesDone / bytesTotal) * 100))
        : 0;
  return {
    id: row.id,
    datasetId: row.dataset_id,
    state: row.state,
    phase: row.phase,
    method: row.method,
    fileName: row.file_name,
    format: row.format,
    encoding: row.encoding,
    rowsDone: Number(row.rows_done),
    bytesDone,
    bytesTotal,
    percent,
    ...(row.error ? { error: row.error } : {}),
    createdAt: row.created_at.toISOString(),
    startedAt: row.started_at?.toISOString() ?? null,
    readableAt: row.readable_at?.toISOString() ?? null,
    finishedAt: row.finished_at?.toISOString() ?? null,
    originalRemovedAt: row.file_purged_at?.toISOString() ?? null,
  };
}

export interface NewJob {
  id: string;
  datasetId: string;
  method: UpdateMethod;
  fileKey: string;
  fileName: string;
  format: FileFormat;
  encoding: TextEncoding | null;
  primaryKey: string[];
  bytesTotal: number;
  createdBy: string | null;
  now: Date;
}

export async function insertJob(pool: pg.Pool, job: NewJob): Promise<void> {
  await pool.query(
    `insert into datastore_ingest (id, dataset_id, state, phase, method, file_key, file_name, format,
       encoding, primary_key, bytes_total, created_by, created_at)
     values ($1, $2, 'queued', 'queued', $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      job.id,
      job.datasetId,
      job.method,
      job.fileKey,
      job.fileName,
      job.format,
      job.encoding,
      job.primaryKey,
      job.bytesTotal,
      job.createdBy,
      job.now,
    ],
  );
}

/** How often progress is written (and a cancel request noticed) while rows stream. */
const PROGRESS_INTERVAL_MS = 500;

/**
 * Works one ingest job. Problems with the file end the job as `failed` with a message that
 * names the line; they are not retried (the same file would fail the same way).
 */
export async function runJob(
  deps: LoaderDeps & { catalogPort: CatalogPort },
  id: string,
): Promise<void> {
  const { pool, clock, logger } = deps;
  const row = await readJob(pool, id);
  // A job found `running` was cut short by a crash: its transaction rolled back, so it starts
  // over. A finished job is left alone (pg-boss may deliver a job twice).
  if (row?.state !== 'queued' && row?.state !== 'running') return;
  const finish = async (
    state: IngestState,
    phase: IngestPhase,
    error: string | null,
    rows?: number,
  ) => {
    await pool.query(
      `update datastore_ingest set state = $2, phase = $3, error = $4, finished_at = $5,
         rows_done = coalesce($6, rows_done) where id = $1`,
      [id, state, phase, error, clock.now(), rows ?? null],
    );
  };
  if (row.state === 'running' && row.readable_at) {
    // Cut short after publishing: the rows are in; only the indexes may be missing.
    const table = await currentTable(pool, row.dataset_id);
    const error = table
      ? await indexesOf(
          deps,
          id,
          indexPlan(table.tableName, table.columns, table.primaryKey, deps.maxIndexes),
        )
      : null;
    await finish('completed', 'done', error);
    return;
  }
  if (row.cancel_requested) {
    await finish(
      'cancelled',
      row.phase,
      'cancelled before it started; the previous data is unchanged',
    );
    return;
  }
  await pool.query(
    `update datastore_ingest set state = 'running', phase = 'parsing', started_at = $2 where id = $1`,
    [id, clock.now()],
  );
  let lastWrite = 0;
  let phaseStarted = performance.now();
  let currentPhase: IngestPhase = 'parsing';
  const progress = {
    phase: async (phase: IngestPhase) => {
      const now = performance.now();
      logger.debug(
        { job: id, phase: currentPhase, ms: Math.round(now - phaseStarted) },
        'ingest phase done',
      );
      phaseStarted = now;
      currentPhase = phase;
      await pool.query('update datastore_ingest set phase = $2 where id = $1', [id, phase]);
    },
    rows: async (rowsDone: number, bytesDone: number) => {
      const now = Date.now();
      if (now - lastWrite < PROGRESS_INTERVAL_MS) return;
      lastWrite = now;
      const result = await pool.query<{ cancel_requested: boolean }>(
        `update datastore_ingest set rows_done = $2, bytes_done = $3 where id = $1
         returning cancel_requested`,
        [id, rowsDone, bytesDone],
      );
      if (result.rows[0]?.cancel_requested) throw new Cancelled();
    },
  };
  const job: IngestJob = {
    id,
    datasetId: row.dataset_id,
    method: row.method,
    fileKey: row.file_key,
    fileName: row.file_name,
    format: row.format,
    encoding: (row.encoding as TextEncoding | null) ?? 'utf8',
    primaryKey: row.primary_key,
  };
  try {
    const dataset = await deps.catalogPort.dataset(job.datasetId);
    if (!dataset) throw new FileProblem(`dataset ${job.datasetId} no longer exists`);
    const result = await load(deps, job, dataset, progress);
    // Committed: readers see the new rows from now on.
    await pool.query(
      `update datastore_ingest set bytes_done = bytes_total, rows_done = $2, readable_at = $3
       where id = $1`,
      [id, result.rowsLoaded, clock.now()],
    );
    await afterLoad(deps, job, result.recordCount, result.rowsLoaded);
    let indexError: string | null = null;
    if (result.indexes) {
      await progress.phase('indexing');
      indexError = await indexesOf(deps, id, result.indexes);
    }
    await finish('completed', 'done', indexError, result.rowsLoaded);
  } catch (error) {
    if (error instanceof Cancelled) {
      await finish('cancelled', 'done', error.message);
    } else if (error instanceof FileProblem) {
      await finish('failed', 'done', error.message);
    } else {
      logger.error({ err: error, job: id }, 'ingest failed unexpectedly');
      await finish(
        'failed',
        'done',
        `the ingest failed unexpectedly (${(error as Error).message}); the previous data is unchanged. Upload again, or ask the operator to check the server log for job ${id}`,
      );
    }
  }
}

/**
 * Builds a published table's indexes. The data is already readable, so a failure does not fail
 * the job: it is logged and shown on the completed job (queries work, only slower).
 */
async function indexesOf(deps: LoaderDeps, id: string, plan: IndexPlan): Promise<string | null> {
  try {
    await buildIndexes(deps.pool, plan);
    return null;
  } catch (error) {
    deps.logger.error({ err: error, job: id }, 'building indexes failed');
    return `the data is loaded and readable, but building its indexes failed (${(error as Error).message}); queries work but may be slow. Upload again, or ask the operator to check the server log for job ${id}`;
  }
}

/** Tells the catalog and other plugins; the data is already committed, so failures only log. */
async function afterLoad(
  deps: LoaderDeps & { catalogPort: CatalogPort },
  job: IngestJob,
  recordCount: number,
  rowsLoaded: number,
): Promise<void> {
  try {
    const table = await currentTable(deps.pool, job.datasetId);
    await deps.catalogPort.recordLoaded(job.datasetId, {
      recordCount,
      formats: table?.formats ?? [],
      fields: (table?.columns ?? []).map((column) => ({
        name: column.name,
        label: column.name,
        type: column.type,
      })),
    });
    await deps.hooks.loaded.promise({
      datasetId: job.datasetId,
      method: job.method,
      recordCount,
      rowsLoaded,
    });
  } catch (error) {
    deps.logger.error({ err: error, dataset: job.datasetId }, 'could not report a finished load');
  }
}
