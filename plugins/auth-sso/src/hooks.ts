import { SyncHook } from '@kaifang/sdk';
import type { PermissionRegistry } from './permissions.ts';

/** Hooks auth-sso offers to other plugins. */
export function createAuthHooks() {
  return {
    /** Tap in `register` and call `registry.declare(...)` for each permission the plugin checks. */
    declarePermissions: new SyncHook<[PermissionRegistry]>(['registry']),
  };
}

export type AuthHooks = ReturnType<typeof createAuthHooks>;
