import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../../test/helpers/db.js';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { InjectBrowser } from '../../../test/helpers/browser.js';
import { makePerson, signIn, unique, type TestPerson } from '../../../test/factories/index.js';
import { enqueueJob } from '../../kernel/jobs/registry.js';
import { startWorker, type Worker } from '../../kernel/jobs/worker.js';
import { MAIL_MAX_ATTEMPTS, queueMail } from '../../kernel/mail/outbox.js';
import { ManualClock } from '../../kernel/time.js';

describe.each(engines)('admin: background jobs (%s)', (engine) => {
  let t: TestApp;
  let worker: Worker;
  let admin: TestPerson;
  let member: TestPerson;
  // Signed in once: each sign-in uses up a TOTP step.
  let asAdmin: InjectBrowser;
  // A job kind that fails until a test lets it succeed.
  const flaky = { failing: true, runs: 0 };
  const kind = 'test.flaky';

  beforeAll(async () => {
    t = await createTestApp(engine);
    t.deps.jobs.register(kind, async () => {
      flaky.runs++;
      if (flaky.failing) throw new Error('disk full on <b>backup-2</b>');
    });
    worker = startWorker({ db: t.deps.db, clock: t.deps.clock, log: pino({ level: 'silent' }), registry: t.deps.jobs }, false);
    admin = await makePerson(t.deps, { fedRole: 'admin' });
    member = await makePerson(t.deps);
    asAdmin = new InjectBrowser(t.app);
    await signIn(asAdmin, admin);
  });
  afterAll(async () => t.close());

  async function failedJob(w = worker): Promise<string> {
    const id = await enqueueJob(t.deps.db, t.deps.clock, kind, { note: 'secret payload' }, { maxAttempts: 1 });
    await w.drain();
    const row = await t.deps.db.selectFrom('jobs').select('status').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.status).toBe('failed');
    return id;
  }

  it('sends anonymous visitors to the login page', async () => {
    const res = await new InjectBrowser(t.app).get('/admin/jobs');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/login?next=%2Fadmin%2Fjobs');
  });

  it('refuses people who are not federation admins, whatever they send', async () => {
    const b = new InjectBrowser(t.app);
    await signIn(b, member);
    expect((await b.get('/admin/jobs')).statusCode).toBe(403);
    expect((await b.get('/admin/jobs?before=nonsense')).statusCode).toBe(403);
    const id = await failedJob();
    await b.get('/account');
    const retry = await b.post(`/admin/jobs/${id}/retry`, {});
    expect(retry.statusCode).toBe(403);
    expect((await t.deps.db.selectFrom('jobs').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe('failed');
  });

  it('shows an admin the failed jobs with their error and attempts, and the mail not sent, without its body', async () => {
    const id = await failedJob();
    const to = `${unique('waiting')}@example.org`;
    await t.deps.db.transaction().execute((trx) => queueMail(trx, t.deps.clock, { to, subject: 'Assembly on Friday', text: 'The body with a private link' }));
    const b = asAdmin;
    const res = await b.get('/admin/jobs');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1>Background jobs</h1>');
    expect(res.body).toContain(`/admin/jobs/${id}/retry`);
    expect(res.body).toContain('test.flaky');
    expect(res.body).toContain('1 of 1');
    // The error is shown as text, not markup.
    expect(res.body).toContain('disk full on &lt;b>backup-2&lt;/b>');
    expect(res.body).not.toContain('secret payload');
    // The message waits for a worker (none runs here): who and what, never the text.
    expect(res.body).toContain(to);
    expect(res.body).toContain('Assembly on Friday');
    expect(res.body).not.toContain('private link');
  });

  it('offers to retry a message whose delivery failed for good', async () => {
    const to = `${unique('undelivered')}@example.org`;
    const mailId = await t.deps.db.transaction().execute((trx) => queueMail(trx, t.deps.clock, { to, subject: 'Never delivered', text: 'x' }));
    // No SMTP server in this app: every attempt fails, until the last.
    const clock = new ManualClock(new Date(Date.now() + 60_000));
    const stepped = startWorker({ db: t.deps.db, clock, log: pino({ level: 'silent' }), registry: t.deps.jobs }, false);
    for (let i = 0; i < MAIL_MAX_ATTEMPTS; i++) {
      await stepped.drain();
      clock.advance(7 * 3_600_000);
    }
    expect((await t.deps.db.selectFrom('mail_outbox').select('status').where('id', '=', mailId).executeTakeFirstOrThrow()).status).toBe('failed');
    const page = await asAdmin.get('/admin/jobs');
    const row = page.body.slice(page.body.indexOf(to), page.body.indexOf('</tr>', page.body.indexOf(to)));
    expect(row).toContain('Failed');
    expect(row).toContain('SMTP is not configured');
    const jobId = /\/admin\/jobs\/([^/"]+)\/retry/.exec(row)![1]!;
    const job = await t.deps.db.selectFrom('jobs').select(['kind', 'payload', 'status']).where('id', '=', jobId).executeTakeFirstOrThrow();
    expect(job).toEqual({ kind: 'mail.deliver', payload: JSON.stringify({ id: mailId }), status: 'failed' });
  });

  it('pages through failed jobs, newest first', async () => {
    // A worker whose clock moves a second per job, so that every failure has its own time.
    const clock = new ManualClock(new Date(Date.now() + 30 * 24 * 3_600_000));
    const stepped = startWorker({ db: t.deps.db, clock, log: pino({ level: 'silent' }), registry: t.deps.jobs }, false);
    const ids: string[] = [];
    for (let i = 0; i < 27; i++) {
      ids.push(await failedJob(stepped));
      clock.advance(1000);
    }
    const b = asAdmin;
    const first = await b.get('/admin/jobs');
    // Retry buttons of the failed-jobs table (failed mail has its own below).
    const retryIds = (html: string) =>
      [...html.slice(html.indexOf('<h2>Failed jobs</h2>'), html.indexOf('<h2>Mail not sent yet</h2>')).matchAll(/\/admin\/jobs\/([^/"]+)\/retry/g)].map((m) => m[1]!);
    const onFirst = retryIds(first.body);
    expect(onFirst).toHaveLength(25);
    // The most recent failure comes first.
    expect(onFirst[0]).toBe(ids[ids.length - 1]);
    const next = /href="(\/admin\/jobs\?before=[^"]+)"/.exec(first.body)![1]!.replace(/&amp;/g, '&');
    const second = await b.get(next);
    expect(second.statusCode).toBe(200);
    const onSecond = retryIds(second.body);
    expect(onFirst).toEqual([...ids].reverse().slice(0, 25));
    expect(onSecond.slice(0, 2)).toEqual([ids[1], ids[0]]);
    expect(onSecond.filter((id) => onFirst.includes(id))).toEqual([]);
    expect(second.body).toContain('href="/admin/jobs"');
  });

  it('lets an admin retry a failed job now, with a CSRF token and an audit entry', async () => {
    const id = await failedJob();
    const b = asAdmin;
    await b.get('/admin/jobs');
    expect((await b.post(`/admin/jobs/${id}/retry`, {}, { csrf: 'forged' })).statusCode).toBe(403);
    const res = await b.post(`/admin/jobs/${id}/retry`, {});
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin/jobs');
    expect((await b.get('/admin/jobs')).body).toContain('The job will run again in a moment.');
    const entry = await t.deps.db.selectFrom('audit_log').selectAll().where('action', '=', 'jobs.job.retried').where('target_id', '=', id).executeTakeFirst();
    expect(entry?.actor_id).toBe(admin.id);

    // It runs again, and this time it succeeds.
    flaky.failing = false;
    const before = flaky.runs;
    await worker.drain();
    flaky.failing = true;
    expect(flaky.runs).toBeGreaterThan(before);
    const row = await t.deps.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'done', attempts: 2, last_error: null });

    // A job that is no longer failed cannot be retried; an unknown one is not found.
    await b.get('/admin/jobs');
    expect((await b.post(`/admin/jobs/${id}/retry`, {})).statusCode).toBe(409);
    expect((await b.post(`/admin/jobs/no-such-job/retry`, {})).statusCode).toBe(404);
  });
});
