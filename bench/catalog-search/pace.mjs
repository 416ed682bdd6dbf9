/**
 * Open-loop load: `send(i)` is started at `start + i × 1000/rate` ms whether or not earlier
 * ones have finished, for `duration` seconds, with at most `limit` in flight (a request due
 * while `limit` are running waits for the first free slot). Each latency is counted from the
 * moment the request was due, so waiting for a slot is part of it. Shared by the HTTP load
 * worker and the bare SQL path so both keep the same schedule. Plain JavaScript: worker
 * threads cannot load TypeScript through tsx on Node 20.
 */
export async function paced({ rate, duration, limit, send }) {
  const interval = 1000 / rate;
  const count = Math.floor(duration * rate);
  const times = [];
  const waiting = [];
  let inFlight = 0;
  let errors = 0;

  async function run(i, due) {
    if (inFlight < limit) inFlight += 1;
    else await new Promise((resolve) => waiting.push(resolve)); // a finishing one hands over its slot
    try {
      await send(i);
      times.push(performance.now() - due);
    } catch {
      errors += 1;
    } finally {
      const next = waiting.shift();
      if (next) next();
      else inFlight -= 1;
    }
  }

  const start = performance.now();
  const runs = [];
  for (let i = 0; i < count; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    runs.push(run(i, due));
  }
  await Promise.all(runs);
  return { times, errors };
}
