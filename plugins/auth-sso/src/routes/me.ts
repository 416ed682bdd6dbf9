import { Boom, Joi, type ServerRoute } from '@kaifang/sdk';
import { type AuthDeps, clientIp } from '../deps.ts';
import type { User } from '../entities/user.ts';
import { principalOf, requireUser } from '../principal.ts';
import { assertIdNumber } from './auth.ts';
import { fields } from './fields.ts';
import { ownProfile } from './views.ts';

type ProfilePatch = Partial<
  Pick<User, 'realName' | 'idNumber' | 'gender' | 'mobile' | 'email' | 'industry' | 'occupation'>
>;

/** Changing who one is invalidates a real-name check made for the old identity. */
const IDENTITY_FIELDS = new Set(['realName', 'idNumber']);

async function currentUser(deps: AuthDeps, userId: string): Promise<User> {
  const user = await deps.users.get(userId);
  if (!user) throw Boom.unauthorized('log in first');
  return user;
}

/** U3: every route here acts on the logged-in user only; no id is ever taken from the client. */
export function meRoutes(deps: AuthDeps): ServerRoute[] {
  return [
    {
      method: 'GET',
      path: '/me',
      options: {
        description: 'One’s own profile, unmasked, with consent and data-rights state',
        tags: ['me'],
        auth: requireUser(),
      },
      handler: async (request, h) =>
        h
          .response(ownProfile(await currentUser(deps, principalOf(request)!.userId)))
          .header('cache-control', 'no-store'),
    },
    {
      method: 'PATCH',
      path: '/me',
      options: {
        description: 'Update, supplement or correct one’s own profile (U3)',
        tags: ['me'],
        auth: requireUser(),
        validate: {
          payload: Joi.object<ProfilePatch>({
            realName: fields.realName,
            idNumber: fields.idNumber,
            gender: fields.gender,
            mobile: fields.mobile.allow(null),
            email: fields.email.allow(null),
            industry: fields.industry.allow(null),
            occupation: fields.occupation.allow(null),
          })
            .min(1)
            .messages({ 'object.min': 'send at least one field to change' }),
        },
      },
      handler: async (request) => {
        const principal = principalOf(request)!;
        const patch = { ...(request.payload as ProfilePatch) };
        if (patch.idNumber) assertIdNumber(patch.idNumber, deps.clock.now());
        if (patch.industry === '') patch.industry = null;
        if (patch.occupation === '') patch.occupation = null;
        const before = await currentUser(deps, principal.userId);
        const identityChanged = Object.keys(patch).some(
          (key) =>
            IDENTITY_FIELDS.has(key) &&
            patch[key as keyof ProfilePatch] !== before[key as keyof ProfilePatch],
        );
        const roles = identityChanged
          ? before.roles.filter((role) => role !== 'verified')
          : undefined;
        const { user, changed } = await deps.users.update(principal.userId, { ...patch, roles });
        if (changed.length > 0) {
          await deps.audit.record({
            event: 'profile-updated',
            actorId: user.id,
            subjectId: user.id,
            loginName: user.loginName,
            ip: clientIp(request, deps.options.trustedProxies),
            // Field names only: the values may be an ID number or a mobile.
            detail: { fields: changed },
          });
        }
        return ownProfile(user);
      },
    },
    {
      method: 'POST',
      path: '/me/consent',
      options: {
        description:
          'Accept the current user agreement and privacy notice (SSO accounts, or after the notice changed)',
        tags: ['me'],
        auth: requireUser(),
        validate: {
          payload: Joi.object({
            acceptAgreement: Joi.boolean().valid(true).required().messages({
              'any.only': '"acceptAgreement" must be true to record consent',
            }),
            privacyNoticeVersion: Joi.string().max(40).required(),
          }),
        },
      },
      handler: async (request) => {
        const principal = principalOf(request)!;
        const { privacyNoticeVersion } = request.payload as { privacyNoticeVersion: string };
        const { options } = deps;
        if (privacyNoticeVersion !== options.privacyNoticeVersion) {
          throw Boom.conflict(
            `"privacyNoticeVersion" ${privacyNoticeVersion} is not the current notice (${options.privacyNoticeVersion}); reload and read it again`,
          );
        }
        const now = deps.clock.now();
        const { user } = await deps.users.update(principal.userId, {
          agreementVersion: options.agreementVersion,
          agreementAcceptedAt: now,
          privacyNoticeVersion: options.privacyNoticeVersion,
          privacyConsentedAt: now,
        });
        await deps.audit.record({
          event: 'consent-given',
          actorId: user.id,
          subjectId: user.id,
          loginName: user.loginName,
          ip: clientIp(request, deps.options.trustedProxies),
          detail: {
            agreementVersion: options.agreementVersion,
            privacyNoticeVersion: options.privacyNoticeVersion,
          },
        });
        return ownProfile(user);
      },
    },
    {
      method: 'GET',
      path: '/me/export',
      options: {
        description: 'Download everything the platform holds about oneself as JSON (U3)',
        tags: ['me'],
        auth: requireUser(),
      },
      handler: async (request, h) => {
        const user = await currentUser(deps, principalOf(request)!.userId);
        const history = await deps.audit.find({ userId: user.id, limit: 1000, offset: 0 });
        await deps.audit.record({
          event: 'data-exported',
          actorId: user.id,
          subjectId: user.id,
          loginName: user.loginName,
          ip: clientIp(request, deps.options.trustedProxies),
        });
        const body = {
          exportedAt: deps.clock.now(),
          platform: 'Kaifang auth-sso',
          profile: ownProfile(user),
          accountHistory: history.items.map(({ at, event, ip, detail }) => ({
            at,
            event,
            ip,
            detail,
          })),
        };
        const day = deps.clock.now().toISOString().slice(0, 10);
        return h
          .response(JSON.stringify(body, null, 2))
          .type('application/json; charset=utf-8')
          .header('content-disposition', `attachment; filename="my-data-${day}.json"`)
          .header('cache-control', 'no-store');
      },
    },
    {
      method: 'POST',
      path: '/me/deletion-request',
      options: {
        description:
          'Ask for one’s account and personal data to be deleted; a platform admin completes it',
        tags: ['me'],
        auth: requireUser(),
        validate: {
          payload: Joi.object({ reason: Joi.string().trim().max(500).allow('') }).allow(null),
        },
      },
      handler: async (request, h) => {
        const principal = principalOf(request)!;
        const before = await currentUser(deps, principal.userId);
        if (before.deletionRequestedAt) return h.response(ownProfile(before)).code(202);
        const { user } = await deps.users.update(principal.userId, {
          deletionRequestedAt: deps.clock.now(),
        });
        const reason = (request.payload as { reason?: string } | null)?.reason;
        await deps.audit.record({
          event: 'deletion-requested',
          actorId: user.id,
          subjectId: user.id,
          loginName: user.loginName,
          ip: clientIp(request, deps.options.trustedProxies),
          detail: reason ? { reason } : {},
        });
        return h.response(ownProfile(user)).code(202);
      },
    },
    {
      method: 'DELETE',
      path: '/me/deletion-request',
      options: {
        description: 'Withdraw one’s deletion request before an admin completes it',
        tags: ['me'],
        auth: requireUser(),
      },
      handler: async (request) => {
        const { user } = await deps.users.update(principalOf(request)!.userId, {
          deletionRequestedAt: null,
        });
        return ownProfile(user);
      },
    },
    {
      method: 'PUT',
      path: '/me/processing-stop',
      options: {
        description:
          'Ask the platform to stop (or resume) processing one’s data: notices, surveys and statistics honour it (U3)',
        tags: ['me'],
        auth: requireUser(),
        validate: { payload: Joi.object({ stopped: Joi.boolean().required() }) },
      },
      handler: async (request) => {
        const principal = principalOf(request)!;
        const { stopped } = request.payload as { stopped: boolean };
        const before = await currentUser(deps, principal.userId);
        if ((before.processingStoppedAt !== null) === stopped) return ownProfile(before);
        const { user } = await deps.users.update(principal.userId, {
          processingStoppedAt: stopped ? deps.clock.now() : null,
        });
        await deps.audit.record({
          event: stopped ? 'processing-stopped' : 'processing-resumed',
          actorId: user.id,
          subjectId: user.id,
          loginName: user.loginName,
          ip: clientIp(request, deps.options.trustedProxies),
        });
        await deps.events.emit('auth-sso.processing-changed', { userId: user.id, stopped });
        return ownProfile(user);
      },
    },
  ];
}
