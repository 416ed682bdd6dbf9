import { Kernel } from '@kaifang/kernel';
import { loadConfig } from './load-config.ts';

const FORCED_EXIT_MS = 10_000;

export async function startCommand(configPath?: string): Promise<void> {
  const began = Date.now();
  const { path, config } = await loadConfig(configPath);
  const kernel = await Kernel.prepare({ config });
  kernel.logger.info(
    { config: path, plugins: kernel.plugins.map((plugin) => plugin.name) },
    'starting',
  );

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    kernel.logger.info({ signal }, 'shutting down');
    setTimeout(() => {
      kernel.logger.error('shutdown took too long; exiting anyway');
      process.exit(1);
    }, FORCED_EXIT_MS).unref();
    kernel.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        kernel.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));

  await kernel.start();
  await kernel.listen();
  kernel.logger.info({ ms: Date.now() - began, url: kernel.server.info.uri }, 'ready');
}
