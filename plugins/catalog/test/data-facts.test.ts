import { type LoggedIn, loginAs } from '@kaifang/plugin-auth-sso/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE } from './support/fixture.ts';
import { bootCatalog, type CatalogTest } from './support/harness.ts';

/** D5's declared primary key, and the facts the datastore writes back after a load (C4). */
describe('primary key and data facts', () => {
  let ctx: CatalogTest;
  let jtj: string;
  let admin: LoggedIn;

  const fields = [
    { name: 'station', label: '站点名称', type: 'string', description: '站点的正式名称' },
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
  ];
  const create = (extra: object) =>
    ctx.test.inject({
      method: 'POST',
      url: '/api/v1/datasets',
      headers: admin.headers,
      payload: {
        title: '德州市公共自行车站点',
        organizationId: jtj,
        domains: ['transport'],
        openType: 'unconditional',
        updateCycle: 'daily',
        updateMethod: 'primary-key',
        state: 'published',
        ...extra,
      },
    });
  const patch = (id: string, payload: object) =>
    ctx.test.inject({
      method: 'PATCH',
      url: `/api/v1/datasets/${id}`,
      headers: admin.headers,
      payload,
    });

  beforeAll(async () => {
    ctx = await bootCatalog();
    await ctx.api.importContent(FIXTURE);
    const orgs = (await ctx.test.inject('/api/v1/organizations')).json().items;
    jtj = orgs.find((o: { code: string }) => o.code === 'jtj').id;
    admin = await loginAs(ctx.test, { roles: ['user', 'provider-admin'], organisationId: jtj });
  });
  afterAll(() => ctx?.test.close());

  it('declares a primary key over fields of the dictionary, and refuses one that is not', async () => {
    const created = await create({ fields, primaryKey: ['station'] });
    expect(created.statusCode, created.payload).toBe(201);
    const { id } = created.json();
    expect(created.json().primaryKey).toEqual(['station']);
    expect((await ctx.test.inject(`/api/v1/datasets/${id}`)).json().primaryKey).toEqual([
      'station',
    ]);
    expect((await ctx.api.get(id))?.primaryKey).toEqual(['station']);

    const unknown = await create({ fields, primaryKey: ['station', 'nope'] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().message).toMatch(/"primaryKey" names 'nope'/);

    const composite = await patch(id, { primaryKey: ['station', 'docks'] });
    expect(composite.statusCode, composite.payload).toBe(200);
    expect(composite.json().primaryKey).toEqual(['station', 'docks']);

    // Dropping a key field from the dictionary while the key names it is refused.
    const dropped = await patch(id, { fields: fields.slice(1) });
    expect(dropped.statusCode).toBe(400);
    expect(dropped.json().message).toMatch(/'station'/);

    const duplicate = await patch(id, { primaryKey: ['docks', 'docks'] });
    expect(duplicate.statusCode).toBe(400);
    expect(duplicate.json().message).toMatch(/primaryKey/);

    // Without a dictionary yet (no data loaded), any key may be declared; [] clears it.
    const bare = await create({ primaryKey: ['线路编号'] });
    expect(bare.statusCode, bare.payload).toBe(201);
    expect((await patch(bare.json().id, { primaryKey: [] })).json().primaryKey).toEqual([]);
    // Datasets that never declared one answer [].
    const bus = (await ctx.test.inject('/api/v1/datasets?q=公交线路')).json().items[0];
    expect((await ctx.test.inject(`/api/v1/datasets/${bus.id}`)).json().primaryKey).toEqual([]);
  });

  it('writes back record count, formats and the inferred dictionary, keeping what admins wrote', async () => {
    const created = (await create({ fields, primaryKey: ['station'], formats: ['CSV'] })).json();
    const before = (await ctx.api.get(created.id))!;
    await new Promise((resolve) => setTimeout(resolve, 5));

    await ctx.api.setDataFacts(created.id, {
      recordCount: 1234,
      formats: ['csv', 'xlsx', 'JSON', 'XML'],
      fields: [
        { name: 'station', label: 'station', type: 'string' },
        { name: 'docks', label: 'docks', type: 'decimal' },
        { name: '运营企业', label: '运营企业', type: 'string' },
      ],
    });
    const after = (await ctx.api.get(created.id))!;
    expect(after).toMatchObject({
      recordCount: 1234,
      formats: ['CSV', 'XLSX', 'JSON', 'XML'],
      primaryKey: ['station'],
      version: before.version + 1,
      state: 'published',
    });
    expect(after.fields).toEqual([
      { name: 'station', label: '站点名称', type: 'string', description: '站点的正式名称' },
      { name: 'docks', label: '车桩数', type: 'decimal', unit: '个' },
      { name: '运营企业', label: '运营企业', type: 'string' },
    ]);
    expect(Date.parse(after.updatedAt)).toBeGreaterThan(Date.parse(before.updatedAt));
    // The new field label is searchable at once, and the list shows the new figures.
    const found = (await ctx.test.inject('/api/v1/datasets?q=运营企业')).json();
    expect(found.items.map((item: { id: string }) => item.id)).toEqual([created.id]);
    expect(found.items[0]).toMatchObject({
      recordCount: 1234,
      formats: ['CSV', 'XLSX', 'JSON', 'XML'],
    });

    // An admin can edit the Chinese-named field the data brought (header text as its name).
    const relabel = await patch(created.id, {
      fields: after.fields.map((field) =>
        field.name === '运营企业' ? { ...field, label: '运营单位', unit: '家' } : field,
      ),
    });
    expect(relabel.statusCode, relabel.payload).toBe(200);

    // A load without the key's field drops the key; one that says its key declares it.
    await ctx.api.setDataFacts(created.id, {
      recordCount: 10,
      formats: ['CSV'],
      fields: [{ name: 'docks', label: 'docks', type: 'integer' }],
    });
    expect((await ctx.api.get(created.id))?.primaryKey).toEqual([]);
    await ctx.api.setDataFacts(created.id, {
      recordCount: 10,
      formats: ['CSV'],
      fields: [
        { name: 'docks', label: 'docks', type: 'integer' },
        { name: '运营企业', label: '运营企业', type: 'string' },
      ],
      primaryKey: ['运营企业'],
    });
    const keyed = (await ctx.api.get(created.id))!;
    expect(keyed.primaryKey).toEqual(['运营企业']);
    // The label the admin wrote before the narrow load is gone with that load; this one is the header.
    expect(keyed.fields.find((field) => field.name === '运营企业')?.label).toBe('运营企业');

    await expect(
      ctx.api.setDataFacts('00000000-0000-4000-8000-000000000000', {
        recordCount: 1,
        formats: [],
        fields: [],
      }),
    ).rejects.toThrow(/no dataset/);
  });
});
