import { definePlugin } from '@kaifang/sdk';
import type { TestKernel } from '@kaifang/sdk/testing';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEZHOU_DISTRICTS, demoCsv } from '../src/demo.ts';
import type { DatastoreApi } from '../src/plugin.ts';
import { type JobView, load, upload, waitJob } from './support/http.ts';
import { createStack, loginAs, type Stack } from './support/stack.ts';

/** What the data-security plugin will do: mask mobiles inside the ingest stream. */
const masking = definePlugin({
  name: 'masking',
  version: '0.1.0',
  kernel: '^0.1.0',
  requires: { datastore: '^0.1.0' },
  register(ctx) {
    ctx.pluginHooks.datastore!.beforeLoad.tapPromise(ctx.name, async (plan) => {
      for (const field of plan.fields) {
        if (field.name === '手机')
          plan.mask(field.name, (value) => value.replace(/^(\d{3})\d{4}(\d{4})$/, '$1****$2'));
      }
    });
  },
});

let datastoreApi: DatastoreApi | undefined;
/** Hands the test the datastore's API (seedDemoData). */
const probe = definePlugin({
  name: 'probe',
  version: '0.1.0',
  kernel: '^0.1.0',
  requires: { datastore: '^0.1.0' },
  start(ctx) {
    datastoreApi = ctx.plugins.datastore;
  },
});

async function rows(test: TestKernel, datasetId: string, query = '') {
  const response = await test.inject(`/api/v1/datasets/${datasetId}/records?limit=1000${query}`);
  expect(response.statusCode).toBe(200);
  return response.json().records as Record<string, unknown>[];
}

describe('datastore ingest', () => {
  let stack: Stack;
  let test: TestKernel;
  let admin: Record<string, string>;
  beforeAll(async () => {
    stack = await createStack({ plugins: [masking, probe] });
    test = stack.test;
    admin = stack.provider.headers;
  });
  afterAll(() => stack?.test.close());

  it('reads a GBK CSV and gives its Chinese text back unchanged', async () => {
    const dataset = await stack.add({ title: '德州市医疗机构名录' });
    const text =
      '机构名称,区县,床位数,成立日期\n德州市人民医院,德城区,1200,1952-03-01\n禹城市中医院,禹城市,480,1978-10-15\n"乐陵市妇幼保健院，分院",乐陵市,120,2001-06-30\n';
    const job = await load(test, dataset, admin, {
      name: '医疗机构.csv',
      content: iconv.encode(text, 'gbk'),
    });
    expect(job).toMatchObject({
      state: 'completed',
      phase: 'done',
      rowsDone: 3,
      percent: 100,
      encoding: 'gb18030',
    });
    const records = (await test.inject(`/api/v1/datasets/${dataset}/records`)).json();
    expect(records.fields).toEqual([
      { name: '机构名称', type: 'string' },
      { name: '区县', type: 'string' },
      { name: '床位数', type: 'integer' },
      { name: '成立日期', type: 'date' },
    ]);
    expect(records.records).toEqual([
      { 机构名称: '德州市人民医院', 区县: '德城区', 床位数: 1200, 成立日期: '1952-03-01' },
      { 机构名称: '禹城市中医院', 区县: '禹城市', 床位数: 480, 成立日期: '1978-10-15' },
      { 机构名称: '乐陵市妇幼保健院，分院', 区县: '乐陵市', 床位数: 120, 成立日期: '2001-06-30' },
    ]);
    expect(records.total).toBe(3);
    const preview = (await test.inject(`/api/v1/datasets/${dataset}/preview`)).json();
    expect(preview).toMatchObject({ recordCount: 3, formats: ['CSV', 'XLSX', 'JSON', 'XML'] });
  });

  it('fails a malformed CSV naming the line, and the previous rows stay readable', async () => {
    const dataset = await stack.add();
    const good = '\uFEFF名称,数量\n甲,1\n乙,2\n';
    expect((await load(test, dataset, admin, { name: 'good.csv', content: good })).state).toBe(
      'completed',
    );
    const bad = '名称,数量\n丙,3\n丁,4\n戊,5,多余\n己,6\n';
    const job = await load(test, dataset, admin, { name: 'bad.csv', content: bad });
    expect(job.state).toBe('failed');
    expect(job.error).toContain('line 4');
    const records = (await test.inject(`/api/v1/datasets/${dataset}/records`)).json();
    expect(records.records).toEqual([
      { 名称: '甲', 数量: 1 },
      { 名称: '乙', 数量: 2 },
    ]);
  });

  it('replaces all rows on a full update, appends on incremental, upserts on the key', async () => {
    const full = await stack.add();
    await load(test, full, admin, { name: 'a.csv', content: '名称,数量\n甲,1\n乙,2\n丙,3\n' });
    await load(test, full, admin, { name: 'b.csv', content: '名称,数量\n丁,4\n戊,5\n' });
    expect(await rows(test, full)).toEqual([
      { 名称: '丁', 数量: 4 },
      { 名称: '戊', 数量: 5 },
    ]);

    const incremental = await stack.add({ updateMethod: 'incremental' });
    await load(test, incremental, admin, { name: 'a.csv', content: '名称,数量\n甲,1\n乙,2\n' });
    const appended = await load(test, incremental, admin, {
      name: 'b.csv',
      content: '名称,数量\n丙,3\n乙,2\n',
    });
    expect(appended).toMatchObject({ state: 'completed', rowsDone: 2 });
    expect(await rows(test, incremental)).toEqual([
      { 名称: '甲', 数量: 1 },
      { 名称: '乙', 数量: 2 },
      { 名称: '丙', 数量: 3 },
      { 名称: '乙', 数量: 2 },
    ]);

    const keyed = await stack.add({ updateMethod: 'primary-key' });
    await load(test, keyed, admin, {
      name: 'a.csv',
      content: '编号,名称,金额\n0001,甲,10.50\n0002,乙,20\n0003,丙,30\n',
    });
    // 0002 changes (twice: the last row wins), 0004 is new, 0001 and 0003 stay.
    const upserted = await load(
      test,
      keyed,
      admin,
      { name: 'b.csv', content: '编号,名称,金额\n0002,乙改,21\n0004,丁,40\n0002,乙再改,22.25\n' },
      { primaryKey: '编号' },
    );
    expect(upserted.state).toBe('completed');
    expect(await rows(test, keyed, '&sort=编号')).toEqual([
      { 编号: '0001', 名称: '甲', 金额: 10.5 },
      { 编号: '0002', 名称: '乙再改', 金额: 22.25 },
      { 编号: '0003', 名称: '丙', 金额: 30 },
      { 编号: '0004', 名称: '丁', 金额: 40 },
    ]);
    expect((await test.inject(`/api/v1/datasets/${keyed}/preview`)).json().recordCount).toBe(4);

    // A value that does not fit the stored type fails the update, naming the line and field.
    const misfit = await load(test, keyed, admin, {
      name: 'c.csv',
      content: '编号,名称,金额\n0005,戊,50\n0006,己,五十\n',
    });
    expect(misfit.state).toBe('failed');
    expect(misfit.error).toMatch(/line 3: field '金额' holds '五十'/);
    expect(await rows(test, keyed)).toHaveLength(4);
  });

  it('publishes a full load before building its indexes, and reports both moments', async () => {
    const dataset = await stack.add();
    const content = ['编号,名称,日期,数量,金额'];
    for (let i = 1; i <= 300; i++)
      content.push(`A${i},设施${i},2024-03-${(i % 28) + 1},${i},${i}.25`);
    const job = (await load(
      test,
      dataset,
      admin,
      { name: 'indexed.csv', content: content.join('\n') },
      { primaryKey: '编号' },
    )) as JobView & { readableAt: string; startedAt: string; finishedAt: string };
    expect(job).toMatchObject({ state: 'completed', phase: 'done', rowsDone: 300 });
    expect(Date.parse(job.readableAt)).toBeGreaterThanOrEqual(Date.parse(job.startedAt));
    expect(Date.parse(job.finishedAt)).toBeGreaterThanOrEqual(Date.parse(job.readableAt));
    const client = new pg.Client({ connectionString: test.databaseUrl });
    await client.connect();
    try {
      const { rows: found } = await client.query<{ indexdef: string }>(
        `select i.indexdef from datastore_table t
           join pg_indexes i on i.schemaname = 'data' and i.tablename = t.table_name
          where t.dataset_id = $1 order by i.indexname`,
        [dataset],
      );
      const defs = found.map((row) => row.indexdef.replace(/^.* USING btree /, ''));
      // The declared key (checked before publishing), the row id, then dates and numbers.
      expect(defs.sort()).toEqual(['(_id)', '(c1)', '(c3)', '(c4)', '(c5)']);
      expect(found.filter((row) => row.indexdef.startsWith('CREATE UNIQUE'))).toHaveLength(2);
    } finally {
      await client.end();
    }
    // A duplicate key fails a full load before anything is published.
    const duplicate = await load(
      test,
      dataset,
      admin,
      {
        name: 'dup.csv',
        content: '编号,名称,日期,数量,金额\nB1,甲,2024-01-01,1,1\nB1,乙,2024-01-02,2,2\n',
      },
      { primaryKey: '编号' },
    );
    expect(duplicate.state).toBe('failed');
    expect(duplicate.error).toMatch(/same primary key/);
    expect(await rows(test, dataset)).toHaveLength(300);
  });

  it('infers types from the data, demoting a field to text when a late value does not fit', async () => {
    const dataset = await stack.add();
    const lines = ['邮编,数量,日期,金额'];
    for (let i = 1; i <= 6000; i++)
      lines.push(`0534${String(i % 100).padStart(2, '0')},${i},2024/1/${(i % 28) + 1},${i}.5`);
    lines.push('253000,很多,2024-02-01,1');
    const job = await load(test, dataset, admin, {
      name: 'types.csv',
      content: `${lines.join('\r\n')}\r\n`,
    });
    expect(job).toMatchObject({ state: 'completed', rowsDone: 6001 });
    const page = (await test.inject(`/api/v1/datasets/${dataset}/records?limit=1`)).json();
    expect(page.fields).toEqual([
      { name: '邮编', type: 'string' },
      { name: '数量', type: 'string' },
      { name: '日期', type: 'date' },
      { name: '金额', type: 'decimal' },
    ]);
    expect(page.records[0]).toEqual({ 邮编: '053401', 数量: '1', 日期: '2024-01-02', 金额: 1.5 });
  });

  it('loads XLSX and JSON files, and masks values through the beforeLoad hook', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Sheet1');
    sheet.addRow(['姓名', '手机', '登记日期', '人数']);
    sheet.addRow(['张三', '13812345678', new Date(Date.UTC(2024, 4, 1)), 3]);
    sheet.addRow(['李四', '13900001111', new Date(Date.UTC(2024, 4, 2)), 5]);
    const xlsx = await stack.add();
    const job = await load(test, xlsx, admin, {
      name: '登记.xlsx',
      content: Buffer.from(await workbook.xlsx.writeBuffer()),
    });
    expect(job.state).toBe('completed');
    expect(await rows(test, xlsx)).toEqual([
      { 姓名: '张三', 手机: '138****5678', 登记日期: '2024-05-01', 人数: 3 },
      { 姓名: '李四', 手机: '139****1111', 登记日期: '2024-05-02', 人数: 5 },
    ]);

    const json = await stack.add();
    const records = [
      { 区县: '齐河县', 金额: 12.5, 有效: true },
      { 区县: '宁津县', 金额: null, 有效: false },
    ];
    expect(
      (await load(test, json, admin, { name: 'a.json', content: JSON.stringify(records) })).state,
    ).toBe('completed');
    expect(await rows(test, json)).toEqual(records);
  });

  it('refuses bad uploads with a 4xx that says what to do', async () => {
    const dataset = await stack.add();
    const legacy = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(64),
    ]);
    const xls = await upload(test, dataset, admin, { name: 'old.xls', content: legacy });
    expect(xls.statusCode).toBe(415);
    expect(xls.json().message).toContain('save it as .xlsx or .csv');
    const renamed = await upload(test, dataset, admin, {
      name: 'fake.xlsx',
      content: '名称\n甲\n',
    });
    expect(renamed.statusCode).toBe(415);

    const guest = await upload(test, dataset, {}, { name: 'a.csv', content: 'a\n1\n' });
    expect(guest.statusCode).toBe(401);
    const otherOrg = await loginAs(test, {
      roles: ['user', 'provider-admin'],
      organisationId: stack.otherOrganisationId,
    });
    const foreign = await upload(test, dataset, otherOrg.headers, {
      name: 'a.csv',
      content: 'a\n1\n',
    });
    expect(foreign.statusCode).toBe(403);
    const unknown = await upload(test, '33333333-3333-4333-8333-333333333333', admin, {
      name: 'a.csv',
      content: 'a\n1\n',
    });
    expect(unknown.statusCode).toBe(404);
    // Nothing was loaded by any of these.
    expect((await test.inject(`/api/v1/datasets/${dataset}/records`)).statusCode).toBe(404);
  });

  it('gives published open datasets believable Dezhou demo rows, once, with a fixed seed', async () => {
    const open = await stack.add({
      title: '德州市养老服务机构',
      fields: [
        { name: 'name', label: '机构名称', type: 'string' },
        { name: 'county', label: '所属区县', type: 'string' },
        { name: 'beds', label: '床位数', type: 'integer' },
        { name: 'opened', label: '成立日期', type: 'date' },
      ],
    });
    const conditional = await stack.add({ title: '德州市企业纳税信息', openType: 'conditional' });
    const draft = await stack.add({ title: '德州市未发布数据', state: 'draft' });
    const seeded = await datastoreApi!.seedDemoData();
    expect(seeded).toEqual(expect.arrayContaining([open, conditional]));
    expect(seeded).not.toContain(draft);
    await vi.waitFor(
      async () => expect((await datastoreApi!.summary(open))?.recordCount).toBe(300),
      {
        timeout: 20_000,
      },
    );
    const page = (await test.inject(`/api/v1/datasets/${open}/records?limit=5`)).json();
    expect(
      page.fields.map((field: { name: string; type: string }) => [field.name, field.type]),
    ).toEqual([
      ['机构名称', 'string'],
      ['所属区县', 'string'],
      ['床位数', 'integer'],
      ['成立日期', 'date'],
    ]);
    for (const record of page.records) {
      expect(DEZHOU_DISTRICTS).toContain(record.所属区县);
      expect(record.机构名称).toMatch(/^(德城|陵城|禹城|乐陵|临邑|平原|夏津|武城|庆云|宁津|齐河)/);
    }
    // The conditional one is loaded too, and stays shut to guests.
    await vi.waitFor(async () => expect(await datastoreApi!.summary(conditional)).toBeDefined(), {
      timeout: 20_000,
    });
    expect((await test.inject(`/api/v1/datasets/${conditional}/preview`)).statusCode).toBe(401);
    expect(await datastoreApi!.seedDemoData()).not.toContain(open);
    expect(demoCsv({ id: open, fields: [] }, 20)).toBe(demoCsv({ id: open, fields: [] }, 20));
  });

  it('cancels a running load and keeps the previous rows', async () => {
    const dataset = await stack.add();
    await load(test, dataset, admin, { name: 'small.csv', content: '名称,数量\n甲,1\n' });
    const lines = ['名称,数量'];
    for (let i = 0; i < 300_000; i++) lines.push(`德城区第${i}号,${i}`);
    const started = await upload(test, dataset, admin, {
      name: 'big.csv',
      content: lines.join('\n'),
    });
    const { jobId } = started.json();
    const cancel = await test.inject({
      method: 'POST',
      url: `/api/v1/jobs/${jobId}/cancel`,
      headers: admin,
    });
    expect(cancel.statusCode).toBe(200);
    const job = await waitJob(test, jobId, admin);
    expect(job.state).toBe('cancelled');
    expect(job.error).toContain('previous data is unchanged');
    expect(await rows(test, dataset)).toEqual([{ 名称: '甲', 数量: 1 }]);
    const again = await test.inject({
      method: 'POST',
      url: `/api/v1/jobs/${jobId}/cancel`,
      headers: admin,
    });
    expect(again.statusCode).toBe(409);
  });
});
