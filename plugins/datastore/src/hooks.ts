import { AsyncSeriesHook } from '@kaifang/sdk';
import type { UpdateMethod } from './entities/ingest.ts';
import type { SourceRow } from './ingest/parse.ts';

/** A field of the file being loaded, as a `beforeLoad` tap sees it. */
export interface PlannedField {
  name: string;
  /** The first few raw values (at most 50), for taps that decide by content (ID numbers, …). */
  samples: readonly string[];
}

/**
 * What a `beforeLoad` tap may change about an ingest. Transforms run inside the ingest stream,
 * before types are inferred and before anything reaches the database, so unmasked values never
 * reach the open table, previews, downloads or logs.
 */
export interface LoadPlan {
  readonly datasetId: string;
  readonly method: UpdateMethod;
  readonly fields: readonly PlannedField[];
  /** Replaces every value of `field` (empty cells included) with what `transform` returns. */
  mask(field: string, transform: (value: string) => string): void;
  /** Wraps the row stream (rows are values in `fields` order), e.g. to drop or derive rows. */
  wrapRows(wrapper: (rows: AsyncIterable<SourceRow>) => AsyncIterable<SourceRow>): void;
}

export interface LoadedEvent {
  datasetId: string;
  method: UpdateMethod;
  recordCount: number;
  rowsLoaded: number;
}

/** Hooks the datastore offers to other plugins (data-security taps `beforeLoad`). */
export function createDatastoreHooks() {
  return {
    /** An ingest is about to load rows; taps add masks or wrap the row stream. */
    beforeLoad: new AsyncSeriesHook<[LoadPlan]>(['plan']),
    /** Rows were committed and readers see them (search reindex, notifications, statistics). */
    loaded: new AsyncSeriesHook<[LoadedEvent]>(['event']),
  };
}

export type DatastoreHooks = ReturnType<typeof createDatastoreHooks>;
