import authSso from '@kaifang/plugin-auth-sso';
import { definePlugin } from '@kaifang/sdk';
import { createTestKernel, type TestKernel, type TestKernelOptions } from '@kaifang/sdk/testing';
import { DEZHOU_SCENARIOS } from '../../../../examples/dezhou/scenarios.ts';
import domains from '../../../domains/src/plugin.ts';
import catalog, { type CatalogApi, type CatalogOptions } from '../../src/plugin.ts';

export interface CatalogTest {
  test: TestKernel;
  api: CatalogApi;
}

/**
 * Boots the real auth-sso, domains (with the Dezhou scenarios), the catalog and any `plugins`
 * that tap it; hands out the catalog's API. Log users in with `loginAs` from
 * `@kaifang/plugin-auth-sso/testing`.
 */
export async function bootCatalog(
  options: Partial<CatalogOptions> = {},
  plugins: TestKernelOptions['plugins'] = [],
  /** E.g. `{ databaseUrl }` of another test kernel: a second node on the same database. */
  kernel: Omit<TestKernelOptions, 'plugins'> = {},
): Promise<CatalogTest> {
  let api: CatalogApi | undefined;
  const probe = definePlugin({
    name: 'probe',
    version: '0.1.0',
    kernel: '^0.1.0',
    requires: { catalog: '^0.1.0' },
    start(ctx) {
      api = ctx.plugins.catalog;
    },
  });
  const test = await createTestKernel({
    ...kernel,
    plugins: [
      authSso.configure({ admin: { loginName: 'admin', password: 'Dezhou-Open-2024' } }),
      domains.configure({ scenarios: [...DEZHOU_SCENARIOS] }),
      catalog.configure(options),
      ...plugins,
      probe,
    ],
  });
  return { test, api: api! };
}
