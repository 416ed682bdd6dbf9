import { Boom, type LocalizedText } from '@kaifang/sdk';
import type { Principal, Role } from './principal.ts';

export interface PermissionDeclaration {
  /** `<plugin>.<object>.<action>`, e.g. `catalog.dataset.edit`. */
  name: string;
  description: LocalizedText;
  /** Roles that hold the permission. */
  roles: Role[];
  /**
   * When true, a provider admin holds it only for objects of their own organisation;
   * a platform admin holds it everywhere.
   */
  organisationScoped?: boolean;
  /** When true, a user also holds it on objects they own (`target.ownerId`), whatever the role. */
  owner?: boolean;
}

export interface PermissionTarget {
  organisationId?: string;
  ownerId?: string;
}

const NAME = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/;

/** Every permission the running plugins declared; filled once, at register time. */
export class PermissionRegistry {
  readonly #permissions = new Map<string, PermissionDeclaration>();

  declare(permission: PermissionDeclaration): void {
    if (!NAME.test(permission.name)) {
      throw new Error(
        `permission '${permission.name}' must look like '<plugin>.<object>.<action>' (lower case, dots)`,
      );
    }
    if (this.#permissions.has(permission.name)) {
      throw new Error(`permission '${permission.name}' is declared twice`);
    }
    this.#permissions.set(permission.name, Object.freeze({ ...permission }));
  }

  get(name: string): PermissionDeclaration | undefined {
    return this.#permissions.get(name);
  }

  list(): PermissionDeclaration[] {
    return [...this.#permissions.values()];
  }
}

/** Decides one permission for one principal on one object; pure, so it is cheap to call often. */
export function can(
  registry: PermissionRegistry,
  principal: Principal | undefined,
  name: string,
  target: PermissionTarget = {},
): boolean {
  const permission = registry.get(name);
  // An unknown permission is a programming error; refusing is the safe answer.
  if (!permission || !principal) return false;
  if (permission.owner && target.ownerId !== undefined && target.ownerId === principal.userId) {
    return true;
  }
  return permission.roles.some((role) => {
    if (!principal.roles.includes(role)) return false;
    if (!permission.organisationScoped || role !== 'provider-admin') return true;
    // Provider admins act for one organisation only; a target without one is not theirs.
    return (
      principal.organisationId !== undefined &&
      target.organisationId !== undefined &&
      target.organisationId === principal.organisationId
    );
  });
}

/** Like `can`, but throws the 401/403 a route should answer with. */
export function assertCan(
  registry: PermissionRegistry,
  principal: Principal | undefined,
  name: string,
  target?: PermissionTarget,
): void {
  if (!registry.get(name)) {
    throw Boom.internal(`permission '${name}' was never declared; declare it in register`);
  }
  if (!principal) throw Boom.unauthorized(`log in first: this needs the permission '${name}'`);
  if (!can(registry, principal, name, target)) {
    const permission = registry.get(name)!;
    const scoped = permission.organisationScoped ? ' (provider admins: own organisation only)' : '';
    throw Boom.forbidden(
      `you lack the permission '${name}', held by ${permission.roles.join(', ')}${scoped}`,
    );
  }
}
