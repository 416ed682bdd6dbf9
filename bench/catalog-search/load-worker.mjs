/**
 * HTTP load in a worker thread (its own event loop, so the load generator does not steal the
 * server's). Paths come from `paths[sequence[i]]`, `i` counting up from `offset` (wrapping), in
 * the order requests are sent, so a run replays the same drawn sequence as the bare SQL path.
 *
 * Closed loop (no `rate`): autocannon, `connections` clients each sending its next request as
 * soon as the last one is answered. Fixed rate: one request every 1000/`rate` ms over at most
 * `connections` keep-alive sockets (pace.mjs). autocannon's own `overallRate` is not used: it
 * caps requests per connection per second, so each second starts with a burst at full
 * concurrency and then idles, which measures queueing again rather than latency below saturation.
 *
 * Posts `{ times, errors, sent }`: response times (ms) of 200 answers, the number of answers
 * that were not 200 or failed, and how many requests were sent. Plain JavaScript: worker
 * threads cannot load TypeScript through tsx on Node 20.
 */
import http from 'node:http';
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import { paced } from './pace.mjs';

const autocannon = createRequire(import.meta.url)('autocannon');
const { base, paths, sequence, offset, connections, duration, rate } = workerData;
let sent = 0;
const nextPath = () => paths[sequence[(offset + sent++) % sequence.length]];

function closedLoop() {
  const times = [];
  let failed = 0;
  const instance = autocannon(
    {
      url: base,
      connections,
      duration,
      requests: [
        {
          setupRequest: (request) => {
            request.path = nextPath();
            return request;
          },
        },
      ],
    },
    (error, result) => {
      if (error) throw error;
      parentPort.postMessage({ times, errors: failed + result.errors, sent });
    },
  );
  instance.on('response', (_client, status, _bytes, responseTime) => {
    if (status === 200) times.push(responseTime);
    else failed += 1;
  });
}

async function fixedRate() {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const get = () =>
    new Promise((resolve, reject) => {
      const request = http.get(`${base}${nextPath()}`, { agent }, (response) => {
        response.resume();
        response.on('error', reject);
        response.on('end', () =>
          response.statusCode === 200
            ? resolve()
            : reject(new Error(`HTTP ${response.statusCode}`)),
        );
      });
      request.on('error', reject);
    });
  const { times, errors } = await paced({ rate, duration, limit: connections, send: get });
  agent.destroy();
  parentPort.postMessage({ times, errors, sent });
}

if (rate) await fixedRate();
else closedLoop();
