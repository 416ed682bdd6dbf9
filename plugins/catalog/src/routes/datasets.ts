import { createHash } from 'node:crypto';
import { type Principal, principalOf, requireUser } from '@kaifang/plugin-auth-sso';
import { Boom, type Clock, type Request, type ServerRoute } from '@kaifang/sdk';
import { checkAccess } from '../access.ts';
import { checkIfMatch, etagOf } from '../concurrency.ts';
import type { CatalogHooks } from '../hooks.ts';
import type { Licence } from '../licences.ts';
import { type Dataset, type DatasetInput, inputOf } from '../model.ts';
import { type Authorizer, PERMISSIONS } from '../permissions.ts';
import type { CatalogQuery, CatalogSearch } from '../service.ts';
import type { CatalogStore } from '../store.ts';
import { createPayload, idParams, listQuery, patchPayload } from './schemas.ts';

export interface DatasetRouteDeps {
  store: () => CatalogStore;
  search: () => CatalogSearch;
  authz: Authorizer;
  hooks: CatalogHooks;
  licences: ReadonlyMap<string, Licence>;
  clock: Clock;
  defaultLicence: (openType: Dataset['openType']) => string;
}

const shanghaiDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' });

/** A visitor for view counting: the user, else a hash of address and browser (no IP is stored). */
function visitorOf(request: Request): string {
  const principal = principalOf(request);
  if (principal) return `u:${principal.userId}`.slice(0, 64);
  const agent = request.headers['user-agent'] ?? '';
  return createHash('sha256').update(`${request.info.remoteAddress}|${agent}`).digest('hex');
}

/** Publishing or withdrawing needs the publish right on top of the edit right. */
export function assertPublishRight(
  authz: Authorizer,
  principal: Principal | undefined,
  input: DatasetInput,
  existing?: Dataset,
): void {
  const becomesPublished = input.state === 'published' && existing?.state !== 'published';
  const leavesPublished = existing?.state === 'published' && input.state !== 'published';
  if (becomesPublished || leavesPublished)
    authz.assert(principal, PERMISSIONS.publish, input.organizationId);
}

export function datasetRoutes(deps: DatasetRouteDeps): ServerRoute[] {
  const { authz } = deps;

  /** The dataset if this request may see it; drafts of others are "not found", not "forbidden". */
  async function visible(request: Request, id: string): Promise<Dataset> {
    const dataset = await deps.store().get(id);
    if (dataset && dataset.state !== 'published') {
      const principal = principalOf(request);
      if (authz.can(principal, PERMISSIONS.edit, dataset.organization.id)) return dataset;
    } else if (dataset) {
      return dataset;
    }
    throw Boom.notFound(`no dataset with id ${id}`);
  }

  /** The dataset of the route's `{id}` when the caller may change it (else 404, 401 or 403). */
  async function editable(request: Request): Promise<Dataset> {
    const existing = await visible(request, (request.params as { id: string }).id);
    authz.assert(principalOf(request), PERMISSIONS.edit, existing.organization.id);
    return existing;
  }

  /**
   * The request's `If-Match` when it names a version the write must be limited to (412 right
   * away when it names another); undefined without one or for `*`, keeping today's behaviour.
   */
  function ifMatchOf(request: Request, existing: Dataset): string | undefined {
    const header: unknown = request.headers['if-match'];
    if (typeof header !== 'string') return undefined;
    return checkIfMatch(header, existing) ? header : undefined;
  }

  return [
    {
      method: 'GET',
      path: '/datasets',
      options: {
        description:
          'The catalogue: filters, Chinese keyword search, sorts, facets, pages; `editable=true` lists what you may edit',
        validate: { query: listQuery },
      },
      handler: async (request) => {
        const { editable, ...query } = request.query as CatalogQuery & { editable?: boolean };
        const principal = principalOf(request);
        const viewer = authz.viewerOf(principal);
        if (!editable) return deps.search().search(query, viewer);
        // A publisher's list: only what they may edit, whatever state they ask for.
        const org = authz.editableScope(principal, query.org);
        return deps.search().search({ ...query, ...(org ? { org } : {}) }, viewer);
      },
    },
    {
      method: 'GET',
      path: '/datasets/{id}',
      options: {
        description:
          'One dataset: metadata, field dictionary, licence, whether you may use its data, and `can: { edit, publish }`',
        validate: { params: idParams },
      },
      handler: async (request, h) => {
        const { id } = request.params as { id: string };
        const dataset = await visible(request, id);
        if (dataset.state === 'published') {
          const counted = await deps
            .store()
            .countView(id, visitorOf(request), shanghaiDay.format(deps.clock.now()));
          if (counted) dataset.views += 1;
        }
        const licence = deps.licences.get(dataset.licence.code);
        const principal = principalOf(request);
        const access = await checkAccess(deps.hooks, dataset, principal, 'download');
        // The tag names the stored version, which a PATCH or DELETE sends back in If-Match.
        // The body also carries what changes without a new version (`views`) or per reader
        // (`access`, `can`), so it must not validate a cached copy: hapi would answer a
        // matching If-None-Match with a 304 and the browser (hapi's default `no-cache` makes
        // it revalidate) would show a guest's `can` to an admin who then signed in. Every GET
        // is therefore answered in full.
        delete request.headers['if-none-match'];
        return (
          h
            .response({
              ...dataset,
              licence: { ...dataset.licence, summary: licence?.summary ?? '' },
              access,
              // What the page may offer this reader (an edit link, a state choice); the writes
              // check the same rights again.
              can: authz.datasetRights(principal, dataset.organization.id),
            })
            // `vary: false`: compression must not turn it into "v3-gzip", which clients would
            // echo in If-Match; the tag stands for the version, whatever the encoding.
            .etag(etagOf(dataset.version), { weak: false, vary: false })
        );
      },
    },
    {
      method: 'POST',
      path: '/datasets',
      options: {
        description: 'Create a dataset (provider admins for their organisation, platform admins)',
        auth: requireUser(),
        validate: { payload: createPayload },
      },
      handler: async (request, h) => {
        const body = request.payload as Partial<DatasetInput> &
          Pick<
            DatasetInput,
            'title' | 'organizationId' | 'domains' | 'openType' | 'updateCycle' | 'updateMethod'
          >;
        const principal = principalOf(request);
        authz.assert(principal, PERMISSIONS.edit, body.organizationId);
        const input: DatasetInput = {
          identifier: body.identifier ?? null,
          title: body.title,
          description: body.description ?? '',
          organizationId: body.organizationId,
          domains: body.domains,
          scenarios: body.scenarios ?? [],
          tags: body.tags ?? [],
          openType: body.openType,
          grade: body.grade ?? (body.openType === 'unconditional' ? 1 : 2),
          classifications: body.classifications ?? [],
          updateCycle: body.updateCycle,
          updateMethod: body.updateMethod,
          licence: body.licence ?? deps.defaultLicence(body.openType),
          formats: body.formats ?? [],
          recordCount: body.recordCount ?? 0,
          fields: body.fields ?? [],
          primaryKey: body.primaryKey ?? [],
          contact: body.contact ?? {},
          state: body.state ?? 'draft',
        };
        assertPublishRight(authz, principal, input);
        const saved = await deps.store().save(input, { ...(principal ? { principal } : {}) });
        return h.response(saved).code(201);
      },
    },
    {
      method: 'PATCH',
      path: '/datasets/{id}',
      options: {
        description:
          "Change a dataset (its organisation's provider admins, platform admins); `If-Match` with the GET's ETag makes it a 412 when someone else changed it since",
        auth: requireUser(),
        validate: { params: idParams, payload: patchPayload },
      },
      handler: async (request) => {
        const existing = await editable(request);
        const ifMatch = ifMatchOf(request, existing);
        const principal = principalOf(request);
        const input: DatasetInput = {
          ...inputOf(existing),
          ...(request.payload as Partial<DatasetInput>),
        };
        if (input.organizationId !== existing.organization.id)
          authz.assert(principal, PERMISSIONS.edit, input.organizationId);
        assertPublishRight(authz, principal, input, existing);
        return deps.store().save(input, {
          existing,
          ...(principal ? { principal } : {}),
          ...(ifMatch !== undefined ? { ifMatch } : {}),
        });
      },
    },
    {
      method: 'DELETE',
      path: '/datasets/{id}',
      options: {
        description:
          "Delete a dataset (its organisation's provider admins, platform admins); honours `If-Match` like PATCH",
        auth: requireUser(),
        validate: { params: idParams },
      },
      handler: async (request, h) => {
        const existing = await editable(request);
        const ifMatch = ifMatchOf(request, existing);
        await deps.store().delete(existing, ifMatch !== undefined ? { ifMatch } : {});
        return h.response().code(204);
      },
    },
  ];
}
