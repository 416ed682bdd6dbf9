import type { Request } from '@kaifang/sdk';

/** The signed-in user as auth-sso puts it on `request.auth.credentials`. */
export interface Principal {
  userId: string;
  loginName: string;
  realName?: string;
  roles: string[];
  organisationId?: string;
  scope: string[];
}

/** Who is asking, or undefined for a guest. */
export function principalOf(request: Request): Principal | undefined {
  const credentials = request.auth.credentials as Partial<Principal> | null | undefined;
  if (!request.auth.isAuthenticated || !credentials?.userId) return undefined;
  return credentials as Principal;
}

/** The slice of auth-sso's permission registry this plugin uses (its hook `declarePermissions`). */
export interface PermissionRegistry {
  declare(permission: {
    name: string;
    description: { zh: string; en: string };
    roles: string[];
    organisationScoped?: boolean;
  }): void;
}

/** Route options: a signed-in platform admin only (hapi checks `credentials.scope`). */
export const PLATFORM_ADMIN_ONLY: { mode: 'required'; access: { scope: string[] } } = {
  mode: 'required',
  access: { scope: ['platform-admin'] },
};
