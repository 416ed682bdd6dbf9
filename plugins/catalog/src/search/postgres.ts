/**
 * The default search engine: PostgreSQL itself. Datasets carry a `search_vector` (jieba tokens,
 * 'simple' configuration, weighted by field) with a GIN index; filters use GIN indexes on the
 * array columns; facets are SQL counts. Every value is a bound parameter; the only SQL text
 * assembled here is fixed fragments chosen by enums.
 */
import { FACETS, type FacetName } from '../model.ts';
import type { Sql } from '../sql.ts';
import {
  type FacetCount,
  type IndexDocument,
  type SearchEngine,
  type SearchHits,
  type SearchQuery,
  sortFacet,
} from './port.ts';

/** The weighted vector of four token strings, in the order title, tags, field labels, description. */
export function vectorSql(
  title: string,
  tags: string,
  fields: string,
  description: string,
): string {
  return `setweight(to_tsvector('simple', ${title}), 'A') || setweight(to_tsvector('simple', ${tags}), 'B') || setweight(to_tsvector('simple', ${fields}), 'C') || setweight(to_tsvector('simple', ${description}), 'D')`;
}

class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

export interface Statement {
  text: string;
  values: unknown[];
}

/**
 * The one statement a catalogue query runs. Matching rows are read once into a materialised
 * CTE (visibility, state, keyword and tag applied; each *active* facet filter kept as a flag;
 * only the columns the sort needs, and the row's integer `facet_codes`), and the page, the
 * total and every facet are computed from it.
 *
 * Facets are counted on integers (migration 0003): one unnest of `facet_codes` over the rows
 * that pass every filter counts all facets without an active filter at once; each facet with
 * an active filter gets one more pass over the rows that pass the *other* filters, keeping
 * only its own codes. Rows are first grouped by their codes and flags (`g`), so the unnest
 * runs over the few distinct combinations, not over every match. `catalog_facet_key` turns
 * codes back into keys. At 100,000 datasets this took the benchmark query from ~40 ms of
 * database time to ~16 ms, most of which is now the keyword match and rank themselves
 * (bench/catalog-search/README.md).
 *
 * Rows come back as `(facet, key, count)`: `item` rows carry the page's ids in order (count =
 * position), one `total` row, then each facet's counts.
 */
export function buildSearchSql(query: SearchQuery): Statement {
  const p = new Params();
  const { where, tsquery } = baseWhere(query, p);
  const predicates = facetPredicates(query, p);
  const active = FACETS.filter((facet) => predicates[facet] !== 'true');
  const flags = active.map((facet) => `, ${predicates[facet]} as f_${facet}`).join('');
  const all = (except?: FacetName, t = 'm') =>
    active
      .filter((facet) => facet !== except)
      .map((facet) => `${t}.f_${facet}`)
      .join(' and ') || 'true';
  const ranked = query.sort === 'relevance' && tsquery;
  const rank = ranked ? `, ts_rank(d.search_vector, ${tsquery}) as rank` : '';
  const sortColumns = SORT_COLUMNS[query.sort].map((column) => `, d.${column}`).join('');
  const page = `select m.id from m where ${all()} order by ${orderBy(query, 'm', ranked ? 'm.rank' : undefined)}
      limit ${p.add(query.limit)} offset ${p.add(query.offset)}`;
  // Rows with the same codes and flags count alike: group them first (thousands of rows fold
  // into the few combinations of organisation, domains, formats… that exist), then unnest.
  const flagColumns = active.map((facet) => `, m.f_${facet}`).join('');
  const counted = (filter: string) =>
    `(select k, sum(g.n)::int as n from g, unnest(g.codes) k where ${filter} group by k) c
      join catalog_facet_key fk on fk.id = c.k`;
  const selects = [
    // row_number() over () numbers rows in the order the ordered subquery yields them.
    `select 'item' as facet, page.id::text as key, (row_number() over ())::int as count from (${page}) page`,
    `select 'total', '', coalesce(sum(g.n), 0)::int from g where ${all(undefined, 'g')}`,
  ];
  if (active.length < FACETS.length) {
    const inactive = active.length
      ? ` where fk.facet not in (${active.map((facet) => `'${facet}'`).join(', ')})`
      : '';
    selects.push(`select fk.facet, fk.key, c.n from ${counted(all(undefined, 'g'))}${inactive}`);
  }
  for (const facet of active) {
    selects.push(
      `select fk.facet, fk.key, c.n from ${counted(all(facet, 'g'))} and fk.facet = '${facet}'`,
    );
  }
  const text = `with m as materialized (
      select d.id${sortColumns}${rank}, d.facet_codes as codes${flags}
      from catalog_dataset d where ${where}
    ), g as materialized (
      select m.codes${flagColumns}, count(*) as n from m group by m.codes${flagColumns}
    )
    ${selects.join('\n    union all ')}`;
  return { text, values: p.values };
}

/** The columns each sort reads (besides `id` and, for relevance, the rank). */
const SORT_COLUMNS: Record<SearchQuery['sort'], string[]> = {
  relevance: ['updated_at'],
  updated: ['updated_at'],
  records: ['record_count'],
  views: ['views'],
  downloads: ['downloads'],
  rating: ['rating_avg', 'rating_count'],
};

/** Visibility, state, keyword and tag: what the page, the total and every facet share. */
function baseWhere(query: SearchQuery, p: Params): { where: string; tsquery?: string } {
  const { viewer, filters, words } = query;
  const parts: string[] = [];
  if (viewer.kind === 'public') parts.push(`d.state = 'published'`);
  if (viewer.kind === 'organisation')
    parts.push(`(d.state = 'published' or d.org_id = ${p.add(viewer.organisationId)})`);
  if (filters.state !== 'any') parts.push(`d.state = ${p.add(filters.state)}`);
  let tsquery: string | undefined;
  if (words.length > 0) {
    tsquery = `plainto_tsquery('simple', ${p.add(words.join(' '))})`;
    parts.push(`d.search_vector @@ ${tsquery}`);
  }
  if (filters.tag?.length) parts.push(`d.tags && ${p.add(filters.tag)}::text[]`);
  return { where: parts.length ? parts.join(' and ') : 'true', ...(tsquery ? { tsquery } : {}) };
}

/** One predicate per facet dimension; `true` when that filter is not active. */
function facetPredicates(query: SearchQuery, p: Params): Record<FacetName, string> {
  const f = query.filters;
  return {
    org: f.org?.length ? `d.org_id = any(${p.add(f.org)}::uuid[])` : 'true',
    domain: f.domain?.length ? `d.domains && ${p.add(f.domain)}::text[]` : 'true',
    format: f.format?.length ? `d.formats && ${p.add(f.format)}::text[]` : 'true',
    openType: f.openType?.length ? `d.open_type = any(${p.add(f.openType)}::text[])` : 'true',
    scenario: f.scenario?.length ? `d.scenarios && ${p.add(f.scenario)}::text[]` : 'true',
    grade: f.grade?.length ? `d.grade = any(${p.add(f.grade)}::smallint[])` : 'true',
  };
}

/**
 * ORDER BY over rows named `t`: `m` (the CTE, whose `rank` column holds the relevance) or `d`
 * (the table, where `rank` is the expression itself).
 */
function orderBy(query: SearchQuery, t: 'm' | 'd', rank: string | undefined): string {
  const dir = query.order === 'asc' ? 'asc' : 'desc';
  const nulls = dir === 'desc' ? 'nulls last' : 'nulls first';
  switch (query.sort) {
    case 'relevance':
      // Relevance is always best first; without a keyword it falls back to newest first.
      return rank ? `${rank} desc, ${t}.updated_at desc, ${t}.id` : `${t}.updated_at desc, ${t}.id`;
    case 'updated':
      return `${t}.updated_at ${dir}, ${t}.id`;
    case 'records':
      return `${t}.record_count ${dir}, ${t}.id`;
    case 'views':
      return `${t}.views ${dir}, ${t}.id`;
    case 'downloads':
      return `${t}.downloads ${dir}, ${t}.id`;
    case 'rating':
      return `${t}.rating_avg ${dir} ${nulls}, ${t}.rating_count ${dir}, ${t}.id`;
  }
}

/**
 * Without facets a query is two cheap statements, the page and the count, each free to use
 * the best index (the newest six datasets come straight off the `updated_at` index instead
 * of from every published row).
 */
export function buildPageSql(query: SearchQuery): { page: Statement; count: Statement } {
  const build = (counting: boolean): Statement => {
    const p = new Params();
    const { where, tsquery } = baseWhere(query, p);
    const dims = Object.values(facetPredicates(query, p)).filter((pred) => pred !== 'true');
    const filter = [where, ...dims].join(' and ');
    if (counting)
      return {
        text: `select count(*)::int as total from catalog_dataset d where ${filter}`,
        values: p.values,
      };
    const rank =
      query.sort === 'relevance' && tsquery ? `ts_rank(d.search_vector, ${tsquery})` : undefined;
    return {
      text: `select d.id from catalog_dataset d where ${filter}
        order by ${orderBy(query, 'd', rank)} limit ${p.add(query.limit)} offset ${p.add(query.offset)}`,
      values: p.values,
    };
  };
  return { page: build(false), count: build(true) };
}

export class PostgresSearchEngine implements SearchEngine {
  readonly name = 'postgres';
  constructor(private readonly sql: Sql) {}

  async search(query: SearchQuery): Promise<SearchHits> {
    if (!query.facets) {
      const { page, count } = buildPageSql(query);
      const [ids, [counted]] = await Promise.all([
        this.sql.query<{ id: string }>(page.text, page.values),
        this.sql.query<{ total: number }>(count.text, count.values),
      ]);
      const facets = Object.fromEntries(FACETS.map((facet) => [facet, []])) as unknown as Record<
        FacetName,
        FacetCount[]
      >;
      return { total: counted?.total ?? 0, ids: ids.map((row) => row.id), facets };
    }
    const { text, values } = buildSearchSql(query);
    const rows = await this.sql.query<{ facet: string; key: string; count: number }>(text, values);
    const facets = Object.fromEntries(FACETS.map((facet) => [facet, [] as FacetCount[]])) as Record<
      FacetName,
      FacetCount[]
    >;
    const ids: string[] = [];
    let total = 0;
    for (const row of rows) {
      if (row.facet === 'item') ids[row.count - 1] = row.key;
      else if (row.facet === 'total') total = row.count;
      else facets[row.facet as FacetName].push({ key: row.key, count: row.count });
    }
    for (const facet of FACETS) sortFacet(facets[facet]);
    return { total, ids: ids.filter(Boolean), facets };
  }

  /** The vector normally travels with the row's own write; this rewrites it (reindex). */
  async upsert(documents: IndexDocument[]): Promise<void> {
    if (documents.length === 0) return;
    await this.sql.query(
      `update catalog_dataset d set search_vector = ${vectorSql('u.title', 'u.tags', 'u.fields', 'u.description')}
       from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[])
         as u(id, title, tags, fields, description)
       where d.id = u.id`,
      [
        documents.map((doc) => doc.id),
        documents.map((doc) => doc.tokens.title),
        documents.map((doc) => doc.tokens.tags),
        documents.map((doc) => doc.tokens.fields),
        documents.map((doc) => doc.tokens.description),
      ],
    );
  }

  /** Rows carry their own vector, so a deleted row is already out of the index. */
  async remove(): Promise<void> {}

  async reset(): Promise<void> {}

  async ping(): Promise<boolean> {
    return this.sql.query('select 1').then(
      () => true,
      () => false,
    );
  }
}
