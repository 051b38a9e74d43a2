import { join } from 'node:path';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, engines, type TestDatabase } from '../../test/helpers/db.js';
import { runHearth } from '../../test/helpers/cli.js';
import { connectDatabase } from '../kernel/db/connect.js';
import { migrations } from '../kernel/db/migrations/index.js';

describe.each(engines)('hearth migrate (%s)', (engine) => {
  let dir: string;
  let pg: TestDatabase | undefined;
  let env: Record<string, string>;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hearth-migrate-'));
    if (engine === 'postgres') {
      // An empty schema, reached only through ?schema= in DATABASE_URL.
      pg = await createTestDatabase('postgres', { migrate: false });
      env = { DATABASE_URL: `${pg.url}?schema=${pg.schema}` };
    } else {
      env = { DATABASE_URL: `sqlite:${join(dir, 'fresh.sqlite')}` };
    }
  });
  afterAll(async () => {
    await pg?.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('applies every migration once, then says the database is up to date', async () => {
    const first = await runHearth(['migrate'], { env });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    for (const name of Object.keys(migrations)) expect(first.stdout).toContain(`applied ${name}\n`);
    expect(first.stdout).toContain(`migration${Object.keys(migrations).length === 1 ? '' : 's'} applied (${engine})`);

    const second = await runHearth(['migrate'], { env });
    expect(second.code).toBe(0);
    expect(second.stdout).toBe('database is up to date\n');
    const json = await runHearth(['migrate', '--json'], { env });
    expect(JSON.parse(json.stdout)).toEqual({ engine, applied: [], upToDate: true });

    // The tables are where the URL pointed.
    const handle = engine === 'postgres' ? connectDatabase(pg!.url, { schema: pg!.schema! }) : connectDatabase(env.DATABASE_URL!);
    try {
      const rows = await handle.db.selectFrom('hearth_schema_migrations' as never).selectAll().execute();
      expect(rows).toHaveLength(Object.keys(migrations).length);
    } finally {
      await handle.close();
    }
  });
});

describe('hearth migrate failures', () => {
  it('refuses a schema name that is not a plain identifier, before connecting', async () => {
    const res = await runHearth(['migrate'], { env: { DATABASE_URL: 'postgres://hearth@127.0.0.1:1/hearth?schema=a%3Bb' } });
    expect(res.code).toBe(1);
    expect(res.stderr).toBe('hearth migrate: DATABASE_URL: schema "a;b" is not a valid name (letters, digits, _)\n');
  });

  it('reports an unreachable database in one line with exit status 1', async () => {
    // Port 1 on loopback: nothing listens there, so the connection is refused at once.
    const res = await runHearth(['migrate'], { env: { DATABASE_URL: 'postgres://hearth@127.0.0.1:1/hearth' } });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/^hearth migrate: migration failed: .*ECONNREFUSED.*\n$/);
    expect(res.stderr.slice(0, -1)).not.toContain('\n');
  });
});
