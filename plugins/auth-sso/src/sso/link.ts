import { randomBytes } from 'node:crypto';
import type { AuthDeps } from '../deps.ts';
import { idNumberProblem } from '../domain/id-number.ts';
import type { User } from '../entities/user.ts';
import type { Sql } from '../services/sql.ts';
import type { SsoIdentity } from './adapter.ts';

export interface LinkResult {
  user: User;
  created: boolean;
  linked: boolean;
}

/**
 * Finds the local account for an SSO identity, linking or creating it on first login:
 * 1. an existing link (provider, subject) wins;
 * 2. a user who is logged in while doing SSO links the identity to their account;
 * 3. a real-name verified identity links to the local account with the same ID number (the
 *    province vouches for it; an unverified ID number could be someone else's, so never);
 * 4. otherwise a new account without a password is created.
 * A verified identity grants the `verified` role.
 */
export async function resolveSsoUser(
  deps: AuthDeps,
  sql: Sql,
  provider: string,
  identity: SsoIdentity,
  currentUserId?: string,
): Promise<LinkResult> {
  const [link] = await sql<{ user_id: string }>(
    'select user_id from auth_sso_identity where provider = ? and subject = ?',
    [provider, identity.subject],
  );
  let user = link ? await deps.users.get(link.user_id) : null;
  let created = false;
  let linked = false;
  const idNumber =
    identity.idNumber && !idNumberProblem(identity.idNumber, deps.clock.now())
      ? identity.idNumber
      : undefined;

  if (!user && currentUserId) user = await deps.users.get(currentUserId);
  if (!user && identity.verified && idNumber) user = await deps.users.byIdNumber(idNumber);
  if (!user) {
    // An unverified ID number that is already registered belongs to that account, not this one.
    const idTaken = idNumber ? (await deps.users.byIdNumber(idNumber)) !== null : false;
    user = await deps.users.create({
      loginName: await freeLoginName(deps, provider),
      realName: identity.realName ?? identity.organisationName ?? null,
      idNumber: idTaken ? null : (idNumber ?? null),
      mobile: identity.mobile ?? null,
      email: identity.email ?? null,
    });
    created = true;
  }
  if (!link) {
    await sql(
      `insert into auth_sso_identity (provider, subject, user_id, created_at) values (?, ?, ?, ?)
       on conflict (provider, subject) do nothing`,
      [provider, identity.subject, user.id, deps.clock.now()],
    );
    linked = true;
  }
  if (identity.verified && !user.roles.includes('verified') && user.status === 'active') {
    user = (await deps.users.update(user.id, { roles: [...user.roles, 'verified'] })).user;
  }
  return { user, created, linked };
}

async function freeLoginName(deps: AuthDeps, provider: string): Promise<string> {
  for (;;) {
    const name = `${provider.slice(0, 20)}_${randomBytes(5).toString('hex')}`;
    if (!(await deps.users.byLoginName(name))) return name;
  }
}
