import { definePlugin, type PluginContext } from '@kaifang/sdk';
import { createTestKernel, type TestKernel } from '@kaifang/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import auth, { principalOf, requireRole, requireUser, requireVerified } from '../src/plugin.ts';
import { createUser, loginAs } from '../src/testing.ts';

const ORG = 'org-dezhou-stats';
let apiSeen: PluginContext['plugins']['auth-sso'];

/** A plugin written the way catalog or review would use auth-sso. */
const consumer = definePlugin({
  name: 'consumer',
  version: '0.1.0',
  kernel: '^0.1.0',
  requires: { 'auth-sso': '^0.1.0' },
  register(ctx) {
    ctx.pluginHooks['auth-sso']!.declarePermissions.tap(ctx.name, (registry) => {
      registry.declare({
        name: 'consumer.dataset.edit',
        description: { zh: '编辑数据集', en: 'Edit a dataset' },
        roles: ['provider-admin', 'platform-admin'],
        organisationScoped: true,
      });
    });
    ctx.http.route([
      {
        method: 'GET',
        path: '/consumer/whoami',
        handler: (request) => ({ who: principalOf(request) ?? null }),
      },
      {
        method: 'GET',
        path: '/consumer/user',
        options: { auth: requireUser() },
        handler: () => 'ok',
      },
      {
        method: 'GET',
        path: '/consumer/verified',
        options: { auth: requireVerified() },
        handler: () => 'ok',
      },
      {
        method: 'GET',
        path: '/consumer/admin',
        options: { auth: requireRole('platform-admin') },
        handler: () => 'ok',
      },
      { method: 'POST', path: '/consumer/write', handler: () => ({ wrote: true }) },
      {
        method: 'POST',
        path: '/consumer/datasets/{org}/edit',
        options: { auth: requireUser() },
        handler: (request) => {
          ctx.plugins['auth-sso']!.assert(principalOf(request), 'consumer.dataset.edit', {
            organisationId: (request.params as { org: string }).org,
          });
          return { edited: true };
        },
      },
    ]);
  },
  start(ctx) {
    apiSeen = ctx.plugins['auth-sso'];
  },
});

describe('auth-sso contract for other plugins', () => {
  let test: TestKernel;
  beforeAll(async () => {
    test = await createTestKernel({
      plugins: [
        auth.configure({ admin: { loginName: 'admin', password: 'Dezhou-Open-2024' } }),
        consumer,
      ],
    });
  });
  afterAll(() => test?.close());

  it('lets guests through by default and shows the principal when logged in', async () => {
    const guest = await test.inject('/api/v1/consumer/whoami');
    expect(guest.json()).toEqual({ who: null });
    const { user, headers } = await loginAs(test, {
      roles: ['provider-admin'],
      organisationId: ORG,
    });
    const me = await test.inject({ url: '/api/v1/consumer/whoami', headers });
    expect(me.json().who).toEqual({
      userId: user.id,
      loginName: user.loginName,
      realName: user.realName,
      roles: ['user', 'provider-admin'],
      organisationId: ORG,
      scope: ['user', 'provider-admin', `org:${ORG}`],
    });
  });

  it('answers user, verified and role routes with 401 and 403 that say what is needed', async () => {
    const guest = await test.inject('/api/v1/consumer/user');
    expect(guest.statusCode).toBe(401);
    expect(guest.json()).toEqual({
      statusCode: 401,
      error: 'Unauthorized',
      message: expect.stringContaining('log in first'),
    });
    const plain = await loginAs(test);
    expect(
      (await test.inject({ url: '/api/v1/consumer/user', headers: plain.headers })).statusCode,
    ).toBe(200);
    const notVerified = await test.inject({
      url: '/api/v1/consumer/verified',
      headers: plain.headers,
    });
    expect(notVerified.statusCode).toBe(403);
    expect(notVerified.json().message).toBe('this needs the verified role');
    const notAdmin = await test.inject({ url: '/api/v1/consumer/admin', headers: plain.headers });
    expect(notAdmin.json().message).toBe('this needs the platform-admin role');
    const verified = await loginAs(test, { verified: true });
    expect(
      (await test.inject({ url: '/api/v1/consumer/verified', headers: verified.headers }))
        .statusCode,
    ).toBe(200);
    const admin = await loginAs(test, { loginName: 'admin', password: 'Dezhou-Open-2024' });
    expect(
      (await test.inject({ url: '/api/v1/consumer/admin', headers: admin.headers })).statusCode,
    ).toBe(200);
  });

  it('requires the X-CSRF-Token header on cookie-authenticated writes only', async () => {
    const guestWrite = await test.inject({ method: 'POST', url: '/api/v1/consumer/write' });
    expect(guestWrite.statusCode).toBe(200);
    const { headers } = await loginAs(test);
    const missing = await test.inject({
      method: 'POST',
      url: '/api/v1/consumer/write',
      headers: { cookie: headers.cookie },
    });
    expect(missing.statusCode).toBe(403);
    expect(missing.json().message).toContain('X-CSRF-Token');
    const wrong = await test.inject({
      method: 'POST',
      url: '/api/v1/consumer/write',
      headers: { ...headers, 'x-csrf-token': 'forged' },
    });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().message).toContain('X-CSRF-Token');
    const ok = await test.inject({ method: 'POST', url: '/api/v1/consumer/write', headers });
    expect(ok.json()).toEqual({ wrote: true });
  });

  it('checks declared permissions per object: provider admins only in their organisation', async () => {
    const provider = await loginAs(test, { roles: ['provider-admin'], organisationId: ORG });
    const own = await test.inject({
      method: 'POST',
      url: `/api/v1/consumer/datasets/${ORG}/edit`,
      headers: provider.headers,
    });
    expect(own.json()).toEqual({ edited: true });
    const other = await test.inject({
      method: 'POST',
      url: '/api/v1/consumer/datasets/org-other/edit',
      headers: provider.headers,
    });
    expect(other.statusCode).toBe(403);
    expect(other.json().message).toContain('consumer.dataset.edit');

    const api = apiSeen!;
    const admin = await createUser(test, { roles: ['platform-admin'] });
    const adminPrincipal = {
      userId: admin.id,
      loginName: admin.loginName,
      realName: admin.realName,
      roles: admin.roles,
      scope: admin.roles,
    };
    expect(api.can(adminPrincipal, 'consumer.dataset.edit', { organisationId: 'org-other' })).toBe(
      true,
    );
    expect(api.can(undefined, 'consumer.dataset.edit')).toBe(false);
    expect(api.can(adminPrincipal, 'consumer.never-declared')).toBe(false);
    expect(() => api.assert(undefined, 'consumer.dataset.edit')).toThrow(/log in first/);
    expect(api.permissions().map((p) => p.name)).toContain('consumer.dataset.edit');
  });

  it('offers users to other plugins with sensitive fields masked', async () => {
    const api = apiSeen!;
    const provider = await createUser(test, { roles: ['provider-admin'], organisationId: 'org-x' });
    const found = await api.findUsersByRole('provider-admin', 'org-x');
    expect(found.map((u) => u.id)).toEqual([provider.id]);
    const summary = await api.getUser(provider.id);
    expect(summary).toMatchObject({
      loginName: provider.loginName,
      idNumberMasked: `${provider.idNumber.slice(0, 6)}********${provider.idNumber.slice(-4)}`,
      mobileMasked: `${provider.mobile.slice(0, 3)}****${provider.mobile.slice(-4)}`,
      processingStopped: false,
    });
    expect(JSON.stringify(summary)).not.toContain(provider.idNumber);
    expect(await api.processingStopped(provider.id)).toBe(false);
    expect(await api.getUser('3f0e4a56-2d0b-4f59-8d55-9a1c1c0c2b1e')).toBeNull();
  });

  it('documents its routes in the OpenAPI document', async () => {
    const doc = await test.inject('/api/openapi.json');
    expect(doc.statusCode).toBe(200);
    expect(Object.keys(doc.json().paths)).toEqual(
      expect.arrayContaining(['/api/v1/auth/register', '/api/v1/auth/login', '/api/v1/me']),
    );
  });
});
