/**
 * What the benchmark asks: one query spec → the HTTP path and the `SearchQuery` (hence the SQL)
 * the catalog builds from it, and the seeded query mix with its Zipf-drawn request sequence.
 */
import type { SearchQuery } from '../../plugins/catalog/src/search/port.ts';
import { tokenizeDocument, tokenizeQuery } from '../../plugins/catalog/src/search/tokenize.ts';
import { seededRandom } from '../../plugins/datastore/src/demo.ts';
import { SUFFIXES, TOPICS } from './generate.ts';

/** One catalogue request, as a visitor's browser would send it. */
export interface QuerySpec {
  q: string;
  domain?: string;
  sort?: 'updated';
  page?: number;
  /** `false` for lists without filters (the home page); the engine then runs `buildPageSql`. */
  facets?: false;
}

/** The benchmark's original query: ≈ 6.5 % of datasets, one domain filter. */
export const SINGLE: QuerySpec = { q: '公交', domain: 'transport' };

const PAGE_SIZE = 20;

export function pathOf(spec: QuerySpec): string {
  const params = new URLSearchParams({ q: spec.q });
  if (spec.domain) params.set('domain', spec.domain);
  if (spec.sort) params.set('sort', spec.sort);
  if (spec.page) params.set('page', String(spec.page));
  if (spec.facets === false) params.set('facets', 'false');
  return `/api/v1/datasets?${params}`;
}

/**
 * The `SearchQuery` the catalog builds for `spec` from an anonymous visitor: the same as
 * `CatalogSearch#toSearchQuery` (plugins/catalog/src/service.ts) after the route's Joi
 * defaults (page 1, 20 a page, facets on). Bare SQL runs the statements built from this.
 */
export function searchQueryOf(spec: QuerySpec): SearchQuery {
  const words = tokenizeQuery(spec.q);
  return {
    words,
    filters: spec.domain ? { domain: [spec.domain], state: 'published' } : { state: 'published' },
    viewer: { kind: 'public' },
    sort: spec.sort ?? (words.length > 0 ? 'relevance' : 'updated'),
    order: 'desc',
    offset: ((spec.page ?? 1) - 1) * PAGE_SIZE,
    limit: PAGE_SIZE,
    facets: spec.facets !== false,
  };
}

function shuffle<T>(list: T[], random: () => number): T[] {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list;
}

/**
 * Distinct catalogue queries, most popular first. Keywords: the 31 generated topics, every
 * word of two or more characters jieba finds inside them (公交, 线路, 养老, 机构 …; only those a
 * query cuts to the same single word, so each can match), and two-word combinations of such a
 * word with a title suffix (停车场 信息, 医疗 名录 …). Each keyword comes alone; many also with
 * its topic's domain, some sorted by date or on page 2. Popularity: lone keywords first, then
 * keyword + domain, then the rest, shuffled within each tier. Queries that the catalog would
 * turn into the same `SearchQuery` are kept once. Fewer than 500 (the answer cache's capacity),
 * so the cache never evicts for lack of room.
 */
export function mixedQueries(seed = 20_260_101): QuerySpec[] {
  const random = seededRandom(seed);
  const keywords = new Map<string, string>();
  for (const [topic, domain] of TOPICS) {
    if (!keywords.has(topic)) keywords.set(topic, domain);
    for (const word of tokenizeDocument(topic).split(' ')) {
      const single = tokenizeQuery(word);
      if (word.length >= 2 && single.length === 1 && single[0] === word && !keywords.has(word))
        keywords.set(word, domain);
    }
  }
  const suffixWords = [...new Set(SUFFIXES.flatMap((suffix) => tokenizeQuery(suffix)))];
  const combos = shuffle([...keywords], random)
    .slice(0, 60)
    .map(([word, domain]): [string, string] => [
      `${word} ${suffixWords[Math.floor(random() * suffixWords.length)]}`,
      domain,
    ]);

  const tiers: QuerySpec[][] = [[], [], []];
  for (const [q, domain] of shuffle([...keywords], random)) {
    tiers[0]!.push({ q });
    if (random() < 0.7) tiers[1]!.push({ q, domain });
    if (random() < 0.3) tiers[2]!.push({ q, sort: 'updated' });
    if (random() < 0.3) tiers[2]!.push({ q, page: 2 });
    if (random() < 0.15) tiers[2]!.push({ q, domain, page: 2 });
    if (random() < 0.1) tiers[2]!.push({ q, domain, sort: 'updated' });
  }
  for (const [q, domain] of combos) {
    tiers[2]!.push({ q });
    if (random() < 0.4) tiers[2]!.push({ q, domain });
  }
  const seen = new Set<string>();
  return tiers
    .flatMap((tier) => shuffle(tier, random))
    .filter((spec) => {
      const key = JSON.stringify(searchQueryOf(spec));
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

/**
 * `length` indices into a list of `n` (index 0 the most popular) drawn with Zipf's law:
 * P(rank k) ∝ 1 / k^s.
 */
export function zipfSequence(n: number, length: number, s = 1, seed = 7): Uint16Array {
  if (n > 65_536) throw new Error('zipfSequence: at most 65,536 distinct queries');
  const random = seededRandom(seed);
  const cumulative: number[] = [];
  let sum = 0;
  for (let k = 1; k <= n; k++) {
    sum += 1 / k ** s;
    cumulative.push(sum);
  }
  const sequence = new Uint16Array(length);
  for (let i = 0; i < length; i++) {
    const u = random() * sum;
    let low = 0;
    let high = n - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (cumulative[mid]! < u) low = mid + 1;
      else high = mid;
    }
    sequence[i] = low;
  }
  return sequence;
}
