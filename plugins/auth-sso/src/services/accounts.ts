import { Boom } from '@kaifang/sdk';
import type { User } from '../entities/user.ts';
import type { AuthOptions } from '../options.ts';
import type { AuditLog } from './audit.ts';
import type { SessionStore } from './sessions.ts';
import type { LoginThrottle } from './throttle.ts';
import type { UserService } from './users.ts';

/** A 429 that tells the client when to come back. */
export function tooManyAttempts(seconds: number): Error {
  const error = Boom.tooManyRequests(
    `too many failed logins; try again in ${seconds} seconds or contact the platform`,
  );
  error.output.headers['Retry-After'] = String(seconds);
  return error;
}

/**
 * Password login with brute-force limits per account and per IP, and the audit trail.
 * Both limits are checked before the password so a locked account cannot be probed.
 */
export class Accounts {
  constructor(
    private readonly deps: {
      users: UserService;
      sessions: SessionStore;
      throttle: LoginThrottle;
      audit: AuditLog;
      limits: AuthOptions['limits'];
    },
  ) {}

  async passwordLogin(loginName: string, password: string, ip: string): Promise<User> {
    const { users, throttle, audit, limits } = this.deps;
    const accountKey = `account:${loginName.toLowerCase()}`;
    const ipKey = `ip:${ip}`;
    const wait = Math.max(await throttle.retryAfter(accountKey), await throttle.retryAfter(ipKey));
    if (wait > 0) {
      await audit.record({ event: 'login-locked', loginName, ip, detail: { retryAfter: wait } });
      throw tooManyAttempts(wait);
    }
    const user = await users.byLoginName(loginName);
    const valid = await users.verifyPassword(user, password);
    if (!valid || !user) {
      const locked = Math.max(
        await throttle.fail(accountKey, limits.account),
        await throttle.fail(ipKey, limits.ip),
      );
      await audit.record({
        event: 'login-failed',
        subjectId: user?.id ?? null,
        loginName,
        ip,
        detail: { reason: user ? 'password' : 'unknown-login-name', locked: locked > 0 },
      });
      if (locked > 0) throw tooManyAttempts(locked);
      // One message for both cases, so the answer does not reveal which login names exist.
      throw Boom.unauthorized('wrong login name or password');
    }
    this.assertCanLogIn(user);
    await throttle.reset(accountKey);
    return user;
  }

  /** Disabled, deleted and deletion-completed accounts cannot log in by any route. */
  assertCanLogIn(user: User): void {
    if (user.status === 'disabled') {
      throw Boom.forbidden('this account is disabled; contact the platform to re-enable it');
    }
    if (user.status === 'deleted') {
      throw Boom.forbidden('this account was deleted at its owner’s request and cannot log in');
    }
  }

  /** Starts a fresh session (a new id at every login: no session fixation). */
  async startSession(user: User, ip: string, previousSid?: string): Promise<string> {
    if (previousSid) await this.deps.sessions.end(previousSid, 'login');
    return this.deps.sessions.create(user.id, ip);
  }
}
