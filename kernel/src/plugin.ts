import type { Server, ServerRoute } from '@hapi/hapi';
import type { Constructor } from '@mikro-orm/core';
import type { Migration } from '@mikro-orm/migrations';
import type { EntityManager, EntitySchema, MikroORM } from '@mikro-orm/postgresql';
import type Joi from 'joi';
import type pg from 'pg';
import type { Logger } from 'pino';
import type { Clock } from './clock.ts';
import type { NotificationHandler } from './db/notifications.ts';
import type { EventBus } from './events.ts';
import type { KernelHooks } from './hooks.ts';
import type { Jobs } from './jobs.ts';
import type { Storage } from './storage.ts';
import type { SiteInfo, UiComponent, UiPage } from './ui.ts';

/**
 * What each plugin's `start` returns, by plugin name. A plugin makes its API typed for others
 * by augmenting this interface:
 *
 *   declare module '@kaifang/kernel' { interface PluginApis { catalog: CatalogApi } }
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by module augmentation
export interface PluginApis {}

/** Each plugin's own hooks object, by plugin name; augmented like PluginApis. */
// biome-ignore lint/suspicious/noEmptyInterface: filled by module augmentation
export interface PluginHooks {}

/** A plugin migration: a MikroORM Migration class and a name unique within the plugin. */
export interface PluginMigration {
  name: string;
  class: Constructor<Migration>;
}

/** Semver ranges by plugin name, e.g. `{ domains: '^0.1.0' }`. */
export type PluginRanges = Record<string, string>;

export interface DbService {
  readonly orm: MikroORM;
  /** A fresh EntityManager for work outside a request (jobs, start-up). */
  fork(): EntityManager;
  /**
   * A plain node-postgres pool on the same database, for SQL the ORM does not fit (COPY
   * streams, hand-tuned search queries). Shared by all plugins; the kernel closes it.
   */
  readonly pool: pg.Pool;
  /**
   * Calls `handler` on every `NOTIFY` on `channel` from any node sharing the database (and
   * with `resumed: true` after a lost connection came back). Channels are named like the
   * plugin's tables: `catalog_search` for plugin catalog. Resolves to an unsubscribe.
   */
  listen(channel: string, handler: NotificationHandler): Promise<() => void>;
}

export interface HttpService {
  /** Adds routes under this plugin's prefix (default `/api/v1`); paths are relative to it. */
  route(routes: ServerRoute | ServerRoute[]): void;
  readonly prefix: string;
  /** The hapi server, for auth schemes, cookies and extension points. */
  readonly server: Server;
}

export interface PluginContext<Options = unknown> {
  readonly name: string;
  readonly version: string;
  readonly config: Options;
  readonly logger: Logger;
  readonly site: SiteInfo;
  readonly hooks: KernelHooks;
  /** Hooks other plugins expose; only those of plugins listed in requires/optional. */
  readonly pluginHooks: Readonly<Partial<PluginHooks>>;
  /** Other plugins' APIs; available from `start`, only for plugins listed in requires/optional. */
  readonly plugins: Readonly<Partial<PluginApis>>;
  readonly http: HttpService;
  readonly db: DbService;
  readonly jobs: Jobs;
  readonly storage: Storage;
  readonly clock: Clock;
  readonly events: EventBus;
}

/** What a plugin command reports while it runs (the CLI draws a progress bar from it). */
export interface CommandIo {
  progress(done: number, total: number): void;
  log(message: string): void;
}

/**
 * An operator command a plugin adds to the `kaifang` CLI (e.g. catalog's `reindex`). It runs on
 * a started kernel that does not accept HTTP requests.
 */
export interface PluginCommand<Options = unknown> {
  name: string;
  description: string;
  run(ctx: PluginContext<Options>, io: CommandIo): Promise<void>;
}

export interface PluginManifest<Options extends object, Api, Hooks extends object> {
  /** Lower-case, digits and hyphens; also the prefix of its tables (`auth-sso` → `auth_sso_`). */
  name: string;
  version: string;
  /** The kernel versions this plugin works with (semver range). */
  kernel: string;
  description?: string;
  requires?: PluginRanges;
  optional?: PluginRanges;
  /** Validates (and fills defaults of) the options the deployment config gives this plugin. */
  config?: Joi.ObjectSchema<Options>;
  entities?: EntitySchema[];
  migrations?: PluginMigration[];
  /** Creates this plugin's own hooks; the kernel freezes them and records every tap. */
  hooks?: () => Hooks;
  ui?: { pages?: UiPage[]; components?: UiComponent[] };
  commands?: PluginCommand<Options>[];
  /** Taps hooks and declares routes; no I/O here (the database is not open to plugins yet). */
  register?(ctx: PluginContext<Options>): void | Promise<void>;
  /** Does start-up I/O; what it returns is `ctx.plugins[name]` for plugins that depend on it. */
  start?(ctx: PluginContext<Options>): Api | Promise<Api>;
  stop?(ctx: PluginContext<Options>): void | Promise<void>;
}

/** Options as a deployment writes them: anything with a default may be left out, at any depth. */
export type OptionsInput<T> = T extends (infer Item)[]
  ? OptionsInput<Item>[]
  : T extends object
    ? { [Key in keyof T]?: OptionsInput<T[Key]> }
    : T;

export interface PluginDefinition<
  Options extends object = object,
  Api = unknown,
  Hooks extends object = object,
> extends PluginManifest<Options, Api, Hooks> {
  /** This plugin with options for one deployment (validated by `config` at boot). */
  configure(options: OptionsInput<Options>): ConfiguredPlugin;
}

export interface ConfiguredPlugin {
  readonly definition: AnyPluginDefinition;
  readonly options: unknown;
}

// The kernel handles plugins of every options/API/hooks type alike; only their authors see them typed.
// biome-ignore lint/suspicious/noExplicitAny: variance across heterogeneous plugin definitions
export type AnyPluginDefinition = PluginDefinition<any, any, any>;

export type PluginEntry = AnyPluginDefinition | ConfiguredPlugin;

/** Declares a plugin. The generic parameters type its options, its API and its own hooks. */
export function definePlugin<
  Options extends object = object,
  Api = void,
  Hooks extends object = object,
>(manifest: PluginManifest<Options, Api, Hooks>): PluginDefinition<Options, Api, Hooks> {
  const definition: PluginDefinition<Options, Api, Hooks> = {
    ...manifest,
    configure: (options) => ({ definition, options }),
  };
  return Object.freeze(definition);
}

export function isConfigured(entry: PluginEntry): entry is ConfiguredPlugin {
  return 'definition' in entry;
}
