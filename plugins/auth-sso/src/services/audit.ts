import type { Clock } from '@kaifang/sdk';
import type { Sql } from './sql.ts';

export const AUDIT_EVENTS = [
  'register',
  'login',
  'login-failed',
  'login-locked',
  'logout',
  'password-changed',
  'sso-login',
  'sso-linked',
  'sso-failed',
  'profile-updated',
  'consent-given',
  'roles-changed',
  'status-changed',
  'processing-stopped',
  'processing-resumed',
  'deletion-requested',
  'deletion-completed',
  'data-exported',
  'admin-created',
] as const;
export type AuditEvent = (typeof AUDIT_EVENTS)[number];

export interface AuditEntry {
  id: string;
  at: Date;
  event: AuditEvent;
  actorId: string | null;
  subjectId: string | null;
  loginName: string | null;
  ip: string | null;
  detail: Record<string, unknown>;
}

export interface AuditQuery {
  event?: AuditEvent;
  userId?: string;
  from?: Date;
  to?: Date;
  limit: number;
  offset: number;
}

/**
 * Append-only log of auth events. Details never carry ID numbers, mobiles or passwords: callers
 * pass field names, not values.
 */
export class AuditLog {
  constructor(
    private readonly sql: Sql,
    private readonly clock: Clock,
  ) {}

  async record(entry: {
    event: AuditEvent;
    actorId?: string | null;
    subjectId?: string | null;
    loginName?: string | null;
    ip?: string | null;
    detail?: Record<string, unknown>;
  }): Promise<void> {
    await this.sql(
      `insert into auth_sso_audit (at, event, actor_id, subject_id, login_name, ip, detail)
       values (?, ?, ?, ?, ?, ?, ?::jsonb)`,
      [
        this.clock.now(),
        entry.event,
        entry.actorId ?? null,
        entry.subjectId ?? null,
        entry.loginName?.slice(0, 64) ?? null,
        entry.ip ?? null,
        JSON.stringify(entry.detail ?? {}),
      ],
    );
  }

  async find(query: AuditQuery): Promise<{ items: AuditEntry[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.event) {
      where.push('event = ?');
      params.push(query.event);
    }
    if (query.userId) {
      where.push('(subject_id = ? or actor_id = ?)');
      params.push(query.userId, query.userId);
    }
    if (query.from) {
      where.push('at >= ?');
      params.push(query.from);
    }
    if (query.to) {
      where.push('at < ?');
      params.push(query.to);
    }
    const clause = where.length > 0 ? `where ${where.join(' and ')}` : '';
    const rows = await this.sql<{
      id: string;
      at: Date;
      event: AuditEvent;
      actor_id: string | null;
      subject_id: string | null;
      login_name: string | null;
      ip: string | null;
      detail: Record<string, unknown>;
      total: string;
    }>(
      `select *, count(*) over () as total from auth_sso_audit ${clause}
       order by at desc, id desc limit ? offset ?`,
      [...params, query.limit, query.offset],
    );
    return {
      total: rows[0] ? Number(rows[0].total) : 0,
      items: rows.map((row) => ({
        id: String(row.id),
        at: new Date(row.at),
        event: row.event,
        actorId: row.actor_id,
        subjectId: row.subject_id,
        loginName: row.login_name,
        ip: row.ip,
        detail: row.detail,
      })),
    };
  }
}
