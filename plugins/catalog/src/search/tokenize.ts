import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';

/**
 * Chinese has no spaces, so both engines index text that jieba has already cut into words.
 * Documents are cut "for search": every dictionary word inside a longer word is emitted too
 * (德州市公交线路信息 → 德州 州市 德州市 公交 线路 公交线 公交线路 信息), which is what lets a
 * word inside a compound match. Queries are cut precisely, and every query word must match.
 */
let jieba: Jieba | undefined;
function instance(): Jieba {
  // Loading the dictionary takes ~100 ms; only pay it when text is first cut.
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

/** Letters, digits or CJK; punctuation and spaces are not words. */
const WORD = /[\p{L}\p{N}]/u;

function clean(words: string[]): string[] {
  return words.map((word) => word.trim().toLowerCase()).filter((word) => WORD.test(word));
}

/** Space-separated search tokens of a document's text. */
export function tokenizeDocument(text: string): string {
  if (!text) return '';
  return clean(instance().cutForSearch(text, true)).join(' ');
}

/** The words a query must all match, deduplicated, in order. */
export function tokenizeQuery(query: string): string[] {
  return [...new Set(clean(instance().cut(query, true)))];
}
