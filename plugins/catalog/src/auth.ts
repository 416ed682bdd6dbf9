import { Boom, type Request } from '@kaifang/sdk';
import type { Viewer } from './search/port.ts';

/** The signed-in user as auth-sso puts it on `request.auth.credentials`. */
export interface Principal {
  userId: string;
  loginName: string;
  realName?: string;
  roles: string[];
  organisationId?: string;
  scope: string[];
}

export function principalOf(request: Request): Principal | undefined {
  const credentials = request.auth.credentials as Partial<Principal> | null | undefined;
  if (!request.auth.isAuthenticated || !credentials?.userId) return undefined;
  return credentials as Principal;
}

/** The slice of auth-sso's API the catalog uses (typed here so the catalog builds without it). */
export interface AuthPort {
  can(
    principal: Principal | undefined,
    permission: string,
    target?: { organisationId?: string },
  ): boolean | Promise<boolean>;
}

export interface PermissionRegistry {
  declare(permission: {
    name: string;
    description: { zh: string; en: string };
    roles: string[];
    organisationScoped?: boolean;
  }): void;
}

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

/**
 * Object-level permission checks. auth-sso decides; the local rule is only used when it
 * offers no `can` (so a broken wiring refuses, it never opens up more than the roles allow).
 */
export class Authorizer {
  constructor(private readonly port: () => AuthPort | undefined) {}

  async can(
    principal: Principal | undefined,
    permission: string,
    organisationId?: string,
  ): Promise<boolean> {
    if (!principal) return false;
    const port = this.port();
    if (port?.can) return Boolean(await port.can(principal, permission, { organisationId }));
    if (principal.roles.includes('platform-admin')) return true;
    return (
      permission !== PERMISSIONS.organisations &&
      principal.roles.includes('provider-admin') &&
      !!organisationId &&
      principal.organisationId === organisationId
    );
  }

  async assert(
    principal: Principal | undefined,
    permission: string,
    organisationId?: string,
  ): Promise<void> {
    if (!principal) throw Boom.unauthorized('sign in to change the catalogue');
    if (!(await this.can(principal, permission, organisationId))) {
      throw Boom.forbidden(
        organisationId
          ? `you may not ${permission === PERMISSIONS.publish ? 'publish' : 'change'} datasets of organisation ${organisationId}; only its provider admins and platform admins may`
          : `you lack the permission ${permission}`,
      );
    }
  }

  /** Which unpublished datasets this principal may see in lists. */
  viewerOf(principal: Principal | undefined): Viewer {
    if (principal?.roles.includes('platform-admin')) return { kind: 'platform' };
    if (principal?.roles.includes('provider-admin') && principal.organisationId)
      return { kind: 'organisation', organisationId: principal.organisationId };
    return { kind: 'public' };
  }
}
