import { describe, expect, it } from 'vitest';
import { errorId, placeErrors } from '../src/ui/form-errors.ts';

describe('placeErrors', () => {
  const known = new Set(['code', 'name.zh', 'name.en', 'order']);

  it('places the kernel’s Chinese sentences on the keys they name', () => {
    const placed = placeErrors('“name.zh”不能为空；“name.en”不能为空；“colour”是不允许的', known);
    expect([...placed.byKey]).toEqual([
      ['name.zh', ['“name.zh”不能为空']],
      ['name.en', ['“name.en”不能为空']],
    ]);
    expect(placed.other).toEqual(['“colour”是不允许的']);
  });

  it('places joi’s English sentences, and keeps other messages whole', () => {
    const placed = placeErrors(
      '"code" must be lower-case letters. "order" must be a number',
      known,
    );
    expect(placed.byKey.get('code')).toEqual(['"code" must be lower-case letters.']);
    expect(placed.byKey.get('order')).toEqual(['"order" must be a number']);
    expect(placeErrors("a domain with code 'x' exists", known).other).toEqual([
      "a domain with code 'x' exists",
    ]);
  });

  it('makes DOM ids of keys', () => {
    expect(errorId('name.zh')).toBe('error-name-zh');
  });
});
