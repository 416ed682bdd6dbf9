import { Boom, type Request } from '@kaifang/sdk';
import type pg from 'pg';
import type { CatalogPort, DataAction, DatasetFacts, Principal } from './catalog-port.ts';
import { recordTypes } from './store/db.ts';
import {
  type BuiltQuery,
  buildQuery,
  cursorValue,
  encodeCursor,
  QueryProblem,
  type RecordQuery,
} from './store/query.ts';
import { type CurrentTable, currentTable } from './store/tables.ts';

/** The principal of a request (auth-sso's credentials), or undefined for a guest. */
export function principalOf(request: Request): Principal | undefined {
  if (!request.auth.isAuthenticated) return undefined;
  const credentials = request.auth.credentials as unknown as Partial<Principal> | null;
  if (!credentials || typeof credentials.userId !== 'string' || !Array.isArray(credentials.roles)) {
    return undefined;
  }
  return credentials as Principal;
}

export interface RecordsPage {
  fields: { name: string; type: string }[];
  records: Record<string, unknown>[];
  limit: number;
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
  total: number | null;
  /** True when `total` is the planner's estimate rather than a count. */
  totalEstimated: boolean;
}

export type TotalMode = 'exact' | 'estimate' | 'none';

/** Below this estimate an exact count is cheap enough to give anyway. */
const EXACT_BELOW = 10_000;

export class DataService {
  constructor(
    private readonly pool: pg.Pool,
    private readonly catalog: CatalogPort,
  ) {}

  /** The dataset and its current table, if the principal may use them; otherwise the 4xx. */
  async readable(
    datasetId: string,
    principal: Principal | undefined,
    action: DataAction,
  ): Promise<{ dataset: DatasetFacts; table: CurrentTable }> {
    const dataset = await this.catalog.dataset(datasetId);
    if (!dataset) throw Boom.notFound(`no dataset with id ${datasetId}`);
    const decision = await this.catalog.access(dataset, principal, action);
    if (!decision.allowed) {
      if (decision.status === 401) throw Boom.unauthorized(decision.message);
      if (decision.status === 404) throw Boom.notFound(decision.message);
      throw Boom.forbidden(decision.message);
    }
    const table = await currentTable(this.pool, datasetId);
    if (!table) {
      throw Boom.notFound(
        `dataset ${datasetId} has no data yet; its provider uploads a CSV, XLSX or JSON file first`,
      );
    }
    return { dataset, table };
  }

  async records(table: CurrentTable, query: RecordQuery, total: TotalMode): Promise<RecordsPage> {
    let built: BuiltQuery;
    try {
      built = buildQuery(table, query);
    } catch (error) {
      if (error instanceof QueryProblem) throw Boom.badRequest(error.message);
      throw error;
    }
    const result = await this.query(table.datasetId, built.sql, built.params);
    const more = result.rows.length > query.limit;
    const rows = more ? result.rows.slice(0, query.limit) : result.rows;
    const records = rows.map((row) => {
      const record: Record<string, unknown> = {};
      for (const column of built.selected) record[column.name] = row[column.column] ?? null;
      return record;
    });
    const last = rows.at(-1);
    const nextCursor =
      more && last
        ? encodeCursor({
            s: built.signature,
            v: built.sortColumns.map(({ column }) => cursorValue(last[column.column])),
            i: String(last._id),
          })
        : null;
    const counted = await this.total(
      table,
      built,
      total,
      Object.keys(query.filters ?? {}).length > 0,
    );
    return {
      fields: built.selected.map((column) => ({ name: column.name, type: column.type })),
      records,
      limit: query.limit,
      nextCursor,
      ...counted,
    };
  }

  async #estimate(built: BuiltQuery): Promise<number> {
    const plan = await this.pool.query<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>(
      `explain (format json) ${built.countSql.replace('count(*) as n', '1')}`,
      built.countParams,
    );
    return Math.round(plan.rows[0]?.['QUERY PLAN'][0].Plan['Plan Rows'] ?? 0);
  }

  private async total(
    table: CurrentTable,
    built: BuiltQuery,
    mode: TotalMode,
    filtered: boolean,
  ): Promise<{ total: number | null; totalEstimated: boolean }> {
    if (mode === 'none') return { total: null, totalEstimated: false };
    // Unfiltered, the load's own count is exact and free.
    if (!filtered) return { total: table.recordCount, totalEstimated: false };
    if (mode === 'estimate') {
      const estimate = await this.#estimate(built);
      if (estimate >= EXACT_BELOW) return { total: estimate, totalEstimated: true };
    }
    const counted = await this.pool.query<{ n: string }>(built.countSql, built.countParams);
    return { total: Number(counted.rows[0]?.n ?? 0), totalEstimated: false };
  }

  /**
   * Runs a read on the dataset's table. A full replacement retires the old table a while after
   * the swap; a reader that looked up the old name that long before finds it gone and is asked
   * to send the request again (503), which then reads the current table.
   */
  private async query(datasetId: string, sql: string, params: unknown[]) {
    try {
      return await this.pool.query<Record<string, unknown>>({
        text: sql,
        values: params,
        types: recordTypes,
      });
    } catch (error) {
      if ((error as { code?: string }).code === '42P01') {
        throw Boom.serverUnavailable(
          `dataset ${datasetId} was just replaced with new data; send the request again`,
        );
      }
      throw error;
    }
  }
}
