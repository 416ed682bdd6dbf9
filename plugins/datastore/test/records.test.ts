import type { TestKernel } from '@kaifang/sdk/testing';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEZHOU_DISTRICTS } from '../src/demo.ts';
import { load } from './support/http.ts';
import { createStack, loginAs, type Stack } from './support/stack.ts';

/** 25 rows: 序号 1–25, districts in turn, amounts, dates; row 7 has no amount. */
function fixture(): string {
  const lines = ['序号,区县,名称,金额,日期'];
  for (let i = 1; i <= 25; i++) {
    const district = DEZHOU_DISTRICTS[i % DEZHOU_DISTRICTS.length];
    const amount = i === 7 ? '' : String((i * 37) % 100);
    lines.push(
      `${i},${district},"${district}第${i}便民服务站, 含""分站""",${amount},2024-03-${String(i).padStart(2, '0')}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

describe('datastore records, access and downloads', () => {
  let stack: Stack;
  let test: TestKernel;
  let admin: Record<string, string>;
  let open: string;
  let conditional: string;
  const get = (url: string, headers: Record<string, string> = {}) => test.inject({ url, headers });

  beforeAll(async () => {
    stack = await createStack();
    test = stack.test;
    admin = stack.provider.headers;
    open = await stack.add({ title: '德州市便民服务站/名录' });
    conditional = await stack.add({ openType: 'conditional', title: '德州市企业用电数据' });
    expect((await load(test, open, admin, { name: 'a.csv', content: fixture() })).state).toBe(
      'completed',
    );
    expect(
      (await load(test, conditional, admin, { name: 'a.csv', content: fixture() })).state,
    ).toBe('completed');
  });
  afterAll(() => stack?.test.close());

  it('filters by equals, in, range and contains, selects fields and counts API calls', async () => {
    const url = (filters: object, extra = '') =>
      `/api/v1/datasets/${open}/records?fields=序号&total=exact&filters=${encodeURIComponent(JSON.stringify(filters))}${extra}`;
    const ids = async (filters: object, extra = '') => {
      const response = await get(url(filters, extra));
      expect(response.statusCode).toBe(200);
      return (response.json().records as { 序号: number }[]).map((record) => record.序号);
    };
    expect(await ids({ 区县: '陵城区' })).toEqual([1, 12, 23]);
    expect(await ids({ 区县: ['陵城区', '禹城市'] })).toEqual([1, 2, 12, 13, 23, 24]);
    expect(await ids({ 金额: { gte: 80, lt: 90 } })).toEqual([5, 13, 24]);
    expect(await ids({ 日期: { gt: '2024-03-20' }, 区县: { in: ['德城区', '乐陵市'] } })).toEqual([
      22, 25,
    ]);
    expect(await ids({ 名称: { contains: '第1' } })).toEqual([
      1, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19,
    ]);
    expect(await ids({ 名称: { contains: '"分站"' } })).toHaveLength(25);
    expect(await ids({ 金额: null })).toEqual([7]);
    const page = (await get(url({ 区县: '陵城区' }))).json();
    expect(page).toMatchObject({
      total: 3,
      totalEstimated: false,
      nextCursor: null,
      fields: [{ name: '序号', type: 'integer' }],
    });
    await vi.waitFor(async () =>
      expect((await stack.dataset(open)).apiCalls).toBeGreaterThanOrEqual(8),
    );
  });

  it('answers an unknown field or a bad value with a 400 that names it', async () => {
    const unknownFilter = await get(
      `/api/v1/datasets/${open}/records?filters=${encodeURIComponent('{"人口":1}')}`,
    );
    expect(unknownFilter.statusCode).toBe(400);
    expect(unknownFilter.json().message).toContain("unknown field '人口'");
    expect(unknownFilter.json().message).toContain('序号, 区县, 名称, 金额, 日期');
    expect(
      (await get(`/api/v1/datasets/${open}/records?fields=序号,面积`)).json().message,
    ).toContain("'面积'");
    expect((await get(`/api/v1/datasets/${open}/records?sort=-高度`)).json().message).toContain(
      "'高度'",
    );
    const badValue = await get(
      `/api/v1/datasets/${open}/records?filters=${encodeURIComponent('{"金额":{"gte":"很多"}}')}`,
    );
    expect(badValue.statusCode).toBe(400);
    expect(badValue.json().message).toContain("'很多' is not an integer");
    expect((await get(`/api/v1/datasets/${open}/records?limit=1001`)).statusCode).toBe(400);
    expect((await get(`/api/v1/datasets/${open}/records?filters=nope`)).statusCode).toBe(400);
    expect((await get(`/api/v1/datasets/${open}/records?cursor=bogus`)).statusCode).toBe(400);
  });

  it('pages through a sorted result with cursors, each row exactly once', async () => {
    const all = (await get(`/api/v1/datasets/${open}/records?sort=-金额,区县&limit=1000`)).json()
      .records;
    expect(all).toHaveLength(25);
    expect(all[0].序号).toBe(7); // descending, the empty amount comes first (PostgreSQL's order)
    const seen: unknown[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `sort=-金额,区县&limit=10${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await get(`/api/v1/datasets/${open}/records?${query}`)).json();
      expect(page.total).toBe(25);
      seen.push(...page.records);
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(all);
    // Page boundaries on an empty value, ascending and descending.
    for (const sort of ['-金额', '金额']) {
      const expected = (
        await get(`/api/v1/datasets/${open}/records?sort=${sort}&limit=1000`)
      ).json().records;
      const rows: unknown[] = [];
      let next: string | null = null;
      do {
        const page: { records: unknown[]; nextCursor: string | null } = (
          await get(
            `/api/v1/datasets/${open}/records?sort=${sort}&limit=1${next ? `&cursor=${next}` : ''}`,
          )
        ).json();
        rows.push(...page.records);
        next = page.nextCursor;
      } while (next);
      expect(rows, sort).toEqual(expected);
    }
    // A cursor only continues the query it came from.
    const first = (await get(`/api/v1/datasets/${open}/records?sort=-金额&limit=5`)).json();
    const mixed = await get(
      `/api/v1/datasets/${open}/records?sort=区县&limit=5&cursor=${first.nextCursor}`,
    );
    expect(mixed.statusCode).toBe(400);
  });

  it("refuses a conditional dataset's preview, records and downloads to a guest and to a user without a grant", async () => {
    const paths = ['preview', 'records', 'download?format=csv', 'download?format=xlsx'];
    for (const path of paths) {
      const guest = await get(`/api/v1/datasets/${conditional}/${path}`);
      expect(guest.statusCode, path).toBe(401);
      expect(guest.json().message).toContain('申请使用');
      expect(guest.payload).not.toContain('便民服务站');
    }
    const verified = await loginAs(test, { roles: ['user'], verified: true });
    const user = verified.headers;
    for (const path of paths) {
      const refused = await get(`/api/v1/datasets/${conditional}/${path}`, user);
      expect(refused.statusCode, path).toBe(403);
      expect(refused.json().message).toContain('申请使用');
    }
    stack.grant(verified.user.id, conditional);
    expect((await get(`/api/v1/datasets/${conditional}/records`, user)).statusCode).toBe(200);
    expect(
      (await get(`/api/v1/datasets/${conditional}/download?format=json`, user)).statusCode,
    ).toBe(200);
    // The provider always sees its own data; the open dataset needs no login at all.
    expect((await get(`/api/v1/datasets/${conditional}/preview`, admin)).statusCode).toBe(200);
    expect((await get(`/api/v1/datasets/${open}/preview`)).statusCode).toBe(200);
  });

  it('downloads CSV, XLSX, JSON and XML that parse back to the same rows, with the citation', async () => {
    const expected = (await get(`/api/v1/datasets/${open}/records?limit=1000`)).json()
      .records as Record<string, unknown>[];
    const asText = (rows: Record<string, unknown>[]) =>
      rows.map((row) =>
        Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v === null ? '' : String(v)])),
      );
    const before = (await stack.dataset(open)).downloads;

    const csv = await get(`/api/v1/datasets/${open}/download?format=csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toBe(
      `attachment; filename="dataset-${open}.csv"; filename*=UTF-8''${encodeURIComponent('德州市便民服务站名录.csv')}`,
    );
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.payload).toContain('数据来源：德州市大数据局《德州市便民服务站/名录》');
    const csvRows = parse(csv.rawPayload, { bom: true, comment: '#', columns: true }) as Record<
      string,
      string
    >[];
    expect(csvRows).toEqual(asText(expected));

    const json = await get(`/api/v1/datasets/${open}/download?format=json`);
    expect(json.json().records).toEqual(expected);
    expect(json.json().citation).toContain('公共数据开放许可协议');

    const xml = await get(`/api/v1/datasets/${open}/download?format=xml`);
    expect(xml.headers['content-type']).toContain('application/xml');
    const xmlRows = [...xml.payload.matchAll(/<record>(.*?)<\/record>/g)].map((record) =>
      Object.fromEntries(
        [...record[1]!.matchAll(/<field name="([^"]+)"(?: nil="true"\/>|>(.*?)<\/field>)/g)].map(
          (m) => [
            m[1],
            (m[2] ?? '')
              .replace(/&quot;/g, '"')
              .replace(/&lt;/g, '<')
              .replace(/&gt;/g, '>')
              .replace(/&amp;/g, '&'),
          ],
        ),
      ),
    );
    expect(xmlRows).toEqual(asText(expected));
    expect(xml.payload).toContain('<citation>数据来源');

    const xlsx = await get(`/api/v1/datasets/${open}/download?format=xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('数据')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const xlsxRows: Record<string, unknown>[] = [];
    sheet.eachRow((row, number) => {
      if (number === 1) return;
      const values = row.values as unknown[];
      xlsxRows.push(
        Object.fromEntries(header.map((name, index) => [String(name), values[index + 1] ?? null])),
      );
    });
    expect(xlsxRows).toEqual(expected);
    expect(String(workbook.getWorksheet('说明')!.getRow(2).getCell(1).value)).toContain('数据来源');
    await vi.waitFor(async () => expect((await stack.dataset(open)).downloads).toBe(before + 4));
  });

  it('gives harvesters (DCAT) download URLs for what anyone may download, and only that', async () => {
    type Node = Record<string, unknown>;
    const body = (await get('/api/v1/catalog.jsonld')).json();
    const catalog = body['@graph'].find((node: Node) => node['@type'] === 'dcat:Catalog');
    const entry = (id: string) =>
      (catalog['dcat:dataset'] as Node[]).find((node) => String(node['@id']).includes(id))!;
    const downloads = (id: string) =>
      (entry(id)['dcat:distribution'] as Node[])
        .map(
          (distribution) =>
            (distribution['dcat:downloadURL'] as { '@id': string } | undefined)?.['@id'],
        )
        .filter(Boolean) as string[];
    const urls = downloads(open);
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) {
      const answer = await get(new URL(url).pathname + new URL(url).search);
      expect(answer.statusCode, url).toBe(200);
    }
    expect(urls.some((url) => url.endsWith(`/api/v1/datasets/${open}/download?format=csv`))).toBe(
      true,
    );
    // Conditional data needs a grant: a harvester gets the page, not a file.
    expect(entry(conditional)).toBeDefined();
    expect(downloads(conditional)).toEqual([]);
  });
});
