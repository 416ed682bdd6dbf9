import { principalOf, requireUser } from '@kaifang/plugin-auth-sso';
import { Joi, type ServerRoute } from '@kaifang/sdk';
import { INBOX_SCOPES, type InboxScope, type ReviewService } from '../service.ts';
import { DECISIONS, type Decision, REVIEW_STATES, type ReviewState } from '../state-machine.ts';

const signedIn = requireUser();
const id = Joi.object({ id: Joi.string().uuid().required() });
const page = {
  limit: Joi.number().integer().min(1).max(100).default(20),
  offset: Joi.number().integer().min(0).default(0),
};
const state = Joi.string().valid(...REVIEW_STATES);

export function reviewRoutes(service: ReviewService): ServerRoute[] {
  return [
    {
      method: 'GET',
      path: '/reviews',
      options: {
        auth: signedIn,
        description: "The caller's review inbox",
        notes:
          "`scope=reviewable`: items the caller may decide (the default, and the only scope, for everyone but platform admins). `scope=all`: every kind's items, to oversee the whole queue (platform admins; their default). Each item has `canDecide`; the answer names the `scope` used. Without `state` or `overdue`, only open items (submitted, in_review, resubmitted). Sorted by due time, soonest first.",
        validate: {
          query: Joi.object({
            scope: Joi.string().valid(...INBOX_SCOPES),
            kind: Joi.string().max(100),
            state,
            overdue: Joi.boolean(),
            ...page,
          }),
        },
      },
      handler: async (request) => {
        const query = request.query as {
          scope?: InboxScope;
          kind?: string;
          state?: ReviewState;
          overdue?: boolean;
          limit: number;
          offset: number;
        };
        return service.inbox(principalOf(request)!, query);
      },
    },
    {
      method: 'GET',
      path: '/reviews/mine',
      options: {
        auth: signedIn,
        description: "The caller's own submissions and their outcomes",
        validate: { query: Joi.object({ state, ...page }) },
      },
      handler: async (request) => {
        const query = request.query as { state?: ReviewState; limit: number; offset: number };
        return service.mine(principalOf(request)!.userId, query);
      },
    },
    {
      method: 'GET',
      path: '/reviews/kinds',
      options: {
        auth: signedIn,
        description:
          "Review kinds the caller's inbox can list, with their time limits, fields and data labels",
        notes:
          'Platform admins get every kind (`canViewAll: true`); others the kinds they review. `reviewable` says whether the caller may decide items of the kind.',
      },
      handler: async (request) => {
        const principal = principalOf(request)!;
        return {
          canViewAll: service.canViewAll(principal),
          items: service.inboxKinds(principal).map(({ kind, reviewable }) => ({
            name: kind.name,
            label: kind.label,
            workdays: kind.workdays,
            reviewable,
            fields: kind.fields ?? [],
            dataFields: kind.dataFields ?? [],
          })),
        };
      },
    },
    {
      method: 'GET',
      path: '/reviews/{id}',
      options: {
        auth: signedIn,
        description:
          'One review item with its history and labelled data (its applicant, a reviewer, or a platform admin)',
        validate: { params: id },
      },
      handler: async (request) => {
        const { id: itemId } = request.params as { id: string };
        return service.getFor(principalOf(request)!, itemId);
      },
    },
    {
      method: 'POST',
      path: '/reviews/{id}/claim',
      options: {
        auth: signedIn,
        description: 'Take an item for review (submitted or resubmitted → in_review)',
        validate: { params: id },
      },
      handler: async (request) => {
        const { id: itemId } = request.params as { id: string };
        return service.claim(principalOf(request)!, itemId);
      },
    },
    {
      method: 'POST',
      path: '/reviews/{id}/decision',
      options: {
        auth: signedIn,
        description: 'Approve, reject or return an item; reject and return need a remark',
        validate: {
          params: id,
          payload: Joi.object({
            decision: Joi.string()
              .valid(...DECISIONS)
              .required(),
            remark: Joi.string().trim().max(2000).allow(''),
            fields: Joi.object().unknown(true),
          }),
        },
      },
      handler: async (request) => {
        const { id: itemId } = request.params as { id: string };
        const payload = request.payload as {
          decision: Decision;
          remark?: string;
          fields?: Record<string, unknown>;
        };
        return service.decide(principalOf(request)!, itemId, payload);
      },
    },
    {
      method: 'POST',
      path: '/reviews/{id}/resubmit',
      options: {
        auth: signedIn,
        description: 'The applicant resubmits a returned item, optionally with corrected data',
        validate: {
          params: id,
          payload: Joi.object({ data: Joi.object().unknown(true) }).allow(null),
        },
      },
      handler: async (request) => {
        const { id: itemId } = request.params as { id: string };
        const payload = (request.payload ?? {}) as { data?: Record<string, unknown> };
        return service.resubmit({
          id: itemId,
          applicantId: principalOf(request)!.userId,
          ...(payload.data ? { data: payload.data } : {}),
        });
      },
    },
  ];
}
