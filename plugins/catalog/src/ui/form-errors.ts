/**
 * How a control shows the server's complaint about it: the message right under the control,
 * tied to it with `aria-describedby` and `aria-invalid`, so a screen reader reads it too.
 */
import { html, nothing } from 'lit';

/** A DOM id for the error note of a form key (`fields[0].label` → `error-fields-0-label`). */
export function errorId(key: string): string {
  return `error-${key.replace(/[^a-zA-Z0-9]+/g, '-').replace(/-$/, '')}`;
}

/** The attributes' values for a control with this key: `invalid` and `describedby`. */
export function errorState(
  errors: ReadonlyMap<string, string[]>,
  key: string,
  hintId?: string,
): { invalid: 'true' | 'false'; describedby: string | typeof nothing } {
  const bad = errors.has(key);
  const ids = [hintId, bad ? errorId(key) : undefined].filter(Boolean).join(' ');
  return { invalid: bad ? 'true' : 'false', describedby: ids || nothing };
}

/** The messages for `key`, or nothing. */
export function errorNote(errors: ReadonlyMap<string, string[]>, key: string) {
  const messages = errors.get(key);
  if (!messages) return nothing;
  return html`<p class="error" id=${errorId(key)}>${messages.join(' ')}</p>`;
}
