import { KaifangError } from './errors.ts';

export type Phase = 'register' | 'start' | 'running' | 'stopping';

/**
 * Another plugin's API or hooks as one plugin sees them: only those it declared in requires or
 * optional, and APIs only once they exist (from `start` on). Misuse is an error naming both.
 */
export function guardedView<T extends object>(options: {
  plugin: string;
  what: 'API' | 'hooks';
  declared: ReadonlySet<string>;
  source: ReadonlyMap<string, unknown>;
  phase: () => Phase;
}): T {
  const { plugin, what, declared, source, phase } = options;
  return new Proxy({} as T, {
    get(_target, key) {
      if (typeof key !== 'string') return undefined;
      if (!declared.has(key)) {
        throw new KaifangError(
          `plugin '${plugin}' uses the ${what} of '${key}' but does not list '${key}' in requires or optional`,
          plugin,
        );
      }
      if (what === 'API' && phase() === 'register') {
        throw new KaifangError(
          `plugin '${plugin}' reads ctx.plugins['${key}'] in register; plugin APIs exist from start on`,
          plugin,
        );
      }
      return source.get(key);
    },
    has(_target, key) {
      return typeof key === 'string' && declared.has(key) && source.has(key);
    },
    ownKeys() {
      return [...declared].filter((name) => source.has(name));
    },
    getOwnPropertyDescriptor(_target, key) {
      return typeof key === 'string' && declared.has(key) && source.has(key)
        ? { enumerable: true, configurable: true, value: source.get(key) }
        : undefined;
    },
    set() {
      throw new KaifangError(
        `plugin '${plugin}' tried to replace another plugin's ${what}; they are read-only`,
        plugin,
      );
    },
  });
}
