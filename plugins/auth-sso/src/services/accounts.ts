import { Boom } from '@kaifang/sdk';
import type { User } from '../entities/user.ts';
import type { AuthOptions } from '../options.ts';
import type { AuditLog } from './audit.ts';
import type { SessionSso, SessionStore } from './sessions.ts';
import type { LoginThrottle } from './throttle.ts';
import type { UserService } from './users.ts';

/** A 429 that tells the client when to come back. */
export function tooManyAttempts(seconds: number, what = 'too many failed logins'): Error {
  const error = Boom.tooManyRequests(
    `${what}; try again in ${seconds} seconds or contact the platform`,
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

  /**
   * Counts one registration from `ip`, or throws a 429 once the IP has used its allowance
   * (`limits.registration`), so one address cannot mass-create accounts or probe which login
   * names and ID numbers are taken. Call it just before the account is created: form mistakes
   * do not use up the allowance. The count is one atomic upsert, so parallel requests (or two
   * nodes) cannot slip past the limit together.
   */
  async admitRegistration(ip: string): Promise<void> {
    const { throttle, limits } = this.deps;
    const key = `register-ip:${ip}`;
    const refuse = (seconds: number) =>
      tooManyAttempts(seconds, 'too many registrations from this network address');
    const wait = await throttle.retryAfter(key);
    if (wait > 0) throw refuse(wait);
    const { perIp, windowSeconds } = limits.registration;
    // The throttle locks when the count reaches its maximum: perIp + 1 is the first refused.
    const locked = await throttle.fail(key, {
      maxFailures: perIp + 1,
      windowSeconds,
      lockSeconds: windowSeconds,
    });
    if (locked > 0) throw refuse(locked);
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

  /**
   * Starts a fresh session (a new id at every login: no session fixation); `sso` is what a
   * single sign-on leaves for logging out at the provider later.
   */
  async startSession(
    user: User,
    ip: string,
    previousSid?: string,
    sso?: SessionSso,
  ): Promise<string> {
    if (previousSid) await this.deps.sessions.end(previousSid, 'login');
    return this.deps.sessions.create(user.id, ip, sso);
  }
}
