import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEZHOU_DISTRICTS } from '../src/demo.ts';
import { type DownloadFormat, download } from '../src/download/formats.ts';
import { type CurrentTable, currentTable } from '../src/store/tables.ts';
import { load } from './support/http.ts';
import { createStack, type Stack } from './support/stack.ts';

const ROWS = 60_000;

function fixture(): string {
  const lines = ['编号,名称,区县,金额,日期'];
  for (let i = 1; i <= ROWS; i++) {
    const district = DEZHOU_DISTRICTS[i % DEZHOU_DISTRICTS.length];
    lines.push(
      `N${i},${district}第${i}便民服务站,${district},${(i * 37) % 1000}.5,2024-03-${String(1 + (i % 28)).padStart(2, '0')}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** A pool whose COPY streams count the bytes PostgreSQL has handed to Node. */
function countingPool(pool: pg.Pool): { pool: pg.Pool; copied: () => number } {
  let copied = 0;
  const connect = async () => {
    const client = await pool.connect();
    return new Proxy(client, {
      get(target, key) {
        if (key === 'query') {
          return (query: unknown) => {
            const stream = (target.query as (q: unknown) => Readable)(query);
            // A listener added before the datastore pipes the stream: the pipe still pauses it.
            stream.on('data', (chunk: Buffer) => {
              copied += chunk.length;
            });
            return stream;
          };
        }
        const value = Reflect.get(target, key) as unknown;
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  };
  return { pool: { connect } as unknown as pg.Pool, copied: () => copied };
}

/** Waits until `value()` has not changed for 500 ms. */
async function settled(value: () => number): Promise<number> {
  let last = -1;
  let since = Date.now();
  while (Date.now() - since < 500) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    if (value() !== last) {
      last = value();
      since = Date.now();
    }
  }
  return last;
}

async function consume(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

describe('datastore downloads under back-pressure', () => {
  let stack: Stack;
  let pool: pg.Pool;
  let table: CurrentTable;
  let datasetId: string;
  const input = (counting: pg.Pool) => ({
    pool: counting,
    table,
    dataset: { id: datasetId, title: '德州市便民服务站', organisationName: '德州市大数据局' },
    citation: '数据来源：测试',
  });

  beforeAll(async () => {
    stack = await createStack();
    datasetId = await stack.add({ title: '德州市便民服务站（下载）' });
    const job = await load(stack.test, datasetId, stack.provider.headers, {
      name: 'a.csv',
      content: fixture(),
    });
    expect(job.state).toBe('completed');
    pool = new pg.Pool({ connectionString: stack.test.databaseUrl, max: 2 });
    table = (await currentTable(pool, datasetId))!;
    expect(table.recordCount).toBe(ROWS);
  });
  afterAll(async () => {
    await pool?.end();
    await stack?.test.close();
  });

  // Flat memory needs every stage to wait for the reader. A reader that stops must stop
  // PostgreSQL too, after a bounded lead (buffers: for XLSX about 15,000 rows, their deflated
  // XML in archiver's and zlib's buffers), not at the end of the table.
  // (exceljs' streaming writer used to buffer the whole sheet while the socket was slow:
  // 430 MB for a million rows; see README "Download memory".)
  it.each(['csv', 'json', 'xml', 'xlsx'] as DownloadFormat[])(
    '%s: a reader that stops reading stops the COPY, and the download then completes',
    async (format) => {
      const counting = countingPool(pool);
      const stream = await download(format, input(counting.pool));
      const stalled = await settled(counting.copied);
      const body = await consume(stream);
      const total = counting.copied();
      expect(stalled).toBeGreaterThan(0);
      expect(stalled).toBeLessThan(total / 2);
      if (format === 'xlsx') {
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(body as unknown as ArrayBuffer);
        expect(workbook.getWorksheet('数据')!.rowCount).toBe(ROWS + 1);
      } else {
        const text = body.toString('utf8');
        expect(text).toContain(`N${ROWS}`);
      }
    },
  );

  it('xlsx: a reader that goes away mid-download releases the connection', async () => {
    const own = new pg.Pool({ connectionString: stack.test.databaseUrl, max: 1 });
    try {
      const counting = countingPool(own);
      const stream = await download('xlsx', input(counting.pool));
      await settled(counting.copied);
      expect(own.totalCount).toBe(1);
      stream.destroy();
      // A COPY cut short leaves its connection mid-protocol: it is thrown away, not reused.
      await vi.waitFor(() => expect(own.totalCount).toBe(0));
    } finally {
      await own.end();
    }
  });
});
