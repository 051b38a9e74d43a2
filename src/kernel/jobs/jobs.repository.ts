// Queries behind the jobs admin page. The job runner's own queries live in registry.ts.
import type { Db } from '../db/connect.js';
import type { JobsTable, MailOutboxTable } from '../db/kernel.tables.js';
import { fromTimestamp, type Timestamp } from '../time.js';
import { MAIL_JOB } from '../mail/outbox.js';

export type JobStatus = JobsTable['status'];
export const JOB_STATUSES: readonly JobStatus[] = ['queued', 'running', 'done', 'failed'];

export interface FailedJob {
  id: string;
  kind: string;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  failedAt: Date;
}

/** Mail not delivered yet. The body is never read here: admins see who and what, not the text. */
export interface UnsentMail {
  id: string;
  to: string;
  subject: string;
  status: MailOutboxTable['status'];
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  /** The delivery job, when it has failed and can be retried. */
  failedJobId: string | undefined;
}

/** Keyset cursor: the failure time (fixed-width ISO text) then the id. */
export interface FailedCursor {
  at: Timestamp;
  id: string;
}

export async function countJobsByStatus(db: Db): Promise<Record<JobStatus, number>> {
  const rows = await db
    .selectFrom('jobs')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  const counts = Object.fromEntries(JOB_STATUSES.map((s) => [s, 0])) as Record<JobStatus, number>;
  for (const r of rows) if (r.status in counts) counts[r.status] = Number(r.n);
  return counts;
}

export async function listFailedJobs(db: Db, opts: { before?: FailedCursor | undefined; limit: number }): Promise<{ jobs: FailedJob[]; next: FailedCursor | undefined }> {
  let q = db
    .selectFrom('jobs')
    .select(['id', 'kind', 'attempts', 'max_attempts', 'last_error', 'updated_at'])
    .where('status', '=', 'failed')
    .orderBy('updated_at', 'desc')
    .orderBy('id', 'desc')
    .limit(opts.limit + 1);
  const before = opts.before;
  if (before) {
    q = q.where((eb) => eb.or([eb('updated_at', '<', before.at), eb.and([eb('updated_at', '=', before.at), eb('id', '<', before.id)])]));
  }
  const rows = await q.execute();
  const page = rows.slice(0, opts.limit);
  const last = page[page.length - 1];
  return {
    jobs: page.map((r) => ({
      id: r.id,
      kind: r.kind,
      attempts: r.attempts,
      maxAttempts: r.max_attempts,
      lastError: r.last_error,
      failedAt: fromTimestamp(r.updated_at),
    })),
    next: rows.length > opts.limit && last ? { at: last.updated_at, id: last.id } : undefined,
  };
}

export async function listUnsentMail(db: Db, limit: number): Promise<UnsentMail[]> {
  const rows = await db
    .selectFrom('mail_outbox')
    .select(['id', 'to_address', 'subject', 'status', 'attempts', 'last_error', 'created_at'])
    .where('status', 'in', ['queued', 'failed'])
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  // The delivery job's payload is exactly {"id":…} (see queueMail).
  const failedIds = rows.filter((r) => r.status === 'failed').map((r) => JSON.stringify({ id: r.id }));
  const jobs =
    failedIds.length === 0
      ? []
      : await db.selectFrom('jobs').select(['id', 'payload']).where('kind', '=', MAIL_JOB).where('status', '=', 'failed').where('payload', 'in', failedIds).execute();
  const jobOf = new Map(jobs.map((j) => [(JSON.parse(j.payload) as { id: string }).id, j.id]));
  return rows.map((r) => ({
    id: r.id,
    to: r.to_address,
    subject: r.subject,
    status: r.status,
    attempts: r.attempts,
    lastError: r.last_error,
    createdAt: fromTimestamp(r.created_at),
    failedJobId: jobOf.get(r.id),
  }));
}

export async function findJob(db: Db, id: string): Promise<Pick<JobsTable, 'id' | 'kind' | 'status' | 'attempts'> | undefined> {
  return db.selectFrom('jobs').select(['id', 'kind', 'status', 'attempts']).where('id', '=', id).executeTakeFirst();
}

/** A failed job gets one more attempt, due now. Returns false when it is no longer failed. */
export async function requeueFailedJob(db: Db, id: string, now: Timestamp): Promise<boolean> {
  const res = await db
    .updateTable('jobs')
    .set((eb) => ({
      status: 'queued',
      run_at: now,
      max_attempts: eb('attempts', '+', 1),
      locked_by: null,
      locked_until: null,
      finished_at: null,
      updated_at: now,
    }))
    .where('id', '=', id)
    .where('status', '=', 'failed')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
