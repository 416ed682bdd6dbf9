import authSso from '@kaifang/plugin-auth-sso';
import { type LoggedIn, loginAs } from '@kaifang/plugin-auth-sso/testing';
import { definePlugin } from '@kaifang/sdk';
import { createTestKernel, type TestKernel } from '@kaifang/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEZHOU_SCENARIOS } from '../../../examples/dezhou/scenarios.ts';
import domains, { BASE_DOMAINS } from '../src/plugin.ts';

/** Stands in for the catalog: supplies counts through the hook, as catalog does. */
const counter = definePlugin({
  name: 'counter',
  version: '0.1.0',
  kernel: '^0.1.0',
  requires: { domains: '^0.1.0' },
  register(ctx) {
    ctx.pluginHooks.domains!.datasetCounts.tapPromise(ctx.name, async (counts) => {
      counts.set('transport', 7);
      counts.set('epidemic', 2);
      return counts;
    });
  },
});

const D1 =
  '教育科技, 文化休闲, 地理空间, 社保就业, 卫生健康, 机构团体, 城建住房, 经贸工商, 公共安全, 市场监管, 交通出行, 气象服务, 综合政务, 社会民生, 财税金融, 安全监管, 农业农村, 资源环境, 信用服务'.split(
    ', ',
  );

describe('domains', () => {
  let test: TestKernel;
  let admin: LoggedIn;
  beforeAll(async () => {
    test = await createTestKernel({
      plugins: [
        authSso.configure({ admin: { loginName: 'admin', password: 'Dezhou-Open-2024' } }),
        domains.configure({
          scenarios: [...DEZHOU_SCENARIOS],
          extra: [
            {
              code: 'canal-culture',
              name: { zh: '运河文化', en: 'Canal Culture' },
              icon: 'map',
              order: 200,
            },
          ],
        }),
        counter,
      ],
    });
    admin = await loginAs(test, { roles: ['user', 'platform-admin'] });
  });
  afterAll(() => test?.close());

  it('lists the 19 base domains of D1 in order, named exactly, then the deployment ones', async () => {
    expect(BASE_DOMAINS.map((d) => d.name.zh)).toEqual(D1);
    const body = (await test.inject('/api/v1/domains')).json();
    expect(body.items.map((d: { name: string }) => d.name)).toEqual([...D1, '运河文化']);
    const transport = body.items.find((d: { code: string }) => d.code === 'transport');
    expect(transport).toMatchObject({ name: '交通出行', datasetCount: 7, kind: 'base' });
    const icon = await test.inject(transport.icon);
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['content-type']).toContain('image/svg+xml');
  });

  it('lists the scenario categories of the deployment with counts', async () => {
    const body = (await test.inject('/api/v1/domains?kind=scenario')).json();
    expect(body.items.map((d: { name: string }) => d.name)).toEqual(
      '疫情 社保 婚育 就业 医疗 安保 教育 养老 生活 金融 交通'.split(' '),
    );
    expect(body.items[0]).toMatchObject({ code: 'epidemic', datasetCount: 2 });
    expect((await test.inject('/api/v1/domains?kind=nope')).json().message).toContain('"kind"');
  });

  it('lets platform admins manage domains and nobody else', async () => {
    const payload = { code: 'water-conservancy', kind: 'extra', name: { zh: '水利', en: 'Water' } };
    const guest = await test.inject({ method: 'POST', url: '/api/v1/domains', payload });
    expect(guest.statusCode).toBe(401);
    const provider = await test.inject({
      method: 'POST',
      url: '/api/v1/domains',
      payload,
      headers: (await loginAs(test, { roles: ['user', 'provider-admin'], organisationId: 'org-1' }))
        .headers,
    });
    expect(provider.statusCode).toBe(403);
    const created = await test.inject({
      method: 'POST',
      url: '/api/v1/domains',
      payload,
      headers: admin.headers,
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      code: 'water-conservancy',
      name: '水利',
      datasetCount: 0,
    });

    const renamed = await test.inject({
      method: 'PATCH',
      url: '/api/v1/domains/water-conservancy',
      payload: { name: { zh: '水利水务', en: 'Water Affairs' }, enabled: false },
      headers: admin.headers,
    });
    expect(renamed.json()).toMatchObject({ name: '水利水务', enabled: false });
    const listed = (await test.inject('/api/v1/domains')).json();
    expect(listed.items.some((d: { code: string }) => d.code === 'water-conservancy')).toBe(false);

    const base = await test.inject({
      method: 'PATCH',
      url: '/api/v1/domains/transport',
      payload: { enabled: false },
      headers: admin.headers,
    });
    expect(base.statusCode).toBe(409);
    const busy = await test.inject({
      method: 'DELETE',
      url: '/api/v1/domains/epidemic',
      headers: admin.headers,
    });
    expect(busy.statusCode).toBe(409);
    expect(busy.json().message).toContain('2 published datasets');
    const gone = await test.inject({
      method: 'DELETE',
      url: '/api/v1/domains/water-conservancy',
      headers: admin.headers,
    });
    expect(gone.statusCode).toBe(204);
  });
});
