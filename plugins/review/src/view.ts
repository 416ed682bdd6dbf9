import type { ReviewEvent } from './entities/review-event.ts';
import type { ReviewItem } from './entities/review-item.ts';
import { OPEN_STATES, type ReviewAction, type ReviewState } from './state-machine.ts';

export interface HistoryEntry {
  action: ReviewAction | 'submit';
  from: ReviewState | null;
  to: ReviewState;
  actorId: string;
  remark: string | null;
  at: string;
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
