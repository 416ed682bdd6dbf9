import { fileURLToPath } from 'node:url';
import { definePlugin, Joi } from '@kaifang/sdk';
import type { DomainDefinition } from './base-domains.ts';
import { DomainSchema } from './entities/domain.ts';
import { createDomainsHooks, type DomainsHooks } from './hooks.ts';
import { ICON_NAMES } from './icons.ts';
import { CreateDomain } from './migrations/0001-create-domain.ts';
import { domainRoutes } from './routes/domains.ts';
import { createDomainsService, type DomainsApi, seedDomains } from './service.ts';

export { BASE_DOMAINS, type DomainDefinition } from './base-domains.ts';
export type { DatasetCounts, DomainsHooks } from './hooks.ts';
export type { DomainGroup, DomainsApi, DomainView } from './service.ts';

export interface DomainsOptions {
  /** The deployment's own domains, added to the 19 base ones. */
  extra: DomainDefinition[];
  /** Scenario categories (e.g. examples/dezhou/scenarios.ts). */
  scenarios: DomainDefinition[];
}

declare module '@kaifang/kernel' {
  interface PluginApis {
    domains: DomainsApi;
  }
  interface PluginHooks {
    domains: DomainsHooks;
  }
}

const definition = Joi.object({
  code: Joi.string()
    .pattern(/^[a-z][a-z0-9-]{1,63}$/)
    .required(),
  name: Joi.object({
    zh: Joi.string().max(50).required(),
    en: Joi.string().max(100).required(),
  }).required(),
  icon: Joi.string()
    .valid(...ICON_NAMES)
    .default('tag'),
  order: Joi.number().integer().min(0).default(1000),
});

export default definePlugin<DomainsOptions, DomainsApi, DomainsHooks>({
  name: 'domains',
  version: '0.1.0',
  kernel: '^0.1.0',
  description: 'The 19 base data domains (领域), deployment domains and scenario categories (场景)',
  requires: { 'auth-sso': '^0.1.0' },
  config: Joi.object({
    extra: Joi.array().items(definition).unique('code').default([]),
    scenarios: Joi.array().items(definition).unique('code').default([]),
  }),
  entities: [DomainSchema],
  migrations: [{ name: '0001_create_domain', class: CreateDomain }],
  hooks: createDomainsHooks,
  ui: {
    pages: [
      // Platform admins' page, in their 工作台 (the user menu), not the public navigation.
      {
        path: '/admin/domains',
        element: 'kf-domain-admin',
        module: fileURLToPath(new URL('./ui/admin-page.ts', import.meta.url)),
        title: { zh: '数据领域管理', en: 'Domains and scenarios' },
        userMenu: { order: 16, roles: ['platform-admin'] },
      },
    ],
  },

  register(ctx) {
    const hooks = ctx.pluginHooks.domains!;
    const service = createDomainsService({
      db: ctx.db,
      hooks,
      iconBase: `${ctx.http.prefix}/domains/icons`,
    });
    ctx.http.route(domainRoutes({ db: ctx.db, clock: ctx.clock, service }));
    ctx.pluginHooks['auth-sso']!.declarePermissions.tap(ctx.name, (registry) => {
      registry.declare({
        name: 'domains.manage',
        description: {
          zh: '管理数据领域和场景分类',
          en: 'Manage data domains and scenario categories',
        },
        roles: ['platform-admin'],
      });
    });
  },

  async start(ctx) {
    await seedDomains(ctx.db, ctx.clock.now(), ctx.config);
    return createDomainsService({
      db: ctx.db,
      hooks: ctx.pluginHooks.domains!,
      iconBase: `${ctx.http.prefix}/domains/icons`,
    });
  },
});
