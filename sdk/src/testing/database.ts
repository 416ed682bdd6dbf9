import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, startEmbeddedPostgres } from '@kaifang/kernel';
import pg from 'pg';

/** Set by the test run's global setup: one embedded cluster that every test kernel shares. */
export const SHARED_CLUSTER_ENV = 'KAIFANG_TEST_CLUSTER_URL';

export interface ThrowawayDatabase {
  url: string;
  /** Stops the cluster when the database has its own (to test a database outage). */
  stopServer?: () => Promise<void>;
  drop(): Promise<void>;
}

/** Starts an embedded PostgreSQL cluster in a temporary directory. */
export async function startThrowawayCluster(): Promise<{ url: string; stop(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'kaifang-pg-'));
  const cluster = await startEmbeddedPostgres({
    dir: join(dir, 'pg'),
    logger: createLogger({ level: 'warn' }),
  });
  return {
    url: cluster.url,
    stop: async () => {
      await cluster.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A database no other test sees: a fresh one in the shared cluster when the test run has one
 * (cheap), or a cluster of its own (when `ownCluster` is asked for, or outside the test run).
 */
export async function createThrowawayDatabase(
  options: { ownCluster?: boolean } = {},
): Promise<ThrowawayDatabase> {
  const shared = process.env[SHARED_CLUSTER_ENV];
  if (!shared || options.ownCluster) {
    const cluster = await startThrowawayCluster();
    let stopped = false;
    return {
      url: cluster.url,
      stopServer: async () => {
        stopped = true;
        await cluster.stop();
      },
      drop: async () => {
        if (!stopped) await cluster.stop();
      },
    };
  }
  const name = `kt_${randomBytes(6).toString('hex')}`;
  await withClient(shared, (client) => client.query(`create database ${name}`));
  const url = new URL(shared);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () =>
      withClient(shared, (client) =>
        client.query(`drop database if exists ${name} with (force)`),
      ).then(() => undefined),
  };
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
