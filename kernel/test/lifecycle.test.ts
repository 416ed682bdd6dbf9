import { createLogger, Kernel } from '@kaifang/kernel';
import { definePlugin, Migration } from '@kaifang/sdk';
import { createTestKernel, createThrowawayDatabase, TEST_SITE } from '@kaifang/sdk/testing';
import { describe, expect, it } from 'vitest';
import { recordingPlugin } from './fixtures.ts';

describe('plugin lifecycle', () => {
  it('starts in dependency order and stops in reverse', async () => {
    const log: string[] = [];
    const test = await createTestKernel({
      plugins: [
        recordingPlugin('catalog', log, { requires: { domains: '^1.0.0' } }),
        recordingPlugin('domains', log),
        recordingPlugin('review', log, { requires: { catalog: '^1.0.0' } }),
      ],
    });
    await test.close();
    expect(log).toEqual([
      'register domains',
      'register catalog',
      'register review',
      'start domains',
      'start catalog',
      'start review',
      'stop review',
      'stop catalog',
      'stop domains',
    ]);
  });

  it('a plugin that throws in start stops the boot, is named, and what started is stopped again', async () => {
    const log: string[] = [];
    const broken = recordingPlugin('broken', log, {
      requires: { first: '^1.0.0' },
      start: () => {
        throw new Error('cannot reach the mail server');
      },
    });
    const never = recordingPlugin('never', log, { requires: { broken: '^1.0.0' } });
    await expect(
      createTestKernel({ plugins: [recordingPlugin('first', log), broken, never] }),
    ).rejects.toThrow("plugin 'broken' failed in start: cannot reach the mail server");
    expect(log).toEqual([
      'register first',
      'register broken',
      'register never',
      'start first',
      'stop first',
    ]);
  });

  it('gives a plugin the API of what it requires, from start on, and only that', async () => {
    const seen: unknown[] = [];
    const provider = definePlugin<object, { answer: number }>({
      name: 'provider',
      version: '1.0.0',
      kernel: '^0.1.0',
      start: () => ({ answer: 42 }),
    });
    const consumer = definePlugin({
      name: 'consumer',
      version: '1.0.0',
      kernel: '^0.1.0',
      requires: { provider: '^1.0.0' },
      register(ctx) {
        const plugins = ctx.plugins as Record<string, unknown>;
        expect(() => plugins.provider).toThrow(
          "plugin 'consumer' reads ctx.plugins['provider'] in register",
        );
      },
      start(ctx) {
        const plugins = ctx.plugins as Record<string, unknown>;
        seen.push(plugins.provider);
        expect(() => plugins.stranger).toThrow(
          "plugin 'consumer' uses the API of 'stranger' but does not list 'stranger' in requires or optional",
        );
      },
    });
    const test = await createTestKernel({ plugins: [provider, consumer] });
    await test.close();
    expect(seen).toEqual([{ answer: 42 }]);
  });

  it('applies two plugins’ migrations in dependency order, and a restart applies nothing', async () => {
    const order: string[] = [];
    class CreateBase extends Migration {
      override async up() {
        order.push('base');
        this.addSql('create table base_thing (id int primary key)');
      }
    }
    class CreateChild extends Migration {
      override async up() {
        order.push('child');
        // Fails unless base's migration ran first.
        this.addSql(
          'create table child_thing (id int primary key, base_id int references base_thing (id))',
        );
      }
    }
    const child = definePlugin({
      name: 'child',
      version: '1.0.0',
      kernel: '^0.1.0',
      requires: { base: '^1.0.0' },
      migrations: [{ name: '0001_create_thing', class: CreateChild }],
    });
    const base = definePlugin({
      name: 'base',
      version: '1.0.0',
      kernel: '^0.1.0',
      migrations: [{ name: '0001_create_thing', class: CreateBase }],
    });
    const database = await createThrowawayDatabase();
    const boot = () =>
      Kernel.prepare({
        config: { site: TEST_SITE, plugins: [child, base] },
        databaseUrl: database.url,
        logger: createLogger({ level: 'silent' }),
      });
    try {
      const first = await boot();
      expect(await first.openDatabase()).toEqual([
        'base/0001_create_thing',
        'child/0001_create_thing',
      ]);
      await first.stop();
      const second = await boot();
      expect(await second.openDatabase()).toEqual([]);
      await second.stop();
      expect(order).toEqual(['base', 'child']);
    } finally {
      await database.drop();
    }
  });

  it('refuses a tap made under another plugin’s name', async () => {
    const impostor = definePlugin({
      name: 'impostor',
      version: '1.0.0',
      kernel: '^0.1.0',
      register(ctx) {
        ctx.hooks.started.tap('catalog', () => {});
      },
    });
    await expect(createTestKernel({ plugins: [impostor] })).rejects.toThrow(
      "plugin 'impostor' tapped kernel.started as 'catalog'; tap with the plugin's own name",
    );
  });

  it('records who tapped which hook', async () => {
    const test = await createTestKernel({
      plugins: [
        definePlugin({
          name: 'watcher',
          version: '1.0.0',
          kernel: '^0.1.0',
          register(ctx) {
            ctx.hooks.stopping.tapPromise(ctx.name, async () => {});
            ctx.hooks.started.tap(ctx.name, () => {});
          },
        }),
      ],
    });
    await test.close();
    expect(test.kernel.taps).toEqual([
      { hook: 'kernel.stopping', tapper: 'watcher', type: 'promise' },
      { hook: 'kernel.started', tapper: 'watcher', type: 'sync' },
    ]);
  });

  it('runs a command a plugin offers, with progress, and names the commands there are otherwise', async () => {
    const progress: [number, number][] = [];
    const counter = definePlugin({
      name: 'counter',
      version: '1.0.0',
      kernel: '^0.1.0',
      commands: [
        {
          name: 'count',
          description: 'counts to three',
          async run(ctx, io) {
            const [row] = await ctx.db
              .fork()
              .getConnection()
              .execute<{ n: number }[]>('select 3 as n');
            const n = row!.n;
            for (let done = 1; done <= n; done++) io.progress(done, n);
          },
        },
      ],
    });
    const test = await createTestKernel({ plugins: [counter] });
    try {
      expect(test.kernel.commands).toEqual([
        { plugin: 'counter', name: 'count', description: 'counts to three' },
      ]);
      await test.kernel.runCommand('count', {
        progress: (done, total) => progress.push([done, total]),
        log: () => {},
      });
      expect(progress).toEqual([
        [1, 3],
        [2, 3],
        [3, 3],
      ]);
      expect(() => test.kernel.assertCommand('reindex')).toThrow(
        "no configured plugin offers the command 'reindex' (plugin commands: count)",
      );
    } finally {
      await test.close();
    }
  });
});
