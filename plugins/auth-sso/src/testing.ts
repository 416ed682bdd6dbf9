import { randomBytes } from 'node:crypto';
import type { TestKernel } from '@kaifang/sdk/testing';
import { idCheckCharacter } from './domain/id-number.ts';
import { authServicesOf } from './plugin.ts';
import type { Role } from './principal.ts';

/**
 * Test helpers for any plugin that requires auth-sso: make users and log them in through
 * the real login route, then pass `headers` to `test.inject`.
 *
 *   const admin = await loginAs(test, { roles: ['platform-admin'] });
 *   await test.inject({ method: 'POST', url: '/api/v1/...', headers: admin.headers, payload });
 */

export interface TestUserOptions {
  loginName?: string;
  password?: string;
  realName?: string;
  roles?: Role[];
  /** The organisation a provider admin administers. */
  organisationId?: string;
  /** Adds the `verified` role (a real-name verified user). */
  verified?: boolean;
}

export interface TestUser {
  id: string;
  loginName: string;
  password: string;
  realName: string;
  idNumber: string;
  mobile: string;
  email: string;
  roles: Role[];
  organisationId?: string;
}

/**
 * The headers that let a request pass the CSRF check: the cookies and the crumb. (A type, not
 * an interface, so it still fits where tests take `Record<string, string>` headers.)
 */
export type CsrfHeaders = { cookie: string; 'x-csrf-token': string };

export interface LoggedIn {
  user: TestUser;
  /** `cookie` carries the session and crumb cookies; `x-csrf-token` the crumb for writes. */
  headers: CsrfHeaders;
}

let counter = 0;
let idCounter = 0;

/**
 * A valid resident ID number (Dezhou area code, a real birth date), different for each call
 * in this process (every test kernel has a database of its own).
 */
export function fakeIdNumber(): string {
  idCounter += 1;
  const year = 1970 + (Math.floor(idCounter / 1000) % 30);
  const sequence = String(idCounter % 1000).padStart(3, '0');
  const first17 = `371402${year}0615${sequence}`;
  return `${first17}${idCheckCharacter(first17)}`;
}

/** Creates a user through auth-sso's own service (the same rules as registration). */
export async function createUser(
  test: TestKernel,
  options: TestUserOptions = {},
): Promise<TestUser> {
  counter += 1;
  const { users } = authServicesOf(test.kernel.server);
  const loginName = options.loginName ?? `user${counter}_${randomBytes(3).toString('hex')}`;
  const password = options.password ?? `Test-${randomBytes(6).toString('hex')}!`;
  const roles: Role[] = [...(options.roles ?? ['user'])];
  if (options.verified && !roles.includes('verified')) roles.push('verified');
  const realName = options.realName ?? `测试用户${counter}`;
  const idNumber = fakeIdNumber();
  const mobile = `139${String(randomBytes(4).readUInt32BE() % 1e8).padStart(8, '0')}`;
  const email = `${loginName.toLowerCase()}@example.org`;
  const user = await users.create({
    loginName,
    password,
    realName,
    idNumber,
    gender: 'unspecified',
    mobile,
    email,
    roles,
    organisationId: options.organisationId ?? null,
  });
  return {
    id: user.id,
    loginName,
    password,
    realName,
    idNumber,
    mobile,
    email,
    roles: user.roles,
    ...(user.organisationId ? { organisationId: user.organisationId } : {}),
  };
}

/** Reads `name=value` pairs out of a response's Set-Cookie headers. */
export function cookiesFrom(setCookie: string | string[] | undefined): Record<string, string> {
  const lines = setCookie === undefined ? [] : Array.isArray(setCookie) ? setCookie : [setCookie];
  const jar: Record<string, string> = {};
  for (const line of lines) {
    const [pair] = line.split(';');
    const at = pair?.indexOf('=') ?? -1;
    if (pair && at > 0) jar[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
  }
  return jar;
}

/**
 * A guest's CSRF headers, as a browser has them after loading any page: the crumb cookie that
 * `GET /api/v1/auth/session` sets, and the same value as `X-CSRF-Token`. `POST /auth/login`
 * and `POST /auth/register` refuse requests without them (login CSRF).
 */
export async function guestHeaders(test: Pick<TestKernel, 'inject'>): Promise<CsrfHeaders> {
  const response = await test.inject('/api/v1/auth/session');
  const crumb = cookiesFrom(response.headers['set-cookie']).crumb;
  if (!crumb) throw new Error('guestHeaders: GET /api/v1/auth/session set no crumb cookie');
  return { cookie: `crumb=${crumb}`, 'x-csrf-token': crumb };
}

/** The credentials of an account that already exists (e.g. the first admin). */
export interface Credentials {
  loginName: string;
  password: string;
}

/**
 * Logs in through `POST /api/v1/auth/login`: a user from `createUser`, the credentials of an
 * existing account (`{ loginName, password }` only), or options to create a new user first.
 */
export async function loginAs(
  test: TestKernel,
  who: TestUser | Credentials | TestUserOptions = {},
): Promise<LoggedIn> {
  const user = await resolve(test, who);
  const response = await test.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    headers: await guestHeaders(test),
    payload: { loginName: user.loginName, password: user.password },
  });
  if (response.statusCode !== 200) {
    throw new Error(
      `loginAs(${user.loginName}) failed: ${response.statusCode} ${response.payload}`,
    );
  }
  // Login answers with the session and a fresh crumb (the guest one is replaced).
  const jar = cookiesFrom(response.headers['set-cookie']);
  const session = jar.kf_session;
  const crumb = jar.crumb;
  if (!session || !crumb)
    throw new Error('loginAs: the login answer set no session or crumb cookie');
  return {
    user,
    headers: { cookie: `kf_session=${session}; crumb=${crumb}`, 'x-csrf-token': crumb },
  };
}

async function resolve(
  test: TestKernel,
  who: TestUser | Credentials | TestUserOptions,
): Promise<TestUser> {
  if ('id' in who && typeof who.id === 'string') return who as TestUser;
  const keys = Object.keys(who);
  const isCredentials = keys.length === 2 && 'loginName' in who && 'password' in who;
  if (!isCredentials) return createUser(test, who as TestUserOptions);
  const { loginName, password } = who as Credentials;
  const found = await authServicesOf(test.kernel.server).users.byLoginName(loginName);
  if (!found) throw new Error(`loginAs: no account '${loginName}'`);
  return {
    id: found.id,
    loginName: found.loginName,
    password,
    realName: found.realName ?? '',
    idNumber: found.idNumber ?? '',
    mobile: found.mobile ?? '',
    email: found.email ?? '',
    roles: found.roles,
    ...(found.organisationId ? { organisationId: found.organisationId } : {}),
  };
}
