/** The real stack for data-security: auth-sso, domains, catalog, datastore, review. */
import auth from '@kaifang/plugin-auth-sso';
import { type LoggedIn, loginAs } from '@kaifang/plugin-auth-sso/testing';
import catalog from '@kaifang/plugin-catalog';
import datastore from '@kaifang/plugin-datastore';
import domains from '@kaifang/plugin-domains';
import review from '@kaifang/plugin-review';
import type { ConfiguredPlugin } from '@kaifang/sdk';
import { createTestKernel, type TestKernel } from '@kaifang/sdk/testing';
import type { Logger } from 'pino';
import dataSecurity from '../src/plugin.ts';

export interface Stack {
  test: TestKernel;
  organisationId: string;
  provider: LoggedIn;
  otherProvider: LoggedIn;
  admin: LoggedIn;
  /** Creates a draft dataset of `organisationId` as its provider admin. */
  draft(input?: Record<string, unknown>): Promise<string>;
}

let titles = 0;

export async function createStack(
  options: {
    logger?: Logger;
    dataSecurity?: ConfiguredPlugin;
    datastore?: ConfiguredPlugin;
    listen?: boolean;
  } = {},
): Promise<Stack> {
  const test = await createTestKernel({
    plugins: [
      auth.configure({ admin: { loginName: 'admin', password: 'Dezhou-Open-2024' } }),
      domains,
      catalog,
      options.datastore ?? datastore.configure({ counterFlushMs: 50 }),
      review,
      options.dataSecurity ??
        dataSecurity.configure({ salt: 'test-salt-0123456789', scrubStrays: true }),
    ],
    ...(options.logger ? { logger: options.logger } : {}),
    listen: options.listen ?? false,
  });
  await test.kernel.api('catalog').importContent({
    organisations: [
      { code: 'wjw', name: '德州市卫生健康委员会', order: 1 },
      { code: 'gaj', name: '德州市公安局', order: 2 },
    ],
    datasets: [],
  });
  const organisations = (await test.inject('/api/v1/organizations')).json().items as {
    id: string;
    code: string;
  }[];
  const organisationId = organisations.find((o) => o.code === 'wjw')!.id;
  const otherId = organisations.find((o) => o.code === 'gaj')!.id;
  const provider = await loginAs(test, { roles: ['user', 'provider-admin'], organisationId });
  const otherProvider = await loginAs(test, {
    roles: ['user', 'provider-admin'],
    organisationId: otherId,
  });
  const admin = await loginAs(test, { roles: ['user', 'platform-admin'] });
  return {
    test,
    organisationId,
    provider,
    otherProvider,
    admin,
    async draft(input = {}) {
      titles += 1;
      const response = await test.inject({
        method: 'POST',
        url: '/api/v1/datasets',
        headers: provider.headers,
        payload: {
          title: `德州市居民健康档案抽样${titles}`,
          organizationId: organisationId,
          domains: ['health'],
          openType: 'unconditional',
          grade: 1,
          updateCycle: 'monthly',
          updateMethod: 'full',
          ...input,
        },
      });
      if (response.statusCode !== 201) throw new Error(`create: ${response.payload}`);
      return response.json().id as string;
    },
  };
}

/** A multipart body with one file part, as browsers send it. */
function multipart(name: string, content: string) {
  const boundary = `----kaifang${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/csv\r\n\r\n`,
    ),
    Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Uploads a CSV and waits for its ingest job to end. */
export async function ingest(
  test: TestKernel,
  datasetId: string,
  headers: Record<string, string>,
  csv: string,
): Promise<{ state: string; error?: string }> {
  const body = multipart('data.csv', csv);
  const response = await test.inject({
    method: 'POST',
    url: `/api/v1/datasets/${datasetId}/resources`,
    payload: body.payload,
    headers: { ...headers, ...body.headers },
  });
  if (response.statusCode !== 202)
    throw new Error(`upload: ${response.statusCode} ${response.payload}`);
  const jobId = response.json().jobId as string;
  const deadline = Date.now() + 30_000;
  for (;;) {
    const job = (await test.inject({ url: `/api/v1/jobs/${jobId}`, headers })).json();
    if (job.state !== 'queued' && job.state !== 'running') return job;
    if (Date.now() > deadline) throw new Error(`job ${jobId} did not finish`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
