// Applies pending migrations in order, all in one transaction, holding a lock so
// that several processes starting at once (serve, workers) migrate only once.
// Our own small runner rather than Kysely's Migrator: that one introspects every
// schema of a PostgreSQL database, which fails while another schema is dropped.
import { sql } from 'kysely';
import type { Db } from './connect.js';
import { lockForChain } from './dialect.js';
import { migrations } from './migrations/index.js';

export interface MigrationOutcome {
  migrationName: string;
  status: 'Success';
}

export class MigrationError extends Error {}

export async function migrateToLatest(db: Db): Promise<{ results: MigrationOutcome[] }> {
  const names = Object.keys(migrations).sort();
  return db.transaction().execute(async (trx) => {
    await lockForChain(trx, 'hearth_migrations');
    await sql`create table if not exists hearth_schema_migrations (name text primary key, executed_at text not null)`.execute(trx);
    const done = new Set(
      (await sql<{ name: string }>`select name from hearth_schema_migrations`.execute(trx)).rows.map((r) => r.name),
    );
    const unknown = [...done].filter((n) => !(n in migrations));
    if (unknown.length > 0) throw new MigrationError(`the database has migrations this version does not know: ${unknown.join(', ')} (is this an older Hearth?)`);
    const latestDone = [...done].sort().pop();
    const pending = names.filter((n) => !done.has(n));
    // A migration older than one already applied means two branches were merged wrongly.
    const early = pending.filter((n) => latestDone !== undefined && n < latestDone);
    if (early.length > 0) throw new MigrationError(`migrations out of order: ${early.join(', ')} sort before ${latestDone}, which already ran`);
    const results: MigrationOutcome[] = [];
    for (const name of pending) {
      await migrations[name]!.up(trx);
      await sql`insert into hearth_schema_migrations (name, executed_at) values (${name}, ${new Date().toISOString()})`.execute(trx);
      results.push({ migrationName: name, status: 'Success' });
    }
    return { results };
  });
}
