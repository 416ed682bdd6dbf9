/**
 * The datastore on the real stack: auth-sso (cookie sessions, CSRF, permissions), domains and
 * the catalog, plus a stand-in grant plugin answering the catalog's access check the way
 * license-enforcement will.
 */
import {
  type AnyPluginDefinition,
  type Clock,
  type ConfiguredPlugin,
  definePlugin,
} from '@kaifang/sdk';
import { createTestKernel, type TestKernel } from '@kaifang/sdk/testing';
import auth from '../../../auth-sso/src/plugin.ts';
import { type LoggedIn, loginAs } from '../../../auth-sso/src/testing.ts';
import catalog, { type CatalogApi, type ContentDataset } from '../../../catalog/src/plugin.ts';
import domains from '../../../domains/src/plugin.ts';
import datastore from '../../src/plugin.ts';

export interface Stack {
  test: TestKernel;
  catalog: CatalogApi;
  organisationId: string;
  otherOrganisationId: string;
  /** A provider admin of `organisationId`. */
  provider: LoggedIn;
  /** Creates a published dataset of `organisationId`; titles must be unique in a stack. */
  add(input?: Partial<ContentDataset>): Promise<string>;
  /** Lets a user use a conditional dataset (an approved application). */
  grant(userId: string, datasetId: string): void;
  /** The catalog's view of a dataset (counters). */
  dataset(id: string): Promise<{ downloads: number; apiCalls: number }>;
}

let datasets = 0;

export async function createStack(
  options: {
    plugins?: AnyPluginDefinition[];
    datastore?: ConfiguredPlugin;
    listen?: boolean;
    /** A theme to build and serve (browser tests); `testCopyOf(theme, label)`. */
    theme?: Parameters<typeof createTestKernel>[0]['theme'];
    /** A `ManualClock` to move days ahead; sessions then last long enough to survive it. */
    clock?: Clock;
  } = {},
): Promise<Stack> {
  const grants = new Set<string>();
  let api: CatalogApi | undefined;
  const grantPlugin = definePlugin({
    name: 'grants',
    version: '0.1.0',
    kernel: '^0.1.0',
    requires: { catalog: '^0.1.0' },
    register(ctx) {
      ctx.pluginHooks.catalog!.accessCheck.tapPromise(ctx.name, async ({ dataset, principal }) =>
        principal && grants.has(`${principal.userId}:${dataset.id}`)
          ? { allowed: true, reason: '已获授权', by: ctx.name }
          : undefined,
      );
    },
    start(ctx) {
      api = ctx.plugins.catalog;
    },
  });
  const test = await createTestKernel({
    plugins: [
      auth.configure({
        admin: { loginName: 'admin', password: 'Dezhou-Open-2024' },
        ...(options.theme ? { cookieSecure: false } : {}),
        ...(options.clock
          ? { session: { idleSeconds: 400 * 86_400, absoluteSeconds: 400 * 86_400 } }
          : {}),
      }),
      domains,
      catalog,
      grantPlugin,
      options.datastore ?? datastore.configure({ counterFlushMs: 50 }),
      ...(options.plugins ?? []),
    ],
    listen: options.listen ?? false,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.theme ? { theme: options.theme } : {}),
  });
  await api!.importContent({
    organisations: [
      { code: 'dsj', name: '德州市大数据局', order: 1 },
      { code: 'zrzyj', name: '德州市自然资源和规划局', order: 2 },
    ],
    datasets: [],
  });
  const organisations = (await test.inject('/api/v1/organizations')).json().items as {
    id: string;
    code: string;
  }[];
  const organisationId = organisations.find((o) => o.code === 'dsj')!.id;
  const otherOrganisationId = organisations.find((o) => o.code === 'zrzyj')!.id;
  const platform = await loginAs(test, { roles: ['user', 'platform-admin'] });
  const provider = await loginAs(test, { roles: ['user', 'provider-admin'], organisationId });
  return {
    test,
    catalog: api!,
    organisationId,
    otherOrganisationId,
    provider,
    grant: (userId, datasetId) => grants.add(`${userId}:${datasetId}`),
    async add(input = {}) {
      datasets += 1;
      const title = input.title ?? `德州市测试数据集${datasets}`;
      await api!.importContent({
        organisations: [],
        datasets: [
          {
            identifier: `DS-TEST-${datasets}`,
            organisation: 'dsj',
            title,
            description: '数据存储测试用数据集。',
            domains: ['transport'],
            openType: 'unconditional',
            updateCycle: 'monthly',
            updateMethod: 'full',
            formats: [],
            recordCount: 0,
            fields: [],
            ...input,
          } as ContentDataset,
        ],
      });
      const list = (
        await test.inject({
          url: '/api/v1/datasets?state=any&pageSize=100',
          headers: platform.headers,
        })
      ).json().items as { id: string; title: string }[];
      const found = list.find((item) => item.title === title);
      if (!found) throw new Error(`dataset '${title}' was not created`);
      return found.id;
    },
    async dataset(id) {
      const found = await api!.get(id);
      return { downloads: Number(found?.downloads ?? 0), apiCalls: Number(found?.apiCalls ?? 0) };
    },
  };
}

export { loginAs };
