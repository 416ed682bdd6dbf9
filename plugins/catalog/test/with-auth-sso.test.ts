/**
 * The write paths and visibility rules against the real auth-sso (cookie sessions, CSRF,
 * the permission registry), not the stand-in the other tests use.
 */
import { definePlugin } from '@kaifang/sdk';
import { createTestKernel, type TestKernel } from '@kaifang/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import auth from '../../auth-sso/src/plugin.ts';
import { type LoggedIn, loginAs } from '../../auth-sso/src/testing.ts';
import domains, { DEZHOU_SCENARIOS } from '../../domains/src/plugin.ts';
import catalog, { type CatalogApi } from '../src/plugin.ts';
import { FIXTURE } from './support/fixture.ts';

describe('catalog and domains with auth-sso', () => {
  let test: TestKernel;
  let api: CatalogApi | undefined;
  let jtj: string;
  let wjw: string;
  let transport: LoggedIn;
  let health: LoggedIn;
  let platform: LoggedIn;
  let busId: string;
  let draftId: string;

  beforeAll(async () => {
    const probe = definePlugin({
      name: 'probe',
      version: '0.1.0',
      kernel: '^0.1.0',
      requires: { catalog: '^0.1.0' },
      start(ctx) {
        api = ctx.plugins.catalog;
      },
    });
    test = await createTestKernel({
      plugins: [
        auth.configure({ admin: { loginName: 'admin', password: 'Dezhou-Open-2024' } }),
        domains.configure({ scenarios: [...DEZHOU_SCENARIOS] }),
        catalog,
        probe,
      ],
    });
    await api!.importContent(FIXTURE);
    const orgs = (await test.inject('/api/v1/organizations')).json().items;
    jtj = orgs.find((o: { code: string }) => o.code === 'jtj').id;
    wjw = orgs.find((o: { code: string }) => o.code === 'wjw').id;
    transport = await loginAs(test, { roles: ['user', 'provider-admin'], organisationId: jtj });
    health = await loginAs(test, { roles: ['user', 'provider-admin'], organisationId: wjw });
    platform = await loginAs(test, { roles: ['user', 'platform-admin'] });
    const all = (
      await test.inject({ url: '/api/v1/datasets?state=any', headers: platform.headers })
    ).json();
    busId = all.items.find((i: { title: string }) => i.title === '德州市公交线路信息').id;
    draftId = all.items.find((i: { state: string }) => i.state === 'draft').id;
  });
  afterAll(() => test?.close());

  it('shows drafts only to their organisation and platform admins', async () => {
    expect((await test.inject(`/api/v1/datasets/${draftId}`)).statusCode).toBe(404);
    expect(
      (await test.inject({ url: `/api/v1/datasets/${draftId}`, headers: health.headers }))
        .statusCode,
    ).toBe(404);
    expect(
      (await test.inject({ url: `/api/v1/datasets/${draftId}`, headers: transport.headers }))
        .statusCode,
    ).toBe(200);
    expect(
      (await test.inject({ url: `/api/v1/datasets/${draftId}`, headers: platform.headers }))
        .statusCode,
    ).toBe(200);
    expect((await test.inject('/api/v1/datasets?q=客流')).json().total).toBe(0);
    const own = (
      await test.inject({ url: '/api/v1/datasets?state=draft', headers: transport.headers })
    ).json();
    expect(own.total).toBe(1);
  });

  it("refuses a provider admin on another organisation's dataset and lets the owner edit", async () => {
    const refused = await test.inject({
      method: 'PATCH',
      url: `/api/v1/datasets/${busId}`,
      payload: { recordCount: 1 },
      headers: health.headers,
    });
    expect(refused.statusCode).toBe(403);
    const owner = await test.inject({
      method: 'PATCH',
      url: `/api/v1/datasets/${busId}`,
      payload: { recordCount: 1300 },
      headers: transport.headers,
    });
    expect(owner.statusCode, owner.payload).toBe(200);
    expect(owner.json().recordCount).toBe(1300);
    // A cookie write without the CSRF header is refused by auth-sso.
    const noCsrf = await test.inject({
      method: 'PATCH',
      url: `/api/v1/datasets/${busId}`,
      payload: { recordCount: 1 },
      headers: { cookie: transport.headers.cookie },
    });
    expect(noCsrf.statusCode).toBe(403);
    const created = await test.inject({
      method: 'POST',
      url: '/api/v1/datasets',
      headers: transport.headers,
      payload: {
        title: '德州市汽车客运站信息',
        organizationId: jtj,
        domains: ['transport'],
        openType: 'unconditional',
        updateCycle: 'yearly',
        updateMethod: 'full',
        state: 'published',
      },
    });
    expect(created.statusCode, created.payload).toBe(201);
    expect((await test.inject('/api/v1/datasets?q=客运站')).json().total).toBe(1);
  });

  it('lets only platform admins manage domains', async () => {
    const payload = { code: 'canal', kind: 'extra', name: { zh: '运河文化', en: 'Canal' } };
    expect(
      (await test.inject({ method: 'POST', url: '/api/v1/domains', payload })).statusCode,
    ).toBe(401);
    expect(
      (
        await test.inject({
          method: 'POST',
          url: '/api/v1/domains',
          payload,
          headers: transport.headers,
        })
      ).statusCode,
    ).toBe(403);
    const created = await test.inject({
      method: 'POST',
      url: '/api/v1/domains',
      payload,
      headers: platform.headers,
    });
    expect(created.statusCode, created.payload).toBe(201);
  });
});
