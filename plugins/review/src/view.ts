import type { LocalizedText } from '@kaifang/sdk';
import { isIsoDate, shanghaiDate } from './calendar/dates.ts';
import type { ReviewEvent } from './entities/review-event.ts';
import type { ReviewItem } from './entities/review-item.ts';
import type { DataField, ReviewerField } from './kinds.ts';
import { OPEN_STATES, type ReviewAction, type ReviewState } from './state-machine.ts';

export interface HistoryEntry {
  action: ReviewAction | 'submit';
  from: ReviewState | null;
  to: ReviewState;
  actorId: string;
  remark: string | null;
  at: string;
}

/**
 * One key of the submitted data, or one value the reviewer gave with the decision, as a reader
 * sees it: its label and its value as text.
 */
export interface DataEntry {
  name: string;
  /** The kind's label for the key, or the key itself when the kind declares none. */
  label: LocalizedText;
  value: unknown;
  /** The value written out (codes by their labels, lists joined, yes/no), per language. */
  text: LocalizedText;
}

/** An item as APIs and routes hand it out (dates as ISO strings, SLA figures computed). */
export interface ReviewItemView {
  id: string;
  kind: string;
  kindLabel: { zh: string; en: string };
  title: string;
  targetId: string;
  targetOrganisationId: string | null;
  applicantId: string;
  data: Record<string, unknown>;
  state: ReviewState;
  reviewerId: string | null;
  remark: string | null;
  fields: Record<string, unknown>;
  submittedAt: string;
  /** Last working day of the limit (Asia/Shanghai). */
  deadline: string;
  /** When the limit runs out; clients count down to it. */
  dueAt: string;
  /** Working days left, today included when it is one; 0 once overdue or decided. */
  workdaysLeft: number;
  overdue: boolean;
  /** The deadline was counted with plain weekdays for a year without an official schedule. */
  deadlineFallback: boolean;
  decidedAt: string | null;
  history?: HistoryEntry[];
  /** Set on the read of one item: `data` labelled for people, in the kind's order. */
  dataEntries?: DataEntry[];
  /**
   * Set on the read of one item: the values the reviewer gave with the decision (`fields`),
   * labelled by the kind's reviewer fields, in the kind's order. Empty until a decision with
   * values.
   */
  decisionEntries?: DataEntry[];
  /** Set on a signed-in user's read of one item: whether they may decide it. */
  canDecide?: boolean;
  /** Set on a signed-in user's read of one item: whether they submitted it. */
  isApplicant?: boolean;
}

export function isOpen(state: ReviewState): boolean {
  return OPEN_STATES.includes(state);
}

export function isOverdue(item: Pick<ReviewItem, 'state' | 'dueAt'>, now: Date): boolean {
  return isOpen(item.state) && now.getTime() >= item.dueAt.getTime();
}

export function historyEntry(event: ReviewEvent): HistoryEntry {
  return {
    action: event.action,
    from: event.fromState,
    to: event.toState,
    actorId: event.actorId,
    remark: event.remark,
    at: event.at.toISOString(),
  };
}

/**
 * `data` as labelled entries: the keys the kind labels first, in its order, then the others
 * under their own name.
 */
export function dataEntries(
  data: Record<string, unknown>,
  declared: readonly DataField[] = [],
): DataEntry[] {
  const known = declared.filter((field) => Object.hasOwn(data, field.name));
  const names = new Set(known.map((field) => field.name));
  const rest: DataField[] = Object.keys(data)
    .filter((name) => !names.has(name))
    .map((name) => ({ name, label: { zh: name, en: name } }));
  return [...known, ...rest].map((field) => ({
    name: field.name,
    label: field.label,
    value: data[field.name],
    text: {
      zh: valueText(data[field.name], field.values, 'zh'),
      en: valueText(data[field.name], field.values, 'en'),
    },
  }));
}

/**
 * The values a reviewer gave with the decision (`fields`) as labelled entries: the kind's
 * reviewer fields first, in its order, then any others (a field the kind no longer declares)
 * under their own name. Dates are written as the Asia/Shanghai day, `YYYY-MM-DD`.
 */
export function decisionEntries(
  fields: Record<string, unknown>,
  declared: readonly ReviewerField[] = [],
): DataEntry[] {
  const known = declared.filter((field) => Object.hasOwn(fields, field.name));
  const names = new Set(known.map((field) => field.name));
  const rest = Object.keys(fields)
    .filter((name) => !names.has(name))
    .map((name) => ({ name, label: { zh: name, en: name }, type: undefined }));
  return [...known, ...rest].map((field) => {
    const value = fields[field.name];
    const shown = field.type === 'date' ? dateText(value) : value;
    return {
      name: field.name,
      label: { zh: field.label.zh, en: field.label.en },
      value,
      text: { zh: valueText(shown, undefined, 'zh'), en: valueText(shown, undefined, 'en') },
    };
  });
}

/** A date value as the Asia/Shanghai day; a full timestamp is converted, anything else kept. */
function dateText(value: unknown): unknown {
  if (typeof value !== 'string' || isIsoDate(value)) return value;
  const instant = new Date(value);
  return Number.isNaN(instant.getTime()) ? value : shanghaiDate(instant);
}

function valueText(
  value: unknown,
  labels: Record<string, LocalizedText> | undefined,
  language: 'zh' | 'en',
): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) {
    if (value.length === 0) return language === 'zh' ? '无' : 'none';
    return value
      .map((element) => valueText(element, labels, language))
      .join(language === 'zh' ? '、' : ', ');
  }
  if (typeof value === 'boolean') {
    const label = labels?.[String(value)];
    if (label) return label[language];
    return language === 'zh' ? (value ? '是' : '否') : value ? 'yes' : 'no';
  }
  if (typeof value === 'object') return JSON.stringify(value);
  const text = String(value);
  return labels?.[text]?.[language] ?? text;
}
