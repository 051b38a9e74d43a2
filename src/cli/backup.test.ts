import { existsSync, statSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCliTestbed, runHearth, type CliTestbed } from '../../test/helpers/cli.js';
import { makeOrg } from '../../test/factories/index.js';
import { migrations } from '../kernel/db/migrations/index.js';
import { backupFileName } from './backup.js';

const SEED_ROWS = 8000;
const WRITES = 200;

/** What a restored Hearth would need: an intact file with the schema and the data. */
function inspect(file: string) {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    const migrated = (db.prepare('select name from hearth_schema_migrations order by name').all() as { name: string }[]).map((r) => r.name);
    const seeded = (db.prepare("select count(*) as n from settings where key like 'seed-%'").get() as { n: number }).n;
    const written = (db.prepare("select key from settings where key like 'load-%'").all() as { key: string }[]).map((r) => Number(r.key.slice(5)));
    const orgs = (db.prepare('select slug from organisations').all() as { slug: string }[]).map((r) => r.slug);
    return { integrity, migrated, seeded, written: written.sort((a, b) => a - b), orgs };
  } finally {
    db.close();
  }
}

describe('hearth backup (sqlite)', () => {
  let t: CliTestbed;
  let file: string;
  let slug: string;
  beforeAll(async () => {
    t = await createCliTestbed('sqlite');
    file = t.database.handle.file!;
    slug = (await makeOrg(t.deps)).slug;
    // A few megabytes, so the copy takes several steps.
    const filler = 'x'.repeat(1000);
    await t.deps.db.transaction().execute(async (trx) => {
      for (let i = 0; i < SEED_ROWS; i += 500) {
        const rows = Array.from({ length: Math.min(500, SEED_ROWS - i) }, (_, j) => ({ key: `seed-${i + j}`, value: filler }));
        await trx.insertInto('settings').values(rows).execute();
      }
    });
  });
  afterAll(async () => t.close());

  it('refuses an in-memory database and a missing file with one line', async () => {
    const memory = await runHearth(['backup'], { env: { DATABASE_URL: 'sqlite::memory:' } });
    expect(memory.code).toBe(1);
    expect(memory.stderr).toBe('hearth backup: the database is in memory: there is nothing to back up\n');
    const missing = join(t.dir, 'nothing-here.sqlite');
    const none = await runHearth(['backup'], { env: { DATABASE_URL: `sqlite:${missing}` } });
    expect(none.code).toBe(1);
    expect(none.stderr).toBe(`hearth backup: there is no database at ${missing}\n`);
    // Asking for a backup did not create an empty database.
    expect(existsSync(missing)).toBe(false);
  });

  it('refuses to overwrite an existing file', async () => {
    const out = join(t.dir, 'taken.sqlite');
    await writeFile(out, 'precious');
    const res = await runHearth(['backup', '--out', out], { env: t.env });
    expect(res.code).toBe(1);
    expect(res.stderr).toBe(`hearth backup: ${out} already exists; backups never overwrite a file (choose another --out)\n`);
    expect(await readFile(out, 'utf8')).toBe('precious');
  });

  it('copies the live database consistently while another connection keeps writing', async () => {
    const out = join(t.dir, 'during-writes.sqlite');
    const writer = new BetterSqlite3(file);
    writer.pragma('busy_timeout = 5000');
    const insert = writer.prepare('insert into settings (key, value) values (?, ?)');
    let written = 0;
    const writing = (async () => {
      for (; written < WRITES; written++) {
        insert.run(`load-${written}`, 'y'.repeat(200));
        await sleep(1);
      }
    })();
    try {
      const res = await runHearth(['backup', '--out', out], { env: t.env });
      const writtenAtEnd = written;
      await writing;
      expect(res.stderr).toBe('');
      expect(res.code).toBe(0);
      expect(res.stdout).toMatch(new RegExp(`^backup written to ${out} \\(\\d+\\.\\d MiB\\)\\n$`));

      const copy = inspect(out);
      expect(copy.integrity).toBe('ok');
      expect(copy.migrated).toEqual(Object.keys(migrations).sort());
      expect(copy.seeded).toBe(SEED_ROWS);
      expect(copy.orgs).toContain(slug);
      // One moment in time: the writer's first k rows, none missing in between.
      expect(copy.written).toEqual(Array.from({ length: copy.written.length }, (_, i) => i));
      expect(copy.written.length).toBeLessThanOrEqual(writtenAtEnd);
      // The live database went on and has them all.
      expect(inspect(file).written).toHaveLength(WRITES);
      // Owner-only: it holds password hashes and TOTP secrets.
      expect(statSync(out).mode & 0o777).toBe(0o600);
      // No temporary file is left behind.
      expect((await readdir(t.dir)).filter((f) => f.includes('.partial-'))).toEqual([]);
    } finally {
      await writing;
      writer.close();
    }
  });

  it('finishes even when every step of the copy is interrupted by a write', async () => {
    // Writes from another connection restart SQLite's copy; the handle then copies
    // the rest in one step instead of restarting for as long as writes go on.
    const out = join(t.dir, 'restarted.sqlite');
    const writer = new BetterSqlite3(file);
    const insert = writer.prepare('insert into settings (key, value) values (?, ?)');
    let steps = 0;
    try {
      await t.database.handle.backup!(out, {
        onProgress: () => {
          if (steps < WRITES) insert.run(`step-${Date.now()}-${steps}`, 'z');
          steps++;
        },
      });
    } finally {
      writer.close();
    }
    expect(steps).toBeLessThan(10);
    const copy = inspect(out);
    expect(copy.integrity).toBe('ok');
    expect(copy.seeded).toBe(SEED_ROWS);
  });

  it('writes to backups/ beside the database by default and prints JSON for scripts', async () => {
    const before = Date.now();
    const res = await runHearth(['backup', '--json'], { env: t.env });
    expect(res.code).toBe(0);
    const out = JSON.parse(res.stdout) as { file: string; bytes: number };
    expect(out.file.startsWith(join(t.dir, 'backups', 'hearth-'))).toBe(true);
    expect(out.file).toMatch(/hearth-\d{8}-\d{6}\.sqlite$/);
    expect([backupFileName(new Date(before)), backupFileName(new Date())]).toContain(out.file.split('/').pop());
    expect(out.bytes).toBe(statSync(out.file).size);
    expect(out.bytes).toBeGreaterThan(SEED_ROWS * 1000);
    expect(statSync(join(t.dir, 'backups')).mode & 0o777).toBe(0o700);
    expect(inspect(out.file).integrity).toBe('ok');
  });
});

describe('hearth backup (postgres)', () => {
  it('explains pg_dump without the password and exits with status 3, writing nothing', async () => {
    const url = 'postgres://hearth:s3cr%40t@127.0.0.1:5432/hearth?schema=fed&sslmode=disable';
    const res = await runHearth(['backup'], { env: { DATABASE_URL: url } });
    expect(res.code).toBe(3);
    expect(res.stderr).toBe('');
    expect(res.stdout).toContain('pg_dump --format=custom --file=hearth-');
    expect(res.stdout).toContain("--schema=fed 'postgres://hearth@127.0.0.1:5432/hearth?sslmode=disable'");
    expect(res.stdout).not.toContain('s3cr');
    const json = await runHearth(['backup', '--json'], { env: { DATABASE_URL: url } });
    expect(json.code).toBe(3);
    const out = JSON.parse(json.stdout) as { engine: string; written: boolean; command: string };
    expect(out).toMatchObject({ engine: 'postgres', written: false });
    expect(out.command).toMatch(/^pg_dump .*'postgres:\/\/hearth@127\.0\.0\.1:5432\/hearth\?sslmode=disable'$/);
  });
});

describe('backup file names', () => {
  it('use the UTC date and time', () => {
    expect(backupFileName(new Date('2026-11-26T08:05:09.123Z'))).toBe('hearth-20261126-080509.sqlite');
  });
});
