import type { AuthApi, PermissionRegistry, Principal } from '@kaifang/plugin-auth-sso';
import { Boom } from '@kaifang/sdk';
import type { Viewer } from './search/port.ts';

export const PERMISSIONS = {
  edit: 'catalog.dataset.edit',
  publish: 'catalog.dataset.publish',
  organisations: 'catalog.organisation.manage',
} as const;

export function declareCatalogPermissions(registry: PermissionRegistry): void {
  registry.declare({
    name: PERMISSIONS.edit,
    description: {
      zh: '创建、编辑和删除本部门的数据集',
      en: "Create, edit and delete the organisation's datasets",
    },
    roles: ['provider-admin', 'platform-admin'],
    organisationScoped: true,
  });
  registry.declare({
    name: PERMISSIONS.publish,
    description: {
      zh: '发布或撤回本部门的数据集',
      en: "Publish or withdraw the organisation's datasets",
    },
    roles: ['provider-admin', 'platform-admin'],
    organisationScoped: true,
  });
  registry.declare({
    name: PERMISSIONS.organisations,
    description: { zh: '管理数据提供部门', en: 'Manage data-providing organisations' },
    roles: ['platform-admin'],
  });
}

/** Object-level permission checks: auth-sso decides, the catalog words the refusal. */
export class Authorizer {
  constructor(private readonly auth: () => AuthApi) {}

  can(principal: Principal | undefined, permission: string, organisationId?: string): boolean {
    return this.auth().can(principal, permission, { organisationId });
  }

  assert(principal: Principal | undefined, permission: string, organisationId?: string): void {
    if (!principal) throw Boom.unauthorized('sign in to change the catalogue');
    if (!this.can(principal, permission, organisationId)) {
      throw Boom.forbidden(
        organisationId
          ? `you may not ${permission === PERMISSIONS.publish ? 'publish' : 'change'} datasets of organisation ${organisationId}; only its provider admins and platform admins may`
          : `you lack the permission ${permission}`,
      );
    }
  }

  /** What `principal` may do with datasets of one organisation (the detail's `can`). */
  datasetRights(
    principal: Principal | undefined,
    organisationId: string,
  ): { edit: boolean; publish: boolean } {
    const edit = this.can(principal, PERMISSIONS.edit, organisationId);
    // Publishing is an edit too: the routes check both, so the answer never says more.
    return { edit, publish: edit && this.can(principal, PERMISSIONS.publish, organisationId) };
  }

  /**
   * The organisation filter of a publisher's list (`editable=true`): `undefined` when the
   * principal may edit every organisation's datasets, else the requested organisations (all
   * of which must be theirs) or their own. Guests get a 401 and users without the right a 403,
   * so the list never pretends an empty catalogue to someone who cannot manage one.
   */
  editableScope(principal: Principal | undefined, requested?: string[]): string[] | undefined {
    if (!principal)
      throw Boom.unauthorized(
        'sign in as a provider or platform admin to list the datasets you manage',
      );
    // No target organisation: only a right that is not organisation-bound answers yes.
    if (this.can(principal, PERMISSIONS.edit)) return requested;
    const own = principal.organisationId;
    if (!own || !this.can(principal, PERMISSIONS.edit, own))
      throw Boom.forbidden(
        'only provider admins and platform admins manage datasets; you may not edit any',
      );
    const foreign = (requested ?? []).filter((id) => id !== own);
    if (foreign.length > 0)
      throw Boom.forbidden(
        `you may not manage datasets of organisation ${foreign.join(', ')}; only of ${own}`,
      );
    return [own];
  }

  /** Which unpublished datasets this principal may see in lists. */
  viewerOf(principal: Principal | undefined): Viewer {
    if (principal?.roles.includes('platform-admin')) return { kind: 'platform' };
    if (principal?.roles.includes('provider-admin') && principal.organisationId)
      return { kind: 'organisation', organisationId: principal.organisationId };
    return { kind: 'public' };
  }
}
