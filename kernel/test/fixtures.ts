import { definePlugin, type PluginDefinition } from '@kaifang/sdk';

/** A plugin that only records its lifecycle steps into `log`. */
export function recordingPlugin(
  name: string,
  log: string[],
  extra: Partial<Parameters<typeof definePlugin>[0]> = {},
): PluginDefinition {
  return definePlugin({
    name,
    version: '1.0.0',
    kernel: '^0.1.0',
    register: () => {
      log.push(`register ${name}`);
    },
    start: () => {
      log.push(`start ${name}`);
    },
    stop: () => {
      log.push(`stop ${name}`);
    },
    ...extra,
  });
}
