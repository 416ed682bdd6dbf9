import type PgBoss from 'pg-boss';
import type { Logger } from 'pino';

export interface JobHandlerInput<T> {
  id: string;
  data: T;
}

export interface QueueOptions {
  /** Attempts after the first failure (default 2). */
  retryLimit?: number;
  /** Seconds between attempts (default 5, doubled each time). */
  retryDelay?: number;
  /** How many jobs of this queue one node works at once (default 1). */
  concurrency?: number;
  /** How long one attempt may run before it is failed and retried (default 15 minutes). */
  expireInSeconds?: number;
}

export interface SendOptions {
  startAfter?: Date;
  /** At most one queued job per key (e.g. one reindex per dataset). */
  singletonKey?: string;
}

export type JobState = 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';

/**
 * A PostgreSQL-backed job queue (pg-boss), so jobs survive restarts and several nodes share
 * the work. Queue names are scoped to the plugin that declares them.
 */
export interface Jobs {
  /** Declares a queue and works it on this node; call from `start`. */
  work<T extends object>(
    queue: string,
    handler: (job: JobHandlerInput<T>) => Promise<void>,
    options?: QueueOptions,
  ): Promise<void>;
  send<T extends object>(queue: string, data: T, options?: SendOptions): Promise<string>;
  /** Runs `queue` on a cron schedule, in Asia/Shanghai time unless `tz` says otherwise. */
  schedule(queue: string, cron: string, data?: object, tz?: string): Promise<void>;
  state(queue: string, id: string): Promise<JobState | undefined>;
}

/** One pg-boss for the whole kernel, started on first use so plugins without jobs pay nothing. */
export class JobQueue {
  #boss: Promise<PgBoss> | undefined;
  readonly #queues = new Set<string>();

  constructor(
    private readonly connectionString: string,
    private readonly logger: Logger,
  ) {}

  forPlugin(plugin: string): Jobs {
    const full = (queue: string) => `${plugin}__${queue}`;
    return {
      work: async (queue, handler, options = {}) => {
        const boss = await this.#ensureQueue(full(queue), options);
        const concurrency = options.concurrency ?? 1;
        for (let worker = 0; worker < concurrency; worker++) {
          await boss.work<object>(full(queue), { pollingIntervalSeconds: 0.5 }, async (jobs) => {
            for (const job of jobs) {
              await handler({ id: job.id, data: job.data as never });
            }
          });
        }
      },
      send: async (queue, data, options = {}) => {
        const boss = await this.#ensureQueue(full(queue), {});
        const id = await boss.send(full(queue), data, {
          ...(options.startAfter ? { startAfter: options.startAfter } : {}),
          ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
        });
        if (!id)
          throw new Error(`job for queue '${full(queue)}' was not queued (a duplicate singleton?)`);
        return id;
      },
      schedule: async (queue, cron, data = {}, tz = 'Asia/Shanghai') => {
        const boss = await this.#ensureQueue(full(queue), {});
        await boss.schedule(full(queue), cron, data, { tz });
      },
      state: async (queue, id) => {
        const boss = await this.#start();
        const job = await boss.getJobById(full(queue), id);
        return job?.state;
      },
    };
  }

  async stop(): Promise<void> {
    if (!this.#boss) return;
    const boss = await this.#boss;
    await boss.stop({ graceful: true, timeout: 5000, wait: true });
  }

  async #ensureQueue(name: string, options: QueueOptions): Promise<PgBoss> {
    const boss = await this.#start();
    if (this.#queues.has(name)) return boss;
    // Nodes starting together race to create the same queue; PostgreSQL may then report a
    // deadlock for one of them. The queue exists afterwards either way, so look again.
    for (let attempt = 1; !(await boss.getQueue(name)); attempt++) {
      try {
        await boss.createQueue(name, {
          name,
          retryLimit: options.retryLimit ?? 2,
          retryDelay: options.retryDelay ?? 5,
          retryBackoff: true,
          ...(options.expireInSeconds ? { expireInSeconds: options.expireInSeconds } : {}),
        });
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (attempt >= 5 || (code !== '40P01' && code !== '23505')) throw error;
        await new Promise((wait) => setTimeout(wait, 20 * attempt));
      }
    }
    this.#queues.add(name);
    return boss;
  }

  #start(): Promise<PgBoss> {
    this.#boss ??= (async () => {
      const { default: PgBossQueue } = await import('pg-boss');
      const boss = new PgBossQueue({
        connectionString: this.connectionString,
        schema: 'kaifang_jobs',
      });
      boss.on('error', (error) => this.logger.error({ err: error }, 'job queue error'));
      await boss.start();
      return boss;
    })();
    return this.#boss;
  }
}
