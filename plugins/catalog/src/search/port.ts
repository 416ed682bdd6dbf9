/**
 * The search port (DESIGN §4): what the catalog needs from a search engine. Two engines
 * implement it, `postgres` (default) and `opensearch`; test/search-conformance.test.ts runs
 * the same suite against each.
 */
import type { DatasetState, FacetName, Grade, OpenType, Sort } from '../model.ts';

/** The text of a dataset as indexed, by weight: title > tags > field labels > description. */
export interface IndexText {
  title: string;
  tags: string;
  fields: string;
  description: string;
}

/**
 * What an engine indexes for one dataset. Built by the catalog, enriched by the
 * `indexDocument` hook (e.g. synonyms appended to `text.tags`), then tokenised into `tokens`.
 */
export interface IndexDocument {
  id: string;
  /** The dataset's update counter; an engine keeps the highest version it has seen. */
  version: number;
  state: DatasetState;
  orgId: string;
  domains: string[];
  scenarios: string[];
  tags: string[];
  formats: string[];
  openType: OpenType;
  grade: Grade;
  updatedAt: string;
  recordCount: number;
  views: number;
  downloads: number;
  ratingAvg: number | null;
  ratingCount: number;
  /** Raw text; hooks enrich this. */
  text: IndexText;
  /** The same text cut into space-separated words by jieba (set by the catalog after the hook). */
  tokens: IndexText;
}

/** Who is searching decides which unpublished datasets may appear. */
export type Viewer =
  | { kind: 'public' }
  | { kind: 'organisation'; organisationId: string }
  | { kind: 'platform' };

export interface SearchFilters {
  org?: string[];
  domain?: string[];
  format?: string[];
  openType?: OpenType[];
  scenario?: string[];
  grade?: Grade[];
  tag?: string[];
  /** `published` unless an admin asks for more; `any` = every state the viewer may see. */
  state: DatasetState | 'any';
}

export interface SearchQuery {
  /** Query words from tokenizeQuery; empty for no keyword. Every word must match. */
  words: string[];
  filters: SearchFilters;
  viewer: Viewer;
  sort: Sort;
  order: 'asc' | 'desc';
  offset: number;
  limit: number;
  /** False when the caller shows no filters (e.g. the home page's lists): facets stay empty. */
  facets: boolean;
}

export interface FacetCount {
  key: string;
  count: number;
}

export interface SearchHits {
  total: number;
  /** Dataset ids of the page, in order. */
  ids: string[];
  /** Per facet, counts under every active filter except that facet's own. */
  facets: Record<FacetName, FacetCount[]>;
}

export interface SearchEngine {
  readonly name: string;
  search(query: SearchQuery): Promise<SearchHits>;
  /** Indexes documents; a document older than the one held (by version) is ignored. */
  upsert(documents: IndexDocument[]): Promise<void>;
  remove(ids: string[]): Promise<void>;
  /** Drops and recreates the index (reindex starts with this). */
  reset(): Promise<void>;
  /** True when the engine answers. */
  ping(): Promise<boolean>;
}

/** Facet counts of an engine's answer with every list sorted by count, then key. */
export function sortFacet(counts: FacetCount[]): FacetCount[] {
  return counts.sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}
