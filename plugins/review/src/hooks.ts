import { AsyncSeriesHook, SyncHook } from '@kaifang/sdk';
import type { KindRegistry } from './kinds.ts';
import type { Decision } from './state-machine.ts';
import type { ReviewItemView } from './view.ts';

export interface DecisionEvent {
  item: ReviewItemView;
  decision: Decision;
  reviewerId: string;
}

/** Hooks the review plugin offers to others. */
export function createReviewHooks() {
  return {
    /**
     * Tap in `register` to declare review kinds: `registry.declare({ name, reviewers, workdays,
     * … })`. Called once while the review plugin starts.
     */
    declareKinds: new SyncHook<[KindRegistry]>(['registry']),
    /**
     * A decision was committed. For follow-up work that may fail on its own (search reindex,
     * statistics); work that must succeed with the decision belongs in the kind's onApprove etc.
     */
    decided: new AsyncSeriesHook<[DecisionEvent]>(['event']),
  };
}

export type ReviewHooks = ReturnType<typeof createReviewHooks>;
