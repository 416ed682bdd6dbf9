import { definePlugin, Joi } from '@kaifang/sdk';
import type pg from 'pg';
import { type CatalogPort, createCatalogPort, type Principal } from './catalog-port.ts';
import { CounterBuffer } from './counters.ts';
import { seedDemoData } from './demo.ts';
import { DOWNLOAD_TYPES } from './download/formats.ts';
import { DatastoreTableSchema } from './entities/datastore-table.ts';
import { IngestSchema } from './entities/ingest.ts';
import { createDatastoreHooks, type DatastoreHooks } from './hooks.ts';
import { runJob } from './ingest/job.ts';
import { PURGE_CRON, PURGE_QUEUE, purgeOriginals, type RetentionDeps } from './ingest/retention.ts';
import { CreateDatastore } from './migrations/0001-create-datastore.ts';
import { IngestReadableAt } from './migrations/0002-ingest-readable-at.ts';
import { IngestFilePurgedAt } from './migrations/0003-ingest-file-purged-at.ts';
import { dataRoutes } from './routes/data.ts';
import { jobRoutes } from './routes/jobs.ts';
import { uploadRoutes } from './routes/upload.ts';
import { DataService } from './service.ts';
import { qualified } from './store/columns.ts';
import { currentTable } from './store/tables.ts';

export type { DatastoreHooks, LoadedEvent, LoadPlan, PlannedField } from './hooks.ts';

export interface DatastoreOptions {
  /** Largest upload accepted (bytes). */
  maxUploadBytes: number;
  /** Rows the preview shows by default. */
  previewRows: number;
  /** Columns indexed automatically per table (dates and numbers first), besides the key. */
  maxIndexes: number;
  /** Seconds a replaced table stays readable for requests that started before the swap. */
  retireAfterSeconds: number;
  /**
   * Ignored since the datastore uses the kernel's shared pool (`ctx.db.pool`); still accepted
   * so existing configurations keep starting.
   * @deprecated
   */
  poolSize: number;
  /** Load generated rows into published datasets that have no data, once, at start. */
  demoData: boolean;
  /** Rows per demo dataset. */
  demoRows: number;
  /** How long one ingest attempt may run before the queue fails it (pg-boss's default is 15 minutes). */
  ingestTimeoutSeconds: number;
  /** Loads one node runs at once (each dataset's swap is serialised by an advisory lock). */
  ingestConcurrency: number;
  /** How often download and API-call counts are written to the catalog (ms). */
  counterFlushMs: number;
  uploads: {
    /**
     * Days an uploaded original (unmasked) is kept after its load finished, successfully or
     * not; 0 deletes it as soon as the load ends.
     */
    keepDays: number;
  };
}

export interface DatastoreApi {
  /** Whether a dataset has loaded data, and how many records. */
  summary(
    datasetId: string,
  ): Promise<
    { recordCount: number; fields: { name: string; type: string }[]; updatedAt: string } | undefined
  >;
  /** Runs `seedDemoData` now (the CLI and tests call it; start runs it when `demoData`). */
  seedDemoData(): Promise<string[]>;
  /**
   * Deletes the originals of loads that finished `uploads.keepDays` ago or earlier, now; the
   * hourly job runs the same. Returns how many were removed.
   */
  purgeOriginals(): Promise<number>;
}

declare module '@kaifang/kernel' {
  interface PluginApis {
    datastore: DatastoreApi;
  }
  interface PluginHooks {
    datastore: DatastoreHooks;
  }
}

const UPLOAD_PERMISSION = 'datastore.resource.upload';

interface AuthLike {
  can(
    principal: Principal | undefined,
    permission: string,
    target?: { organisationId?: string },
  ): boolean;
}

export default definePlugin<DatastoreOptions, DatastoreApi, DatastoreHooks>({
  name: 'datastore',
  version: '0.1.0',
  kernel: '^0.1.0',
  description:
    'Dataset contents: uploads loaded into typed tables, a records API, preview and downloads',
  requires: { catalog: '^0.1.0', 'auth-sso': '^0.1.0' },
  config: Joi.object({
    maxUploadBytes: Joi.number()
      .integer()
      .min(1024)
      .default(512 * 1024 * 1024),
    previewRows: Joi.number().integer().min(1).max(100).default(20),
    maxIndexes: Joi.number().integer().min(0).max(16).default(3),
    retireAfterSeconds: Joi.number().integer().min(0).default(120),
    poolSize: Joi.number().integer().min(2).max(50).default(6),
    demoData: Joi.boolean().default(false),
    demoRows: Joi.number().integer().min(1).max(100_000).default(300),
    ingestTimeoutSeconds: Joi.number()
      .integer()
      .min(60)
      .max(24 * 3600)
      .default(4 * 3600),
    ingestConcurrency: Joi.number().integer().min(1).max(16).default(2),
    counterFlushMs: Joi.number().integer().min(10).max(60_000).default(2000),
    uploads: Joi.object({
      // A week leaves time to look into a failed or surprising load, then the personal data
      // in the original goes (data minimisation).
      keepDays: Joi.number().integer().min(0).max(3650).default(7),
    }).default(),
  }),
  entities: [DatastoreTableSchema, IngestSchema],
  migrations: [
    { name: '0001_create_datastore', class: CreateDatastore },
    { name: '0002_ingest_readable_at', class: IngestReadableAt },
    { name: '0003_ingest_file_purged_at', class: IngestFilePurgedAt },
  ],
  hooks: createDatastoreHooks,
  ui: {
    pages: [
      {
        path: '/data/:id',
        element: 'kf-datastore-page',
        module: new URL('./ui/datastore-page.ts', import.meta.url).pathname,
        title: { zh: '数据预览', en: 'Data preview' },
      },
    ],
    // For other plugins' pages: the shell loads the module after start, which defines the
    // elements and registers them as views of the catalog's dataset page. It is small; ECharts
    // is loaded only when a preview draws a chart.
    components: [
      {
        element: 'kf-datastore-preview',
        module: new URL('./ui/catalog-views.ts', import.meta.url).pathname,
      },
      {
        element: 'kf-datastore-upload',
        module: new URL('./ui/catalog-views.ts', import.meta.url).pathname,
      },
      {
        element: 'kf-datastore-download',
        module: new URL('./ui/catalog-views.ts', import.meta.url).pathname,
      },
      {
        element: 'kf-datastore-api',
        module: new URL('./ui/catalog-views.ts', import.meta.url).pathname,
      },
    ],
  },

  register(ctx) {
    // Routes are declared now; the pool they use exists from start on.
    const running: Running = {};
    runningByContext.set(ctx, running);
    const state = {
      pool: () => running.pool ?? notStarted(),
      catalog: () => running.catalog ?? notStarted(),
      service: () => running.service ?? notStarted(),
    };
    ctx.pluginHooks['auth-sso']?.declarePermissions.tap(ctx.name, (registry) => {
      registry.declare({
        name: UPLOAD_PERMISSION,
        description: { zh: '上传并装载数据集文件', en: 'Upload and load dataset files' },
        roles: ['provider-admin', 'platform-admin'],
        organisationScoped: true,
      });
    });
    ctx.http.route(
      uploadRoutes({
        pool: state.pool,
        catalog: state.catalog,
        jobs: () => ctx.jobs,
        storage: ctx.storage,
        clock: ctx.clock,
        maxUploadBytes: ctx.config.maxUploadBytes,
        mayUpload: (principal, organisationId) => {
          const auth = (ctx.plugins as Record<string, unknown>)['auth-sso'] as AuthLike | undefined;
          return auth?.can(principal, UPLOAD_PERMISSION, { organisationId }) ?? false;
        },
      }),
    );
    ctx.http.route(jobRoutes({ pool: state.pool, catalog: state.catalog }));
    // Harvesters (DCAT) may fetch what anyone may download: unconditional datasets with data.
    ctx.pluginHooks.catalog!.dcatDistributions.tap(
      ctx.name,
      (distributions, { dataset, baseUrl }) =>
        dataset.openType !== 'unconditional' || dataset.recordCount === 0
          ? distributions
          : distributions.map((distribution) => {
              const format = distribution.format.toLowerCase();
              if (!(format in DOWNLOAD_TYPES)) return distribution;
              const path = `${ctx.http.prefix}/datasets/${dataset.id}/download?format=${format}`;
              return { ...distribution, downloadURL: `${baseUrl}${path}` };
            }),
    );
    ctx.http.route(
      dataRoutes({
        pool: state.pool,
        service: state.service,
        catalog: state.catalog,
        site: ctx.site,
        previewRows: ctx.config.previewRows,
        now: () => ctx.clock.now(),
        count: (datasetId, counter) => running.counters?.add(datasetId, counter),
      }),
    );
  },

  async start(ctx) {
    // The kernel's shared node-postgres pool (it closes it): COPY streams and downloads take a
    // client of their own with pool.connect(), queries use pool.query().
    const pool = ctx.db.pool;
    const catalog = createCatalogPort(ctx);
    const running = runningByContext.get(ctx)!;
    const counters = new CounterBuffer(
      (datasetId, counter, by) => catalog.count(datasetId, counter, by),
      ctx.config.counterFlushMs,
      (error) => ctx.logger.warn({ err: error }, 'could not write usage counters'),
    );
    Object.assign(running, { pool, catalog, counters, service: new DataService(pool, catalog) });
    const hooks = ctx.pluginHooks.datastore!;
    const loaderDeps = {
      pool,
      storage: ctx.storage,
      hooks,
      catalog,
      catalogPort: catalog,
      clock: ctx.clock,
      logger: ctx.logger,
      maxIndexes: ctx.config.maxIndexes,
      retire: async (table: string) => {
        await ctx.jobs.send(
          'retire',
          { table },
          {
            startAfter: new Date(ctx.clock.now().getTime() + ctx.config.retireAfterSeconds * 1000),
          },
        );
      },
    };
    const retention: RetentionDeps = {
      pool,
      storage: ctx.storage,
      clock: ctx.clock,
      logger: ctx.logger,
      keepDays: ctx.config.uploads.keepDays,
    };
    // File problems are not retried (the job records them); a crash mid-job is picked up again.
    await ctx.jobs.work<{ ingestId: string }>(
      'ingest',
      async (job) => {
        await runJob(loaderDeps, job.data.ingestId);
        // keepDays 0: the original goes as soon as its load ended, not at the next hourly run
        // (which still catches one missed here, e.g. by a crash).
        if (retention.keepDays === 0) await purgeOriginals(retention, job.data.ingestId);
      },
      {
        retryLimit: 1,
        expireInSeconds: ctx.config.ingestTimeoutSeconds,
        concurrency: ctx.config.ingestConcurrency,
      },
    );
    await ctx.jobs.work(PURGE_QUEUE, async () => {
      await purgeOriginals(retention);
    });
    await ctx.jobs.schedule(PURGE_QUEUE, PURGE_CRON);
    await ctx.jobs.work<{ table: string }>('retire', async (job) => {
      const client = await pool.connect();
      try {
        // A download still streaming from the old table holds a lock: give up after a few
        // seconds and let pg-boss retry later, rather than queue everyone behind the DROP.
        await client.query('begin');
        await client.query(`set local lock_timeout = '5s'`);
        await client.query(`drop table if exists ${qualified(job.data.table)}`);
        await client.query('commit');
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    });
    const api: DatastoreApi = {
      async summary(datasetId) {
        const table = await currentTable(pool, datasetId);
        if (!table) return undefined;
        return {
          recordCount: table.recordCount,
          fields: table.columns.map((column) => ({ name: column.name, type: column.type })),
          updatedAt: table.updatedAt.toISOString(),
        };
      },
      seedDemoData: () =>
        seedDemoData({
          pool,
          catalog,
          storage: ctx.storage,
          jobs: ctx.jobs,
          clock: ctx.clock,
          rows: ctx.config.demoRows,
        }),
      purgeOriginals: () => purgeOriginals(retention),
    };
    if (ctx.config.demoData) {
      // After start-up, so the catalog's own demo datasets exist and a slow seed delays nobody.
      ctx.hooks.started.tapPromise(ctx.name, async () => {
        // Not awaited (the portal answers meanwhile), but stop waits for it: a short-lived
        // kernel (a CLI command) must not close the pool under a seed still queueing loads.
        const seeding = api
          .seedDemoData()
          .then(() => undefined)
          .catch((error: unknown) => ctx.logger.error({ err: error }, 'demo data failed'));
        const running = runningByContext.get(ctx);
        if (running) running.seeding = seeding;
      });
    }
    return api;
  },

  async stop(ctx) {
    const running = runningByContext.get(ctx);
    await running?.seeding;
    await running?.counters?.close();
    // The pool is the kernel's: it closes it after every plugin stopped.
  },
});

/** What start creates for the routes register declared; one per kernel (tests run several). */
interface Running {
  pool?: pg.Pool;
  catalog?: CatalogPort;
  service?: DataService;
  counters?: CounterBuffer;
  /** The demo seed started after start-up, if any. */
  seeding?: Promise<void>;
}
const runningByContext = new WeakMap<object, Running>();

function notStarted(): never {
  throw new Error('the datastore is not started yet');
}
