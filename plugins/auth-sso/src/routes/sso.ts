import { Boom, Joi, type ServerRoute } from '@kaifang/sdk';
import { type AuthDeps, clientIp, sessionIdOf } from '../deps.ts';
import { SESSION_COOKIE } from '../http/session-scheme.ts';
import { principalOf } from '../principal.ts';
import type { Sql } from '../services/sql.ts';
import { SsoError, type SsoState } from '../sso/adapter.ts';
import { resolveSsoUser } from '../sso/link.ts';

export const SSO_COOKIE = 'kf_sso';
const SSO_TTL_MS = 10 * 60 * 1000;

interface PendingLogin extends SsoState {
  provider: string;
  returnTo: string;
}

/** Only same-site paths: an open redirect after login would be a phishing aid. */
const returnTo = Joi.string()
  .pattern(/^\/(?![/\\])[^\s]*$/)
  .max(500)
  .messages({ 'string.pattern.base': '"returnTo" must be a path on this site, starting with /' });

export function ssoRoutes(deps: AuthDeps, sql: Sql, prefix: string): ServerRoute[] {
  const adapterFor = (id: string) => {
    const adapter = deps.sso.get(id);
    if (!adapter) {
      const known = deps.sso.list().map((a) => a.id);
      throw Boom.notFound(
        `no SSO provider '${id}'${known.length ? `; configured: ${known.join(', ')}` : ' is configured'}`,
      );
    }
    return adapter;
  };
  const callbackUrl = (id: string) =>
    `${deps.options.publicUrl.replace(/\/$/, '')}${prefix}/auth/sso/${id}/callback`;

  return [
    {
      method: 'GET',
      path: '/auth/sso/{provider}/login',
      options: {
        description: 'Start single sign-on: redirects to the provider’s login page',
        tags: ['auth'],
        validate: {
          params: Joi.object({ provider: Joi.string().max(40).required() }),
          query: Joi.object({ returnTo }),
        },
      },
      handler: async (request, h) => {
        const { provider } = request.params as { provider: string };
        const adapter = adapterFor(provider);
        let begun: Awaited<ReturnType<typeof adapter.begin>>;
        try {
          begun = await adapter.begin(callbackUrl(provider));
        } catch (error) {
          throw Boom.badGateway(
            error instanceof SsoError ? error.message : 'the SSO provider cannot be reached',
          );
        }
        const pending: PendingLogin = {
          ...begun.state,
          provider,
          returnTo:
            (request.query as { returnTo?: string }).returnTo ?? deps.options.afterLoginPath,
        };
        return h
          .redirect(begun.url)
          .state(SSO_COOKIE, await deps.sessions.seal(pending, SSO_TTL_MS));
      },
    },
    {
      method: 'GET',
      path: '/auth/sso/{provider}/callback',
      options: {
        description: 'Where the provider sends the browser back; logs in and redirects',
        tags: ['auth'],
        validate: {
          params: Joi.object({ provider: Joi.string().max(40).required() }),
          query: Joi.object().unknown(true),
        },
      },
      handler: async (request, h) => {
        const { provider } = request.params as { provider: string };
        const adapter = adapterFor(provider);
        const raw = request.state[SSO_COOKIE] as unknown;
        const pending =
          typeof raw === 'string' ? await deps.sessions.unseal<PendingLogin>(raw) : undefined;
        h.unstate(SSO_COOKIE);
        const ip = clientIp(request, deps.options.trustedProxies);
        if (!pending || pending.provider !== provider) {
          throw Boom.badRequest(
            'this sign-in was not started from this browser or took longer than 10 minutes; start the login again',
          );
        }
        const current = new URL(callbackUrl(provider));
        current.search = new URL(request.url.href).search;
        let identity: Awaited<ReturnType<typeof adapter.complete>>;
        try {
          identity = await adapter.complete(current, pending);
        } catch (error) {
          const message = error instanceof SsoError ? error.message : 'single sign-on failed';
          await deps.audit.record({ event: 'sso-failed', ip, detail: { provider, message } });
          throw Boom.unauthorized(`${message}; start the login again`);
        }
        const result = await resolveSsoUser(
          deps,
          sql,
          provider,
          identity,
          principalOf(request)?.userId,
        );
        deps.accounts.assertCanLogIn(result.user);
        // The ID token stays in the session row (not the cookie) for logging out at the provider.
        const sid = await deps.accounts.startSession(result.user, ip, sessionIdOf(request), {
          provider,
          idToken: identity.idToken,
        });
        if (result.linked) {
          await deps.audit.record({
            event: 'sso-linked',
            actorId: result.user.id,
            subjectId: result.user.id,
            loginName: result.user.loginName,
            ip,
            detail: { provider, created: result.created },
          });
        }
        await deps.audit.record({
          event: 'sso-login',
          actorId: result.user.id,
          subjectId: result.user.id,
          loginName: result.user.loginName,
          ip,
          detail: {
            provider,
            verified: identity.verified,
            roles: result.user.roles,
          },
        });
        return h
          .redirect(pending.returnTo)
          .state(SESSION_COOKIE, await deps.sessions.seal({ sid }));
      },
    },
  ];
}
