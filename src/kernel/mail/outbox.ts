// Mail goes through an outbox table: the message is written in the same
// transaction as the change that caused it, and a job delivers it after the
// commit, outside any transaction. A failed send stays queued and is retried
// with the job system's backoff; after the last attempt it is marked failed,
// where admins see it (/admin/jobs). Delivery is at least once: a worker that
// dies between the SMTP reply and the status update sends the message again.
import type { Db } from '../db/connect.js';
import { newId } from '../ids.js';
import { enqueueJob, type JobRegistry } from '../jobs/registry.js';
import type { Clock } from '../time.js';
import { toTimestamp } from '../time.js';
import type { MailMessage, Mailer } from './mailer.js';
import type { Metrics } from '../metrics/metrics.js';

export const MAIL_JOB = 'mail.deliver';
export const MAIL_MAX_ATTEMPTS = 12;

export async function queueMail(trx: Db, clock: Clock, msg: MailMessage): Promise<string> {
  const id = newId();
  await trx
    .insertInto('mail_outbox')
    .values({
      id,
      to_address: msg.to,
      subject: msg.subject,
      body_text: msg.text,
      status: 'queued',
      attempts: 0,
      last_error: null,
      created_at: toTimestamp(clock.now()),
      sent_at: null,
    })
    .execute();
  await enqueueJob(trx, clock, MAIL_JOB, { id }, { maxAttempts: MAIL_MAX_ATTEMPTS });
  return id;
}

export function registerMailJob(registry: JobRegistry, deps: { db: Db; clock: Clock; mail: Mailer; metrics: Metrics }): void {
  registry.register(
    MAIL_JOB,
    async (payload, ctx) => {
      const { id } = payload as { id: string };
      const row = await deps.db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row || row.status === 'sent') return;
      try {
        await deps.mail.send({ to: row.to_address, subject: row.subject, text: row.body_text });
      } catch (err) {
        deps.metrics.mail.inc({ outcome: 'error' });
        await deps.db
          .updateTable('mail_outbox')
          .set({
            attempts: row.attempts + 1,
            // After the last attempt the message stays visible to admins as failed.
            status: ctx.attempt >= ctx.maxAttempts ? 'failed' : 'queued',
            last_error: err instanceof Error ? err.message.slice(0, 500) : String(err),
          })
          .where('id', '=', id)
          .execute();
        throw err;
      }
      deps.metrics.mail.inc({ outcome: 'sent' });
      await deps.db
        .updateTable('mail_outbox')
        // The body may hold a single-use link: once sent, it has no reason to stay in the database.
        .set({ status: 'sent', attempts: row.attempts + 1, last_error: null, body_text: '', sent_at: toTimestamp(deps.clock.now()) })
        .where('id', '=', id)
        .execute();
    },
    { timeoutMs: 120_000 },
  );
}
