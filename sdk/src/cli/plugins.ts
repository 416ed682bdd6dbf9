import { Kernel } from '@kaifang/kernel';
import { loadConfig } from './load-config.ts';

/** Lists plugins in start order; needs no database (only `register` runs). */
export async function pluginsCommand(options: {
  config?: string;
  hooks?: boolean;
  json?: boolean;
}): Promise<void> {
  const { config } = await loadConfig(options.config);
  const kernel = await Kernel.prepare({ config });
  const plugins = kernel.plugins.map((plugin, index) => ({ order: index + 1, ...plugin }));
  const taps = kernel.taps;
  if (options.json) {
    console.log(JSON.stringify(options.hooks ? { plugins, taps } : { plugins }, null, 2));
    return;
  }
  console.table(
    plugins.map((plugin) => ({
      order: plugin.order,
      name: plugin.name,
      version: plugin.version,
      requires: plugin.requires.join(', ') || '—',
      optional: plugin.optional.join(', ') || '—',
    })),
  );
  if (options.hooks) {
    if (taps.length === 0) console.log('no hook is tapped');
    else console.table(taps.map((tap) => ({ hook: tap.hook, tapper: tap.tapper, type: tap.type })));
  }
}
