import type { PluginContext, Request } from '@kaifang/sdk';

/**
 * The slice of the auth-sso contract this plugin uses, written out here so the review plugin
 * depends on the contract rather than on auth-sso's source: a structural type keeps working
 * whichever way auth-sso types its own API.
 */
export type Role = 'user' | 'verified' | 'provider-admin' | 'platform-admin';

export interface Principal {
  userId: string;
  loginName: string;
  realName: string;
  roles: Role[];
  organisationId?: string;
  scope: string[];
}

export interface AuthUser {
  id: string;
  email?: string | null;
  realName?: string | null;
  loginName?: string;
  organisationId?: string | null;
}

export interface AuthPort {
  getUser(id: string): Promise<AuthUser | undefined | null>;
  findUsersByRole(role: Role, organisationId?: string): Promise<AuthUser[]>;
  /** Throws Boom 401 (guest) or 403 naming the permission unless the principal holds it. */
  assert(
    principal: Principal | undefined,
    permission: string,
    target?: { organisationId?: string },
  ): void;
  /** True when the user asked that processing of their personal data stop (PIPL art. 47). */
  processingStopped(userId: string): Promise<boolean>;
}

export interface PermissionRegistry {
  declare(permission: {
    name: string;
    description: { zh: string; en: string };
    roles: Role[];
    organisationScoped: boolean;
  }): void;
}

interface AuthHooksPort {
  declarePermissions?: { tap(name: string, fn: (registry: PermissionRegistry) => void): void };
}

export const AUTH_PLUGIN = 'auth-sso';

/** auth-sso's API (from start on). */
export function authApi(ctx: PluginContext<object>): AuthPort {
  const api = (ctx.plugins as Record<string, unknown>)[AUTH_PLUGIN] as AuthPort | undefined;
  if (!api) throw new Error(`the review plugin needs the '${AUTH_PLUGIN}' plugin's API`);
  return api;
}

/** auth-sso's hooks (from register on); undefined if it offers none. */
export function authHooks(ctx: PluginContext<object>): AuthHooksPort | undefined {
  return (ctx.pluginHooks as Record<string, unknown>)[AUTH_PLUGIN] as AuthHooksPort | undefined;
}

/** The signed-in principal of a request, if any. */
export function principalOf(request: Request): Principal | undefined {
  if (!request.auth.isAuthenticated) return undefined;
  return request.auth.credentials as unknown as Principal;
}
