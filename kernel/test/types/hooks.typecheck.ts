/**
 * Compile-time checks of the hook and plugin contracts. `npm run typecheck` compiles this file;
 * each `@ts-expect-error` fails the typecheck if the misuse below it ever compiles.
 */
import { AsyncSeriesBailHook, definePlugin, SyncWaterfallHook } from '@kaifang/sdk';

function createShopHooks() {
  return {
    priceQuoted: new SyncWaterfallHook<[number, { sku: string }]>(['price', 'item']),
    mayBuy: new AsyncSeriesBailHook<[{ userId: string }], boolean | undefined>(['buyer']),
  };
}

declare module '@kaifang/kernel' {
  interface PluginHooks {
    shop: ReturnType<typeof createShopHooks>;
  }
  interface PluginApis {
    shop: { open(): boolean };
  }
}

export const shop = definePlugin<
  { currency: string },
  { open(): boolean },
  ReturnType<typeof createShopHooks>
>({
  name: 'shop',
  version: '1.0.0',
  kernel: '^0.1.0',
  hooks: createShopHooks,
  register(ctx) {
    const hooks = ctx.pluginHooks.shop!;
    hooks.priceQuoted.tap(ctx.name, (price, item) => price + item.sku.length);
    // @ts-expect-error a waterfall tap must return the waterfall value (a number)
    hooks.priceQuoted.tap(ctx.name, () => 'free');
    // @ts-expect-error the hook passes (price, item): item has no 'name'
    hooks.priceQuoted.tap(ctx.name, (_price, item) => item.name);
    hooks.mayBuy.tapPromise(ctx.name, async (buyer) => (buyer.userId ? undefined : false));
    // @ts-expect-error a promise tap must return a promise
    hooks.mayBuy.tapPromise(ctx.name, () => true);
    // @ts-expect-error calling a hook needs its declared arguments
    hooks.priceQuoted.call('12');
    // @ts-expect-error the hooks object is read-only: nobody replaces a hook
    ctx.pluginHooks.shop = createShopHooks();
    // @ts-expect-error kernel hooks are frozen too
    ctx.hooks.started = createShopHooks().mayBuy;
    // @ts-expect-error there is no kernel hook of that name
    ctx.hooks.datasetSaved.tap(ctx.name, () => {});
    ctx.hooks.started.tapPromise(ctx.name, async (info) => {
      const names: string[] = info.plugins.map((plugin) => plugin.name);
      void names;
    });
    // @ts-expect-error the health waterfall must return the report
    ctx.hooks.health.tapPromise(ctx.name, async () => 'ok');
    // @ts-expect-error options are typed from the plugin's generic
    const wrong: number = ctx.config.currency;
    void wrong;
  },
  start() {
    return { open: () => true };
  },
});

// @ts-expect-error configure() checks option types
shop.configure({ currency: 5 });

export const consumer = definePlugin({
  name: 'consumer',
  version: '1.0.0',
  kernel: '^0.1.0',
  requires: { shop: '^1.0.0' },
  start(ctx) {
    const open: boolean | undefined = ctx.plugins.shop?.open();
    // @ts-expect-error the shop API has no 'close'
    ctx.plugins.shop?.close();
    void open;
  },
});
