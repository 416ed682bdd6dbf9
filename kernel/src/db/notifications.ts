import pg from 'pg';
import type { Logger } from 'pino';

/** What a listener is told: a `NOTIFY` arrived, or the connection came back after a loss. */
export interface Notification {
  channel: string;
  /** The NOTIFY payload; empty after a reconnect. */
  payload: string;
  /**
   * True when the listening connection was lost and is back: notifications sent meanwhile are
   * gone, so a listener that keeps a cache must treat this as "anything may have changed".
   */
  resumed: boolean;
}

export type NotificationHandler = (notification: Notification) => void;

const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 30_000;

/**
 * PostgreSQL `LISTEN` for every plugin of one node, on one dedicated connection (a pooled
 * connection would lose its LISTENs when handed to someone else). It is opened on the first
 * `listen`, reopened with back-off when lost, and closed with the kernel. This is how nodes
 * sharing a database hear of each other's writes (DESIGN §8): a writer, or a trigger, runs
 * `NOTIFY channel`; PostgreSQL delivers it to every listening node once the writer commits.
 */
export class Notifications {
  readonly #handlers = new Map<string, Set<NotificationHandler>>();
  #client: pg.Client | undefined;
  #connecting: Promise<void> | undefined;
  #retryMs = RETRY_MIN_MS;
  #retryTimer: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(
    private readonly url: string,
    private readonly logger: Logger,
  ) {}

  /** Calls `handler` for each NOTIFY on `channel`; resolves once this node is listening. */
  async listen(channel: string, handler: NotificationHandler): Promise<() => void> {
    if (this.#closed) throw new Error(`cannot listen on '${channel}': the kernel is stopping`);
    let handlers = this.#handlers.get(channel);
    const first = !handlers;
    if (!handlers) {
      handlers = new Set();
      this.#handlers.set(channel, handlers);
    }
    handlers.add(handler);
    if (this.#client && first) await this.#client.query(`listen ${quote(channel)}`);
    else await this.#connect();
    return () => {
      handlers.delete(handler);
    };
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#retryTimer);
    const client = this.#client;
    this.#client = undefined;
    await client?.end().catch(() => {});
  }

  #connect(): Promise<void> {
    this.#connecting ??= this.#open().finally(() => {
      this.#connecting = undefined;
    });
    return this.#connecting;
  }

  async #open(): Promise<void> {
    if (this.#client || this.#closed) return;
    const client = new pg.Client({ connectionString: this.url });
    client.on('notification', ({ channel, payload }) =>
      this.#deliver({ channel, payload: payload ?? '', resumed: false }),
    );
    client.on('error', (error) => this.#lost(client, error));
    client.on('end', () => this.#lost(client));
    await client.connect();
    for (const channel of this.#handlers.keys()) await client.query(`listen ${quote(channel)}`);
    this.#client = client;
    this.#retryMs = RETRY_MIN_MS;
  }

  #lost(client: pg.Client, error?: Error): void {
    if (this.#client !== client || this.#closed) return;
    this.#client = undefined;
    client.end().catch(() => {});
    this.logger.warn({ err: error }, 'database notifications lost; reconnecting');
    this.#scheduleReconnect();
  }

  #scheduleReconnect(): void {
    clearTimeout(this.#retryTimer);
    this.#retryTimer = setTimeout(() => {
      this.#connect().then(
        () => {
          for (const channel of this.#handlers.keys())
            this.#deliver({ channel, payload: '', resumed: true });
        },
        (error: unknown) => {
          this.logger.warn({ err: error }, 'database notifications: reconnect failed');
          this.#retryMs = Math.min(this.#retryMs * 2, RETRY_MAX_MS);
          this.#scheduleReconnect();
        },
      );
    }, this.#retryMs);
    this.#retryTimer.unref();
  }

  #deliver(notification: Notification): void {
    for (const handler of this.#handlers.get(notification.channel) ?? []) {
      try {
        handler(notification);
      } catch (error) {
        this.logger.error(
          { err: error, channel: notification.channel },
          'notification handler failed',
        );
      }
    }
  }
}

/** Channel names are identifiers; quoting keeps case and rules out SQL. */
function quote(channel: string): string {
  return `"${channel.replaceAll('"', '""')}"`;
}
