import { parseArgs } from 'node:util';
import { connectDatabase } from '../kernel/db/connect.js';
import { migrateToLatest } from '../kernel/db/migrate.js';
import type { Command } from './cli.js';
import { CliError, errorLine, write, writeJson } from './support.js';

export const migrate: Command = {
  summary: 'apply pending database migrations',
  usage: 'hearth migrate [--json]',
  details: `Brings the database named by DATABASE_URL to the latest schema. Safe to run again:
it then reports that the database is up to date. \`hearth serve\` migrates on start too;
run this before starting several web or worker processes on PostgreSQL.

  --json   print {"engine", "applied": [names], "upToDate"} instead of text

Exit status: 0 done, 1 a migration failed, 2 wrong arguments, 78 invalid configuration.`,
  async run(args, io, config) {
    const { values } = parseArgs({ args, options: { json: { type: 'boolean' } }, strict: true, allowPositionals: false });
    const { databaseUrl } = config();
    // Only a connection: no secret, mailer or logger is needed to migrate.
    const handle = connectDatabase(databaseUrl);
    try {
      let applied: string[];
      try {
        const result = await migrateToLatest(handle.db);
        applied = (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
      } catch (err) {
        throw new CliError(`migration failed: ${errorLine(err)}`);
      }
      if (values.json) {
        await writeJson(io, { engine: handle.engine, applied, upToDate: applied.length === 0 });
      } else if (applied.length === 0) {
        await write(io.stdout, 'database is up to date\n');
      } else {
        const lines = applied.map((name) => `applied ${name}`);
        lines.push(`${applied.length} migration${applied.length === 1 ? '' : 's'} applied (${handle.engine})`);
        await write(io.stdout, `${lines.join('\n')}\n`);
      }
      return 0;
    } finally {
      await handle.close();
    }
  },
};
