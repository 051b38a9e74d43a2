import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase } from '../kernel/db/connect.js';
import { migrateToLatest } from '../kernel/db/migrate.js';
import { audit } from '../kernel/audit/audit.js';
import { systemActor } from '../kernel/auth/actor.js';
import { runCli } from './cli.js';

function sink() {
  let text = '';
  const stream = new Writable({
    write(chunk, _enc, done) {
      text += String(chunk);
      done();
    },
  });
  return { stream, text: () => text };
}

async function hearth(args: string[], env: Record<string, string>) {
  const out = sink();
  const err = sink();
  const code = await runCli(args, { stdout: out.stream, stderr: err.stream, env });
  return { code, stdout: out.text(), stderr: err.text() };
}

describe('hearth audit verify', () => {
  let dir: string;
  let env: Record<string, string>;
  let file: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hearth-audit-cli-'));
    file = join(dir, 'hearth.sqlite');
    env = { DATABASE_URL: `sqlite:${file}`, HEARTH_LOG_LEVEL: 'silent' };
    const handle = connectDatabase(`sqlite:${file}`);
    await migrateToLatest(handle.db);
    for (let i = 0; i < 4; i++) await handle.db.transaction().execute((trx) => audit(trx, systemActor('test'), 'cli.test.entry', { data: { i } }));
    await handle.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function head(): Promise<string> {
    const handle = connectDatabase(`sqlite:${file}`);
    const row = await handle.db.selectFrom('audit_log').select('hash').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    await handle.close();
    return row.hash;
  }

  it('prints the length and head hash of an intact log and exits 0', async () => {
    const r = await hearth(['audit', 'verify'], env);
    expect(r).toEqual({ code: 0, stdout: `audit log intact: 4 entries, head ${await head()}\n`, stderr: '' });
  });

  it('prints the result object with --json', async () => {
    const r = await hearth(['audit', 'verify', '--json'], env);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ ok: true, count: 4, head: await head() });
  });

  it('refuses an unknown or missing subcommand with one line on stderr and exit 2', async () => {
    for (const args of [['audit', 'check'], ['audit']]) {
      const r = await hearth(args, env);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^hearth audit: .*\(usage: hearth audit verify \[--json\]\)\n$/);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    const opt = await hearth(['audit', 'verify', '--jsn'], env);
    expect(opt.code).toBe(2);
  });

  it('reports a tampered log at the first bad entry and exits 1', async () => {
    const handle = connectDatabase(`sqlite:${file}`);
    await handle.db.updateTable('audit_log').set({ data: JSON.stringify({ i: 42 }) }).where('seq', '=', 2).execute();
    await handle.close();
    const r = await hearth(['audit', 'verify'], env);
    expect(r).toEqual({ code: 1, stdout: 'audit log broken at entry #2: modified\n', stderr: '' });
    const json = await hearth(['audit', 'verify', '--json'], env);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toEqual({ ok: false, count: 1, seq: 2, problem: 'modified' });
  });
});
