// Background jobs for federation admins: counts, failed jobs with their last
// error (and a way to retry them), and mail that has not gone out yet.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../../kernel/deps.js';
import { forbidden } from '../../kernel/errors.js';
import { parseInput } from '../../kernel/http/forms.js';
import { requirePerson } from '../../kernel/auth/auth.pages.js';
import { jobsOverview, retryJobNow, type JobsOverview } from '../../kernel/jobs/jobs.admin.js';
import { JOB_STATUSES, type FailedCursor } from '../../kernel/jobs/jobs.repository.js';
import { canManageJobs } from '../../kernel/jobs/jobs.policy.js';
import { MAIL_JOB } from '../../kernel/mail/outbox.js';
import type { MessageKey } from '../../kernel/i18n/i18n.js';
import { Layout } from '../../kernel/views/layout.js';
import { useCtx } from '../../kernel/views/context.js';
import { CsrfField } from '../../kernel/views/components/form.js';
import { EmptyState, Pagination, Table } from '../../kernel/views/components/table.js';

// "<ISO timestamp>~<job id>": the timestamp has a fixed width of 24 characters.
const CURSOR = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)~(.{1,200})$/;
const querySchema = z.object({ before: z.string().regex(CURSOR).optional() });

const encodeCursor = (c: FailedCursor) => `${c.at}~${c.id}`;
function decodeCursor(s: string | undefined): FailedCursor | undefined {
  const m = s ? CURSOR.exec(s) : null;
  return m ? { at: m[1]!, id: m[2]! } : undefined;
}

const statusKey: Record<string, MessageKey> = {
  queued: 'admin.jobs.status.queued',
  running: 'admin.jobs.status.running',
  done: 'admin.jobs.status.done',
  failed: 'admin.jobs.status.failed',
};
const mailStatusKey: Record<string, MessageKey> = {
  queued: 'admin.jobs.mailStatus.queued',
  failed: 'admin.jobs.mailStatus.failed',
};

function RetryButton({ jobId, kind }: { jobId: string; kind: string }) {
  const { t } = useCtx().i18n;
  return (
    <form method="post" action={`/admin/jobs/${encodeURIComponent(jobId)}/retry`} class="inline">
      <CsrfField />
      <button type="submit" class="link" aria-label={t('admin.jobs.retryLabel', { kind })}>
        {t('admin.jobs.retry')}
      </button>
    </form>
  );
}

function JobsPage({ view, paged }: { view: JobsOverview; paged: boolean }) {
  const { i18n } = useCtx();
  const { t } = i18n;
  return (
    <Layout title={t('admin.jobs.title')}>
      <h1>{t('admin.jobs.title')}</h1>
      <p>{t('admin.jobs.intro')}</p>

      <Table caption={t('admin.jobs.counts')} head={[t('admin.jobs.statusCol'), t('admin.jobs.countCol')]}>
        {JOB_STATUSES.map((s) => (
          <tr>
            <td>{t(statusKey[s]!)}</td>
            <td>{i18n.number(view.counts[s])}</td>
          </tr>
        ))}
      </Table>

      <h2>{t('admin.jobs.failed')}</h2>
      {view.failed.length === 0 ? (
        <EmptyState>{t('admin.jobs.noFailed')}</EmptyState>
      ) : (
        <Table
          caption={t('admin.jobs.failedCaption')}
          head={[t('admin.jobs.kind'), t('admin.jobs.attempts'), t('admin.jobs.lastError'), t('admin.jobs.failedAt'), t('admin.jobs.action')]}
        >
          {view.failed.map((j) => (
            <tr>
              <td>
                <code>{j.kind}</code>
              </td>
              <td>{t('admin.jobs.attemptsOf', { attempts: j.attempts, max: j.maxAttempts })}</td>
              <td>{j.lastError}</td>
              <td>
                <time datetime={j.failedAt.toISOString()}>{i18n.dateTime(j.failedAt)}</time>
              </td>
              <td>
                <RetryButton jobId={j.id} kind={j.kind} />
              </td>
            </tr>
          ))}
        </Table>
      )}
      <Pagination
        nextHref={view.next ? `/admin/jobs?before=${encodeURIComponent(encodeCursor(view.next))}` : undefined}
        firstHref={paged ? '/admin/jobs' : undefined}
      />

      <h2>{t('admin.jobs.mail')}</h2>
      {view.mail.length === 0 ? (
        <EmptyState>{t('admin.jobs.noMail')}</EmptyState>
      ) : (
        <>
          <Table
            caption={t('admin.jobs.mailCaption')}
            head={[
              t('admin.jobs.mailTo'),
              t('admin.jobs.mailSubject'),
              t('admin.jobs.statusCol'),
              t('admin.jobs.attempts'),
              t('admin.jobs.lastError'),
              t('admin.jobs.mailQueuedAt'),
              t('admin.jobs.action'),
            ]}
          >
            {view.mail.map((m) => (
              <tr>
                <td>{m.to}</td>
                <td dir="auto">{m.subject}</td>
                <td>{t(mailStatusKey[m.status]!)}</td>
                <td>{i18n.number(m.attempts)}</td>
                <td>{m.lastError}</td>
                <td>
                  <time datetime={m.createdAt.toISOString()}>{i18n.dateTime(m.createdAt)}</time>
                </td>
                <td>{m.failedJobId && <RetryButton jobId={m.failedJobId} kind={MAIL_JOB} />}</td>
              </tr>
            ))}
          </Table>
          {view.mail.length >= view.mailLimit && <p class="hint">{t('admin.jobs.mailLimit', { count: view.mailLimit })}</p>}
        </>
      )}
    </Layout>
  );
}

export async function adminJobsPages(app: FastifyInstance, deps: Deps): Promise<void> {
  app.get('/admin/jobs', async (req, reply) => {
    requirePerson(req);
    // Refuse before reading the query, so others get 403 whatever they send.
    if (!canManageJobs(req.actor)) throw forbidden();
    const { before } = parseInput(querySchema, req.query);
    const view = await jobsOverview(deps, req.actor, { before: decodeCursor(before) });
    return reply.page(<JobsPage view={view} paged={before !== undefined} />);
  });

  app.post('/admin/jobs/:id/retry', async (req: FastifyRequest, reply) => {
    requirePerson(req);
    await retryJobNow(deps, req.actor, (req.params as { id: string }).id);
    return reply.seeOther('/admin/jobs', { kind: 'ok', key: 'admin.jobs.retried' });
  });
}
