import { Kernel } from '@kaifang/kernel';
import { SingleBar } from 'cli-progress';
import { loadConfig } from './load-config.ts';

/** Runs a command a plugin offers (e.g. `kaifang reindex`) on a kernel that serves no HTTP. */
export async function runPluginCommand(name: string, configPath?: string): Promise<void> {
  const { config } = await loadConfig(configPath);
  const kernel = await Kernel.prepare({ config, serveTheme: false });
  kernel.assertCommand(name);
  const bar = new SingleBar({
    format: `${name} [{bar}] {percentage}% | {value}/{total}`,
    hideCursor: true,
  });
  let started = false;
  try {
    await kernel.start();
    await kernel.runCommand(name, {
      progress: (done, total) => {
        if (!started) {
          bar.start(total, done);
          started = true;
        }
        bar.setTotal(total);
        bar.update(done);
      },
      log: (message) => console.log(message),
    });
  } finally {
    if (started) bar.stop();
    await kernel.stop();
  }
}
