import { AsyncSeriesHook, AsyncSeriesWaterfallHook, SyncWaterfallHook } from 'tapable';
import { KaifangError } from './errors.ts';
import type { OpenApiDocument } from './http/openapi.ts';
import type { RouteSpec } from './http/server.ts';

/** Anything tapable calls a hook: the kernel only needs to intercept and name it. */
export interface Tappable {
  intercept(interceptor: {
    register?: <T extends { name: string; type: string }>(tap: T) => T;
  }): void;
}

export type HookSet = Record<string, Tappable>;

/** What `kaifang plugins --hooks` prints: who taps which hook. */
export interface TapRecord {
  /** `kernel.started`, `catalog.beforeSave`, … */
  hook: string;
  /** The plugin that tapped it (the tap's name). */
  tapper: string;
  type: string;
}

export interface HealthReport {
  /** Extra components plugins report, e.g. `{ search: 'up' }`. */
  checks: Record<string, 'up' | 'down'>;
}

export interface StartedInfo {
  plugins: { name: string; version: string }[];
}

export interface RouteOwner {
  plugin: string;
}

/**
 * The kernel's own hooks, one per line. Plugins tap them in `register`; the object is frozen so
 * nobody can replace a hook, and every tap is recorded with the plugin that made it.
 */
export function createKernelHooks() {
  return Object.freeze({
    /** A plugin route is about to be added; a tap may adjust it (auth mode, tags, rate limit). */
    route: new SyncWaterfallHook<[RouteSpec, RouteOwner]>(['route', 'owner']),
    /** Every plugin has started; the server is about to accept requests. */
    started: new AsyncSeriesHook<[StartedInfo]>(['info']),
    /** Shutdown began: no new requests are accepted; plugins stop after this. */
    stopping: new AsyncSeriesHook<[]>([]),
    /** `GET /api/health` is being answered; a tap adds the state of what it depends on. */
    health: new AsyncSeriesWaterfallHook<[HealthReport]>(['report']),
    /** The OpenAPI document is being served; a tap may add security schemes or tags. */
    openapi: new SyncWaterfallHook<[OpenApiDocument]>(['document']),
  });
}

export type KernelHooks = ReturnType<typeof createKernelHooks>;

/**
 * Records every tap and checks that a plugin taps under its own name while the kernel runs
 * one of its lifecycle steps (the way webpack names taps after plugins).
 */
export class HookRegistry {
  readonly #records: TapRecord[] = [];
  #current: string | undefined;

  /** Puts the recording interceptor on each hook of `hooks` and freezes the object. */
  adopt<H extends object>(owner: string, hooks: H): Readonly<H> {
    for (const [hookName, hook] of Object.entries(hooks)) {
      if (!hook || typeof (hook as Tappable).intercept !== 'function') {
        throw new KaifangError(
          `plugin '${owner}' hook '${hookName}' is not a tapable hook; create it with new SyncHook(...), new AsyncSeriesHook(...) or another tapable class`,
          owner,
        );
      }
      (hook as Tappable).intercept({
        register: (tap) => {
          const tapper = this.#current;
          if (tapper && tap.name !== tapper) {
            throw new KaifangError(
              `plugin '${tapper}' tapped ${owner}.${hookName} as '${tap.name}'; tap with the plugin's own name ('${tapper}', ctx.name)`,
              tapper,
            );
          }
          this.#records.push({ hook: `${owner}.${hookName}`, tapper: tap.name, type: tap.type });
          return tap;
        },
      });
    }
    return Object.freeze(hooks);
  }

  /** Runs one plugin's lifecycle step; taps made meanwhile must carry its name. */
  async runAs<T>(plugin: string, step: () => Promise<T>): Promise<T> {
    this.#current = plugin;
    try {
      return await step();
    } finally {
      this.#current = undefined;
    }
  }

  get taps(): readonly TapRecord[] {
    return this.#records;
  }
}
