/**
 * Everything the datastore needs from the catalog, in one place. The catalog plugin owns
 * datasets (open type, state, update method, licence) and their counters; this module adapts its
 * API to the few facts and calls the datastore uses, so that only this file changes when the
 * catalog's API does.
 */
import type { CatalogApi } from '@kaifang/plugin-catalog';
import type { PluginContext } from '@kaifang/sdk';
import type { UpdateMethod } from './entities/ingest.ts';
import type { FieldType } from './store/columns.ts';

export type OpenType = 'unconditional' | 'conditional' | 'closed';

/** Who is asking (auth-sso's `request.auth.credentials`); undefined for a guest. */
export interface Principal {
  userId: string;
  loginName?: string;
  realName?: string;
  roles: string[];
  organisationId?: string;
  scope?: string[];
}

/** The facts of one dataset the datastore acts on. */
export interface DatasetFacts {
  id: string;
  title: string;
  organisationId: string;
  organisationName: string;
  openType: OpenType;
  state: string;
  updateMethod: UpdateMethod;
  /** The declared primary key (field names) for primary-key updates; may be empty. */
  primaryKey: string[];
  licence: { code: string; name: string; url: string };
  /** Field labels and types the provider declared (used by demo data). */
  fields: { name: string; label: string; type: string }[];
}

export type DataAction = 'preview' | 'records' | 'download';

export type AccessDecision =
  | { allowed: true }
  | { allowed: false; status: 401 | 403 | 404; message: string };

/** What the datastore writes back after a load (C4: field dictionary, record count, formats). */
export interface LoadedFacts {
  recordCount: number;
  formats: string[];
  fields: { name: string; label: string; type: FieldType }[];
}

export interface CatalogPort {
  dataset(id: string): Promise<DatasetFacts | undefined>;
  /** Published datasets (for demo data). */
  publishedDatasets(): Promise<DatasetFacts[]>;
  access(
    dataset: DatasetFacts,
    principal: Principal | undefined,
    action: DataAction,
  ): Promise<AccessDecision>;
  /** Whether the principal administers this dataset (its provider, or a platform admin). */
  manages(dataset: DatasetFacts, principal: Principal | undefined): boolean;
  recordLoaded(datasetId: string, facts: LoadedFacts): Promise<void>;
  count(datasetId: string, counter: 'downloads' | 'apiCalls', by: number): Promise<void>;
}

/** What the catalog's `Dataset` carries that the datastore reads (a subset of its model). */
type CatalogDataset = NonNullable<Awaited<ReturnType<CatalogApi['get']>>>;

/**
 * Catalog API calls the catalog does not offer yet (see the report's wish list); the port uses
 * them when present and otherwise leaves the catalog's figures to its provider admins.
 */
interface CatalogWishes {
  /** C4: write back the field dictionary, record count and formats after a load. */
  setDataFacts?(id: string, facts: LoadedFacts): Promise<void>;
}

const APPLY_HINT =
  '请登录并完成实名认证，在数据集页面点击“申请使用”，说明使用场景和理由，审核通过后即可使用' +
  ' (log in, verify your real name and apply on the dataset page; access opens once the provider approves)';

/** The catalog's own object behind each DatasetFacts, for the access check (saves a lookup). */
const originals = new WeakMap<DatasetFacts, CatalogDataset>();

function facts(dataset: CatalogDataset): DatasetFacts {
  const result = toFacts(dataset);
  originals.set(result, dataset);
  return result;
}

function toFacts(dataset: CatalogDataset): DatasetFacts {
  const extra = dataset as unknown as {
    primaryKey?: string[];
    fields: { name: string; primaryKey?: boolean }[];
  };
  return {
    id: dataset.id,
    title: dataset.title,
    organisationId: dataset.organization.id,
    organisationName: dataset.organization.name,
    openType: dataset.openType,
    state: dataset.state,
    updateMethod: dataset.updateMethod,
    // The catalog has no key declaration yet; a `primaryKey` list or field flag is honoured
    // when it comes, and the upload's own `primaryKey` form field works meanwhile.
    primaryKey:
      extra.primaryKey ??
      extra.fields.filter((field) => field.primaryKey).map((field) => field.name),
    licence: dataset.licence,
    fields: dataset.fields.map((field) => ({
      name: field.name,
      label: field.label || field.name,
      type: field.type,
    })),
  };
}

/** The catalog names the records API's action `api`. */
const CATALOG_ACTIONS = { preview: 'preview', records: 'api', download: 'download' } as const;

export function createCatalogPort(ctx: PluginContext<object>): CatalogPort {
  const api = (): CatalogApi & CatalogWishes => {
    const catalog = (ctx.plugins as { catalog?: CatalogApi }).catalog;
    if (!catalog) throw new Error('the catalog plugin is not running; the datastore needs it');
    return catalog;
  };
  let warned = false;
  const manages = (dataset: DatasetFacts, principal: Principal | undefined) =>
    !!principal &&
    (principal.roles.includes('platform-admin') ||
      (principal.roles.includes('provider-admin') &&
        principal.organisationId === dataset.organisationId));
  return {
    async dataset(id) {
      const found = await api().get(id);
      return found ? facts(found) : undefined;
    },
    async publishedDatasets() {
      const all: DatasetFacts[] = [];
      for (let page = 1; ; page++) {
        const result = await api().search({ state: 'published', page, pageSize: 100 });
        for (const summary of result.items) {
          const dataset = await api().get(summary.id);
          if (dataset) all.push(facts(dataset));
        }
        if (page * result.pageSize >= result.total || result.items.length === 0) return all;
      }
    },
    manages,
    async access(dataset, principal, action) {
      if (manages(dataset, principal)) return { allowed: true };
      // Drafts and withdrawn datasets do not exist for the public.
      if (dataset.state !== 'published') {
        return { allowed: false, status: 404, message: `no dataset with id ${dataset.id}` };
      }
      const full = originals.get(dataset) ?? (await api().get(dataset.id));
      if (!full)
        return { allowed: false, status: 404, message: `no dataset with id ${dataset.id}` };
      const decision = await api().checkAccess(
        full,
        principal as Parameters<CatalogApi['checkAccess']>[1],
        CATALOG_ACTIONS[action],
      );
      if (decision.allowed) return { allowed: true };
      if (dataset.openType === 'closed') {
        return {
          allowed: false,
          status: 403,
          message: `${decision.reason}; its data cannot be previewed, queried or downloaded`,
        };
      }
      return {
        allowed: false,
        status: principal ? 403 : 401,
        message: `${decision.reason}。${APPLY_HINT}`,
      };
    },
    async recordLoaded(datasetId, loaded) {
      const catalog = api();
      if (catalog.setDataFacts) {
        await catalog.setDataFacts(datasetId, loaded);
      } else if (!warned) {
        warned = true;
        ctx.logger.warn(
          'the catalog offers no setDataFacts(id, { recordCount, formats, fields }); record counts and field dictionaries are not written back',
        );
      }
    },
    async count(datasetId, counter, by) {
      await api().count(datasetId, counter, by);
    },
  };
}
