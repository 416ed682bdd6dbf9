import { type LoggedIn, loginAs } from '@kaifang/plugin-auth-sso/testing';
import { definePlugin } from '@kaifang/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogApi } from '../src/plugin.ts';
import { FIXTURE } from './support/fixture.ts';
import { bootCatalog, type CatalogTest } from './support/harness.ts';

/** A PATCH to a title starting with this is overtaken by another write between read and write. */
const RACE = '【并发】';
let raceApi: CatalogApi | undefined;
const interleave = definePlugin({
  name: 'interleave',
  version: '0.1.0',
  kernel: '^0.1.0',
  requires: { catalog: '^0.1.0' },
  start(ctx) {
    raceApi = ctx.plugins.catalog;
  },
  register(ctx) {
    ctx.pluginHooks.catalog!.beforeDatasetSave.tapPromise(ctx.name, async (input, context) => {
      // The data load's own save keeps the old title, so this does not recurse.
      if (context.existing && input.title.startsWith(RACE))
        await raceApi!.setDataFacts(context.existing.id, {
          recordCount: 7,
          formats: ['CSV'],
          fields: [],
        });
      return input;
    });
  },
});

describe('catalog over HTTP', () => {
  let ctx: CatalogTest;
  let jtj: string;
  let wjw: string;
  let platform: LoggedIn;
  let transportAdmin: LoggedIn;
  let healthAdmin: LoggedIn;

  const newDataset = (organizationId: string, extra: object = {}) => ({
    title: '德州市公共自行车站点分布',
    description: '公共自行车站点位置与车桩数量。',
    organizationId,
    domains: ['transport'],
    scenarios: ['traffic'],
    tags: ['自行车'],
    openType: 'unconditional',
    grade: 1,
    classifications: ['基础信息资源'],
    updateCycle: 'weekly',
    updateMethod: 'primary-key',
    formats: ['csv', 'JSON'],
    recordCount: 320,
    fields: [
      { name: 'station', label: '站点名称', type: 'string' },
      {
        name: 'status',
        label: '运营状态',
        type: 'string',
        dictionary: [
          { code: '1', label: '运营' },
          { code: '0', label: '停用' },
        ],
      },
      { name: 'docks', label: '车桩数', type: 'integer', unit: '个' },
    ],
    contact: { name: '信息科', phone: '0534-2612345', email: 'xxk@dezhou.gov.cn' },
    ...extra,
  });

  beforeAll(async () => {
    ctx = await bootCatalog({}, [interleave]);
    await ctx.api.importContent(FIXTURE);
    const orgs = (await ctx.test.inject('/api/v1/organizations')).json().items;
    jtj = orgs.find((o: { code: string }) => o.code === 'jtj').id;
    wjw = orgs.find((o: { code: string }) => o.code === 'wjw').id;
    platform = await loginAs(ctx.test, { roles: ['user', 'platform-admin'] });
    transportAdmin = await loginAs(ctx.test, {
      roles: ['user', 'provider-admin'],
      organisationId: jtj,
    });
    healthAdmin = await loginAs(ctx.test, {
      roles: ['user', 'provider-admin'],
      organisationId: wjw,
    });
  });
  afterAll(() => ctx?.test.close());

  it('lists organisations and domains with published dataset counts, and key figures', async () => {
    const orgs = (await ctx.test.inject('/api/v1/organizations')).json();
    expect(orgs.items[0]).toMatchObject({ id: jtj, name: '德州市交通运输局', datasetCount: 2 });
    const domains = (await ctx.test.inject('/api/v1/domains')).json().items;
    expect(domains.find((d: { code: string }) => d.code === 'transport').datasetCount).toBe(2);
    expect(domains.find((d: { code: string }) => d.code === 'credit').datasetCount).toBe(1);
    const scenarios = (await ctx.test.inject('/api/v1/domains?kind=scenario')).json().items;
    expect(scenarios.find((d: { code: string }) => d.code === 'epidemic').datasetCount).toBe(1);
    const stats = (await ctx.test.inject('/api/v1/stats')).json();
    expect(stats).toEqual({
      datasets: 5,
      organisations: 3,
      apis: 0,
      downloads: 870,
      applications: 0,
    });
  });

  it('importing the same content again changes nothing', async () => {
    const again = await ctx.api.importContent(FIXTURE);
    expect(again).toEqual({
      organisations: { created: 0, existing: 3 },
      datasets: { created: 0, existing: 6 },
    });
  });

  it('gives list items the shape the home page reads', async () => {
    const body = (await ctx.test.inject('/api/v1/datasets?sort=downloads&pageSize=1')).json();
    expect(body.items[0]).toEqual(
      expect.objectContaining({
        id: expect.any(String),
        title: '新冠疫苗接种点信息',
        description: expect.any(String),
        organization: { id: wjw, name: '德州市卫生健康委员会' },
        domains: [{ code: 'health', name: '卫生健康' }],
        updatedAt: '2026-11-15T02:00:00.000Z',
        downloads: 500,
        views: 50,
        formats: ['JSON'],
        openType: 'unconditional',
        recordCount: 150,
        ratingAvg: 4.8,
      }),
    );
  });

  it('answers bad query parameters with 400 naming the parameter', async () => {
    for (const [query, name] of [
      ['sort=popular', '"sort"'],
      ['order=up', '"order"'],
      ['page=0', '"page"'],
      ['page=999', '"page"'],
      ['pageSize=101', '"pageSize"'],
      ['openType=secret', '"openType'],
      ['grade=9', '"grade'],
      ['org=not-a-uuid', '"org'],
      ['domain=Bad%20Code', '"domain'],
      ['colour=red', '"colour"'],
    ] as const) {
      const response = await ctx.test.inject(`/api/v1/datasets?${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.json().message, query).toContain(name);
    }
  });

  it('hides drafts from guests and other organisations, shows them to their own admins', async () => {
    const guest = (await ctx.test.inject('/api/v1/datasets?q=客流')).json();
    expect(guest.total).toBe(0);
    expect((await ctx.test.inject('/api/v1/datasets?state=draft')).json().total).toBe(0);
    const own = (
      await ctx.test.inject({
        url: '/api/v1/datasets?state=draft',
        headers: transportAdmin.headers,
      })
    ).json();
    expect(own.items.map((i: { title: string }) => i.title)).toEqual(['公交刷卡客流统计']);
    const other = await ctx.test.inject({
      url: '/api/v1/datasets?state=draft',
      headers: healthAdmin.headers,
    });
    expect(other.json().total).toBe(0);
    const all = await ctx.test.inject({
      url: '/api/v1/datasets?state=any',
      headers: platform.headers,
    });
    expect(all.json().total).toBe(6);

    const draftId = own.items[0].id;
    expect((await ctx.test.inject(`/api/v1/datasets/${draftId}`)).statusCode).toBe(404);
    expect(
      (await ctx.test.inject({ url: `/api/v1/datasets/${draftId}`, headers: healthAdmin.headers }))
        .statusCode,
    ).toBe(404);
    expect(
      (
        await ctx.test.inject({
          url: `/api/v1/datasets/${draftId}`,
          headers: transportAdmin.headers,
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (await ctx.test.inject({ url: `/api/v1/datasets/${draftId}`, headers: platform.headers }))
        .statusCode,
    ).toBe(200);
  });

  it('tells each reader what they may do with a dataset (`can`), decided by the same rights as the writes', async () => {
    const bus = (await ctx.test.inject('/api/v1/datasets?q=公交线路')).json().items[0];
    const canOf = async (headers?: Record<string, string>) =>
      (
        await ctx.test.inject({
          url: `/api/v1/datasets/${bus.id}`,
          ...(headers ? { headers } : {}),
        })
      ).json().can;
    expect(await canOf()).toEqual({ edit: false, publish: false });
    expect(await canOf(healthAdmin.headers)).toEqual({ edit: false, publish: false });
    expect(await canOf((await loginAs(ctx.test, { verified: true })).headers)).toEqual({
      edit: false,
      publish: false,
    });
    expect(await canOf(transportAdmin.headers)).toEqual({ edit: true, publish: true });
    expect(await canOf(platform.headers)).toEqual({ edit: true, publish: true });
  });

  it('lists the licences a dataset may carry', async () => {
    const response = await ctx.test.inject('/api/v1/licences');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.items.map((l: { code: string }) => l.code)).toEqual([
      'open-unconditional-1.0',
      'open-conditional-1.0',
      'cc-by-4.0',
    ]);
    expect(body.items[0]).toEqual({
      code: 'open-unconditional-1.0',
      name: '公共数据开放许可协议（无条件开放）',
      url: '/license',
      summary: expect.stringContaining('无条件开放'),
    });
    expect(body.total).toBe(3);
  });

  it('gives a publisher the organisations and datasets they may edit, in every state', async () => {
    const orgsFor = async (headers?: Record<string, string>) =>
      (
        await ctx.test.inject({
          url: '/api/v1/organizations?editable=true',
          ...(headers ? { headers } : {}),
        })
      )
        .json()
        .items.map((o: { id: string }) => o.id);
    expect(await orgsFor()).toEqual([]);
    expect(await orgsFor((await loginAs(ctx.test, { verified: true })).headers)).toEqual([]);
    expect(await orgsFor(transportAdmin.headers)).toEqual([jtj]);
    expect(await orgsFor(platform.headers)).toHaveLength(3);
    expect((await ctx.test.inject('/api/v1/organizations?colour=red')).statusCode).toBe(400);

    const list = (query: string, headers?: Record<string, string>) =>
      ctx.test.inject({
        url: `/api/v1/datasets?editable=true&${query}`,
        ...(headers ? { headers } : {}),
      });
    const own = (await list('state=any', transportAdmin.headers)).json();
    expect(own.total).toBe(3);
    expect(
      new Set(own.items.map((i: { organization: { id: string } }) => i.organization.id)),
    ).toEqual(new Set([jtj]));
    expect(own.items.map((i: { state: string }) => i.state).sort()).toEqual([
      'draft',
      'published',
      'published',
    ]);
    // Without `state`, a publisher's list is still only what they may edit (published ones).
    expect((await list('', transportAdmin.headers)).json().total).toBe(2);
    expect((await list('state=any', platform.headers)).json().total).toBe(6);
    expect((await list(`state=any&org=${wjw}`, platform.headers)).json().total).toBe(2);
    const foreign = await list(`state=any&org=${wjw}`, transportAdmin.headers);
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().message).toContain(wjw);
    expect((await list('state=any')).statusCode).toBe(401);
    const user = await list('state=any', (await loginAs(ctx.test, { verified: true })).headers);
    expect(user.statusCode).toBe(403);
  });

  it('lets a provider admin create, edit, publish and delete their own datasets', async () => {
    const created = await ctx.test.inject({
      method: 'POST',
      url: '/api/v1/datasets',
      payload: newDataset(jtj),
      headers: transportAdmin.headers,
    });
    expect(created.statusCode, created.payload).toBe(201);
    const dataset = created.json();
    expect(dataset).toMatchObject({
      state: 'draft',
      formats: ['CSV', 'JSON'],
      licence: { code: 'open-unconditional-1.0' },
      version: 1,
      organization: { id: jtj, name: '德州市交通运输局' },
    });
    expect(dataset.fields[1].dictionary).toHaveLength(2);
    expect((await ctx.test.inject('/api/v1/datasets?q=自行车')).json().total).toBe(0);

    // A cookie write without the CSRF header is refused by auth-sso.
    const noCsrf = await ctx.test.inject({
      method: 'PATCH',
      url: `/api/v1/datasets/${dataset.id}`,
      payload: { state: 'published' },
      headers: { cookie: transportAdmin.headers.cookie },
    });
    expect(noCsrf.statusCode).toBe(403);

    const published = await ctx.test.inject({
      method: 'PATCH',
      url: `/api/v1/datasets/${dataset.id}`,
      payload: { state: 'published', tags: ['自行车', '共享单车'] },
      headers: transportAdmin.headers,
    });
    expect(published.statusCode, published.payload).toBe(200);
    expect(published.json()).toMatchObject({ state: 'published', version: 2 });
    expect(published.json().publishedAt).toEqual(expect.any(String));
    const found = (await ctx.test.inject('/api/v1/datasets?q=单车')).json();
    expect(found.items.map((i: { id: string }) => i.id)).toEqual([dataset.id]);
    // Field labels are searchable too.
    expect((await ctx.test.inject('/api/v1/datasets?q=车桩')).json().total).toBe(1);

    const gone = await ctx.test.inject({
      method: 'DELETE',
      url: `/api/v1/datasets/${dataset.id}`,
      headers: transportAdmin.headers,
    });
    expect(gone.statusCode).toBe(204);
    expect((await ctx.test.inject(`/api/v1/datasets/${dataset.id}`)).statusCode).toBe(404);

    // Publishing right away, in the create itself.
    const direct = await ctx.test.inject({
      method: 'POST',
      url: '/api/v1/datasets',
      payload: {
        title: '德州市汽车客运站信息',
        organizationId: jtj,
        domains: ['transport'],
        openType: 'unconditional',
        updateCycle: 'yearly',
        updateMethod: 'full',
        state: 'published',
      },
      headers: transportAdmin.headers,
    });
    expect(direct.statusCode, direct.payload).toBe(201);
    expect((await ctx.test.inject('/api/v1/datasets?q=客运站')).json().total).toBe(1);
  });

  it('guards edits with ETag and If-Match: a stale version is a 412 that stores nothing', async () => {
    const created = await ctx.test.inject({
      method: 'POST',
      url: '/api/v1/datasets',
      payload: newDataset(jtj, { title: '德州市出租车站点信息' }),
      headers: transportAdmin.headers,
    });
    expect(created.statusCode, created.payload).toBe(201);
    const id: string = created.json().id;
    const read = () =>
      ctx.test.inject({ url: `/api/v1/datasets/${id}`, headers: transportAdmin.headers });
    const patch = (payload: object, ifMatch?: string) =>
      ctx.test.inject({
        method: 'PATCH',
        url: `/api/v1/datasets/${id}`,
        payload,
        headers: { ...transportAdmin.headers, ...(ifMatch ? { 'if-match': ifMatch } : {}) },
      });

    // The tag names the version, even when the body is compressed; the body and the caching
    // header are as before.
    const opened = await ctx.test.inject({
      url: `/api/v1/datasets/${id}`,
      headers: { ...transportAdmin.headers, 'accept-encoding': 'gzip' },
    });
    expect(opened.headers['content-encoding']).toBe('gzip');
    expect(opened.headers.etag).toBe('"v1"');
    expect(opened.headers['cache-control']).toBe('no-cache');
    expect(opened.headers['content-type']).toContain('application/json');
    // Always a full answer: `can`, `access` and `views` change without a new version.
    const revalidated = await ctx.test.inject({
      url: `/api/v1/datasets/${id}`,
      headers: { ...transportAdmin.headers, 'if-none-match': '"v1"' },
    });
    expect(revalidated.statusCode).toBe(200);
    expect(revalidated.json()).toMatchObject({ id, version: 1, can: { edit: true } });

    // Someone else saves first, with the version they opened: accepted.
    const first = await patch({ title: '德州市出租车扬招站信息' }, '"v1"');
    expect(first.statusCode, first.payload).toBe(200);
    expect(first.json()).toMatchObject({ version: 2 });
    expect((await read()).headers.etag).toBe('"v2"');

    // The second editor still holds v1: refused, with what happened and what to do.
    const stale = await patch({ title: '被覆盖的标题', recordCount: 1 }, '"v1"');
    expect(stale.statusCode).toBe(412);
    const message: string = stale.json().message;
    expect(message).toContain('changed by someone else since you opened it');
    expect(message).toContain(first.json().updatedAt);
    expect(message).toContain('reload');
    // A weak tag never matches in If-Match.
    expect((await patch({ recordCount: 2 }, 'W/"v2"')).statusCode).toBe(412);
    const unchanged = (await read()).json();
    expect(unchanged).toMatchObject({
      title: '德州市出租车扬招站信息',
      recordCount: 320,
      version: 2,
    });

    // The current tag (one of several listed) is accepted.
    const current = await patch({ recordCount: 400 }, '"v1", "v2"');
    expect(current.statusCode, current.payload).toBe(200);
    expect(current.json()).toMatchObject({ recordCount: 400, version: 3 });
    // Without If-Match (API scripts) or with `*`, as before.
    expect((await patch({ recordCount: 401 })).json()).toMatchObject({ version: 4 });
    expect((await patch({ recordCount: 402 }, '*')).json()).toMatchObject({ version: 5 });

    // A delete with a stale tag deletes nothing; with the current one it deletes.
    const remove = (ifMatch: string) =>
      ctx.test.inject({
        method: 'DELETE',
        url: `/api/v1/datasets/${id}`,
        headers: { ...transportAdmin.headers, 'if-match': ifMatch },
      });
    const staleDelete = await remove('"v4"');
    expect(staleDelete.statusCode).toBe(412);
    expect(staleDelete.json().message).toContain('changed by someone else');
    expect((await read()).statusCode).toBe(200);
    expect((await remove('"v5"')).statusCode).toBe(204);
    expect((await read()).statusCode).toBe(404);
  });

  it('makes a write that lost the race a 412 too: the version is checked in the UPDATE itself', async () => {
    const created = await ctx.test.inject({
      method: 'POST',
      url: '/api/v1/datasets',
      payload: newDataset(jtj, { title: '德州市公交站台信息' }),
      headers: transportAdmin.headers,
    });
    const id: string = created.json().id;
    const patch = (title: string, ifMatch?: string) =>
      ctx.test.inject({
        method: 'PATCH',
        url: `/api/v1/datasets/${id}`,
        payload: { title },
        headers: { ...transportAdmin.headers, ...(ifMatch ? { 'if-match': ifMatch } : {}) },
      });
    // The request reads v1 and its If-Match passes; `interleave` commits v2 before its write.
    const lost = await patch(`${RACE}站台`, '"v1"');
    expect(lost.statusCode, lost.payload).toBe(412);
    expect(lost.json().message).toContain('changed by someone else');
    const stored = (
      await ctx.test.inject({ url: `/api/v1/datasets/${id}`, headers: transportAdmin.headers })
    ).json();
    expect(stored).toMatchObject({ title: '德州市公交站台信息', recordCount: 7, version: 2 });
    // Without If-Match the same race stays the version guard's 409.
    expect((await patch(`${RACE}站点`)).statusCode).toBe(409);
  });

  it("refuses a provider admin on another organisation's dataset, and guests everywhere", async () => {
    const bus = (await ctx.test.inject('/api/v1/datasets?q=公交线路')).json().items[0];
    const patch = await ctx.test.inject({
      method: 'PATCH',
      url: `/api/v1/datasets/${bus.id}`,
      payload: { title: '被篡改的标题' },
      headers: healthAdmin.headers,
    });
    expect(patch.statusCode).toBe(403);
    expect(patch.json().message).toContain(jtj);
    const remove = await ctx.test.inject({
      method: 'DELETE',
      url: `/api/v1/datasets/${bus.id}`,
      headers: healthAdmin.headers,
    });
    expect(remove.statusCode).toBe(403);
    const create = await ctx.test.inject({
      method: 'POST',
      url: '/api/v1/datasets',
      payload: newDataset(jtj),
      headers: healthAdmin.headers,
    });
    expect(create.statusCode).toBe(403);
    // Moving one's own dataset into another organisation is refused as well.
    const vax = (await ctx.test.inject('/api/v1/datasets?q=疫苗')).json().items[0];
    const move = await ctx.test.inject({
      method: 'PATCH',
      url: `/api/v1/datasets/${vax.id}`,
      payload: { organizationId: jtj },
      headers: healthAdmin.headers,
    });
    expect(move.statusCode).toBe(403);
    const guest = await ctx.test.inject({
      method: 'POST',
      url: '/api/v1/datasets',
      payload: newDataset(jtj),
    });
    expect(guest.statusCode).toBe(401);
    const user = await ctx.test.inject({
      method: 'POST',
      url: '/api/v1/datasets',
      payload: newDataset(jtj),
      headers: (await loginAs(ctx.test, { verified: true })).headers,
    });
    expect(user.statusCode).toBe(403);
    const unchanged = (await ctx.test.inject(`/api/v1/datasets/${bus.id}`)).json();
    expect(unchanged.title).toBe('德州市公交线路信息');
    // A platform admin may edit any organisation's dataset.
    const admin = await ctx.test.inject({
      method: 'PATCH',
      url: `/api/v1/datasets/${bus.id}`,
      payload: { recordCount: 1250 },
      headers: platform.headers,
    });
    expect(admin.json()).toMatchObject({ recordCount: 1250, title: '德州市公交线路信息' });
  });

  it('rejects invalid datasets with messages that name the field, and stores nothing', async () => {
    const post = (payload: object) =>
      ctx.test.inject({
        method: 'POST',
        url: '/api/v1/datasets',
        payload,
        headers: platform.headers,
      });
    const missing = await post({ title: '缺少字段' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().message).toContain('"organizationId" is required');
    const cycle = await post(newDataset(jtj, { updateCycle: 'hourly' }));
    expect(cycle.json().message).toContain('"updateCycle" must be one of');
    const domain = await post(newDataset(jtj, { domains: ['space-travel'] }));
    expect(domain.statusCode).toBe(400);
    expect(domain.json().message).toContain('"domains" has unknown codes: space-travel');
    const scenario = await post(newDataset(jtj, { scenarios: ['transport'] }));
    expect(scenario.json().message).toContain('"scenarios" has unknown codes: transport');
    const org = await post(newDataset('3f0e4a56-2d0b-4f59-8d55-9a1c1c0c2b1e'));
    expect(org.json().message).toContain('"organizationId"');
    expect((await ctx.test.inject('/api/v1/datasets?q=自行车')).json().total).toBe(0);
  });

  it('shows the detail with licence and access, counting a view once per visitor per day', async () => {
    const hosp = (await ctx.test.inject('/api/v1/datasets?q=医疗机构')).json().items[0];
    const first = (await ctx.test.inject(`/api/v1/datasets/${hosp.id}`)).json();
    expect(first).toMatchObject({
      title: '德州市医疗机构名录',
      updateCycle: 'yearly',
      updateMethod: 'primary-key',
      fields: [{ name: 'level', label: '医院等级', type: 'string' }],
      licence: { code: 'open-unconditional-1.0', summary: expect.stringContaining('免费') },
      access: { allowed: true },
      views: 801,
    });
    const again = (await ctx.test.inject(`/api/v1/datasets/${hosp.id}`)).json();
    expect(again.views).toBe(801);
    const other = (
      await ctx.test.inject({
        url: `/api/v1/datasets/${hosp.id}`,
        headers: { 'user-agent': 'other' },
      })
    ).json();
    expect(other.views).toBe(802);

    const taxi = (await ctx.test.inject('/api/v1/datasets?openType=conditional')).json().items[0];
    const conditional = (await ctx.test.inject(`/api/v1/datasets/${taxi.id}`)).json();
    expect(conditional.access).toMatchObject({
      allowed: false,
      reason: expect.stringContaining('登录'),
    });
    const closed = (await ctx.test.inject('/api/v1/datasets?openType=closed')).json().items[0];
    expect((await ctx.test.inject(`/api/v1/datasets/${closed.id}`)).json().access.allowed).toBe(
      false,
    );
  });

  it('offers `kaifang reindex`, which rebuilds the index with progress', async () => {
    const progress: [number, number][] = [];
    const log: string[] = [];
    await ctx.test.kernel.runCommand('reindex', {
      progress: (done, total) => progress.push([done, total]),
      log: (message) => log.push(message),
    });
    expect(progress.at(-1)?.[0]).toBe(progress.at(-1)?.[1]);
    expect(log[0]).toMatch(/^reindexed \d+ datasets into postgres/);
    expect((await ctx.test.inject('/api/v1/datasets?q=公交线路')).json().total).toBe(1);
  });
});
