import { fileURLToPath } from 'node:url';
import { definePlugin, Joi, type UiPage } from '@kaifang/sdk';
import { shanghaiDate, TIME_ZONE } from './calendar/dates.ts';
import { loadCalendar } from './calendar/store.ts';
import type { Deadline } from './calendar/working-calendar.ts';
import { dailySweep, type SweepReport } from './daily-sweep.ts';
import type { EntityManager } from './db.ts';
import { CalendarDaySchema, CalendarYearSchema } from './entities/calendar.ts';
import { MessageSchema } from './entities/message.ts';
import { ReviewEventSchema } from './entities/review-event.ts';
import { ReviewItemSchema } from './entities/review-item.ts';
import { createReviewHooks, type ReviewHooks } from './hooks.ts';
import { KindRegistry, type RegisteredKind } from './kinds.ts';
import { CreateReview } from './migrations/0001-create-review.ts';
import { Mailer, type OutboundMail, type SmtpOptions } from './notify/mailer.ts';
import { EMAIL_QUEUE, Notifier } from './notify/notifier.ts';
import { calendarRoutes, MANAGE_CALENDAR } from './routes/calendar.ts';
import { messageRoutes } from './routes/messages.ts';
import { reviewRoutes } from './routes/reviews.ts';
import { type ResubmitInput, ReviewService, type SubmitInput, VIEW_ALL } from './service.ts';
import type { ReviewItemView } from './view.ts';

export type { SweepReport } from './daily-sweep.ts';
export type { DecisionEvent, ReviewHooks } from './hooks.ts';
export type {
  DataField,
  OutcomeContext,
  ReviewerField,
  ReviewerRule,
  ReviewKind,
} from './kinds.ts';
export type { InboxScope, ResubmitInput, SubmitInput } from './service.ts';
export type { ReviewState } from './state-machine.ts';
export type { DataEntry, HistoryEntry, ReviewItemView } from './view.ts';

export interface ReviewOptions {
  /** Time limits in working days by kind name, overriding what the kind declares. */
  deadlines: Record<string, number>;
  /** Without it, notices go to the message centre only. */
  smtp?: SmtpOptions;
  /** When the daily reminder and overdue report run (cron, Asia/Shanghai). */
  dailyCron: string;
  /** The portal's public address, for links in e-mails, e.g. `https://data.dezhou.gov.cn`. */
  portalUrl?: string;
}

export interface ReviewApi {
  /**
   * Puts an item in the queue; its deadline is counted from today (Asia/Shanghai). Pass your
   * transaction's `em` to commit the item with your own row (or roll both back).
   */
  submit(input: SubmitInput, options?: { em?: EntityManager }): Promise<ReviewItemView>;
  /** The applicant answers a return; the time limit starts again. */
  resubmit(input: ResubmitInput): Promise<ReviewItemView>;
  get(id: string): Promise<ReviewItemView | undefined>;
  kinds(): Pick<RegisteredKind, 'name' | 'label' | 'workdays' | 'plugin'>[];
  /** The deadline `workdays` working days after `from` (a Shanghai date or an instant). */
  deadline(from: string | Date, workdays: number): Promise<Deadline>;
  /** Runs the daily reminder and overdue report now (the scheduled job calls this). */
  runDailySweep(): Promise<SweepReport>;
}

declare module '@kaifang/kernel' {
  interface PluginApis {
    review: ReviewApi;
  }
  interface PluginHooks {
    review: ReviewHooks;
  }
}

const DAILY_QUEUE = 'daily-sweep';

/** What register builds and start and stop use, per kernel (a process may run several). */
interface Runtime {
  kinds: KindRegistry;
  service: ReviewService;
  sweep(): Promise<SweepReport>;
  mailer?: Mailer;
}
const runtimes = new WeakMap<object, Runtime>();

const page = (
  path: string,
  element: string,
  file: string,
  zh: string,
  en: string,
  userMenu?: UiPage['userMenu'],
): UiPage => ({
  path,
  element,
  module: fileURLToPath(new URL(`./ui/${file}`, import.meta.url)),
  title: { zh, en },
  ...(userMenu ? { userMenu } : {}),
});

/**
 * Whose 工作台 lists the inbox: reviewers are administrators in the kinds plugins declare here
 * (by role, or the organisation's provider admins). Anyone else reaches an item by its link.
 */
const REVIEWERS = ['provider-admin', 'platform-admin'];

const smtpSchema = Joi.object({
  host: Joi.string().hostname().required(),
  port: Joi.number().port().default(587),
  secure: Joi.boolean().default(false),
  auth: Joi.object({ user: Joi.string().required(), pass: Joi.string().required() }),
  from: Joi.string().required(),
  allowSelfSigned: Joi.boolean().default(false),
});

export default definePlugin<ReviewOptions, ReviewApi, ReviewHooks>({
  name: 'review',
  version: '0.1.0',
  kernel: '^0.1.0',
  description:
    'One review queue for every "reviewed within the time limit" flow: working-day deadlines on the statutory calendar, overdue flags, site messages and e-mail',
  requires: { 'auth-sso': '^0.1.0' },
  config: Joi.object({
    deadlines: Joi.object()
      .pattern(Joi.string(), Joi.number().integer().min(1).max(365))
      .default({}),
    smtp: smtpSchema,
    dailyCron: Joi.string().default('0 9 * * *'),
    portalUrl: Joi.string().uri({ scheme: ['http', 'https'] }),
  }),
  entities: [
    ReviewItemSchema,
    ReviewEventSchema,
    MessageSchema,
    CalendarYearSchema,
    CalendarDaySchema,
  ],
  migrations: [{ name: '0001_create_review', class: CreateReview }],
  hooks: createReviewHooks,
  ui: {
    pages: [
      page('/reviews/inbox', 'kf-review-inbox', 'inbox-page.ts', '审核待办', 'Review inbox', {
        order: 20,
        roles: REVIEWERS,
      }),
      page('/reviews/mine', 'kf-review-mine', 'mine-page.ts', '我的申请', 'My applications', {
        order: 30,
      }),
      page('/reviews/:id', 'kf-review-item', 'item-page.ts', '审核事项', 'Review item'),
      page('/messages', 'kf-message-centre', 'messages-page.ts', '消息中心', 'Messages', {
        order: 40,
      }),
      page(
        '/admin/calendar',
        'kf-review-calendar',
        'calendar-page.ts',
        '工作日历',
        'Working-day calendar',
        { order: 90, roles: ['platform-admin'] },
      ),
    ],
  },

  register(ctx) {
    const hooks = ctx.pluginHooks.review!;
    const kinds = new KindRegistry(ctx.config.deadlines);
    // Taps run while the review plugin starts; tag each declared kind with the tapping plugin.
    hooks.declareKinds.intercept({ tap: (tap) => void kinds.asPlugin(tap.name) });
    const notifier = new Notifier({
      auth: () => ctx.plugins['auth-sso']!,
      queueMail: ctx.config.smtp
        ? (mail: OutboundMail) => ctx.jobs.send(EMAIL_QUEUE, mail)
        : undefined,
      portalUrl: ctx.config.portalUrl,
      logger: ctx.logger,
    });
    const service = new ReviewService({
      kinds,
      clock: ctx.clock,
      db: ctx.db,
      notifier,
      auth: () => ctx.plugins['auth-sso']!,
      hooks,
      logger: ctx.logger,
    });
    const sweep = () =>
      dailySweep({
        db: ctx.db,
        clock: ctx.clock,
        auth: () => ctx.plugins['auth-sso']!,
        kinds,
        notifier,
        view: (item, calendar, now) => service.view(item, calendar, now),
      });
    runtimes.set(ctx, { kinds, service, sweep });

    ctx.pluginHooks['auth-sso']!.declarePermissions.tap(ctx.name, (registry) => {
      registry.declare({
        name: MANAGE_CALENDAR,
        description: {
          zh: '维护工作日历（节假日与调休）',
          en: 'Maintain the working-day calendar',
        },
        roles: ['platform-admin'],
        organisationScoped: false,
      });
      registry.declare({
        name: VIEW_ALL,
        description: {
          zh: '查看全部审核事项（不限本人审核的类型）',
          en: 'See every review item, not only the kinds one reviews',
        },
        roles: ['platform-admin'],
        organisationScoped: false,
      });
    });
    // Erasure (U3): a user's notices go with their account. Review items stay: they are the
    // record of an administrative decision, which must be kept (they name the user by id only).
    ctx.events.on('auth-sso.user-deleted', async ({ userId }) => {
      await ctx.db.fork().nativeDelete(MessageSchema, { userId });
    });
    ctx.http.route([
      ...calendarRoutes({ clock: ctx.clock, auth: () => ctx.plugins['auth-sso']! }),
      ...reviewRoutes(service),
      ...messageRoutes({ clock: ctx.clock }),
    ]);
  },

  async start(ctx) {
    const runtime = runtimes.get(ctx)!;
    const { kinds, service, sweep } = runtime;
    ctx.pluginHooks.review!.declareKinds.call(kinds);
    for (const name of kinds.unknownOverrides()) {
      ctx.logger.warn(
        { kind: name },
        `config deadlines names review kind '${name}', which no plugin declares; check the spelling`,
      );
    }
    if (ctx.config.smtp) {
      const mailer = new Mailer(ctx.config.smtp);
      runtime.mailer = mailer;
      await ctx.jobs.work<OutboundMail>(EMAIL_QUEUE, (job) => mailer.send(job.data), {
        retryLimit: 5,
        retryDelay: 30,
      });
    } else {
      ctx.logger.info('no smtp settings: review notices go to the message centre only');
    }
    await ctx.jobs.work(DAILY_QUEUE, async () => {
      const report = await sweep();
      ctx.logger.info(report, 'daily review sweep done');
    });
    await ctx.jobs.schedule(DAILY_QUEUE, ctx.config.dailyCron, {}, TIME_ZONE);

    return {
      submit: (input, options) => service.submit(input, options),
      resubmit: (input) => service.resubmit(input),
      get: (id) => service.get(id),
      kinds: () =>
        kinds.all().map(({ name, label, workdays, plugin }) => ({ name, label, workdays, plugin })),
      deadline: async (from, workdays) => {
        const calendar = await loadCalendar(ctx.db.fork());
        return calendar.deadline(typeof from === 'string' ? from : shanghaiDate(from), workdays);
      },
      runDailySweep: sweep,
    };
  },

  stop(ctx) {
    runtimes.get(ctx)?.mailer?.close();
  },
});
