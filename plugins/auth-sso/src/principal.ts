import type { Request, ServerRoute } from '@kaifang/sdk';

/** The roles of the portal; `guest` is simply "no principal". */
export const ROLES = ['user', 'verified', 'provider-admin', 'platform-admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who is logged in: `request.auth.credentials` on every route when the session is valid. */
export interface Principal {
  userId: string;
  loginName: string;
  realName: string;
  roles: Role[];
  /** Set for provider admins: the organisation they administer. */
  organisationId?: string;
  /** hapi's scope: the roles, plus `org:<organisationId>` for provider admins. */
  scope: string[];
}

export function scopeOf(roles: readonly Role[], organisationId?: string | null): string[] {
  const scope: string[] = [...roles];
  if (organisationId && roles.includes('provider-admin')) scope.push(`org:${organisationId}`);
  return scope;
}

/** The principal of a request, or undefined for a guest (hapi types credentials loosely). */
export function principalOf(request: Request): Principal | undefined {
  if (!request.auth.isAuthenticated || request.auth.strategy !== 'session') return undefined;
  return request.auth.credentials as unknown as Principal;
}

// The SDK does not re-export hapi's RouteOptions; derive it from ServerRoute.
type RouteOptions = Exclude<NonNullable<ServerRoute['options']>, (...args: never[]) => unknown>;
export type RouteAuth = Exclude<NonNullable<RouteOptions['auth']>, string | false>;

/** Route `auth` for "any logged-in user". */
export function requireUser(): RouteAuth {
  return { mode: 'required' };
}

/** Route `auth` for "a real-name verified user". */
export function requireVerified(): RouteAuth {
  return { mode: 'required', access: { scope: ['verified'] } };
}

/** Route `auth` for "one of these roles" (any of them suffices). */
export function requireRole(...roles: [Role, ...Role[]]): RouteAuth {
  return { mode: 'required', access: { scope: [...roles] } };
}
