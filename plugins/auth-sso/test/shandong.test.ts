import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTestKernel, type TestKernel } from '@kaifang/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import auth from '../src/plugin.ts';
import { cookiesFrom, fakeIdNumber, guestHeaders } from '../src/testing.ts';

const APP = { appId: 'dz-open', appKey: 'key-123', appSecret: 'secret-456' };
const PUBLIC = 'http://portal.test';

interface Person {
  userId: string;
  userType: 'natural' | 'legal';
  name: string;
  idCard?: string;
  mobile?: string;
  authLevel: number;
  corpName?: string;
}

/**
 * A protocol peer for the Shandong unified identity platform: a login page that "logs in"
 * whoever `next` is and returns a one-time ticket, a ticket→token exchange and a user-info
 * endpoint, each checking the app credentials and the HMAC signature.
 */
function startPeer() {
  const tickets = new Map<string, Person>();
  const tokens = new Map<string, Person>();
  const state = { next: undefined as Person | undefined, calls: [] as string[] };
  const body = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return JSON.parse(Buffer.concat(chunks).toString() || '{}') as Record<string, string>;
  };
  const signed = (req: IncomingMessage, payload: Record<string, string>, value: string) => {
    const expected = createHmac('sha256', APP.appSecret)
      .update(`${APP.appId}${value}${payload.timestamp}`)
      .digest('hex');
    return (
      req.headers['x-app-id'] === APP.appId &&
      req.headers['x-app-key'] === APP.appKey &&
      payload.appid === APP.appId &&
      payload.sign === expected
    );
  };
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://peer');
    state.calls.push(url.pathname);
    const json = (status: number, value: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
    };
    if (url.pathname === '/login') {
      if (url.searchParams.get('appid') !== APP.appId || !state.next)
        return json(400, { code: '1' });
      const ticket = `ST-${randomUUID()}`;
      tickets.set(ticket, state.next);
      const service = new URL(url.searchParams.get('service')!);
      service.searchParams.set('ticket', ticket);
      res.writeHead(302, { location: service.href }).end();
      return;
    }
    const payload = await body(req);
    if (url.pathname === '/token') {
      const person = tickets.get(payload.ticket!);
      tickets.delete(payload.ticket!); // one use only
      if (!person || !signed(req, payload, payload.ticket!))
        return json(200, { code: '401', msg: 'invalid ticket' });
      const token = randomUUID();
      tokens.set(token, person);
      return json(200, { code: '0', data: { token } });
    }
    if (url.pathname === '/userinfo') {
      const person = tokens.get(payload.token!);
      if (!person || !signed(req, payload, payload.token!))
        return json(200, { code: '401', msg: 'invalid token' });
      return json(200, { code: 0, data: person });
    }
    json(404, { code: '404' });
  });
  return { server, state };
}

describe('auth-sso: Shandong unified identity ticket protocol', () => {
  let test: TestKernel;
  let peer: ReturnType<typeof startPeer>;
  beforeAll(async () => {
    peer = startPeer();
    await new Promise<void>((resolve) => peer.server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(peer.server.address() as AddressInfo).port}`;
    test = await createTestKernel({
      plugins: [
        auth.configure({
          admin: { loginName: 'admin', password: 'Dezhou-Open-2024' },
          publicUrl: PUBLIC,
          sso: [
            {
              id: 'shandong',
              kind: 'shandong',
              label: { zh: '山东省统一身份认证', en: 'Shandong unified identity' },
              loginUrl: `${base}/login`,
              tokenUrl: `${base}/token`,
              userInfoUrl: `${base}/userinfo`,
              ...APP,
              verifiedLevel: 2,
            },
          ],
        }),
      ],
    });
  });
  afterAll(async () => {
    await test?.close();
    peer?.server.close();
  });

  /** Browser round trip: our login → the platform → our callback; returns the callback answer. */
  async function ssoLogin(person: Person, tamper?: (callback: URL) => void) {
    peer.state.next = person;
    const start = await test.inject('/api/v1/auth/sso/shandong/login?returnTo=/catalog');
    expect(start.statusCode).toBe(302);
    const ssoCookie = cookiesFrom(start.headers['set-cookie']).kf_sso!;
    const atPlatform = await fetch(String(start.headers.location), { redirect: 'manual' });
    const callback = new URL(atPlatform.headers.get('location')!);
    expect(callback.origin + callback.pathname).toBe(`${PUBLIC}/api/v1/auth/sso/shandong/callback`);
    tamper?.(callback);
    // The platform sends the browser back with a top-level GET, which browsers mark
    // cross-site: the callback must stay open to it (only login and register POSTs are not).
    return test.inject({
      url: callback.pathname + callback.search,
      headers: { cookie: `kf_sso=${ssoCookie}`, 'sec-fetch-site': 'cross-site' },
    });
  }

  const meWith = (response: Awaited<ReturnType<typeof ssoLogin>>) => {
    const session = cookiesFrom(response.headers['set-cookie']).kf_session;
    return test.inject({ url: '/api/v1/me', headers: { cookie: `kf_session=${session}` } });
  };

  it('logs a real-name verified natural person in and creates the account as verified', async () => {
    const idCard = fakeIdNumber();
    const person: Person = {
      userId: 'u-1001',
      userType: 'natural',
      name: '王五',
      idCard,
      mobile: '13600001111',
      authLevel: 3,
    };
    const done = await ssoLogin(person);
    expect(done.statusCode).toBe(302);
    expect(done.headers.location).toBe('/catalog');
    const me = await meWith(done);
    expect(me.json()).toMatchObject({
      realName: '王五',
      idNumber: idCard,
      roles: ['user', 'verified'],
      verified: true,
    });
    expect(peer.state.calls).toEqual(expect.arrayContaining(['/login', '/token', '/userinfo']));

    // SSO accounts have not accepted this portal's agreement yet; they can record it.
    expect(me.json().consent.privacyConsentedAt).toBeNull();
    const session = cookiesFrom(done.headers['set-cookie']).kf_session;
    const login = await test.inject({
      url: '/api/v1/auth/session',
      headers: { cookie: `kf_session=${session}` },
    });
    const crumb = cookiesFrom(login.headers['set-cookie']).crumb!;
    const consent = await test.inject({
      method: 'POST',
      url: '/api/v1/me/consent',
      headers: { cookie: `kf_session=${session}; crumb=${crumb}`, 'x-csrf-token': crumb },
      payload: { acceptAgreement: true, privacyNoticeVersion: '2024-01' },
    });
    expect(consent.json().consent).toMatchObject({
      privacyNoticeVersion: '2024-01',
      agreementVersion: '2024-01',
    });

    // The second login finds the same account through the stored link.
    const again = await meWith(await ssoLogin(person));
    expect(again.json().id).toBe(me.json().id);
  });

  it('links a verified identity to the local account with the same ID number', async () => {
    const idNumber = fakeIdNumber();
    const local = await test.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      headers: await guestHeaders(test),
      payload: {
        loginName: 'localzhao',
        password: 'Kaifang#2024',
        realName: '赵六',
        idNumber,
        gender: 'female',
        mobile: '13512345678',
        email: 'zhao@example.org',
        acceptAgreement: true,
      },
    });
    expect(local.statusCode).toBe(201);
    const me = await meWith(
      await ssoLogin({
        userId: 'u-2002',
        userType: 'natural',
        name: '赵六',
        idCard: idNumber,
        authLevel: 2,
      }),
    );
    expect(me.json()).toMatchObject({
      id: local.json().id,
      loginName: 'localzhao',
      verified: true,
    });
  });

  it('maps a low real-name level to a plain user, and a legal person to its organisation name', async () => {
    const low = await meWith(
      await ssoLogin({ userId: 'u-3003', userType: 'natural', name: '孙七', authLevel: 1 }),
    );
    expect(low.json()).toMatchObject({ realName: '孙七', roles: ['user'], verified: false });
    const legal = await meWith(
      await ssoLogin({
        userId: '91371400MA3C',
        userType: 'legal',
        name: '联系人',
        corpName: '德州某科技有限公司',
        authLevel: 3,
      }),
    );
    expect(legal.json()).toMatchObject({ realName: '联系人', idNumber: null, verified: true });
  });

  it('rejects a tampered state, a replayed ticket and a callback without the browser cookie', async () => {
    const person: Person = { userId: 'u-4004', userType: 'natural', name: '周八', authLevel: 3 };
    const tampered = await ssoLogin(person, (url) => url.searchParams.set('state', 'forged'));
    expect(tampered.statusCode).toBe(401);
    expect(tampered.json().message).toContain('state');

    peer.state.next = person;
    const start = await test.inject('/api/v1/auth/sso/shandong/login');
    const cookie = `kf_sso=${cookiesFrom(start.headers['set-cookie']).kf_sso}`;
    const callback = new URL(
      (await fetch(String(start.headers.location), { redirect: 'manual' })).headers.get(
        'location',
      )!,
    );
    const path = callback.pathname + callback.search;
    const noCookie = await test.inject(path);
    expect(noCookie.statusCode).toBe(400);
    expect(noCookie.json().message).toContain('start the login again');
    expect((await test.inject({ url: path, headers: { cookie } })).statusCode).toBe(302);
    const replay = await test.inject({ url: path, headers: { cookie } });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().message).toContain('refused');

    const unknown = await test.inject('/api/v1/auth/sso/nowhere/login');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().message).toContain('shandong');
  });

  it('offers the provider to the login page and audits SSO logins', async () => {
    const session = await test.inject('/api/v1/auth/session');
    expect(session.json().sso).toEqual([
      {
        id: 'shandong',
        label: { zh: '山东省统一身份认证', en: 'Shandong unified identity' },
        loginUrl: '/api/v1/auth/sso/shandong/login',
      },
    ]);
    const rows = await test.kernel.orm.em
      .fork()
      .getConnection()
      .execute(
        `select event, count(*)::int as n from auth_sso_audit where event like 'sso-%' group by event`,
      );
    const counts = Object.fromEntries(
      (rows as { event: string; n: number }[]).map((r) => [r.event, r.n]),
    );
    expect(counts['sso-login']).toBeGreaterThanOrEqual(5);
    expect(counts['sso-linked']).toBeGreaterThanOrEqual(4);
    expect(counts['sso-failed']).toBeGreaterThanOrEqual(2);
  });
});
