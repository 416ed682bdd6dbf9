import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { definePlugin, type Notification, type PluginContext } from '@kaifang/sdk';
import { createTestKernel } from '@kaifang/sdk/testing';
import { describe, expect, it } from 'vitest';

declare module '@kaifang/kernel' {
  interface KernelEvents {
    'test.greeted': { name: string };
  }
}

/** Hands the plugin context to the test, as a plugin's start would see it. */
function capture() {
  let context: PluginContext | undefined;
  const plugin = definePlugin({
    name: 'probe',
    version: '1.0.0',
    kernel: '^0.1.0',
    start(ctx) {
      context = ctx;
    },
  });
  return { plugin, context: () => context! };
}

describe('services on the plugin context', () => {
  it('jobs: a queued job runs on a worker and its state is kept in PostgreSQL', async () => {
    const { plugin, context } = capture();
    const test = await createTestKernel({ plugins: [plugin] });
    try {
      const { jobs } = context();
      const done = new Promise<{ id: string; data: { n: number } }>((resolve) => {
        void jobs.work<{ n: number }>('double', async (job) => resolve(job));
      });
      const id = await jobs.send('double', { n: 21 });
      const job = await done;
      expect(job).toEqual({ id, data: { n: 21 } });
      await expect.poll(() => jobs.state('double', id), { timeout: 10_000 }).toBe('completed');
    } finally {
      await test.close();
    }
  });

  it('storage: writes and reads a plugin’s files, refusing keys that leave its area', async () => {
    const { plugin, context } = capture();
    const test = await createTestKernel({ plugins: [plugin] });
    try {
      const { storage } = context();
      await storage.put('uploads/a.csv', Readable.from(['名称,数量\n', '德城区,3\n']));
      expect(await text(storage.read('uploads/a.csv'))).toBe('名称,数量\n德城区,3\n');
      expect(await storage.stat('uploads/a.csv')).toMatchObject({
        size: Buffer.byteLength('名称,数量\n德城区,3\n'),
      });
      expect(await storage.stat('missing')).toBeUndefined();
      await expect(storage.put('../other-plugin/x', 'x')).rejects.toThrow(
        "storage key '../other-plugin/x' points outside",
      );
      await storage.delete('uploads/a.csv');
      expect(await storage.stat('uploads/a.csv')).toBeUndefined();
    } finally {
      await test.close();
    }
  });

  it('events: every listener hears an event; a failing one does not fail the emitter', async () => {
    const heard: string[] = [];
    const listener = definePlugin({
      name: 'listener',
      version: '1.0.0',
      kernel: '^0.1.0',
      register(ctx) {
        ctx.events.on('test.greeted', ({ name }) => {
          heard.push(name);
        });
        ctx.events.on('test.greeted', () => {
          throw new Error('listener bug');
        });
      },
    });
    const { plugin, context } = capture();
    const test = await createTestKernel({ plugins: [listener, plugin] });
    try {
      await context().events.emit('test.greeted', { name: '德州' });
      expect(heard).toEqual(['德州']);
    } finally {
      await test.close();
    }
  });

  it('db: each request gets its own EntityManager', async () => {
    const managers = new Set<unknown>();
    const plugin = definePlugin({
      name: 'em-probe',
      version: '1.0.0',
      kernel: '^0.1.0',
      register(ctx) {
        ctx.http.route({
          method: 'GET',
          path: '/em',
          handler: async (request) => {
            managers.add(request.em);
            return (await request.em.getConnection().execute('select 1 as one'))[0];
          },
        });
      },
    });
    const test = await createTestKernel({ plugins: [plugin] });
    try {
      expect((await test.inject('/api/v1/em')).json()).toEqual({ one: 1 });
      await test.inject('/api/v1/em');
      expect(managers.size).toBe(2);
    } finally {
      await test.close();
    }
  });

  it('db.pool: plain SQL on the same database, shared by plugins', async () => {
    const { plugin, context } = capture();
    const test = await createTestKernel({ plugins: [plugin] });
    try {
      const { pool } = context().db;
      await pool.query('create table probe_note (body text)');
      await pool.query('insert into probe_note values ($1)', ['德州']);
      const [row] = await context()
        .db.fork()
        .getConnection()
        .execute('select body from probe_note');
      expect(row).toEqual({ body: '德州' });
    } finally {
      await test.close();
    }
  });

  it('db.listen: a NOTIFY on one node reaches another after commit, and a lost connection says so', async () => {
    const first = capture();
    const second = capture();
    const a = await createTestKernel({ plugins: [first.plugin] });
    const b = await createTestKernel({ plugins: [second.plugin], databaseUrl: a.databaseUrl });
    try {
      const heard: Notification[] = [];
      await second.context().db.listen('probe_changes', (message) => heard.push(message));
      const client = await first.context().db.pool.connect();
      try {
        await client.query('begin');
        await client.query(`notify probe_changes, '德州'`);
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(heard).toEqual([]); // not before the writer commits
        await client.query('commit');
      } finally {
        client.release();
      }
      await expect
        .poll(() => heard)
        .toEqual([{ channel: 'probe_changes', payload: '德州', resumed: false }]);

      // The listening connection dies (a database restart, a network cut): notifications sent
      // meanwhile are lost, so the node is told it resumed, and keeps hearing new ones.
      await first.context().db.pool.query(
        `select pg_terminate_backend(pid) from pg_stat_activity
           where datname = current_database() and query ilike 'listen%'`,
      );
      await expect
        .poll(() => heard.some((message) => message.resumed), { timeout: 10_000 })
        .toBe(true);
      await first.context().db.pool.query(`select pg_notify('probe_changes', 'again')`);
      await expect.poll(() => heard.at(-1)?.payload).toBe('again');

      expect(() => second.context().db.listen('catalog_search', () => {})).toThrow(
        "plugin 'probe' listens on 'catalog_search'; name its channels like its tables, starting with 'probe_'",
      );
    } finally {
      await b.close();
      await a.close();
    }
  });

  it('db is closed to plugins during register (no I/O there)', async () => {
    const eager = definePlugin({
      name: 'eager',
      version: '1.0.0',
      kernel: '^0.1.0',
      register(ctx) {
        ctx.db.fork();
      },
    });
    await expect(createTestKernel({ plugins: [eager] })).rejects.toThrow(
      "plugin 'eager' failed in register: the database is not open yet; use it from start on, not in register",
    );
  });
});
