import { Boom, type HttpService, type Request, type ResponseToolkit } from '@kaifang/sdk';
import type { SessionStore } from '../services/sessions.ts';
import type { UserService } from '../services/users.ts';
import { principalFromUser } from '../services/users.ts';

export const SESSION_COOKIE = 'kf_session';
export const CSRF_COOKIE = 'crumb';
export const CSRF_HEADER = 'x-csrf-token';

export interface SealedSession {
  sid: string;
}

const EXPIRED: Record<string, string> = {
  idle: 'your session expired after a period of inactivity; log in again',
  absolute: 'your session reached its maximum length; log in again',
  ended: 'your session has ended (logged out or replaced); log in again',
  account: 'this account can no longer log in; contact the platform',
  unknown: 'your session is not known here; log in again',
};

/**
 * The `session` auth scheme: unseals the cookie, checks the session row and builds the
 * principal from the user row on every request, so role changes apply immediately.
 */
export function registerSessionAuth(
  server: HttpService['server'],
  deps: { sessions: SessionStore; users: UserService; secure: boolean },
): void {
  server.state(SESSION_COOKIE, {
    encoding: 'none',
    isHttpOnly: true,
    isSecure: deps.secure,
    isSameSite: 'Lax',
    path: '/',
    strictHeader: true,
    ignoreErrors: true,
    clearInvalid: true,
  });
  server.auth.scheme('kf-session', () => ({
    authenticate: async (request: Request, h: ResponseToolkit) => {
      const raw = request.state[SESSION_COOKIE] as unknown;
      if (typeof raw !== 'string' || raw === '') {
        // No message: hapi marks it "missing", so `try` and `optional` routes carry on as guest.
        throw Boom.unauthorized(null, 'session');
      }
      const sealed = await deps.sessions.unseal<SealedSession>(raw);
      if (!sealed?.sid) {
        h.unstate(SESSION_COOKIE);
        throw Boom.unauthorized('your session cookie is not valid here; log in again', 'session');
      }
      const check = await deps.sessions.check(sealed.sid);
      const user = check.ok && check.userId ? await deps.users.get(check.userId) : null;
      if (!check.ok || !user) {
        throw Boom.unauthorized(EXPIRED[check.reason ?? 'unknown'] ?? null, 'session');
      }
      const credentials = principalFromUser(user);
      return h.authenticated({
        credentials: credentials as unknown as Record<string, unknown>,
        artifacts: { sid: sealed.sid },
      });
    },
  }));
  server.auth.strategy('session', 'kf-session');
  server.auth.default({ strategy: 'session', mode: 'try' });

  server.ext('onPreResponse', (request, h) => {
    const response = request.response;
    if (!Boom.isBoom(response)) return h.continue;
    const { statusCode } = response.output;
    const payload = response.output.payload as { message?: string };
    // hapi's own text for a required route without credentials.
    if (statusCode === 401 && response.message === 'Missing authentication') {
      payload.message = 'log in first: this needs a logged-in user (POST /api/v1/auth/login)';
    }
    if (statusCode === 403 && response.message === 'Insufficient scope') {
      type Need = { selection?: string[]; required?: string[] };
      const need = (response.data as { need?: Need[] } | null)?.need ?? [];
      const wanted = [
        ...new Set(need.flatMap((n) => [...(n.selection ?? []), ...(n.required ?? [])])),
      ];
      payload.message =
        wanted.length === 1
          ? `this needs the ${wanted[0]} role`
          : `this needs one of the roles: ${wanted.join(', ')}`;
    }
    return h.continue;
  });
}
