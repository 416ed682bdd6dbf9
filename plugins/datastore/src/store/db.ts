import pg from 'pg';

const raw = (value: string) => value;

/** A JSON number when it holds every digit (at most 15 significant), else the exact text. */
export function numberWhenExact(value: string): number | string {
  const digits = value.replace(/[-+.]/g, '').replace(/^0+/, '');
  return digits.length <= 15 ? Number(value) : value;
}

/**
 * Values as the records API shows them: dates and timestamps as the text PostgreSQL prints
 * (no time-zone shift through JS Date), bigint and numeric as JSON numbers when exact.
 */
export const recordTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    switch (oid) {
      case 1082: // date
      case 1114: // timestamp
      case 1184: // timestamptz
        return raw;
      case 20: // int8
      case 1700: // numeric
        return numberWhenExact;
      default:
        return pg.types.getTypeParser(oid, format);
    }
  }) as pg.CustomTypesConfig['getTypeParser'],
};

export async function withClient<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    return await work(client);
  } finally {
    client.release();
  }
}

export async function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  return withClient(pool, async (client) => {
    await client.query('begin');
    try {
      const result = await work(client);
      await client.query('commit');
      return result;
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    }
  });
}
