import { EntitySchema } from '@kaifang/sdk';

export const INGEST_STATES = ['queued', 'running', 'completed', 'failed', 'cancelled'] as const;
export type IngestState = (typeof INGEST_STATES)[number];

export const INGEST_PHASES = [
  'queued',
  'parsing',
  'masking',
  'loading',
  'indexing',
  'publishing',
  'done',
] as const;
export type IngestPhase = (typeof INGEST_PHASES)[number];

/** D5: how an upload changes the rows already there. */
export const UPDATE_METHODS = ['full', 'incremental', 'primary-key'] as const;
export type UpdateMethod = (typeof UPDATE_METHODS)[number];

export const FILE_FORMATS = ['csv', 'xlsx', 'json'] as const;
export type FileFormat = (typeof FILE_FORMATS)[number];

/** One upload and its ingest job, as `GET /api/v1/jobs/{id}` shows it. */
export interface IngestRow {
  id: string;
  datasetId: string;
  state: IngestState;
  phase: IngestPhase;
  method: UpdateMethod;
  fileKey: string;
  fileName: string;
  format: FileFormat;
  encoding: string | null;
  primaryKey: string[];
  bytesTotal: number;
  bytesDone: number;
  rowsDone: number;
  error: string | null;
  cancelRequested: boolean;
  createdBy: string | null;
  createdAt: Date;
  startedAt: Date | null;
  /** When the rows were committed and readers saw them (a full load indexes after that). */
  readableAt: Date | null;
  finishedAt: Date | null;
  /** When the uploaded original was deleted from storage (retention); null while kept. */
  filePurgedAt: Date | null;
}

export const IngestSchema = new EntitySchema<IngestRow>({
  name: 'DatastoreIngest',
  tableName: 'datastore_ingest',
  properties: {
    id: { type: 'uuid', primary: true },
    datasetId: { type: 'uuid', fieldName: 'dataset_id' },
    state: { type: 'string', length: 16 },
    phase: { type: 'string', length: 16 },
    method: { type: 'string', length: 16 },
    fileKey: { type: 'text', fieldName: 'file_key' },
    fileName: { type: 'text', fieldName: 'file_name' },
    format: { type: 'string', length: 8 },
    encoding: { type: 'string', length: 16, nullable: true },
    primaryKey: { type: 'string[]', fieldName: 'primary_key' },
    bytesTotal: { type: 'bigint', fieldName: 'bytes_total' },
    bytesDone: { type: 'bigint', fieldName: 'bytes_done' },
    rowsDone: { type: 'bigint', fieldName: 'rows_done' },
    error: { type: 'text', nullable: true },
    cancelRequested: { type: 'boolean', fieldName: 'cancel_requested' },
    createdBy: { type: 'uuid', nullable: true, fieldName: 'created_by' },
    createdAt: { type: 'Date', fieldName: 'created_at' },
    startedAt: { type: 'Date', nullable: true, fieldName: 'started_at' },
    readableAt: { type: 'Date', nullable: true, fieldName: 'readable_at' },
    finishedAt: { type: 'Date', nullable: true, fieldName: 'finished_at' },
    filePurgedAt: { type: 'Date', nullable: true, fieldName: 'file_purged_at' },
  },
});
