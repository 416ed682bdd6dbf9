import { createLogger, Kernel } from '@kaifang/kernel';
import hello from '@kaifang/plugin-hello';
import { definePlugin, type Jobs } from '@kaifang/sdk';
import { createThrowawayDatabase, TEST_SITE } from '@kaifang/sdk/testing';
import { expect, it } from 'vitest';

/** Two nodes of one portal: separate kernels, one database, started at the same moment. */
it('two nodes on one database migrate once, share data and share the job queue', async () => {
  const database = await createThrowawayDatabase();
  const worked: string[] = [];
  const jobsOf: Jobs[] = [];
  const worker = (node: string) =>
    definePlugin({
      name: 'worker',
      version: '1.0.0',
      kernel: '^0.1.0',
      async start(ctx) {
        jobsOf.push(ctx.jobs);
        await ctx.jobs.work<{ n: number }>('tick', async (job) => {
          worked.push(`${node}:${job.data.n}`);
        });
      },
    });
  const boot = (node: string) =>
    Kernel.boot({
      config: { site: TEST_SITE, plugins: [hello, worker(node)] },
      databaseUrl: database.url,
      logger: createLogger({ level: 'silent' }),
    });
  const [a, b] = await Promise.all([boot('a'), boot('b')]);
  try {
    const created = await a.inject({
      method: 'POST',
      url: '/api/v1/hello/greetings',
      payload: { name: '乐陵' },
    });
    expect(created.statusCode).toBe(201);
    const seenByB = JSON.parse((await b.inject('/api/v1/hello/greetings')).payload);
    expect(seenByB.items.map((item: { name: string }) => item.name)).toEqual(['乐陵']);

    for (let n = 0; n < 6; n++) await jobsOf[n % 2]!.send('tick', { n });
    await expect.poll(() => worked.length, { timeout: 15_000 }).toBe(6);
    expect(worked.map((entry) => Number(entry.split(':')[1])).sort()).toEqual([0, 1, 2, 3, 4, 5]);
  } finally {
    await Promise.all([a.stop(), b.stop()]);
    await database.drop();
  }
});
