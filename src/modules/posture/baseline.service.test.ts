// The baseline against a real database on both engines: loading the shipped
// catalogue into the text mechanism, member translations, baseline changes
// decided through governance, self-assessment with expiry, scorecards from
// scans with their trend, visibility, the overview's aggregates, help between
// members, and the organisation's export.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectContributedRequests } from '../solidarity/mentorship.registry.js';
import { engines } from '../../../test/helpers/db.js';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { addMember, makeOrg, makePerson, type TestPerson } from '../../../test/factories/index.js';
import { makeVerifiedDomain, recordScan } from '../../../test/helpers/posture-baseline.js';
import { actorFor } from '../../kernel/auth/auth.service.js';
import { anonymous, systemActor, type Actor } from '../../kernel/auth/actor.js';
import { AppError } from '../../kernel/errors.js';
import { setSetting } from '../../kernel/settings.js';
import { ManualClock } from '../../kernel/time.js';
import { listTranslations, pickText } from '../../kernel/text/index.js';
import type { Organisation } from '../federation/federation.repository.js';
import { exportOrganisation } from '../federation/index.js';
import { closeProposal, setPosition } from '../governance/governance.service.js';
import { catalogue } from './baseline/index.js';
import * as svc from './baseline.service.js';
import * as cards from './scorecard.service.js';
import * as help from './help.service.js';

const DAY = 86_400_000;

async function rejects(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected an AppError');
}

describe.each(engines)('posture baseline service (%s)', (engine) => {
  let t: TestApp;
  const clock = new ManualClock(new Date('2026-03-01T12:00:00.000Z'));

  beforeAll(async () => {
    t = await createTestApp(engine, { clock });
    // One organisation's consent is a quorum here, so each test can decide alone.
    await setSetting(t.deps.db, 'governance.quorum', '1');
  });
  afterAll(async () => t.close());

  async function member(): Promise<{ org: Organisation; admin: TestPerson; actor: Actor; person: TestPerson; personActor: Actor }> {
    const org = await makeOrg(t.deps);
    const admin = await makePerson(t.deps);
    const person = await makePerson(t.deps);
    await addMember(t.deps, org, admin, 'org_admin');
    await addMember(t.deps, org, person, 'member');
    return { org, admin, actor: await actorFor(t.deps.db, admin), person, personActor: await actorFor(t.deps.db, person) };
  }

  const outbox = (to: string) => t.deps.db.selectFrom('mail_outbox').select(['to_address', 'subject', 'body_text']).where('to_address', '=', to).execute();

  it('loads the shipped catalogue as version 1, with texts in English, Spanish, Portuguese and French', async () => {
    const v = await svc.currentVersion(t.deps);
    expect(v.version).toBe(1);
    expect(v.rules.map((r) => r.id)).toEqual(catalogue.map((p) => p.id));
    expect(v.proposalId).toBeNull();
    const ids = catalogue.map((p) => p.id);
    for (const lang of ['en', 'es', 'pt', 'fr']) {
      const titles = await pickText(t.deps.db, svc.PRACTICE_OWNER, ids, 'title', lang);
      expect([...titles.values()].every((x) => x.lang === lang && !x.fallback), lang).toBe(true);
    }
    const guide = (await pickText(t.deps.db, svc.PRACTICE_OWNER, ['dnssec'], 'guide', 'pt')).get('dnssec')!;
    expect(guide.body).toContain('Deixe o servidor de nomes assinar');
    expect(guide.body).toContain('keymgr example.org ds');
    // Shipped translations are credited, and flagged for review as machine-made; English is the source.
    const versions = await listTranslations(t.deps.db, { ownerType: svc.PRACTICE_OWNER, ownerId: 'dnssec' }, 'title');
    expect(versions.map((x) => [x.lang, x.isSource, x.machine, x.translator])).toEqual([
      ['en', true, false, null],
      ['es', false, true, svc.SHIPPED_TRANSLATOR],
      ['fr', false, true, svc.SHIPPED_TRANSLATOR],
      ['pt', false, true, svc.SHIPPED_TRANSLATOR],
    ]);
    // A reader of a language nobody wrote yet gets the source, flagged as a fallback.
    expect((await pickText(t.deps.db, svc.PRACTICE_OWNER, ['dnssec'], 'title', 'ar')).get('dnssec')).toMatchObject({ lang: 'en', fallback: true });
  });

  it('keeps a person’s translation when a release rewrites the shipped one, and loads nothing twice', async () => {
    const { personActor } = await member();
    await svc.translatePractice(t.deps, personActor, 'patching', { field: 'title', lang: 'es', body: 'Parches de seguridad en plazo', translator: 'Lucía', machine: false });
    // A release whose Portuguese title of the same practice differs from the stored one.
    await t.deps.db.updateTable('texts').set({ body: 'Texto antigo' }).where('owner_type', '=', svc.PRACTICE_OWNER).where('owner_id', '=', 'patching').where('field', '=', 'title').where('lang', '=', 'pt').execute();
    await setSetting(t.deps.db, 'posture.baseline.texts', 'an older release');
    const auditBefore = await t.deps.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    await svc.syncShippedCatalogue(t.deps);
    const es = (await pickText(t.deps.db, svc.PRACTICE_OWNER, ['patching'], 'title', 'es')).get('patching')!;
    expect(es).toMatchObject({ body: 'Parches de seguridad en plazo', translator: 'Lucía', machine: false });
    const pt = (await pickText(t.deps.db, svc.PRACTICE_OWNER, ['patching'], 'title', 'pt')).get('patching')!;
    expect(pt.body).toBe('Atualizações de segurança num prazo declarado');
    // In step now: another load writes nothing and records nothing.
    await svc.syncShippedCatalogue(t.deps);
    const auditAfter = await t.deps.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(auditAfter.n) - Number(auditBefore.n)).toBe(1); // the first load only
    expect((await svc.currentVersion(t.deps)).version).toBeGreaterThanOrEqual(1);
  });

  it('lets people of the federation add a language, never replace the English source, and refuses outsiders', async () => {
    const outsider = await actorFor(t.deps.db, await makePerson(t.deps));
    const { personActor } = await member();
    expect((await rejects(svc.translatePractice(t.deps, outsider, 'dnssec', { field: 'why', lang: 'de', body: 'x', translator: null, machine: false }))).status).toBe(403);
    expect((await rejects(svc.translatePractice(t.deps, anonymous, 'dnssec', { field: 'why', lang: 'de', body: 'x', translator: null, machine: false }))).status).toBe(401);
    expect((await rejects(svc.translatePractice(t.deps, personActor, 'dnssec', { field: 'why', lang: 'en', body: 'x', translator: null, machine: false }))).code).toBe('POSTURE_SOURCE_LANGUAGE');
    expect((await rejects(svc.translatePractice(t.deps, personActor, 'dnssec', { field: 'question', lang: 'de', body: 'x', translator: null, machine: false }))).status).toBe(422);
    expect((await rejects(svc.translatePractice(t.deps, personActor, 'no-such-practice', { field: 'why', lang: 'de', body: 'x', translator: null, machine: false }))).code).toBe('POSTURE_PRACTICE_NOT_FOUND');
    await svc.translatePractice(t.deps, personActor, 'dnssec', { field: 'why', lang: 'de', body: 'DNSSEC lässt Resolver prüfen, dass Antworten von Ihnen stammen.', translator: 'Jonas', machine: false });
    expect((await pickText(t.deps.db, svc.PRACTICE_OWNER, ['dnssec'], 'why', 'de')).get('dnssec')).toMatchObject({ lang: 'de', translator: 'Jonas', fallback: false });
  });

  it('publishes the next version when a baseline change passes, and scorecards say which version they measure against', async () => {
    const a = await member();
    const before = await svc.currentVersion(t.deps);
    const closesAt = new Date(clock.now().getTime() + 7 * DAY);
    const proposal = { title: 'Baseline without runbooks', body: 'We want fewer self-assessed practices.', lang: 'en', opensAt: undefined, closesAt, timeZone: 'UTC' };
    // Nobody speaks for an organisation they do not administer; an empty change is refused.
    expect((await rejects(svc.proposeBaselineChange(t.deps, a.personActor, { proposal, authorOrgId: a.org.id, ops: [{ op: 'retire', practiceId: 'runbooks' }] }))).status).toBe(403);
    expect((await rejects(svc.proposeBaselineChange(t.deps, a.actor, { proposal, authorOrgId: a.org.id, ops: [] }))).code).toBe('POSTURE_BASELINE_NO_CHANGE');
    const bad = await rejects(svc.proposeBaselineChange(t.deps, a.actor, { proposal, authorOrgId: a.org.id, ops: [{ op: 'add', practiceId: 'dnssec' }] }));
    expect(bad.details.fields).toMatchObject({ 'practice.dnssec': { key: 'baseline.change.alreadyIn' } });

    const { change, proposalId } = await svc.proposeBaselineChange(t.deps, a.actor, {
      proposal,
      authorOrgId: a.org.id,
      ops: [
        { op: 'retire', practiceId: 'runbooks' },
        { op: 'weight', practiceId: 'dnssec', weight: 3 },
      ],
    });
    expect(change).toMatchObject({ status: 'proposed', baseVersion: before.version });
    const body = await pickText(t.deps.db, 'proposal', [proposalId], 'body', 'en');
    expect(body.get(proposalId)!.body).toContain('Retire “Documented runbooks”');
    expect(body.get(proposalId)!.body).toContain(`version ${before.version + 1} of the baseline`);

    await setPosition(t.deps, a.actor, proposalId, { orgId: a.org.id, position: 'agree', reason: '' });
    clock.advance(8 * DAY);
    expect((await closeProposal(t.deps, proposalId))?.status).toBe('passed');
    const after = await svc.currentVersion(t.deps);
    expect(after.version).toBe(before.version + 1);
    expect(after.proposalId).toBe(proposalId);
    expect(after.rules.some((r) => r.id === 'runbooks')).toBe(false);
    expect(after.rules.find((r) => r.id === 'dnssec')?.weight).toBe(3);
    expect((await svc.viewChange(t.deps, change.id, 'en')).change).toMatchObject({ status: 'published', publishedVersion: after.version });
    const card = await cards.getScorecard(t.deps, a.actor, a.org.slug, { lang: 'en' });
    expect(card.version.version).toBe(after.version);
    expect(card.practices.some((p) => p.rule.id === 'runbooks')).toBe(false);
    // Answering a retired practice is refused.
    expect((await rejects(cards.answerPractice(t.deps, a.actor, a.org.slug, 'runbooks', { answer: 'yes', note: '', evidenceUrl: '' }))).code).toBe('POSTURE_NOT_IN_BASELINE');

    // A blocked change publishes nothing.
    const blocked = await svc.proposeBaselineChange(t.deps, a.actor, {
      proposal: { ...proposal, closesAt: new Date(clock.now().getTime() + 7 * DAY) },
      authorOrgId: a.org.id,
      ops: [{ op: 'add', practiceId: 'runbooks' }],
    });
    await setPosition(t.deps, a.actor, blocked.proposalId, { orgId: a.org.id, position: 'block', reason: 'Runbooks matter.' });
    clock.advance(8 * DAY);
    expect((await closeProposal(t.deps, blocked.proposalId))?.status).toBe('not_passed');
    expect((await svc.currentVersion(t.deps)).version).toBe(after.version);
    expect((await svc.viewChange(t.deps, blocked.change.id, 'en')).change.status).toBe('not_passed');
  });

  it('counts self-assessment answers for twelve months, and stores only http(s) evidence links', async () => {
    const a = await member();
    for (const url of ['javascript:alert(1)', 'data:text/html,hi', 'ftp://example.org/x', 'file:///etc/passwd', 'mailto:a@example.org']) {
      expect((await rejects(cards.answerPractice(t.deps, a.actor, a.org.slug, 'tested-restores', { answer: 'yes', note: '', evidenceUrl: url }))).code, url).toBe('POSTURE_EVIDENCE_URL');
    }
    expect((await rejects(cards.answerPractice(t.deps, a.actor, a.org.slug, 'tls-protocols', { answer: 'yes', note: '', evidenceUrl: '' }))).code).toBe('POSTURE_NOT_SELF_ASSESSED');
    expect((await rejects(cards.answerPractice(t.deps, a.personActor, a.org.slug, 'tested-restores', { answer: 'yes', note: '', evidenceUrl: '' }))).status).toBe(403);
    expect(await t.deps.db.selectFrom('posture_answers').selectAll().where('org_id', '=', a.org.id).execute()).toEqual([]);

    await cards.answerPractice(t.deps, a.actor, a.org.slug, 'tested-restores', { answer: 'yes', note: 'Restored to a VM in May.', evidenceUrl: 'https://wiki.example.org/restore' });
    let card = await cards.getScorecard(t.deps, a.actor, a.org.slug, { lang: 'en' });
    const restores = () => card.practices.find((p) => p.rule.id === 'tested-restores')!;
    expect(restores().status).toBe('pass');
    expect(restores().answer?.answer).toMatchObject({ note: 'Restored to a VM in May.', evidenceUrl: 'https://wiki.example.org/restore' });
    expect(card.scores.areas.reliability.self).toBeGreaterThan(0);
    clock.advance(366 * DAY);
    card = await cards.getScorecard(t.deps, a.actor, a.org.slug, { lang: 'en' });
    expect(restores().status).toBe('unanswered');
    expect(restores().answer?.expired).toBe(true);
    expect(card.scores.areas.reliability.self).toBe(0);
  });

  it('judges measured practices from the latest scans, and the trend moves when a fix is scanned', async () => {
    const a = await member();
    const domain = await makeVerifiedDomain(t.deps, a.org.id, `${a.org.slug}.example.org`);
    const first = new Date(clock.now().getTime() - 14 * DAY);
    await recordScan(t.deps, a.org.id, domain, first, { 'HTTP-01': 'pass', 'HTTP-02': 'pass', 'HTTP-03': 'fail', 'DNS-01': 'info', 'TLS-01': 'error' });
    let card = await cards.getScorecard(t.deps, a.actor, a.org.slug, { lang: 'en', trend: true, guides: true });
    const practice = (id: string) => card.practices.find((p) => p.rule.id === id)!;
    expect(practice('https-only').status).toBe('fail');
    // The guide of a gap comes in the reader's language.
    expect(practice('https-only').guide?.body).toContain('Redirect every plain-HTTP request');
    expect(practice('dnssec').status).toBe('unknown');
    expect(practice('tls-protocols').status).toBe('unknown');
    expect(practice('https-only').checks!.find((c) => c.checkId === 'HTTP-03')!.results[0]!.evidence).toEqual({ received: 'evidence of HTTP-03' });
    const measuredBefore = card.scores.overall.measured!;
    expect(card.lastScanAt).toEqual(first);

    await recordScan(t.deps, a.org.id, domain, new Date(clock.now().getTime() - 7 * DAY), { 'HTTP-01': 'pass', 'HTTP-02': 'pass', 'HTTP-03': 'pass' });
    card = await cards.getScorecard(t.deps, a.actor, a.org.slug, { lang: 'fr', trend: true, guides: true });
    expect(practice('https-only').status).toBe('pass');
    expect(practice('https-only').guide).toBeUndefined();
    expect(card.scores.overall.measured!).toBeGreaterThan(measuredBefore);
    const measured = card.trend.map((p) => p.scores.overall.measured);
    expect(measured.length).toBeGreaterThanOrEqual(2);
    expect(measured[0]!).toBeLessThan(measured[measured.length - 1]!);
    expect(card.trend.every((p) => p.version === card.version.version || p.version < card.version.version)).toBe(true);
  });

  it('shows a scorecard only as the organisation allows, and never its evidence or answers to others', async () => {
    const a = await member();
    const b = await member();
    const coordinator = await actorFor(t.deps.db, await makePerson(t.deps, { fedRole: 'coordinator' }));
    await cards.answerPractice(t.deps, a.actor, a.org.slug, 'admin-2fa', { answer: 'no', note: 'Only on the registrar so far.', evidenceUrl: '' });
    const domain = await makeVerifiedDomain(t.deps, a.org.id, `${a.org.slug}.example.net`);
    await recordScan(t.deps, a.org.id, domain, clock.now(), { 'MAIL-02': 'fail' });

    expect((await rejects(cards.getScorecard(t.deps, b.actor, a.org.slug, { lang: 'en' }))).status).toBe(403);
    expect((await rejects(cards.getScorecard(t.deps, coordinator, a.org.slug, { lang: 'en' }))).status).toBe(403);
    expect((await rejects(cards.getScorecard(t.deps, anonymous, a.org.slug, { lang: 'en' }))).status).toBe(401);
    expect((await cards.getScorecard(t.deps, a.personActor, a.org.slug, { lang: 'en' })).insider).toBe(true);
    expect((await rejects(cards.setVisibility(t.deps, a.personActor, a.org.slug, 'public'))).status).toBe(403);

    await cards.setVisibility(t.deps, a.actor, a.org.slug, 'members');
    const seen = await cards.getScorecard(t.deps, b.actor, a.org.slug, { lang: 'en' });
    expect(seen.insider).toBe(false);
    expect(seen.practices.find((p) => p.rule.id === 'admin-2fa')).toMatchObject({ status: 'fail', answer: undefined, checks: undefined });
    expect(seen.practices.find((p) => p.rule.id === 'mail-tls')).toMatchObject({ status: 'fail', checks: undefined });
    expect(JSON.stringify(seen)).not.toContain('Only on the registrar');
    expect((await rejects(cards.getScorecard(t.deps, anonymous, a.org.slug, { lang: 'en' }))).status).toBe(401);
    expect((await rejects(cards.getOrgPractice(t.deps, b.actor, a.org.slug, 'admin-2fa', 'en'))).status).toBe(403);

    await cards.setVisibility(t.deps, a.actor, a.org.slug, 'public');
    expect((await cards.getScorecard(t.deps, anonymous, a.org.slug, { lang: 'en' })).scores.overall.combined).toBeDefined();
    const log = await t.deps.db.selectFrom('audit_log').select(['action', 'data']).where('org_id', '=', a.org.id).execute();
    expect(log.map((l) => l.action)).toEqual(expect.arrayContaining(['posture.answer.recorded', 'posture.visibility.changed']));
    // The audit log, which federation admins read, does not hold the answer itself.
    expect(log.find((l) => l.action === 'posture.answer.recorded')!.data).not.toContain('"no"');
  });

  it('shows an open help request among the fund’s mentorship requests, with a matching skill', async () => {
    const asker = await member();
    const reader = await member();
    const request = await help.askForHelp(t.deps, asker.actor, asker.org.slug, 'dnssec', { note: '' }, { locale: 'en' });
    const listed = (await collectContributedRequests(t.deps, reader.actor, 'en')).filter((r) => r.source === 'posture');
    const mine = listed.find((r) => r.id === request.id);
    expect(mine).toMatchObject({ skill: 'dnssec', path: `/posture/help/${request.id}`, requester: { type: 'org', id: asker.org.id } });
    // Once closed it is no longer asked for.
    await help.closeHelpRequest(t.deps, asker.actor, request.id, 'withdrawn');
    const after = await collectContributedRequests(t.deps, reader.actor, 'en');
    expect(after.find((r) => r.id === request.id)).toBeUndefined();
  });

  it('connects an organisation asking for help with one that offers it', async () => {
    const asker = await member();
    const helper = await member();
    const bystander = await member();
    await help.setCanHelp(t.deps, helper.actor, helper.org.slug, ['offsite-backups', 'dnssec']);
    expect((await rejects(help.setCanHelp(t.deps, helper.actor, helper.org.slug, ['no-such-practice']))).code).toBe('POSTURE_NOT_IN_BASELINE');
    await cards.answerPractice(t.deps, asker.actor, asker.org.slug, 'tested-restores', { answer: 'yes', note: '', evidenceUrl: '' });

    const locale = { locale: 'en' };
    expect((await rejects(help.askForHelp(t.deps, asker.personActor, asker.org.slug, 'offsite-backups', { note: '' }, locale))).status).toBe(403);
    expect((await rejects(help.askForHelp(t.deps, asker.actor, asker.org.slug, 'tested-restores', { note: '' }, locale))).code).toBe('POSTURE_HELP_NOT_A_GAP');
    const request = await help.askForHelp(t.deps, asker.actor, asker.org.slug, 'offsite-backups', { note: 'We have one data centre only.' }, locale);
    expect(request).toMatchObject({ status: 'open', gap: 'unanswered', practiceId: 'offsite-backups', lang: 'en' });
    expect((await rejects(help.askForHelp(t.deps, asker.actor, asker.org.slug, 'offsite-backups', { note: '' }, locale))).code).toBe('POSTURE_HELP_ALREADY_OPEN');
    // The members who said they can help hear of it.
    expect((await outbox(helper.admin.email)).map((m) => m.subject)).toContain(`${asker.org.name} asks for help: Off-site backups in another jurisdiction`);

    const view = await help.viewHelpRequest(t.deps, bystander.actor, request.id, 'en');
    expect(view.helpers.map((o) => o.id)).toEqual([helper.org.id]);
    expect(view.offerAs.map((o) => o.id)).toEqual([bystander.org.id]);
    expect((await rejects(help.viewHelpRequest(t.deps, anonymous, request.id, 'en'))).status).toBe(401);
    expect((await rejects(help.viewHelpRequest(t.deps, await actorFor(t.deps.db, await makePerson(t.deps)), request.id, 'en'))).status).toBe(403);

    expect((await rejects(help.offerHelp(t.deps, helper.personActor, request.id, { org: helper.org.slug, message: '' }))).status).toBe(403);
    expect((await rejects(help.offerHelp(t.deps, helper.actor, request.id, { org: asker.org.slug, message: '' }))).status).toBe(403);
    expect((await rejects(help.offerHelp(t.deps, asker.actor, request.id, { org: asker.org.slug, message: '' }))).code).toBe('POSTURE_HELP_OWN_REQUEST');
    const connected = await help.offerHelp(t.deps, helper.actor, request.id, { org: helper.org.slug, message: 'We have space in another country.' });
    expect(connected.status).toBe('connected');
    const toAsker = await outbox(asker.admin.email);
    expect(toAsker.find((m) => m.subject.includes('offers help'))!.body_text).toContain(helper.admin.email);
    expect((await outbox(helper.admin.email)).find((m) => m.subject.startsWith('You are in touch'))!.body_text).toContain(asker.admin.email);
    // The two sides see who offered and the message; others only that an offer was made.
    expect((await help.viewHelpRequest(t.deps, asker.actor, request.id, 'en')).connections[0]).toMatchObject({ offeredByName: helper.admin.displayName, message: 'We have space in another country.' });
    expect((await help.viewHelpRequest(t.deps, bystander.actor, request.id, 'en')).connections[0]).toMatchObject({ offeredByName: undefined, message: undefined });

    expect((await rejects(help.closeHelpRequest(t.deps, helper.actor, request.id, 'resolved'))).status).toBe(403);
    expect((await help.closeHelpRequest(t.deps, asker.actor, request.id, 'resolved')).status).toBe('resolved');
    expect((await rejects(help.offerHelp(t.deps, bystander.actor, request.id, { org: bystander.org.slug, message: '' }))).code).toBe('POSTURE_HELP_CLOSED');
    expect((await help.listHelpRequests(t.deps, bystander.actor, 'en')).some((i) => i.request.id === request.id)).toBe(false);

    // Everything of it is in the organisation's export, on both sides.
    const exported = (await exportOrganisation(t.deps, systemActor('test'), asker.org.slug)).modules.postureBaseline as { answers: unknown[]; helpRequests: { id: string; connections: unknown[] }[] };
    expect(exported.answers).toHaveLength(1);
    expect(exported.helpRequests[0]).toMatchObject({ id: request.id, connections: [expect.objectContaining({ helperOrgId: helper.org.id })] });
    const given = (await exportOrganisation(t.deps, systemActor('test'), helper.org.slug)).modules.postureBaseline as { canHelpWith: string[]; helpGiven: unknown[] };
    expect(given.canHelpWith).toEqual(['dnssec', 'offsite-backups']);
    expect(given.helpGiven).toHaveLength(1);
  });
});

describe.each(engines)('posture overview (%s)', (engine) => {
  it('shows scorecards as each member allows and withholds aggregates that could single one out', async () => {
    // A database of its own: the overview covers every organisation in it.
    const app = await createTestApp(engine);
    const deps = app.deps;
    try {
      const orgs: { org: Organisation; actor: Actor }[] = [];
      for (let i = 0; i < 4; i++) {
        const org = await makeOrg(deps);
        const admin = await makePerson(deps);
        await addMember(deps, org, admin, 'org_admin');
        orgs.push({ org, actor: await actorFor(deps.db, admin) });
      }
      const [a, b, c, d] = orgs as [(typeof orgs)[0], (typeof orgs)[0], (typeof orgs)[0], (typeof orgs)[0]];
      await cards.answerPractice(deps, a.actor, a.org.slug, 'patching', { answer: 'yes', note: '', evidenceUrl: '' });
      await cards.answerPractice(deps, b.actor, b.org.slug, 'patching', { answer: 'no', note: '', evidenceUrl: '' });
      await cards.setVisibility(deps, a.actor, a.org.slug, 'public');

      // Anonymous: sees A only; B, C, D are hidden (3): aggregates over all four are shown.
      let o = await cards.federationOverview(deps, anonymous, 'en');
      expect(o.rows.map((r) => r.org.id)).toEqual([a.org.id]);
      expect(o.hidden).toBe(3);
      expect(o.overall.self).toMatchObject({ withheld: false, organisations: 4 });
      expect(o.practices.find((p) => p.rule.id === 'patching')!.passing).toMatchObject({ withheld: false, value: 0.25, organisations: 4 });

      // With B and C public too, only D is hidden: any aggregate would give D away.
      await cards.setVisibility(deps, b.actor, b.org.slug, 'public');
      await cards.setVisibility(deps, c.actor, c.org.slug, 'members');
      o = await cards.federationOverview(deps, anonymous, 'en');
      expect(o.hidden).toBe(2);
      expect(o.overall.self).toMatchObject({ withheld: true, value: undefined });
      // A member of the federation sees C's too, and D's own admin sees D: nothing hidden, all shown.
      o = await cards.federationOverview(deps, d.actor, 'en');
      expect(o.rows).toHaveLength(4);
      expect(o.overall.self.withheld).toBe(false);
      // Measured practices nobody has scans for count for no one.
      expect(o.practices.find((p) => p.rule.id === 'dnssec')!.passing).toMatchObject({ organisations: 0, withheld: true });
    } finally {
      await app.close();
    }
  });
});
