/**
 * Column types: what inference may pick, how each maps to PostgreSQL, and how a raw cell is
 * checked and normalised before it goes to COPY. The checks are stricter than PostgreSQL's own
 * input functions, so a value accepted here is never refused by the database mid-COPY (where
 * the error could only name a COPY row, not the line of the user's file).
 */

export const FIELD_TYPES = ['integer', 'decimal', 'date', 'datetime', 'boolean', 'string'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** One field of a dataset: the name users see and the generated column that stores it. */
export interface ColumnInfo {
  /** The header text of the uploaded file (trimmed); what the records API calls the field. */
  name: string;
  /** Generated identifier (`c1`, `c2`, …); user text never becomes an SQL identifier. */
  column: string;
  type: FieldType;
}

export const SQL_TYPES: Record<FieldType, string> = {
  integer: 'bigint',
  decimal: 'numeric',
  date: 'date',
  datetime: 'timestamp',
  boolean: 'boolean',
  string: 'text',
};

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** Quotes an identifier the plugin generated; anything else is a programming error. */
export function ident(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`refusing to use '${name}' as an SQL identifier`);
  return `"${name}"`;
}

/** `data.ds_<32 hex>_v<n>`: derived from the dataset's uuid (checked) and a counter only. */
export function tableNameFor(datasetId: string, version: number): string {
  const hex = datasetId.toLowerCase().replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/.test(hex)) throw new Error(`dataset id '${datasetId}' is not a uuid`);
  if (!Number.isInteger(version) || version < 1) throw new Error(`bad table version ${version}`);
  return `ds_${hex}_v${version}`;
}

export function qualified(table: string): string {
  return `data.${ident(table)}`;
}

// Digits with a leading zero are codes (邮编, 行政区划代码), not quantities; long digit runs are
// identifiers (ID-card, credit codes, phone numbers) that must keep every character.
const INTEGER = /^[-+]?(0|[1-9]\d{0,14})$/;
const DECIMAL = /^[-+]?(0|[1-9]\d{0,14})\.\d{1,10}$/;
const DATE = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/;
const DATETIME =
  /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?$/;
const BOOLEAN = /^(true|false)$/i;

/** Header words that mark a column as a code even when every value is a number. */
const CODE_NAMES =
  /(编码|代码|编号|号码|电话|手机|邮编|证号|身份证|账号|code|phone|tel|zip|^id$|_id$)/i;

function pad(value: string): string {
  return value.length === 1 ? `0${value}` : value;
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** `YYYY-MM-DD` when the parts make a real calendar date (no Date objects: this runs per cell). */
function validDate(year: string, month: string, day: string): string | undefined {
  const y = Number(year);
  const m = Number(month);
  const d = Number(day);
  if (m < 1 || m > 12 || d < 1) return undefined;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  if (d > (m === 2 && leap ? 29 : DAYS[m - 1]!)) return undefined;
  if (y < 1) return undefined;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** The number the digits `value[from..to)` spell, or -1 if one is not a digit. */
function digits(value: string, from: number, to: number): number {
  let result = 0;
  for (let index = from; index < to; index++) {
    const digit = value.charCodeAt(index) - 48;
    if (digit < 0 || digit > 9) return -1;
    result = result * 10 + digit;
  }
  return result;
}

/**
 * `YYYY-MM-DD` that is a real date, checked without a regex or allocating: most files write
 * dates this way, and this runs once per date cell.
 */
function isIsoDate(value: string): boolean {
  if (value.length !== 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return false;
  const year = digits(value, 0, 4);
  const month = digits(value, 5, 7);
  const day = digits(value, 8, 10);
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return day <= (month === 2 && leap ? 29 : DAYS[month - 1]!);
}

/**
 * The value normalised for a column of `type`, or `undefined` when it does not fit.
 * Empty cells are NULL (`null`) in every type.
 */
export function normalise(type: FieldType, raw: string): string | null | undefined {
  // Text is by far the commonest column: keep its path free of allocations.
  if (type === 'string') return raw === '' ? null : raw;
  const value = raw.trim();
  if (value === '') return null;
  switch (type) {
    case 'integer':
      return INTEGER.test(value) ? value : undefined;
    case 'decimal':
      return INTEGER.test(value) || DECIMAL.test(value) ? value : undefined;
    case 'boolean':
      return BOOLEAN.test(value) ? value.toLowerCase() : undefined;
    case 'date': {
      if (isIsoDate(value)) return value;
      const match = DATE.exec(value);
      return match ? validDate(match[1]!, match[2]!, match[3]!) : undefined;
    }
    case 'datetime': {
      const match = DATETIME.exec(value);
      if (!match) return undefined;
      const date = validDate(match[1]!, match[2]!, match[3]!);
      const [hour, minute, second] = [Number(match[4]), Number(match[5]), Number(match[6] ?? 0)];
      if (!date || hour > 23 || minute > 59 || second > 59) return undefined;
      return `${date} ${pad(match[4]!)}:${match[5]}:${pad(String(second))}`;
    }
  }
}

/** Types from most to least specific; inference keeps the first every sampled value fits. */
const CANDIDATES: FieldType[] = ['integer', 'decimal', 'date', 'datetime', 'boolean'];

/**
 * Tracks, per column, which types every value seen so far fits. Feeding it the whole file is
 * cheap (a regex per cell); the loader feeds it a sample and re-checks the rest while loading.
 */
export class TypeInference {
  readonly #possible: Set<FieldType>[];
  readonly #seen: boolean[];

  constructor(readonly names: readonly string[]) {
    this.#possible = names.map((name) =>
      CODE_NAMES.test(name) ? new Set<FieldType>() : new Set(CANDIDATES),
    );
    this.#seen = names.map(() => false);
  }

  add(values: readonly string[]): void {
    for (let index = 0; index < this.#possible.length; index++) {
      const value = values[index] ?? '';
      if (value.trim() === '') continue;
      this.#seen[index] = true;
      const possible = this.#possible[index]!;
      for (const type of possible) {
        if (normalise(type, value) === undefined) possible.delete(type);
      }
    }
  }

  /** An all-empty column is a string: nothing says otherwise. */
  types(): FieldType[] {
    return this.#possible.map((possible, index) => {
      if (!this.#seen[index]) return 'string';
      return CANDIDATES.find((type) => possible.has(type)) ?? 'string';
    });
  }
}

/** Unique, trimmed field names; blanks and repeats get a suffix so every field is addressable. */
export function fieldNames(header: readonly string[]): string[] {
  const used = new Set<string>();
  return header.map((raw, index) => {
    const base = raw.replace(/^\uFEFF/, '').trim() || `字段${index + 1}`;
    let name = base;
    for (let n = 2; used.has(name); n++) name = `${base}_${n}`;
    used.add(name);
    return name;
  });
}
