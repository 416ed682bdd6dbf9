/**
 * Runs autocannon in a worker thread (its own event loop, so the load generator does not
 * steal the server's) and reports p50/p95 from every response time it saw. Plain JavaScript:
 * worker threads cannot load TypeScript through tsx on Node 20.
 */
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';

const autocannon = createRequire(import.meta.url)('autocannon');
const { url, connections, duration } = workerData;
const times = [];
let failed = 0;
const instance = autocannon({ url, connections, duration }, (error, result) => {
  if (error) throw error;
  times.sort((a, b) => a - b);
  const at = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? Number.NaN;
  parentPort.postMessage({
    requests: times.length,
    rps: times.length / duration,
    p50: at(0.5),
    p95: at(0.95),
    non2xx: result.non2xx + failed,
  });
});
instance.on('response', (_client, status, _bytes, responseTime) => {
  if (status !== 200) failed += 1;
  times.push(responseTime);
});
