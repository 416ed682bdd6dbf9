import type { DbService } from '@kaifang/sdk';

/** Row-level SQL for the few statements an ORM makes awkward (atomic upserts, bulk updates). */
export type Sql = <T = Record<string, unknown>>(query: string, params?: unknown[]) => Promise<T[]>;

/** Parameters are `?` placeholders (knex style); values are always bound, never spliced. */
export function sqlOf(db: DbService): Sql {
  return async <T>(query: string, params: unknown[] = []) =>
    (await db.orm.em.getConnection().execute(query, params as never[], 'all')) as T[];
}
