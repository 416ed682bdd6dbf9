/**
 * The catalogue query (C1–C3): filters, Chinese keyword search, sorts, facets and paging,
 * through the configured search engine, falling back to PostgreSQL when an external engine
 * fails so that the portal keeps answering (and says so in `search.fallback`).
 */
import type { PluginContext } from '@kaifang/sdk';
import { type Dataset, type DatasetSummary, FACETS, type FacetName, LABELS } from './model.ts';
import type {
  SearchEngine,
  SearchFilters,
  SearchHits,
  SearchQuery,
  Viewer,
} from './search/port.ts';
import { tokenizeQuery } from './search/tokenize.ts';
import type { CatalogStore } from './store.ts';

export interface CatalogQuery extends Omit<SearchFilters, 'state'> {
  q?: string;
  state?: SearchFilters['state'];
  sort?: SearchQuery['sort'];
  order?: SearchQuery['order'];
  page?: number;
  pageSize?: number;
  /** Default true; false skips facet counting (lists that show no filters). */
  facets?: boolean;
}

export interface FacetEntry {
  key: string;
  label: string;
  count: number;
}

export interface CatalogPage {
  total: number;
  page: number;
  pageSize: number;
  items: DatasetSummary[];
  facets: Record<FacetName, FacetEntry[]>;
  /** Which engine answered; `fallback` is set when the configured one failed. */
  search: {
    engine: string;
    fallback?: { from: string; reason: string };
    /** The words the keyword was cut into (every one must match): what a page may highlight. */
    words?: string[];
  };
}

export const MAX_PAGE_SIZE = 100;
/** Deep pages cost the database more than they help anyone; filters narrow better. */
export const MAX_RESULT_WINDOW = 10_000;

export function toSummary(dataset: Dataset): DatasetSummary {
  return {
    id: dataset.id,
    title: dataset.title,
    description: dataset.description,
    organization: dataset.organization,
    domains: dataset.domains,
    scenarios: dataset.scenarios,
    tags: dataset.tags,
    openType: dataset.openType,
    grade: dataset.grade,
    formats: dataset.formats,
    recordCount: dataset.recordCount,
    state: dataset.state,
    updatedAt: dataset.updatedAt,
    views: dataset.views,
    downloads: dataset.downloads,
    apiCalls: dataset.apiCalls,
    ratingAvg: dataset.ratingAvg,
    ratingCount: dataset.ratingCount,
  };
}

/** How many distinct queries the answer cache keeps (oldest forgotten first). */
const CACHE_ENTRIES = 500;

interface Answer {
  hits: SearchHits;
  answered: CatalogPage['search'];
}

export class CatalogSearch {
  #orgNames: { at: number; value: Promise<Map<string, string>> } | undefined;
  /** Engine answers by query (ids, total, facets; never dataset contents), for `cacheMs`. */
  #answers = new Map<string, { at: number; value: Promise<Answer> }>();

  constructor(
    private readonly deps: {
      store: CatalogStore;
      engine: SearchEngine;
      postgres: SearchEngine;
      logger: PluginContext['logger'];
      orgNames: () => Promise<Map<string, string>>;
      /**
       * How long an engine's answer (page ids, total, facet counts) is reused for the same
       * query; 0 turns the cache off. Any write that can change an answer, on any node, forgets
       * all answers (`invalidate`); the time only bounds how far the counter sorts may lag.
       */
      cacheMs?: number;
    },
  ) {}

  /** Forgets every cached answer and organisation name (after a write on any node). */
  invalidate(): void {
    this.#answers.clear();
    this.#orgNames = undefined;
  }

  /**
   * The engine's answer, shared by identical queries for `cacheMs` (and by concurrent ones
   * while the first is running). Fallback answers are not kept: the configured engine is
   * asked again next time.
   */
  #answer(query: SearchQuery): Promise<Answer> {
    const ttl = this.deps.cacheMs ?? 0;
    if (ttl <= 0) return this.#ask(query);
    const key = JSON.stringify(query);
    const now = Date.now();
    const cached = this.#answers.get(key);
    if (cached && now - cached.at < ttl) return cached.value;
    const value = this.#ask(query);
    const entry = { at: now, value };
    this.#answers.delete(key);
    this.#answers.set(key, entry);
    if (this.#answers.size > CACHE_ENTRIES) {
      const oldest = this.#answers.keys().next().value;
      if (oldest !== undefined) this.#answers.delete(oldest);
    }
    const forget = () => {
      if (this.#answers.get(key) === entry) this.#answers.delete(key);
    };
    value.then((answer) => answer.answered.fallback && forget(), forget);
    return value;
  }

  async #ask(query: SearchQuery): Promise<Answer> {
    const { engine, postgres, logger } = this.deps;
    try {
      return { hits: await engine.search(query), answered: { engine: engine.name } };
    } catch (error) {
      if (engine === postgres) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      logger.warn({ err: error }, `search engine ${engine.name} failed; answering from PostgreSQL`);
      return {
        hits: await postgres.search(query),
        answered: { engine: postgres.name, fallback: { from: engine.name, reason } },
      };
    }
  }

  #organisationNames(): Promise<Map<string, string>> {
    const now = Date.now();
    if (!this.#orgNames || now - this.#orgNames.at > 5000) {
      this.#orgNames = { at: now, value: this.deps.orgNames() };
    }
    return this.#orgNames.value;
  }

  toSearchQuery(params: CatalogQuery, viewer: Viewer): SearchQuery {
    const words = params.q ? tokenizeQuery(params.q) : [];
    const page = params.page ?? 1;
    const pageSize = Math.min(params.pageSize ?? 20, MAX_PAGE_SIZE);
    const { q: _q, sort, order, page: _p, pageSize: _s, state, facets, ...filters } = params;
    return {
      words,
      filters: { ...filters, state: state ?? 'published' },
      viewer,
      sort: sort ?? (words.length > 0 ? 'relevance' : 'updated'),
      order: order ?? 'desc',
      offset: (page - 1) * pageSize,
      limit: pageSize,
      facets: facets !== false,
    };
  }

  async search(params: CatalogQuery, viewer: Viewer): Promise<CatalogPage> {
    const query = this.toSearchQuery(params, viewer);
    const { hits, answered } = await this.#answer(query);
    const [datasets, orgNames, domainNames] = await Promise.all([
      this.deps.store.getMany(hits.ids),
      this.#organisationNames(),
      this.deps.store.domainNames(),
    ]);
    const label = (facet: FacetName, key: string): string => {
      switch (facet) {
        case 'org':
          return orgNames.get(key) ?? key;
        case 'domain':
        case 'scenario':
          return domainNames.get(key)?.zh ?? key;
        case 'openType':
          return LABELS.openType[key as keyof typeof LABELS.openType]?.zh ?? key;
        case 'grade':
          return LABELS.grade[Number(key) as keyof typeof LABELS.grade]?.zh ?? key;
        case 'format':
          return key;
      }
    };
    const facets = Object.fromEntries(
      FACETS.map((facet) => [
        facet,
        hits.facets[facet].map((entry) => ({ ...entry, label: label(facet, entry.key) })),
      ]),
    ) as Record<FacetName, FacetEntry[]>;
    return {
      total: hits.total,
      page: query.offset / query.limit + 1,
      pageSize: query.limit,
      items: datasets.map(toSummary),
      facets,
      search: { ...answered, words: query.words },
    };
  }
}
