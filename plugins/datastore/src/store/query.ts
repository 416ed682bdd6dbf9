import { type ColumnInfo, type FieldType, ident, normalise, qualified } from './columns.ts';
import type { CurrentTable } from './tables.ts';

/** A request problem the client can fix; routes answer it with 400 and this message. */
export class QueryProblem extends Error {}

export type Scalar = string | number | boolean;

/** One field's filter: a value (equals), a list (in), null (is empty), or operators. */
export type FieldFilter =
  | Scalar
  | null
  | Scalar[]
  | {
      eq?: Scalar | null;
      in?: Scalar[];
      gt?: Scalar;
      gte?: Scalar;
      lt?: Scalar;
      lte?: Scalar;
      contains?: string;
    };

export interface SortKey {
  field: string;
  descending: boolean;
}

export interface RecordQuery {
  fields?: string[];
  filters?: Record<string, FieldFilter>;
  sort?: SortKey[];
  limit: number;
  cursor?: string;
}

export interface BuiltQuery {
  /** The page query: `limit + 1` rows so the caller knows whether there is a next page. */
  sql: string;
  /** The same filters without cursor, order or limit, for counting. */
  countSql: string;
  params: unknown[];
  countParams: unknown[];
  selected: ColumnInfo[];
  sortColumns: { column: ColumnInfo; descending: boolean }[];
  signature: string;
}

export const MAX_LIMIT = 1000;
const MAX_IN = 1000;
const OPERATORS = new Set(['eq', 'in', 'gt', 'gte', 'lt', 'lte', 'contains']);

function findField(table: CurrentTable, name: string, where: string): ColumnInfo {
  const column = table.columns.find((candidate) => candidate.name === name);
  if (!column) {
    throw new QueryProblem(
      `unknown field '${name}' in ${where}; the fields are: ${table.columns.map((c) => c.name).join(', ')}`,
    );
  }
  return column;
}

const TYPE_WORDS: Record<FieldType, string> = {
  integer: 'an integer',
  decimal: 'a number',
  date: 'a date (YYYY-MM-DD)',
  datetime: 'a date and time (YYYY-MM-DD HH:MM:SS)',
  boolean: 'true or false',
  string: 'text',
};

/** SQL parameters are typed by explicit casts; values are checked here so the 400 names them. */
class Params {
  readonly values: unknown[] = [];
  add(column: ColumnInfo, value: Scalar, where: string): string {
    const text = String(value);
    const normal = normalise(column.type, text);
    if (normal === undefined || normal === null) {
      throw new QueryProblem(
        `${where}: '${text}' is not ${TYPE_WORDS[column.type]}, the type of field '${column.name}'`,
      );
    }
    this.values.push(normal);
    return `$${this.values.length}::${sqlType(column.type)}`;
  }
  addRaw(value: unknown, cast: string): string {
    this.values.push(value);
    return `$${this.values.length}::${cast}`;
  }
}

function sqlType(type: FieldType): string {
  return {
    integer: 'bigint',
    decimal: 'numeric',
    date: 'date',
    datetime: 'timestamp',
    boolean: 'boolean',
    string: 'text',
  }[type];
}

function isScalar(value: unknown): value is Scalar {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function filterSql(column: ColumnInfo, filter: FieldFilter, params: Params): string[] {
  const col = ident(column.column);
  const where = `filter on '${column.name}'`;
  if (filter === null) return [`${col} is null`];
  if (isScalar(filter)) return [`${col} = ${params.add(column, filter, where)}`];
  if (Array.isArray(filter)) return [inSql(column, filter, params, where)];
  if (typeof filter !== 'object')
    throw new QueryProblem(`${where}: give a value, a list or operators`);
  const parts: string[] = [];
  for (const [operator, value] of Object.entries(filter)) {
    if (!OPERATORS.has(operator)) {
      throw new QueryProblem(
        `${where}: unknown operator '${operator}'; use eq, in, gt, gte, lt, lte or contains`,
      );
    }
    if (operator === 'in') {
      if (!Array.isArray(value)) throw new QueryProblem(`${where}: 'in' needs a list`);
      parts.push(inSql(column, value, params, where));
      continue;
    }
    if (operator === 'eq' && value === null) {
      parts.push(`${col} is null`);
      continue;
    }
    if (!isScalar(value)) throw new QueryProblem(`${where}: '${operator}' needs a single value`);
    if (operator === 'contains') {
      const escaped = String(value).replace(/[\\%_]/g, (m) => `\\${m}`);
      parts.push(`${col}::text ilike ${params.addRaw(`%${escaped}%`, 'text')}`);
      continue;
    }
    const sign = { eq: '=', gt: '>', gte: '>=', lt: '<', lte: '<=' }[operator]!;
    parts.push(`${col} ${sign} ${params.add(column, value, where)}`);
  }
  return parts;
}

function inSql(column: ColumnInfo, list: unknown[], params: Params, where: string): string {
  if (list.length === 0 || list.length > MAX_IN) {
    throw new QueryProblem(`${where}: a list needs 1 to ${MAX_IN} values`);
  }
  const values = list.map((value) => {
    if (!isScalar(value)) throw new QueryProblem(`${where}: list values must be text or numbers`);
    const normal = normalise(column.type, String(value));
    if (normal === undefined || normal === null) {
      throw new QueryProblem(`${where}: '${String(value)}' is not ${TYPE_WORDS[column.type]}`);
    }
    return normal;
  });
  return `${ident(column.column)} = any(${params.addRaw(values, `${sqlType(column.type)}[]`)})`;
}

interface CursorData {
  /** Sort signature: a cursor only continues the query it came from. */
  s: string;
  /** The last row's sort values, then its row id. */
  v: (string | null)[];
  i: string;
}

export function encodeCursor(data: CursorData): string {
  return Buffer.from(JSON.stringify(data)).toString('base64url');
}

function decodeCursor(cursor: string, signature: string): CursorData {
  let data: CursorData;
  try {
    data = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as CursorData;
  } catch {
    throw new QueryProblem(
      'cursor is not valid; pass the nextCursor of the previous page unchanged',
    );
  }
  if (
    !data ||
    typeof data.s !== 'string' ||
    !Array.isArray(data.v) ||
    typeof data.i !== 'string' ||
    !/^\d+$/.test(data.i)
  ) {
    throw new QueryProblem(
      'cursor is not valid; pass the nextCursor of the previous page unchanged',
    );
  }
  if (data.s !== signature) {
    throw new QueryProblem(
      'cursor belongs to a query with another sort or filter; start again without cursor',
    );
  }
  return data;
}

/**
 * Keyset pagination over (sort keys…, _id). NULLs sort as PostgreSQL sorts them by default
 * (last ascending, first descending), so one plain index serves both directions. "After the last
 * row" is, for some key i, equal on the keys before it and strictly after on key i.
 */
function afterSql(
  sortColumns: BuiltQuery['sortColumns'],
  cursor: CursorData,
  params: Params,
): string {
  const alternatives: string[] = [];
  const equal: string[] = [];
  sortColumns.forEach(({ column, descending }, index) => {
    const col = ident(column.column);
    const value = cursor.v[index] ?? null;
    if (value !== null) {
      const param = params.addRaw(value, sqlType(column.type));
      // Ascending, NULLs come after every value; descending, they came before all of them.
      const after = descending ? `${col} < ${param}` : `(${col} > ${param} or ${col} is null)`;
      alternatives.push([...equal, after].join(' and '));
      equal.push(`${col} = ${param}`);
    } else {
      // Ascending, nothing sorts after NULL; descending, every value does.
      if (descending) alternatives.push([...equal, `${col} is not null`].join(' and '));
      equal.push(`${col} is null`);
    }
  });
  alternatives.push([...equal, `_id > ${params.addRaw(cursor.i, 'bigint')}`].join(' and '));
  return `(${alternatives.map((alternative) => `(${alternative})`).join(' or ')})`;
}

export function buildQuery(table: CurrentTable, query: RecordQuery): BuiltQuery {
  const selected = query.fields?.length
    ? query.fields.map((name) => findField(table, name, 'fields'))
    : table.columns;
  const params = new Params();
  const conditions: string[] = [];
  for (const [name, filter] of Object.entries(query.filters ?? {})) {
    conditions.push(...filterSql(findField(table, name, 'filters'), filter, params));
  }
  const countParams = [...params.values];
  const countWhere = conditions.length > 0 ? ` where ${conditions.join(' and ')}` : '';
  const sortColumns = (query.sort ?? []).map((key) => ({
    column: findField(table, key.field, 'sort'),
    descending: key.descending,
  }));
  const signature = JSON.stringify([
    sortColumns.map((key) => [key.column.column, key.descending]),
    query.filters ?? {},
  ]);
  if (query.cursor) {
    conditions.push(afterSql(sortColumns, decodeCursor(query.cursor, signature), params));
  }
  const from = qualified(table.tableName);
  const where = conditions.length > 0 ? ` where ${conditions.join(' and ')}` : '';
  const order = [
    ...sortColumns.map(
      ({ column, descending }) => `${ident(column.column)} ${descending ? 'desc' : 'asc'}`,
    ),
    '_id asc',
  ].join(', ');
  // Sort keys are fetched too: the next cursor is built from the last row's values.
  const fetched = [...new Set([...selected, ...sortColumns.map((key) => key.column)])];
  const list = ['_id', ...fetched.map((column) => ident(column.column))].join(', ');
  const limit = params.addRaw(query.limit + 1, 'int');
  return {
    sql: `select ${list} from ${from}${where} order by ${order} limit ${limit}`,
    countSql: `select count(*) as n from ${from}${countWhere}`,
    params: params.values,
    countParams,
    selected,
    sortColumns,
    signature,
  };
}

/** Parses `sort=区县,-金额` (a leading `-` sorts descending). */
export function parseSort(text: string | undefined): SortKey[] {
  if (!text) return [];
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) =>
      part.startsWith('-')
        ? { field: part.slice(1), descending: true }
        : { field: part.replace(/^\+/, ''), descending: false },
    );
}

export function parseFilters(text: string | undefined): Record<string, FieldFilter> | undefined {
  if (!text) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new QueryProblem(
      'filters must be a JSON object, e.g. {"区县":"德城区","金额":{"gte":100}}',
    );
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new QueryProblem('filters must be a JSON object keyed by field name');
  }
  return parsed as Record<string, FieldFilter>;
}

/** Values as they go into a cursor: text, exactly as PostgreSQL prints them. */
export function cursorValue(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return String(value);
}
