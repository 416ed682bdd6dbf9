/**
 * Where a refused write's complaints go: a 400 message names each bad key at the start of its
 * sentence (joi's English joins sentences with ". ", the kernel's Chinese with "；" and
 * “curly” quotes). Sentences naming a key the form has go under that control; the rest go to
 * the alert at the top of the form.
 */

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
  for (const sentence of message.split(/(?<=\.)\s+(?=")|；/)) {
    const text = sentence.trim();
    if (!text) continue;
    const named = /^["“]([^"”]+)["”]/.exec(text)?.[1];
    if (named && known.has(named)) byKey.set(named, [...(byKey.get(named) ?? []), text]);
    else other.push(text);
  }
  return { byKey, other };
}
