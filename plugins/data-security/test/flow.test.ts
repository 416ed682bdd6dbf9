import { idCheckCharacter } from '@kaifang/plugin-auth-sso';
import ExcelJS from 'exceljs';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStack, ingest, type Stack } from './support.ts';

const SURNAMES = '张王李赵刘陈杨黄周吴';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚';
const STREETS = ['新湖大街', '东风中路', '天衢西路', '湖滨北大道', '三八东路'];
const DISTRICTS = ['德城区', '陵城区', '禹城市', '乐陵市', '临邑县'];

/** A small generated file: ID numbers, mobiles, home addresses, names, and a mixed remarks column. */
function fixture(rows: number) {
  const raw = {
    ids: [] as string[],
    mobiles: [] as string[],
    addresses: [] as string[],
    names: [] as string[],
  };
  const lines = ['编号,姓名,身份证号,手机,家庭住址,备注,体检日期,金额'];
  for (let i = 0; i < rows; i++) {
    const first17 = `3714${String(2 + (i % 5)).padStart(2, '0')}19${String(50 + (i % 45))}${String(1 + (i % 12)).padStart(2, '0')}${String(1 + (i % 28)).padStart(2, '0')}${String(100 + i).slice(-3)}`;
    const id = `${first17}${idCheckCharacter(first17)}`;
    const mobile = `13${5 + (i % 4)}${String(53400000 + i * 7919)
      .padStart(8, '0')
      .slice(-8)}`;
    const district = DISTRICTS[i % DISTRICTS.length]!;
    const address = `山东省德州市${district}${STREETS[i % STREETS.length]}${100 + i}号${1 + (i % 6)}单元${200 + i}室`;
    const name = `${SURNAMES[i % SURNAMES.length]}${GIVEN[i % GIVEN.length]}${GIVEN[(i * 7) % GIVEN.length]}`;
    // Two stray ID numbers in sixty remarks: under the threshold, so the column is not flagged.
    const remark = i === 3 || i === 17 ? id : `第${i + 1}次随访正常`;
    raw.ids.push(id);
    raw.mobiles.push(mobile);
    raw.addresses.push(address);
    raw.names.push(name);
    lines.push(
      `${i + 1},${name},${id},${mobile},${address},${remark},2024-0${1 + (i % 9)}-1${i % 10},${(i * 13.5).toFixed(2)}`,
    );
  }
  return { csv: `${lines.join('\n')}\n`, raw };
}

describe('data-security on the real stack', () => {
  const log: string[] = [];
  let stack: Stack;
  let datasetId: string;
  const { csv, raw } = fixture(60);
  // Every raw value: the two stray ID numbers in the remarks column too (the column is not
  // flagged, but `scrubStrays` masks ID numbers, mobiles and e-mails inside unflagged text).
  const secrets = [...raw.ids, ...raw.mobiles, ...raw.addresses, ...raw.names];

  beforeAll(async () => {
    const logger = pino({ level: 'trace' }, { write: (line: string) => void log.push(line) });
    stack = await createStack({ logger });
    datasetId = await stack.draft();
  });
  afterAll(() => stack?.test.close());

  it('detects the sensitive columns at ingest and reports shares; the mixed column is not flagged', async () => {
    const { test, provider } = stack;
    expect(await ingest(test, datasetId, provider.headers, csv)).toMatchObject({
      state: 'completed',
    });
    const status = (
      await test.inject({
        url: `/api/v1/data-security/datasets/${datasetId}`,
        headers: provider.headers,
      })
    ).json();
    const byField = Object.fromEntries(
      status.columns.map((c: { field: string }) => [c.field, c]),
    ) as Record<
      string,
      {
        detectedType: string | null;
        flagged: boolean;
        share: number;
        matches: Record<string, number>;
      }
    >;
    expect(byField.身份证号).toMatchObject({ detectedType: 'id-card', flagged: true, share: 1 });
    expect(byField.手机).toMatchObject({ detectedType: 'mobile', flagged: true, share: 1 });
    expect(byField.家庭住址).toMatchObject({ detectedType: 'address', flagged: true, share: 1 });
    expect(byField.姓名).toMatchObject({ detectedType: 'name', flagged: true });
    expect(byField.备注).toMatchObject({ detectedType: null, flagged: false });
    expect(byField.备注!.matches).toEqual({ 'id-card': 2 });
    expect(byField.金额!.flagged).toBe(false);
    expect(status.blockers).toHaveLength(4);
    expect(status.publishable).toBe(false);
  });

  it('shows the provider a masking preview, raw rows to its own organisation only', async () => {
    const { test, provider, otherProvider, admin } = stack;
    const url = `/api/v1/data-security/datasets/${datasetId}/preview`;
    const own = (await test.inject({ url, headers: provider.headers })).json();
    expect(own.before[0]).toMatchObject({ 身份证号: raw.ids[0], 手机: raw.mobiles[0] });
    expect(own.after[0].身份证号).toBe(
      `${raw.ids[0]!.slice(0, 6)}********${raw.ids[0]!.slice(-4)}`,
    );
    expect(own.after[0].手机).toBe(
      `${raw.mobiles[0]!.slice(0, 3)}****${raw.mobiles[0]!.slice(-4)}`,
    );
    expect(own.after[0].家庭住址).toBe('山东省德州市德城区');
    expect(own.after[0].备注).toBe('第1次随访正常');
    expect(own.before[3].备注).toBe(raw.ids[3]);
    expect(own.after[3].备注).toBe(`${raw.ids[3]!.slice(0, 6)}********${raw.ids[3]!.slice(-4)}`);
    const platform = (await test.inject({ url, headers: admin.headers })).json();
    expect(platform.before).toBeNull();
    expect(platform.after[0].身份证号).toBe(own.after[0].身份证号);
    expect((await test.inject({ url, headers: otherProvider.headers })).statusCode).toBe(404);
    expect((await test.inject({ url })).statusCode).toBe(401);
  });

  it('blocks publication until every sensitive column has a rule or a "not sensitive" decision', async () => {
    const { test, provider, admin } = stack;
    const patch = await test.inject({
      method: 'PATCH',
      url: `/api/v1/datasets/${datasetId}`,
      headers: provider.headers,
      payload: { state: 'published' },
    });
    expect(patch.statusCode).toBe(409);
    expect(patch.json().message).toMatch(/身份证号/);
    // Even a platform admin cannot go around the review.
    const byAdmin = await test.inject({
      method: 'PATCH',
      url: `/api/v1/datasets/${datasetId}`,
      headers: admin.headers,
      payload: { state: 'published' },
    });
    expect(byAdmin.statusCode).toBe(409);

    const submitted = await test.inject({
      method: 'POST',
      url: `/api/v1/data-security/datasets/${datasetId}/submit`,
      headers: provider.headers,
    });
    expect(submitted.statusCode).toBe(201);
    const { reviewItemId } = submitted.json();
    expect(submitted.json().blockers).toHaveLength(4);

    const decide = (payload: Record<string, unknown>) =>
      test.inject({
        method: 'POST',
        url: `/api/v1/reviews/${reviewItemId}/decision`,
        headers: admin.headers,
        payload,
      });
    const early = await decide({ decision: 'approve', remark: '同意' });
    expect(early.statusCode).toBe(409);
    expect(early.json().message).toMatch(/手机.*neither a masking rule/);
    expect((await test.kernel.api('catalog').get(datasetId))!.state).toBe('draft');

    // The provider confirms the default rules for three columns and hashes the mobiles instead.
    const setRule = (field: string, rule: unknown) =>
      test.inject({
        method: 'PUT',
        url: `/api/v1/data-security/datasets/${datasetId}/rules`,
        headers: provider.headers,
        payload: { field, rule },
      });
    expect((await setRule('身份证号', { kind: 'keep', first: 6, last: 4 })).statusCode).toBe(200);
    expect((await setRule('家庭住址', { kind: 'generalise', to: 'district' })).statusCode).toBe(
      200,
    );
    const hashed = await setRule('手机', { kind: 'hash' });
    expect(hashed.json()).toMatchObject({ reloadNeeded: true });
    expect((await setRule('手机', { kind: 'sha1' })).statusCode).toBe(400);
    const stale = await decide({
      decision: 'approve',
      remark: '同意',
      fields: { notSensitive: '姓名' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().message).toMatch(/手机.*upload the file again/);

    // Loading again applies the hash inside the stream: a stable pseudonym per number.
    expect(await ingest(test, datasetId, provider.headers, csv)).toMatchObject({
      state: 'completed',
    });
    const records = (
      await test.inject({
        url: `/api/v1/datasets/${datasetId}/records?limit=100&sort=编号`,
        headers: provider.headers,
      })
    ).json().records as Record<string, unknown>[];
    expect(records[0]!.手机).toMatch(/^[0-9a-f]{16}$/);
    expect(new Set(records.map((r) => r.手机)).size).toBe(new Set(raw.mobiles).size);

    const approved = await decide({
      decision: 'approve',
      remark: '脱敏规则符合要求',
      fields: { notSensitive: '姓名' },
    });
    expect(approved.statusCode).toBe(200);
    expect((await test.kernel.api('catalog').get(datasetId))!.state).toBe('published');

    const audit = (
      await test.inject({
        url: `/api/v1/data-security/audit?datasetId=${datasetId}&limit=200`,
        headers: admin.headers,
      })
    ).json();
    const actions = audit.items.map(
      (e: { action: string; actorId: string; field: string | null }) =>
        `${e.action}:${e.field ?? ''}:${e.actorId}`,
    );
    expect(actions).toContain(`rule.set:身份证号:${provider.user.id}`);
    expect(actions).toContain(`rule.set:手机:${provider.user.id}`);
    expect(actions).toContain(`field.not-sensitive:姓名:${admin.user.id}`);
    expect(actions).toContain(`publication.approved::${admin.user.id}`);
    expect(actions).toContain(`publication.submitted::${provider.user.id}`);
    expect(
      (await test.inject({ url: '/api/v1/data-security/audit', headers: provider.headers }))
        .statusCode,
    ).toBe(403);
  });

  it('no raw value reaches the records, preview, any download, the search index, the database or the log', async () => {
    const { test } = stack;
    const found = (where: string, text: string) => {
      const hits = secrets.filter((secret) => text.includes(secret));
      return hits.length > 0 ? `${where}: ${hits.slice(0, 3).join(', ')}` : undefined;
    };
    const problems: (string | undefined)[] = [];
    const records = await test.inject(`/api/v1/datasets/${datasetId}/records?limit=1000`);
    expect(records.json().records).toHaveLength(60);
    problems.push(found('records', records.payload));
    const preview = await test.inject(`/api/v1/datasets/${datasetId}/preview?rows=100`);
    expect(preview.statusCode).toBe(200);
    problems.push(found('preview', preview.payload));
    for (const format of ['csv', 'json', 'xml']) {
      const download = await test.inject(`/api/v1/datasets/${datasetId}/download?format=${format}`);
      expect(download.statusCode, format).toBe(200);
      // The masked form is there (so the scan reads real content), the raw one is not.
      expect(download.payload).toContain(
        `${raw.ids[5]!.slice(0, 6)}********${raw.ids[5]!.slice(-4)}`,
      );
      problems.push(found(format, download.payload));
    }
    const xlsx = await test.inject(`/api/v1/datasets/${datasetId}/download?format=xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const cells: string[] = [];
    for (const sheet of workbook.worksheets)
      sheet.eachRow((row) => cells.push(JSON.stringify(row.values)));
    expect(cells.length).toBeGreaterThan(60);
    problems.push(found('xlsx', cells.join('\n')));
    for (const secret of [raw.ids[0]!, raw.mobiles[0]!, raw.names[0]!]) {
      const search = (await test.inject(`/api/v1/datasets?q=${encodeURIComponent(secret)}`)).json();
      expect(search.total, secret).toBe(0);
    }
    // Every table of every schema, the catalogue's search vectors included.
    const client = new pg.Client({ connectionString: test.databaseUrl });
    await client.connect();
    try {
      const tables = await client.query<{ schema: string; name: string }>(
        `select table_schema as schema, table_name as name from information_schema.tables
         where table_schema not in ('pg_catalog', 'information_schema') and table_type = 'BASE TABLE'`,
      );
      expect(tables.rows.some((t) => t.schema === 'data')).toBe(true);
      for (const table of tables.rows) {
        const rows = await client.query(
          `select t::text as row from ${client.escapeIdentifier(table.schema)}.${client.escapeIdentifier(table.name)} t`,
        );
        problems.push(
          found(`${table.schema}.${table.name}`, rows.rows.map((r) => r.row).join('\n')),
        );
      }
    } finally {
      await client.end();
    }
    expect(log.some((line) => line.includes('masking rules applied'))).toBe(true);
    problems.push(found('log', log.join('\n')));
    expect(problems.filter(Boolean)).toEqual([]);
  });

  it('refuses an open type that disagrees with the grade, naming the fields', async () => {
    const { test, provider } = stack;
    const patch = await test.inject({
      method: 'PATCH',
      url: `/api/v1/datasets/${datasetId}`,
      headers: provider.headers,
      payload: { grade: 2 },
    });
    expect(patch.statusCode).toBe(400);
    expect(patch.json().message).toMatch(/"openType" 'unconditional'.*"grade" 2/);
    const created = await test.inject({
      method: 'POST',
      url: '/api/v1/datasets',
      headers: provider.headers,
      payload: {
        title: '德州市在押人员名册',
        organizationId: stack.organisationId,
        domains: ['health'],
        openType: 'conditional',
        grade: 4,
        classifications: ['人口', '公共安全'],
        updateCycle: 'yearly',
        updateMethod: 'full',
      },
    });
    expect(created.statusCode).toBe(400);
    expect(created.json().message).toMatch(/"openType" 'conditional'.*"grade" 4/);
    // Several classes are fine when the open type fits.
    const fits = await stack.draft({
      openType: 'conditional',
      grade: 3,
      classifications: ['人口', '卫生健康'],
    });
    expect((await test.kernel.api('catalog').get(fits))!.classifications).toEqual([
      '人口',
      '卫生健康',
    ]);
  });

  it('a rejection returns the dataset to its provider with the remark', async () => {
    const { test, provider, admin } = stack;
    const draft = await stack.draft();
    const submitted = await test.inject({
      method: 'POST',
      url: `/api/v1/data-security/datasets/${draft}/submit`,
      headers: provider.headers,
    });
    expect(submitted.statusCode).toBe(201);
    const again = await test.inject({
      method: 'POST',
      url: `/api/v1/data-security/datasets/${draft}/submit`,
      headers: provider.headers,
    });
    expect(again.statusCode).toBe(409);
    const rejected = await test.inject({
      method: 'POST',
      url: `/api/v1/reviews/${submitted.json().reviewItemId}/decision`,
      headers: admin.headers,
      payload: { decision: 'reject', remark: '缺少数据项说明' },
    });
    expect(rejected.statusCode).toBe(200);
    const status = (
      await test.inject({
        url: `/api/v1/data-security/datasets/${draft}`,
        headers: provider.headers,
      })
    ).json();
    expect(status.submission).toMatchObject({
      state: 'rejected',
      remark: '缺少数据项说明',
      decidedBy: admin.user.id,
    });
    expect(status.state).toBe('draft');
  });

  it('a return keeps the review item: submitting again resubmits it; only reviewers decide fields', async () => {
    const { test, provider, admin } = stack;
    const draft = await stack.draft();
    expect(await ingest(test, draft, provider.headers, csv)).toMatchObject({ state: 'completed' });
    const decision = await test.inject({
      method: 'PUT',
      url: `/api/v1/data-security/datasets/${draft}/decisions`,
      headers: provider.headers,
      payload: { field: '姓名', sensitive: false },
    });
    expect(decision.statusCode).toBe(403);
    const submit = () =>
      test.inject({
        method: 'POST',
        url: `/api/v1/data-security/datasets/${draft}/submit`,
        headers: provider.headers,
      });
    const first = (await submit()).json();
    const returned = await test.inject({
      method: 'POST',
      url: `/api/v1/reviews/${first.reviewItemId}/decision`,
      headers: admin.headers,
      payload: { decision: 'return', remark: '请为身份证号设置脱敏规则' },
    });
    expect(returned.statusCode).toBe(200);
    const status = (
      await test.inject({
        url: `/api/v1/data-security/datasets/${draft}`,
        headers: provider.headers,
      })
    ).json();
    expect(status.submission).toMatchObject({
      state: 'returned',
      remark: '请为身份证号设置脱敏规则',
    });
    const again = await submit();
    expect(again.statusCode).toBe(201);
    expect(again.json().reviewItemId).toBe(first.reviewItemId);
    const item = (
      await test.inject({ url: `/api/v1/reviews/${first.reviewItemId}`, headers: admin.headers })
    ).json();
    expect(item.state).toBe('resubmitted');
  });
});
