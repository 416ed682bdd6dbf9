/**
 * The HTTP client of download.ts, in a process of its own so that the server's memory figures
 * (sampled in download.ts's process) hold nothing the client buffers: fetches one URL,
 * consumes the body counting its bytes (at most BYTES_PER_SECOND when given), and prints
 * `{ status, encoding, bytes, seconds, complete }` as JSON.
 *
 *   node --import tsx bench/ingest/download-client.ts <url> <format> [bytesPerSecond]
 */
import { setTimeout as sleep } from 'node:timers/promises';

/** What a complete file of each format ends with (a stream cut short would not). */
const ENDINGS: Record<string, (tail: Buffer) => boolean> = {
  csv: (tail) => tail.at(-1) === 0x0a,
  json: (tail) => tail.toString('latin1').endsWith(']}\n'),
  xml: (tail) => tail.toString('latin1').endsWith('</dataset>\n'),
  // The ZIP's end of central directory record.
  xlsx: (tail) => tail.includes(Buffer.from([0x50, 0x4b, 0x05, 0x06])),
};

export interface ClientResult {
  status: number;
  encoding: string;
  bytes: number;
  seconds: number;
  complete: boolean;
}

async function main() {
  const [url, format, rate] = process.argv.slice(2) as [string, string, string | undefined];
  const bytesPerSecond = Number(rate ?? 0);
  const began = performance.now();
  const response = await fetch(url);
  let bytes = 0;
  let tail = Buffer.alloc(0);
  if (response.body) {
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      tail = Buffer.concat([tail, value.subarray(-64)]).subarray(-64);
      if (bytesPerSecond > 0) {
        const ahead = began + (bytes / bytesPerSecond) * 1000 - performance.now();
        if (ahead > 1) await sleep(ahead);
      }
    }
  }
  const result: ClientResult = {
    status: response.status,
    encoding: response.headers.get('content-encoding') ?? 'identity',
    bytes,
    seconds: (performance.now() - began) / 1000,
    complete: response.status === 200 && (ENDINGS[format]?.(tail) ?? false),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

await main();
