import { principalOf, requireUser } from '@kaifang/plugin-auth-sso';
import { Boom, type ServerRoute } from '@kaifang/sdk';
import type { CatalogHooks } from '../hooks.ts';
import type { OrganisationInput, Stats } from '../model.ts';
import { type Authorizer, PERMISSIONS } from '../permissions.ts';
import type { CatalogStore } from '../store.ts';
import { idParams, organisationListQuery, organisationPayload } from './schemas.ts';

export function organisationRoutes(deps: {
  store: () => CatalogStore;
  authz: Authorizer;
  hooks: CatalogHooks;
  stats: () => Promise<Stats>;
}): ServerRoute[] {
  const find = async (id: string) => {
    const organisation = (await deps.store().organisations()).find((o) => o.id === id);
    if (!organisation)
      throw Boom.notFound(`no organisation with id ${id}; GET /api/v1/organizations lists them`);
    return organisation;
  };
  return [
    {
      method: 'GET',
      path: '/organizations',
      options: {
        description:
          'Data-providing organisations with their published dataset counts, and whether you may add and change them (`can.manage`); `editable=true`: those whose datasets you may edit',
        validate: { query: organisationListQuery },
      },
      handler: async (request) => {
        const { editable } = request.query as { editable: boolean };
        const principal = principalOf(request);
        const items = (await deps.store().organisations()).filter(
          (organisation) =>
            !editable || deps.authz.can(principal, PERMISSIONS.edit, organisation.id),
        );
        // The management page asks the server, not the browser's idea of roles.
        const manage = deps.authz.can(principal, PERMISSIONS.organisations);
        return { total: items.length, items, can: { manage } };
      },
    },
    {
      method: 'GET',
      path: '/organizations/{id}',
      options: { description: 'One organisation', validate: { params: idParams } },
      handler: (request) => find((request.params as { id: string }).id),
    },
    {
      method: 'POST',
      path: '/organizations',
      options: {
        description: 'Add an organisation (platform admins)',
        auth: requireUser(),
        validate: { payload: organisationPayload },
      },
      handler: async (request, h) => {
        deps.authz.assert(principalOf(request), PERMISSIONS.organisations);
        const id = await deps.store().saveOrganisation(request.payload as OrganisationInput);
        return h.response(await find(id)).code(201);
      },
    },
    {
      method: 'PATCH',
      path: '/organizations/{id}',
      options: {
        description: 'Change an organisation (platform admins)',
        auth: requireUser(),
        validate: {
          params: idParams,
          payload: organisationPayload.fork(['code', 'name'], (s) => s.optional()).min(1),
        },
      },
      handler: async (request) => {
        deps.authz.assert(principalOf(request), PERMISSIONS.organisations);
        const { id } = request.params as { id: string };
        await find(id);
        await deps.store().saveOrganisation(request.payload as OrganisationInput, id);
        return find(id);
      },
    },
    {
      method: 'GET',
      path: '/stats',
      options: { description: "The portal's key figures for the home page" },
      handler: () => deps.stats(),
    },
  ];
}
