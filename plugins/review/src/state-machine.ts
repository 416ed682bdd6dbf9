/**
 * The life of a review item. Kept pure (no I/O) so every allowed and refused move is easy to
 * test and to read in one place.
 *
 *   submitted ─claim→ in_review ─approve→ approved
 *                         │      ─reject─→ rejected
 *                         └──────return─→ returned ─resubmit→ resubmitted ─claim→ in_review
 */

export const REVIEW_STATES = [
  'submitted',
  'in_review',
  'approved',
  'rejected',
  'returned',
  'resubmitted',
] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

export const DECISIONS = ['approve', 'reject', 'return'] as const;
export type Decision = (typeof DECISIONS)[number];

export type ReviewAction = 'claim' | Decision | 'resubmit';

/** States in which a reviewer still owes an answer (these can become overdue). */
export const OPEN_STATES: readonly ReviewState[] = ['submitted', 'in_review', 'resubmitted'];

const MOVES: Record<ReviewAction, { from: readonly ReviewState[]; to: ReviewState }> = {
  claim: { from: ['submitted', 'resubmitted'], to: 'in_review' },
  approve: { from: ['in_review'], to: 'approved' },
  reject: { from: ['in_review'], to: 'rejected' },
  return: { from: ['in_review'], to: 'returned' },
  resubmit: { from: ['returned'], to: 'resubmitted' },
};

/** Raised for a move the current state does not allow; the HTTP layer answers 400. */
export class InvalidTransition extends Error {
  override name = 'InvalidTransition';
  constructor(
    readonly from: ReviewState,
    readonly action: ReviewAction,
  ) {
    const allowed = MOVES[action].from.join(' or ');
    super(`cannot ${action} an item that is ${from}; only an item that is ${allowed} can be`);
  }
}

export function transition(from: ReviewState, action: ReviewAction): ReviewState {
  const move = MOVES[action];
  if (!move.from.includes(from)) throw new InvalidTransition(from, action);
  return move.to;
}

export function canTransition(from: ReviewState, action: ReviewAction): boolean {
  return MOVES[action].from.includes(from);
}

/** Reject and return must tell the applicant why (the seed: "the user sees the remark"). */
export function remarkRequired(decision: Decision): boolean {
  return decision !== 'approve';
}
