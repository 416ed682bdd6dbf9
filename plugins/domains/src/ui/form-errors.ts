/**
 * Where a refused write's complaints go: sentences naming a key the form has (see
 * `messageSentences`) go under that control; the rest go to the alert at the top of the form.
 */
import { messageSentences } from '@kaifang/plugin-auth-sso/ui/client';

/** A DOM id for the error note of a form key (`name.zh` → `error-name-zh`). */
export function errorId(key: string): string {
  return `error-${key.replace(/[^a-zA-Z0-9]+/g, '-').replace(/-$/, '')}`;
}

export interface PlacedErrors {
  /** Sentences by the form key they name. */
  byKey: Map<string, string[]>;
  /** Sentences naming no key of the form. */
  other: string[];
}

/** Splits `message` into sentences and places each on the key of `known` it names, if any. */
export function placeErrors(message: string, known: ReadonlySet<string>): PlacedErrors {
  const byKey = new Map<string, string[]>();
  const other: string[] = [];
  for (const { key, text } of messageSentences(message)) {
    if (key && known.has(key)) byKey.set(key, [...(byKey.get(key) ?? []), text]);
    else other.push(text);
  }
  return { byKey, other };
}
