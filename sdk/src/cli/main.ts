import { KaifangError } from '@kaifang/kernel';
import { Command } from 'commander';
import { createPlugin } from './create-plugin.ts';
import { migrateCommand } from './migrate.ts';
import { pluginsCommand } from './plugins.ts';
import { runPluginCommand } from './run-command.ts';
import { startCommand } from './start.ts';

const program = new Command('kaifang')
  .description('Kaifang open-data portal: run, migrate and inspect a deployment, scaffold plugins')
  .showHelpAfterError();

program
  .command('start')
  .description('start the portal (embedded PostgreSQL unless DATABASE_URL is set)')
  .option(
    '-c, --config <file>',
    'deployment config (default: ./kaifang.config.ts, else examples/dezhou)',
  )
  .action((options: { config?: string }) => startCommand(options.config));

program
  .command('migrate')
  .description("apply every configured plugin's pending database migrations and exit")
  .option('-c, --config <file>', 'deployment config')
  .action((options: { config?: string }) => migrateCommand(options.config));

program
  .command('plugins')
  .description('list the configured plugins in start order')
  .option('-c, --config <file>', 'deployment config')
  .option('--hooks', 'also show which plugin taps which hook')
  .option('--json', 'print JSON')
  .action((options: { config?: string; hooks?: boolean; json?: boolean }) =>
    pluginsCommand(options),
  );

program
  .command('create-plugin')
  .description('scaffold plugins/<name> with an entity, a route, a hook tap, a README and a test')
  .argument('<name>', 'plugin name: lower-case letters, digits and hyphens')
  .option('--dir <dir>', 'parent directory', 'plugins')
  .action((name: string, options: { dir: string }) => createPlugin(name, options.dir));

// Any other command is one a configured plugin offers (catalog's `reindex`, for example).
program
  .command('run', { hidden: true })
  .argument('<command>')
  .option('-c, --config <file>', 'deployment config')
  .action((command: string, options: { config?: string }) =>
    runPluginCommand(command, options.config),
  );

const builtIn = new Set(program.commands.map((command) => command.name()).concat('help'));
const argv = [...process.argv];
const first = argv[2];
if (first && !first.startsWith('-') && !builtIn.has(first)) argv.splice(2, 0, 'run');

try {
  await program.parseAsync(argv);
} catch (error) {
  // Operators get the message (it names the plugin and what to do), not a stack trace.
  console.error(
    `kaifang: ${error instanceof KaifangError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
  process.exit(1);
}
