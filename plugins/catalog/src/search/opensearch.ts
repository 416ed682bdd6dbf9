/**
 * The scale-out search engine: OpenSearch through the official client. Text arrives already
 * cut by jieba, so the index needs only a whitespace analyser (no server-side Chinese plugin).
 * Documents are versioned externally by the dataset's update counter, so a late or repeated
 * outbox delivery can never overwrite a newer document.
 */
import type { Client } from '@opensearch-project/opensearch';
import { FACETS, type FacetName } from '../model.ts';
import {
  type FacetCount,
  type IndexDocument,
  type SearchEngine,
  type SearchHits,
  type SearchQuery,
  sortFacet,
} from './port.ts';

export interface OpenSearchOptions {
  url: string;
  index: string;
  /** Milliseconds before a request counts as failed (and search falls back to PostgreSQL). */
  timeout: number;
}

type Json = Record<string, unknown>;

const TEXT_FIELDS = ['title', 'tagsText', 'fieldsText', 'descriptionText'] as const;

const FACET_FIELD: Record<FacetName, string> = {
  org: 'orgId',
  domain: 'domains',
  format: 'formats',
  openType: 'openType',
  scenario: 'scenarios',
  grade: 'grade',
};

const MAPPING: Json = {
  settings: {
    number_of_shards: 1,
    analysis: {
      analyzer: { kf_tokens: { type: 'custom', tokenizer: 'whitespace', filter: ['lowercase'] } },
    },
  },
  mappings: {
    dynamic: 'strict',
    properties: {
      id: { type: 'keyword' },
      state: { type: 'keyword' },
      orgId: { type: 'keyword' },
      domains: { type: 'keyword' },
      scenarios: { type: 'keyword' },
      tags: { type: 'keyword' },
      formats: { type: 'keyword' },
      openType: { type: 'keyword' },
      grade: { type: 'integer' },
      updatedAt: { type: 'date' },
      recordCount: { type: 'long' },
      views: { type: 'long' },
      downloads: { type: 'long' },
      ratingAvg: { type: 'float' },
      ratingCount: { type: 'integer' },
      version: { type: 'long' },
      ...Object.fromEntries(
        TEXT_FIELDS.map((field) => [field, { type: 'text', analyzer: 'kf_tokens' }]),
      ),
    },
  },
};

function source(doc: IndexDocument): Json {
  return {
    id: doc.id,
    state: doc.state,
    orgId: doc.orgId,
    domains: doc.domains,
    scenarios: doc.scenarios,
    tags: doc.tags,
    formats: doc.formats,
    openType: doc.openType,
    grade: doc.grade,
    updatedAt: doc.updatedAt,
    recordCount: doc.recordCount,
    views: doc.views,
    downloads: doc.downloads,
    ratingAvg: doc.ratingAvg,
    ratingCount: doc.ratingCount,
    version: doc.version,
    title: doc.tokens.title,
    tagsText: doc.tokens.tags,
    fieldsText: doc.tokens.fields,
    descriptionText: doc.tokens.description,
  };
}

function terms(field: string, values: readonly (string | number)[]): Json {
  return { terms: { [field]: values } };
}

/** The filters of each facet dimension that is active, by facet. */
function facetFilters(query: SearchQuery): Partial<Record<FacetName, Json>> {
  const f = query.filters;
  const out: Partial<Record<FacetName, Json>> = {};
  if (f.org?.length) out.org = terms('orgId', f.org);
  if (f.domain?.length) out.domain = terms('domains', f.domain);
  if (f.format?.length) out.format = terms('formats', f.format);
  if (f.openType?.length) out.openType = terms('openType', f.openType);
  if (f.scenario?.length) out.scenario = terms('scenarios', f.scenario);
  if (f.grade?.length) out.grade = terms('grade', f.grade);
  return out;
}

function baseQuery(query: SearchQuery): Json {
  const filter: Json[] = [];
  const { viewer, filters } = query;
  if (viewer.kind === 'public') filter.push({ term: { state: 'published' } });
  if (viewer.kind === 'organisation') {
    filter.push({
      bool: {
        should: [{ term: { state: 'published' } }, { term: { orgId: viewer.organisationId } }],
        minimum_should_match: 1,
      },
    });
  }
  if (filters.state !== 'any') filter.push({ term: { state: filters.state } });
  if (filters.tag?.length) filter.push(terms('tags', filters.tag));
  const must: Json[] = [];
  if (query.words.length > 0) {
    // Every word must occur in some field, as in PostgreSQL's `@@` over the weighted vector.
    must.push({
      multi_match: {
        query: query.words.join(' '),
        type: 'cross_fields',
        operator: 'and',
        fields: ['title^4', 'tagsText^3', 'fieldsText^2', 'descriptionText'],
      },
    });
  }
  return { bool: { filter, must } };
}

function sort(query: SearchQuery): (Json | string)[] {
  const order = query.order === 'asc' ? 'asc' : 'desc';
  const byId = { id: { order: 'asc' } };
  switch (query.sort) {
    case 'relevance':
      return query.words.length > 0
        ? ['_score', { updatedAt: { order: 'desc' } }, byId]
        : [{ updatedAt: { order: 'desc' } }, byId];
    case 'updated':
      return [{ updatedAt: { order } }, byId];
    case 'records':
      return [{ recordCount: { order } }, byId];
    case 'views':
      return [{ views: { order } }, byId];
    case 'downloads':
      return [{ downloads: { order } }, byId];
    case 'rating':
      return [{ ratingAvg: { order, missing: '_last' } }, { ratingCount: { order } }, byId];
  }
}

export class OpenSearchEngine implements SearchEngine {
  readonly name = 'opensearch';
  readonly #client: Client;

  private constructor(
    private readonly options: OpenSearchOptions,
    client: Client,
  ) {
    this.#client = client;
  }

  /** Loads the OpenSearch client only when a deployment uses it (it slows every start). */
  static async create(options: OpenSearchOptions): Promise<OpenSearchEngine> {
    const { Client } = await import('@opensearch-project/opensearch');
    // No client-side retries: the outbox retries writes, and search falls back at once.
    const client = new Client({
      node: options.url,
      requestTimeout: options.timeout,
      maxRetries: 0,
    });
    return new OpenSearchEngine(options, client);
  }

  #ready = false;

  /**
   * Creates the index with its mapping when missing. Called on start and again before the
   * first write after a failure: a bulk write into a missing index would make OpenSearch
   * create one with guessed (wrong) mappings.
   */
  async ensureIndex(): Promise<void> {
    if (this.#ready) return;
    const exists = await this.#client.indices.exists({ index: this.options.index });
    if (!exists.body) await this.#create();
    this.#ready = true;
  }

  async #create(): Promise<void> {
    await this.#client.indices.create({ index: this.options.index, body: MAPPING as never });
  }

  async search(query: SearchQuery): Promise<SearchHits> {
    const active = facetFilters(query);
    const aggs: Json = {};
    for (const facet of query.facets ? FACETS : []) {
      const others = FACETS.filter((other) => other !== facet && active[other]).map(
        (other) => active[other] as Json,
      );
      aggs[facet] = {
        filter: { bool: { filter: others } },
        aggs: { keys: { terms: { field: FACET_FIELD[facet], size: 500 } } },
      };
    }
    const body: Json = {
      query: baseQuery(query),
      // Facet filters narrow the hits but not the aggregations, each of which applies the others.
      post_filter: { bool: { filter: Object.values(active) } },
      aggs,
      sort: sort(query),
      from: query.offset,
      size: query.limit,
      track_total_hits: true,
      _source: false,
    };
    const response = await this.#client.search({ index: this.options.index, body: body as never });
    const result = response.body as unknown as {
      hits: { total: { value: number }; hits: { _id: string }[] };
      aggregations: Record<
        string,
        { keys: { buckets: { key: string | number; doc_count: number }[] } }
      >;
    };
    const facets = Object.fromEntries(
      FACETS.map((facet) => [
        facet,
        sortFacet(
          (result.aggregations[facet]?.keys.buckets ?? []).map(
            (bucket): FacetCount => ({ key: String(bucket.key), count: bucket.doc_count }),
          ),
        ),
      ]),
    ) as Record<FacetName, FacetCount[]>;
    return {
      total: result.hits.total.value,
      ids: result.hits.hits.map((hit) => hit._id),
      facets,
    };
  }

  async upsert(documents: IndexDocument[]): Promise<void> {
    if (documents.length === 0) return;
    await this.ensureIndex();
    const body: Json[] = documents.flatMap((doc) => [
      {
        index: {
          _index: this.options.index,
          _id: doc.id,
          version: doc.version,
          // gte: a reindex may write the same version again; an older one is refused (409).
          version_type: 'external_gte',
        },
      },
      source(doc),
    ]);
    await this.#bulk(body);
  }

  async remove(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.#bulk(ids.map((id) => ({ delete: { _index: this.options.index, _id: id } })));
  }

  async #bulk(body: Json[]): Promise<void> {
    const response = await this.#client.bulk({ body: body as never, refresh: 'wait_for' });
    const result = response.body as unknown as {
      errors: boolean;
      items: Record<string, { status: number; error?: { reason?: string } }>[];
    };
    if (!result.errors) return;
    // 409: the index already holds a newer version; 404: deleting what is not there. Both fine.
    const failed = result.items
      .map((item) => Object.values(item)[0])
      .filter((item) => item && item.status !== 409 && item.status !== 404);
    if (failed.length > 0) {
      throw new Error(
        `OpenSearch refused ${failed.length} document(s): ${failed[0]?.error?.reason ?? `status ${failed[0]?.status}`}`,
      );
    }
  }

  async reset(): Promise<void> {
    await this.#client.indices.delete({ index: this.options.index, ignore_unavailable: true });
    await this.#create();
    this.#ready = true;
  }

  async ping(): Promise<boolean> {
    return this.#client.ping().then(
      () => true,
      () => false,
    );
  }

  async close(): Promise<void> {
    await this.#client.close();
  }
}
