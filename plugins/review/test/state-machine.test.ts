import { describe, expect, it } from 'vitest';
import {
  InvalidTransition,
  REVIEW_STATES,
  type ReviewAction,
  type ReviewState,
  remarkRequired,
  transition,
} from '../src/state-machine.ts';

const ALLOWED: [ReviewState, ReviewAction, ReviewState][] = [
  ['submitted', 'claim', 'in_review'],
  ['resubmitted', 'claim', 'in_review'],
  ['in_review', 'approve', 'approved'],
  ['in_review', 'reject', 'rejected'],
  ['in_review', 'return', 'returned'],
  ['returned', 'resubmit', 'resubmitted'],
];
const ACTIONS: ReviewAction[] = ['claim', 'approve', 'reject', 'return', 'resubmit'];

describe('review state machine', () => {
  it.each(ALLOWED)('%s --%s--> %s', (from, action, to) => {
    expect(transition(from, action)).toBe(to);
  });

  it('refuses every other move with a message that says what is allowed', () => {
    let refused = 0;
    for (const from of REVIEW_STATES) {
      for (const action of ACTIONS) {
        if (ALLOWED.some(([f, a]) => f === from && a === action)) continue;
        expect(() => transition(from, action)).toThrow(InvalidTransition);
        refused++;
      }
    }
    expect(refused).toBe(REVIEW_STATES.length * ACTIONS.length - ALLOWED.length);
    expect(() => transition('approved', 'reject')).toThrow(
      'cannot reject an item that is approved; only an item that is in_review can be',
    );
  });

  it('needs a remark to reject or return, not to approve', () => {
    expect(remarkRequired('approve')).toBe(false);
    expect(remarkRequired('reject')).toBe(true);
    expect(remarkRequired('return')).toBe(true);
  });
});
