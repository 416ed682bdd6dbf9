import { fileURLToPath } from 'node:url';
import type { Principal } from '@kaifang/plugin-auth-sso';
import { Boom, definePlugin, Joi } from '@kaifang/sdk';
import { checkAccess } from './access.ts';
import { DatasetSchema } from './entities/dataset.ts';
import { OrganisationSchema } from './entities/organisation.ts';
import { OutboxSchema, ViewSchema } from './entities/outbox.ts';
import { type AccessDecision, type CatalogHooks, createCatalogHooks } from './hooks.ts';
import { BUILT_IN_LICENCES, type Licence } from './licences.ts';
import { CreateCatalog } from './migrations/0001-create-catalog.ts';
import { AddPrimaryKey } from './migrations/0002-primary-key.ts';
import { AddFacetCodes } from './migrations/0003-facet-codes.ts';
import { NotifySearchChanges } from './migrations/0004-search-notify.ts';
import {
  type DataFacts,
  type Dataset,
  type DatasetState,
  inputOf,
  type OpenType,
  type Stats,
} from './model.ts';
import { Authorizer, declareCatalogPermissions, PERMISSIONS } from './permissions.ts';
import { assertPublishRight, datasetRoutes } from './routes/datasets.ts';
import { dcatRoutes } from './routes/dcat.ts';
import { licenceRoutes } from './routes/licences.ts';
import { organisationRoutes } from './routes/organisations.ts';
import { OpenSearchEngine } from './search/opensearch.ts';
import { type DrainResult, drainOutbox, pendingOutbox } from './search/outbox.ts';
import type { SearchEngine, Viewer } from './search/port.ts';
import { PostgresSearchEngine } from './search/postgres.ts';
import { type CatalogContent, type ImportResult, importContent } from './seed.ts';
import { type CatalogPage, type CatalogQuery, CatalogSearch } from './service.ts';
import { type Sql, sqlOverPool } from './sql.ts';
import { CatalogStore } from './store.ts';

export type { DcatDistribution } from './dcat.ts';
export type { AccessDecision, AccessRequest, CatalogHooks, SaveContext } from './hooks.ts';
export type { Licence } from './licences.ts';
export type * from './model.ts';
export type { IndexDocument, SearchEngine, SearchHits, SearchQuery } from './search/port.ts';
export type { CatalogContent, ContentDataset, ContentOrganisation, ImportResult } from './seed.ts';
export type { CatalogPage, CatalogQuery } from './service.ts';

export interface CatalogOptions {
  search: {
    /** `postgres` (default) or `opensearch` (then `opensearch.url` is required). */
    engine: 'postgres' | 'opensearch';
    opensearch?: { url: string; index: string; timeout: number };
    /**
     * Seconds an engine's answer (page ids, total, facet counts) is reused for an identical
     * query (default 5; 0 = off). Dataset writes in this process clear it at once; writes on
     * other nodes show after at most this long, as do view and download counter sorts.
     */
    cacheSeconds?: number;
  };
  /** Licences besides the built-in ones. */
  licences: Licence[];
  /** The DCAT export for harvesters (`GET /api/v1/catalog.jsonld`). */
  dcat?: {
    /**
     * The portal's public URL (e.g. `https://data.dezhou.gov.cn`): every URI in the export is
     * built on it. Without it the origin the request was sent to is used (`http` behind a
     * TLS-terminating proxy), so deployments should set it.
     */
    publicUrl?: string;
    /** Who runs the catalogue (`dct:publisher`), e.g. the city's big-data bureau; default the site name. */
    publisher?: { zh: string; en: string };
  };
}

export interface CatalogApi {
  search(query: CatalogQuery, viewer?: Viewer): Promise<CatalogPage>;
  get(id: string): Promise<Dataset | undefined>;
  /** Whether `principal` may use the data of a dataset (see the `accessCheck` hook). */
  checkAccess(
    dataset: Dataset,
    principal: Principal | undefined,
    action: 'preview' | 'download' | 'api',
  ): Promise<AccessDecision>;
  /** Adds to a dataset's usage counters (the download and API plugins call this). */
  count(id: string, counter: 'downloads' | 'apiCalls', by?: number): Promise<void>;
  /**
   * What the datastore learnt from loaded data (C4): record count, formats and the field
   * dictionary (names and types from the data; labels and notes admins wrote are kept). Moves
   * `updatedAt` and the search index like any other change; 404 for an unknown dataset.
   * `get(id)` reads the result.
   */
  setDataFacts(id: string, facts: DataFacts): Promise<void>;
  /**
   * Publishes or withdraws a dataset (or returns it to draft) for a plugin whose own workflow
   * decided it, e.g. data-security after an approved review. `principal` is who decided: the
   * same rights as their edit over HTTP apply (edit and publish on the dataset's organisation),
   * and `beforeDatasetSave` sees `origin`. 404 for an unknown dataset.
   */
  setState(
    id: string,
    state: DatasetState,
    on: { principal: Principal; origin: string },
  ): Promise<Dataset>;
  /** Sets the rating figures (the interaction plugin owns ratings and calls this). */
  setRating(id: string, average: number | null, count: number): Promise<void>;
  stats(): Promise<Stats>;
  /** Rebuilds the search index from the database; `onProgress(done, total)` after each batch. */
  reindex(
    onProgress?: (done: number, total: number) => void,
  ): Promise<{ engine: string; total: number }>;
  /** Applies pending index changes now (the job does this on its own). */
  drainOutbox(): Promise<DrainResult>;
  outboxStatus(): Promise<{ pending: number; failing: number; lastError: string | null }>;
  /** Creates missing organisations and datasets of `content` (idempotent). */
  importContent(content: CatalogContent): Promise<ImportResult>;
}

declare module '@kaifang/kernel' {
  interface PluginApis {
    catalog: CatalogApi;
  }
  interface PluginHooks {
    catalog: CatalogHooks;
  }
}

const DRAIN_QUEUE = 'index-outbox';
const DEFAULT_CACHE_SECONDS = 30;
const REINDEX_BATCH = 500;

const page = (file: string) => fileURLToPath(new URL(`./ui/${file}`, import.meta.url));

/** What exists once the database is open; routes and taps made in register read it lazily. */
interface Running {
  sql: Sql;
  store: CatalogStore;
  search: CatalogSearch;
  engine: SearchEngine;
  postgres: PostgresSearchEngine;
}

export default definePlugin<CatalogOptions, CatalogApi, CatalogHooks>({
  name: 'catalog',
  version: '0.1.0',
  kernel: '^0.1.0',
  description:
    'Organisations, datasets with full metadata, Chinese search with facets (C1–C4, D2, D4, D5)',
  requires: { domains: '^0.1.0', 'auth-sso': '^0.1.0' },
  config: Joi.object({
    search: Joi.object({
      engine: Joi.string().valid('postgres', 'opensearch').default('postgres'),
      opensearch: Joi.object({
        url: Joi.string()
          .uri({ scheme: ['http', 'https'] })
          .required(),
        index: Joi.string()
          .pattern(/^[a-z0-9_-]+$/)
          .default('kaifang-datasets'),
        timeout: Joi.number().integer().min(100).default(3000),
        // biome-ignore lint/suspicious/noThenProperty: joi's conditional syntax, not a thenable
      }).when('engine', { is: 'opensearch', then: Joi.required() }),
      cacheSeconds: Joi.number().min(0).max(300).default(DEFAULT_CACHE_SECONDS),
    }).default({ engine: 'postgres', cacheSeconds: DEFAULT_CACHE_SECONDS }),
    licences: Joi.array()
      .items(
        Joi.object({
          code: Joi.string().max(64).required(),
          name: Joi.string().required(),
          url: Joi.string().required(),
          summary: Joi.string().required(),
        }),
      )
      .default([]),
    dcat: Joi.object({
      publicUrl: Joi.string().uri({ scheme: ['http', 'https'] }),
      publisher: Joi.object({ zh: Joi.string().required(), en: Joi.string().required() }),
    }).default({}),
  }),
  entities: [OrganisationSchema, DatasetSchema, OutboxSchema, ViewSchema],
  migrations: [
    { name: '0001_create_catalog', class: CreateCatalog },
    { name: '0002_primary_key', class: AddPrimaryKey },
    { name: '0003_facet_codes', class: AddFacetCodes },
    { name: '0004_search_notify', class: NotifySearchChanges },
  ],
  hooks: createCatalogHooks,
  ui: {
    pages: [
      {
        path: '/catalog',
        element: 'kf-catalog-page',
        module: page('catalog-page.ts'),
        title: { zh: '数据目录', en: 'Data catalogue' },
        nav: { order: 20 },
      },
      {
        path: '/catalog/:id',
        element: 'kf-dataset-page',
        module: page('dataset-page.ts'),
        title: { zh: '数据集', en: 'Dataset' },
      },
      // The publisher's pages: in the administrators' own menu (工作台), not the public navigation.
      {
        path: '/catalog/manage',
        element: 'kf-catalog-manage',
        module: page('manage-page.ts'),
        title: { zh: '数据集管理', en: 'Manage datasets' },
        userMenu: { order: 10, roles: ['provider-admin', 'platform-admin'] },
      },
      {
        path: '/catalog/organisations',
        element: 'kf-organisation-admin',
        module: page('organisation-admin.ts'),
        title: { zh: '提供部门管理', en: 'Providing departments' },
        userMenu: { order: 15, roles: ['platform-admin'] },
      },
      {
        path: '/catalog/new',
        element: 'kf-dataset-editor',
        module: page('dataset-editor.ts'),
        title: { zh: '新建数据集', en: 'New dataset' },
      },
      {
        path: '/catalog/:id/edit',
        element: 'kf-dataset-editor',
        module: page('dataset-editor.ts'),
        title: { zh: '编辑数据集', en: 'Edit dataset' },
      },
    ],
  },

  register(ctx) {
    const hooks = ctx.pluginHooks.catalog!;
    const licences = new Map(
      [...BUILT_IN_LICENCES, ...ctx.config.licences].map((licence) => [licence.code, licence]),
    );
    const defaultLicence = (openType: OpenType) =>
      openType === 'conditional' ? 'open-conditional-1.0' : 'open-unconditional-1.0';
    let running: Running | undefined;
    const get = (): Running => {
      if (!running) throw new Error('the catalog has not started');
      return running;
    };
    const authz = new Authorizer(() => ctx.plugins['auth-sso']!);

    const stats = async (): Promise<Stats> => {
      const [row] = await get().sql.query<{
        datasets: number;
        organisations: number;
        downloads: string;
      }>(
        `select count(*) filter (where state = 'published')::int as datasets,
           coalesce(sum(downloads) filter (where state = 'published'), 0) as downloads,
           (select count(*)::int from catalog_organisation) as organisations
         from catalog_dataset`,
      );
      return hooks.stats.promise({
        datasets: row?.datasets ?? 0,
        organisations: row?.organisations ?? 0,
        apis: 0,
        downloads: Number(row?.downloads ?? 0),
        applications: 0,
      });
    };

    ctx.http.route([
      ...datasetRoutes({
        store: () => get().store,
        search: () => get().search,
        authz,
        hooks,
        licences,
        clock: ctx.clock,
        defaultLicence,
      }),
      ...organisationRoutes({ store: () => get().store, authz, hooks, stats }),
      ...licenceRoutes({ licences }),
      ...dcatRoutes({
        store: () => get().store,
        hooks,
        site: ctx.site,
        prefix: ctx.http.prefix,
        ...(ctx.config.dcat?.publicUrl ? { publicUrl: ctx.config.dcat.publicUrl } : {}),
        ...(ctx.config.dcat?.publisher ? { publisher: ctx.config.dcat.publisher } : {}),
      }),
    ]);

    ctx.pluginHooks.domains!.datasetCounts.tapPromise(ctx.name, async (counts) => {
      for (const [code, n] of await get().store.countsByDomain())
        counts.set(code, (counts.get(code) ?? 0) + n);
      return counts;
    });
    ctx.pluginHooks['auth-sso']!.declarePermissions.tap(ctx.name, declareCatalogPermissions);

    ctx.hooks.health.tapPromise(ctx.name, async (report) => {
      if (!running) return report;
      const up = await running.engine.ping();
      return { ...report, checks: { ...report.checks, search: up ? 'up' : 'down' } };
    });

    // register and start get the same context object: start finds its half of the work here.
    lifecycles.set(ctx, {
      stop: async () => {
        await (running?.engine as { close?: () => Promise<void> } | undefined)?.close?.();
      },
      start: async () => {
        // The kernel's shared pool: the kernel closes it after every plugin stopped.
        const sql = sqlOverPool(ctx.db.pool);
        const postgres = new PostgresSearchEngine(sql);
        const options = ctx.config.search;
        const external =
          options.engine === 'opensearch' && options.opensearch
            ? await OpenSearchEngine.create(options.opensearch)
            : undefined;
        const jobs = external ? ctx.jobs : undefined;
        const store = new CatalogStore({
          sql,
          clock: ctx.clock,
          hooks,
          domains: () => ctx.plugins.domains!,
          licences,
          outbox: !!external,
          written: () => running?.search.invalidate(),
          changed: () => {
            // One queued drain covers any number of changes; a duplicate send is refused, fine.
            jobs?.send(DRAIN_QUEUE, {}, { singletonKey: 'drain' }).catch(() => {});
          },
        });
        const engine: SearchEngine = external ?? postgres;
        const orgNames = async () =>
          new Map(
            (
              await sql.query<{ id: string; name: string }>(
                'select id, name from catalog_organisation',
              )
            ).map((row) => [row.id, row.name]),
          );
        running = {
          sql,
          store,
          engine,
          postgres,
          search: new CatalogSearch({
            store,
            engine,
            postgres,
            logger: ctx.logger,
            orgNames,
            cacheMs: (options.cacheSeconds ?? DEFAULT_CACHE_SECONDS) * 1000,
          }),
        };
        // Writes on any node (or straight SQL) reach every node's answer cache (migration 0004);
        // after a lost connection anything may have changed, so the cache is emptied then too.
        await ctx.db.listen('catalog_search', () => running?.search.invalidate());
        const documents = async (ids: string[]) =>
          Promise.all((await store.getMany(ids)).map((dataset) => store.document(dataset)));
        const drain = async () => {
          const result = await drainOutbox({ sql, engine, documents });
          // The external index moved: answers cached before it did, on any node, are out of date.
          running?.search.invalidate();
          await sql.query(`select pg_notify('catalog_search', 'index')`);
          return result;
        };
        if (external && jobs) {
          await external
            .ensureIndex()
            .catch((error) =>
              ctx.logger.warn(
                { err: error },
                'OpenSearch is not reachable; search uses PostgreSQL until it is',
              ),
            );
          await jobs.work(
            DRAIN_QUEUE,
            async () => {
              await drain();
            },
            { retryLimit: 8, retryDelay: 2 },
          );
          // A safety net for a drain that exhausted its retries while OpenSearch was down.
          await jobs.schedule(DRAIN_QUEUE, '* * * * *');
        }
        const api: CatalogApi = {
          search: (query, viewer = { kind: 'public' }) => get().search.search(query, viewer),
          get: (id) => store.get(id),
          checkAccess: (dataset, principal, action) =>
            checkAccess(hooks, dataset, principal, action),
          async count(id, counter, by = 1) {
            const column = counter === 'downloads' ? 'downloads' : 'api_calls';
            await sql.query(`update catalog_dataset set ${column} = ${column} + $2 where id = $1`, [
              id,
              by,
            ]);
          },
          async setDataFacts(id, facts) {
            await store.setDataFacts(id, facts);
          },
          async setState(id, state, { principal, origin }) {
            const existing = await store.get(id);
            if (!existing) throw Boom.notFound(`no dataset with id ${id}`);
            authz.assert(principal, PERMISSIONS.edit, existing.organization.id);
            const input = { ...inputOf(existing), state };
            assertPublishRight(authz, principal, input, existing);
            return store.save(input, { existing, principal, origin });
          },
          async setRating(id, average, count) {
            await sql.query(
              'update catalog_dataset set rating_avg = $2, rating_count = $3 where id = $1',
              [id, average, count],
            );
            running?.search.invalidate();
          },
          stats,
          async reindex(onProgress) {
            const [{ total } = { total: 0 }] = await sql.query<{ total: number }>(
              'select count(*)::int as total from catalog_dataset',
            );
            await engine.reset();
            let done = 0;
            let after = '00000000-0000-0000-0000-000000000000';
            onProgress?.(0, total);
            for (;;) {
              const ids = (
                await sql.query<{ id: string }>(
                  'select id from catalog_dataset where id > $1 order by id limit $2',
                  [after, REINDEX_BATCH],
                )
              ).map((row) => row.id);
              if (ids.length === 0) break;
              const docs = await documents(ids);
              // The PostgreSQL vector is rebuilt too: the dictionary or a hook may have changed.
              await postgres.upsert(docs);
              if (engine !== postgres) await engine.upsert(docs);
              done += ids.length;
              after = ids[ids.length - 1]!;
              onProgress?.(done, total);
            }
            running?.search.invalidate();
            return { engine: engine.name, total };
          },
          drainOutbox: drain,
          outboxStatus: () => pendingOutbox(sql),
          importContent: (content) => importContent({ sql, store, defaultLicence }, content),
        };
        return api;
      },
    });
  },

  async start(ctx) {
    const lifecycle = lifecycles.get(ctx);
    if (!lifecycle) throw new Error('catalog register did not run for this kernel');
    lifecycle.api = await lifecycle.start();
    return lifecycle.api;
  },

  commands: [
    {
      name: 'reindex',
      description:
        'Rebuild the catalogue search index (PostgreSQL vectors, and OpenSearch when configured)',
      async run(ctx, io) {
        const api = lifecycles.get(ctx)?.api;
        if (!api) throw new Error('the catalog has not started; run reindex on a started kernel');
        const started = Date.now();
        const result = await api.reindex((done, total) => io.progress(done, total));
        io.log(
          `reindexed ${result.total} datasets into ${result.engine} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
        );
      },
    },
  ],

  async stop(ctx) {
    await lifecycles.get(ctx)?.stop();
  },
});

/**
 * What register prepares for start and stop, per kernel (keyed by the plugin context the
 * kernel passes to all three), so several kernels in one process never share a pool.
 */
const lifecycles = new WeakMap<
  object,
  { start(): Promise<CatalogApi>; stop(): Promise<void>; api?: CatalogApi }
>();
