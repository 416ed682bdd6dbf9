import { Kernel } from '@kaifang/kernel';
import { loadConfig } from './load-config.ts';

export async function migrateCommand(configPath?: string): Promise<void> {
  const { config } = await loadConfig(configPath);
  const kernel = await Kernel.prepare({ config, serveTheme: false });
  try {
    const applied = await kernel.openDatabase();
    console.log(
      applied.length > 0
        ? `applied ${applied.length} migration(s):\n  ${applied.join('\n  ')}`
        : 'the database is up to date',
    );
  } finally {
    await kernel.stop();
  }
}
