import pg from 'pg';

/**
 * Plain node-postgres queries for the catalog. Search and facet queries need PostgreSQL arrays
 * and tsvectors as bound parameters (`= any($1)`), which the ORM's query layer would expand or
 * splice; with pg every user value is a `$n` parameter, never SQL text. The plugin runs them on
 * the kernel's shared pool (`ctx.db.pool`, see `sqlOverPool`); `createSql` opens a pool of its
 * own for tools outside a kernel (the benchmark).
 */
export interface Sql {
  query<R extends object = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
  /** Runs `work` in one transaction; rolls back if it throws. */
  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T>;
  end(): Promise<void>;
}

function over(client: pg.PoolClient): Sql {
  return {
    query: async <R extends object>(text: string, params: unknown[] = []) =>
      (await client.query<R>(text, params)).rows,
    transaction: (work) => work(over(client)),
    end: async () => {},
  };
}

/** A pool of its own (for tools outside a kernel); `end()` closes it. */
export function createSql(connectionString: string, max: number): Sql {
  const pool = new pg.Pool({ connectionString, max, idleTimeoutMillis: 10_000 });
  // An idle client losing its connection (database restart) must not crash the process.
  pool.on('error', () => {});
  return { ...sqlOverPool(pool), end: () => pool.end() };
}

/** Queries on a pool somebody else owns (the kernel's `ctx.db.pool`): `end()` leaves it open. */
export function sqlOverPool(pool: pg.Pool): Sql {
  return {
    query: async <R extends object>(text: string, params: unknown[] = []) =>
      (await pool.query<R>(text, params)).rows,
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await work(over(client));
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    end: async () => {},
  };
}
