import { Boom, Joi, type Request, type ServerRoute } from '@kaifang/sdk';
import { type AuthDeps, clientIp } from '../deps.ts';
import { type Principal, principalOf, ROLES, type Role, requireRole } from '../principal.ts';
import { AUDIT_EVENTS, type AuditEvent } from '../services/audit.ts';
import { eraseUser } from '../services/erasure.ts';
import type { Sql } from '../services/sql.ts';
import { normaliseRoles } from '../services/users.ts';
import { maskedProfile } from './views.ts';

const userId = Joi.object({ id: Joi.string().uuid().required() });
const page = {
  limit: Joi.number().integer().min(1).max(200).default(50),
  offset: Joi.number().integer().min(0).default(0),
};

/** Platform-admin screens: users, roles, account status, deletion requests, the audit log. */
export function adminRoutes(deps: AuthDeps, sql: Sql): ServerRoute[] {
  const target = async (id: string) => {
    const user = await deps.users.get(id);
    if (!user) throw Boom.notFound(`no user with id ${id}`);
    return user;
  };
  const audit = (request: Request, actor: Principal) => ({
    actorId: actor.userId,
    ip: clientIp(request, deps.options.trustedProxies),
  });
  return [
    {
      method: 'GET',
      path: '/auth/admin/users',
      options: {
        description: 'Users, filtered; ID numbers and mobiles masked',
        tags: ['auth-admin'],
        auth: requireRole('platform-admin'),
        validate: {
          query: Joi.object({
            role: Joi.string().valid(...ROLES),
            organisationId: Joi.string().max(64),
            status: Joi.string().valid('active', 'disabled', 'deleted'),
            deletionRequested: Joi.boolean(),
            q: Joi.string().trim().max(64),
            ...page,
          }),
        },
      },
      handler: async (request) => {
        const query = request.query as Parameters<AuthDeps['users']['find']>[0];
        const { items, total } = await deps.users.find(query);
        return { items: items.map(maskedProfile), total };
      },
    },
    {
      method: 'GET',
      path: '/auth/admin/users/{id}',
      options: {
        description: 'One user; ID number and mobile masked',
        tags: ['auth-admin'],
        auth: requireRole('platform-admin'),
        validate: { params: userId },
      },
      handler: async (request) =>
        maskedProfile(await target((request.params as { id: string }).id)),
    },
    {
      method: 'PUT',
      path: '/auth/admin/users/{id}/roles',
      options: {
        description: 'Set a user’s roles; a provider admin needs the organisation they administer',
        tags: ['auth-admin'],
        auth: requireRole('platform-admin'),
        validate: {
          params: userId,
          payload: Joi.object({
            roles: Joi.array()
              .items(Joi.string().valid(...ROLES))
              .unique()
              .required(),
            organisationId: Joi.string().trim().max(64).allow(null),
          }),
        },
      },
      handler: async (request) => {
        const actor = principalOf(request)!;
        const { id } = request.params as { id: string };
        const payload = request.payload as { roles: Role[]; organisationId?: string | null };
        const before = await target(id);
        if (before.status === 'deleted')
          throw Boom.conflict('this account was deleted; roles cannot change');
        const roles = normaliseRoles(payload.roles);
        const organisationId = roles.includes('provider-admin')
          ? (payload.organisationId ?? before.organisationId)
          : null;
        if (roles.includes('provider-admin') && !organisationId) {
          throw Boom.badRequest('"organisationId" is required for the provider-admin role');
        }
        if (id === actor.userId && !roles.includes('platform-admin')) {
          throw Boom.conflict('you cannot remove your own platform-admin role; ask another admin');
        }
        const { user, changed } = await deps.users.update(id, { roles, organisationId });
        if (changed.length > 0) {
          await deps.audit.record({
            event: 'roles-changed',
            ...audit(request, actor),
            subjectId: id,
            loginName: user.loginName,
            detail: {
              from: before.roles,
              to: user.roles,
              organisationId: user.organisationId,
            },
          });
        }
        return maskedProfile(user);
      },
    },
    {
      method: 'PUT',
      path: '/auth/admin/users/{id}/status',
      options: {
        description: 'Disable (ends every session) or re-enable an account',
        tags: ['auth-admin'],
        auth: requireRole('platform-admin'),
        validate: {
          params: userId,
          payload: Joi.object({ status: Joi.string().valid('active', 'disabled').required() }),
        },
      },
      handler: async (request) => {
        const actor = principalOf(request)!;
        const { id } = request.params as { id: string };
        const { status } = request.payload as { status: 'active' | 'disabled' };
        const before = await target(id);
        if (before.status === 'deleted')
          throw Boom.conflict('this account was deleted and stays so');
        if (id === actor.userId) throw Boom.conflict('you cannot disable your own account');
        const { user, changed } = await deps.users.update(id, { status });
        if (changed.length > 0) {
          const ended = status === 'disabled' ? await deps.sessions.endAll(id, 'disabled') : 0;
          await deps.audit.record({
            event: 'status-changed',
            ...audit(request, actor),
            subjectId: id,
            loginName: user.loginName,
            detail: { from: before.status, to: status, sessionsEnded: ended },
          });
        }
        return maskedProfile(user);
      },
    },
    {
      method: 'POST',
      path: '/auth/admin/users/{id}/deletion',
      options: {
        description:
          'Complete a user’s deletion request: personal data erased, login blocked, sessions ended',
        tags: ['auth-admin'],
        auth: requireRole('platform-admin'),
        validate: { params: userId },
      },
      handler: async (request) => {
        const actor = principalOf(request)!;
        const { id } = request.params as { id: string };
        const before = await target(id);
        if (before.status === 'deleted') return maskedProfile(before);
        if (!before.deletionRequestedAt) {
          throw Boom.conflict(
            'this user has not requested deletion; disable the account instead (PUT .../status)',
          );
        }
        const anonymous = await eraseUser({ sql, clock: deps.clock, sessions: deps.sessions }, id);
        await deps.audit.record({
          event: 'deletion-completed',
          ...audit(request, actor),
          subjectId: id,
          loginName: anonymous,
        });
        await deps.events.emit('auth-sso.user-deleted', { userId: id });
        return maskedProfile(await target(id));
      },
    },
    {
      method: 'GET',
      path: '/auth/admin/audit',
      options: {
        description: 'The auth audit log, newest first, filtered by event, user and time',
        tags: ['auth-admin'],
        auth: requireRole('platform-admin'),
        validate: {
          query: Joi.object({
            event: Joi.string().valid(...AUDIT_EVENTS),
            userId: Joi.string().uuid(),
            from: Joi.date().iso(),
            to: Joi.date().iso(),
            ...page,
          }),
        },
      },
      handler: async (request) =>
        deps.audit.find(
          request.query as {
            event?: AuditEvent;
            userId?: string;
            from?: Date;
            to?: Date;
            limit: number;
            offset: number;
          },
        ),
    },
    {
      method: 'GET',
      path: '/auth/permissions',
      options: {
        description: 'Every permission the running plugins declared, with the roles that hold it',
        tags: ['auth-admin'],
        auth: requireRole('platform-admin'),
      },
      handler: () => ({ items: deps.permissions.list() }),
    },
  ];
}
