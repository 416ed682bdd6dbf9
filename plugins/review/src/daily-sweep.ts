import type { AuthApi, UserSummary } from '@kaifang/plugin-auth-sso';
import type { Clock, PluginContext } from '@kaifang/sdk';
import { endOfShanghaiDay, shanghaiDate } from './calendar/dates.ts';
import { loadCalendar } from './calendar/store.ts';
import type { WorkingCalendar } from './calendar/working-calendar.ts';
import { type ReviewItem, ReviewItemSchema } from './entities/review-item.ts';
import type { KindRegistry } from './kinds.ts';
import type { Notice, Notifier } from './notify/notifier.ts';
import { dueSoonNotice, overdueNotice } from './notify/templates.ts';
import { OPEN_STATES } from './state-machine.ts';
import type { ReviewItemView } from './view.ts';

export interface SweepReport {
  /** Items whose reviewers were reminded that they are due within one working day. */
  dueSoon: number;
  overdue: number;
  /** Users who got a notice. */
  notified: number;
}

export interface SweepDeps {
  db: PluginContext['db'];
  clock: Clock;
  auth: () => AuthApi;
  kinds: KindRegistry;
  notifier: Notifier;
  view(item: ReviewItem, calendar: WorkingCalendar, now: Date): ReviewItemView;
}

/**
 * The daily job: reminds reviewers of open items due by the end of the next working day (at
 * most once a day per item), and reports overdue items to platform admins. The notices are
 * written in one transaction and the e-mails queued after it, so a retried run neither loses
 * nor repeats them.
 */
export async function dailySweep(deps: SweepDeps): Promise<SweepReport> {
  const em = deps.db.fork();
  const calendar = await loadCalendar(em);
  const now = deps.clock.now();
  const today = shanghaiDate(now);
  // "Due within one working day": by the end of the next working day; today's included.
  const horizon = endOfShanghaiDay(calendar.nextWorkday(today));
  const open = { state: { $in: OPEN_STATES } };
  const dueSoon = await em.find(ReviewItemSchema, {
    ...open,
    dueAt: { $gt: now, $lte: horizon },
    $or: [{ remindedOn: null }, { remindedOn: { $ne: today } }],
  });
  const overdue = await em.find(ReviewItemSchema, { ...open, dueAt: { $lte: now } });

  const reviewers = reviewerLookup(deps);
  const byUser = new Map<string, ReviewItemView[]>();
  for (const item of dueSoon) {
    for (const user of await reviewers(item)) {
      byUser.set(user.id, [...(byUser.get(user.id) ?? []), deps.view(item, calendar, now)]);
    }
  }
  const notices: Notice[] = [...byUser].map(([userId, items]) => ({
    userId,
    ...dueSoonNotice(items),
    link: '/reviews/inbox',
  }));
  if (overdue.length > 0) {
    const report = overdueNotice(overdue.map((item) => deps.view(item, calendar, now)));
    for (const admin of await deps.auth().findUsersByRole('platform-admin')) {
      notices.push({ userId: admin.id, ...report, link: '/reviews/inbox?overdue=true' });
    }
  }
  const mails = await em.transactional(async (tx) => {
    if (dueSoon.length > 0) {
      await tx.nativeUpdate(
        ReviewItemSchema,
        { id: { $in: dueSoon.map((item) => item.id) } },
        { remindedOn: today },
      );
    }
    return deps.notifier.post(tx, notices, now);
  });
  await deps.notifier.send(mails);
  return { dueSoon: dueSoon.length, overdue: overdue.length, notified: notices.length };
}

/**
 * Who to remind of an item: the reviewer who claimed it, else everyone its kind's rule names.
 * Look-ups by rule are cached for the run: many items share one rule.
 */
function reviewerLookup(deps: SweepDeps): (item: ReviewItem) => Promise<UserSummary[]> {
  const auth = deps.auth();
  const byRule = new Map<string, Promise<UserSummary[]>>();
  const cached = (key: string, load: () => Promise<UserSummary[]>) => {
    if (!byRule.has(key)) byRule.set(key, load());
    return byRule.get(key)!;
  };
  return async (item) => {
    if (item.state === 'in_review' && item.reviewerId) {
      const reviewer = await auth.getUser(item.reviewerId);
      if (reviewer) return [reviewer];
    }
    const rule = deps.kinds.get(item.kind)?.reviewers;
    if (!rule) return [];
    if ('role' in rule) return cached(`role:${rule.role}`, () => auth.findUsersByRole(rule.role));
    const organisation = item.targetOrganisationId;
    if (!organisation) return [];
    return cached(`org:${organisation}`, () =>
      auth.findUsersByRole('provider-admin', organisation),
    );
  };
}
