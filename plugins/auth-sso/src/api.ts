import { maskIdNumber, maskMobile } from './domain/masking.ts';
import type { User, UserStatus } from './entities/user.ts';
import type { PermissionDeclaration, PermissionTarget } from './permissions.ts';
import type { Principal, Role } from './principal.ts';
import type { NewUser } from './services/users.ts';

/**
 * A user as other plugins see it: enough to address and notify them, with the ID number
 * and mobile masked (only the owner ever sees those in full).
 */
export interface UserSummary {
  id: string;
  loginName: string;
  realName: string | null;
  email: string | null;
  mobileMasked: string | null;
  idNumberMasked: string | null;
  roles: Role[];
  organisationId: string | null;
  status: UserStatus;
  verified: boolean;
  /** The user asked that their data no longer be processed: send no notices, count no stats. */
  processingStopped: boolean;
}

export function summarise(user: User): UserSummary {
  return {
    id: user.id,
    loginName: user.loginName,
    realName: user.realName,
    email: user.email,
    mobileMasked: maskMobile(user.mobile),
    idNumberMasked: maskIdNumber(user.idNumber),
    roles: [...user.roles],
    organisationId: user.organisationId,
    status: user.status,
    verified: user.roles.includes('verified'),
    processingStopped: user.processingStoppedAt !== null,
  };
}

/** What `ctx.plugins['auth-sso']` offers other plugins (from their `start` on). */
export interface AuthApi {
  /** Whether the principal holds the permission on this object (no principal: a guest). */
  can(principal: Principal | undefined, permission: string, target?: PermissionTarget): boolean;
  /** Like `can`, but throws Boom 401 (guest) or 403 naming the permission. */
  assert(principal: Principal | undefined, permission: string, target?: PermissionTarget): void;
  permissions(): PermissionDeclaration[];
  getUser(id: string): Promise<UserSummary | null>;
  /**
   * The principal an active user acts as, exactly as when they sign in (roles, organisation,
   * scope): for work a user decided that runs later, e.g. publishing after their approval.
   * Null for an unknown, disabled or deleted user.
   */
  principalFor(userId: string): Promise<Principal | null>;
  /** Active users with the role (provider admins: optionally of one organisation). */
  findUsersByRole(role: Role, organisationId?: string): Promise<UserSummary[]>;
  /** True when the user asked that their data no longer be processed (U3). */
  processingStopped(userId: string): Promise<boolean>;
  /** Creates a user through the same rules as registration (seeding, tests, imports). */
  createUser(input: NewUser): Promise<UserSummary>;
}
