import { EntitySchema } from '@kaifang/sdk';
import type { ReviewAction, ReviewState } from '../state-machine.ts';

/** One line of an item's history: who moved it from which state to which, when, and why. */
export interface ReviewEvent {
  id: string;
  itemId: string;
  action: ReviewAction | 'submit';
  fromState: ReviewState | null;
  toState: ReviewState;
  actorId: string;
  remark: string | null;
  at: Date;
}

export const ReviewEventSchema = new EntitySchema<ReviewEvent>({
  name: 'ReviewEvent',
  tableName: 'review_event',
  properties: {
    id: { type: 'uuid', primary: true },
    itemId: { type: 'uuid', fieldName: 'item_id' },
    action: { type: 'string', length: 20 },
    fromState: { type: 'string', length: 20, nullable: true, fieldName: 'from_state' },
    toState: { type: 'string', length: 20, fieldName: 'to_state' },
    actorId: { type: 'string', length: 200, fieldName: 'actor_id' },
    remark: { type: 'text', nullable: true },
    at: { type: 'Date' },
  },
});
