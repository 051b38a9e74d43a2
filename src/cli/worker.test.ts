import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './cli.js';
import { registerJobs } from '../app.js';
import { JobRegistry } from '../kernel/jobs/registry.js';
import { queueMail } from '../kernel/mail/outbox.js';
import { systemClock } from '../kernel/time.js';
import type { DatabaseHandle } from '../kernel/db/connect.js';
import { createTestDatabase } from '../../test/helpers/db.js';
import { createTestApp } from '../../test/helpers/app.js';
import { startSmtpServer, type TestSmtpServer } from '../../test/helpers/smtp.js';
import { exitCode, lines, spawnTs } from '../../test/helpers/child.js';

const mainScript = fileURLToPath(new URL('../main.ts', import.meta.url));

async function cli(args: string[], env: Record<string, string>) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  const code = await runCli(args, { stdout, stderr, env });
  return { code, out, err };
}

describe('hearth worker', () => {
  let dir: string;
  let url: string;
  let smtp: TestSmtpServer;
  let handle: DatabaseHandle;
  let env: Record<string, string>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hearth-worker-cli-'));
    url = `sqlite:${join(dir, 'hearth.sqlite')}`;
    smtp = await startSmtpServer();
    handle = (await createTestDatabase('sqlite', { file: join(dir, 'hearth.sqlite') })).handle;
    env = { DATABASE_URL: url, HEARTH_SMTP_URL: smtp.url, HEARTH_LOG_LEVEL: 'silent' };
  });
  afterAll(async () => {
    await handle.close();
    await smtp.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const queue = (to: string) => handle.db.transaction().execute((trx) => queueMail(trx, systemClock, { to, subject: 'From the worker', text: 'Delivered without the web server.' }));

  it('--once --json delivers the mail that is due and prints how many jobs ran', async () => {
    const id = await queue('once@example.org');
    const res = await cli(['worker', '--once', '--json'], env);
    expect(res.err).toBe('');
    expect(res.code).toBe(0);
    expect(JSON.parse(res.out)).toEqual({ ran: 1 });
    expect(smtp.to('once@example.org').map((m) => m.subject)).toEqual(['From the worker']);
    const row = await handle.db.selectFrom('mail_outbox').select('status').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.status).toBe('sent');
  });

  it('--once says so when nothing is due', async () => {
    const res = await cli(['worker', '--once'], env);
    expect(res.code).toBe(0);
    expect(res.out).toBe('ran 0 jobs\n');
  });

  it('refuses --json without --once', async () => {
    const res = await cli(['worker', '--json'], env);
    expect(res.code).toBe(2);
    expect(res.err).toContain('--json goes with --once');
  });

  it('runs until SIGTERM, then stops cleanly', async () => {
    const child = spawnTs(mainScript, ['worker'], { ...env, HEARTH_LOG_LEVEL: 'info' });
    const out = lines(child);
    try {
      const started = JSON.parse(await out.next()) as { msg: string; kinds: string[] };
      expect(started.msg).toBe('worker started');
      expect(started.kinds).toContain('mail.deliver');
      await queue('running@example.org');
      await expect.poll(() => smtp.to('running@example.org').length, { timeout: 10_000 }).toBe(1);
      child.kill('SIGTERM');
      expect(JSON.parse(await out.next()).msg).toBe('worker stopping');
      expect(await exitCode(child)).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it('registers the same job kinds and schedules as the web app', async () => {
    const t = await createTestApp('sqlite');
    try {
      const registry = new JobRegistry();
      registerJobs({ ...t.deps, jobs: registry });
      expect([...registry.kinds.keys()].sort()).toEqual([...t.deps.jobs.kinds.keys()].sort());
      expect([...registry.schedules.keys()].sort()).toEqual([...t.deps.jobs.schedules.keys()].sort());
      expect(registry.kinds.has('mail.deliver')).toBe(true);
      expect(registry.kinds.has('kernel.housekeeping')).toBe(true);
    } finally {
      await t.close();
    }
  });
});
