import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { type ColumnInfo, normalise } from '../store/columns.ts';
import type { SourceRow } from './parse.ts';

/** A value does not fit its column's type; the loader demotes the column or reports the line. */
export class Misfit extends Error {
  constructor(
    readonly field: string,
    readonly line: number,
    readonly value: string,
  ) {
    super(`value does not fit field '${field}'`);
  }
}

/** An empty key value in a primary-key load. */
export class EmptyKey extends Error {
  constructor(
    readonly field: string,
    readonly line: number,
  ) {
    super(`empty key field '${field}'`);
  }
}

const SPECIAL = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** COPY's text format: tab-separated, `\N` for NULL, backslash escapes. */
function copyText(value: string): string {
  return SPECIAL.test(value) ? value.replace(/[\\\t\n\r]/g, (m) => ESCAPES[m]!) : value;
}

export interface CopyTarget {
  /** `data."ds_…"` or a temporary table, already quoted. */
  table: string;
  /** The columns to fill, in the order `sources` lists them. */
  columns: ColumnInfo[];
  /** For each column, the index of its value in a source row. */
  sources: number[];
  /** Columns (by position in `columns`) that must not be empty. */
  required?: Set<number>;
  /**
   * Fill the `_id` column with 1, 2, 3, … in file order. Numbering here instead of an identity
   * column spares PostgreSQL a sequence call per row.
   */
  numberRows?: boolean;
  /**
   * `COPY … (FREEZE)`: the rows are written already frozen and all-visible. Only for a table
   * created in the same transaction (a full load): nobody else can see it before the commit,
   * and readers after it never have to set hint bits on a million fresh rows.
   */
  freeze?: boolean;
}

const CHUNK = 256 * 1024;
const TAB = 0x09;
const NEWLINE = 0x0a;
const BACKSLASH = 0x5c;
const N = 0x4e;

/**
 * Streams rows into `target` with COPY FROM STDIN, checking and normalising every value on the
 * way (so a bad value names its line), honouring the socket's backpressure. `onRows` runs after
 * every batch; it may throw (a cancel) to abort the COPY, which then leaves nothing behind.
 */
export async function copyRows(
  client: pg.PoolClient,
  target: CopyTarget,
  batches: AsyncIterable<SourceRow[]>,
  onRows: (count: number) => void | Promise<void>,
): Promise<number> {
  const list = [
    ...(target.numberRows ? ['_id'] : []),
    ...target.columns.map((column) => `"${column.column}"`),
  ].join(', ');
  const numbered = target.numberRows === true;
  const stream = client.query(
    copyFrom(`copy ${target.table} (${list}) from stdin${target.freeze ? ' (freeze)' : ''}`),
  );
  const types = target.columns.map((column) => column.type);
  const { sources } = target;
  const width = types.length;
  // Values are encoded straight into a byte chunk, separators written as bytes: no string is
  // built per row (concatenating ~10 values a row made 20 million short-lived strings per
  // million rows, most of the job's GC time), and the stream gets Buffers it need not convert.
  let chunk = Buffer.allocUnsafe(CHUNK);
  let used = 0;
  const flush = async () => {
    const full = chunk.subarray(0, used);
    chunk = Buffer.allocUnsafe(CHUNK);
    used = 0;
    if (!stream.write(full)) await once(stream, 'drain');
  };
  let count = 0;
  try {
    for await (const batch of batches) {
      for (const row of batch) {
        const values = row.values;
        // A row id has at most 20 digits; each value is checked for room below.
        if (used + 32 > CHUNK) await flush();
        if (numbered) {
          used += chunk.write(String(count + 1), used, 'latin1');
          chunk[used++] = TAB;
        }
        for (let index = 0; index < width; index++) {
          const raw = values[sources[index]!] ?? '';
          const value = normalise(types[index]!, raw);
          if (value === undefined) throw new Misfit(target.columns[index]!.name, row.line, raw);
          if (value === null && target.required?.has(index)) {
            throw new EmptyKey(target.columns[index]!.name, row.line);
          }
          if (value === null) {
            if (used + 3 > CHUNK) await flush();
            chunk[used++] = BACKSLASH;
            chunk[used++] = N;
          } else {
            const text = copyText(value);
            // UTF-8 takes at most 3 bytes per UTF-16 unit.
            if (used + text.length * 3 + 1 > CHUNK) {
              await flush();
              if (text.length * 3 + 1 > CHUNK) {
                if (!stream.write(text)) await once(stream, 'drain');
                chunk[used++] = index === width - 1 ? NEWLINE : TAB;
                continue;
              }
            }
            used += chunk.write(text, used);
          }
          chunk[used++] = index === width - 1 ? NEWLINE : TAB;
        }
        count++;
      }
      await onRows(count);
    }
    if (used > 0) await flush();
    stream.end();
    await finished(stream);
  } catch (error) {
    // Destroying the stream sends CopyFail: PostgreSQL discards everything this COPY sent.
    stream.destroy(error as Error);
    await finished(stream).catch(() => undefined);
    throw error;
  }
  await onRows(count);
  return count;
}
