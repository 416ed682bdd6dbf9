import type { Clock } from '@kaifang/sdk';
import type { SessionStore } from './sessions.ts';
import type { Sql } from './sql.ts';

/**
 * Completes a deletion request: the account row stays (other plugins keep ids pointing at it)
 * but every personal field is erased, the login name is replaced, SSO links and sessions go,
 * and the audit trail keeps its events without the name and address of the person.
 */
export async function eraseUser(
  deps: { sql: Sql; clock: Clock; sessions: SessionStore },
  userId: string,
): Promise<string> {
  const anonymous = `deleted-${userId.slice(0, 8)}`;
  const now = deps.clock.now();
  await deps.sql(
    `update auth_sso_user set
       login_name = ?, password_hash = null, real_name = null, id_number = null, gender = null,
       mobile = null, email = null, industry = null, occupation = null, organisation_id = null,
       roles = '{user}', status = 'deleted', deleted_at = ?, updated_at = ?
     where id = ?`,
    [anonymous, now, now, userId],
  );
  await deps.sql('delete from auth_sso_identity where user_id = ?', [userId]);
  await deps.sql('update auth_sso_audit set login_name = ?, ip = null where subject_id = ?', [
    anonymous,
    userId,
  ]);
  await deps.sessions.endAll(userId, 'deleted');
  return anonymous;
}
