/**
 * Resident ID-card numbers (GB 11643-1999): 6-digit area code, 8-digit birth date, 3-digit
 * sequence (odd for men, even for women) and a MOD 11-2 check character (0-9 or X).
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';
const SHAPE = /^[1-9]\d{16}[\dX]$/;

export type IdNumberProblem = 'format' | 'birth-date' | 'checksum';

/** The check character for the first 17 digits. */
export function idCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

/** Why `value` (upper-cased already) is not a valid ID number, or undefined when it is. */
export function idNumberProblem(value: string, today: Date): IdNumberProblem | undefined {
  if (!SHAPE.test(value)) return 'format';
  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  const birth = new Date(Date.UTC(year, month - 1, day));
  const real =
    birth.getUTCFullYear() === year &&
    birth.getUTCMonth() === month - 1 &&
    birth.getUTCDate() === day &&
    year >= 1900 &&
    birth.getTime() <= today.getTime();
  if (!real) return 'birth-date';
  if (idCheckCharacter(value.slice(0, 17)) !== value[17]) return 'checksum';
  return undefined;
}

/** Gender from the sequence digit (odd: male). */
export function idGender(value: string): 'male' | 'female' {
  return Number(value[16]) % 2 === 1 ? 'male' : 'female';
}
