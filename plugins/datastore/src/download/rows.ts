import { PassThrough, type Readable, Transform, type TransformCallback } from 'node:stream';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { ident, qualified } from '../store/columns.ts';
import type { CurrentTable } from '../store/tables.ts';

const UNESCAPE: Record<string, string> = {
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
};

/** One field of COPY's text format back to its value (`\N` is NULL). */
function decodeField(text: string): string | null {
  if (text === '\\N') return null;
  if (!text.includes('\\')) return text;
  return text.replace(/\\(.)/g, (_m, char: string) => UNESCAPE[char] ?? char);
}

/** Splits COPY TO's text output into rows of values; one row object per line, in order. */
class CopyLines extends Transform {
  #rest = '';
  constructor() {
    super({ readableObjectMode: true, readableHighWaterMark: 512 });
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    const text = this.#rest + chunk.toString('utf8');
    const lines = text.split('\n');
    this.#rest = lines.pop() ?? '';
    for (const line of lines) this.push(line.split('\t').map(decodeField));
    done();
  }
  override _flush(done: TransformCallback): void {
    if (this.#rest !== '') this.push(this.#rest.split('\t').map(decodeField));
    done();
  }
}

function selectAll(table: CurrentTable): string {
  const list = table.columns.map((column) => ident(column.column)).join(', ');
  return `select ${list} from ${qualified(table.tableName)} order by _id`;
}

/**
 * Streams every row of the table through COPY TO, so memory stays flat for any size: the
 * socket's backpressure pauses PostgreSQL. The connection goes back to the pool when the
 * stream ends, fails, or the client goes away.
 */
export async function copyOut(
  pool: pg.Pool,
  table: CurrentTable,
  format: 'text' | 'csv',
): Promise<Readable> {
  const client = await pool.connect();
  const options = format === 'csv' ? ' with (format csv, force_quote *)' : '';
  let source: Readable;
  try {
    source = client.query(copyTo(`copy (${selectAll(table)}) to stdout${options}`));
  } catch (error) {
    client.release(true);
    throw error;
  }
  let released = false;
  const release = (error?: Error) => {
    if (released) return;
    released = true;
    // A COPY cut short leaves the connection mid-protocol: throw it away.
    client.release(error ?? (source.readableEnded ? undefined : true));
  };
  source.on('end', () => release());
  source.on('error', (error) => release(error));
  source.on('close', () => release());
  if (format === 'csv') return source;
  const rows = new CopyLines();
  source.on('error', (error) => rows.destroy(error));
  rows.on('close', () => source.destroy());
  return source.pipe(rows);
}

/** A stream that ends the source when the consumer goes away (hapi closes the response). */
export function responseStream(): PassThrough {
  return new PassThrough();
}
