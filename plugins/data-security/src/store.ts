import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@kaifang/sdk';
import type { ColumnDetection, SensitiveType } from './detect.ts';
import { type MaskRule, ruleKey } from './mask.ts';

type Row = Record<string, unknown>;

/** Plain SQL on the ORM's connection, inside `em`'s transaction when there is one. */
export async function sql<T extends Row = Row>(
  em: EntityManager,
  text: string,
  params: unknown[] = [],
): Promise<T[]> {
  return em.getConnection().execute<T[]>(text, params, 'all', em.getTransactionContext());
}

export interface ColumnState {
  field: string;
  detectedType: SensitiveType | null;
  share: number;
  matches: Partial<Record<SensitiveType, number>>;
  samples: number;
  byName: boolean;
  flagged: boolean;
  /** The rule a provider set, or null. */
  rule: MaskRule | null;
  ruleSetBy: string | null;
  /** A reviewer's decision: `not-sensitive` lifts the default mask. */
  decision: 'not-sensitive' | 'sensitive' | null;
  decidedBy: string | null;
  /** The rule the loaded data went through (its `ruleKey`), null before any load. */
  appliedRule: string | null;
}

function toColumn(row: Row): ColumnState {
  return {
    field: row.field as string,
    detectedType: (row.detected_type as SensitiveType | null) ?? null,
    share: Number(row.share),
    matches: (row.matches as ColumnState['matches']) ?? {},
    samples: Number(row.samples),
    byName: Boolean(row.by_name),
    flagged: Boolean(row.flagged),
    rule: (row.rule as MaskRule | null) ?? null,
    ruleSetBy: (row.rule_set_by as string | null) ?? null,
    decision: (row.decision as ColumnState['decision']) ?? null,
    decidedBy: (row.decided_by as string | null) ?? null,
    appliedRule: (row.applied_rule as string | null) ?? null,
  };
}

export async function columnsOf(em: EntityManager, datasetId: string): Promise<ColumnState[]> {
  const rows = await sql(
    em,
    'select * from data_security_column where dataset_id = ? order by field',
    [datasetId],
  );
  return rows.map(toColumn);
}

/** Records what a load detected and which rule it applied, keeping rules and decisions. */
export async function saveDetections(
  em: EntityManager,
  datasetId: string,
  detections: { detection: ColumnDetection; applied: MaskRule | null }[],
  now: Date,
): Promise<void> {
  for (const { detection, applied } of detections) {
    await sql(
      em,
      `insert into data_security_column
         (dataset_id, field, detected_type, share, matches, samples, by_name, flagged, applied_rule, detected_at)
       values (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?)
       on conflict (dataset_id, field) do update set
         detected_type = excluded.detected_type, share = excluded.share, matches = excluded.matches,
         samples = excluded.samples, by_name = excluded.by_name, flagged = excluded.flagged,
         applied_rule = excluded.applied_rule, detected_at = excluded.detected_at`,
      [
        datasetId,
        detection.field,
        detection.type,
        detection.share,
        JSON.stringify(detection.matches),
        detection.samples,
        detection.byName,
        detection.flagged,
        ruleKey(applied),
        now,
      ],
    );
  }
}

export async function setRule(
  em: EntityManager,
  datasetId: string,
  field: string,
  rule: MaskRule | null,
  actorId: string,
  now: Date,
): Promise<void> {
  await sql(
    em,
    `insert into data_security_column (dataset_id, field, rule, rule_set_by, rule_set_at)
     values (?, ?, ?::jsonb, ?, ?)
     on conflict (dataset_id, field) do update set
       rule = excluded.rule, rule_set_by = excluded.rule_set_by, rule_set_at = excluded.rule_set_at`,
    [datasetId, field, rule ? JSON.stringify(rule) : null, actorId, now],
  );
}

export async function setDecision(
  em: EntityManager,
  datasetId: string,
  field: string,
  decision: 'not-sensitive' | 'sensitive' | null,
  actorId: string,
  now: Date,
): Promise<void> {
  await sql(
    em,
    `insert into data_security_column (dataset_id, field, decision, decided_by, decided_at)
     values (?, ?, ?, ?, ?)
     on conflict (dataset_id, field) do update set
       decision = excluded.decision, decided_by = excluded.decided_by, decided_at = excluded.decided_at`,
    [datasetId, field, decision, actorId, now],
  );
}

export interface AuditEntry {
  id: number;
  at: string;
  actorId: string | null;
  action: string;
  datasetId: string | null;
  field: string | null;
  details: Record<string, unknown>;
}

export async function audit(
  em: EntityManager,
  entry: Omit<AuditEntry, 'id' | 'at'>,
  now: Date,
): Promise<void> {
  await sql(
    em,
    `insert into data_security_audit (at, actor_id, action, dataset_id, field, details)
     values (?, ?, ?, ?, ?, ?::jsonb)`,
    [now, entry.actorId, entry.action, entry.datasetId, entry.field, JSON.stringify(entry.details)],
  );
}

export async function readAudit(
  em: EntityManager,
  filter: { datasetId?: string; action?: string; limit: number; offset: number },
): Promise<{ total: number; items: AuditEntry[] }> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.datasetId) {
    where.push('dataset_id = ?');
    params.push(filter.datasetId);
  }
  if (filter.action) {
    where.push('action = ?');
    params.push(filter.action);
  }
  const clause = where.length > 0 ? `where ${where.join(' and ')}` : '';
  const [count] = await sql<{ total: string }>(
    em,
    `select count(*) as total from data_security_audit ${clause}`,
    params,
  );
  const rows = await sql(
    em,
    `select * from data_security_audit ${clause} order by at desc, id desc limit ? offset ?`,
    [...params, filter.limit, filter.offset],
  );
  return {
    total: Number(count?.total ?? 0),
    items: rows.map((row) => ({
      id: Number(row.id),
      at: new Date(row.at as string).toISOString(),
      actorId: (row.actor_id as string | null) ?? null,
      action: row.action as string,
      datasetId: (row.dataset_id as string | null) ?? null,
      field: (row.field as string | null) ?? null,
      details: (row.details as Record<string, unknown>) ?? {},
    })),
  };
}

export type SubmissionState = 'submitted' | 'approved' | 'rejected' | 'returned';

export interface Submission {
  id: string;
  datasetId: string;
  reviewItemId: string;
  state: SubmissionState;
  submittedBy: string;
  submittedAt: string;
  remark: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
}

function toSubmission(row: Row): Submission {
  const iso = (value: unknown) => (value ? new Date(value as string).toISOString() : null);
  return {
    id: row.id as string,
    datasetId: row.dataset_id as string,
    reviewItemId: row.review_item_id as string,
    state: row.state as SubmissionState,
    submittedBy: row.submitted_by as string,
    submittedAt: iso(row.submitted_at)!,
    remark: (row.remark as string | null) ?? null,
    decidedBy: (row.decided_by as string | null) ?? null,
    decidedAt: iso(row.decided_at),
  };
}

export async function latestSubmission(
  em: EntityManager,
  datasetId: string,
): Promise<Submission | undefined> {
  const [row] = await sql(
    em,
    'select * from data_security_submission where dataset_id = ? order by submitted_at desc limit 1',
    [datasetId],
  );
  return row ? toSubmission(row) : undefined;
}

export async function addSubmission(
  em: EntityManager,
  input: { datasetId: string; reviewItemId: string; submittedBy: string },
  now: Date,
): Promise<void> {
  await sql(
    em,
    `insert into data_security_submission (id, dataset_id, review_item_id, state, submitted_by, submitted_at)
     values (?, ?, ?, 'submitted', ?, ?)`,
    [randomUUID(), input.datasetId, input.reviewItemId, input.submittedBy, now],
  );
}

export async function decideSubmission(
  em: EntityManager,
  reviewItemId: string,
  state: SubmissionState,
  input: { remark: string | null; decidedBy: string | null },
  now: Date,
): Promise<void> {
  await sql(
    em,
    `update data_security_submission set state = ?, remark = ?, decided_by = ?, decided_at = ?
     where review_item_id = ?`,
    [state, input.remark, input.decidedBy, state === 'submitted' ? null : now, reviewItemId],
  );
}
