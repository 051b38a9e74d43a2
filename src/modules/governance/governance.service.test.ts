// Consent decisions against a real database on both engines, with a clock the
// tests move and a worker they drain: positions, quorum, blocks, delegation,
// the close through the job system, reminders by real SMTP, hooks, comments.
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../../test/helpers/db.js';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { startSmtpServer, type TestSmtpServer } from '../../../test/helpers/smtp.js';
import { addMember, makeOrg, makePerson, type TestPerson } from '../../../test/factories/index.js';
import { actorFor } from '../../kernel/auth/auth.service.js';
import { updatePerson } from '../../kernel/auth/auth.repository.js';
import type { Actor } from '../../kernel/auth/actor.js';
import { translator } from '../../kernel/i18n/i18n.js';
import { startWorker, type Worker } from '../../kernel/jobs/worker.js';
import { ManualClock } from '../../kernel/time.js';
import { setText } from '../../kernel/text/index.js';
import type { Organisation } from '../federation/federation.repository.js';
import { exportOrganisation } from '../federation/index.js';
import * as svc from './governance.service.js';
import { onOutcomeRecorded, onProposalDecided, type ProposalDecision } from './governance.hooks.js';
import type { CreateProposalInput } from './governance.schemas.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe.each(engines)('governance service (%s)', (engine) => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let worker: Worker;
  let coordinator: Actor;
  const clock = new ManualClock(new Date('2026-03-01T12:00:00.000Z'));

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await createTestApp(engine, { clock, env: { HEARTH_SMTP_URL: smtp.url } });
    worker = startWorker({ db: t.deps.db, clock, log: pino({ level: 'silent' }), registry: t.deps.jobs }, false);
    coordinator = await actorFor(t.deps.db, await makePerson(t.deps, { fedRole: 'coordinator' }));
  });
  afterAll(async () => {
    t.deps.mail.close();
    await t.close();
    await smtp.close();
  });

  const actorOf = (p: TestPerson) => actorFor(t.deps.db, p);

  /** An organisation with one org-admin. */
  async function member(opts: { name?: string } = {}): Promise<{ org: Organisation; admin: TestPerson; actor: Actor }> {
    const org = await makeOrg(t.deps, opts.name ? { name: opts.name } : {});
    const admin = await makePerson(t.deps);
    await addMember(t.deps, org, admin, 'org_admin');
    return { org, admin, actor: await actorOf(admin) };
  }

  const input = (over: Partial<CreateProposalInput> = {}): CreateProposalInput => ({
    title: 'Shared secondary DNS',
    body: 'We propose to run **secondary DNS** for each other.',
    lang: 'en',
    kind: 'general',
    authorOrgId: null,
    opensAt: undefined,
    closesAt: new Date(clock.now().getTime() + 3 * DAY),
    timeZone: 'America/Sao_Paulo',
    ...over,
  });

  const withQuorum = async (q: number) => svc.setQuorumSetting(t.deps, { kind: 'system', label: 'test' }, q);
  const open = (over: Partial<CreateProposalInput> = {}) => svc.createProposal(t.deps, coordinator, input(over));
  const status = async (id: string) => (await t.deps.db.selectFrom('proposals').select(['status', 'tally']).where('id', '=', id).executeTakeFirstOrThrow());
  /** Moves the clock past the close and lets the worker do its work. */
  async function passClose(closesAt: Date) {
    clock.set(new Date(closesAt.getTime() + 1000));
    await worker.drain();
  }

  it('opens proposals for the right people only, with times checked', async () => {
    const a = await member();
    const b = await member();
    const plain = await actorOf(await makePerson(t.deps));
    const memberOfA = await makePerson(t.deps);
    await addMember(t.deps, a.org, memberOfA, 'member');

    const own = await svc.createProposal(t.deps, a.actor, input({ authorOrgId: a.org.id }));
    expect(own).toMatchObject({ status: 'open', authorOrgId: a.org.id, kind: 'general', timeZone: 'America/Sao_Paulo' });
    await expect(svc.createProposal(t.deps, a.actor, input({ authorOrgId: b.org.id }))).rejects.toMatchObject({ status: 403 });
    await expect(svc.createProposal(t.deps, a.actor, input({ authorOrgId: null }))).rejects.toMatchObject({ status: 403 });
    await expect(svc.createProposal(t.deps, await actorOf(memberOfA), input({ authorOrgId: a.org.id }))).rejects.toMatchObject({ status: 403 });
    await expect(svc.createProposal(t.deps, plain, input())).rejects.toMatchObject({ status: 403 });
    // A coordinator speaks for the federation, not for an organisation they do not administer.
    await expect(svc.createProposal(t.deps, coordinator, input({ authorOrgId: a.org.id }))).rejects.toMatchObject({ status: 403 });
    // Admissions come only from an application.
    await expect(svc.createProposal(t.deps, coordinator, input({ kind: 'admission' }))).rejects.toMatchObject({ status: 422 });

    await expect(open({ closesAt: new Date(clock.now().getTime() - 1000) })).rejects.toMatchObject({
      status: 422,
      details: { fields: { closesAt: { key: 'gov.form.closesInPast' } } },
    });
    await expect(open({ closesAt: new Date(clock.now().getTime() + 30 * 60_000) })).rejects.toMatchObject({
      details: { fields: { closesAt: { key: 'gov.form.tooShort' } } },
    });
    const audited = await t.deps.db.selectFrom('audit_log').select(['action', 'org_id']).where('target_id', '=', own.id).execute();
    expect(audited).toEqual([{ action: 'governance.proposal.created', org_id: a.org.id }]);
  });

  it('does not pass a proposal with a block, even with quorum', async () => {
    await withQuorum(2);
    const [a, b, c] = [await member(), await member(), await member()];
    const p = await open();
    await svc.setPosition(t.deps, a.actor, p.id, { orgId: a.org.id, position: 'agree', reason: '' });
    await svc.setPosition(t.deps, b.actor, p.id, { orgId: b.org.id, position: 'agree', reason: '' });
    await svc.setPosition(t.deps, c.actor, p.id, { orgId: c.org.id, position: 'block', reason: 'Our members would lose their mail archive.' });
    await passClose(p.closesAt);
    const s = await status(p.id);
    expect(s.status).toBe('not_passed');
    expect(JSON.parse(s.tally!)).toEqual({ quorum: 2, counted: 3, agree: 2, abstain: 0, concern: 0, block: 1 });
  });

  it('does not pass a proposal without quorum', async () => {
    await withQuorum(3);
    const [a, b] = [await member(), await member()];
    const p = await open();
    await svc.setPosition(t.deps, a.actor, p.id, { orgId: a.org.id, position: 'agree', reason: '' });
    await svc.setPosition(t.deps, b.actor, p.id, { orgId: b.org.id, position: 'agree', reason: '' });
    await passClose(p.closesAt);
    expect((await status(p.id)).status).toBe('not_passed');
  });

  it('passes with quorum and concerns, and asks a reason for a concern or a block', async () => {
    await withQuorum(2);
    const [a, b] = [await member(), await member()];
    const p = await open();
    await expect(svc.setPosition(t.deps, a.actor, p.id, { orgId: a.org.id, position: 'concern', reason: '  ' })).rejects.toMatchObject({
      code: 'GOV_REASON_REQUIRED',
      status: 422,
    });
    await expect(svc.setPosition(t.deps, a.actor, p.id, { orgId: a.org.id, position: 'block', reason: '' })).rejects.toMatchObject({ code: 'GOV_REASON_REQUIRED' });
    await svc.setPosition(t.deps, a.actor, p.id, { orgId: a.org.id, position: 'concern', reason: 'Who pays for the second server?' });
    await svc.setPosition(t.deps, b.actor, p.id, { orgId: b.org.id, position: 'abstain', reason: '' });
    await passClose(p.closesAt);
    const s = await status(p.id);
    expect(s.status).toBe('passed');
    expect(JSON.parse(s.tally!)).toMatchObject({ counted: 2, concern: 1, abstain: 1, block: 0 });
    const view = await svc.viewProposal(t.deps, { kind: 'anonymous' }, p.id, 'en');
    expect(view.positions.map((x) => [x.orgId, x.position, x.reason])).toEqual(
      expect.arrayContaining([
        [a.org.id, 'concern', 'Who pays for the second server?'],
        [b.org.id, 'abstain', null],
      ]),
    );
  });

  it('counts a position changed before the close, and refuses one after it', async () => {
    await withQuorum(1);
    const a = await member();
    const p = await open();
    await svc.setPosition(t.deps, a.actor, p.id, { orgId: a.org.id, position: 'block', reason: 'Not ready' });
    clock.set(new Date(p.closesAt.getTime() - 60_000));
    await svc.setPosition(t.deps, a.actor, p.id, { orgId: a.org.id, position: 'agree', reason: '' });
    // Past the closing time the position is frozen, even before the close job has run.
    clock.set(new Date(p.closesAt.getTime() + 10));
    await expect(svc.setPosition(t.deps, a.actor, p.id, { orgId: a.org.id, position: 'block', reason: 'Too late' })).rejects.toMatchObject({
      code: 'GOV_PROPOSAL_CLOSED',
      status: 409,
    });
    await passClose(p.closesAt);
    expect((await status(p.id)).status).toBe('passed');
    await expect(svc.setPosition(t.deps, a.actor, p.id, { orgId: a.org.id, position: 'block', reason: 'Too late' })).rejects.toMatchObject({ status: 409 });
    const changes = await t.deps.db.selectFrom('audit_log').select('data').where('action', '=', 'governance.position.set').where('target_id', '=', p.id).orderBy('seq').execute();
    expect(changes.map((c) => JSON.parse(c.data) as { position: string; previous: string | null })).toMatchObject([
      { position: 'block', previous: null },
      { position: 'agree', previous: 'block' },
    ]);
  });

  it('lets a delegated member speak for the organisation, and no one else', async () => {
    const a = await member();
    const b = await member();
    const delegate = await makePerson(t.deps);
    const bystander = await makePerson(t.deps);
    await addMember(t.deps, a.org, delegate, 'member');
    await addMember(t.deps, a.org, bystander, 'member');
    const p = await open();
    const as = async (person: TestPerson) => actorOf(person);

    await expect(svc.setPosition(t.deps, await as(delegate), p.id, { orgId: a.org.id, position: 'agree', reason: '' })).rejects.toMatchObject({ status: 403 });
    await expect(svc.setPosition(t.deps, b.actor, p.id, { orgId: a.org.id, position: 'agree', reason: '' })).rejects.toMatchObject({ status: 403 });
    await expect(svc.setPosition(t.deps, coordinator, p.id, { orgId: a.org.id, position: 'agree', reason: '' })).rejects.toMatchObject({ status: 403 });
    // Only an org-admin of the organisation manages its delegates.
    await expect(svc.addDelegate(t.deps, b.actor, a.org.slug, delegate.id)).rejects.toMatchObject({ status: 403 });
    await expect(svc.addDelegate(t.deps, a.actor, a.org.slug, b.admin.id)).rejects.toMatchObject({ code: 'GOV_NOT_A_MEMBER' });
    await svc.addDelegate(t.deps, a.actor, a.org.slug, delegate.id);

    await svc.setPosition(t.deps, await as(delegate), p.id, { orgId: a.org.id, position: 'concern', reason: 'Needs a budget' });
    await expect(svc.setPosition(t.deps, await as(bystander), p.id, { orgId: a.org.id, position: 'agree', reason: '' })).rejects.toMatchObject({ status: 403 });
    const view = await svc.viewProposal(t.deps, await as(delegate), p.id, 'en');
    expect(view.voices).toEqual([expect.objectContaining({ org: expect.objectContaining({ id: a.org.id }), asDelegate: true })]);
    expect((await svc.viewProposal(t.deps, await as(bystander), p.id, 'en')).voices).toEqual([]);

    // A delegate who leaves the organisation no longer speaks for it.
    await t.deps.db.deleteFrom('memberships').where('org_id', '=', a.org.id).where('person_id', '=', delegate.id).execute();
    await expect(svc.setPosition(t.deps, await as(delegate), p.id, { orgId: a.org.id, position: 'agree', reason: '' })).rejects.toMatchObject({ status: 403 });
    await addMember(t.deps, a.org, delegate, 'member');
    await svc.removeDelegate(t.deps, a.actor, a.org.slug, delegate.id);
    await expect(svc.setPosition(t.deps, await as(delegate), p.id, { orgId: a.org.id, position: 'agree', reason: '' })).rejects.toMatchObject({ status: 403 });
    const actions = (await t.deps.db.selectFrom('audit_log').select('action').where('org_id', '=', a.org.id).where('action', 'like', 'governance.%').orderBy('seq').execute()).map((r) => r.action);
    expect(actions).toEqual(['governance.delegate.added', 'governance.position.set', 'governance.delegate.removed']);
  });

  it('closes through the job at the closing time, not when someone looks', async () => {
    await withQuorum(1);
    const a = await member();
    const p = await open({ closesAt: new Date(clock.now().getTime() + 2 * DAY) });
    await svc.setPosition(t.deps, a.actor, p.id, { orgId: a.org.id, position: 'agree', reason: '' });
    const job = await t.deps.db.selectFrom('jobs').selectAll().where('id', '=', svc.closeJobId(p.id)).executeTakeFirstOrThrow();
    expect(job).toMatchObject({ kind: 'governance.close', status: 'queued', run_at: p.closesAt.toISOString() });

    clock.set(new Date(p.closesAt.getTime() - 1000));
    await worker.drain();
    expect((await status(p.id)).status).toBe('open');
    clock.set(p.closesAt);
    // Reading the page changes nothing.
    expect((await svc.viewProposal(t.deps, { kind: 'anonymous' }, p.id, 'en')).proposal.status).toBe('open');
    expect((await status(p.id)).status).toBe('open');
    await worker.drain();
    expect((await status(p.id)).status).toBe('passed');
    expect(await t.deps.db.selectFrom('jobs').select('status').where('id', '=', svc.closeJobId(p.id)).executeTakeFirstOrThrow()).toEqual({ status: 'done' });
    const closed = await t.deps.db.selectFrom('proposals').select('closed_at').where('id', '=', p.id).executeTakeFirstOrThrow();
    expect(closed.closed_at).toBe(p.closesAt.toISOString());
  });

  it('closes a proposal whose job was lost, through the sweep', async () => {
    await withQuorum(1);
    const p = await open();
    await t.deps.db.deleteFrom('jobs').where('id', '=', svc.closeJobId(p.id)).execute();
    clock.set(new Date(p.closesAt.getTime() + 6 * 60_000));
    await worker.drain();
    expect((await status(p.id)).status).toBe('not_passed');
  });

  it('reminds the org-admins of organisations without a position, once, 48 hours before, in their language', async () => {
    await withQuorum(1);
    const quiet = await member({ name: 'Quiet Collective' });
    const spoke = await member({ name: 'Spoken Collective' });
    await updatePerson(t.deps.db, quiet.admin.id, { locale: 'es', time_zone: 'America/Mexico_City' });
    const secondAdmin = await makePerson(t.deps);
    await addMember(t.deps, quiet.org, secondAdmin, 'org_admin');
    const plainMember = await makePerson(t.deps);
    await addMember(t.deps, quiet.org, plainMember, 'member');

    const p = await open({ title: 'Shared backups', closesAt: new Date(clock.now().getTime() + 5 * DAY) });
    await t.deps.db.transaction().execute((trx) =>
      setText(trx, { ownerType: 'proposal', ownerId: p.id, field: 'title', lang: 'es', body: 'Copias de seguridad compartidas', source: false, by: null }),
    );
    await svc.setPosition(t.deps, spoke.actor, p.id, { orgId: spoke.org.id, position: 'agree', reason: '' });

    const remindAt = new Date(p.closesAt.getTime() - 48 * HOUR);
    clock.set(new Date(remindAt.getTime() - 60_000));
    await worker.drain();
    expect(smtp.to(quiet.admin.email)).toEqual([]);
    clock.set(remindAt);
    await worker.drain();
    clock.set(new Date(remindAt.getTime() + HOUR));
    await worker.drain();
    expect(await svc.sendReminders(t.deps, p.id)).toBe(0);
    await worker.drain();

    const [es, ...moreEs] = smtp.to(quiet.admin.email);
    expect(moreEs).toEqual([]);
    const inSpanish = translator('es', 'America/Mexico_City');
    expect(es!.subject).toBe(inSpanish.t('mail.gov.reminder.subject', { title: 'Copias de seguridad compartidas' }));
    expect(es!.text).toContain(inSpanish.dateTime(p.closesAt));
    expect(es!.text).toContain('America/Mexico_City');
    expect(es!.text).toContain(`/proposals/${p.id}`);
    const [en, ...moreEn] = smtp.to(secondAdmin.email);
    expect(moreEn).toEqual([]);
    expect(en!.subject).toBe(translator('en').t('mail.gov.reminder.subject', { title: 'Shared backups' }));
    expect(en!.text).toContain(translator('en', 'UTC').dateTime(p.closesAt));
    expect(smtp.to(plainMember.email)).toEqual([]);
    expect(smtp.to(spoke.admin.email)).toEqual([]);
    const reminded = await t.deps.db.selectFrom('audit_log').select('data').where('action', '=', 'governance.reminders.sent').where('target_id', '=', p.id).execute();
    expect(reminded).toHaveLength(1);
  });

  it('runs the hooks of its kind inside the closing transaction, and never loses a decision', async () => {
    await withQuorum(1);
    const a = await member();
    const seen: ProposalDecision[] = [];
    let fail = true;
    const off = onProposalDecided('funding', async (decision, { trx }) => {
      if (fail) throw new Error('the ledger is not ready');
      seen.push(decision);
      // Written through the closing transaction: it commits with the decision.
      await trx.insertInto('settings').values({ key: `test.grant.${decision.proposal.id}`, value: decision.outcome }).execute();
    });
    const offOther = onProposalDecided('baseline_change', async () => {
      throw new Error('must not run for another kind');
    });
    try {
      const p = await open({ kind: 'funding' });
      await svc.setPosition(t.deps, a.actor, p.id, { orgId: a.org.id, position: 'agree', reason: '' });
      await passClose(p.closesAt);
      // The handler failed: the close rolled back and the job waits to be retried.
      expect((await status(p.id)).status).toBe('open');
      const job = await t.deps.db.selectFrom('jobs').select(['status', 'last_error']).where('id', '=', svc.closeJobId(p.id)).executeTakeFirstOrThrow();
      expect(job).toEqual({ status: 'queued', last_error: 'the ledger is not ready' });
      fail = false;
      clock.advance(HOUR);
      await worker.drain();
      expect((await status(p.id)).status).toBe('passed');
      expect(seen.map((d) => [d.proposal.id, d.outcome, d.proposal.status, d.tally?.agree])).toEqual([[p.id, 'passed', 'passed', 1]]);
      expect(await t.deps.db.selectFrom('settings').select('value').where('key', '=', `test.grant.${p.id}`).executeTakeFirst()).toEqual({ value: 'passed' });

      const w = await open({ kind: 'funding' });
      await svc.withdrawProposal(t.deps, coordinator, w.id);
      expect(seen.at(-1)).toMatchObject({ outcome: 'withdrawn', tally: null, proposal: { id: w.id, status: 'withdrawn' } });
      await expect(svc.withdrawProposal(t.deps, coordinator, w.id)).rejects.toMatchObject({ code: 'GOV_PROPOSAL_CLOSED' });
    } finally {
      off();
      offOther();
    }
  });

  it('records the outcome statement after the close only, by a coordinator, with its hook', async () => {
    await withQuorum(1);
    const a = await member();
    const recorded: string[] = [];
    const off = onOutcomeRecorded('general', async (o) => void recorded.push(`${o.lang}:${o.statement}`));
    try {
      const p = await open();
      await expect(svc.recordOutcome(t.deps, coordinator, p.id, { lang: 'en', statement: 'Too early' })).rejects.toMatchObject({ code: 'GOV_STILL_OPEN' });
      await svc.setPosition(t.deps, a.actor, p.id, { orgId: a.org.id, position: 'agree', reason: '' });
      await passClose(p.closesAt);
      await expect(svc.recordOutcome(t.deps, a.actor, p.id, { lang: 'en', statement: 'Mine' })).rejects.toMatchObject({ status: 403 });
      await svc.recordOutcome(t.deps, coordinator, p.id, { lang: 'en', statement: 'We start in April.' });
      await svc.recordOutcome(t.deps, coordinator, p.id, { lang: 'es', statement: 'Empezamos en abril.' });
      expect(recorded).toEqual(['en:We start in April.', 'es:Empezamos en abril.']);
      const es = await svc.viewProposal(t.deps, { kind: 'anonymous' }, p.id, 'es');
      expect(es.outcome).toMatchObject({ body: 'Empezamos en abril.', lang: 'es', isSource: false });
      const fr = await svc.viewProposal(t.deps, { kind: 'anonymous' }, p.id, 'fr');
      expect(fr.outcome).toMatchObject({ body: 'We start in April.', fallback: true });
      const log = await svc.listDecisions(t.deps, 'en');
      expect(log.items.find((d) => d.proposal.id === p.id)?.outcome?.body).toBe('We start in April.');
    } finally {
      off();
    }
  });

  it('keeps every version of an edited comment, and lets only its author edit it', async () => {
    const a = await member();
    const other = await member();
    const outsider = await actorOf(await makePerson(t.deps));
    const p = await open();
    await expect(svc.addComment(t.deps, outsider, p.id, 'Hello')).rejects.toMatchObject({ status: 403 });
    const c = await svc.addComment(t.deps, a.actor, p.id, 'First thought');
    await svc.editComment(t.deps, a.actor, p.id, c.id, 'Second thought', 1);
    await expect(svc.editComment(t.deps, a.actor, p.id, c.id, 'From an old tab', 1)).rejects.toMatchObject({ code: 'GOV_COMMENT_CHANGED' });
    await svc.editComment(t.deps, a.actor, p.id, c.id, 'Third thought', 2);
    await expect(svc.editComment(t.deps, other.actor, p.id, c.id, 'Not mine', 3)).rejects.toMatchObject({ status: 403 });
    const { comment, versions } = await svc.commentHistory(t.deps, other.actor, p.id, c.id);
    expect(comment).toMatchObject({ body: 'Third thought', version: 3 });
    expect(comment.editedAt).not.toBeNull();
    expect(versions.map((v) => [v.version, v.body])).toEqual([
      [3, 'Third thought'],
      [2, 'Second thought'],
      [1, 'First thought'],
    ]);
    // The discussion stays among members: anonymous readers get no comments.
    expect((await svc.viewProposal(t.deps, { kind: 'anonymous' }, p.id, 'en')).comments).toBeUndefined();
    expect((await svc.viewProposal(t.deps, other.actor, p.id, 'en')).comments?.map((x) => x.body)).toEqual(['Third thought']);
  });

  it('puts the organisation’s proposals, positions and delegates in its export', async () => {
    const a = await member();
    const delegate = await makePerson(t.deps);
    await addMember(t.deps, a.org, delegate, 'member');
    await svc.addDelegate(t.deps, a.actor, a.org.slug, delegate.id);
    const own = await svc.createProposal(t.deps, a.actor, input({ authorOrgId: a.org.id, title: 'Ours' }));
    const other = await open({ title: 'Theirs' });
    await svc.setPosition(t.deps, a.actor, other.id, { orgId: a.org.id, position: 'concern', reason: 'Costs' });
    const data = await exportOrganisation(t.deps, { kind: 'system', label: 'test' }, a.org.slug);
    const part = data.modules.governance as { proposals: { id: string; texts: { field: string; body: string }[] }[]; positions: unknown[]; delegates: unknown[] };
    expect(part.proposals.map((p) => p.id)).toEqual([own.id]);
    expect(part.proposals[0]!.texts).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'title', body: 'Ours' })]));
    expect(part.positions).toEqual([expect.objectContaining({ proposalId: other.id, position: 'concern', reason: 'Costs' })]);
    expect(part.delegates).toEqual([expect.objectContaining({ personId: delegate.id })]);
  });

  it('takes half of the active organisations as the default quorum, and keeps each proposal’s quorum', async () => {
    await svc.setQuorumSetting(t.deps, { kind: 'system', label: 'test' }, null);
    const before = await svc.viewQuorumSetting(t.deps, { kind: 'system', label: 'test' });
    expect(before.configured).toBeNull();
    expect(before.effective).toBe(Math.ceil(before.activeOrganisations / 2));
    const p = await open();
    expect(p.quorum).toBe(before.effective);
    await withQuorum(7);
    expect((await svc.viewProposal(t.deps, { kind: 'anonymous' }, p.id, 'en')).proposal.quorum).toBe(before.effective);
    expect((await open()).quorum).toBe(7);
    await expect(svc.setQuorumSetting(t.deps, coordinator, 3)).rejects.toMatchObject({ status: 403 });
  });
});
