import { Writable } from 'node:stream';
import { ManualClock } from '@kaifang/sdk';
import { createTestKernel, type TestKernel } from '@kaifang/sdk/testing';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idCheckCharacter } from '../src/domain/id-number.ts';
import auth from '../src/plugin.ts';
import { cookiesFrom, createUser, fakeIdNumber, guestHeaders, loginAs } from '../src/testing.ts';

const ADMIN = { loginName: 'admin', password: 'Dezhou-Open-2024' };

function registration(overrides: Record<string, unknown> = {}) {
  return {
    loginName: `zhang${Math.random().toString(36).slice(2, 8)}`,
    password: 'Kaifang#2024',
    realName: '张三',
    idNumber: fakeIdNumber(),
    gender: 'male',
    mobile: '13812345678',
    email: 'zhang@example.org',
    industry: '信息技术',
    occupation: '工程师',
    acceptAgreement: true,
    ...overrides,
  };
}

describe('auth-sso accounts, sessions and personal-data rights', () => {
  let test: TestKernel;
  const clock = new ManualClock(new Date());
  const logLines: string[] = [];
  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _encoding, done) {
        logLines.push(String(chunk));
        done();
      },
    });
    test = await createTestKernel({
      clock,
      logger: pino({ level: 'trace' }, sink),
      plugins: [
        auth.configure({
          admin: ADMIN,
          session: { idleSeconds: 600, absoluteSeconds: 3600 },
          limits: {
            account: { maxFailures: 3, windowSeconds: 600, lockSeconds: 300 },
            ip: { maxFailures: 1000, windowSeconds: 600, lockSeconds: 300 },
          },
        }),
      ],
    });
  });
  afterAll(() => test?.close());

  // Without a session's headers, a guest's crumb: login and registration need one.
  const post = async (url: string, payload: unknown, headers?: Record<string, string>) =>
    test.inject({
      method: 'POST',
      url,
      payload: payload as object,
      headers: headers ?? (await guestHeaders(test)),
    });

  it('registers, logs in, shows /me, logs out, and then /me is 401', async () => {
    const input = registration();
    const registered = await post('/api/v1/auth/register', input);
    expect(registered.statusCode).toBe(201);
    expect(registered.json()).toMatchObject({
      loginName: input.loginName,
      idNumber: input.idNumber,
      roles: ['user'],
      verified: false,
      consent: { agreementVersion: '2024-01', privacyNoticeVersion: '2024-01' },
    });
    expect(registered.json().consent.privacyConsentedAt).toBeTruthy();
    expect(registered.json()).not.toHaveProperty('passwordHash');

    const login = await post('/api/v1/auth/login', {
      loginName: input.loginName.toUpperCase(),
      password: input.password,
    });
    expect(login.statusCode).toBe(200);
    const jar = cookiesFrom(login.headers['set-cookie']);
    expect(jar.kf_session).toBeTruthy();
    expect(login.json().csrfToken).toBe(jar.crumb);
    const setCookie = String(login.headers['set-cookie']);
    expect(setCookie).toMatch(/kf_session=[^;]+;.*HttpOnly/);
    const headers = {
      cookie: `kf_session=${jar.kf_session}; crumb=${jar.crumb}`,
      'x-csrf-token': jar.crumb!,
    };

    const me = await test.inject({ url: '/api/v1/me', headers });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ loginName: input.loginName, mobile: '13812345678' });

    const logout = await post('/api/v1/auth/logout', undefined, headers);
    expect(logout.statusCode).toBe(204);
    // The same cookie, replayed after logout, is worthless: the server ended the session.
    const after = await test.inject({ url: '/api/v1/me', headers });
    expect(after.statusCode).toBe(401);
  });

  it('rejects bad input with a 400 or 409 naming the field, and stores nothing', async () => {
    const good = registration();
    const badChecksum = `${good.idNumber.slice(0, 17)}${good.idNumber[17] === '0' ? '1' : '0'}`;
    const checksum = await post('/api/v1/auth/register', { ...good, idNumber: badChecksum });
    expect(checksum.statusCode).toBe(400);
    expect(checksum.json().message).toContain('"idNumber"');
    expect(checksum.json().message).toContain('check character');

    const first17 = '37140219990231123';
    const badDate = await post('/api/v1/auth/register', {
      ...good,
      idNumber: `${first17}${idCheckCharacter(first17)}`,
    });
    expect(badDate.json().message).toMatch(/"idNumber".*birth date/);

    const weak = await post('/api/v1/auth/register', { ...good, password: 'password1' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().message).toMatch(/^"password" /);

    const noConsent = await post('/api/v1/auth/register', { ...good, acceptAgreement: false });
    expect(noConsent.json().message).toContain('"acceptAgreement"');

    const missing = await post('/api/v1/auth/register', { ...good, mobile: undefined });
    expect(missing.json().message).toBe('"mobile" is required');

    const nothing = await test.inject({
      url: `/api/v1/auth/admin/users?q=${good.loginName}`,
      headers: (await loginAs(test, ADMIN)).headers,
    });
    expect(nothing.json().total).toBe(0);

    expect((await post('/api/v1/auth/register', good)).statusCode).toBe(201);
    const taken = await post('/api/v1/auth/register', {
      ...registration(),
      loginName: good.loginName.toUpperCase(),
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().message).toContain('"loginName"');
    const sameId = await post('/api/v1/auth/register', {
      ...registration(),
      idNumber: good.idNumber,
    });
    expect(sameId.statusCode).toBe(409);
    expect(sameId.json().message).toContain('"idNumber"');
  });

  it('locks an account after repeated bad passwords with 429 and Retry-After', async () => {
    const user = await createUser(test);
    for (let i = 0; i < 2; i++) {
      const wrong = await post('/api/v1/auth/login', {
        loginName: user.loginName,
        password: 'Wrong-pass-1',
      });
      expect(wrong.statusCode).toBe(401);
      expect(wrong.json().message).toBe('wrong login name or password');
    }
    const third = await post('/api/v1/auth/login', {
      loginName: user.loginName,
      password: 'Wrong-pass-1',
    });
    expect(third.statusCode).toBe(429);
    expect(Number(third.headers['retry-after'])).toBe(300);
    // Even the right password waits until the lock ends.
    const right = await post('/api/v1/auth/login', {
      loginName: user.loginName,
      password: user.password,
    });
    expect(right.statusCode).toBe(429);
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(0);
    clock.advance(301_000);
    expect(
      (await post('/api/v1/auth/login', { loginName: user.loginName, password: user.password }))
        .statusCode,
    ).toBe(200);
  });

  it('ends idle sessions, and disabling a user ends its sessions', async () => {
    const idle = await loginAs(test);
    clock.advance(601_000);
    const expired = await test.inject({ url: '/api/v1/me', headers: idle.headers });
    expect(expired.statusCode).toBe(401);

    // An active session still ends at the absolute limit (3600 s here).
    const busy = await loginAs(test);
    for (let elapsed = 0; elapsed < 3500; elapsed += 500) {
      clock.advance(500_000);
      expect((await test.inject({ url: '/api/v1/me', headers: busy.headers })).statusCode).toBe(
        200,
      );
    }
    clock.advance(500_000);
    const ended = await test.inject({ url: '/api/v1/me', headers: busy.headers });
    expect(ended.statusCode).toBe(401);
    expect(ended.json().message).toContain('maximum length');

    const victim = await loginAs(test);
    const admin = await loginAs(test, ADMIN);
    const disabled = await test.inject({
      method: 'PUT',
      url: `/api/v1/auth/admin/users/${victim.user.id}/status`,
      headers: admin.headers,
      payload: { status: 'disabled' },
    });
    expect(disabled.json().status).toBe('disabled');
    expect((await test.inject({ url: '/api/v1/me', headers: victim.headers })).statusCode).toBe(
      401,
    );
    const again = await post('/api/v1/auth/login', {
      loginName: victim.user.loginName,
      password: victim.user.password,
    });
    expect(again.statusCode).toBe(403);
    expect(again.json().message).toContain('disabled');
  });

  it('changes the password: the old one stops working and other sessions end', async () => {
    const user = await createUser(test);
    const first = await loginAs(test, user);
    const second = await loginAs(test, user);
    const weak = await post(
      '/api/v1/auth/password',
      { currentPassword: user.password, newPassword: 'short' },
      first.headers,
    );
    expect(weak.json().message).toMatch(/^"newPassword" /);
    const changed = await post(
      '/api/v1/auth/password',
      { currentPassword: user.password, newPassword: 'Brand-New-Pass-9' },
      first.headers,
    );
    expect(changed.statusCode).toBe(204);
    expect((await test.inject({ url: '/api/v1/me', headers: first.headers })).statusCode).toBe(200);
    expect((await test.inject({ url: '/api/v1/me', headers: second.headers })).statusCode).toBe(
      401,
    );
    expect(
      (await post('/api/v1/auth/login', { loginName: user.loginName, password: user.password }))
        .statusCode,
    ).toBe(401);
  });

  it('lets users correct their own data only, and masks it for everyone else', async () => {
    const alice = await loginAs(test);
    const bob = await loginAs(test);
    const patched = await test.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: alice.headers,
      payload: { mobile: '13912345678', occupation: '研究员' },
    });
    expect(patched.json()).toMatchObject({ mobile: '13912345678', occupation: '研究员' });
    // No route takes a user id from a non-admin: an id in the body is refused, not obeyed.
    const sneaky = await test.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: bob.headers,
      payload: { id: alice.user.id, realName: '篡改' },
    });
    expect(sneaky.statusCode).toBe(400);
    expect(sneaky.json().message).toContain('"id"');
    const peek = await test.inject({
      url: `/api/v1/auth/admin/users/${alice.user.id}`,
      headers: bob.headers,
    });
    expect(peek.statusCode).toBe(403);
    const badId = await test.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: alice.headers,
      payload: { idNumber: '370102199001011230' },
    });
    expect(badId.statusCode).toBe(400);
    expect((await test.inject({ url: '/api/v1/me', headers: alice.headers })).json().idNumber).toBe(
      alice.user.idNumber,
    );

    const admin = await loginAs(test, ADMIN);
    const seen = (
      await test.inject({
        url: `/api/v1/auth/admin/users/${alice.user.id}`,
        headers: admin.headers,
      })
    ).json();
    expect(seen.mobile).toBe('139****5678');
    expect(seen.idNumber).toBe(
      `${alice.user.idNumber.slice(0, 6)}********${alice.user.idNumber.slice(-4)}`,
    );
  });

  it('exports one’s data as a JSON download and honours the stop-processing flag', async () => {
    const { user, headers } = await loginAs(test);
    const exported = await test.inject({ url: '/api/v1/me/export', headers });
    expect(exported.headers['content-disposition']).toMatch(
      /attachment; filename="my-data-.*\.json"/,
    );
    const body = exported.json();
    expect(body.profile).toMatchObject({ id: user.id, idNumber: user.idNumber });
    expect(body.accountHistory.map((e: { event: string }) => e.event)).toContain('login');

    const stop = await test.inject({
      method: 'PUT',
      url: '/api/v1/me/processing-stop',
      headers,
      payload: { stopped: true },
    });
    expect(stop.json().processingStopped).toBe(true);
  });

  it('completes a deletion request: personal data erased, login blocked, audit kept', async () => {
    const { user, headers } = await loginAs(test);
    const requested = await post('/api/v1/me/deletion-request', { reason: '不再使用' }, headers);
    expect(requested.statusCode).toBe(202);
    const admin = await loginAs(test, ADMIN);
    const pending = await test.inject({
      url: '/api/v1/auth/admin/users?deletionRequested=true&status=active',
      headers: admin.headers,
    });
    expect(pending.json().items.map((u: { id: string }) => u.id)).toContain(user.id);
    const done = await post(
      `/api/v1/auth/admin/users/${user.id}/deletion`,
      undefined,
      admin.headers,
    );
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({
      status: 'deleted',
      realName: null,
      idNumber: null,
      mobile: null,
      email: null,
      loginName: `deleted-${user.id.slice(0, 8)}`,
    });
    expect((await test.inject({ url: '/api/v1/me', headers })).statusCode).toBe(401);
    const login = await post('/api/v1/auth/login', {
      loginName: user.loginName,
      password: user.password,
    });
    expect(login.statusCode).toBe(401);
    const rows = await test.kernel.orm.em
      .fork()
      .getConnection()
      .execute('select * from auth_sso_user where id = ?', [user.id]);
    const stored = JSON.stringify(rows);
    for (const secret of [user.idNumber, user.mobile, user.email, user.realName, user.loginName]) {
      expect(stored).not.toContain(secret);
    }
    const audit = await test.inject({
      url: `/api/v1/auth/admin/audit?userId=${user.id}`,
      headers: admin.headers,
    });
    const events = audit.json().items.map((e: { event: string }) => e.event);
    expect(events).toEqual(
      expect.arrayContaining(['deletion-requested', 'deletion-completed', 'login']),
    );
    expect(JSON.stringify(audit.json())).not.toContain(user.loginName);
  });

  it('audits role changes and lets only platform admins read and filter the log', async () => {
    const admin = await loginAs(test, ADMIN);
    const target = await createUser(test);
    const noOrg = await test.inject({
      method: 'PUT',
      url: `/api/v1/auth/admin/users/${target.id}/roles`,
      headers: admin.headers,
      payload: { roles: ['provider-admin'] },
    });
    expect(noOrg.statusCode).toBe(400);
    expect(noOrg.json().message).toContain('"organisationId"');
    const granted = await test.inject({
      method: 'PUT',
      url: `/api/v1/auth/admin/users/${target.id}/roles`,
      headers: admin.headers,
      payload: { roles: ['provider-admin'], organisationId: 'org-1' },
    });
    expect(granted.json()).toMatchObject({
      roles: ['user', 'provider-admin'],
      organisationId: 'org-1',
    });
    const log = await test.inject({
      url: '/api/v1/auth/admin/audit?event=roles-changed',
      headers: admin.headers,
    });
    expect(log.json().items[0]).toMatchObject({
      event: 'roles-changed',
      actorId: admin.user.id,
      subjectId: target.id,
      detail: { from: ['user'], to: ['user', 'provider-admin'], organisationId: 'org-1' },
    });
    const failures = await test.inject({
      url: '/api/v1/auth/admin/audit?event=login-failed',
      headers: admin.headers,
    });
    expect(failures.json().total).toBeGreaterThan(0);
    const user = await loginAs(test);
    expect(
      (await test.inject({ url: '/api/v1/auth/admin/audit', headers: user.headers })).statusCode,
    ).toBe(403);
    const badFilter = await test.inject({
      url: '/api/v1/auth/admin/audit?event=nope',
      headers: admin.headers,
    });
    expect(badFilter.statusCode).toBe(400);
    expect(badFilter.json().message).toContain('"event"');
  });

  it('never writes ID numbers, mobiles or passwords to the log', async () => {
    const input = registration({ mobile: '13700001111' });
    await post('/api/v1/auth/register', input);
    await post('/api/v1/auth/login', { loginName: input.loginName, password: input.password });
    await post('/api/v1/auth/register', { ...input, loginName: 'another1' });
    expect(logLines.length).toBeGreaterThan(0);
    const all = logLines.join('\n');
    expect(all).not.toContain(input.idNumber);
    expect(all).not.toContain('13700001111');
    expect(all).not.toContain(input.password);
  });
});
