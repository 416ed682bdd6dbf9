import { principalOf, requireRole, requireUser } from '@kaifang/plugin-auth-sso';
import type { Dataset } from '@kaifang/plugin-catalog';
import {
  Boom,
  type EntityManager,
  Joi,
  type PluginContext,
  type Request,
  type ServerRoute,
} from '@kaifang/sdk';
import { detectColumn, scrubStrays, TYPE_LABELS } from './detect.ts';
import { checkGrading } from './grading.ts';
import { compileRule, type MaskRule, ruleSchema } from './mask.ts';
import type { DataSecurityOptions } from './plugin.ts';
import type { MaskPolicy } from './policy.ts';
import type { SampleCipher } from './secret.ts';
import { PERMISSIONS, REVIEW_KIND, statusOf } from './status.ts';
import {
  addSubmission,
  audit,
  columnsOf,
  decideSubmission,
  latestSubmission,
  readAudit,
  setDecision,
  setRule,
  sql,
} from './store.ts';

interface RouteDeps {
  ctx: PluginContext<DataSecurityOptions>;
  policy: MaskPolicy;
  running: () => {
    cipher: SampleCipher;
    salt: string;
    catalog: { get(id: string): Promise<Dataset | undefined> };
    review: {
      submit(input: {
        kind: string;
        targetId: string;
        targetOrganisationId?: string;
        applicantId: string;
        data?: Record<string, unknown>;
      }): Promise<{ id: string }>;
      resubmit(input: {
        id: string;
        applicantId: string;
        data?: Record<string, unknown>;
      }): Promise<{ id: string }>;
    };
    auth: {
      can(
        principal: ReturnType<typeof principalOf>,
        permission: string,
        target?: { organisationId?: string },
      ): boolean;
      assert(
        principal: ReturnType<typeof principalOf>,
        permission: string,
        target?: { organisationId?: string },
      ): void;
    };
  };
  blockersOf(em: EntityManager, datasetId: string): Promise<string[]>;
}

const idParams = Joi.object({ id: Joi.string().guid().required() });

export function securityRoutes(deps: RouteDeps): ServerRoute[] {
  const { ctx, policy } = deps;

  /** The dataset, if the caller holds `permission` on its organisation (404 otherwise for drafts). */
  async function datasetFor(request: Request, permission: string): Promise<Dataset> {
    const { id } = request.params as { id: string };
    const dataset = await deps.running().catalog.get(id);
    if (!dataset) throw Boom.notFound(`no dataset with id ${id}`);
    const principal = principalOf(request);
    if (
      !deps
        .running()
        .auth.can(principal, PERMISSIONS.view, { organisationId: dataset.organization.id })
    ) {
      if (dataset.state !== 'published') throw Boom.notFound(`no dataset with id ${id}`);
    }
    deps.running().auth.assert(principal, permission, { organisationId: dataset.organization.id });
    return dataset;
  }

  return [
    {
      method: 'GET',
      path: '/data-security/levels',
      options: {
        description: 'The grades (and the open types each allows) and the classes of this portal',
      },
      handler: () => ({ levels: ctx.config.levels, classes: ctx.config.classes }),
    },
    {
      method: 'POST',
      path: '/data-security/detect',
      options: {
        description: 'Detect sensitive columns in sample values (nothing is stored)',
        auth: requireUser(),
        validate: {
          payload: Joi.object({
            fields: Joi.array()
              .items(
                Joi.object({
                  name: Joi.string().max(200).required(),
                  samples: Joi.array().items(Joi.string().allow('').max(500)).max(200).required(),
                }),
              )
              .min(1)
              .max(500)
              .required(),
          }),
        },
      },
      handler: (request) => {
        const { fields } = request.payload as { fields: { name: string; samples: string[] }[] };
        return {
          columns: fields.map((field) => {
            const detection = detectColumn(field.name, field.samples, {
              threshold: ctx.config.threshold,
              today: ctx.clock.now(),
            });
            return { ...detection, label: detection.type ? TYPE_LABELS[detection.type] : null };
          }),
        };
      },
    },
    {
      method: 'GET',
      path: '/data-security/datasets/{id}',
      options: {
        description:
          "A dataset's detected columns, rules, decisions, review state and what stops publication",
        auth: requireUser(),
        validate: { params: idParams },
      },
      handler: async (request) => {
        const dataset = await datasetFor(request, PERMISSIONS.view);
        const em = ctx.db.fork();
        const status = await statusOf(em, policy, dataset.id);
        const submission = await latestSubmission(em, dataset.id);
        return {
          ...status,
          state: dataset.state,
          openType: dataset.openType,
          grade: dataset.grade,
          classifications: dataset.classifications,
          submission: submission ?? null,
          publishable: status.blockers.length === 0,
        };
      },
    },
    {
      method: 'PUT',
      path: '/data-security/datasets/{id}/rules',
      options: {
        description: 'Set (or with rule null, clear) the masking rule of one field',
        auth: requireUser(),
        validate: {
          params: idParams,
          payload: Joi.object({
            field: Joi.string().max(200).required(),
            rule: ruleSchema.allow(null).required(),
          }),
        },
      },
      handler: async (request) => {
        const dataset = await datasetFor(request, PERMISSIONS.rule);
        const { field, rule } = request.payload as { field: string; rule: MaskRule | null };
        const principal = principalOf(request)!;
        const em = ctx.db.fork();
        const now = ctx.clock.now();
        await em.transactional(async (tx) => {
          await setRule(tx, dataset.id, field, rule, principal.userId, now);
          await audit(
            tx,
            {
              actorId: principal.userId,
              action: rule ? 'rule.set' : 'rule.cleared',
              datasetId: dataset.id,
              field,
              details: rule ? { rule } : {},
            },
            now,
          );
        });
        const status = await statusOf(em, policy, dataset.id);
        const column = status.columns.find((candidate) => candidate.field === field)!;
        return {
          column,
          blockers: status.blockers,
          reloadNeeded: column.blocker !== null && column.rule !== null,
        };
      },
    },
    {
      method: 'PUT',
      path: '/data-security/datasets/{id}/decisions',
      options: {
        description: 'A reviewer decides whether a detected field is sensitive (platform admins)',
        auth: requireRole('platform-admin'),
        validate: {
          params: idParams,
          payload: Joi.object({
            field: Joi.string().max(200).required(),
            sensitive: Joi.boolean().allow(null).required(),
          }),
        },
      },
      handler: async (request) => {
        const dataset = await datasetFor(request, PERMISSIONS.view);
        const { field, sensitive } = request.payload as {
          field: string;
          sensitive: boolean | null;
        };
        const principal = principalOf(request)!;
        const em = ctx.db.fork();
        const columns = await columnsOf(em, dataset.id);
        if (!columns.some((column) => column.field === field)) {
          throw Boom.badRequest(`"field" '${field}' is not a field of dataset ${dataset.id}`);
        }
        const decision = sensitive === null ? null : sensitive ? 'sensitive' : 'not-sensitive';
        const now = ctx.clock.now();
        await em.transactional(async (tx) => {
          await setDecision(tx, dataset.id, field, decision, principal.userId, now);
          await audit(
            tx,
            {
              actorId: principal.userId,
              action: `field.${decision ?? 'undecided'}`,
              datasetId: dataset.id,
              field,
              details: {},
            },
            now,
          );
        });
        return statusOf(em, policy, dataset.id);
      },
    },
    {
      method: 'GET',
      path: '/data-security/datasets/{id}/preview',
      options: {
        description:
          'Masking preview: sample rows of the last load before and after masking (raw rows to the providing organisation only)',
        auth: requireUser(),
        validate: { params: idParams },
      },
      handler: async (request) => {
        const dataset = await datasetFor(request, PERMISSIONS.view);
        const principal = principalOf(request);
        const raw = deps
          .running()
          .auth.can(principal, PERMISSIONS.raw, { organisationId: dataset.organization.id });
        const em = ctx.db.fork();
        const [sample] = await sql<{ fields: string[]; payload: string }>(
          em,
          'select fields, payload from data_security_sample where dataset_id = ?',
          [dataset.id],
        );
        if (!sample) {
          throw Boom.notFound(
            `no preview for dataset ${dataset.id}: upload a file first (the preview is removed at publication)`,
          );
        }
        const columns = new Map(
          (await columnsOf(em, dataset.id)).map((column) => [column.field, column]),
        );
        const rules = sample.fields.map((field) => {
          const column = columns.get(field);
          return column
            ? policy.effective(column)
            : policy.effective({
                field,
                rule: null,
                decision: null,
                flagged: false,
                detectedType: null,
              });
        });
        const salt = deps.running().salt;
        // The same choice as the ingest makes (plugin.ts beforeLoad).
        const scrub = scrubStrays(ctx.clock.now());
        const transforms = rules.map((rule, index) => {
          if (rule) return compileRule(rule, salt);
          const decision = columns.get(sample.fields[index]!)?.decision;
          return ctx.config.scrubStrays && decision !== 'not-sensitive'
            ? scrub
            : (value: string) => value;
        });
        const before = deps.running().cipher.open(sample.payload);
        const toRecord = (values: string[]) =>
          Object.fromEntries(sample.fields.map((field, index) => [field, values[index] ?? '']));
        return {
          fields: sample.fields.map((field, index) => ({
            name: field,
            type: columns.get(field)?.detectedType ?? null,
            rule: rules[index] ?? null,
          })),
          before: raw ? before.map(toRecord) : null,
          after: before.map((values) =>
            toRecord(values.map((value, index) => transforms[index]!(value))),
          ),
        };
      },
    },
    {
      method: 'POST',
      path: '/data-security/datasets/{id}/submit',
      options: {
        description: 'Submit a draft dataset to the publication security review',
        auth: requireUser(),
        validate: { params: idParams },
      },
      handler: async (request, h) => {
        const dataset = await datasetFor(request, PERMISSIONS.submit);
        const principal = principalOf(request)!;
        if (dataset.state === 'published')
          throw Boom.conflict(`dataset ${dataset.id} is already published`);
        checkGrading(dataset, ctx.config.levels, ctx.config.classes);
        const em = ctx.db.fork();
        const latest = await latestSubmission(em, dataset.id);
        if (latest?.state === 'submitted') {
          throw Boom.conflict(
            `dataset ${dataset.id} is under review already (review item ${latest.reviewItemId})`,
          );
        }
        const blockers = await deps.blockersOf(em, dataset.id);
        const data = {
          datasetId: dataset.id,
          title: dataset.title,
          openType: dataset.openType,
          grade: dataset.grade,
          sensitiveFields: (await columnsOf(em, dataset.id))
            .filter((c) => c.flagged)
            .map((c) => c.field),
          blockers,
        };
        const now = ctx.clock.now();
        let reviewItemId: string;
        if (latest?.state === 'returned') {
          reviewItemId = (
            await deps
              .running()
              .review.resubmit({ id: latest.reviewItemId, applicantId: principal.userId, data })
          ).id;
          await decideSubmission(
            em,
            reviewItemId,
            'submitted',
            { remark: null, decidedBy: null },
            now,
          );
        } else {
          const item = await deps.running().review.submit({
            kind: REVIEW_KIND,
            targetId: dataset.id,
            targetOrganisationId: dataset.organization.id,
            applicantId: principal.userId,
            data,
          });
          reviewItemId = item.id;
          await addSubmission(
            em,
            { datasetId: dataset.id, reviewItemId, submittedBy: principal.userId },
            now,
          );
        }
        await audit(
          em,
          {
            actorId: principal.userId,
            action: 'publication.submitted',
            datasetId: dataset.id,
            field: null,
            details: { reviewItemId },
          },
          now,
        );
        return h.response({ reviewItemId, state: 'submitted', blockers }).code(201);
      },
    },
    {
      method: 'GET',
      path: '/data-security/audit',
      options: {
        description:
          'Who set which rule, who decided which field, who approved which publication (platform admins)',
        auth: requireRole('platform-admin'),
        validate: {
          query: Joi.object({
            datasetId: Joi.string().guid(),
            action: Joi.string().max(32),
            limit: Joi.number().integer().min(1).max(200).default(50),
            offset: Joi.number().integer().min(0).default(0),
          }),
        },
      },
      handler: (request) =>
        readAudit(
          ctx.db.fork(),
          request.query as { datasetId?: string; action?: string; limit: number; offset: number },
        ),
    },
  ];
}
