import { join, resolve } from 'node:path';
import type { Server, ServerInjectOptions, ServerInjectResponse } from '@hapi/hapi';
import type { EntitySchema, MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import type { Logger } from 'pino';
import { type Clock, systemClock } from './clock.ts';
import { type DeploymentConfig, type ResolvedPlugin, validateDeployment } from './config.ts';
import { guardedView, type Phase } from './context.ts';
import { type EmbeddedDatabase, startEmbeddedPostgres } from './db/embedded.ts';
import { Notifications } from './db/notifications.ts';
import { migrate, type OwnedMigration, openOrm } from './db/orm.ts';
import { errorMessage, KaifangError, withTimeout } from './errors.ts';
import { KernelEventBus } from './events.ts';
import { createKernelHooks, HookRegistry, type KernelHooks, type TapRecord } from './hooks.ts';
import { addKernelRoutes, serveTheme } from './http/kernel-routes.ts';
import { createHttpServer } from './http/server.ts';
import { JobQueue } from './jobs.ts';
import { createLogger } from './logger.ts';
import { orderPlugins } from './order.ts';
import type { CommandIo, PluginApis, PluginCommand, PluginContext } from './plugin.ts';
import { LocalStorage } from './storage.ts';
import type { ContributedComponent, ContributedPage } from './ui.ts';
import { KERNEL_VERSION } from './version.ts';

export interface KernelOptions {
  config: DeploymentConfig;
  /** Where the embedded database and files live (default `$KAIFANG_DATA_DIR`, else `.data`). */
  dataDir?: string;
  /** An external PostgreSQL; without it the embedded one starts (default `$DATABASE_URL`). */
  databaseUrl?: string;
  /** Default `$PORT`, else the config's `http.port`, else 3000. */
  port?: number;
  logger?: Logger;
  clock?: Clock;
  /** Build and serve the configured theme (default true). */
  serveTheme?: boolean;
}

const DEFAULT_TIMEOUTS = { register: 10_000, start: 120_000, stop: 10_000, drain: 5_000 };

interface LoadedPlugin extends ResolvedPlugin {
  context: PluginContext<object>;
}

/**
 * The plugin host. `prepare` validates the deployment and runs every plugin's `register`
 * (no I/O); `start` opens the database, applies migrations and runs `start` in dependency
 * order; `listen` accepts requests; `stop` undoes it all in reverse.
 */
export class Kernel {
  readonly version = KERNEL_VERSION;
  readonly hooks: KernelHooks;
  readonly logger: Logger;
  readonly server: Server;
  readonly dataDir: string;

  readonly #options: KernelOptions;
  readonly #registry = new HookRegistry();
  readonly #plugins: LoadedPlugin[] = [];
  readonly #apis = new Map<string, unknown>();
  readonly #pluginHooks = new Map<string, unknown>();
  readonly #started: LoadedPlugin[] = [];
  readonly #timeouts: typeof DEFAULT_TIMEOUTS;
  #phase: Phase = 'register';
  #orm: MikroORM | undefined;
  #pool: pg.Pool | undefined;
  #notifications: Notifications | undefined;
  #embedded: EmbeddedDatabase | undefined;
  #jobs: JobQueue | undefined;
  #stopping: Promise<void> | undefined;

  private constructor(options: KernelOptions, server: Server, logger: Logger) {
    this.#options = options;
    this.server = server;
    this.logger = logger;
    this.dataDir = resolve(options.dataDir ?? process.env.KAIFANG_DATA_DIR ?? '.data');
    this.#timeouts = { ...DEFAULT_TIMEOUTS, ...options.config.timeouts };
    this.hooks = this.#registry.adopt('kernel', createKernelHooks());
  }

  /** Validates the deployment, orders the plugins and runs their `register` steps. */
  static async prepare(options: KernelOptions): Promise<Kernel> {
    const ordered = orderPlugins(validateDeployment(options.config), KERNEL_VERSION);
    const logger = options.logger ?? createLogger();
    const port = options.port ?? numberFromEnv('PORT') ?? options.config.http?.port ?? 3000;
    let kernel: Kernel | undefined;
    const server = await createHttpServer({
      port,
      host: options.config.http?.host ?? '0.0.0.0',
      logger,
      orm: () => kernel!.orm,
    });
    kernel = new Kernel(options, server, logger);
    await kernel.#register(ordered);
    return kernel;
  }

  /** Prepares and starts a kernel (without listening). */
  static async boot(options: KernelOptions): Promise<Kernel> {
    const kernel = await Kernel.prepare(options);
    await kernel.start();
    return kernel;
  }

  /** Plugins in start order. */
  get plugins(): { name: string; version: string; requires: string[]; optional: string[] }[] {
    return this.#plugins.map(({ definition }) => ({
      name: definition.name,
      version: definition.version,
      requires: Object.keys(definition.requires ?? {}),
      optional: Object.keys(definition.optional ?? {}),
    }));
  }

  /** A started plugin's API, for code outside plugins (the CLI, tests). */
  api<Name extends keyof PluginApis>(name: Name): PluginApis[Name] {
    if (!this.#apis.has(name)) {
      throw new KaifangError(
        `plugin '${String(name)}' is not started in this kernel (started: ${[...this.#apis.keys()].join(', ') || 'none'})`,
      );
    }
    return this.#apis.get(name) as PluginApis[Name];
  }

  get taps(): readonly TapRecord[] {
    return this.#registry.taps;
  }

  get orm(): MikroORM {
    if (!this.#orm)
      throw new KaifangError('the database is not open yet; use it from start on, not in register');
    return this.#orm;
  }

  /** Pages every plugin contributes to the portal, in start order. */
  get pages(): ContributedPage[] {
    return this.#plugins.flatMap(({ definition }) =>
      (definition.ui?.pages ?? []).map((page) => ({ ...page, plugin: definition.name })),
    );
  }

  /** Commands plugins add to the CLI, by name. */
  get commands(): { plugin: string; name: string; description: string }[] {
    return this.#plugins.flatMap(({ definition }) =>
      (definition.commands ?? []).map((command) => ({
        plugin: definition.name,
        name: command.name,
        description: command.description,
      })),
    );
  }

  /** Runs a plugin command on this (started) kernel. */
  async runCommand(name: string, io: CommandIo): Promise<void> {
    const { plugin, command } = this.#findCommand(name);
    await command.run(plugin.context, io);
  }

  /** Throws, naming the commands there are, unless a configured plugin offers `name`. */
  assertCommand(name: string): void {
    this.#findCommand(name);
  }

  #findCommand(name: string): { plugin: LoadedPlugin; command: PluginCommand<object> } {
    for (const plugin of this.#plugins) {
      const command = plugin.definition.commands?.find(
        (candidate: PluginCommand) => candidate.name === name,
      );
      if (command) return { plugin, command };
    }
    const known = this.commands.map((candidate) => candidate.name).join(', ') || 'none';
    throw new KaifangError(
      `no configured plugin offers the command '${name}' (plugin commands: ${known})`,
    );
  }

  /** Components plugins offer for embedding in other plugins' pages, in start order. */
  get components(): ContributedComponent[] {
    return this.#plugins.flatMap(({ definition }) =>
      (definition.ui?.components ?? []).map((component) => ({
        ...component,
        plugin: definition.name,
      })),
    );
  }

  /** Opens the database and applies every plugin's pending migrations; returns their names. */
  async openDatabase(): Promise<string[]> {
    if (this.#orm) return [];
    const url =
      this.#options.databaseUrl ?? (process.env.DATABASE_URL || (await this.#startEmbedded()));
    this.#orm = await openOrm({
      url,
      entities: this.#plugins.flatMap(
        ({ definition }) => (definition.entities ?? []) as EntitySchema[],
      ),
      migrations: this.#plugins.flatMap(({ definition }) =>
        (definition.migrations ?? []).map(
          (migration): OwnedMigration => ({ ...migration, plugin: definition.name }),
        ),
      ),
    });
    this.#pool = new pg.Pool({ connectionString: url, max: 20, idleTimeoutMillis: 10_000 });
    this.#pool.on('error', (error) =>
      this.logger.error({ err: error }, 'idle database connection failed'),
    );
    this.#notifications = new Notifications(url, this.logger.child({ component: 'notifications' }));
    this.#jobs = new JobQueue(url, this.logger.child({ component: 'jobs' }));
    const applied = await migrate(this.#orm, url);
    if (applied.length > 0) this.logger.info({ applied }, 'applied migrations');
    return applied;
  }

  async start(): Promise<void> {
    try {
      await this.openDatabase();
      this.#phase = 'start';
      for (const plugin of this.#plugins) {
        const { name } = plugin.definition;
        const start = plugin.definition.start;
        const api = start
          ? await this.#step(name, 'start', this.#timeouts.start, () =>
              Promise.resolve(start(plugin.context)),
            )
          : undefined;
        this.#apis.set(name, api);
        this.#started.push(plugin);
      }
      addKernelRoutes(this.server, {
        version: this.version,
        site: this.#options.config.site,
        hooks: this.hooks,
        plugins: () =>
          this.#plugins.map(({ definition }) => ({
            name: definition.name,
            version: definition.version,
          })),
        pingDatabase: async () => {
          await this.orm.em.getConnection().execute('select 1');
        },
      });
      const theme = this.#options.config.theme;
      if (theme && this.#options.serveTheme !== false) {
        await theme.ensureBuilt({
          pages: this.pages,
          components: this.components,
          site: this.#options.config.site,
        });
        serveTheme(this.server, theme.outDir);
      }
      await this.server.initialize();
      this.#phase = 'running';
      await this.hooks.started.promise({
        plugins: this.#plugins.map(({ definition }) => ({
          name: definition.name,
          version: definition.version,
        })),
      });
    } catch (error) {
      await this.stop().catch((stopError) =>
        this.logger.error({ err: stopError }, 'cleanup after a failed start failed'),
      );
      throw error;
    }
  }

  async listen(): Promise<void> {
    await this.server.start();
    this.logger.info({ url: this.server.info.uri }, 'listening');
  }

  inject(options: string | ServerInjectOptions): Promise<ServerInjectResponse> {
    return this.server.inject(options);
  }

  /** Stops accepting, lets in-flight requests finish (bounded), stops plugins in reverse. */
  stop(): Promise<void> {
    this.#stopping ??= this.#stop();
    return this.#stopping;
  }

  async #stop(): Promise<void> {
    this.#phase = 'stopping';
    await this.server.stop({ timeout: this.#timeouts.drain });
    await this.hooks.stopping
      .promise()
      .catch((error) => this.logger.error({ err: error }, 'a stopping tap failed'));
    for (const plugin of [...this.#started].reverse()) {
      const { name } = plugin.definition;
      const stop = plugin.definition.stop;
      if (!stop) continue;
      await this.#step(name, 'stop', this.#timeouts.stop, () =>
        Promise.resolve(stop(plugin.context)),
      ).catch((error) => this.logger.error({ err: error, plugin: name }, 'plugin failed to stop'));
    }
    await this.#jobs
      ?.stop()
      .catch((error) => this.logger.error({ err: error }, 'job queue failed to stop'));
    await this.#notifications?.close();
    await this.#pool?.end();
    await this.#orm?.close();
    await this.#embedded?.stop();
  }

  async #startEmbedded(): Promise<string> {
    this.#embedded = await startEmbeddedPostgres({
      dir: join(this.dataDir, 'pg'),
      port: numberFromEnv('KAIFANG_PG_PORT'),
      logger: this.logger,
    });
    return this.#embedded.url;
  }

  async #register(ordered: ResolvedPlugin[]): Promise<void> {
    const storage = new LocalStorage(join(this.dataDir, 'files'));
    const events = new KernelEventBus(this.logger);
    for (const resolved of ordered) {
      const { definition } = resolved;
      if (definition.hooks)
        this.#pluginHooks.set(
          definition.name,
          this.#registry.adopt(definition.name, definition.hooks()),
        );
    }
    for (const resolved of ordered) {
      const { definition, options } = resolved;
      const { name } = definition;
      const declared = new Set([
        name,
        ...Object.keys(definition.requires ?? {}),
        ...Object.keys(definition.optional ?? {}),
      ]);
      const prefix = this.#options.config.http?.prefixes?.[name] ?? '/api/v1';
      const kernel = this;
      const context: PluginContext<object> = {
        name,
        version: definition.version,
        config: options,
        logger: this.logger.child({ plugin: name }),
        site: this.#options.config.site,
        hooks: this.hooks,
        pluginHooks: guardedView({
          plugin: name,
          what: 'hooks',
          declared,
          source: this.#pluginHooks,
          phase: () => this.#phase,
        }),
        plugins: guardedView({
          plugin: name,
          what: 'API',
          declared,
          source: this.#apis,
          phase: () => this.#phase,
        }),
        http: {
          prefix,
          server: this.server,
          route: (routes) =>
            this.#addRoutes(name, prefix, Array.isArray(routes) ? routes : [routes]),
        },
        db: {
          get orm() {
            return kernel.orm;
          },
          fork: () => this.orm.em.fork(),
          get pool() {
            if (!kernel.#pool) {
              throw new KaifangError(
                `plugin '${name}' used the database pool before the database was open; use it from start on`,
                name,
              );
            }
            return kernel.#pool;
          },
          listen: (channel, handler) => {
            const prefix = `${name.replaceAll('-', '_')}_`;
            if (!channel.startsWith(prefix)) {
              throw new KaifangError(
                `plugin '${name}' listens on '${channel}'; name its channels like its tables, starting with '${prefix}'`,
                name,
              );
            }
            if (!kernel.#notifications) {
              throw new KaifangError(
                `plugin '${name}' listened for notifications before the database was open; listen from start on`,
                name,
              );
            }
            return kernel.#notifications.listen(channel, handler);
          },
        },
        get jobs() {
          if (!kernel.#jobs)
            throw new KaifangError(
              `plugin '${name}' used jobs before the database was open; use them from start on`,
              name,
            );
          return kernel.#jobs.forPlugin(name);
        },
        storage: storage.scoped(name),
        clock: this.#options.clock ?? systemClock,
        events: events.forPlugin(name),
      };
      const loaded: LoadedPlugin = { ...resolved, context };
      this.#plugins.push(loaded);
      const register = definition.register;
      if (register) {
        await this.#step(name, 'register', this.#timeouts.register, () =>
          Promise.resolve(register(context)),
        );
      }
    }
  }

  #addRoutes(plugin: string, prefix: string, routes: import('@hapi/hapi').ServerRoute[]): void {
    for (const declared of routes) {
      const route = this.hooks.route.call({ ...declared }, { plugin });
      const path = route.path === '/' ? prefix : `${prefix}${route.path}`;
      const options = typeof route.options === 'function' ? route.options : { ...route.options };
      if (typeof options === 'object') {
        options.plugins = { ...options.plugins, kaifang: { plugin } };
        options.tags = [...new Set([...(options.tags ?? []), 'api', plugin])];
      }
      try {
        this.server.route({ ...route, path, options });
      } catch (error) {
        throw new KaifangError(
          `plugin '${plugin}' route ${String(route.method)} ${path}: ${errorMessage(error)}`,
          plugin,
          {
            cause: error,
          },
        );
      }
    }
  }

  /** Runs one plugin's lifecycle step with a timeout; failures name the plugin and the step. */
  #step<T>(
    plugin: string,
    step: 'register' | 'start' | 'stop',
    timeout: number,
    work: () => Promise<T>,
  ): Promise<T> {
    return this.#registry
      .runAs(plugin, () =>
        withTimeout(
          work(),
          timeout,
          () =>
            new KaifangError(
              `plugin '${plugin}' did not finish ${step} within ${timeout} ms`,
              plugin,
            ),
        ),
      )
      .catch((error: unknown) => {
        if (error instanceof KaifangError && error.plugin === plugin) throw error;
        throw new KaifangError(
          `plugin '${plugin}' failed in ${step}: ${errorMessage(error)}`,
          plugin,
          { cause: error },
        );
      });
  }
}

function numberFromEnv(name: string): number | undefined {
  const value = process.env[name];
  return value ? Number(value) : undefined;
}
