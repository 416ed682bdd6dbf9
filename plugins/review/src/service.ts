import { randomUUID } from 'node:crypto';
import type { AuthApi, Principal } from '@kaifang/plugin-auth-sso';
import { Boom, type Clock, type PluginContext } from '@kaifang/sdk';
import { shanghaiDate } from './calendar/dates.ts';
import { loadCalendar } from './calendar/store.ts';
import type { WorkingCalendar } from './calendar/working-calendar.ts';
import type { EntityManager } from './db.ts';
import { ReviewEventSchema } from './entities/review-event.ts';
import { type ReviewItem, ReviewItemSchema } from './entities/review-item.ts';
import { validateFields } from './fields.ts';
import type { ReviewHooks } from './hooks.ts';
import { type KindRegistry, mayReview, type RegisteredKind } from './kinds.ts';
import type { Notifier } from './notify/notifier.ts';
import { outcomeNotice } from './notify/templates.ts';
import {
  type Decision,
  InvalidTransition,
  OPEN_STATES,
  type ReviewAction,
  type ReviewState,
  remarkRequired,
  transition,
} from './state-machine.ts';
import {
  dataEntries,
  decisionEntries,
  historyEntry,
  isOpen,
  isOverdue,
  type ReviewItemView,
} from './view.ts';

export interface SubmitInput {
  kind: string;
  /** The id of the thing under review in the submitting plugin. */
  targetId: string;
  /** Required when the kind is reviewed by the target organisation's admins. */
  targetOrganisationId?: string;
  applicantId: string;
  data?: Record<string, unknown>;
}

export interface ResubmitInput {
  id: string;
  applicantId: string;
  /** Replaces the submitted data when given (the corrected application). */
  data?: Record<string, unknown>;
}

export interface DecisionInput {
  decision: Decision;
  remark?: string;
  fields?: Record<string, unknown>;
}

/**
 * Which items an inbox lists: `reviewable`, those the caller may decide; `all`, every kind's
 * items (platform admins, who oversee the whole queue; the default for them).
 */
export const INBOX_SCOPES = ['all', 'reviewable'] as const;
export type InboxScope = (typeof INBOX_SCOPES)[number];

/** The permission to see every review item, whoever reviews it (declared with auth-sso). */
export const VIEW_ALL = 'review.items.view-all';

export interface InboxFilter {
  scope?: InboxScope;
  kind?: string;
  state?: ReviewState;
  overdue?: boolean;
  limit: number;
  offset: number;
}

/** Link to an item's page in the portal (the UI page of this plugin). */
export const itemLink = (id: string) => `/reviews/${id}`;

/**
 * The review queue's rules: who may see and decide what, the state machine applied to stored
 * items, deadlines and notices. Routes and the API both go through it.
 */
export class ReviewService {
  constructor(
    private readonly deps: {
      kinds: KindRegistry;
      clock: Clock;
      db: PluginContext['db'];
      notifier: Notifier;
      auth: () => AuthApi;
      hooks: ReviewHooks;
      logger: PluginContext['logger'];
    },
  ) {}

  kind(name: string): RegisteredKind {
    const kind = this.deps.kinds.get(name);
    if (!kind) {
      const known = this.deps.kinds.all().map((candidate) => candidate.name);
      throw Boom.badRequest(
        `"kind" '${name}' is not a registered review kind (known: ${known.join(', ') || 'none'})`,
      );
    }
    return kind;
  }

  /** `options.em`: the caller's transaction, so its own row and the review item commit together. */
  async submit(input: SubmitInput, options: { em?: EntityManager } = {}): Promise<ReviewItemView> {
    const kind = this.kind(input.kind);
    if (!input.targetId) throw Boom.badRequest('"targetId" is required');
    if (!input.applicantId) throw Boom.badRequest('"applicantId" is required');
    if ('organisationAdmins' in kind.reviewers && !input.targetOrganisationId) {
      throw Boom.badRequest(
        `"targetOrganisationId" is required: kind '${kind.name}' is reviewed by the admins of the target's organisation`,
      );
    }
    const em = options.em ?? this.deps.db.fork();
    const calendar = await loadCalendar(em);
    const now = this.deps.clock.now();
    const item: ReviewItem = {
      id: randomUUID(),
      kind: kind.name,
      targetId: input.targetId,
      targetOrganisationId: input.targetOrganisationId ?? null,
      applicantId: input.applicantId,
      data: input.data ?? {},
      state: 'submitted',
      reviewerId: null,
      remark: null,
      fields: {},
      ...this.#deadline(calendar, kind, now),
      decidedAt: null,
      remindedOn: null,
      createdAt: now,
      updatedAt: now,
    };
    await em.transactional(async (tx) => {
      // The event row references the item; insert the item first (no ORM relation orders them).
      await tx.insert(ReviewItemSchema, item);
      this.#record(tx, item, 'submit', null, input.applicantId, null, now);
    });
    return this.view(item, calendar, now);
  }

  async resubmit(input: ResubmitInput): Promise<ReviewItemView> {
    const em = this.deps.db.fork();
    const calendar = await loadCalendar(em);
    const now = this.deps.clock.now();
    const next = await em.transactional(async (tx) => {
      const item = await this.#load(tx, input.id);
      if (item.applicantId !== input.applicantId) {
        throw Boom.forbidden('only the applicant can resubmit this item');
      }
      const kind = this.kind(item.kind);
      // Supplying what was asked for starts a new time limit (补正后重新计算办理期限).
      return this.#move(tx, item, 'resubmit', input.applicantId, now, {
        ...(input.data ? { data: input.data } : {}),
        remark: null,
        decidedAt: null,
        remindedOn: null,
        ...this.#deadline(calendar, kind, now),
      });
    });
    return this.view(next, calendar, now);
  }

  /** A reviewer takes an item: submitted/resubmitted → in review. */
  async claim(principal: Principal, id: string): Promise<ReviewItemView> {
    const em = this.deps.db.fork();
    const calendar = await loadCalendar(em);
    const now = this.deps.clock.now();
    const next = await em.transactional(async (tx) => {
      const item = await this.#load(tx, id);
      this.#assertReviewer(principal, item);
      return this.#move(tx, item, 'claim', principal.userId, now, {
        reviewerId: principal.userId,
      });
    });
    return this.view(next, calendar, now);
  }

  /**
   * Approves, rejects or returns an item. An item nobody has claimed yet is claimed first (both
   * steps are in the history), so a reviewer can decide straight from the item page.
   */
  async decide(principal: Principal, id: string, input: DecisionInput): Promise<ReviewItemView> {
    const remark = input.remark?.trim() || null;
    if (remarkRequired(input.decision) && !remark) {
      throw Boom.badRequest(
        `"remark" is required to ${input.decision} an item: the applicant must be told why`,
      );
    }
    const em = this.deps.db.fork();
    const calendar = await loadCalendar(em);
    const now = this.deps.clock.now();
    let mails: Awaited<ReturnType<Notifier['post']>> = [];
    const decided = await em.transactional(async (tx) => {
      let item = await this.#load(tx, id);
      const kind = this.kind(item.kind);
      this.#assertReviewer(principal, item);
      if (item.state === 'submitted' || item.state === 'resubmitted') {
        item = await this.#move(tx, item, 'claim', principal.userId, now, {
          reviewerId: principal.userId,
        });
      }
      assertCan(item.state, input.decision); // before the fields, so the 400 names the real problem
      const fields =
        input.decision === 'approve' ? validateFields(kind.fields ?? [], input.fields ?? {}) : {};
      const next = await this.#move(tx, item, input.decision, principal.userId, now, {
        reviewerId: principal.userId,
        remark,
        fields,
        decidedAt: now,
      });
      const view = this.view(next, calendar, now);
      const callback = { approve: kind.onApprove, reject: kind.onReject, return: kind.onReturn }[
        input.decision
      ];
      await callback?.call(kind, { item: view, em: tx });
      const notice = outcomeNotice(view, input.decision, now);
      mails = await this.deps.notifier.post(
        tx,
        [{ ...notice, userId: next.applicantId, link: itemLink(next.id), itemId: next.id }],
        now,
      );
      return view;
    });
    await this.deps.notifier.send(mails);
    await this.deps.hooks.decided
      .promise({ item: decided, decision: input.decision, reviewerId: principal.userId })
      .catch((error: unknown) =>
        this.deps.logger.error({ err: error, item: id }, 'a review.decided tap failed'),
      );
    return decided;
  }

  /** One item with its history, or undefined. */
  async get(id: string): Promise<ReviewItemView | undefined> {
    const em = this.deps.db.fork();
    const item = await em.findOne(ReviewItemSchema, { id });
    if (!item) return undefined;
    return this.#withHistory(em, item);
  }

  /**
   * One item for a signed-in user: its applicant, someone who may review it, or a platform
   * admin (who may look at every item but decides only the kinds they review).
   */
  async getFor(principal: Principal, id: string): Promise<ReviewItemView> {
    const em = this.deps.db.fork();
    const item = await this.#load(em, id);
    const kind = this.kind(item.kind);
    const canDecide = mayReview(principal, kind, item.targetOrganisationId);
    const isApplicant = item.applicantId === principal.userId;
    if (!isApplicant && !canDecide && !this.canViewAll(principal)) {
      throw Boom.forbidden(notYours(principal, kind, item));
    }
    return { ...(await this.#withHistory(em, item)), canDecide, isApplicant };
  }

  /** Whether `principal` oversees the whole queue (platform admins). */
  canViewAll(principal: Principal): boolean {
    return this.deps.auth().can(principal, VIEW_ALL);
  }

  /**
   * The caller's inbox, soonest due first. Platform admins see every kind's items unless they
   * ask for `scope: 'reviewable'`; everyone else sees the items they may decide. Each item
   * says whether the caller may decide it.
   */
  async inbox(
    principal: Principal,
    filter: InboxFilter,
  ): Promise<{ items: ReviewItemView[]; total: number; scope: InboxScope }> {
    if (filter.kind) this.kind(filter.kind);
    const viewAll = this.canViewAll(principal);
    const scope = filter.scope ?? (viewAll ? 'all' : 'reviewable');
    if (scope === 'all' && !viewAll) {
      throw Boom.forbidden(
        `"scope" all lists every review item and is for platform admins (permission '${VIEW_ALL}'); leave it out to list the items you may review`,
      );
    }
    const where: Record<string, unknown>[] = [];
    if (scope === 'reviewable') {
      const visible = this.#visibleTo(principal);
      if (visible.length === 0) return { items: [], total: 0, scope };
      where.push({ $or: visible });
    }
    const now = this.deps.clock.now();
    if (filter.kind) where.push({ kind: filter.kind });
    if (filter.state) where.push({ state: filter.state });
    else if (filter.overdue === undefined) where.push({ state: { $in: OPEN_STATES } });
    if (filter.overdue === true) where.push({ state: { $in: OPEN_STATES }, dueAt: { $lte: now } });
    if (filter.overdue === false) {
      where.push({ $or: [{ state: { $nin: OPEN_STATES } }, { dueAt: { $gt: now } }] });
    }
    const page = await this.#list(where.length > 0 ? { $and: where } : {}, filter, now);
    const items = page.items.map((item) => {
      // An item whose kind no plugin declares any more (plugin removed) is shown, not decided.
      const kind = this.deps.kinds.get(item.kind);
      return {
        ...item,
        canDecide: !!kind && mayReview(principal, kind, item.targetOrganisationId),
      };
    });
    return { items, total: page.total, scope };
  }

  /** The applicant's own items, newest first. */
  async mine(
    applicantId: string,
    filter: Pick<InboxFilter, 'limit' | 'offset' | 'state'>,
  ): Promise<{ items: ReviewItemView[]; total: number }> {
    return this.#list(
      { applicantId, ...(filter.state ? { state: filter.state } : {}) },
      filter,
      this.deps.clock.now(),
      'createdAt',
    );
  }

  /**
   * The kinds the caller's inbox can list, each saying whether the caller may decide its items:
   * every kind for platform admins, the kinds they review for everyone else.
   */
  inboxKinds(principal: Principal): { kind: RegisteredKind; reviewable: boolean }[] {
    const reviewable = new Set(this.kindsFor(principal));
    const kinds = this.canViewAll(principal) ? this.deps.kinds.all() : [...reviewable];
    return kinds.map((kind) => ({ kind, reviewable: reviewable.has(kind) }));
  }

  /** Kinds `principal` may review. */
  kindsFor(principal: Principal): RegisteredKind[] {
    return this.deps.kinds
      .all()
      .filter((kind) =>
        'role' in kind.reviewers
          ? principal.roles.includes(kind.reviewers.role)
          : principal.roles.includes('provider-admin') && !!principal.organisationId,
      );
  }

  view(item: ReviewItem, calendar: WorkingCalendar, now: Date): ReviewItemView {
    const kind = this.deps.kinds.get(item.kind);
    const overdue = isOverdue(item, now);
    const title =
      kind?.describe?.(item.data) ??
      (typeof item.data.title === 'string' ? item.data.title : (kind?.label.zh ?? item.kind));
    return {
      id: item.id,
      kind: item.kind,
      kindLabel: kind?.label ?? { zh: item.kind, en: item.kind },
      title,
      targetId: item.targetId,
      targetOrganisationId: item.targetOrganisationId,
      applicantId: item.applicantId,
      data: item.data,
      state: item.state,
      reviewerId: item.reviewerId,
      remark: item.remark,
      fields: item.fields,
      submittedAt: item.submittedAt.toISOString(),
      deadline: item.deadline,
      dueAt: item.dueAt.toISOString(),
      workdaysLeft:
        isOpen(item.state) && !overdue
          ? calendar.workdaysLeft(shanghaiDate(now), item.deadline)
          : 0,
      overdue,
      deadlineFallback: item.deadlineFallback,
      decidedAt: item.decidedAt?.toISOString() ?? null,
    };
  }

  #deadline(calendar: WorkingCalendar, kind: RegisteredKind, now: Date) {
    const { deadline, dueAt, fallbackYears } = calendar.deadline(shanghaiDate(now), kind.workdays);
    return { submittedAt: now, deadline, dueAt, deadlineFallback: fallbackYears.length > 0 };
  }

  async #load(em: EntityManager, id: string): Promise<ReviewItem> {
    const item = await em.findOne(ReviewItemSchema, { id });
    if (!item) throw Boom.notFound(`no review item with id ${id}`);
    return item;
  }

  #assertReviewer(principal: Principal, item: ReviewItem): void {
    const kind = this.kind(item.kind);
    if (mayReview(principal, kind, item.targetOrganisationId)) return;
    const who =
      'role' in kind.reviewers
        ? `users with the role '${kind.reviewers.role}'`
        : `the admins of organisation ${item.targetOrganisationId}`;
    throw Boom.forbidden(
      `you may not review this item: '${kind.name}' items are reviewed by ${who}`,
    );
  }

  /**
   * Applies one state-machine step. The update is conditional on the state read, so of two
   * reviewers deciding at once exactly one wins; the other gets 409 and reloads.
   */
  async #move(
    tx: EntityManager,
    item: ReviewItem,
    action: ReviewAction,
    actorId: string,
    now: Date,
    changes: Partial<ReviewItem>,
  ): Promise<ReviewItem> {
    const to = assertCan(item.state, action);
    const next: ReviewItem = { ...item, ...changes, state: to, updatedAt: now };
    const { id: _id, ...update } = next;
    const updated = await tx.nativeUpdate(
      ReviewItemSchema,
      { id: item.id, state: item.state },
      update,
    );
    if (updated !== 1) {
      throw Boom.conflict('the item changed while you were deciding; reload it and try again');
    }
    this.#record(tx, next, action, item.state, actorId, next.remark, now);
    return next;
  }

  #record(
    tx: EntityManager,
    item: ReviewItem,
    action: ReviewAction | 'submit',
    from: ReviewState | null,
    actorId: string,
    remark: string | null,
    at: Date,
  ): void {
    tx.create(ReviewEventSchema, {
      id: randomUUID(),
      itemId: item.id,
      action,
      fromState: from,
      toState: item.state,
      actorId,
      remark: action === 'reject' || action === 'return' || action === 'approve' ? remark : null,
      at,
    });
  }

  async #withHistory(em: EntityManager, item: ReviewItem): Promise<ReviewItemView> {
    const calendar = await loadCalendar(em);
    const events = await em.find(
      ReviewEventSchema,
      { itemId: item.id },
      { orderBy: { at: 'asc' } },
    );
    const kind = this.deps.kinds.get(item.kind);
    return {
      ...this.view(item, calendar, this.deps.clock.now()),
      history: events.map(historyEntry),
      dataEntries: dataEntries(item.data, kind?.dataFields),
      decisionEntries: decisionEntries(item.fields, kind?.fields),
    };
  }

  async #list(
    where: object,
    page: { limit: number; offset: number },
    now: Date,
    order: 'dueAt' | 'createdAt' = 'dueAt',
  ): Promise<{ items: ReviewItemView[]; total: number }> {
    const em = this.deps.db.fork();
    const calendar = await loadCalendar(em);
    const [items, total] = await em.findAndCount(ReviewItemSchema, where, {
      orderBy: order === 'dueAt' ? { dueAt: 'asc', id: 'asc' } : { createdAt: 'desc', id: 'asc' },
      limit: page.limit,
      offset: page.offset,
    });
    return { items: items.map((item) => this.view(item, calendar, now)), total };
  }

  /** SQL conditions for the items `principal` may review, one per reviewer rule they satisfy. */
  #visibleTo(principal: Principal): object[] {
    const byRole: string[] = [];
    const byOrganisation: string[] = [];
    for (const kind of this.kindsFor(principal)) {
      ('role' in kind.reviewers ? byRole : byOrganisation).push(kind.name);
    }
    const visible: object[] = [];
    if (byRole.length > 0) visible.push({ kind: { $in: byRole } });
    if (byOrganisation.length > 0) {
      visible.push({
        kind: { $in: byOrganisation },
        targetOrganisationId: principal.organisationId,
      });
    }
    return visible;
  }
}

/**
 * Why `principal` may not open `item`: it is not theirs, and either they do not review its kind
 * at all, or they review it for another organisation than the item's.
 */
function notYours(principal: Principal, kind: RegisteredKind, item: ReviewItem): string {
  const mine = `review item ${item.id} is not yours`;
  const reviewsKindElsewhere =
    'organisationAdmins' in kind.reviewers &&
    principal.roles.includes('provider-admin') &&
    !!principal.organisationId;
  if (reviewsKindElsewhere) {
    return `${mine}, and '${kind.name}' items of organisation ${item.targetOrganisationId} are reviewed by that organisation's admins, not by organisation ${principal.organisationId}'s`;
  }
  return `${mine} and you do not review its kind '${kind.name}'`;
}

/** The state `action` leads to from `from`; an invalid move is the client's error (400). */
function assertCan(from: ReviewState, action: ReviewAction): ReviewState {
  try {
    return transition(from, action);
  } catch (error) {
    if (error instanceof InvalidTransition) throw Boom.badRequest(error.message);
    throw error;
  }
}
