// The outbox against a real SMTP server on loopback: written with its cause,
// delivered by the job, kept and retried while the server is down or refuses.
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../../test/helpers/db.js';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { startSmtpServer, type TestSmtpServer } from '../../../test/helpers/smtp.js';
import { unique } from '../../../test/factories/index.js';
import { startWorker, type Worker } from '../jobs/worker.js';
import { ManualClock } from '../time.js';
import { MAIL_JOB, MAIL_MAX_ATTEMPTS, queueMail } from './outbox.js';
import type { MailMessage } from './mailer.js';

describe.each(engines)('mail outbox (%s)', (engine) => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let worker: Worker;
  const clock = new ManualClock(new Date('2026-04-01T09:00:00.000Z'));

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await createTestApp(engine, { env: { HEARTH_SMTP_URL: smtp.url }, clock });
    worker = startWorker({ db: t.deps.db, clock, log: pino({ level: 'silent' }), registry: t.deps.jobs }, false);
  });
  afterAll(async () => {
    t.deps.mail.close();
    await t.close();
    await smtp.close();
  });

  const message = (): MailMessage => ({ to: `${unique('someone')}@example.org`, subject: 'Minutes of the assembly', text: 'Hello ✊\n\nThe minutes are ready: café, straße, مرحبا.' });
  const queue = (msg: MailMessage) => t.deps.db.transaction().execute((trx) => queueMail(trx, clock, msg));
  const outboxRow = (id: string) => t.deps.db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const mailJob = async (id: string) => {
    const jobs = await t.deps.db.selectFrom('jobs').selectAll().where('kind', '=', MAIL_JOB).execute();
    return jobs.find((j) => (JSON.parse(j.payload) as { id: string }).id === id)!;
  };

  it('queues nothing when the transaction that caused the message rolls back', async () => {
    const msg = message();
    await expect(
      t.deps.db.transaction().execute(async (trx) => {
        await queueMail(trx, clock, msg);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await t.deps.db.selectFrom('mail_outbox').select('id').where('to_address', '=', msg.to).execute()).toEqual([]);
    await worker.drain();
    expect(smtp.to(msg.to)).toEqual([]);
  });

  it('delivers a queued message through the job, once', async () => {
    smtp.mode = 'accept';
    const msg = message();
    const id = await queue(msg);
    expect(await outboxRow(id)).toMatchObject({ status: 'queued', attempts: 0 });
    expect(smtp.to(msg.to)).toEqual([]); // nothing is sent inside the transaction
    await worker.drain();
    const [mail, ...more] = smtp.to(msg.to);
    expect(more).toEqual([]);
    expect(mail!.subject).toBe(msg.subject);
    expect(mail!.to).toContain(msg.to);
    expect(mail!.text).toBe(msg.text);
    const row = await outboxRow(id);
    expect(row).toMatchObject({ status: 'sent', attempts: 1, last_error: null, sent_at: clock.now().toISOString() });
    // The body may hold a single-use link: it does not stay in the database once sent.
    expect(row.body_text).toBe('');
    await worker.drain();
    expect(smtp.to(msg.to)).toHaveLength(1);
  });

  it('keeps messages queued with the error while the server refuses or is down, and delivers each once when it is back', async () => {
    smtp.mode = 'temporary';
    const msgs = [message(), message(), message()];
    const ids = [];
    for (const m of msgs) ids.push(await queue(m));
    await worker.drain();
    for (const id of ids) {
      const row = await outboxRow(id);
      expect(row).toMatchObject({ status: 'queued', attempts: 1 });
      expect(row.last_error).toContain('try again later');
      expect(row.body_text).not.toBe('');
      expect(await mailJob(id)).toMatchObject({ status: 'queued', attempts: 1 });
    }

    // Now the server is down altogether.
    smtp.mode = 'accept';
    await smtp.stop();
    clock.advance(30_000);
    await worker.drain();
    for (const id of ids) {
      const row = await outboxRow(id);
      expect(row).toMatchObject({ status: 'queued', attempts: 2 });
      expect(row.last_error).toMatch(/ECONNREFUSED/);
    }

    await smtp.start();
    // Not before the backoff has passed…
    clock.advance(59_000);
    await worker.drain();
    for (const m of msgs) expect(smtp.to(m.to)).toEqual([]);
    // …then every message arrives, each once.
    clock.advance(1_000);
    await worker.drain();
    for (const [i, m] of msgs.entries()) {
      expect(smtp.to(m.to).map((r) => r.subject)).toEqual([m.subject]);
      expect(await outboxRow(ids[i]!)).toMatchObject({ status: 'sent', attempts: 3, last_error: null });
      expect(await mailJob(ids[i]!)).toMatchObject({ status: 'done' });
    }
  });

  it('marks a message failed, with the last error, after the last attempt', async () => {
    smtp.mode = 'permanent';
    const msg = message();
    const id = await queue(msg);
    for (let i = 0; i < MAIL_MAX_ATTEMPTS; i++) {
      expect((await outboxRow(id)).status).toBe('queued');
      await worker.drain();
      clock.advance(7 * 3_600_000); // longer than the longest backoff
    }
    const row = await outboxRow(id);
    expect(row).toMatchObject({ status: 'failed', attempts: MAIL_MAX_ATTEMPTS });
    expect(row.last_error).toContain('No such user here');
    const job = await mailJob(id);
    expect(job).toMatchObject({ status: 'failed', attempts: MAIL_MAX_ATTEMPTS });
    expect(job.last_error).toContain('No such user here');
    await worker.drain();
    expect(await outboxRow(id)).toMatchObject({ attempts: MAIL_MAX_ATTEMPTS });
    expect(smtp.to(msg.to)).toEqual([]);
    smtp.mode = 'accept';
  });
});
