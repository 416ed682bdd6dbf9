/**
 * Download memory: does each format stream with flat memory, whatever the row count?
 *
 * For each row count (default 200,000 and 1,000,000): generates ingest.ts's CSV, boots the
 * same stack (the kernel runs in this process), uploads and ingests it, then downloads every
 * format over real HTTP with fetch (download-client.ts, in a child process, so the figures are
 * the server's alone), consuming the body and counting its bytes, twice: at full speed and
 * through a slow reader (default 5 MB/s of body; 1 MB/s for XLSX, whose deflated bytes are
 * about a fifth of CSV's), which the server must wait for — back-pressure. While a download
 * runs, `process.memoryUsage()` is sampled every 100 ms; the baseline is taken right before it
 * (after a GC when `--expose-gc` is given). Flat means the growth stays bounded (tens of MB)
 * and the same at 200,000 and 1,000,000 rows.
 *
 * fetch sends `accept-encoding: gzip, deflate, br` like a browser, so hapi gzips CSV, JSON and
 * XML (shown as `gzip`); the bytes counted are the decoded body. (With the client in this
 * process, its own buffers counted as the server's: the slow 1,000,000-row XLSX download
 * showed +195 MB of `external` that a client in a child process does not.)
 *
 *   node --expose-gc --import tsx bench/ingest/download.ts
 *   ROWS=200000 FORMATS=xlsx SLOW=5 node --expose-gc --import tsx bench/ingest/download.ts
 *   (ROWS: comma-separated row counts; FORMATS: csv,json,xml,xlsx; SLOW, XLSX_SLOW: the slow
 *   reader's MB/s, 0 = no slow run; LIVE_MS=1000: also a full GC every second and the peak of
 *   the heap it leaves — the live heap, without the garbage V8 has not collected yet)
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { ClientResult } from './download-client.ts';
import { bootStack, generate, uploadAndWait } from './ingest.ts';

const ROW_COUNTS = (process.env.ROWS ?? '200000,1000000').split(',').map(Number);
const FORMATS = (process.env.FORMATS ?? 'csv,json,xml,xlsx').split(',');
const SLOW_MB_PER_SECOND = Number(process.env.SLOW ?? 5);
/** XLSX is deflated (about a fifth of CSV's bytes), so its slow reader reads fewer bytes a second. */
const XLSX_SLOW_MB_PER_SECOND = Number(process.env.XLSX_SLOW ?? 1);
const MB = 1024 ** 2;

/** With --expose-gc: every this many ms a full GC, then heapUsed (live heap); 0 = never. */
const LIVE_MS = Number(process.env.LIVE_MS ?? 0);

interface Memory {
  rss: number;
  heapUsed: number;
  /** heapUsed right after a full GC (LIVE_MS): what the download really holds on the heap. */
  live: number;
  /** Buffers and other memory outside the V8 heap (`external`, which includes `arrayBuffers`). */
  external: number;
}

function memory(): Memory {
  const { rss, heapUsed, external } = process.memoryUsage();
  return { rss, heapUsed, live: heapUsed, external };
}

/** The peaks of `process.memoryUsage()`, sampled every 100 ms until stopped. */
function sampler(): { stop(): Memory } {
  const peak = memory();
  const sample = () => {
    const now = memory();
    peak.rss = Math.max(peak.rss, now.rss);
    peak.heapUsed = Math.max(peak.heapUsed, now.heapUsed);
    peak.external = Math.max(peak.external, now.external);
  };
  const timer = setInterval(sample, 100);
  const gc = (globalThis as { gc?: () => void }).gc;
  const live =
    LIVE_MS > 0 && gc
      ? setInterval(() => {
          gc();
          peak.live = Math.max(peak.live, process.memoryUsage().heapUsed);
        }, LIVE_MS)
      : undefined;
  return {
    stop() {
      clearInterval(timer);
      clearInterval(live);
      sample();
      return peak;
    },
  };
}

function collect(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
}

const CLIENT = fileURLToPath(new URL('./download-client.ts', import.meta.url));

/** Runs download-client.ts in a child process and returns what it printed. */
async function client(url: string, format: string, bytesPerSecond: number): Promise<ClientResult> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', CLIENT, url, format, String(bytesPerSecond)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => {
    output += text;
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`download-client exited with ${code}: ${output}`);
  return JSON.parse(output) as ClientResult;
}

interface Result {
  rows: number;
  format: string;
  reader: string;
  encoding: string;
  bytes: number;
  seconds: number;
  baseline: Memory;
  peak: Memory;
}

async function measure(
  url: string,
  rows: number,
  format: string,
  bytesPerSecond: number,
): Promise<Result> {
  collect();
  await sleep(200);
  collect();
  const baseline = memory();
  const peaks = sampler();
  const result = await client(url, format, bytesPerSecond);
  const peak = peaks.stop();
  if (!result.complete)
    throw new Error(`${format}: ${JSON.stringify(result)} (not the whole file)`);
  return {
    rows,
    format,
    reader: bytesPerSecond > 0 ? `${bytesPerSecond / MB} MB/s` : 'full',
    encoding: result.encoding,
    bytes: result.bytes,
    seconds: result.seconds,
    baseline,
    peak,
  };
}

const mb = (bytes: number) => (bytes / MB).toFixed(0).padStart(5);
const grew = (peak: number, base: number) =>
  `${peak - base >= 0 ? '+' : '-'}${(Math.abs(peak - base) / MB).toFixed(0)}`.padStart(6);

function header(): void {
  console.log(
    `${'rows'.padStart(9)} ${'format'.padEnd(6)} ${'reader'.padEnd(8)} ${'encoding'.padEnd(8)} ${'MB'.padStart(6)} ${'s'.padStart(6)} ${'MB/s'.padStart(6)} | ${'RSS base'.padStart(8)} ${'peak'.padStart(5)} ${'growth'.padStart(6)} | heap growth | external growth${LIVE_MS > 0 ? ' | live heap growth' : ''}`,
  );
}

function line(result: Result): void {
  const { baseline: base, peak } = result;
  console.log(
    `${result.rows.toLocaleString().padStart(9)} ${result.format.padEnd(6)} ${result.reader.padEnd(8)} ${result.encoding.padEnd(8)} ${(result.bytes / MB).toFixed(1).padStart(6)} ${result.seconds.toFixed(1).padStart(6)} ${(result.bytes / MB / result.seconds).toFixed(1).padStart(6)} | ${mb(base.rss).padStart(8)} ${mb(peak.rss)} ${grew(peak.rss, base.rss)} | ${grew(peak.heapUsed, base.heapUsed).padStart(11)} | ${grew(peak.external, base.external).padStart(15)}${LIVE_MS > 0 ? ` | ${grew(peak.live, base.live).padStart(16)}` : ''}`,
  );
}

async function main() {
  if (!(globalThis as { gc?: unknown }).gc) {
    console.log('(no --expose-gc: baselines are taken without a GC first)');
  }
  const dir = await mkdtemp(join(tmpdir(), 'kaifang-bench-download-'));
  const stack = await bootStack();
  const results: Result[] = [];
  try {
    for (const rows of ROW_COUNTS) {
      const file = join(dir, `dezhou-${rows}.csv`);
      await generate(file, rows);
      const datasetId = await stack.add({ title: `德州市便民设施（下载基准 ${rows}）` });
      const job = await uploadAndWait(stack, datasetId, file);
      const { size } = await stat(file);
      await rm(file);
      console.log(
        `\n${rows.toLocaleString()} rows (${(size / MB).toFixed(0)} MB of CSV) ingested in ${job.ingestSeconds.toFixed(1)} s; downloading:`,
      );
      header();
      for (const format of FORMATS) {
        const url = `${stack.test.url}/api/v1/datasets/${datasetId}/download?format=${format}`;
        const slow = format === 'xlsx' ? XLSX_SLOW_MB_PER_SECOND : SLOW_MB_PER_SECOND;
        for (const rate of slow > 0 ? [0, slow * MB] : [0]) {
          const result = await measure(url, rows, format, rate);
          results.push(result);
          line(result);
        }
      }
    }
    console.log('\nall runs (MB; growth = peak during the download − baseline right before it):');
    header();
    for (const result of results) line(result);
  } finally {
    await stack.test.close();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
