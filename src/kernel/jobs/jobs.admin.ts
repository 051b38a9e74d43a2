// What federation admins can see and do about background jobs and undelivered mail.
import type { Deps } from '../deps.js';
import type { Actor } from '../auth/actor.js';
import { audit } from '../audit/audit.js';
import { AppError, forbidden, notFound } from '../errors.js';
import { nowTs } from '../time.js';
import { canManageJobs } from './jobs.policy.js';
import * as repo from './jobs.repository.js';

const FAILED_PAGE = 25;
const MAIL_SHOWN = 50;

type D = Pick<Deps, 'db' | 'clock'>;

export interface JobsOverview {
  counts: Record<repo.JobStatus, number>;
  failed: repo.FailedJob[];
  next: repo.FailedCursor | undefined;
  mail: repo.UnsentMail[];
  mailLimit: number;
}

export async function jobsOverview(deps: D, actor: Actor, opts: { before?: repo.FailedCursor | undefined } = {}): Promise<JobsOverview> {
  if (!canManageJobs(actor)) throw forbidden();
  const counts = await repo.countJobsByStatus(deps.db);
  const { jobs, next } = await repo.listFailedJobs(deps.db, { before: opts.before, limit: FAILED_PAGE });
  const mail = await repo.listUnsentMail(deps.db, MAIL_SHOWN);
  return { counts, failed: jobs, next, mail, mailLimit: MAIL_SHOWN };
}

/** One more attempt for a failed job, due now. */
export async function retryJobNow(deps: D, actor: Actor, jobId: string): Promise<void> {
  if (!canManageJobs(actor)) throw forbidden();
  await deps.db.transaction().execute(async (trx) => {
    const job = await repo.findJob(trx, jobId);
    if (!job) throw notFound('JOB_NOT_FOUND');
    // Checked again by the update, in case another admin was quicker.
    if (job.status !== 'failed' || !(await repo.requeueFailedJob(trx, jobId, nowTs(deps.clock)))) throw new AppError('JOB_NOT_FAILED', 409);
    await audit(trx, actor, 'jobs.job.retried', { targetType: 'job', targetId: jobId, data: { kind: job.kind, attempts: job.attempts } });
  });
}
