import { EntitySchema } from '@kaifang/sdk';
import type { ReviewState } from '../state-machine.ts';

export interface ReviewItem {
  id: string;
  kind: string;
  /** The id of the thing under review in its own plugin (an application, a dataset, …). */
  targetId: string;
  targetOrganisationId: string | null;
  applicantId: string;
  /** What the applicant submitted, as the owning plugin shaped it. */
  data: Record<string, unknown>;
  state: ReviewState;
  reviewerId: string | null;
  remark: string | null;
  /** Values of the kind's reviewer fields given with the decision. */
  fields: Record<string, unknown>;
  /** When the current round began: the submission, or the latest resubmission. */
  submittedAt: Date;
  /** Last working day of the time limit (Asia/Shanghai), `YYYY-MM-DD`. */
  deadline: string;
  dueAt: Date;
  /** The deadline was counted over a year with no official schedule (plain weekdays). */
  deadlineFallback: boolean;
  decidedAt: Date | null;
  /** The Shanghai date of the last due-soon reminder, so a retried daily job does not repeat it. */
  remindedOn: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export const ReviewItemSchema = new EntitySchema<ReviewItem>({
  name: 'ReviewItem',
  tableName: 'review_item',
  properties: {
    id: { type: 'uuid', primary: true },
    kind: { type: 'string', length: 100 },
    targetId: { type: 'string', length: 200, fieldName: 'target_id' },
    targetOrganisationId: {
      type: 'string',
      length: 200,
      nullable: true,
      fieldName: 'target_organisation_id',
    },
    applicantId: { type: 'string', length: 200, fieldName: 'applicant_id' },
    data: { type: 'json' },
    state: { type: 'string', length: 20 },
    reviewerId: { type: 'string', length: 200, nullable: true, fieldName: 'reviewer_id' },
    remark: { type: 'text', nullable: true },
    fields: { type: 'json' },
    submittedAt: { type: 'Date', fieldName: 'submitted_at' },
    deadline: { type: 'string', columnType: 'date', fieldName: 'deadline' },
    dueAt: { type: 'Date', fieldName: 'due_at' },
    deadlineFallback: { type: 'boolean', fieldName: 'deadline_fallback' },
    decidedAt: { type: 'Date', nullable: true, fieldName: 'decided_at' },
    remindedOn: { type: 'string', columnType: 'date', nullable: true, fieldName: 'reminded_on' },
    createdAt: { type: 'Date', fieldName: 'created_at' },
    updatedAt: { type: 'Date', fieldName: 'updated_at' },
  },
});
