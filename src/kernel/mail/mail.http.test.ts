// Mail a person would receive, end to end: the web request queues it, the
// worker delivers it to a real SMTP server on loopback, the link in it works.
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../../test/helpers/db.js';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { InjectBrowser } from '../../../test/helpers/browser.js';
import { startSmtpServer, type TestSmtpServer } from '../../../test/helpers/smtp.js';
import { addMember, makeOrg, makePerson, signIn, unique } from '../../../test/factories/index.js';
import { startWorker, type Worker } from '../jobs/worker.js';

const NEW_PASSWORD = 'lanterns over the harbour';

function linkIn(text: string, path: string): string {
  const m = new RegExp(`https?://\\S+${path}/[A-Za-z0-9_-]+`).exec(text);
  if (!m) throw new Error(`no ${path} link in:\n${text}`);
  return new URL(m[0]).pathname;
}

describe.each(engines)('mail over HTTP (%s)', (engine) => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let worker: Worker;
  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await createTestApp(engine, { env: { HEARTH_SMTP_URL: smtp.url } });
    worker = startWorker({ db: t.deps.db, clock: t.deps.clock, log: pino({ level: 'silent' }), registry: t.deps.jobs }, false);
  });
  afterAll(async () => {
    t.deps.mail.close();
    await t.close();
    await smtp.close();
  });

  it('e-mails a password reset link that works once and ends every old session', async () => {
    const p = await makePerson(t.deps);
    const old = new InjectBrowser(t.app);
    await signIn(old, p);
    expect((await old.get('/account')).statusCode).toBe(200);

    const b = new InjectBrowser(t.app);
    await b.get('/password/forgot');
    const asked = await b.post('/password/forgot', { email: p.email.toUpperCase() });
    expect(asked.statusCode).toBe(303);
    expect(asked.headers.location).toBe('/login');
    expect((await b.get('/login')).body).toContain('If an account uses that address, we have sent it a link.');
    // The request only queued the message; the worker sends it.
    expect(smtp.to(p.email)).toEqual([]);
    await worker.drain();
    const [mail, ...more] = smtp.to(p.email);
    expect(more).toEqual([]);
    expect(mail!.subject).toBe('Reset your Hearth password');
    expect(mail!.text).toContain('Hello Test Person');
    const path = linkIn(mail!.text, '/password/reset');

    // Opening the link (as a mail scanner would) only shows the form.
    const form = await b.get(path);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('name="password"');
    expect((await b.get(path)).body).toContain('name="password"');

    const done = await b.post(path, { password: NEW_PASSWORD });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/login');
    // The session from before the reset is gone.
    const after = await old.get('/account');
    expect(after.statusCode).toBe(303);
    expect(after.headers.location).toMatch(/^\/login/);

    // The link cannot be used a second time.
    const again = await b.post(path, { password: 'another lantern over the sea' });
    expect(again.statusCode).toBe(410);
    expect(again.body).toContain('This link is no longer valid');
    const reopened = await b.get(path);
    expect(reopened.body).toContain('This link is no longer valid');
    expect(reopened.body).not.toContain('name="password"');

    // The new password is the one that works.
    await signIn(new InjectBrowser(t.app), { ...p, password: NEW_PASSWORD });
  });

  it('answers the same for an unknown address and sends nothing', async () => {
    const known = await makePerson(t.deps);
    const stranger = `${unique('nobody')}@example.org`;
    const ask = async (email: string) => {
      const b = new InjectBrowser(t.app);
      await b.get('/password/forgot');
      const res = await b.post('/password/forgot', { email });
      const next = await b.get(String(res.headers.location));
      return { status: res.statusCode, location: res.headers.location, cookies: res.cookies.map((c) => c.name).sort(), page: next.body.replace(/name="_csrf" value="[^"]+"/, '') };
    };
    const forKnown = await ask(known.email);
    const forStranger = await ask(stranger);
    expect(forStranger).toEqual(forKnown);
    expect(await t.deps.db.selectFrom('mail_outbox').select('id').where('to_address', '=', stranger).execute()).toEqual([]);
    await worker.drain();
    expect(smtp.to(stranger)).toEqual([]);
    expect(smtp.to(known.email)).toHaveLength(1);
  });

  it('e-mails an invitation when SMTP is configured, and the page says it was sent', async () => {
    const admin = await makePerson(t.deps);
    const org = await makeOrg(t.deps);
    await addMember(t.deps, org, admin, 'org_admin');
    const b = new InjectBrowser(t.app);
    await signIn(b, admin);
    const invitee = `${unique('invitee')}@example.org`;

    await b.get(`/orgs/${org.slug}/invite`);
    const res = await b.post(`/orgs/${org.slug}/invite`, { email: invitee, role: 'member' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/orgs/${org.slug}`);
    const page = await b.get(`/orgs/${org.slug}`);
    expect(page.body).toContain(`An invitation was sent to ${invitee}.`);
    // The link is not shown to the inviter when it goes by mail.
    expect(page.body).not.toContain('/invite/');

    await worker.drain();
    const [mail, ...more] = smtp.to(invitee);
    expect(more).toEqual([]);
    expect(mail!.subject).toBe(`You are invited to join ${org.name} on Hearth`);
    expect(mail!.text).toContain('Test Person invites you');
    const accept = await new InjectBrowser(t.app).get(linkIn(mail!.text, '/invite'));
    expect(accept.statusCode).toBe(200);
    expect(accept.body).toContain(invitee);
    expect(accept.body).toContain('name="displayName"');
  });
});

describe.each(engines)('mail over HTTP without SMTP (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => t.close());

  it('shows the invitation link to the inviter instead and queues no mail', async () => {
    const admin = await makePerson(t.deps);
    const org = await makeOrg(t.deps);
    await addMember(t.deps, org, admin, 'org_admin');
    const b = new InjectBrowser(t.app);
    await signIn(b, admin);
    const invitee = `${unique('invitee')}@example.org`;
    await b.get(`/orgs/${org.slug}/invite`);
    const res = await b.post(`/orgs/${org.slug}/invite`, { email: invitee, role: 'member' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('This Hearth does not send e-mail.');
    expect(res.body).toMatch(/\/invite\/[A-Za-z0-9_-]{40,}/);
    expect(await t.deps.db.selectFrom('mail_outbox').select('id').where('to_address', '=', invitee).execute()).toEqual([]);
  });
});
