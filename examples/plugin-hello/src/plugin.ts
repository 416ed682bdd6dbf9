import { definePlugin, Joi } from '@kaifang/sdk';
import { GreetingSchema } from './entities/greeting.ts';
import { createHelloHooks, type HelloHooks } from './hooks.ts';
import { CreateGreeting } from './migrations/0001-create-greeting.ts';
import { greetingRoutes } from './routes/greetings.ts';

export interface HelloOptions {
  /** The word the greeting starts with. */
  salutation: string;
}

export interface HelloApi {
  countGreetings(): Promise<number>;
}

// Other plugins see this plugin's API and hooks typed, once they list 'hello' in requires.
declare module '@kaifang/kernel' {
  interface PluginApis {
    hello: HelloApi;
  }
  interface PluginHooks {
    hello: HelloHooks;
  }
}

export default definePlugin<HelloOptions, HelloApi, HelloHooks>({
  name: 'hello',
  version: '0.1.0',
  kernel: '^0.1.0',
  description: 'Greets people and remembers it: the plugin to copy when writing your own',
  config: Joi.object({ salutation: Joi.string().max(20).default('你好') }),
  entities: [GreetingSchema],
  migrations: [{ name: '0001_create_greeting', class: CreateGreeting }],
  hooks: createHelloHooks,

  register(ctx) {
    const hooks = ctx.pluginHooks.hello!;
    ctx.http.route(
      greetingRoutes({
        clock: ctx.clock,
        compose: (name) =>
          hooks.composeGreeting.call(`${ctx.config.salutation}，${name}！`, { name }),
      }),
    );
    ctx.hooks.health.tapPromise(ctx.name, async (report) => {
      const reachable = await ctx.db
        .fork()
        .count(GreetingSchema)
        .then(
          () => true,
          () => false,
        );
      return { ...report, checks: { ...report.checks, greetings: reachable ? 'up' : 'down' } };
    });
  },

  async start(ctx) {
    return {
      countGreetings: () => ctx.db.fork().count(GreetingSchema),
    };
  },
});
