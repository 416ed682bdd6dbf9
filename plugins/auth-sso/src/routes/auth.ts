import { randomBytes } from 'node:crypto';
import { Boom, Joi, type ServerRoute } from '@kaifang/sdk';
import { type AuthDeps, clientIp, sessionIdOf } from '../deps.ts';
import { idNumberProblem } from '../domain/id-number.ts';
import { passwordProblem } from '../domain/password.ts';
import { PRE_SESSION_WRITE } from '../http/csrf.ts';
import { CSRF_COOKIE, SESSION_COOKIE } from '../http/session-scheme.ts';
import { type Principal, principalOf, requireUser } from '../principal.ts';
import { principalFromUser } from '../services/users.ts';
import { fields } from './fields.ts';
import { ownProfile } from './views.ts';

interface RegisterPayload {
  loginName: string;
  password: string;
  realName: string;
  idNumber: string;
  gender: 'male' | 'female' | 'unspecified';
  mobile: string;
  email: string;
  industry?: string;
  occupation?: string;
  acceptAgreement: true;
  privacyNoticeVersion?: string;
}

const ID_PROBLEMS = {
  format: '"idNumber" must be 18 characters: 17 digits and a digit or X',
  'birth-date': '"idNumber" does not contain a real birth date (characters 7–14, YYYYMMDD)',
  checksum:
    '"idNumber" has a wrong check character (GB 11643 MOD 11-2); check the number for typing mistakes',
} as const;

/** Checks an ID number the way joi cannot (checksum, calendar); throws the 400 naming it. */
export function assertIdNumber(value: string, today: Date): void {
  const problem = idNumberProblem(value, today);
  if (problem) throw Boom.badRequest(ID_PROBLEMS[problem]);
}

/**
 * The provider's end-session URL for an ended SSO session, or undefined (no such provider any
 * more, no end-session endpoint, or the provider cannot be reached: the portal session is over
 * regardless, and logout must not fail because of the provider).
 */
async function providerLogoutUrl(
  deps: AuthDeps,
  providerId: string,
  idToken: string,
): Promise<string | undefined> {
  try {
    return await deps.sso.get(providerId)?.logoutUrl?.(idToken);
  } catch {
    return undefined;
  }
}

export function authRoutes(deps: AuthDeps): ServerRoute[] {
  return [
    {
      method: 'POST',
      path: '/auth/register',
      options: {
        description:
          'Register a local account (U1); records consent to the privacy notice (U2). Needs the crumb cookie echoed in X-CSRF-Token; limited per IP address',
        tags: ['auth'],
        plugins: PRE_SESSION_WRITE,
        validate: {
          payload: Joi.object<RegisterPayload>({
            loginName: fields.loginName.required(),
            password: fields.password.required(),
            realName: fields.realName.required(),
            idNumber: fields.idNumber.required(),
            gender: fields.gender.required(),
            mobile: fields.mobile.required(),
            email: fields.email.required(),
            industry: fields.industry,
            occupation: fields.occupation,
            acceptAgreement: Joi.boolean().valid(true).required().messages({
              'any.only':
                '"acceptAgreement" must be true: accept the user agreement and privacy notice to register',
            }),
            privacyNoticeVersion: Joi.string().max(40),
          }),
        },
      },
      handler: async (request, h) => {
        const input = request.payload as RegisterPayload;
        const { options, users, audit, clock } = deps;
        assertIdNumber(input.idNumber, clock.now());
        const weak = passwordProblem(input.password, input.loginName);
        if (weak) throw Boom.badRequest(`"password" ${weak}`);
        if (
          input.privacyNoticeVersion !== undefined &&
          input.privacyNoticeVersion !== options.privacyNoticeVersion
        ) {
          throw Boom.conflict(
            `"privacyNoticeVersion" ${input.privacyNoticeVersion} is not the current notice (${options.privacyNoticeVersion}); reload the page and read it again`,
          );
        }
        const ip = clientIp(request, deps.options.trustedProxies);
        await deps.accounts.admitRegistration(ip);
        const user = await users.create({
          loginName: input.loginName,
          password: input.password,
          realName: input.realName,
          idNumber: input.idNumber,
          gender: input.gender,
          mobile: input.mobile,
          email: input.email,
          industry: input.industry || null,
          occupation: input.occupation || null,
          consent: {
            agreementVersion: options.agreementVersion,
            privacyNoticeVersion: options.privacyNoticeVersion,
          },
        });
        await audit.record({
          event: 'register',
          actorId: user.id,
          subjectId: user.id,
          loginName: user.loginName,
          ip,
          detail: {
            agreementVersion: options.agreementVersion,
            privacyNoticeVersion: options.privacyNoticeVersion,
          },
        });
        return h.response(ownProfile(user)).code(201);
      },
    },
    {
      method: 'POST',
      path: '/auth/login',
      options: {
        description:
          'Log in with login name and password; needs the crumb cookie echoed in X-CSRF-Token; sets the session cookie and a fresh crumb',
        tags: ['auth'],
        plugins: PRE_SESSION_WRITE,
        validate: {
          payload: Joi.object({
            loginName: Joi.string().trim().max(64).required(),
            password: Joi.string().max(128).required(),
          }),
        },
      },
      handler: async (request, h) => {
        const { loginName, password } = request.payload as { loginName: string; password: string };
        const ip = clientIp(request, deps.options.trustedProxies);
        const user = await deps.accounts.passwordLogin(loginName, password, ip);
        const sid = await deps.accounts.startSession(user, ip, sessionIdOf(request));
        h.state(SESSION_COOKIE, await deps.sessions.seal({ sid }));
        // A fresh token with the new session: one planted or seen before login is worthless now.
        const csrfToken = randomBytes(32).toString('base64url');
        h.state(CSRF_COOKIE, csrfToken);
        await deps.audit.record({
          event: 'login',
          actorId: user.id,
          subjectId: user.id,
          loginName: user.loginName,
          ip,
          detail: { method: 'password' },
        });
        return { user: principalFromUser(user), csrfToken };
      },
    },
    {
      method: 'POST',
      path: '/auth/logout',
      options: {
        description:
          'End this session on the server and clear its cookie; a session from an OpenID provider with an end-session endpoint answers where to log out there too',
        tags: ['auth'],
      },
      handler: async (request, h) => {
        const sid = sessionIdOf(request);
        const principal = principalOf(request);
        const sso = sid ? await deps.sessions.end(sid, 'logout') : undefined;
        const next = sso?.idToken
          ? await providerLogoutUrl(deps, sso.provider, sso.idToken)
          : undefined;
        if (principal) {
          await deps.audit.record({
            event: 'logout',
            actorId: principal.userId,
            subjectId: principal.userId,
            loginName: principal.loginName,
            ip: clientIp(request, deps.options.trustedProxies),
            ...(sso
              ? { detail: { provider: sso.provider, providerLogout: next !== undefined } }
              : {}),
          });
        }
        h.unstate(SESSION_COOKIE);
        if (!next) return h.response().code(204);
        // The page sends the browser there: the provider ends its own session, or the next
        // person at a shared computer who clicks "sign in with SSO" would be signed in as this one.
        return h.response({ loggedOut: true, next }).header('cache-control', 'no-store');
      },
    },
    {
      method: 'GET',
      path: '/auth/session',
      options: {
        description: 'Who is logged in (or nobody), the CSRF token, and the SSO buttons to show',
        tags: ['auth'],
      },
      handler: (request, h) => {
        const principal: Principal | undefined = principalOf(request);
        return h
          .response({
            authenticated: principal !== undefined,
            user: principal ?? null,
            csrfToken: request.plugins.crumb ?? null,
            agreementVersion: deps.options.agreementVersion,
            privacyNoticeVersion: deps.options.privacyNoticeVersion,
            sso: deps.sso.list().map(({ id, label }) => ({
              id,
              label,
              loginUrl: `/api/v1/auth/sso/${id}/login`,
            })),
          })
          .header('cache-control', 'no-store');
      },
    },
    {
      method: 'POST',
      path: '/auth/password',
      options: {
        description: 'Change one’s password; every other session of the account ends',
        tags: ['auth'],
        auth: requireUser(),
        validate: {
          payload: Joi.object({
            currentPassword: Joi.string().max(128).required(),
            newPassword: fields.password.required(),
          }),
        },
      },
      handler: async (request, h) => {
        const principal = principalOf(request)!;
        const { currentPassword, newPassword } = request.payload as {
          currentPassword: string;
          newPassword: string;
        };
        const user = await deps.users.get(principal.userId);
        if (!user) throw Boom.unauthorized('log in first');
        if (!(await deps.users.verifyPassword(user, currentPassword))) {
          throw Boom.badRequest('"currentPassword" is wrong');
        }
        await deps.users.setPassword(user.id, newPassword, user.loginName);
        const ended = await deps.sessions.endAll(user.id, 'password-changed', sessionIdOf(request));
        await deps.audit.record({
          event: 'password-changed',
          actorId: user.id,
          subjectId: user.id,
          loginName: user.loginName,
          ip: clientIp(request, deps.options.trustedProxies),
          detail: { otherSessionsEnded: ended },
        });
        return h.response().code(204);
      },
    },
  ];
}
