import type { AuthApi } from '@kaifang/plugin-auth-sso';
import { createUser, loginAs } from '@kaifang/plugin-auth-sso/testing';
import { Boom, definePlugin } from '@kaifang/sdk';
import type { TestKernel } from '@kaifang/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogApi } from '../src/plugin.ts';
import { FIXTURE } from './support/fixture.ts';
import { bootCatalog } from './support/harness.ts';

/** What a grant plugin and a security-review plugin would do with the catalog's hooks. */
const published: string[] = [];
/** Who asked for each save through the API (`origin`), by title. */
const origins = new Map<string, string | undefined>();
let apis: { catalog: CatalogApi; auth: AuthApi } | undefined;
const neighbour = definePlugin({
  name: 'neighbour',
  version: '0.1.0',
  kernel: '^0.1.0',
  requires: { catalog: '^0.1.0', 'auth-sso': '^0.1.0' },
  start(ctx) {
    apis = { catalog: ctx.plugins.catalog!, auth: ctx.plugins['auth-sso']! };
  },
  register(ctx) {
    const hooks = ctx.pluginHooks.catalog!;
    hooks.beforeDatasetSave.tapPromise(ctx.name, async (input, context) => {
      origins.set(input.title, context.origin);
      if (input.title.includes('身份证')) {
        throw Boom.badRequest('"title" mentions ID-card data; desensitise it before publishing');
      }
      return { ...input, tags: [...new Set([...input.tags, '已审核'])] };
    });
    hooks.indexDocument.tapPromise(ctx.name, async (doc) => {
      if (doc.text.title.includes('公交')) doc.text.tags += ' 巴士';
      return doc;
    });
    hooks.accessCheck.tapPromise(ctx.name, async ({ dataset, principal }) =>
      dataset.openType === 'conditional' && principal?.roles.includes('verified')
        ? { allowed: true, reason: 'grant G-1', by: 'neighbour' }
        : undefined,
    );
    hooks.afterPublish.tapPromise(ctx.name, async (dataset) => {
      published.push(dataset.title);
    });
    hooks.stats.tapPromise(ctx.name, async (stats) => ({ ...stats, apis: 42 }));
  },
});

describe('catalog hooks', () => {
  let test: TestKernel;
  beforeAll(async () => {
    const booted = await bootCatalog({}, [neighbour]);
    test = booted.test;
    await booted.api.importContent(FIXTURE);
  });
  afterAll(() => test?.close());

  it('lets a plugin enrich and refuse saves, enrich the index, decide access and count', async () => {
    const bus = (await test.inject('/api/v1/datasets?q=巴士')).json().items[0];
    expect(bus.title).toBe('德州市公交线路信息');
    expect(bus.tags).toContain('已审核');
    expect(published).toContain('德州市公交线路信息');
    expect(published).not.toContain('公交刷卡客流统计');

    const org = (await test.inject('/api/v1/organizations')).json().items[0].id;
    const refused = await test.inject({
      method: 'POST',
      url: '/api/v1/datasets',
      headers: (await loginAs(test, { roles: ['platform-admin'] })).headers,
      payload: {
        title: '居民身份证办理网点',
        organizationId: org,
        domains: ['government-affairs'],
        openType: 'unconditional',
        updateCycle: 'yearly',
        updateMethod: 'full',
      },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().message).toContain('desensitise');

    const taxi = (await test.inject('/api/v1/datasets?openType=conditional')).json().items[0];
    const guest = (await test.inject(`/api/v1/datasets/${taxi.id}`)).json();
    expect(guest.access.allowed).toBe(false);
    const verified = (
      await test.inject({
        url: `/api/v1/datasets/${taxi.id}`,
        headers: (await loginAs(test, { verified: true })).headers,
      })
    ).json();
    expect(verified.access).toEqual({ allowed: true, reason: 'grant G-1', by: 'neighbour' });
    expect((await test.inject('/api/v1/stats')).json().apis).toBe(42);
    expect(test.kernel.taps).toContainEqual({
      hook: 'catalog.accessCheck',
      tapper: 'neighbour',
      type: 'promise',
    });
  });

  it('publishes for a plugin whose workflow decided, with the rights of the user who decided', async () => {
    const { catalog, auth } = apis!;
    const draft = (
      await test.inject({
        url: '/api/v1/datasets?state=draft',
        headers: (await loginAs(test, { roles: ['platform-admin'] })).headers,
      })
    ).json().items[0];
    expect(draft.title).toBe('公交刷卡客流统计');
    const orgs = (await test.inject('/api/v1/organizations')).json().items;
    const other = orgs.find((o: { code: string }) => o.code === 'wjw').id;
    const principalOf = async (options: Parameters<typeof createUser>[1]) =>
      (await auth.principalFor((await createUser(test, options)).id))!;

    const outsider = await principalOf({ roles: ['provider-admin'], organisationId: other });
    await expect(
      catalog.setState(draft.id, 'published', { principal: outsider, origin: 'neighbour' }),
    ).rejects.toMatchObject({ output: { statusCode: 403 } });
    const citizen = await principalOf({ roles: ['user'] });
    await expect(
      catalog.setState(draft.id, 'published', { principal: citizen, origin: 'neighbour' }),
    ).rejects.toMatchObject({ output: { statusCode: 403 } });
    expect(published).not.toContain('公交刷卡客流统计');

    const admin = await principalOf({ roles: ['platform-admin'] });
    const saved = await catalog.setState(draft.id, 'published', {
      principal: admin,
      origin: 'neighbour',
    });
    expect(saved.state).toBe('published');
    expect(origins.get('公交刷卡客流统计')).toBe('neighbour');
    expect(published).toContain('公交刷卡客流统计');
    expect((await test.inject(`/api/v1/datasets/${draft.id}`)).json().state).toBe('published');

    await expect(
      catalog.setState('00000000-0000-4000-8000-000000000000', 'published', {
        principal: admin,
        origin: 'neighbour',
      }),
    ).rejects.toMatchObject({ output: { statusCode: 404 } });
  });
});
