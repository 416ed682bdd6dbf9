import type { Clock, Storage } from '@kaifang/sdk';
import type pg from 'pg';
import type { Logger } from 'pino';
import type { CatalogPort, DatasetFacts } from '../catalog-port.ts';
import type { FileFormat, IngestPhase, UpdateMethod } from '../entities/ingest.ts';
import type { DatastoreHooks, LoadPlan } from '../hooks.ts';
import {
  type ColumnInfo,
  type FieldType,
  fieldNames,
  ident,
  qualified,
  SQL_TYPES,
  TypeInference,
  tableNameFor,
} from '../store/columns.ts';
import { inTransaction, withClient } from '../store/db.ts';
import { type CurrentTable, currentTable, saveCurrent } from '../store/tables.ts';
import { copyRows, EmptyKey, Misfit } from './copy.ts';
import { FileProblem, type TextEncoding } from './detect.ts';
import { ByteCounter, openParsed, type ParsedFile, type SourceRow } from './parse.ts';

/** The formats every loaded dataset can be downloaded in (written back to the catalog). */
export const DOWNLOAD_FORMATS = ['CSV', 'XLSX', 'JSON', 'XML'];

/** The job as the loader reads it from `datastore_ingest`. */
export interface IngestJob {
  id: string;
  datasetId: string;
  method: UpdateMethod;
  fileKey: string;
  fileName: string;
  format: FileFormat;
  encoding: TextEncoding;
  primaryKey: string[];
}

/** What the loader reports while it runs; the job table shows it over HTTP. */
export interface ProgressSink {
  phase(phase: IngestPhase): Promise<void>;
  /** Throws `Cancelled` when someone asked to cancel. */
  rows(rowsDone: number, bytesDone: number): Promise<void>;
}

export class Cancelled extends Error {
  constructor() {
    super('the ingest was cancelled; the previous data is unchanged');
  }
}

export interface LoaderDeps {
  pool: pg.Pool;
  storage: Storage;
  hooks: DatastoreHooks;
  catalog: CatalogPort;
  clock: Clock;
  logger: Logger;
  /** Drops a replaced table later, once readers that started before the swap are done. */
  retire(table: string): Promise<void>;
  /** Columns indexed automatically besides the row id and the key. */
  maxIndexes: number;
}

export interface LoadResult {
  rowsLoaded: number;
  recordCount: number;
  method: UpdateMethod;
  /** A full load's indexes, built after the commit (`buildIndexes`); the data is readable already. */
  indexes?: IndexPlan;
}

/** The indexes a full load builds once its rows are published. */
export interface IndexPlan {
  tableName: string;
  /** Generated column names (`c3`), besides `_id`, each indexed on its own. */
  columns: string[];
}

/** Rows inspected to infer types before the table is created. */
const SAMPLE_ROWS = 5000;
/** Values per field shown to `beforeLoad` taps. */
const PLAN_SAMPLES = 50;

const TYPE_WORDS: Record<FieldType, string> = {
  integer: 'an integer',
  decimal: 'a number',
  date: 'a date (YYYY-MM-DD)',
  datetime: 'a date and time (YYYY-MM-DD HH:MM:SS)',
  boolean: 'true or false',
  string: 'text',
};

/**
 * Reads rows from batches, so the loader can take a sample and then go on where it stopped.
 * Rows taken are copies (see `take`); the rest pass through untouched.
 */
class BatchReader {
  #pending: SourceRow[] = [];
  constructor(private readonly source: AsyncIterator<SourceRow[]>) {}

  async take(count: number): Promise<SourceRow[]> {
    const rows: SourceRow[] = [];
    while (rows.length < count) {
      if (this.#pending.length === 0) {
        const next = await this.source.next();
        if (next.done) break;
        this.#pending = next.value;
      }
      const part = this.#pending.splice(0, count - rows.length);
      // Copies, so the parser's own rows die young. Keeping thousands of them alive across
      // garbage collections makes V8 allocate every later row of the file straight into the
      // old generation ("pretenuring"): that alone cost 1.5 s of CPU per million rows.
      for (const row of part) rows.push({ line: row.line, values: row.values.slice() });
    }
    return rows;
  }

  /** The rows not taken yet, still in batches. */
  async *rest(): AsyncGenerator<SourceRow[]> {
    if (this.#pending.length > 0) yield this.#pending.splice(0);
    for (;;) {
      const next = await this.source.next();
      if (next.done) return;
      yield next.value;
    }
  }
}

async function* prepend(
  first: SourceRow[],
  rest: AsyncIterable<SourceRow[]>,
): AsyncGenerator<SourceRow[]> {
  if (first.length > 0) yield first;
  yield* rest;
}

async function* flatten(batches: AsyncIterable<SourceRow[]>): AsyncGenerator<SourceRow> {
  for await (const batch of batches) yield* batch;
}

async function* rebatch(rows: AsyncIterable<SourceRow>, size = 512): AsyncGenerator<SourceRow[]> {
  let batch: SourceRow[] = [];
  for await (const row of rows) {
    batch.push(row);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

interface OpenedRows {
  parsed: ParsedFile;
  names: string[];
  rows: BatchReader;
  counter: ByteCounter;
}

/**
 * Opens the stored file and runs the `beforeLoad` taps: their masks and wrappers sit in the
 * stream before anything is typed, copied or logged.
 */
async function openRows(
  deps: LoaderDeps,
  job: IngestJob,
  method: UpdateMethod,
): Promise<OpenedRows> {
  // Only a queued or running load reads its file, and those are never purged; a file missing
  // anyway (removed by hand) fails the job with a clear message instead of an ENOENT.
  if (!(await deps.storage.stat(job.fileKey))) {
    throw new FileProblem(
      `the uploaded file '${job.fileName}' is no longer in storage; upload it again`,
    );
  }
  const counter = new ByteCounter();
  const file = deps.storage.read(job.fileKey);
  // pipe() does not pass errors on: a read error would otherwise be thrown as an unhandled
  // 'error' event (taking the process down) instead of failing the job.
  file.once('error', (error) => counter.destroy(error));
  const source = file.pipe(counter);
  const parsed = await openParsed(source, job.format, job.encoding, job.fileName);
  const names = fieldNames(parsed.header);
  const reader = new BatchReader(parsed.batches);
  const head = await reader.take(PLAN_SAMPLES);
  const masks = new Map<number, ((value: string) => string)[]>();
  const wrappers: ((rows: AsyncIterable<SourceRow>) => AsyncIterable<SourceRow>)[] = [];
  const plan: LoadPlan = {
    datasetId: job.datasetId,
    method,
    fields: names.map((name, index) => ({
      name,
      samples: head.map((row) => row.values[index] ?? ''),
    })),
    mask(field, transform) {
      const index = names.indexOf(field);
      if (index < 0) throw new Error(`beforeLoad: no field '${field}' in this file`);
      masks.set(index, [...(masks.get(index) ?? []), transform]);
    },
    wrapRows(wrapper) {
      wrappers.push(wrapper);
    },
  };
  await deps.hooks.beforeLoad.promise(plan);
  let batches: AsyncIterable<SourceRow[]> = prepend(head, reader.rest());
  if (wrappers.length > 0) {
    let rows: AsyncIterable<SourceRow> = flatten(batches);
    for (const wrapper of wrappers) rows = wrapper(rows);
    batches = rebatch(rows);
  }
  if (masks.size > 0) {
    const unmasked = batches;
    const entries = [...masks];
    batches = (async function* () {
      for await (const batch of unmasked) {
        yield batch.map((row) => {
          const values = [...row.values];
          for (const [index, transforms] of entries) {
            values[index] = transforms.reduce(
              (value, transform) => transform(value),
              values[index] ?? '',
            );
          }
          return { line: row.line, values };
        });
      }
    })();
  }
  return { parsed, names, rows: new BatchReader(batches[Symbol.asyncIterator]()), counter };
}

/** Turns loader errors that concern the file into messages that name the place and the fix. */
function explain(
  error: unknown,
  parsed: ParsedFile,
  method: UpdateMethod,
  columns: ColumnInfo[],
): unknown {
  if (error instanceof Misfit) {
    const type = columns.find((column) => column.name === error.field)?.type ?? 'string';
    const shown = error.value.length > 40 ? `${error.value.slice(0, 40)}…` : error.value;
    return new FileProblem(
      `${parsed.place(error.line)}: field '${error.field}' holds '${shown}', which is not ${TYPE_WORDS[type]} as the dataset stores it; fix the value${method === 'full' ? '' : ', or upload the whole file as a full replacement to change the field type'}`,
    );
  }
  if (error instanceof EmptyKey) {
    return new FileProblem(
      `${parsed.place(error.line)}: the key field '${error.field}' is empty; every row needs its key`,
    );
  }
  const pgError = error as { code?: string; detail?: string };
  if (pgError.code === '23505') {
    return new FileProblem(
      `two rows have the same primary key (${pgError.detail ?? 'duplicate key'}); keys must be unique`,
    );
  }
  return error;
}

function lockKey(datasetId: string): string {
  return `datastore:${datasetId}`;
}

/**
 * Loads one uploaded file into the dataset's table (D5):
 * - full: a new table version is created, filled (its declared key checked) and made current in
 *   ONE transaction, so readers see the old rows until the commit and the new ones after it,
 *   never a mix; the other indexes follow the commit (`result.indexes`, see `buildIndexes`);
 * - incremental: rows are appended inside a transaction;
 * - primary-key: rows are upserted on the key inside a transaction.
 * Any failure rolls back, leaving the previous data as it was.
 */
export async function load(
  deps: LoaderDeps,
  job: IngestJob,
  dataset: DatasetFacts,
  progress: ProgressSink,
): Promise<LoadResult> {
  const existing = await currentTable(deps.pool, job.datasetId);
  const method: UpdateMethod = existing ? job.method : 'full';
  const primaryKey =
    job.primaryKey.length > 0
      ? job.primaryKey
      : existing?.primaryKey.length
        ? existing.primaryKey
        : dataset.primaryKey;
  if (method === 'full') return loadFull(deps, job, primaryKey, progress);
  return loadInto(deps, job, existing!, method, primaryKey, progress);
}

async function loadFull(
  deps: LoaderDeps,
  job: IngestJob,
  primaryKey: string[],
  progress: ProgressSink,
): Promise<LoadResult> {
  // Types come from a sample; a later value that does not fit demotes its field to text and
  // the load starts again (rare, and bounded by the number of fields).
  const demoted = new Set<string>();
  for (;;) {
    await progress.phase('parsing');
    const opened = await openRows(deps, job, 'full');
    const { names, parsed } = opened;
    const key = primaryKey.filter((name) => names.includes(name));
    if (job.method === 'primary-key' && primaryKey.length > 0 && key.length !== primaryKey.length) {
      const missing = primaryKey.filter((name) => !names.includes(name));
      throw new FileProblem(
        `the file lacks the key field(s) ${missing.map((m) => `'${m}'`).join(', ')}`,
      );
    }
    const sample = await opened.rows.take(SAMPLE_ROWS);
    const inference = new TypeInference(names);
    for (const row of sample) inference.add(row.values);
    const columns: ColumnInfo[] = inference.types().map((type, index) => ({
      name: names[index]!,
      column: `c${index + 1}`,
      type: demoted.has(names[index]!) ? 'string' : type,
    }));
    try {
      const { result, replaced } = await inTransaction(deps.pool, async (client) => {
        await client.query('select pg_advisory_xact_lock(hashtext($1))', [lockKey(job.datasetId)]);
        const previous = await currentTable(client, job.datasetId, { forUpdate: true });
        const version = (previous?.version ?? 0) + 1;
        const tableName = tableNameFor(job.datasetId, version);
        const table = qualified(tableName);
        const definitions = columns.map(
          (column) => `${ident(column.column)} ${SQL_TYPES[column.type]}`,
        );
        await client.query(
          `create table ${table} (_id bigint not null, ${definitions.join(', ')})`,
        );
        await progress.phase('loading');
        const keyIndexes = new Set(key.map((name) => names.indexOf(name)));
        const rowsLoaded = await copyRows(
          client,
          {
            table,
            columns,
            sources: columns.map((_c, index) => index),
            required: keyIndexes,
            numberRows: true,
            freeze: true,
          },
          prepend(sample, opened.rows.rest()),
          (count) => progress.rows(count, opened.counter.bytes),
        );
        const keyColumns = key.map((name) => columns.find((column) => column.name === name)!);
        if (keyColumns.length > 0) {
          // The declared key is checked before publishing: duplicate keys fail the load.
          await progress.phase('indexing');
          await client.query(`set local maintenance_work_mem = '256MB'`);
          await client.query(
            `create unique index ${ident(`${tableName}_key`)} on ${table} (${keyColumns.map((column) => ident(column.column)).join(', ')})`,
          );
        }
        await progress.phase('publishing');
        await saveCurrent(
          client,
          {
            datasetId: job.datasetId,
            tableName,
            version,
            columns,
            primaryKey: key,
            recordCount: rowsLoaded,
            formats: DOWNLOAD_FORMATS,
          },
          deps.clock.now(),
        );
        return {
          result: {
            rowsLoaded,
            recordCount: rowsLoaded,
            method: 'full' as const,
            indexes: indexPlan(tableName, columns, key, deps.maxIndexes),
          },
          replaced: previous?.tableName,
        };
      });
      // Only after the commit: until then the previous table is still the current one.
      if (replaced) await deps.retire(replaced);
      return result;
    } catch (error) {
      if (error instanceof Misfit && !demoted.has(error.field)) {
        deps.logger.info(
          { field: error.field, line: error.line },
          'demoting a field to text and loading again',
        );
        demoted.add(error.field);
        continue;
      }
      throw explain(error, parsed, 'full', columns);
    }
  }
}

/** Dates and numbers are what people filter and sort by; text is searched with `contains`. */
function indexCandidates(columns: ColumnInfo[], key: ColumnInfo[], max: number): ColumnInfo[] {
  const order: FieldType[] = ['date', 'datetime', 'integer', 'decimal'];
  return columns
    .filter((column) => !key.includes(column) && order.includes(column.type))
    .sort((a, b) => order.indexOf(a.type) - order.indexOf(b.type))
    .slice(0, max);
}

/** What `buildIndexes` builds for a table: the row id, then up to `max` typed columns. */
export function indexPlan(
  tableName: string,
  columns: ColumnInfo[],
  key: string[],
  max: number,
): IndexPlan {
  const keyColumns = columns.filter((column) => key.includes(column.name));
  return {
    tableName,
    columns: indexCandidates(columns, keyColumns, max).map((column) => column.column),
  };
}

/**
 * Builds a published table's indexes: ANALYZE first (the planner's estimates), then the row id
 * (cursor paging), then the typed columns. Each statement commits on its own, so every index
 * serves queries as soon as it exists; `create index` only blocks writers (an incremental load
 * waits for it), never readers. Names are fixed, so a job resumed after a crash skips what
 * exists. A table replaced and dropped meanwhile needs no indexes.
 */
export async function buildIndexes(pool: pg.Pool, plan: IndexPlan): Promise<void> {
  const table = qualified(plan.tableName);
  await withClient(pool, async (client) => {
    // Index builds sort; more memory than the default 64 MB keeps a million rows in RAM.
    await client.query(`set maintenance_work_mem = '256MB'`);
    try {
      await client.query(`analyze ${table}`);
      await client.query(
        `create unique index if not exists ${ident(`${plan.tableName}_id`)} on ${table} (_id)`,
      );
      for (const column of plan.columns) {
        await client.query(
          `create index if not exists ${ident(`${plan.tableName}_${column}`)} on ${table} (${ident(column)})`,
        );
      }
    } catch (error) {
      if ((error as { code?: string }).code !== '42P01') throw error;
    } finally {
      await client.query('reset maintenance_work_mem').catch(() => undefined);
    }
  });
}

async function loadInto(
  deps: LoaderDeps,
  job: IngestJob,
  existing: CurrentTable,
  method: 'incremental' | 'primary-key',
  primaryKey: string[],
  progress: ProgressSink,
): Promise<LoadResult> {
  await progress.phase('parsing');
  const opened = await openRows(deps, job, method);
  const { names, parsed } = opened;
  const unknown = names.filter((name) => !existing.columns.some((column) => column.name === name));
  if (unknown.length > 0) {
    throw new FileProblem(
      `field(s) ${unknown.map((name) => `'${name}'`).join(', ')} are not in the dataset (it has ${existing.columns.map((c) => c.name).join(', ')}); use a full replacement to change the fields`,
    );
  }
  const columns = names.map((name) => existing.columns.find((column) => column.name === name)!);
  const key = method === 'primary-key' ? primaryKey : [];
  if (method === 'primary-key') {
    if (key.length === 0) {
      throw new FileProblem(
        'this dataset updates by primary key but no key is declared; give the key field(s) in the form field primaryKey',
      );
    }
    const missing = key.filter((name) => !names.includes(name));
    if (missing.length > 0) {
      throw new FileProblem(
        `the file lacks the key field(s) ${missing.map((m) => `'${m}'`).join(', ')}`,
      );
    }
  }
  try {
    return await inTransaction(deps.pool, async (client) => {
      await client.query('select pg_advisory_xact_lock(hashtext($1))', [lockKey(job.datasetId)]);
      const current = (await currentTable(client, job.datasetId, { forUpdate: true })) ?? existing;
      if (current.tableName !== existing.tableName) {
        throw new FileProblem('the dataset was replaced while this file was read; upload it again');
      }
      const live = qualified(current.tableName);
      const staging = ident(`staging_${job.id.replace(/-/g, '')}`);
      const definitions = columns.map(
        (column) => `${ident(column.column)} ${SQL_TYPES[column.type]}`,
      );
      await client.query(
        `create temporary table ${staging} (_seq bigint generated always as identity, ${definitions.join(', ')}) on commit drop`,
      );
      await progress.phase('loading');
      const keyIndexes = new Set(key.map((name) => names.indexOf(name)));
      const rowsLoaded = await copyRows(
        client,
        {
          table: staging,
          columns,
          sources: columns.map((_c, index) => index),
          required: keyIndexes,
        },
        opened.rows.rest(),
        (count) => progress.rows(count, opened.counter.bytes),
      );
      await progress.phase('indexing');
      const list = columns.map((column) => ident(column.column)).join(', ');
      if (method === 'incremental') {
        // New rows are numbered after the last one, in file order (the advisory lock is held).
        await client.query(
          `insert into ${live} (_id, ${list})
             select (select coalesce(max(_id), 0) from ${live}) + row_number() over (order by _seq), ${list}
             from ${staging}`,
        );
      } else {
        const keyColumns = key.map(
          (name) => current.columns.find((column) => column.name === name)!,
        );
        const keyList = keyColumns.map((column) => ident(column.column)).join(', ');
        // ON CONFLICT needs a unique index on exactly the key (a no-op when the full load made it).
        await client.query(
          `create unique index if not exists ${ident(`${current.tableName}_key`)} on ${live} (${keyList})`,
        );
        const updates = columns
          .filter((column) => !keyColumns.includes(column))
          .map((column) => `${ident(column.column)} = excluded.${ident(column.column)}`);
        // The last row of the file wins when it repeats a key.
        // An updated row keeps its _id (and so its place); a new one is numbered after the last.
        await client.query(
          `with latest as (
             select distinct on (${keyList}) _seq, ${list} from ${staging} order by ${keyList}, _seq desc
           )
           insert into ${live} (_id, ${list})
             select (select coalesce(max(_id), 0) from ${live}) + row_number() over (order by _seq), ${list}
             from latest
           on conflict (${keyList}) do ${updates.length > 0 ? `update set ${updates.join(', ')}` : 'nothing'}`,
        );
      }
      await progress.phase('publishing');
      const counted = await client.query<{ n: string }>(`select count(*) as n from ${live}`);
      const recordCount = Number(counted.rows[0]!.n);
      await saveCurrent(
        client,
        { ...current, primaryKey: key.length > 0 ? key : current.primaryKey, recordCount },
        deps.clock.now(),
      );
      return { rowsLoaded, recordCount, method };
    });
  } catch (error) {
    throw explain(error, parsed, method, columns);
  }
}
