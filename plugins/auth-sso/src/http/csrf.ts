import { timingSafeEqual } from 'node:crypto';
import Crumb from '@hapi/crumb';
import { Boom, type HttpService } from '@kaifang/sdk';
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE } from './session-scheme.ts';

declare module '@hapi/hapi' {
  interface PluginsStates {
    /** The CSRF token @hapi/crumb issued for (or read from) this request. */
    crumb?: string;
  }
}

const UNSAFE = new Set(['post', 'put', 'patch', 'delete']);

/**
 * Double-submit CSRF protection with @hapi/crumb's conventions: the `crumb` cookie (readable
 * by the page) is echoed in the `X-CSRF-Token` header. Crumb issues the token; we enforce it
 * ourselves so that only cookie-authenticated writes need it (signed API calls carry no
 * session cookie) and so the 403 says what to send.
 */
export async function registerCsrf(server: HttpService['server'], secure: boolean): Promise<void> {
  await server.register({
    plugin: Crumb,
    options: {
      key: CSRF_COOKIE,
      restful: true,
      enforce: false,
      cookieOptions: { path: '/', isHttpOnly: false, isSecure: secure, isSameSite: 'Strict' },
    },
  });
  server.ext('onPostAuth', (request, h) => {
    if (!UNSAFE.has(request.method)) return h.continue;
    if (!request.state[SESSION_COOKIE]) return h.continue;
    const routePlugins = request.route.settings.plugins as Record<string, unknown>;
    if (routePlugins.crumb === false) return h.continue;
    const header = request.headers[CSRF_HEADER];
    const cookie = request.state[CSRF_COOKIE] as unknown;
    if (typeof header !== 'string' || header === '') {
      throw Boom.forbidden(
        'missing X-CSRF-Token header: send the value of the crumb cookie with every POST, PUT, PATCH and DELETE',
      );
    }
    if (typeof cookie !== 'string' || !sameToken(header, cookie)) {
      throw Boom.forbidden(
        'wrong X-CSRF-Token header: it must equal the crumb cookie (reload the page to get a fresh one)',
      );
    }
    return h.continue;
  });
}

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
