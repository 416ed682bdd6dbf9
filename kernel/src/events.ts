import type { Logger } from 'pino';

/**
 * Events plugins announce after something happened (a dataset was published, a user was
 * deleted). Unlike hooks, listeners cannot change the outcome; a failing listener is logged and
 * does not fail the emitter. Augment to type them:
 *
 *   declare module '@kaifang/kernel' { interface KernelEvents { 'catalog.published': { id: string } } }
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by module augmentation
export interface KernelEvents {}

type EventName = keyof KernelEvents & string;
type Listener<K extends EventName> = (payload: KernelEvents[K]) => void | Promise<void>;

export interface EventBus {
  on<K extends EventName>(event: K, listener: Listener<K>): void;
  /** Resolves when every listener has finished (failures are logged, not thrown). */
  emit<K extends EventName>(event: K, payload: KernelEvents[K]): Promise<void>;
}

export class KernelEventBus {
  readonly #listeners = new Map<string, { plugin: string; fn: (payload: unknown) => unknown }[]>();

  constructor(private readonly logger: Logger) {}

  /** The bus as one plugin sees it: its listeners are recorded under its name. */
  forPlugin(plugin: string): EventBus {
    return {
      on: (event, listener) => {
        const list = this.#listeners.get(event) ?? [];
        list.push({ plugin, fn: listener as (payload: unknown) => unknown });
        this.#listeners.set(event, list);
      },
      emit: async (event, payload) => {
        const listeners = this.#listeners.get(event) ?? [];
        await Promise.all(
          listeners.map(async ({ plugin: listener, fn }) => {
            try {
              await fn(payload);
            } catch (error) {
              this.logger.error(
                { err: error, event, listener, emitter: plugin },
                'event listener failed',
              );
            }
          }),
        );
      },
    };
  }
}
