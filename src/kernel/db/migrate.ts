import { Migrator, type MigrationResultSet } from 'kysely/migration';
import type { Db } from './connect.js';
import { migrations } from './migrations/index.js';

/** `schema`: the PostgreSQL schema when not the default (Kysely would otherwise find its tables in any schema). */
export async function migrateToLatest(db: Db, schema?: string): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db,
    ...(schema ? { migrationTableSchema: schema } : {}),
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'hearth_migrations',
    migrationLockTableName: 'hearth_migrations_lock',
  });
  const result = await migrator.migrateToLatest();
  if (result.error) throw result.error;
  return result;
}
