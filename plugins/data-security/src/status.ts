import type { EntityManager } from '@kaifang/sdk';
import type { MaskRule } from './mask.ts';
import type { MaskPolicy } from './policy.ts';
import { type ColumnState, columnsOf } from './store.ts';

export const REVIEW_KIND = 'data-security.publication';
export const PERMISSIONS = {
  view: 'data-security.dataset.view',
  rule: 'data-security.rule.set',
  submit: 'data-security.dataset.submit',
  raw: 'data-security.preview.raw',
} as const;

export interface DatasetSecurity {
  datasetId: string;
  columns: (ColumnState & { effectiveRule: MaskRule | null; blocker: string | null })[];
  /** Why the dataset cannot be published now; empty when it can. */
  blockers: string[];
}

export async function statusOf(
  em: EntityManager,
  policy: MaskPolicy,
  datasetId: string,
): Promise<DatasetSecurity> {
  const columns = (await columnsOf(em, datasetId)).map((column) => ({
    ...column,
    effectiveRule: policy.effective(column),
    blocker: policy.blocker(column) ?? null,
  }));
  return {
    datasetId,
    columns,
    blockers: columns.map((column) => column.blocker).filter((b): b is string => b !== null),
  };
}
