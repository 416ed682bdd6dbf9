import { SyncWaterfallHook } from '@kaifang/sdk';

/** Hooks this plugin offers to others. */
export function createHelloHooks() {
  return {
    /** Builds the greeting text; each tap may rewrite what the previous one produced. */
    composeGreeting: new SyncWaterfallHook<[string, { name: string }]>(['message', 'person']),
  };
}

export type HelloHooks = ReturnType<typeof createHelloHooks>;
