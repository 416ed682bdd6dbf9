import { createLogger, Kernel, type PluginEntry } from '@kaifang/kernel';
import { definePlugin, EntitySchema, Joi } from '@kaifang/sdk';
import { TEST_SITE } from '@kaifang/sdk/testing';
import { describe, expect, it } from 'vitest';
import { recordingPlugin } from './fixtures.ts';

/** These fail during prepare, before any database is needed. */
function prepare(plugins: PluginEntry[]) {
  return Kernel.prepare({
    config: { site: TEST_SITE, plugins },
    logger: createLogger({ level: 'silent' }),
  });
}

describe('start-up refuses a broken deployment, naming the plugin', () => {
  it('a dependency cycle names every plugin in it', async () => {
    const log: string[] = [];
    const a = recordingPlugin('a', log, { requires: { b: '^1.0.0' } });
    const b = recordingPlugin('b', log, { requires: { c: '^1.0.0' } });
    const c = recordingPlugin('c', log, { requires: { a: '^1.0.0' } });
    await expect(prepare([a, b, c])).rejects.toThrow(
      "plugins 'a' → 'b' → 'c' → 'a' form a dependency cycle",
    );
    expect(log).toEqual([]);
  });

  it('a missing dependency names both plugins and the config', async () => {
    const catalog = recordingPlugin('catalog', [], { requires: { domains: '^1.0.0' } });
    await expect(prepare([catalog])).rejects.toThrow(
      "plugin 'catalog' requires 'domains', which is not in kaifang.config.ts plugins",
    );
  });

  it('a bad plugin config names the plugin and the key', async () => {
    const mailer = definePlugin<{ port: number }>({
      name: 'mailer',
      version: '1.0.0',
      kernel: '^0.1.0',
      config: Joi.object({ port: Joi.number().port().required() }),
    });
    await expect(prepare([mailer.configure({ port: 99999 })])).rejects.toThrow(
      `plugin 'mailer' config: "port" must be a valid port`,
    );
    await expect(prepare([mailer])).rejects.toThrow(`plugin 'mailer' config: "port" is required`);
  });

  it('a kernel version mismatch names the plugin and both versions', async () => {
    const old = recordingPlugin('old', [], { kernel: '^2.0.0' });
    await expect(prepare([old])).rejects.toThrow(
      "plugin 'old' needs kernel ^2.0.0, but this kernel is 0.1.0",
    );
  });

  it('a dependency version mismatch names the plugin, the dependency and the versions', async () => {
    const domains = recordingPlugin('domains', []);
    const catalog = recordingPlugin('catalog', [], { requires: { domains: '^2.0.0' } });
    await expect(prepare([domains, catalog])).rejects.toThrow(
      "plugin 'catalog' requires 'domains' ^2.0.0, but the configured 'domains' is 1.0.0",
    );
  });

  it('an invalid manifest names the plugin and the key', async () => {
    const broken = recordingPlugin('broken', [], { version: 'one' });
    await expect(prepare([broken])).rejects.toThrow(
      `plugin 'broken' has an invalid manifest: "version"`,
    );
  });

  it('a user-menu page with route parameters is refused, naming the page', async () => {
    const broken = recordingPlugin('broken', [], {
      ui: {
        pages: [
          {
            path: '/things/:id',
            element: 'kf-thing',
            module: '/tmp/thing.ts',
            title: { zh: '事项', en: 'Thing' },
            userMenu: { order: 1 },
          },
        ],
      },
    });
    await expect(prepare([broken])).rejects.toThrow(
      "page '/things/:id' has parameters, so it cannot be in the user menu",
    );
  });

  it('a plugin listed twice is refused', async () => {
    const one = recordingPlugin('one', []);
    await expect(prepare([one, one])).rejects.toThrow("plugin 'one' is listed twice");
  });

  it("an entity outside the plugin's table prefix is refused", async () => {
    const thing = new EntitySchema<{ id: number }>({
      name: 'Thing',
      tableName: 'thing',
      properties: { id: { type: 'integer', primary: true } },
    });
    const plugin = recordingPlugin('shop', [], { entities: [thing] });
    await expect(prepare([plugin])).rejects.toThrow(
      "plugin 'shop' entity 'Thing' uses table 'thing'; set tableName to start with 'shop_'",
    );
  });

  it('a register step that hangs times out, naming the plugin', async () => {
    const slow = definePlugin({
      name: 'slow',
      version: '1.0.0',
      kernel: '^0.1.0',
      register: () => new Promise(() => {}),
    });
    await expect(
      Kernel.prepare({
        config: { site: TEST_SITE, plugins: [slow], timeouts: { register: 50 } },
        logger: createLogger({ level: 'silent' }),
      }),
    ).rejects.toThrow("plugin 'slow' did not finish register within 50 ms");
  });

  it('orders plugins by requires and optional, otherwise keeping the config order', async () => {
    const log: string[] = [];
    const search = recordingPlugin('search', log);
    const catalog = recordingPlugin('catalog', log, {
      requires: { domains: '^1.0.0' },
      optional: { search: '^1.0.0' },
    });
    const domains = recordingPlugin('domains', log);
    const news = recordingPlugin('news', log, { optional: { absent: '^1.0.0' } });
    const kernel = await prepare([catalog, news, domains, search]);
    expect(kernel.plugins.map((plugin) => plugin.name)).toEqual([
      'domains',
      'search',
      'catalog',
      'news',
    ]);
    expect(log).toEqual([
      'register domains',
      'register search',
      'register catalog',
      'register news',
    ]);
  });
});
