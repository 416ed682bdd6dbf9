import { EntitySchema } from '@kaifang/sdk';

/**
 * A pending change for an external search engine, written in the same transaction as the
 * dataset change so the index can never miss one; the drain job deletes rows it has applied.
 */
export interface OutboxRow {
  id: string;
  datasetId: string;
  /** The dataset's version at the time; engines ignore older versions than they hold. */
  version: number;
  op: 'upsert' | 'delete';
  attempts: number;
  lastError: string | null;
  createdAt: Date;
}

export const OutboxSchema = new EntitySchema<OutboxRow>({
  name: 'CatalogOutbox',
  tableName: 'catalog_outbox',
  properties: {
    id: { type: 'bigint', primary: true, autoincrement: true },
    datasetId: { type: 'uuid', fieldName: 'dataset_id' },
    version: { type: 'bigint' },
    op: { type: 'string', length: 8 },
    attempts: { type: 'integer' },
    lastError: { type: 'text', nullable: true, fieldName: 'last_error' },
    createdAt: { type: 'Date', fieldName: 'created_at' },
  },
});

/** One row per dataset, visitor and day: how views are counted once per visitor per day. */
export interface ViewRow {
  datasetId: string;
  visitor: string;
  day: string;
}

export const ViewSchema = new EntitySchema<ViewRow>({
  name: 'CatalogView',
  tableName: 'catalog_view',
  properties: {
    datasetId: { type: 'uuid', primary: true, fieldName: 'dataset_id' },
    visitor: { type: 'string', primary: true, length: 64 },
    day: { type: 'string', primary: true, columnType: 'date' },
  },
});
