import { Migrator } from '@mikro-orm/migrations';
import { type EntitySchema, MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import type { PluginMigration } from '../plugin.ts';

export interface OwnedMigration extends PluginMigration {
  plugin: string;
}

/** Migration names as stored: `<plugin>/<name>`, so two plugins may both have `0001_init`. */
export function qualifiedName(migration: OwnedMigration): string {
  return `${migration.plugin}/${migration.name}`;
}

export const MIGRATIONS_TABLE = 'kaifang_migrations';

/**
 * Opens MikroORM on `url` with every plugin's entities. Migrations are listed in plugin start
 * order, so a plugin's tables exist before those of plugins that depend on it.
 */
export async function openOrm(options: {
  url: string;
  entities: EntitySchema[];
  migrations: OwnedMigration[];
}): Promise<MikroORM> {
  return MikroORM.init({
    clientUrl: options.url,
    entities: options.entities,
    discovery: { warnWhenNoEntities: false },
    extensions: [Migrator],
    migrations: {
      tableName: MIGRATIONS_TABLE,
      migrationsList: options.migrations.map((migration) => ({
        name: qualifiedName(migration),
        class: migration.class,
      })),
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      silent: true,
    },
    // Without a bound, a request waits a minute for a connection when the database is down.
    pool: { min: 0, max: 10, acquireTimeoutMillis: 5000 },
    driverOptions: { connection: { connectionTimeoutMillis: 3000 } },
    debug: false,
  });
}

/** Any constant: every Kaifang node takes this advisory lock before migrating. */
const MIGRATION_LOCK = 4_242_0001;

/**
 * Applies pending migrations; returns the names applied (empty when up to date). Several nodes
 * may start at once on one database: an advisory lock lets one migrate while the others wait,
 * then find nothing left to do.
 */
export async function migrate(orm: MikroORM, url: string): Promise<string[]> {
  const lock = new pg.Client({ connectionString: url });
  await lock.connect();
  try {
    await lock.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await orm.getMigrator().up();
    return applied.map((migration) => migration.name);
  } finally {
    await lock.end();
  }
}
