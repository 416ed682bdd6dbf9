import { timingSafeEqual } from 'node:crypto';
import Crumb from '@hapi/crumb';
import { Boom, type HttpService, type Request } from '@kaifang/sdk';
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE } from './session-scheme.ts';

declare module '@hapi/hapi' {
  interface PluginsStates {
    /** The CSRF token @hapi/crumb issued for (or read from) this request. */
    crumb?: string;
  }
  interface PluginSpecificConfiguration {
    /** `csrf: 'always'`: see `PRE_SESSION_WRITE`. */
    'auth-sso'?: { csrf?: 'always' };
  }
}

const UNSAFE = new Set(['post', 'put', 'patch', 'delete']);

/**
 * Route `plugins` for writes a guest makes that start a session or an account (login,
 * registration). They carry no session cookie, yet a forged one logs the victim's browser into
 * the attacker's account (login CSRF), so they need the token whether or not a session exists,
 * and must come from this portal's own pages.
 */
export const PRE_SESSION_WRITE = { 'auth-sso': { csrf: 'always' } } as const;

/**
 * Double-submit CSRF protection with @hapi/crumb's conventions: the `crumb` cookie (readable
 * by the page) is echoed in the `X-CSRF-Token` header. Crumb issues the token; we enforce it
 * ourselves so that only cookie-authenticated writes (and `PRE_SESSION_WRITE` routes) need it
 * (signed API calls carry no session cookie) and so the 403 says what to send.
 */
export async function registerCsrf(
  server: HttpService['server'],
  options: { secure: boolean; publicUrl: string },
): Promise<void> {
  await server.register({
    plugin: Crumb,
    options: {
      key: CSRF_COOKIE,
      restful: true,
      enforce: false,
      cookieOptions: {
        path: '/',
        isHttpOnly: false,
        isSecure: options.secure,
        isSameSite: 'Strict',
      },
    },
  });
  const publicOrigin = new URL(options.publicUrl).origin;
  server.ext('onPostAuth', (request, h) => {
    if (!UNSAFE.has(request.method)) return h.continue;
    const routePlugins = request.route.settings.plugins as Record<string, unknown>;
    if (routePlugins.crumb === false) return h.continue;
    const preSession = request.route.settings.plugins?.['auth-sso']?.csrf === 'always';
    if (preSession) assertSameSite(request, publicOrigin);
    else if (!request.state[SESSION_COOKIE]) return h.continue;
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

/**
 * Refuses a request a browser says came from another site: `Sec-Fetch-Site: cross-site`, or an
 * `Origin` that is neither `publicUrl` nor the host the request was sent to. The scheme is not
 * compared with the host: behind a TLS-terminating proxy we see http while the page is https,
 * and one host and port serve one scheme. No `Origin` at all (non-browser clients) passes here;
 * the token check still applies.
 */
function assertSameSite(request: Request, publicOrigin: string): void {
  const raw: unknown = request.headers.origin;
  const origin = raw === undefined ? undefined : String(raw);
  const crossSite = request.headers['sec-fetch-site'] === 'cross-site';
  const host = hostOf(origin);
  const ownOrigin =
    origin === undefined ||
    origin === publicOrigin ||
    (host !== undefined && host === request.info.host);
  if (ownOrigin && !crossSite) return;
  throw Boom.forbidden(
    `cross-site request refused: log in and register from this portal's own pages (${publicOrigin}); this request came from ${origin ?? 'another site'}`,
  );
}

/** `Origin: null` (sandboxed frames, some redirects) and garbage have no host. */
function hostOf(origin: string | undefined): string | undefined {
  if (!origin || origin === 'null') return undefined;
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
