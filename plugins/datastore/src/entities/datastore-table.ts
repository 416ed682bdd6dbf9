import { EntitySchema } from '@kaifang/sdk';
import type { ColumnInfo } from '../store/columns.ts';

/**
 * Which physical table holds a dataset's current rows. The plugin reads and writes it with
 * parameterised SQL (the swap of a new version must happen in one transaction with DDL); the
 * schema is declared so the ORM and tooling know the table.
 */
export interface DatastoreTableRow {
  datasetId: string;
  tableName: string;
  version: number;
  columns: ColumnInfo[];
  primaryKey: string[];
  recordCount: number;
  formats: string[];
  updatedAt: Date;
}

export const DatastoreTableSchema = new EntitySchema<DatastoreTableRow>({
  name: 'DatastoreTable',
  tableName: 'datastore_table',
  properties: {
    datasetId: { type: 'uuid', primary: true, fieldName: 'dataset_id' },
    tableName: { type: 'text', fieldName: 'table_name' },
    version: { type: 'integer' },
    columns: { type: 'json' },
    primaryKey: { type: 'string[]', fieldName: 'primary_key' },
    recordCount: { type: 'bigint', fieldName: 'record_count' },
    formats: { type: 'string[]' },
    updatedAt: { type: 'Date', fieldName: 'updated_at' },
  },
});
