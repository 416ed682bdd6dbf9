import { requireRole } from '@kaifang/plugin-auth-sso';
import { Boom, type Clock, type DbService, Joi, type ServerRoute } from '@kaifang/sdk';
import { DomainSchema } from '../entities/domain.ts';
import { ICON_NAMES, iconSvg } from '../icons.ts';
import type { DomainsApi } from '../service.ts';

export interface DomainRouteDeps {
  db: DbService;
  clock: Clock;
  service: DomainsApi;
}

const code = Joi.string()
  .pattern(/^[a-z][a-z0-9-]{1,63}$/)
  .message('"code" must be lower-case letters, digits and hyphens, starting with a letter');
const localized = Joi.object({
  zh: Joi.string().trim().min(1).max(50).required(),
  en: Joi.string().trim().min(1).max(100).required(),
});
const icon = Joi.string().valid(...ICON_NAMES);

export function domainRoutes({ db, clock, service }: DomainRouteDeps): ServerRoute[] {
  return [
    {
      method: 'GET',
      path: '/domains',
      options: {
        description:
          'Domains (default), scenario categories, or both, with published dataset counts',
        validate: {
          query: Joi.object({
            kind: Joi.string().valid('domain', 'scenario', 'all').default('domain'),
            includeDisabled: Joi.boolean().default(false),
          }),
        },
      },
      handler: async (request) => {
        const { kind, includeDisabled } = request.query as {
          kind: 'domain' | 'scenario' | 'all';
          includeDisabled: boolean;
        };
        const items = await service.list({ group: kind, includeDisabled });
        return { total: items.length, items };
      },
    },
    {
      method: 'GET',
      path: '/domains/{code}',
      options: {
        description: 'One domain or scenario category',
        validate: { params: Joi.object({ code: Joi.string().max(64).required() }) },
      },
      handler: async (request) => {
        const { code: wanted } = request.params as { code: string };
        const domain = await service.get(wanted);
        if (!domain)
          throw Boom.notFound(
            `no domain with code '${wanted}'; GET /api/v1/domains?kind=all lists them`,
          );
        return domain;
      },
    },
    {
      method: 'GET',
      path: '/domains/icons/{name}.svg',
      options: {
        description: 'A domain icon (SVG)',
        validate: { params: Joi.object({ name: Joi.string().max(32).required() }) },
        cache: { expiresIn: 24 * 3600 * 1000, privacy: 'public' },
      },
      handler: (request, h) => {
        const svg = iconSvg((request.params as { name: string }).name);
        if (!svg) throw Boom.notFound('no such icon');
        return h.response(svg).type('image/svg+xml');
      },
    },
    {
      method: 'POST',
      path: '/domains',
      options: {
        description: 'Add a domain or scenario category (platform admins)',
        auth: requireRole('platform-admin'),
        validate: {
          payload: Joi.object({
            code: code.required(),
            kind: Joi.string().valid('extra', 'scenario').required(),
            name: localized.required(),
            icon: icon.default('tag'),
            order: Joi.number().integer().min(0).max(100_000).default(1000),
          }),
        },
      },
      handler: async (request, h) => {
        const input = request.payload as {
          code: string;
          kind: 'extra' | 'scenario';
          name: { zh: string; en: string };
          icon: string;
          order: number;
        };
        const em = request.em;
        if (await em.findOne(DomainSchema, { code: input.code })) {
          throw Boom.conflict(
            `a domain with code '${input.code}' exists; choose another code or PATCH it`,
          );
        }
        const now = clock.now();
        em.create(DomainSchema, {
          code: input.code,
          kind: input.kind,
          nameZh: input.name.zh,
          nameEn: input.name.en,
          icon: input.icon,
          order: input.order,
          enabled: true,
          createdAt: now,
          updatedAt: now,
        });
        await em.flush();
        return h.response(await service.get(input.code)).code(201);
      },
    },
    {
      method: 'PATCH',
      path: '/domains/{code}',
      options: {
        description: 'Rename, reorder, re-icon, enable or disable a domain (platform admins)',
        auth: requireRole('platform-admin'),
        validate: {
          params: Joi.object({ code: Joi.string().max(64).required() }),
          payload: Joi.object({
            name: localized,
            icon,
            order: Joi.number().integer().min(0).max(100_000),
            enabled: Joi.boolean(),
          }).min(1),
        },
      },
      handler: async (request) => {
        const { code: wanted } = request.params as { code: string };
        const changes = request.payload as {
          name?: { zh: string; en: string };
          icon?: string;
          order?: number;
          enabled?: boolean;
        };
        const em = request.em;
        const row = await em.findOne(DomainSchema, { code: wanted });
        if (!row) throw Boom.notFound(`no domain with code '${wanted}'`);
        if (row.kind === 'base' && (changes.name || changes.enabled === false)) {
          // D1: the 19 base domains are mandatory and named by the provincial specification.
          throw Boom.conflict(
            `'${wanted}' is one of the 19 base domains: its name is fixed and it cannot be disabled; only icon and order can change`,
          );
        }
        if (changes.name) {
          row.nameZh = changes.name.zh;
          row.nameEn = changes.name.en;
        }
        if (changes.icon) row.icon = changes.icon;
        if (changes.order !== undefined) row.order = changes.order;
        if (changes.enabled !== undefined) row.enabled = changes.enabled;
        row.updatedAt = clock.now();
        await em.flush();
        return service.get(wanted);
      },
    },
    {
      method: 'DELETE',
      path: '/domains/{code}',
      options: {
        description: 'Remove a deployment domain or scenario without datasets (platform admins)',
        auth: requireRole('platform-admin'),
        validate: { params: Joi.object({ code: Joi.string().max(64).required() }) },
      },
      handler: async (request, h) => {
        const { code: wanted } = request.params as { code: string };
        const domain = await service.get(wanted);
        if (!domain) throw Boom.notFound(`no domain with code '${wanted}'`);
        if (domain.kind === 'base') {
          throw Boom.conflict(`'${wanted}' is one of the 19 base domains and cannot be deleted`);
        }
        if (domain.datasetCount > 0) {
          throw Boom.conflict(
            `'${wanted}' still has ${domain.datasetCount} published datasets; move them to another domain first, or disable it instead (PATCH enabled=false)`,
          );
        }
        await db.fork().nativeDelete(DomainSchema, { code: wanted });
        return h.response().code(204);
      },
    },
  ];
}
