import { definePlugin, ManualClock } from '@kaifang/sdk';
import { createTestKernel, type TestKernel } from '@kaifang/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import auth from '../src/plugin.ts';
import { cookiesFrom, createUser, fakeIdNumber, guestHeaders } from '../src/testing.ts';

const PUBLIC = 'https://data.example.gov.cn';
const EVIL = 'https://evil.example';

/** A plugin route that signed API clients call without cookies, from anywhere. */
const signedApi = definePlugin({
  name: 'signed-api',
  version: '0.1.0',
  kernel: '^0.1.0',
  requires: { 'auth-sso': '^0.1.0' },
  register(ctx) {
    ctx.http.route([{ method: 'POST', path: '/signed/write', handler: () => ({ wrote: true }) }]);
  },
});

let registrations = 0;
function registration(overrides: Record<string, unknown> = {}) {
  registrations += 1;
  return {
    loginName: `guest${registrations}${Math.random().toString(36).slice(2, 6)}`,
    password: 'Kaifang#2024',
    realName: '刘一',
    idNumber: fakeIdNumber(),
    gender: 'male',
    mobile: '13812345678',
    email: 'liu@example.org',
    acceptAgreement: true,
    ...overrides,
  };
}

/**
 * Login CSRF: a page on another site must not be able to log the visitor's browser into an
 * account the attacker controls, nor register accounts in the visitor's name. And one network
 * address cannot register accounts without end.
 */
describe('auth-sso: writes before a session (login, registration)', () => {
  let test: TestKernel;
  const clock = new ManualClock(new Date());
  beforeAll(async () => {
    test = await createTestKernel({
      clock,
      plugins: [
        auth.configure({
          admin: { loginName: 'admin', password: 'Dezhou-Open-2024' },
          publicUrl: PUBLIC,
          limits: { registration: { perIp: 3, windowSeconds: 3600 } },
        }),
        signedApi,
      ],
    });
  });
  afterAll(() => test?.close());

  const accountsNamed = async (loginName: string) => {
    const [row] = await test.kernel.orm.em
      .fork()
      .getConnection()
      .execute<{ n: number }[]>(
        'select count(*)::int as n from auth_sso_user where lower(login_name) = lower(?)',
        [loginName],
      );
    return row!.n;
  };

  it('refuses a login without the crumb with a 403 naming the header, and starts no session', async () => {
    const user = await createUser(test);
    const payload = { loginName: user.loginName, password: user.password };
    const login = (headers: Record<string, string>) =>
      test.inject({ method: 'POST', url: '/api/v1/auth/login', headers, payload });

    const forged = await login({});
    expect(forged.statusCode).toBe(403);
    expect(forged.json().message).toMatch(/^missing X-CSRF-Token header/);
    expect(cookiesFrom(forged.headers['set-cookie']).kf_session).toBeUndefined();

    const cookieOnly = await login({ cookie: 'crumb=abc' });
    expect(cookieOnly.json().message).toMatch(/^missing X-CSRF-Token header/);
    // An attacker can send a header but cannot set the visitor's crumb cookie to match it.
    const guessed = await login({ 'x-csrf-token': 'guessed' });
    expect(guessed.statusCode).toBe(403);
    expect(guessed.json().message).toMatch(/^wrong X-CSRF-Token header: it must equal the crumb/);
    const mismatched = await login({ cookie: 'crumb=abc', 'x-csrf-token': 'abd' });
    expect(mismatched.json().message).toMatch(/^wrong X-CSRF-Token/);

    const guest = await guestHeaders(test);
    const ok = await login(guest);
    expect(ok.statusCode).toBe(200);
    const jar = cookiesFrom(ok.headers['set-cookie']);
    expect(jar.kf_session).toBeTruthy();
    // A fresh crumb comes with the session: the one held before login is replaced.
    expect(jar.crumb).toBeTruthy();
    expect(jar.crumb).not.toBe(guest['x-csrf-token']);
    expect(ok.json().csrfToken).toBe(jar.crumb);
    const me = await test.inject({
      url: '/api/v1/me',
      headers: { cookie: `kf_session=${jar.kf_session}; crumb=${jar.crumb}` },
    });
    expect(me.json().loginName).toBe(user.loginName);
  });

  it('refuses a registration without the crumb and stores nothing', async () => {
    const input = registration();
    const forged = await test.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: input,
    });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().message).toContain('X-CSRF-Token');
    expect(await accountsNamed(input.loginName)).toBe(0);
  });

  it('refuses login and registration sent from another site, even with a crumb', async () => {
    const user = await createUser(test);
    const payload = { loginName: user.loginName, password: user.password };
    const login = async (headers: Record<string, string>) =>
      test.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { ...(await guestHeaders(test)), ...headers },
        payload,
      });

    const fromEvil = await login({ origin: EVIL });
    expect(fromEvil.statusCode).toBe(403);
    expect(fromEvil.json().message).toBe(
      `cross-site request refused: log in and register from this portal's own pages (${PUBLIC}); this request came from ${EVIL}`,
    );
    expect(cookiesFrom(fromEvil.headers['set-cookie']).kf_session).toBeUndefined();
    const crossSite = await login({ 'sec-fetch-site': 'cross-site' });
    expect(crossSite.statusCode).toBe(403);
    expect(crossSite.json().message).toMatch(/^cross-site request refused/);
    // Sandboxed frames and data: URLs send `Origin: null`.
    expect((await login({ origin: 'null' })).statusCode).toBe(403);
    // Same host, other port: another origin.
    expect((await login({ origin: `${PUBLIC}:8443` })).statusCode).toBe(403);

    const input = registration();
    const register = await test.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      headers: { ...(await guestHeaders(test)), origin: EVIL, 'sec-fetch-site': 'cross-site' },
      payload: input,
    });
    expect(register.statusCode).toBe(403);
    expect(register.json().message).toMatch(/^cross-site request refused/);
    expect(await accountsNamed(input.loginName)).toBe(0);

    // The portal's own pages: its public URL, or the host the browser sent the request to
    // (an intranet name, or https in the browser while a TLS proxy talks http to us).
    expect((await login({ origin: PUBLIC, 'sec-fetch-site': 'same-origin' })).statusCode).toBe(200);
    expect(
      (await login({ origin: 'https://portal.intranet:8443', host: 'portal.intranet:8443' }))
        .statusCode,
    ).toBe(200);
  });

  it('keeps GETs and cookie-less API writes open to other origins', async () => {
    const crossSite = { origin: EVIL, 'sec-fetch-site': 'cross-site' };
    const session = await test.inject({ url: '/api/v1/auth/session', headers: crossSite });
    expect(session.statusCode).toBe(200);
    const signed = await test.inject({
      method: 'POST',
      url: '/api/v1/signed/write',
      headers: crossSite,
    });
    expect(signed.json()).toEqual({ wrote: true });
  });

  it('limits registrations per IP address: the next is 429 with Retry-After; others go on', async () => {
    const register = async (remoteAddress: string, input = registration()) =>
      test.inject({
        method: 'POST',
        url: '/api/v1/auth/register',
        remoteAddress,
        headers: await guestHeaders(test),
        payload: input,
      });
    const busy = '203.0.113.7';

    // A form mistake is not a registration: it does not use up the allowance.
    const good = registration();
    const badChecksum = `${good.idNumber.slice(0, 17)}${good.idNumber[17] === '0' ? '1' : '0'}`;
    const typo = await register(busy, { ...good, idNumber: badChecksum });
    expect(typo.statusCode).toBe(400);
    expect(typo.json().message).toContain('"idNumber"');

    for (let i = 0; i < 3; i++) {
      expect((await register(busy)).statusCode).toBe(201);
      clock.advance(60_000);
    }
    const refused = registration();
    const fourth = await register(busy, refused);
    expect(fourth.statusCode).toBe(429);
    expect(fourth.headers['retry-after']).toBe('3600');
    expect(fourth.json().message).toBe(
      'too many registrations from this network address; try again in 3600 seconds or contact the platform',
    );
    expect(await accountsNamed(refused.loginName)).toBe(0);

    // Another address is not affected.
    expect((await register('198.51.100.9')).statusCode).toBe(201);

    // The refused person can come back once the hour is over.
    clock.advance(1800_000);
    const stillWaiting = await register(busy, refused);
    expect(stillWaiting.statusCode).toBe(429);
    expect(stillWaiting.headers['retry-after']).toBe('1800');
    clock.advance(1800_000);
    expect((await register(busy, refused)).statusCode).toBe(201);
    expect(await accountsNamed(refused.loginName)).toBe(1);
  });

  it('refuses a registration limit that cannot work, naming the option', async () => {
    await expect(
      createTestKernel({
        plugins: [auth.configure({ limits: { registration: { perIp: 0, windowSeconds: 3600 } } })],
      }),
    ).rejects.toThrow(
      `plugin 'auth-sso' config: "limits.registration.perIp" must be greater than or equal to 1`,
    );
  });
});
