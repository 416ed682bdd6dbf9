/**
 * A stand-in for auth-sso that honours its contract (default strategy in mode `try`,
 * `credentials` a Principal with `scope` = roles, `declarePermissions`, `can`/`assert`), so the
 * catalog and domains tests run without the real single sign-on. The user travels in a header.
 */
import { Boom, definePlugin, SyncHook } from '@kaifang/sdk';

export interface FakePrincipal {
  userId: string;
  loginName: string;
  roles: string[];
  organisationId?: string;
  scope: string[];
}

interface Permission {
  name: string;
  roles: string[];
  organisationScoped?: boolean;
}

const HEADER = 'x-fake-user';

function createHooks() {
  return {
    declarePermissions: new SyncHook<[{ declare(permission: Permission & object): void }]>([
      'registry',
    ]),
  };
}

export const fakeAuth = definePlugin<object, unknown, ReturnType<typeof createHooks>>({
  name: 'auth-sso',
  version: '0.1.0',
  kernel: '^0.1.0',
  hooks: createHooks,
  register(ctx) {
    ctx.http.server.auth.scheme('fake', () => ({
      authenticate: (request, h) => {
        const raw = request.headers[HEADER];
        if (!raw) throw Boom.unauthorized('sign in first', 'fake');
        const principal = JSON.parse(String(raw)) as FakePrincipal;
        return h.authenticated({ credentials: { ...principal, scope: principal.roles } });
      },
    }));
    ctx.http.server.auth.strategy('fake', 'fake');
    ctx.http.server.auth.default({ strategy: 'fake', mode: 'try' });
  },
  start(ctx) {
    const permissions = new Map<string, Permission>();
    (ctx as unknown as { pluginHooks: Record<string, ReturnType<typeof createHooks>> }).pluginHooks[
      'auth-sso'
    ]!.declarePermissions.call({ declare: (p) => permissions.set(p.name, p) });
    const can = (
      principal: FakePrincipal | undefined,
      name: string,
      target: { organisationId?: string } = {},
    ): boolean => {
      const permission = permissions.get(name);
      if (!principal || !permission) return false;
      if (principal.roles.includes('platform-admin') && permission.roles.includes('platform-admin'))
        return true;
      return permission.roles.some(
        (role) =>
          principal.roles.includes(role) &&
          (!permission.organisationScoped ||
            role === 'platform-admin' ||
            (target.organisationId !== undefined &&
              target.organisationId === principal.organisationId)),
      );
    };
    return {
      can,
      assert(
        principal: FakePrincipal | undefined,
        name: string,
        target?: { organisationId?: string },
      ) {
        if (!can(principal, name, target)) throw Boom.forbidden(`missing permission ${name}`);
      },
      permissions: () => [...permissions.keys()],
    };
  },
});

let counter = 0;

/** Request headers that sign in as a user with `roles` (and an organisation). */
export function as(
  roles: string[],
  organisationId?: string,
): { headers: Record<string, string>; principal: FakePrincipal } {
  counter += 1;
  const principal: FakePrincipal = {
    userId: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    loginName: `user${counter}`,
    roles,
    scope: roles,
    ...(organisationId ? { organisationId } : {}),
  };
  return { headers: { [HEADER]: JSON.stringify(principal) }, principal };
}
