import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const exec = promisify(execFile);
const repo = resolve(import.meta.dirname, '../..');
const cli = join(repo, 'sdk/bin/kaifang.js');

function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/** Runs `kaifang start` as a user would (the Dezhou config is the default) and waits for health. */
async function startPortal(dataDir: string, port: number) {
  const began = Date.now();
  const child = spawn(process.execPath, [cli, 'start'], {
    cwd: repo,
    env: {
      ...process.env,
      KAIFANG_DATA_DIR: dataDir,
      PORT: String(port),
      DATABASE_URL: '',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const deadline = began + 60_000;
  while (Date.now() < deadline) {
    const health = await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => undefined);
    if (health?.ok)
      return { child, health: await health.json(), ms: Date.now() - began, output: () => output };
    if (child.exitCode !== null)
      throw new Error(`kaifang start exited with ${child.exitCode}:\n${output}`);
    await new Promise((wait) => setTimeout(wait, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`no healthy answer within 60 s:\n${output}`);
}

function exitOf(child: ChildProcess): Promise<{ code: number | null; ms: number }> {
  const began = Date.now();
  return new Promise((done) =>
    child.once('exit', (code) => done({ code, ms: Date.now() - began })),
  );
}

describe('the kaifang CLI, as a new user runs it', () => {
  const cleanUp: string[] = [];
  afterAll(async () => {
    for (const dir of cleanUp) await rm(dir, { recursive: true, force: true });
  });

  it('start serves health with the Dezhou plugins, stops on SIGTERM with 0, and a restart keeps the data', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'kaifang-start-'));
    cleanUp.push(dataDir);
    const port = await freePort();

    const first = await startPortal(dataDir, port);
    expect(first.health).toMatchObject({ status: 'ok', database: 'up' });
    expect(first.health.plugins.map((plugin: { name: string }) => plugin.name)).toContain('hello');
    expect(first.output()).toContain('creating the embedded PostgreSQL cluster');
    const created = await fetch(`http://127.0.0.1:${port}/api/v1/hello/greetings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: '德州' }),
    });
    expect(created.status).toBe(201);
    const exited = exitOf(first.child);
    first.child.kill('SIGTERM');
    const { code, ms } = await exited;
    expect(code).toBe(0);
    expect(ms).toBeLessThan(10_000);

    const second = await startPortal(dataDir, port);
    expect(second.output()).not.toContain('creating the embedded PostgreSQL cluster');
    const list = await (await fetch(`http://127.0.0.1:${port}/api/v1/hello/greetings`)).json();
    expect(list.items.map((item: { name: string }) => item.name)).toEqual(['德州']);
    const again = exitOf(second.child);
    second.child.kill('SIGINT');
    expect((await again).code).toBe(0);
  });

  it('plugins lists the deployment in start order, and --hooks shows who taps what', async () => {
    const { stdout } = await exec(process.execPath, [cli, 'plugins', '--hooks', '--json'], {
      cwd: repo,
    });
    const { plugins, taps } = JSON.parse(stdout);
    const names: string[] = plugins.map((plugin: { name: string }) => plugin.name);
    expect(names).toEqual(
      expect.arrayContaining(['auth-sso', 'review', 'domains', 'catalog', 'datastore', 'hello']),
    );
    // Every plugin starts after what it requires.
    for (const plugin of plugins as { name: string; requires: string[] }[]) {
      for (const dependency of plugin.requires) {
        expect(names.indexOf(dependency)).toBeLessThan(names.indexOf(plugin.name));
      }
    }
    expect(plugins.find((plugin: { name: string }) => plugin.name === 'catalog')).toMatchObject({
      version: '0.1.0',
      requires: ['domains', 'auth-sso'],
    });
    expect(taps).toContainEqual({ hook: 'kernel.health', tapper: 'hello', type: 'promise' });
  });

  it('a bad config stops start-up with a message naming the plugin', async () => {
    await mkdir(join(repo, '.data'), { recursive: true });
    const dir = await mkdtemp(join(repo, '.data', 'bad-config-'));
    cleanUp.push(dir);
    const config = join(dir, 'kaifang.config.ts');
    await writeFile(
      config,
      `import hello from '@kaifang/plugin-hello';\nexport default { site: { name: { zh: '测', en: 'T' }, contact: { phone: '1', email: 'a@b.cn' }, licenseUrl: '/l' }, plugins: [hello.configure({ salutation: 7 })] };\n`,
    );
    const result = await exec(process.execPath, [cli, 'plugins', '--config', config], {
      cwd: repo,
    }).catch((error) => error);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `kaifang: plugin 'hello' config: "salutation" must be a string`,
    );
  });

  it('create-plugin scaffolds a plugin whose own test passes', async () => {
    await mkdir(join(repo, '.data'), { recursive: true });
    const dir = await mkdtemp(join(repo, '.data', 'scaffold-'));
    cleanUp.push(dir);
    const { stdout } = await exec(process.execPath, [cli, 'create-plugin', 'demo', '--dir', dir], {
      cwd: repo,
    });
    expect(stdout).toContain("created plugin 'demo'");
    await writeFile(
      join(dir, 'vitest.config.ts'),
      `export default { test: { include: ['demo/test/**/*.test.ts'], globalSetup: [${JSON.stringify(join(repo, 'sdk/src/testing/global-setup.ts'))}] } };\n`,
    );
    const run = await exec(
      process.execPath,
      [join(repo, 'node_modules/vitest/vitest.mjs'), 'run', '--root', dir],
      {
        cwd: repo,
      },
    ).catch((error) => error);
    expect(`${run.stdout}${run.stderr}`).toMatch(/Tests\s+.*3 passed/);
    const again = await exec(process.execPath, [cli, 'create-plugin', 'demo', '--dir', dir], {
      cwd: repo,
    }).catch((error) => error);
    expect(again.stderr).toContain('already exists');
  });
});
