import { Boom } from '@kaifang/sdk';
import { isIsoDate } from './calendar/dates.ts';
import type { ReviewerField } from './kinds.ts';

/**
 * Checks the values a reviewer gives for a kind's fields when approving and keeps only the
 * declared ones. Errors name the field, as joi's do elsewhere.
 */
export function validateFields(
  declared: readonly ReviewerField[],
  given: Record<string, unknown>,
): Record<string, unknown> {
  const known = new Set(declared.map((field) => field.name));
  const unknown = Object.keys(given).filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw Boom.badRequest(
      `"fields.${unknown[0]}" is not a field of this review kind (fields: ${[...known].join(', ') || 'none'})`,
    );
  }
  const out: Record<string, unknown> = {};
  for (const field of declared) {
    const value = given[field.name];
    const path = `"fields.${field.name}"`;
    if (value === undefined || value === null || value === '') {
      if (field.required) throw Boom.badRequest(`${path} is required to approve`);
      continue;
    }
    const ok = {
      text: typeof value === 'string' && value.length <= 2000,
      number: typeof value === 'number' && Number.isFinite(value),
      date: typeof value === 'string' && isIsoDate(value),
      boolean: typeof value === 'boolean',
      select: typeof value === 'string' && (field.options ?? []).includes(value),
    }[field.type];
    if (!ok) {
      const expected = {
        text: 'text of at most 2000 characters',
        number: 'a number',
        date: 'a date written YYYY-MM-DD',
        boolean: 'true or false',
        select: `one of ${(field.options ?? []).join(', ')}`,
      }[field.type];
      throw Boom.badRequest(`${path} must be ${expected}`);
    }
    out[field.name] = value;
  }
  return out;
}
