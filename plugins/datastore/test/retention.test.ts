import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { definePlugin, ManualClock } from '@kaifang/sdk';
import type { TestKernel } from '@kaifang/sdk/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import datastore, { type DatastoreApi } from '../src/plugin.ts';
import { type JobView, upload, waitJob } from './support/http.ts';
import { createStack, type Stack } from './support/stack.ts';

const DAY = 86_400_000;
/** A file as a provider uploads it: the personal data the retention is about. */
const PERSONAL = '姓名,身份证号,手机\n张三,370102198001011234,13812345678\n';

/** Hands the test the datastore's API of its own kernel. */
function apiProbe() {
  let api: DatastoreApi | undefined;
  const plugin = definePlugin({
    name: 'probe',
    version: '0.1.0',
    kernel: '^0.1.0',
    requires: { datastore: '^0.1.0' },
    start(ctx) {
      api = ctx.plugins.datastore;
    },
  });
  return { plugin, api: () => api! };
}

/**
 * Holds a load whose file has a field `等待` inside `beforeLoad` (state `running`) until the test
 * lets it go; the ingest queue works one job at a time, so the next upload stays `queued`.
 */
function holder() {
  let reached: () => void = () => {};
  let release: () => void = () => {};
  let arrived = Promise.resolve();
  let gate = Promise.resolve();
  const plugin = definePlugin({
    name: 'holder',
    version: '0.1.0',
    kernel: '^0.1.0',
    requires: { datastore: '^0.1.0' },
    register(ctx) {
      ctx.pluginHooks.datastore!.beforeLoad.tapPromise(ctx.name, async (plan) => {
        if (!plan.fields.some((field) => field.name === '等待')) return;
        reached();
        await gate;
      });
    },
  });
  return {
    plugin,
    /** Arms the gate; resolves `arrived` when a held load reaches it. */
    arm() {
      arrived = new Promise((resolve) => {
        reached = resolve;
      });
      gate = new Promise((resolve) => {
        release = resolve;
      });
    },
    arrived: () => arrived,
    release: () => release(),
  };
}

/** Where the datastore's storage keeps an upload (`uploads/<dataset>/<job>.<ext>`). */
function originalPath(test: TestKernel, datasetId: string, jobId = ''): string {
  return join(test.kernel.dataDir, 'files', 'datastore', 'uploads', datasetId, jobId);
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

async function jobView(test: TestKernel, id: string, headers: Record<string, string>) {
  const response = await test.inject({ url: `/api/v1/jobs/${id}`, headers });
  expect(response.statusCode).toBe(200);
  return response.json() as JobView;
}

async function uploaded(
  test: TestKernel,
  datasetId: string,
  headers: Record<string, string>,
  content: string,
): Promise<string> {
  const response = await upload(test, datasetId, headers, { name: 'a.csv', content });
  expect(response.statusCode).toBe(202);
  return response.json().jobId;
}

describe('uploaded originals, kept uploads.keepDays (default 7) after the load', () => {
  // Starts at the real time (pg-boss keeps database time); the tests only move it ahead.
  const clock = new ManualClock(new Date());
  const probe = apiProbe();
  const hold = holder();
  let stack: Stack;
  let test: TestKernel;
  let admin: Record<string, string>;
  beforeAll(async () => {
    stack = await createStack({ clock, plugins: [probe.plugin, hold.plugin] });
    test = stack.test;
    admin = stack.provider.headers;
  });
  afterAll(() => stack?.test.close());

  it('keeps the original for keepDays − 1 days, then deletes it and says so on the job', async () => {
    const good = await stack.add();
    const goodJob = await uploaded(test, good, admin, PERSONAL);
    expect((await waitJob(test, goodJob, admin)).state).toBe('completed');
    const bad = await stack.add();
    const badJob = await uploaded(test, bad, admin, '名称,数量\n甲,1,多余\n');
    expect((await waitJob(test, badJob, admin)).state).toBe('failed');
    const goodFile = originalPath(test, good, `${goodJob}.csv`);
    const badFile = originalPath(test, bad, `${badJob}.csv`);

    expect(await exists(goodFile)).toBe(true);
    expect(await probe.api().purgeOriginals()).toBe(0);
    clock.advance(6 * DAY);
    await probe.api().purgeOriginals();
    expect(await exists(goodFile)).toBe(true);
    expect(await exists(badFile)).toBe(true);
    expect((await jobView(test, goodJob, admin)).originalRemovedAt).toBeNull();

    clock.advance(DAY);
    expect(await probe.api().purgeOriginals()).toBeGreaterThanOrEqual(2);
    expect(await exists(goodFile)).toBe(false);
    expect(await exists(badFile)).toBe(false);
    const removedAt = clock.now().toISOString();
    expect(await jobView(test, goodJob, admin)).toMatchObject({
      state: 'completed',
      originalRemovedAt: removedAt,
    });
    expect((await jobView(test, badJob, admin)).originalRemovedAt).toBe(removedAt);
    const listed = (
      await test.inject({ url: `/api/v1/datasets/${good}/jobs`, headers: admin })
    ).json().items as JobView[];
    expect(listed[0]!.originalRemovedAt).toBe(removedAt);
    // Only the original goes: the loaded (masked) rows stay.
    const records = await test.inject(`/api/v1/datasets/${good}/records`);
    expect(records.json().records).toHaveLength(1);
    // A second run finds nothing left and changes no date.
    clock.advance(DAY);
    expect(await probe.api().purgeOriginals()).toBe(0);
    expect((await jobView(test, goodJob, admin)).originalRemovedAt).toBe(removedAt);
  });

  it('never touches the file of a load still running or queued', async () => {
    const dataset = await stack.add();
    hold.arm();
    const running = await uploaded(test, dataset, admin, '等待,名称\n1,甲\n');
    await hold.arrived();
    const queued = await uploaded(test, dataset, admin, PERSONAL);
    try {
      expect((await jobView(test, running, admin)).state).toBe('running');
      expect((await jobView(test, queued, admin)).state).toBe('queued');
      clock.advance(30 * DAY);
      await probe.api().purgeOriginals();
      expect(await exists(originalPath(test, dataset, `${running}.csv`))).toBe(true);
      expect(await exists(originalPath(test, dataset, `${queued}.csv`))).toBe(true);
      expect((await jobView(test, running, admin)).originalRemovedAt).toBeNull();
      expect((await jobView(test, queued, admin)).originalRemovedAt).toBeNull();
    } finally {
      hold.release();
    }
    // Once finished, their week starts.
    expect((await waitJob(test, running, admin)).state).toBe('completed');
    expect((await waitJob(test, queued, admin)).state).toBe('completed');
    clock.advance(7 * DAY);
    await probe.api().purgeOriginals();
    expect(await exists(originalPath(test, dataset, `${queued}.csv`))).toBe(false);
    expect((await jobView(test, queued, admin)).originalRemovedAt).toBe(clock.now().toISOString());
  });

  it('fails a queued load whose file is gone with a message saying so, not a crash', async () => {
    const dataset = await stack.add();
    hold.arm();
    const running = await uploaded(test, dataset, admin, '等待,名称\n1,甲\n');
    await hold.arrived();
    const queued = await uploaded(test, dataset, admin, PERSONAL);
    // Removed behind the datastore's back (an operator): the retention never does this.
    await rm(originalPath(test, dataset, `${queued}.csv`));
    hold.release();
    expect((await waitJob(test, running, admin)).state).toBe('completed');
    const failed = await waitJob(test, queued, admin);
    expect(failed.state).toBe('failed');
    expect(failed.error).toBe("the uploaded file 'a.csv' is no longer in storage; upload it again");
  });

  it("removes the demo seed's generated files the same way", async () => {
    const dataset = await stack.add({ title: '德州市演示保留数据集' });
    expect(await probe.api().seedDemoData()).toContain(dataset);
    await vi.waitFor(async () => expect(await probe.api().summary(dataset)).toBeDefined(), {
      timeout: 20_000,
    });
    const jobs = (
      await test.inject({ url: `/api/v1/datasets/${dataset}/jobs`, headers: admin })
    ).json().items as (JobView & { id: string })[];
    expect(jobs).toHaveLength(1);
    await vi.waitFor(async () =>
      expect((await jobView(test, jobs[0]!.id, admin)).state).toBe('completed'),
    );
    expect(await readdir(originalPath(test, dataset))).toEqual([`${jobs[0]!.id}.csv`]);
    clock.advance(7 * DAY);
    await probe.api().purgeOriginals();
    expect(await readdir(originalPath(test, dataset))).toEqual([]);
    expect((await jobView(test, jobs[0]!.id, admin)).originalRemovedAt).toBe(
      clock.now().toISOString(),
    );
    // The demo is unaffected: its rows stay, and a second seed still skips the dataset.
    expect((await probe.api().summary(dataset))?.recordCount).toBe(300);
    expect(await probe.api().seedDemoData()).not.toContain(dataset);
  });

  it('runs the purge from an hourly schedule on the job queue', async () => {
    const client = new pg.Client({ connectionString: test.databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query(
        `select cron, timezone from kaifang_jobs.schedule where name = 'datastore__purge-originals'`,
      );
      expect(rows).toEqual([{ cron: '0 * * * *', timezone: 'Asia/Shanghai' }]);
    } finally {
      await client.end();
    }
  });
});

describe('uploads.keepDays 0', () => {
  let stack: Stack;
  let test: TestKernel;
  let admin: Record<string, string>;
  beforeAll(async () => {
    stack = await createStack({
      datastore: datastore.configure({ counterFlushMs: 50, uploads: { keepDays: 0 } }),
    });
    test = stack.test;
    admin = stack.provider.headers;
  });
  afterAll(() => stack?.test.close());

  it('deletes the original as soon as the load ends, successfully or not', async () => {
    const good = await stack.add();
    const goodJob = await uploaded(test, good, admin, PERSONAL);
    const bad = await stack.add();
    const badJob = await uploaded(test, bad, admin, '名称,数量\n甲,1,多余\n');
    expect((await waitJob(test, goodJob, admin)).state).toBe('completed');
    expect((await waitJob(test, badJob, admin)).state).toBe('failed');
    // Removed by the ingest job right after it recorded the end, so poll briefly.
    for (const [dataset, job] of [
      [good, goodJob],
      [bad, badJob],
    ] as const) {
      await vi.waitFor(async () => {
        const view = await jobView(test, job, admin);
        expect(view.originalRemovedAt).not.toBeNull();
        expect(Date.parse(view.originalRemovedAt!)).toBeGreaterThanOrEqual(
          Date.parse(view.finishedAt!),
        );
      });
      expect(await exists(originalPath(test, dataset, `${job}.csv`))).toBe(false);
    }
    expect((await test.inject(`/api/v1/datasets/${good}/records`)).json().records).toHaveLength(1);
  });
});

describe('uploads.keepDays validation', () => {
  it.each([-1, 1.5, 'a week'])('stops start-up on keepDays %j naming the key', async (value) => {
    await expect(
      createStack({ datastore: datastore.configure({ uploads: { keepDays: value as number } }) }),
    ).rejects.toThrow(/plugin 'datastore' config: "uploads\.keepDays" must be/);
  });
});
