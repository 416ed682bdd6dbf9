import { randomUUID } from 'node:crypto';
import { Boom, type Clock, type DbService } from '@kaifang/sdk';
import { hash, verify } from '@node-rs/argon2';
import { passwordProblem } from '../domain/password.ts';
import { type Gender, type User, UserSchema, type UserStatus } from '../entities/user.ts';
import { type Principal, type Role, scopeOf } from '../principal.ts';

/** Profile fields a user gives at registration and may later correct (U1, U3). */
export interface ProfileInput {
  realName?: string | null;
  idNumber?: string | null;
  gender?: Gender | null;
  mobile?: string | null;
  email?: string | null;
  industry?: string | null;
  occupation?: string | null;
}

export interface NewUser extends ProfileInput {
  loginName: string;
  /** Absent for accounts that only log in through SSO. */
  password?: string;
  roles?: Role[];
  organisationId?: string | null;
  consent?: { agreementVersion: string; privacyNoticeVersion: string };
}

// argon2id with the library's defaults (19 MiB, t=2): OWASP's minimum recommendation.
const HASH_OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 };
// Verified against when the login name is unknown, so both paths take the same time.
let dummyHash: Promise<string> | undefined;

export function principalFromUser(user: User): Principal {
  const roles = [...user.roles];
  return {
    userId: user.id,
    loginName: user.loginName,
    realName: user.realName ?? user.loginName,
    roles,
    ...(user.organisationId && roles.includes('provider-admin')
      ? { organisationId: user.organisationId }
      : {}),
    scope: scopeOf(roles, user.organisationId),
  };
}

/**
 * Translates a unique-index violation into the 409 that names the field. Any other database
 * error is replaced by one without the statement: its text holds ID numbers and mobiles,
 * and errors end up in logs.
 */
function conflict(error: unknown): never {
  const detail = error as { code?: string; constraint?: string; message?: string };
  const text = `${detail.constraint ?? ''} ${detail.message ?? ''}`;
  if (detail.code === '23505' || /duplicate key|UniqueConstraint/i.test(text)) {
    if (text.includes('auth_sso_user_login')) {
      throw Boom.conflict('"loginName" is already taken; choose another login name');
    }
    if (text.includes('auth_sso_user_id_number')) {
      throw Boom.conflict(
        '"idNumber" is already registered to another account; log in with that account instead',
      );
    }
  }
  throw Boom.badImplementation(
    `saving the account failed (database error ${detail.code ?? 'unknown'}${detail.constraint ? ` on ${detail.constraint}` : ''})`,
  );
}

export class UserService {
  constructor(
    private readonly db: DbService,
    private readonly clock: Clock,
  ) {}

  em(): ReturnType<DbService['fork']> {
    return this.db.fork();
  }

  async hashPassword(password: string): Promise<string> {
    return hash(password, HASH_OPTIONS);
  }

  async create(input: NewUser): Promise<User> {
    if (input.password !== undefined) {
      const problem = passwordProblem(input.password, input.loginName);
      if (problem) throw Boom.badRequest(`"password" ${problem}`);
    }
    const now = this.clock.now();
    const em = this.em();
    const user = em.create(UserSchema, {
      id: randomUUID(),
      loginName: input.loginName,
      passwordHash: input.password === undefined ? null : await this.hashPassword(input.password),
      realName: input.realName ?? null,
      idNumber: input.idNumber ?? null,
      gender: input.gender ?? null,
      mobile: input.mobile ?? null,
      email: input.email ?? null,
      industry: input.industry ?? null,
      occupation: input.occupation ?? null,
      roles: normaliseRoles(input.roles ?? ['user']),
      organisationId: input.organisationId ?? null,
      status: 'active',
      agreementVersion: input.consent?.agreementVersion ?? null,
      agreementAcceptedAt: input.consent ? now : null,
      privacyNoticeVersion: input.consent?.privacyNoticeVersion ?? null,
      privacyConsentedAt: input.consent ? now : null,
      processingStoppedAt: null,
      deletionRequestedAt: null,
      deletedAt: null,
      createdAt: now,
      updatedAt: now,
    });
    try {
      await em.persistAndFlush(user);
    } catch (error) {
      conflict(error);
    }
    return user;
  }

  async get(id: string): Promise<User | null> {
    return this.em().findOne(UserSchema, { id });
  }

  async byLoginName(loginName: string): Promise<User | null> {
    const [row] = await this.em()
      .getConnection()
      .execute<{ id: string }[]>(
        'select id from auth_sso_user where lower(login_name) = lower(?)',
        [loginName],
      );
    return row ? this.get(row.id) : null;
  }

  async byIdNumber(idNumber: string): Promise<User | null> {
    return this.em().findOne(UserSchema, { idNumber });
  }

  /** True when the password matches; takes the same time when the user does not exist. */
  async verifyPassword(user: User | null, password: string): Promise<boolean> {
    const stored = user
      ? (
          await this.em()
            .getConnection()
            .execute<{ password_hash: string | null }[]>(
              'select password_hash from auth_sso_user where id = ?',
              [user.id],
            )
        )[0]?.password_hash
      : null;
    if (!stored) {
      dummyHash ??= this.hashPassword(randomUUID());
      await verify(await dummyHash, password).catch(() => false);
      return false;
    }
    return verify(stored, password).catch(() => false);
  }

  async setPassword(userId: string, password: string, loginName: string): Promise<void> {
    const problem = passwordProblem(password, loginName);
    if (problem) throw Boom.badRequest(`"newPassword" ${problem}`);
    await this.em()
      .getConnection()
      .execute('update auth_sso_user set password_hash = ?, updated_at = ? where id = ?', [
        await this.hashPassword(password),
        this.clock.now(),
        userId,
      ]);
  }

  /** Applies a partial profile; returns the names of the fields that changed. */
  async update(userId: string, patch: Partial<User>): Promise<{ user: User; changed: string[] }> {
    const em = this.em();
    const user = await em.findOne(UserSchema, { id: userId });
    if (!user) throw Boom.notFound(`no user with id ${userId}`);
    const changed: string[] = [];
    for (const [key, value] of Object.entries(patch) as [keyof User, unknown][]) {
      if (value === undefined) continue;
      const current = user[key];
      const same = Array.isArray(value)
        ? JSON.stringify(value) === JSON.stringify(current)
        : value === current ||
          (value instanceof Date &&
            current instanceof Date &&
            value.getTime() === current.getTime());
      if (same) continue;
      (user as unknown as Record<string, unknown>)[key] = value;
      changed.push(key);
    }
    if (changed.length > 0) {
      user.updatedAt = this.clock.now();
      try {
        await em.flush();
      } catch (error) {
        conflict(error);
      }
    }
    return { user, changed };
  }

  async find(filter: {
    role?: Role;
    organisationId?: string;
    status?: UserStatus;
    deletionRequested?: boolean;
    q?: string;
    limit: number;
    offset: number;
  }): Promise<{ items: User[]; total: number }> {
    const where: Record<string, unknown> = {};
    if (filter.role) where.roles = { $contains: [filter.role] };
    if (filter.organisationId) where.organisationId = filter.organisationId;
    if (filter.status) where.status = filter.status;
    if (filter.deletionRequested === true) where.deletionRequestedAt = { $ne: null };
    if (filter.deletionRequested === false) where.deletionRequestedAt = null;
    if (filter.q) {
      const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      where.$or = [{ loginName: { $ilike: like } }, { realName: { $ilike: like } }];
    }
    const [items, total] = await this.em().findAndCount(UserSchema, where, {
      orderBy: { createdAt: 'asc' },
      limit: filter.limit,
      offset: filter.offset,
    });
    return { items, total };
  }
}

/** Everyone registered is a `user`; the order is fixed so stored arrays compare equal. */
export function normaliseRoles(roles: readonly Role[]): Role[] {
  const order: Role[] = ['user', 'verified', 'provider-admin', 'platform-admin'];
  const set = new Set<Role>(['user', ...roles]);
  return order.filter((role) => set.has(role));
}
