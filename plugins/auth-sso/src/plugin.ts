import { randomBytes } from 'node:crypto';
import { definePlugin } from '@kaifang/sdk';
import { type AuthApi, summarise } from './api.ts';
import type { AuthDeps } from './deps.ts';
import { passwordProblem } from './domain/password.ts';
import { UserSchema } from './entities/user.ts';
import { type AuthHooks, createAuthHooks } from './hooks.ts';
import { registerCsrf } from './http/csrf.ts';
import { registerSessionAuth } from './http/session-scheme.ts';
import { CreateAuth } from './migrations/0001-create-auth.ts';
import { SessionSsoLogout } from './migrations/0002-session-sso-logout.ts';
import { type AuthOptions, optionsSchema } from './options.ts';
import { assertCan, can, PermissionRegistry } from './permissions.ts';
import { adminRoutes } from './routes/admin.ts';
import { authRoutes } from './routes/auth.ts';
import { meRoutes } from './routes/me.ts';
import { SSO_COOKIE, ssoRoutes } from './routes/sso.ts';
import { Accounts } from './services/accounts.ts';
import { AuditLog } from './services/audit.ts';
import { sharedSecret } from './services/secrets.ts';
import { SessionStore } from './services/sessions.ts';
import { sqlOf } from './services/sql.ts';
import { LoginThrottle } from './services/throttle.ts';
import { principalFromUser, UserService } from './services/users.ts';
import { SsoRegistry } from './sso/registry.ts';
import { authPages } from './ui/pages.ts';

export type { AuthApi, UserSummary } from './api.ts';
export {
  type IdNumberProblem,
  idCheckCharacter,
  idNumberProblem,
} from './domain/id-number.ts';
export type { AuthHooks } from './hooks.ts';
export type { AuthOptions, ShandongProviderOptions, SsoProviderOptions } from './options.ts';
export type { PermissionDeclaration, PermissionRegistry, PermissionTarget } from './permissions.ts';
export {
  type Principal,
  principalOf,
  ROLES,
  type Role,
  type RouteAuth,
  requireRole,
  requireUser,
  requireVerified,
} from './principal.ts';
export type { SsoAdapter, SsoIdentity } from './sso/adapter.ts';

declare module '@kaifang/kernel' {
  interface PluginApis {
    'auth-sso': AuthApi;
  }
  interface PluginHooks {
    'auth-sso': AuthHooks;
  }
  interface KernelEvents {
    /** A platform admin completed a deletion request: erase what you hold about this user. */
    'auth-sso.user-deleted': { userId: string };
    /** The user stopped (or resumed) processing of their data. */
    'auth-sso.processing-changed': { userId: string; stopped: boolean };
  }
}

// One set of services per kernel: register builds them, start finishes them (database I/O).
const instances = new WeakMap<object, AuthDeps>();

/**
 * The services of the auth-sso instance running on a hapi server. Internal: for this
 * plugin's test helpers (`@kaifang/plugin-auth-sso/testing`), not for other plugins.
 */
export function authServicesOf(server: object): AuthDeps {
  const deps = instances.get(server);
  if (!deps) throw new Error('auth-sso is not registered on this server');
  return deps;
}

export default definePlugin<AuthOptions, AuthApi, AuthHooks>({
  name: 'auth-sso',
  version: '0.1.0',
  kernel: '^0.1.0',
  description:
    'Accounts, sessions, CSRF, roles and permissions, single sign-on and personal-data rights (U1–U5)',
  config: optionsSchema,
  entities: [UserSchema],
  migrations: [
    { name: '0001_create_auth', class: CreateAuth },
    { name: '0002_session_sso_logout', class: SessionSsoLogout },
  ],
  hooks: createAuthHooks,
  ui: { pages: authPages },

  async register(ctx) {
    const options = ctx.config;
    const sql = sqlOf(ctx.db);
    const users = new UserService(ctx.db, ctx.clock);
    const sessions = new SessionStore(sql, ctx.clock, options.session);
    const audit = new AuditLog(sql, ctx.clock);
    const throttle = new LoginThrottle(sql, ctx.clock);
    const permissions = new PermissionRegistry();
    const deps: AuthDeps = {
      options,
      clock: ctx.clock,
      events: ctx.events,
      users,
      sessions,
      audit,
      permissions,
      sso: new SsoRegistry(options.sso, options.publicUrl),
      accounts: new Accounts({
        users,
        sessions,
        throttle,
        audit,
        limits: options.limits,
      }),
    };
    instances.set(ctx.http.server, deps);

    const server = ctx.http.server;
    // The strategy and its default must exist before any plugin that requires us adds routes.
    registerSessionAuth(server, { sessions, users, secure: options.cookieSecure });
    await registerCsrf(server, { secure: options.cookieSecure, publicUrl: options.publicUrl });
    server.state(SSO_COOKIE, {
      encoding: 'none',
      isHttpOnly: true,
      isSecure: options.cookieSecure,
      isSameSite: 'Lax',
      path: `${ctx.http.prefix}/auth/sso`,
      ttl: 10 * 60 * 1000,
      ignoreErrors: true,
      clearInvalid: true,
    });

    ctx.http.route([
      ...authRoutes(deps),
      ...meRoutes(deps),
      ...adminRoutes(deps, sql),
      ...ssoRoutes(deps, sql, ctx.http.prefix),
    ]);
  },

  async start(ctx) {
    const deps = instances.get(ctx.http.server)!;
    const sql = sqlOf(ctx.db);
    deps.sessions.setPassword(
      ctx.config.cookiePassword ?? (await sharedSecret(sql, ctx.clock, 'session-cookie-password')),
    );
    await ensureAdmin(ctx.config, deps, ctx.logger);
    // Every plugin's register (where they tap declarePermissions) has run before any start.
    ctx.pluginHooks['auth-sso']!.declarePermissions.call(deps.permissions);
    const { permissions, users } = deps;
    return {
      can: (principal, permission, target) => can(permissions, principal, permission, target),
      assert: (principal, permission, target) =>
        assertCan(permissions, principal, permission, target),
      permissions: () => permissions.list(),
      getUser: async (id) => {
        const user = await users.get(id);
        return user ? summarise(user) : null;
      },
      principalFor: async (userId) => {
        const user = await users.get(userId);
        return user?.status === 'active' ? principalFromUser(user) : null;
      },
      findUsersByRole: async (role, organisationId) => {
        const { items } = await users.find({
          role,
          organisationId,
          status: 'active',
          limit: 1000,
          offset: 0,
        });
        return items.map(summarise);
      },
      processingStopped: async (userId) => {
        const user = await users.get(userId);
        return user ? user.processingStoppedAt !== null : false;
      },
      createUser: async (input) => summarise(await users.create(input)),
    };
  },
});

/** The first platform admin: created once; a generated password is printed once, never logged. */
async function ensureAdmin(
  options: AuthOptions,
  deps: AuthDeps,
  logger: { info(obj: object, msg: string): void },
): Promise<void> {
  const [row] = await deps.users
    .em()
    .getConnection()
    .execute<{ n: number }[]>(
      `select count(*)::int as n from auth_sso_user where 'platform-admin' = any(roles) and status = 'active'`,
    );
  if ((row?.n ?? 0) > 0) return;
  if (await deps.users.byLoginName(options.admin.loginName)) return;
  const generated = options.admin.password === undefined;
  const password = options.admin.password ?? `Kf-${randomBytes(12).toString('base64url')}`;
  const problem = passwordProblem(password, options.admin.loginName);
  if (problem) {
    throw new Error(
      `the first admin's password (KAIFANG_ADMIN_PASSWORD or admin.password) ${problem}; choose a stronger one`,
    );
  }
  const admin = await deps.users.create({
    loginName: options.admin.loginName,
    password,
    realName: '平台管理员',
    roles: ['platform-admin'],
  });
  await deps.audit.record({
    event: 'admin-created',
    subjectId: admin.id,
    loginName: admin.loginName,
  });
  logger.info({ loginName: admin.loginName }, 'created the first platform admin');
  if (generated) {
    // Straight to the terminal, not the logger: log files must not hold a password.
    process.stdout.write(
      `\n  auth-sso: first platform admin '${admin.loginName}' created with password: ${password}\n` +
        '  Log in and change it now; it will not be shown again (set KAIFANG_ADMIN_PASSWORD to choose it).\n\n',
    );
  }
}
