import { fileURLToPath } from 'node:url';
import type { AuthApi } from '@kaifang/plugin-auth-sso';
import type { CatalogApi, Dataset } from '@kaifang/plugin-catalog';
import type { LoadPlan } from '@kaifang/plugin-datastore';
import type { OutcomeContext, ReviewApi } from '@kaifang/plugin-review';
import { Boom, definePlugin, type EntityManager, Joi, type PluginContext } from '@kaifang/sdk';
import {
  type ColumnDetection,
  detectColumn,
  SENSITIVE_TYPES,
  type SensitiveType,
  scrubStrays,
} from './detect.ts';
import {
  checkGrading,
  classesSchema,
  type DataClass,
  DEFAULT_LEVELS,
  type Level,
  levelsSchema,
} from './grading.ts';
import { compileRule, type MaskRule, ruleSchema } from './mask.ts';
import { CreateDataSecurity } from './migrations/0001-create-data-security.ts';
import { MaskPolicy } from './policy.ts';
import { securityRoutes } from './routes.ts';
import { loadSalt, SampleCipher } from './secret.ts';
import { type DatasetSecurity, PERMISSIONS, REVIEW_KIND, statusOf } from './status.ts';
import { audit, columnsOf, decideSubmission, saveDetections, setDecision, sql } from './store.ts';

export type { ColumnDetection, SensitiveType } from './detect.ts';
export {
  detectColumn,
  isBankCard,
  isIdCard,
  isIdCard15,
  isIdCard18,
  isMobile,
  luhn,
} from './detect.ts';
export type { DataClass, Level } from './grading.ts';
export { DEFAULT_LEVELS } from './grading.ts';
export type { MaskRule } from './mask.ts';
export { compileRule, DEFAULT_RULES } from './mask.ts';
export type { DatasetSecurity } from './status.ts';
export { PERMISSIONS, REVIEW_KIND } from './status.ts';

export interface DataSecurityOptions {
  /** Share of non-empty sample values that must match for a column to be flagged (0–1). */
  threshold: number;
  /** Rules per detected type, replacing the built-in defaults. */
  typeRules: Partial<Record<SensitiveType, MaskRule>>;
  /** Rules per field name in every dataset; they count as set rules for publication. */
  fieldRules: Record<string, MaskRule>;
  /** Salt of the `hash` pseudonyms; default $KAIFANG_MASKING_SALT, else generated and stored. */
  salt?: string;
  /** Grades and the open types each allows (D2). */
  levels: Level[];
  /** Classes a dataset may be in (several); empty: any class name. */
  classes: DataClass[];
  /** Publishing needs an approved security review (datasets imported by the system excepted). */
  requireReview: boolean;
  /** Time limit of the security review in working days. */
  reviewWorkdays: number;
  /** Rows kept (encrypted) from each load for the provider's masking preview. */
  previewRows: number;
  /**
   * Also mask ID numbers, mobiles and e-mail addresses that stray into columns that are not
   * flagged (free text). Costs a scan of every value of those columns.
   */
  scrubStrays: boolean;
}

export interface DataSecurityApi {
  /** Detects sensitive columns from names and sample values (nothing is stored). */
  detect(fields: readonly { name: string; samples: readonly string[] }[]): ColumnDetection[];
  /** A dataset's columns, rules, decisions and what stops its publication. */
  status(datasetId: string): Promise<DatasetSecurity>;
  /** Checks open type, grade and classes; throws a Boom 400 naming the fields. */
  checkGrading(input: {
    openType: Dataset['openType'];
    grade: number;
    classifications: string[];
  }): void;
  levels(): { levels: Level[]; classes: DataClass[] };
}

declare module '@kaifang/kernel' {
  interface PluginApis {
    'data-security': DataSecurityApi;
  }
}

const rule = ruleSchema;

interface Running {
  salt: string;
  cipher: SampleCipher;
  catalog: CatalogApi;
  review: ReviewApi;
  auth: AuthApi;
}

type Ctx = PluginContext<DataSecurityOptions>;

export default definePlugin<DataSecurityOptions, DataSecurityApi>({
  name: 'data-security',
  version: '0.1.0',
  kernel: '^0.1.0',
  description:
    'Sensitive-data detection and masking in the ingest stream, publication security review, classification and grading (D2, D3, D6, L7)',
  requires: {
    'auth-sso': '^0.1.0',
    catalog: '^0.1.0',
    datastore: '^0.1.0',
    review: '^0.1.0',
  },
  config: Joi.object({
    threshold: Joi.number().min(0.05).max(1).default(0.5),
    typeRules: Joi.object(Object.fromEntries(SENSITIVE_TYPES.map((type) => [type, rule]))).default(
      {},
    ),
    fieldRules: Joi.object().pattern(Joi.string().max(200), rule).default({}),
    salt: Joi.string().min(16),
    levels: levelsSchema.default(DEFAULT_LEVELS),
    classes: classesSchema.default([]),
    requireReview: Joi.boolean().default(true),
    reviewWorkdays: Joi.number().integer().min(1).max(60).default(5),
    previewRows: Joi.number().integer().min(1).max(20).default(5),
    scrubStrays: Joi.boolean().default(false),
  }),
  migrations: [{ name: '0001_create_data_security', class: CreateDataSecurity }],
  ui: {
    pages: [
      {
        path: '/data-security/:id',
        element: 'kf-data-security-page',
        module: fileURLToPath(new URL('./ui/security-page.ts', import.meta.url)),
        title: { zh: '数据安全审查', en: 'Data security review' },
      },
    ],
  },

  register(ctx) {
    const get = (): Running => runningState(ctx);
    const policy = new MaskPolicy(ctx.config.typeRules, ctx.config.fieldRules);

    ctx.pluginHooks['auth-sso']!.declarePermissions.tap(ctx.name, (registry) => {
      registry.declare({
        name: PERMISSIONS.view,
        description: {
          zh: '查看数据集的敏感字段与脱敏规则',
          en: "See a dataset's sensitive fields and masking rules",
        },
        roles: ['provider-admin', 'platform-admin'],
        organisationScoped: true,
      });
      registry.declare({
        name: PERMISSIONS.rule,
        description: { zh: '设置字段脱敏规则', en: 'Set masking rules' },
        roles: ['provider-admin', 'platform-admin'],
        organisationScoped: true,
      });
      registry.declare({
        name: PERMISSIONS.submit,
        description: {
          zh: '提交数据集发布安全审查',
          en: 'Submit a dataset for publication review',
        },
        roles: ['provider-admin', 'platform-admin'],
        organisationScoped: true,
      });
      registry.declare({
        name: PERMISSIONS.raw,
        description: {
          zh: '脱敏预览中查看原始样例',
          en: 'See raw sample rows in the masking preview',
        },
        roles: ['provider-admin'],
        organisationScoped: true,
      });
    });

    // Detection and masking inside the ingest stream (D3).
    ctx.pluginHooks.datastore!.beforeLoad.tapPromise(ctx.name, (plan) =>
      beforeLoad(ctx, get(), policy, plan),
    );

    // Grading on every save; publication only through an approved review with every column settled.
    ctx.pluginHooks.catalog!.beforeDatasetSave.tapPromise(ctx.name, async (input, context) => {
      checkGrading(input, ctx.config.levels, ctx.config.classes);
      const existing = context.existing;
      const becomesPublished = input.state === 'published' && existing?.state !== 'published';
      if (!becomesPublished) return input;
      // An approval publishes through the catalog API: its checks ran in the decision.
      if (existing && context.origin === ctx.name) return input;
      if (existing) {
        const blockers = await blockersOf(ctx.db.fork(), policy, existing.id);
        if (blockers.length > 0) {
          throw Boom.conflict(`dataset ${existing.id} cannot be published: ${blockers.join('; ')}`);
        }
      }
      // Content imported by the system (no principal) is the deployment's own configuration.
      if (ctx.config.requireReview && context.principal) {
        throw Boom.conflict(
          existing
            ? `dataset ${existing.id} is published through the security review: submit it with POST /api/v1/data-security/datasets/${existing.id}/submit`
            : 'a new dataset starts as a draft and is published through the security review; create it without state "published"',
        );
      }
      return input;
    });

    ctx.pluginHooks.catalog!.afterPublish.tapPromise(ctx.name, async (dataset) => {
      // The raw preview rows are for the provider before publication; keep nothing longer.
      await sql(ctx.db.fork(), 'delete from data_security_sample where dataset_id = ?', [
        dataset.id,
      ]);
    });

    /** An approval publishes with the rights of the reviewer who approved. */
    const publish = async (datasetId: string, reviewerId: string) => {
      const principal = await get().auth.principalFor(reviewerId);
      if (!principal)
        throw Boom.conflict(`reviewer ${reviewerId} can no longer act: the account is not active`);
      await get().catalog.setState(datasetId, 'published', { principal, origin: ctx.name });
    };

    /** A reject or return: the submission records the remark, the audit log who decided. */
    const recordOutcome =
      (outcome: 'rejected' | 'returned') =>
      async ({ item, em }: OutcomeContext) => {
        const now = ctx.clock.now();
        await decideSubmission(
          em,
          item.id,
          outcome,
          { remark: item.remark, decidedBy: item.reviewerId },
          now,
        );
        await audit(
          em,
          {
            actorId: item.reviewerId,
            action: `publication.${outcome}`,
            datasetId: item.targetId,
            field: null,
            details: { reviewItemId: item.id, remark: item.remark },
          },
          now,
        );
      };
    ctx.pluginHooks.review!.declareKinds.tap(ctx.name, (registry) => {
      registry.declare({
        name: REVIEW_KIND,
        label: { zh: '数据集发布安全审查', en: 'Dataset publication security review' },
        reviewers: { role: 'platform-admin' },
        workdays: ctx.config.reviewWorkdays,
        fields: [
          {
            name: 'notSensitive',
            label: {
              zh: '确认不敏感的字段（逗号分隔）',
              en: 'Fields confirmed not sensitive (comma-separated)',
            },
            type: 'text',
          },
        ],
        // The keys of the `data` the submit route sends, for the review item page.
        dataFields: [
          { name: 'title', label: { zh: '数据集名称', en: 'Dataset title' } },
          { name: 'datasetId', label: { zh: '数据集编号', en: 'Dataset ID' } },
          {
            name: 'openType',
            label: { zh: '开放类型', en: 'Open type' },
            values: {
              unconditional: { zh: '无条件开放', en: 'Unconditional' },
              conditional: { zh: '有条件开放', en: 'Conditional' },
              closed: { zh: '不予开放', en: 'Not open' },
            },
          },
          {
            name: 'grade',
            label: { zh: '数据分级', en: 'Data grade' },
            values: {
              1: { zh: '一级', en: 'Level 1' },
              2: { zh: '二级', en: 'Level 2' },
              3: { zh: '三级', en: 'Level 3' },
              4: { zh: '四级', en: 'Level 4' },
            },
          },
          {
            name: 'sensitiveFields',
            label: { zh: '检测出的敏感字段', en: 'Fields detected as sensitive' },
          },
          {
            name: 'blockers',
            label: { zh: '提交时尚待处理的问题', en: 'Open issues when submitted' },
          },
        ],
        describe: (data) => `数据集发布安全审查：${String(data.title ?? data.datasetId ?? '')}`,
        onApprove: async ({ item, em }: OutcomeContext) => {
          const datasetId = item.targetId;
          const reviewerId = item.reviewerId!;
          const now = ctx.clock.now();
          const names = String(item.fields.notSensitive ?? '')
            .split(/[,，、]/)
            .map((name) => name.trim())
            .filter((name) => name !== '');
          const columns = await columnsOf(em, datasetId);
          const unknown = names.filter((name) => !columns.some((column) => column.field === name));
          if (unknown.length > 0) {
            throw Boom.badRequest(
              `"notSensitive" names unknown field(s) ${unknown.map((name) => `'${name}'`).join(', ')}`,
            );
          }
          for (const field of names) {
            await setDecision(em, datasetId, field, 'not-sensitive', reviewerId, now);
            await audit(
              em,
              {
                actorId: reviewerId,
                action: 'field.not-sensitive',
                datasetId,
                field,
                details: { reviewItemId: item.id },
              },
              now,
            );
          }
          const blockers = await blockersOf(em, policy, datasetId);
          if (blockers.length > 0) {
            throw Boom.conflict(`dataset ${datasetId} cannot be published: ${blockers.join('; ')}`);
          }
          await publish(datasetId, reviewerId);
          await decideSubmission(
            em,
            item.id,
            'approved',
            { remark: item.remark, decidedBy: reviewerId },
            now,
          );
          await audit(
            em,
            {
              actorId: reviewerId,
              action: 'publication.approved',
              datasetId,
              field: null,
              details: { reviewItemId: item.id, remark: item.remark },
            },
            now,
          );
        },
        onReject: recordOutcome('rejected'),
        onReturn: recordOutcome('returned'),
      });
    });

    ctx.http.route(
      securityRoutes({
        ctx,
        policy,
        running: get,
        blockersOf: (em, datasetId) => blockersOf(em, policy, datasetId),
      }),
    );
  },

  async start(ctx) {
    const salt = await loadSalt(ctx.db.fork(), ctx.config.salt);
    const state: Running = {
      salt,
      cipher: new SampleCipher(salt),
      catalog: ctx.plugins.catalog!,
      review: ctx.plugins.review!,
      auth: ctx.plugins['auth-sso']!,
    };
    runningOf.set(ctx, state);
    const policy = new MaskPolicy(ctx.config.typeRules, ctx.config.fieldRules);
    return {
      detect: (fields) =>
        fields.map((field) =>
          detectColumn(field.name, field.samples, {
            threshold: ctx.config.threshold,
            today: ctx.clock.now(),
          }),
        ),
      status: (datasetId) => statusOf(ctx.db.fork(), policy, datasetId),
      checkGrading: (input) => checkGrading(input, ctx.config.levels, ctx.config.classes),
      levels: () => ({ levels: ctx.config.levels, classes: ctx.config.classes }),
    };
  },
});

// register's closures read the running state through this map (start fills it).
const runningOf = new WeakMap<object, Running>();

async function beforeLoad(ctx: Ctx, running: Running, policy: MaskPolicy, plan: LoadPlan) {
  const em = ctx.db.fork();
  const now = ctx.clock.now();
  const stored = new Map(
    (await columnsOf(em, plan.datasetId)).map((column) => [column.field, column]),
  );
  const results = plan.fields.map((field) => {
    const detection = detectColumn(field.name, field.samples, {
      threshold: ctx.config.threshold,
      today: now,
    });
    const prior = stored.get(field.name);
    const applied = policy.effective({
      field: field.name,
      rule: prior?.rule ?? null,
      decision: prior?.decision ?? null,
      flagged: detection.flagged,
      detectedType: detection.type,
    });
    if (applied) plan.mask(field.name, compileRule(applied, running.salt));
    else if (ctx.config.scrubStrays && prior?.decision !== 'not-sensitive')
      plan.mask(field.name, scrubStrays(now));
    return { detection, applied };
  });
  await em.transactional(async (tx) => {
    await saveDetections(tx, plan.datasetId, results, now);
    const rows: string[][] = [];
    const count = Math.min(ctx.config.previewRows, plan.fields[0]?.samples.length ?? 0);
    for (let row = 0; row < count; row++)
      rows.push(plan.fields.map((field) => field.samples[row] ?? ''));
    await sql(
      tx,
      `insert into data_security_sample (dataset_id, fields, payload, created_at) values (?, ?::jsonb, ?, ?)
       on conflict (dataset_id) do update set fields = excluded.fields, payload = excluded.payload, created_at = excluded.created_at`,
      [
        plan.datasetId,
        JSON.stringify(plan.fields.map((field) => field.name)),
        running.cipher.seal(rows),
        now,
      ],
    );
  });
  // Field names, types and shares only: never a value.
  ctx.logger.info(
    {
      datasetId: plan.datasetId,
      masked: results
        .filter((result) => result.applied)
        .map(({ detection, applied }) => ({
          field: detection.field,
          type: detection.type,
          share: detection.share,
          rule: applied!.kind,
        })),
    },
    'data-security: masking rules applied to the ingest',
  );
}

async function blockersOf(
  em: EntityManager,
  policy: MaskPolicy,
  datasetId: string,
): Promise<string[]> {
  const columns = await columnsOf(em, datasetId);
  return columns
    .map((column) => policy.blocker(column))
    .filter((b): b is string => b !== undefined);
}

export function runningState(ctx: object): Running {
  const state = runningOf.get(ctx);
  if (!state) throw new Error('data-security has not started');
  return state;
}
