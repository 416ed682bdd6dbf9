/**
 * 100,000 believable datasets for the benchmark: titles combine a Dezhou county, a topic and
 * a suffix, so keywords have realistic selectivity (公交 matches a few percent, like a real
 * catalogue). Rows go straight into PostgreSQL with the same jieba tokens the catalog writes,
 * then `vacuum analyze`.
 */
import { randomUUID } from 'node:crypto';
import { vectorSql } from '../../plugins/catalog/src/search/postgres.ts';
import { tokenizeDocument } from '../../plugins/catalog/src/search/tokenize.ts';
import type { Sql } from '../../plugins/catalog/src/sql.ts';
import { DEZHOU_DISTRICTS } from '../../plugins/datastore/src/demo.ts';

/** Topics with their domain; also the keywords of the benchmark's query mix (queries.ts). */
export const TOPICS: readonly (readonly [topic: string, domain: string])[] = [
  ['公交线路', 'transport'],
  ['公交站点', 'transport'],
  ['出租汽车', 'transport'],
  ['停车场', 'transport'],
  ['医疗机构', 'health'],
  ['疫苗接种点', 'health'],
  ['药品零售企业', 'market-regulation'],
  ['食品经营许可', 'market-regulation'],
  ['中小学校', 'education-science'],
  ['幼儿园', 'education-science'],
  ['养老机构', 'livelihood'],
  ['社区服务中心', 'livelihood'],
  ['旅游景区', 'culture-leisure'],
  ['公共图书馆', 'culture-leisure'],
  ['空气质量监测', 'resources-environment'],
  ['河道水位', 'resources-environment'],
  ['企业信用评价', 'credit'],
  ['行政处罚', 'credit'],
  ['政务服务事项', 'government-affairs'],
  ['财政预算', 'finance-tax'],
  ['农民专业合作社', 'agriculture'],
  ['农产品价格', 'agriculture'],
  ['气象观测', 'meteorology'],
  ['应急避难场所', 'public-safety'],
  ['危险化学品企业', 'safety-supervision'],
  ['建筑业企业资质', 'urban-housing'],
  ['商品房预售', 'urban-housing'],
  ['招聘岗位', 'social-security-employment'],
  ['社会组织', 'organisations'],
  ['行政区划', 'geospatial'],
  ['规上工业企业', 'economy-trade'],
];
export const SUFFIXES = ['信息', '名录', '统计', '目录', '分布', '年度数据', '明细'];
const FORMATS = ['CSV', 'JSON', 'XLSX', 'XML'];
const OPEN = ['unconditional', 'unconditional', 'unconditional', 'conditional', 'closed'];

function pick<T>(list: readonly T[], n: number): T {
  return list[n % list.length]!;
}

export async function generate(
  sql: Sql,
  total: number,
  onProgress: (done: number) => void,
): Promise<void> {
  const orgIds: string[] = [];
  for (let i = 0; i < 30; i++) {
    const id = randomUUID();
    orgIds.push(id);
    await sql.query(
      `insert into catalog_organisation (id, code, name, created_at, updated_at) values ($1, $2, $3, now(), now())`,
      [id, `org-${i}`, `德州市第${i + 1}数据提供部门`],
    );
  }
  const batch = 2000;
  for (let start = 0; start < total; start += batch) {
    const rows = Array.from({ length: Math.min(batch, total - start) }, (_, k) => {
      const n = start + k;
      const [topic, domain] = pick(TOPICS, Math.floor(n / 7) * 13 + n);
      const title = `${pick(DEZHOU_DISTRICTS, n)}${topic}${pick(SUFFIXES, n * 3)}${n}`;
      const description = `${pick(DEZHOU_DISTRICTS, n)}${topic}的名称、地址、联系电话和更新时间等信息，按${pick(SUFFIXES, n)}发布。`;
      const domains = n % 5 === 0 ? [domain, 'government-affairs'] : [domain];
      return {
        id: randomUUID(),
        org: pick(orgIds, n * 7),
        title,
        description,
        domains,
        formats: [pick(FORMATS, n), pick(FORMATS, n + 1)],
        open: pick(OPEN, n),
        records: (n * 7919) % 100_000,
        views: (n * 104_729) % 20_000,
        downloads: (n * 1_299_709) % 5_000,
        updated: new Date(Date.UTC(2026, 0, 1) + (n % 330) * 86_400_000).toISOString(),
        tokens: [tokenizeDocument(title), '', '', tokenizeDocument(description)],
      };
    });
    await sql.query(
      `insert into catalog_dataset (id, title, description, org_id, domains, open_type, grade, update_cycle,
         update_method, licence, formats, record_count, state, created_at, updated_at, published_at,
         views, downloads, search_vector)
       select u.id, u.title, u.description, u.org, array(select jsonb_array_elements_text(u.domains)), u.open, 1,
         'monthly', 'full', 'open-unconditional-1.0', array(select jsonb_array_elements_text(u.formats)),
         u.records, 'published', u.updated, u.updated, u.updated, u.views, u.downloads,
         ${vectorSql('u.t1', 'u.t2', 'u.t3', 'u.t4')}
       from unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::jsonb[], $6::text[], $7::jsonb[],
         $8::bigint[], $9::bigint[], $10::bigint[], $11::timestamptz[], $12::text[], $13::text[], $14::text[], $15::text[])
         as u(id, title, description, org, domains, open, formats, records, views, downloads, updated, t1, t2, t3, t4)`,
      [
        rows.map((r) => r.id),
        rows.map((r) => r.title),
        rows.map((r) => r.description),
        rows.map((r) => r.org),
        rows.map((r) => JSON.stringify(r.domains)),
        rows.map((r) => r.open),
        rows.map((r) => JSON.stringify(r.formats)),
        rows.map((r) => r.records),
        rows.map((r) => r.views),
        rows.map((r) => r.downloads),
        rows.map((r) => r.updated),
        rows.map((r) => r.tokens[0]),
        rows.map((r) => r.tokens[1]),
        rows.map((r) => r.tokens[2]),
        rows.map((r) => r.tokens[3]),
      ],
    );
    onProgress(start + rows.length);
  }
  // Steady state, as autovacuum would leave it: planner statistics and the visibility map, and
  // the keyword index's pending list merged where it has one (before catalog migration 0004
  // turned `fastupdate` off, every search read the whole list).
  await sql.query('vacuum analyze catalog_dataset');
}
