import { definePlugin } from '@kaifang/sdk';
import { createTestKernel, type TestKernel } from '@kaifang/sdk/testing';
import domains, { DEZHOU_SCENARIOS } from '../../../domains/src/plugin.ts';
import catalog, { type CatalogApi, type CatalogOptions } from '../../src/plugin.ts';
import { fakeAuth } from './fake-auth.ts';

export interface CatalogTest {
  test: TestKernel;
  api: CatalogApi;
}

/** Boots fake auth, domains (with the Dezhou scenarios) and the catalog; hands out the API. */
export async function bootCatalog(options: Partial<CatalogOptions> = {}): Promise<CatalogTest> {
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
    plugins: [
      fakeAuth,
      domains.configure({ scenarios: [...DEZHOU_SCENARIOS] }),
      catalog.configure(options),
      probe,
    ],
  });
  return { test, api: api! };
}
