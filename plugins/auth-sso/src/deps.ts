import type { Clock, EventBus, Request } from '@kaifang/sdk';
import type { AuthOptions } from './options.ts';
import type { PermissionRegistry } from './permissions.ts';
import type { Accounts } from './services/accounts.ts';
import type { AuditLog } from './services/audit.ts';
import type { SessionStore } from './services/sessions.ts';
import type { UserService } from './services/users.ts';
import type { SsoRegistry } from './sso/registry.ts';

/** What the routes need; built once in register, filled in by start. */
export interface AuthDeps {
  options: AuthOptions;
  clock: Clock;
  events: EventBus;
  users: UserService;
  accounts: Accounts;
  sessions: SessionStore;
  audit: AuditLog;
  permissions: PermissionRegistry;
  sso: SsoRegistry;
}

/**
 * The client address used for limits and the audit log. Behind a load balancer every request
 * comes from the balancer, so X-Forwarded-For is read, but only when the direct peer is one of
 * `trustedProxies` (anyone else could forge the header to dodge the per-IP limit).
 */
export function clientIp(request: Request, trustedProxies: readonly string[]): string {
  const peer = request.info.remoteAddress || 'unknown';
  if (!trustedProxies.includes(peer)) return peer;
  const forwarded = String(request.headers['x-forwarded-for'] ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  // The nearest address that is not one of our proxies is the client.
  for (let i = forwarded.length - 1; i >= 0; i--) {
    if (!trustedProxies.includes(forwarded[i]!)) return forwarded[i]!;
  }
  return peer;
}

/** The session id behind a cookie-authenticated request, if any. */
export function sessionIdOf(request: Request): string | undefined {
  const artifacts = request.auth.artifacts as { sid?: unknown } | undefined;
  return request.auth.isAuthenticated && typeof artifacts?.sid === 'string'
    ? artifacts.sid
    : undefined;
}
