import type { Clock } from '@kaifang/sdk';
import type { ThrottleLimit } from '../options.ts';
import type { Sql } from './sql.ts';

/**
 * Counters per key, kept in PostgreSQL so every node of a cluster sees the same count and the
 * same lock: failed logins (`account:<name>`, `ip:<address>`) and registrations
 * (`register-ip:<address>`).
 */
export class LoginThrottle {
  constructor(
    private readonly sql: Sql,
    private readonly clock: Clock,
  ) {}

  /** Seconds until `key` may try again, or 0 when it is not locked. */
  async retryAfter(key: string): Promise<number> {
    const now = this.clock.now();
    const [row] = await this.sql<{ locked_until: Date | null }>(
      'select locked_until from auth_sso_throttle where key = ?',
      [key],
    );
    const until = row?.locked_until ? new Date(row.locked_until).getTime() : 0;
    return until > now.getTime() ? Math.ceil((until - now.getTime()) / 1000) : 0;
  }

  /**
   * Counts one failure atomically (one upsert, so two nodes counting at once both count) and
   * locks the key once the limit is reached; returns the lock in seconds (0 when not locked).
   */
  async fail(key: string, limit: ThrottleLimit): Promise<number> {
    const now = this.clock.now();
    const windowStart = new Date(now.getTime() - limit.windowSeconds * 1000);
    const lockUntil = new Date(now.getTime() + limit.lockSeconds * 1000);
    const [row] = await this.sql<{ failures: number; locked_until: Date | null }>(
      `insert into auth_sso_throttle as t (key, failures, window_started_at, locked_until)
       values (?, 1, ?, case when 1 >= ? then ?::timestamptz end)
       on conflict (key) do update set
         failures = case when t.window_started_at < ? then 1 else t.failures + 1 end,
         window_started_at = case when t.window_started_at < ? then excluded.window_started_at
                                  else t.window_started_at end,
         locked_until = case
           when (case when t.window_started_at < ? then 1 else t.failures + 1 end) >= ?
           then ?::timestamptz else t.locked_until end
       returning failures, locked_until`,
      [
        key,
        now,
        limit.maxFailures,
        lockUntil,
        windowStart,
        windowStart,
        windowStart,
        limit.maxFailures,
        lockUntil,
      ],
    );
    const until = row?.locked_until ? new Date(row.locked_until).getTime() : 0;
    return until > now.getTime() ? Math.ceil((until - now.getTime()) / 1000) : 0;
  }

  async reset(key: string): Promise<void> {
    await this.sql('delete from auth_sso_throttle where key = ?', [key]);
  }
}
