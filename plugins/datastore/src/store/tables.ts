import type pg from 'pg';
import type { ColumnInfo } from './columns.ts';

/** Where a dataset's current rows are, as `datastore_table` records it. */
export interface CurrentTable {
  datasetId: string;
  tableName: string;
  version: number;
  columns: ColumnInfo[];
  primaryKey: string[];
  recordCount: number;
  formats: string[];
  updatedAt: Date;
}

type Queryable = Pick<pg.ClientBase, 'query'> | pg.Pool;

export async function currentTable(
  db: Queryable,
  datasetId: string,
  options: { forUpdate?: boolean } = {},
): Promise<CurrentTable | undefined> {
  const result = await db.query<{
    dataset_id: string;
    table_name: string;
    version: number;
    columns: ColumnInfo[];
    primary_key: string[];
    record_count: string;
    formats: string[];
    updated_at: Date;
  }>(
    `select dataset_id, table_name, version, columns, primary_key, record_count, formats, updated_at
       from datastore_table where dataset_id = $1${options.forUpdate ? ' for update' : ''}`,
    [datasetId],
  );
  const row = result.rows[0];
  if (!row) return undefined;
  return {
    datasetId: row.dataset_id,
    tableName: row.table_name,
    version: row.version,
    columns: row.columns,
    primaryKey: row.primary_key,
    recordCount: Number(row.record_count),
    formats: row.formats,
    updatedAt: row.updated_at,
  };
}

/** Records a new current table (inside the loading transaction, so readers switch atomically). */
export async function saveCurrent(
  db: Queryable,
  table: Omit<CurrentTable, 'updatedAt'>,
  now: Date,
) {
  await db.query(
    `insert into datastore_table
       (dataset_id, table_name, version, columns, primary_key, record_count, formats, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8)
     on conflict (dataset_id) do update set
       table_name = excluded.table_name, version = excluded.version, columns = excluded.columns,
       primary_key = excluded.primary_key, record_count = excluded.record_count,
       formats = excluded.formats, updated_at = excluded.updated_at`,
    [
      table.datasetId,
      table.tableName,
      table.version,
      JSON.stringify(table.columns),
      table.primaryKey,
      table.recordCount,
      table.formats,
      now,
    ],
  );
}

/** The highest version any table of this dataset ever had (failed loads leave none behind). */
export async function nextVersion(db: Queryable, datasetId: string): Promise<number> {
  const current = await currentTable(db, datasetId);
  return (current?.version ?? 0) + 1;
}
