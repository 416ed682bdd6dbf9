import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { createTestKernel, type TestKernel } from '@kaifang/sdk/testing';
import Provider from 'oidc-provider';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import auth, { authServicesOf } from '../src/plugin.ts';
import { cookiesFrom, fakeIdNumber, guestHeaders, loginAs } from '../src/testing.ts';

const PUBLIC = 'http://portal.test';
const CALLBACK = `${PUBLIC}/api/v1/auth/sso/province/callback`;
/** A second provider, configured without RP-initiated logout (no end_session_endpoint). */
const COUNTY_CALLBACK = `${PUBLIC}/api/v1/auth/sso/county/callback`;
const ID_NUMBER = fakeIdNumber();

/**
 * A real OpenID provider (oidc-provider 8) with its development login and consent forms and,
 * unless `rpLogout` is false, RP-initiated logout (`end_session_endpoint`).
 */
async function startProvider(
  callback = CALLBACK,
  rpLogout = true,
): Promise<{ server: Server; issuer: string }> {
  const server = await new Promise<Server>((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => resolve(s));
  });
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'kaifang',
        client_secret: 'a-client-secret-for-tests-only',
        redirect_uris: [callback],
        post_logout_redirect_uris: [`${PUBLIC}/`],
        response_types: ['code'],
        grant_types: ['authorization_code'],
      },
    ],
    pkce: { required: () => true },
    claims: {
      openid: ['sub'],
      profile: ['name', 'id_number', 'real_name_verified'],
      email: ['email', 'email_verified'],
      phone: ['phone_number'],
    },
    findAccount: async (_ctx, sub) => ({
      accountId: sub,
      claims: async () => ({
        sub,
        name: '李四',
        id_number: ID_NUMBER,
        real_name_verified: true,
        email: 'lisi@example.org',
        email_verified: true,
        phone_number: '13800002222',
      }),
    }),
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: rpLogout } },
  });
  server.on('request', provider.callback());
  return { server, issuer };
}

/**
 * A tiny browser at the provider: follows redirects by hand, keeps the provider's cookies
 * (one jar per browser, as on one computer), submits its forms and notes which prompts it saw.
 */
class ProviderBrowser {
  readonly #jar = new Map<string, string>();
  /** The provider's interaction prompts (`login`, `consent`) met by the last `authenticate`. */
  prompts: string[] = [];

  async request(url: string, form?: Record<string, string>): Promise<Response> {
    const response = await fetch(url, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        cookie: [...this.#jar].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body: form ? new URLSearchParams(form).toString() : undefined,
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      this.#jar.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
    return response;
  }

  /** From an authorization URL to the portal's callback URL, logging in as `account` if asked. */
  async authenticate(authorizationUrl: string, account: string, callback = CALLBACK): Promise<URL> {
    this.prompts = [];
    let url = authorizationUrl;
    let form: Record<string, string> | undefined;
    for (let step = 0; step < 20; step++) {
      if (url.startsWith(callback)) return new URL(url);
      const response = await this.request(url, form);
      const location = response.headers.get('location');
      if (location) {
        url = new URL(location, url).href;
        form = undefined;
        continue;
      }
      const html = await response.text();
      const action = /action="([^"]+)"/.exec(html)?.[1];
      const prompt = /name="prompt" value="([^"]+)"/.exec(html)?.[1];
      if (!action || !prompt) throw new Error(`unexpected provider page: ${html.slice(0, 300)}`);
      this.prompts.push(prompt);
      url = new URL(action, url).href;
      form = prompt === 'login' ? { prompt, login: account, password: 'any' } : { prompt };
    }
    throw new Error('the provider never redirected back');
  }
}

function authenticateAtProvider(authorizationUrl: string, account: string): Promise<URL> {
  return new ProviderBrowser().authenticate(authorizationUrl, account);
}

/** The payload of a JWT, decoded without verification (the test only reads its claims). */
function jwtClaims(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8'));
}

describe('auth-sso: OpenID Connect against oidc-provider', () => {
  let test: TestKernel;
  let idp: { server: Server; issuer: string };
  let county: { server: Server; issuer: string };
  // Everything the kernel logs, at every level: no ID token may show up in it.
  const logLines: string[] = [];
  beforeAll(async () => {
    idp = await startProvider();
    county = await startProvider(COUNTY_CALLBACK, false);
    const oidcProvider = (id: string, issuer: string) => ({
      id,
      kind: 'oidc' as const,
      label: { zh: '省统一身份认证', en: 'Provincial identity' },
      issuer,
      clientId: 'kaifang',
      clientSecret: 'a-client-secret-for-tests-only',
      allowInsecure: true,
    });
    test = await createTestKernel({
      logger: pino(
        { level: 'trace' },
        new Writable({
          write(chunk, _encoding, done) {
            logLines.push(String(chunk));
            done();
          },
        }),
      ),
      plugins: [
        auth.configure({
          admin: { loginName: 'admin', password: 'Dezhou-Open-2024' },
          publicUrl: PUBLIC,
          sso: [oidcProvider('province', idp.issuer), oidcProvider('county', county.issuer)],
        }),
      ],
    });
  });
  afterAll(async () => {
    await test?.close();
    idp?.server.close();
    county?.server.close();
  });

  async function begin(provider = 'province') {
    const start = await test.inject(`/api/v1/auth/sso/${provider}/login`);
    expect(start.statusCode).toBe(302);
    const location = new URL(String(start.headers.location));
    return { location, ssoCookie: cookiesFrom(start.headers['set-cookie']).kf_sso! };
  }

  /** Completes an SSO login in `browser`; the portal's headers for a logged-in write. */
  async function ssoLogin(browser: ProviderBrowser, account: string, provider = 'province') {
    const { location, ssoCookie } = await begin(provider);
    const callback = await browser.authenticate(
      location.href,
      account,
      provider === 'county' ? COUNTY_CALLBACK : CALLBACK,
    );
    const done = await test.inject({
      url: callback.pathname + callback.search,
      headers: { cookie: `kf_sso=${ssoCookie}` },
    });
    expect(done.statusCode).toBe(302);
    const session = cookiesFrom(done.headers['set-cookie']).kf_session!;
    const guest = await guestHeaders(test);
    return { ...guest, cookie: `${guest.cookie}; kf_session=${session}` };
  }

  const sql = <T>(query: string, params: unknown[] = []) =>
    authServicesOf(test.kernel.server)
      .users.em()
      .getConnection()
      .execute<T[]>(query, params as never[]);

  /** The SSO columns of the newest session of the person `userSub` at a provider. */
  async function sessionRow(userSub: string) {
    const [row] = await sql<{
      sso_provider: string | null;
      sso_id_token: string | null;
      ended_reason: string | null;
    }>(
      `select s.sso_provider, s.sso_id_token, s.ended_reason from auth_sso_session s
       join auth_sso_identity i on i.user_id = s.user_id
       where i.subject = ? order by s.created_at desc limit 1`,
      [userSub],
    );
    return row!;
  }

  it('logs in with authorization code + PKCE and creates a verified account from the claims', async () => {
    const { location, ssoCookie } = await begin();
    expect(location.origin).toBe(idp.issuer);
    expect(location.searchParams.get('code_challenge_method')).toBe('S256');
    expect(location.searchParams.get('state')).toBeTruthy();
    expect(location.searchParams.get('nonce')).toBeTruthy();
    const callback = await authenticateAtProvider(location.href, 'citizen-1');
    const done = await test.inject({
      url: callback.pathname + callback.search,
      headers: { cookie: `kf_sso=${ssoCookie}` },
    });
    expect(done.statusCode).toBe(302);
    expect(done.headers.location).toBe('/me');
    const session = cookiesFrom(done.headers['set-cookie']).kf_session;
    const me = await test.inject({
      url: '/api/v1/me',
      headers: { cookie: `kf_session=${session}` },
    });
    expect(me.json()).toMatchObject({
      realName: '李四',
      idNumber: ID_NUMBER,
      email: 'lisi@example.org',
      mobile: '13800002222',
      roles: ['user', 'verified'],
    });
  });

  it('rejects a tampered state', async () => {
    const { location, ssoCookie } = await begin();
    const callback = await authenticateAtProvider(location.href, 'citizen-2');
    callback.searchParams.set('state', 'forged-state');
    const rejected = await test.inject({
      url: callback.pathname + callback.search,
      headers: { cookie: `kf_sso=${ssoCookie}` },
    });
    expect(rejected.statusCode).toBe(401);
    expect(rejected.json().message).toContain('state');
    expect(rejected.headers['set-cookie']?.toString() ?? '').not.toMatch(/kf_session=[^;]/);
  });

  it('rejects an ID token whose nonce is not the one this browser sent', async () => {
    const { location, ssoCookie } = await begin();
    const callback = await authenticateAtProvider(location.href, 'citizen-3');
    // Re-seal the browser's pending login with another nonce (state and verifier intact).
    const { sessions } = authServicesOf(test.kernel.server);
    const pending = (await sessions.unseal<Record<string, string>>(ssoCookie))!;
    const forged = await sessions.seal({ ...pending, nonce: 'not-the-nonce' }, 600_000);
    const rejected = await test.inject({
      url: callback.pathname + callback.search,
      headers: { cookie: `kf_sso=${forged}` },
    });
    expect(rejected.statusCode).toBe(401);
    expect(rejected.json().message).toContain('nonce');
  });

  it('rejects a forged pending-login cookie', async () => {
    const { location, ssoCookie } = await begin();
    const callback = await authenticateAtProvider(location.href, 'citizen-4');
    const rejected = await test.inject({
      url: callback.pathname + callback.search,
      headers: { cookie: `kf_sso=${ssoCookie.slice(0, -4)}AAAA` },
    });
    expect(rejected.statusCode).toBe(400);
  });

  it('logs out at the provider too: the next SSO login asks for the password again', async () => {
    const browser = new ProviderBrowser();
    const headers = await ssoLogin(browser, 'citizen-5');
    const stored = await sessionRow('citizen-5');
    expect(stored.sso_provider).toBe('province');
    const idToken = stored.sso_id_token!;
    expect(idToken).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);

    // The shared-computer problem: while the provider's session lives, SSO asks nothing.
    const { location: again } = await begin();
    await browser.authenticate(again.href, 'citizen-5');
    expect(browser.prompts).toEqual([]);

    const logout = await test.inject({ method: 'POST', url: '/api/v1/auth/logout', headers });
    expect(logout.statusCode).toBe(200);
    expect(logout.headers['cache-control']).toContain('no-store');
    const { loggedOut, next } = logout.json<{ loggedOut: boolean; next: string }>();
    expect(loggedOut).toBe(true);
    const nextUrl = new URL(next);
    const discovery = await (await fetch(`${idp.issuer}/.well-known/openid-configuration`)).json();
    expect(`${nextUrl.origin}${nextUrl.pathname}`).toBe(discovery.end_session_endpoint);
    expect(nextUrl.searchParams.get('post_logout_redirect_uri')).toBe(`${PUBLIC}/`);
    expect(nextUrl.searchParams.get('client_id')).toBe('kaifang');
    const state = nextUrl.searchParams.get('state');
    expect(state).toBeTruthy();
    // The hint is the ID token the provider issued for this login.
    const hint = nextUrl.searchParams.get('id_token_hint')!;
    expect(hint).toBe(idToken);
    expect(jwtClaims(hint)).toMatchObject({ iss: idp.issuer, sub: 'citizen-5', aud: 'kaifang' });

    // The portal session is over and its ID token gone from the database.
    expect(
      (await test.inject({ url: '/api/v1/me', headers: { cookie: headers.cookie } })).statusCode,
    ).toBe(401);
    expect(await sessionRow('citizen-5')).toMatchObject({
      sso_provider: 'province',
      sso_id_token: null,
      ended_reason: 'logout',
    });

    // The browser follows `next`: the provider asks to confirm, then returns to the portal.
    const confirmPage = await browser.request(next);
    expect(confirmPage.status).toBe(200);
    const html = await confirmPage.text();
    const action = /action="([^"]+)"/.exec(html)?.[1];
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1];
    expect(action && xsrf).toBeTruthy();
    const confirmed = await browser.request(new URL(action!, next).href, {
      xsrf: xsrf!,
      logout: 'yes',
    });
    expect([302, 303]).toContain(confirmed.status);
    const back = new URL(confirmed.headers.get('location')!);
    expect(`${back.origin}${back.pathname}`).toBe(`${PUBLIC}/`);
    expect(back.searchParams.get('state')).toBe(state);

    // Same computer, next person: the provider asks who they are.
    const { location } = await begin();
    await browser.authenticate(location.href, 'citizen-6');
    expect(browser.prompts[0]).toBe('login');

    // The token never reached the log (nor the audit trail).
    const signature = idToken.split('.')[2]!;
    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.join('\n')).not.toContain(signature);
    const audit = await sql<{ detail: unknown }>('select detail from auth_sso_audit');
    expect(JSON.stringify(audit)).not.toContain(signature);
    expect(audit.map((row) => row.detail)).toContainEqual({
      provider: 'province',
      providerLogout: true,
    });
  });

  it('answers no next for a provider without an end-session endpoint, and drops the token', async () => {
    const headers = await ssoLogin(new ProviderBrowser(), 'citizen-7', 'county');
    expect((await sessionRow('citizen-7')).sso_id_token).toBeTruthy();
    const logout = await test.inject({ method: 'POST', url: '/api/v1/auth/logout', headers });
    expect(logout.statusCode).toBe(204);
    expect(logout.payload).toBe('');
    expect(await sessionRow('citizen-7')).toMatchObject({
      sso_provider: 'county',
      sso_id_token: null,
      ended_reason: 'logout',
    });
  });

  it('answers no next for a password session', async () => {
    const { headers } = await loginAs(test);
    const logout = await test.inject({ method: 'POST', url: '/api/v1/auth/logout', headers });
    expect(logout.statusCode).toBe(204);
    expect(logout.payload).toBe('');
  });
});
