import { EntitySchema } from '@kaifang/sdk';
import type { DatasetDescription, DatasetUsage } from '../model.ts';

/**
 * A dataset row. The catalog reads and writes it with parameterised SQL (search/postgres.ts,
 * store.ts) because the search vector and array filters need PostgreSQL features the ORM does
 * not model; the schema is declared here so the ORM, tooling and other readers know the table.
 * `search_vector` (tsvector) is deliberately not mapped.
 */
export interface DatasetRow extends DatasetDescription, DatasetUsage {
  id: string;
  identifier: string | null;
  orgId: string;
  domains: string[];
  scenarios: string[];
  licence: string;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  publishedAt: Date | null;
  version: number;
}

export const DatasetSchema = new EntitySchema<DatasetRow>({
  name: 'CatalogDataset',
  tableName: 'catalog_dataset',
  properties: {
    id: { type: 'uuid', primary: true },
    identifier: { type: 'string', length: 64, nullable: true, unique: true },
    title: { type: 'string', length: 200 },
    description: { type: 'text' },
    orgId: { type: 'uuid', fieldName: 'org_id' },
    domains: { type: 'string[]' },
    scenarios: { type: 'string[]' },
    tags: { type: 'string[]' },
    openType: { type: 'string', length: 16, fieldName: 'open_type' },
    grade: { type: 'smallint' },
    classifications: { type: 'string[]' },
    updateCycle: { type: 'string', length: 16, fieldName: 'update_cycle' },
    updateMethod: { type: 'string', length: 16, fieldName: 'update_method' },
    licence: { type: 'string', length: 64 },
    formats: { type: 'string[]' },
    recordCount: { type: 'bigint', fieldName: 'record_count' },
    fields: { type: 'json' },
    primaryKey: { type: 'string[]', fieldName: 'primary_key' },
    contact: { type: 'json' },
    state: { type: 'string', length: 16 },
    createdBy: { type: 'uuid', nullable: true, fieldName: 'created_by' },
    createdAt: { type: 'Date', fieldName: 'created_at' },
    updatedAt: { type: 'Date', fieldName: 'updated_at' },
    publishedAt: { type: 'Date', nullable: true, fieldName: 'published_at' },
    views: { type: 'bigint' },
    downloads: { type: 'bigint' },
    apiCalls: { type: 'bigint', fieldName: 'api_calls' },
    ratingAvg: { type: 'double', nullable: true, fieldName: 'rating_avg' },
    ratingCount: { type: 'integer', fieldName: 'rating_count' },
    version: { type: 'bigint' },
  },
});
