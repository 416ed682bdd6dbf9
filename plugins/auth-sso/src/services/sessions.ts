import { randomBytes } from 'node:crypto';
import Iron from '@hapi/iron';
import type { Clock } from '@kaifang/sdk';
import type { User } from '../entities/user.ts';
import type { Sql } from './sql.ts';

export type EndReason =
  | 'logout'
  | 'login'
  | 'password-changed'
  | 'disabled'
  | 'deleted'
  | 'expired';

export interface SessionCheck {
  ok: boolean;
  userId?: string;
  /** Why the session is no longer valid (for the 401 message). */
  reason?: 'unknown' | 'ended' | 'idle' | 'absolute' | 'account';
}

/**
 * What a session started through single sign-on keeps for RP-initiated logout. `idToken` is
 * the OpenID Connect ID token (sent back as `id_token_hint`): a secret, never logged, never in
 * a cookie, erased when the session ends.
 */
export interface SessionSso {
  provider: string;
  idToken?: string;
}

/** How often last-seen is written: not on every request, which would be a write per click. */
const TOUCH_EVERY_MS = 60_000;

/**
 * Server-side sessions. The cookie carries only the sealed session id; the row decides
 * whether it is still valid, so logout and disabling an account take effect on every node.
 */
export class SessionStore {
  #password: string | undefined;

  constructor(
    private readonly sql: Sql,
    private readonly clock: Clock,
    private readonly timeouts: { idleSeconds: number; absoluteSeconds: number },
  ) {}

  /** Set at start, once the cookie password is known (config, env or the database). */
  setPassword(password: string): void {
    this.#password = password;
  }

  #requirePassword(): string {
    if (!this.#password) throw new Error('auth-sso: sessions used before start');
    return this.#password;
  }

  /** Seals a value for a cookie; `ttlMs` makes the seal itself expire (0: never). */
  seal(value: object, ttlMs = 0): Promise<string> {
    return Iron.seal(value, this.#requirePassword(), { ...Iron.defaults, ttl: ttlMs });
  }

  /** The sealed object, or undefined when tampered with, expired or sealed with another key. */
  async unseal<T>(sealed: string): Promise<T | undefined> {
    try {
      return (await Iron.unseal(sealed, this.#requirePassword(), Iron.defaults)) as T;
    } catch {
      return undefined;
    }
  }

  async create(userId: string, ip: string | null, sso?: SessionSso): Promise<string> {
    const id = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    await this.sql(
      `insert into auth_sso_session
         (id, user_id, created_at, last_seen_at, ip, sso_provider, sso_id_token)
       values (?, ?, ?, ?, ?, ?, ?)`,
      [id, userId, now, now, ip, sso?.provider ?? null, sso?.idToken ?? null],
    );
    return id;
  }

  async check(id: string): Promise<SessionCheck> {
    const [row] = await this.sql<{
      user_id: string;
      created_at: Date;
      last_seen_at: Date;
      ended_at: Date | null;
      status: User['status'];
    }>(
      `select s.user_id, s.created_at, s.last_seen_at, s.ended_at, u.status
       from auth_sso_session s join auth_sso_user u on u.id = s.user_id where s.id = ?`,
      [id],
    );
    if (!row) return { ok: false, reason: 'unknown' };
    if (row.ended_at) return { ok: false, reason: 'ended' };
    if (row.status !== 'active') return { ok: false, reason: 'account' };
    const now = this.clock.now().getTime();
    const lastSeen = new Date(row.last_seen_at).getTime();
    if (now - new Date(row.created_at).getTime() > this.timeouts.absoluteSeconds * 1000) {
      await this.end(id, 'expired');
      return { ok: false, reason: 'absolute' };
    }
    if (now - lastSeen > this.timeouts.idleSeconds * 1000) {
      await this.end(id, 'expired');
      return { ok: false, reason: 'idle' };
    }
    if (now - lastSeen > TOUCH_EVERY_MS) {
      await this.sql('update auth_sso_session set last_seen_at = ? where id = ?', [
        new Date(now),
        id,
      ]);
    }
    return { ok: true, userId: row.user_id };
  }

  /**
   * Ends an open session and erases its ID token in the same statement. Returns what the
   * session held for single sign-on (read before the erasure, under the row lock, so of two
   * concurrent logouts only one gets it), or undefined when it was not open.
   */
  async end(id: string, reason: EndReason): Promise<SessionSso | undefined> {
    const [row] = await this.sql<{ sso_provider: string | null; sso_id_token: string | null }>(
      `with old as (
         select id, sso_provider, sso_id_token from auth_sso_session
         where id = ? and ended_at is null for update
       )
       update auth_sso_session s set ended_at = ?, ended_reason = ?, sso_id_token = null
       from old where s.id = old.id
       returning old.sso_provider, old.sso_id_token`,
      [id, this.clock.now(), reason],
    );
    if (!row?.sso_provider) return undefined;
    return { provider: row.sso_provider, idToken: row.sso_id_token ?? undefined };
  }

  /** Ends every open session of a user, except `keep` (the one that changed the password). */
  async endAll(userId: string, reason: EndReason, keep?: string): Promise<number> {
    const rows = await this.sql(
      `update auth_sso_session set ended_at = ?, ended_reason = ?, sso_id_token = null
       where user_id = ? and ended_at is null and id <> ? returning id`,
      [this.clock.now(), reason, userId, keep ?? ''],
    );
    return rows.length;
  }
}
