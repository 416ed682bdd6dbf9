import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTestKernel, type TestKernel } from '@kaifang/sdk/testing';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import auth, { authServicesOf } from '../src/plugin.ts';
import { cookiesFrom, fakeIdNumber } from '../src/testing.ts';

const PUBLIC = 'http://portal.test';
const CALLBACK = `${PUBLIC}/api/v1/auth/sso/province/callback`;
const ID_NUMBER = fakeIdNumber();

/** A real OpenID provider (oidc-provider 8) with its development login and consent forms. */
async function startProvider(): Promise<{ server: Server; issuer: string }> {
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
        redirect_uris: [CALLBACK],
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
    features: { devInteractions: { enabled: true } },
  });
  server.on('request', provider.callback());
  return { server, issuer };
}

/** A tiny browser: follows redirects by hand, keeps the provider's cookies, submits its forms. */
async function authenticateAtProvider(authorizationUrl: string, account: string): Promise<URL> {
  const jar = new Map<string, string>();
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  let url = authorizationUrl;
  let method = 'GET';
  let body: string | undefined;
  for (let step = 0; step < 20; step++) {
    if (url.startsWith(CALLBACK)) return new URL(url);
    const response = await fetch(url, {
      method,
      redirect: 'manual',
      headers: {
        cookie: cookieHeader(),
        ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body,
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      jar.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
    const location = response.headers.get('location');
    if (location) {
      url = new URL(location, url).href;
      method = 'GET';
      body = undefined;
      continue;
    }
    const html = await response.text();
    const action = /action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="([^"]+)"/.exec(html)?.[1];
    if (!action || !prompt) throw new Error(`unexpected provider page: ${html.slice(0, 300)}`);
    url = new URL(action, url).href;
    method = 'POST';
    body = new URLSearchParams(
      prompt === 'login' ? { prompt, login: account, password: 'any' } : { prompt },
    ).toString();
  }
  throw new Error('the provider never redirected back');
}

describe('auth-sso: OpenID Connect against oidc-provider', () => {
  let test: TestKernel;
  let idp: { server: Server; issuer: string };
  beforeAll(async () => {
    idp = await startProvider();
    test = await createTestKernel({
      plugins: [
        auth.configure({
          admin: { loginName: 'admin', password: 'Dezhou-Open-2024' },
          publicUrl: PUBLIC,
          sso: [
            {
              id: 'province',
              kind: 'oidc',
              label: { zh: '省统一身份认证', en: 'Provincial identity' },
              issuer: idp.issuer,
              clientId: 'kaifang',
              clientSecret: 'a-client-secret-for-tests-only',
              allowInsecure: true,
            },
          ],
        }),
      ],
    });
  });
  afterAll(async () => {
    await test?.close();
    idp?.server.close();
  });

  async function begin() {
    const start = await test.inject('/api/v1/auth/sso/province/login');
    expect(start.statusCode).toBe(302);
    const location = new URL(String(start.headers.location));
    return { location, ssoCookie: cookiesFrom(start.headers['set-cookie']).kf_sso! };
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
});
