/**
 * Ingest throughput against a plain COPY, and the records API's latency under load.
 *
 * 1. Generates a 1,000,000-row CSV (Chinese text, codes, dates, integers, amounts; ~140 MB)
 *    into a temporary directory (never committed).
 * 2. Two baselines, each into a fresh typed table of the same columns with
 *    `COPY … FROM STDIN (FORMAT csv, HEADER)` (PostgreSQL's own parser):
 *    a. plain COPY, no index;
 *    b. the same COPY, then the indexes the datastore builds for this file (登记日期, 数量, 金额)
 *       and ANALYZE. (The datastore also indexes its row id `_id`, which the plain table lacks.)
 * 3. Kaifang: the same file uploaded over HTTP (multipart) to the datastore; the ingest job is
 *    timed from its start to two points:
 *    - "data readable": decode, parse, infer types, check every value, COPY (FREEZE) into a new
 *      table and swap it in — committed, the records API serves the new rows from here on;
 *    - "indexes ready": then ANALYZE and the `_id` and three column indexes, built after the swap
 *      (the job stays `running`, phase `indexing`, until they exist), as CKAN's xloader does.
 *    "data readable" is compared with (a), "indexes ready" with (b).
 * 4. Records API latency (p50/p95/p99) under autocannon, 10 connections, per query shape.
 * Steps 2 and 3 run RUNS times (default 3), alternating; the medians are compared (the machine
 * is shared, single runs are noisy).
 *
 *   npx tsx bench/ingest/ingest.ts     # ROWS=200000 RUNS=1 DURATION=3 for a quicker run
 *   node --cpu-prof --import tsx bench/ingest/ingest.ts   # where the job's time goes
 */
import { once } from 'node:events';
import { createReadStream, createWriteStream, openAsBlob } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import {
  DEZHOU_DISTRICTS,
  DEZHOU_STREETS,
  seededRandom,
} from '../../plugins/datastore/src/demo.ts';
import datastore from '../../plugins/datastore/src/plugin.ts';
import { createStack, type Stack } from '../../plugins/datastore/test/support/stack.ts';

const ROWS = Number(process.env.ROWS ?? 1_000_000);
const RUNS = Number(process.env.RUNS ?? 3);
const DURATION = Number(process.env.DURATION ?? 10);
const KINDS = [
  '社区卫生服务中心',
  '幼儿园',
  '便民服务站',
  '农贸市场',
  '公共停车场',
  '养老服务中心',
];

/** Writes the bench's CSV of `rows` rows (seeded: the same file every time) to `path`. */
export async function generate(path: string, rows = ROWS): Promise<void> {
  const random = seededRandom(20260101);
  const out = createWriteStream(path);
  out.write('编号,名称,区县,地址,类别,登记日期,数量,金额\n');
  const start = Date.UTC(2020, 0, 1);
  let chunk = '';
  for (let i = 1; i <= rows; i++) {
    const district = DEZHOU_DISTRICTS[Math.floor(random() * DEZHOU_DISTRICTS.length)]!;
    const kind = KINDS[Math.floor(random() * KINDS.length)]!;
    const street = DEZHOU_STREETS[Math.floor(random() * DEZHOU_STREETS.length)]!;
    const date = new Date(start + Math.floor(random() * 2000) * 86_400_000)
      .toISOString()
      .slice(0, 10);
    chunk += `3714${String(i).padStart(10, '0')},"${district}${kind}（第${i}号）",${district},山东省德州市${district}${street}${1 + Math.floor(random() * 999)}号,${['甲类', '乙类', '丙类'][i % 3]},${date},${1 + Math.floor(random() * 5000)},${(random() * 1_000_000).toFixed(2)}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}

/** Seconds for a plain COPY of `file`, and with `indexes`, for the COPY and the index builds. */
async function plainCopy(databaseUrl: string, file: string, indexes: boolean): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('drop table if exists bench_plain');
    await client.query(`create table bench_plain (编号 text, 名称 text, 区县 text, 地址 text, 类别 text,
      登记日期 date, 数量 bigint, 金额 numeric)`);
    const began = performance.now();
    await pipeline(
      createReadStream(file),
      client.query(copyFrom('copy bench_plain from stdin with (format csv, header true)')),
    );
    if (indexes) {
      // The same memory the datastore gives its index builds.
      await client.query(`set maintenance_work_mem = '256MB'`);
      for (const column of ['登记日期', '数量', '金额']) {
        await client.query(`create index on bench_plain ("${column}")`);
      }
      await client.query('analyze bench_plain');
    }
    return (performance.now() - began) / 1000;
  } finally {
    await client.query('drop table if exists bench_plain');
    await client.end();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function p95(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length * 0.95)] ?? Number.NaN;
}

/** The datastore on the real stack, listening on a port (`stack.test.url`). */
export function bootStack(): Promise<Stack> {
  return createStack({
    datastore: datastore.configure({ maxUploadBytes: 2 * 1024 ** 3 }),
    listen: true,
  });
}

export interface IngestedJob {
  /** Seconds of the upload over HTTP (multipart → storage), before the job. */
  uploadSeconds: number;
  /** Seconds from the job's start to `readableAt` and to its end. */
  readableSeconds: number;
  ingestSeconds: number;
}

/** Uploads `file` to the dataset over HTTP as its provider and waits for the ingest job. */
export async function uploadAndWait(
  stack: Stack,
  datasetId: string,
  file: string,
): Promise<IngestedJob> {
  const { test } = stack;
  const headers = stack.provider.headers;
  const form = new FormData();
  form.set('file', await openAsBlob(file), 'dezhou-1m.csv');
  const sent = performance.now();
  const response = await fetch(`${test.url}/api/v1/datasets/${datasetId}/resources`, {
    method: 'POST',
    headers,
    body: form,
  });
  if (response.status !== 202) {
    throw new Error(`upload: ${response.status} ${await response.text()}`);
  }
  const uploadSeconds = (performance.now() - sent) / 1000;
  const { jobId } = (await response.json()) as { jobId: string };
  let job: {
    state: string;
    startedAt: string;
    readableAt: string;
    finishedAt: string;
    error?: string;
  };
  for (;;) {
    job = (await (
      await fetch(`${test.url}/api/v1/jobs/${jobId}`, { headers })
    ).json()) as typeof job;
    if (job.state !== 'queued' && job.state !== 'running') break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  if (job.state !== 'completed') throw new Error(`ingest ${job.state}: ${job.error}`);
  return {
    uploadSeconds,
    readableSeconds: (Date.parse(job.readableAt) - Date.parse(job.startedAt)) / 1000,
    ingestSeconds: (Date.parse(job.finishedAt) - Date.parse(job.startedAt)) / 1000,
  };
}

async function main() {
  const dir = await mkdtemp(join(tmpdir(), 'kaifang-bench-ingest-'));
  const file = join(dir, 'dezhou-1m.csv');
  const stack = await bootStack();
  const { test } = stack;
  try {
    const began = performance.now();
    await generate(file);
    const { size } = await stat(file);
    console.log(
      `generated ${ROWS.toLocaleString()} rows, ${(size / 1024 ** 2).toFixed(1)} MB in ${((performance.now() - began) / 1000).toFixed(1)} s`,
    );

    const datasetId = await stack.add({ title: '德州市便民设施（基准）' });
    const copyRuns: number[] = [];
    const copyIndexedRuns: number[] = [];
    const readableRuns: number[] = [];
    const ingestRuns: number[] = [];
    const uploadRuns: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      copyRuns.push(await plainCopy(test.databaseUrl, file, false));
      copyIndexedRuns.push(await plainCopy(test.databaseUrl, file, true));
      const job = await uploadAndWait(stack, datasetId, file);
      uploadRuns.push(job.uploadSeconds);
      readableRuns.push(job.readableSeconds);
      ingestRuns.push(job.ingestSeconds);
      console.log(
        `run ${run + 1}: plain COPY ${copyRuns.at(-1)!.toFixed(2)} s · COPY + indexes ${copyIndexedRuns.at(-1)!.toFixed(2)} s · ingest readable ${readableRuns.at(-1)!.toFixed(2)} s, indexes ready ${ingestRuns.at(-1)!.toFixed(2)} s (${run === 0 ? 'first load' : 'full replacement'}) · upload ${uploadRuns.at(-1)!.toFixed(2)} s`,
      );
    }
    const copySeconds = median(copyRuns);
    const copyIndexedSeconds = median(copyIndexedRuns);
    const readableSeconds = median(readableRuns);
    const ingestSeconds = median(ingestRuns);
    const uploadSeconds = median(uploadRuns);
    const row = (label: string, seconds: number) =>
      console.log(
        `${label.padEnd(50)} ${seconds.toFixed(2).padStart(7)} s ${Math.round(ROWS / seconds)
          .toLocaleString()
          .padStart(10)} rows/s`,
      );
    console.log(`\nmedians of ${RUNS} runs:`);
    row('(a) plain COPY (PostgreSQL CSV parser, no index)', copySeconds);
    row('(b) plain COPY + 3 indexes + ANALYZE', copyIndexedSeconds);
    row('Kaifang ingest job: data readable', readableSeconds);
    row('Kaifang ingest job: indexes ready (job done)', ingestSeconds);
    row('Kaifang upload (HTTP multipart → storage)', uploadSeconds);
    console.log(
      `ratio data readable / (a) plain COPY:        ${(readableSeconds / copySeconds).toFixed(2)}x`,
    );
    console.log(
      `ratio indexes ready / (b) COPY + indexes:    ${(ingestSeconds / copyIndexedSeconds).toFixed(2)}x`,
    );
    console.log(
      `ratio indexes ready / (a) plain COPY:        ${(ingestSeconds / copySeconds).toFixed(2)}x; with the upload: ${((uploadSeconds + ingestSeconds) / copySeconds).toFixed(2)}x`,
    );

    const base = `/api/v1/datasets/${datasetId}/records?limit=100`;
    const q = (value: unknown) => encodeURIComponent(JSON.stringify(value));
    const shapes: [string, string][] = [
      ['first page, no filter', base],
      ['sorted by date (indexed), desc', `${base}&sort=${encodeURIComponent('-登记日期')}`],
      [
        'integer range (indexed) + sort',
        `${base}&filters=${q({ 数量: { gte: 100, lt: 120 } })}&sort=${encodeURIComponent('数量')}`,
      ],
      [
        'text equals + decimal range',
        `${base}&filters=${q({ 区县: '德城区', 金额: { gte: 500000 } })}`,
      ],
    ];
    const load = async (paths: string[]) => {
      const latencies: number[] = [];
      const instance = autocannon({
        url: test.url,
        connections: 10,
        duration: DURATION,
        requests: paths.map((path) => ({ method: 'GET', path })),
      });
      instance.on('response', (_client: unknown, _status: number, _bytes: number, time: number) =>
        latencies.push(time),
      );
      const result = await instance;
      return `${String(result.requests.total).padStart(6)} req ${String(Math.round(result.requests.average)).padStart(5)} req/s  non-2xx ${result.non2xx}  p50 ${result.latency.p50} ms  p95 ${p95(latencies).toFixed(0)} ms  p99 ${result.latency.p99} ms`;
    };
    console.log(
      `\nrecords API on ${ROWS.toLocaleString()} rows, autocannon 10 connections, ${DURATION} s each:`,
    );
    for (const [label, path] of shapes) console.log(`  ${label.padEnd(32)} ${await load([path])}`);
    console.log(`  ${'all four in turn'.padEnd(32)} ${await load(shapes.map(([, path]) => path))}`);
  } finally {
    await test.close();
    await rm(dir, { recursive: true, force: true });
  }
}

// Run only as a script: download.ts imports the generator and the stack from here.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
