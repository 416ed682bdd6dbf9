import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServerInjectOptions, ServerInjectResponse } from '@hapi/hapi';
import {
  type Clock,
  createLogger,
  type DeploymentConfig,
  Kernel,
  type PluginEntry,
  type SiteInfo,
  type ThemeDefinition,
} from '@kaifang/kernel';
import type { Logger } from 'pino';
import { createThrowawayDatabase, type ThrowawayDatabase } from './database.ts';

export interface TestKernelOptions {
  plugins: PluginEntry[];
  site?: SiteInfo;
  /** Built and served only when given (browser tests). */
  theme?: ThemeDefinition;
  clock?: Clock;
  logger?: Logger;
  timeouts?: DeploymentConfig['timeouts'];
  /** Listen on a free port (for browser tests); otherwise use `inject`. */
  listen?: boolean;
  /** A PostgreSQL cluster of its own, e.g. to stop it and watch the kernel cope. */
  ownCluster?: boolean;
  /**
   * Join this database instead of creating one: a second node of the same portal. The database
   * is left in place at close (the first node's test kernel owns it).
   */
  databaseUrl?: string;
}

export interface TestResponse extends ServerInjectResponse {
  /** The body parsed as JSON; tests then assert on its shape. */
  // biome-ignore lint/suspicious/noExplicitAny: a test asserts the shape it expects at run time
  json<T = any>(): T;
}

export interface TestKernel {
  kernel: Kernel;
  /** Sends a request through hapi without a socket. */
  inject(options: string | ServerInjectOptions): Promise<TestResponse>;
  /** The base URL when `listen` was set. */
  url: string;
  databaseUrl: string;
  /** Stops the database server (only with `ownCluster`). */
  stopDatabase(): Promise<void>;
  /** Stops the kernel and throws its database and files away. */
  close(): Promise<void>;
}

export const TEST_SITE: SiteInfo = {
  name: { zh: '测试开放平台', en: 'Test Open Data Portal' },
  contact: { phone: '0534-0000000', email: 'test@example.org' },
  licenseUrl: '/license',
};

/** Boots a kernel with `plugins` on a throwaway PostgreSQL database. */
export async function createTestKernel(options: TestKernelOptions): Promise<TestKernel> {
  const database: ThrowawayDatabase = options.databaseUrl
    ? { url: options.databaseUrl, drop: async () => {} }
    : await createThrowawayDatabase({ ownCluster: options.ownCluster });
  const dataDir = await mkdtemp(join(tmpdir(), 'kaifang-test-'));
  const cleanUp = async () => {
    await database.drop();
    await rm(dataDir, { recursive: true, force: true });
  };
  let kernel: Kernel;
  try {
    kernel = await Kernel.boot({
      config: {
        site: options.site ?? TEST_SITE,
        plugins: options.plugins,
        theme: options.theme,
        http: { host: '127.0.0.1' },
        timeouts: options.timeouts,
      },
      dataDir,
      databaseUrl: database.url,
      port: options.listen ? 0 : 3000,
      clock: options.clock,
      logger: options.logger ?? createLogger({ level: process.env.LOG_LEVEL ?? 'silent' }),
    });
    if (options.listen) await kernel.listen();
  } catch (error) {
    await cleanUp();
    throw error;
  }
  return {
    kernel,
    inject: async (request) => {
      const response = await kernel.inject(request);
      return Object.assign(response, { json: () => JSON.parse(response.payload) });
    },
    url: options.listen ? kernel.server.info.uri : '',
    databaseUrl: database.url,
    stopDatabase: async () => {
      if (!database.stopServer)
        throw new Error('stopDatabase needs createTestKernel({ ownCluster: true })');
      await database.stopServer();
    },
    close: async () => {
      await kernel.stop();
      await cleanUp();
    },
  };
}

export { createThrowawayDatabase, SHARED_CLUSTER_ENV, type ThrowawayDatabase } from './database.ts';
