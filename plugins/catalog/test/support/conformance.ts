/**
 * The search conformance suite: the same questions and answers for every engine of the port.
 * test/search-conformance.test.ts runs it against PostgreSQL always and OpenSearch when
 * OPENSEARCH_URL is set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogOptions } from '../../src/plugin.ts';
import { FIXTURE } from './fixture.ts';
import { bootCatalog, type CatalogTest } from './harness.ts';

type Item = { title: string };
const titles = (body: { items: Item[] }) => body.items.map((item) => item.title);

export function searchConformance(engine: string, options: Partial<CatalogOptions>): void {
  describe(`search conformance: ${engine}`, () => {
    let ctx: CatalogTest;
    const get = async (query: string) => {
      const response = await ctx.test.inject(`/api/v1/datasets?${query}`);
      expect(response.statusCode, response.payload).toBe(200);
      const body = response.json();
      expect(body.search.engine).toBe(engine);
      return body;
    };
    const org = async (code: string) =>
      (await ctx.test.inject('/api/v1/organizations'))
        .json()
        .items.find((o: { code: string }) => o.code === code).id;

    beforeAll(async () => {
      ctx = await bootCatalog(options);
      await ctx.api.importContent(FIXTURE);
      await ctx.api.drainOutbox();
    });
    afterAll(() => ctx?.test.close());

    it('finds a compound word and a word inside it, in Chinese', async () => {
      expect(titles(await get('q=公交'))).toEqual(['德州市公交线路信息']);
      expect(titles(await get('q=公交线路'))).toEqual(['德州市公交线路信息']);
      expect(titles(await get('q=线路'))).toEqual(['德州市公交线路信息']);
      // 信用 sits inside 企业信用; 医院等级 is a field label; 站点 a tag.
      expect(titles(await get('q=信用'))).toEqual(['德州市企业信用评价结果']);
      expect(titles(await get('q=医院等级'))).toEqual(['德州市医疗机构名录']);
      expect(titles(await get(`q=${encodeURIComponent('公交 站点')}`))).toEqual([
        '德州市公交线路信息',
      ]);
      expect((await get('q=火箭发射')).total).toBe(0);
      // The answer says which words it matched on, for pages to highlight.
      expect((await get(`q=${encodeURIComponent('公交 站点')}`)).search.words).toEqual([
        '公交',
        '站点',
      ]);
    });

    it('ranks title matches above description matches', async () => {
      // 接种 is in the vaccination title; 地址 only in descriptions.
      const body = await get('q=接种');
      expect(titles(body)[0]).toBe('新冠疫苗接种点信息');
    });

    it('applies every filter, OR within one filter', async () => {
      expect((await get(`org=${await org('jtj')}`)).total).toBe(2);
      expect(titles(await get('domain=health&sort=updated'))).toEqual([
        '新冠疫苗接种点信息',
        '德州市医疗机构名录',
      ]);
      expect((await get('domain=health&domain=credit')).total).toBe(3);
      expect(titles(await get('format=JSON&sort=updated'))).toEqual([
        '新冠疫苗接种点信息',
        '德州市公交线路信息',
      ]);
      expect(titles(await get('openType=conditional'))).toEqual(['德州市出租汽车企业名录']);
      expect(titles(await get('scenario=epidemic'))).toEqual(['新冠疫苗接种点信息']);
      expect(titles(await get('grade=3'))).toEqual(['德州市企业信用评价结果']);
      expect(titles(await get(`tag=${encodeURIComponent('线路')}`))).toEqual([
        '德州市公交线路信息',
      ]);
      expect((await get('q=德州&domain=transport')).total).toBe(2);
    });

    it('sorts by update time, records, views, downloads and rating, both ways', async () => {
      expect(titles(await get('sort=updated'))[0]).toBe('新冠疫苗接种点信息');
      expect(titles(await get('sort=updated&order=asc'))[0]).toBe('德州市企业信用评价结果');
      expect(titles(await get('sort=records'))[0]).toBe('德州市企业信用评价结果');
      expect(titles(await get('sort=records&order=asc'))[0]).toBe('德州市出租汽车企业名录');
      expect(titles(await get('sort=views'))[0]).toBe('德州市医疗机构名录');
      expect(titles(await get('sort=downloads'))[0]).toBe('新冠疫苗接种点信息');
      expect(titles(await get('sort=rating'))).toEqual([
        '新冠疫苗接种点信息',
        '德州市公交线路信息',
        '德州市出租汽车企业名录',
        // Unrated datasets come last whichever way.
        ...titles(await get('sort=rating')).slice(3),
      ]);
      expect(
        titles(await get('sort=rating'))
          .slice(3)
          .sort(),
      ).toEqual(['德州市医疗机构名录', '德州市企业信用评价结果'].sort());
      expect(titles(await get('sort=relevance'))[0]).toBe('新冠疫苗接种点信息');
    });

    it('counts facets under the other active filters', async () => {
      const all = await get('');
      expect(all.total).toBe(5);
      const count = (facet: { key: string; count: number }[], key: string) =>
        facet.find((entry) => entry.key === key)?.count ?? 0;
      expect(count(all.facets.domain, 'transport')).toBe(2);
      expect(count(all.facets.format, 'CSV')).toBe(3);
      expect(all.facets.openType.find((e: { key: string }) => e.key === 'closed')).toMatchObject({
        label: '不予开放',
        count: 1,
      });

      const health = await get('domain=health');
      expect(health.total).toBe(2);
      // The domain facet ignores the domain filter, so other domains stay choosable…
      expect(count(health.facets.domain, 'transport')).toBe(2);
      expect(health.facets.domain.find((e: { key: string }) => e.key === 'health').label).toBe(
        '卫生健康',
      );
      // …while every other facet counts only health datasets.
      expect(health.facets.org.map((e: { label: string }) => e.label)).toEqual([
        '德州市卫生健康委员会',
      ]);
      expect(count(health.facets.format, 'CSV')).toBe(1);
      expect(count(health.facets.format, 'XLSX')).toBe(0);
      expect(count(health.facets.scenario, 'epidemic')).toBe(1);

      const both = await get('domain=health&format=CSV');
      expect(both.total).toBe(1);
      expect(count(both.facets.format, 'JSON')).toBe(1);
      expect(count(both.facets.domain, 'credit')).toBe(1);
    });

    it('pages with a stable order and a capped page size', async () => {
      const first = await get('sort=downloads&pageSize=2&page=1');
      const second = await get('sort=downloads&pageSize=2&page=2');
      expect(first).toMatchObject({ total: 5, page: 1, pageSize: 2 });
      expect([...titles(first), ...titles(second)]).toHaveLength(4);
      expect(new Set([...titles(first), ...titles(second)]).size).toBe(4);
      const big = await ctx.test.inject('/api/v1/datasets?pageSize=500');
      expect(big.statusCode).toBe(400);
      expect(big.json().message).toContain('"pageSize"');
    });

    it('answers the same page and total without facets when asked (facets=false)', async () => {
      for (const query of [
        'sort=downloads&pageSize=3',
        'q=德州&domain=transport',
        'sort=relevance',
        'format=CSV&sort=rating',
      ]) {
        const full = await get(query);
        const light = await get(`${query}&facets=false`);
        expect(light.total, query).toBe(full.total);
        expect(titles(light), query).toEqual(titles(full));
        expect(light.facets.domain, query).toEqual([]);
      }
    });
  });
}
