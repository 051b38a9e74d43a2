// Applications to join, from the public form to the decision's consequence,
// on both engines: with SMTP (the applicant is e-mailed) and without (the
// coordinator passes the invitation link on).
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../../test/helpers/db.js';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { startSmtpServer, type TestSmtpServer } from '../../../test/helpers/smtp.js';
import { addMember, makeOrg, makePerson, unique } from '../../../test/factories/index.js';
import { actorFor } from '../../kernel/auth/auth.service.js';
import { listMemberships } from '../../kernel/auth/auth.repository.js';
import type { Actor } from '../../kernel/auth/actor.js';
import { translator } from '../../kernel/i18n/i18n.js';
import { startWorker, type Worker } from '../../kernel/jobs/worker.js';
import { ManualClock } from '../../kernel/time.js';
import * as gov from '../governance/governance.service.js';
import { acceptInvitationWithNewAccount } from './federation.service.js';
import { exportOrganisation } from './index.js';
import * as svc from './admissions.service.js';
import type { ApplicationInput } from './admissions.schemas.js';

const HOUR = 3_600_000;
const system: Actor = { kind: 'system', label: 'test' };

describe('short names from organisation names', () => {
  it('keeps letters and digits, drops accents, and falls back when nothing is left', () => {
    expect(svc.slugFromName('Café Rebelde — Nodo 3!')).toBe('cafe-rebelde-nodo-3');
    expect(svc.slugFromName('  --Señal Libre--  ')).toBe('senal-libre');
    expect(svc.slugFromName('مرحبا')).toBe('member');
    expect(svc.slugFromName('x'.repeat(80))).toHaveLength(34);
  });
});

describe.each(engines)('admissions (%s)', (engine) => {
  let smtp: TestSmtpServer;
  let withMail: TestApp;
  let noMail: TestApp;
  let workers: Map<TestApp, Worker>;
  const clock = new ManualClock(new Date('2026-05-04T09:00:00.000Z'));

  beforeAll(async () => {
    smtp = await startSmtpServer();
    withMail = await createTestApp(engine, { clock, env: { HEARTH_SMTP_URL: smtp.url, HEARTH_BASE_URL: 'https://hearth.example' } });
    noMail = await createTestApp(engine, { clock });
    workers = new Map([withMail, noMail].map((t) => [t, startWorker({ db: t.deps.db, clock, log: pino({ level: 'silent' }), registry: t.deps.jobs }, false)]));
  });
  afterAll(async () => {
    withMail.deps.mail.close();
    await withMail.close();
    await noMail.close();
    await smtp.close();
  });

  const application = (over: Partial<ApplicationInput> = {}): ApplicationInput => ({
    orgName: 'Señal Libre',
    serves: 'Radio collectives and tenants’ unions',
    countries: ['MX', 'GT'],
    languages: ['es', 'en'],
    contactName: 'Lupe',
    contactEmail: `${unique('lupe')}@example.org`,
    charter: 'yes',
    website: '',
    ...over,
  });

  /** Submit, propose (a coordinator), take positions, and run the close job. */
  async function decide(t: TestApp, input: ApplicationInput, positions: ('agree' | 'block')[], locale = 'en') {
    const { id } = await svc.submitApplication(t.deps, input, { locale });
    const coordinator = await actorFor(t.deps.db, await makePerson(t.deps, { fedRole: 'coordinator' }));
    await gov.setQuorumSetting(t.deps, system, positions.length || 1);
    const draft = svc.admissionDraft((await svc.viewApplication(t.deps, coordinator, id!, 'en')).application, 'en');
    const proposal = await svc.proposeAdmission(t.deps, coordinator, id!, {
      ...draft,
      lang: 'en',
      opensAt: undefined,
      closesAt: new Date(clock.now().getTime() + 2 * HOUR),
      timeZone: 'America/Mexico_City',
    });
    for (const position of positions) {
      const org = await makeOrg(t.deps);
      const admin = await makePerson(t.deps);
      await addMember(t.deps, org, admin, 'org_admin');
      await gov.setPosition(t.deps, await actorFor(t.deps.db, admin), proposal.id, { orgId: org.id, position, reason: position === 'block' ? 'Not now' : '' });
    }
    clock.set(new Date(proposal.closesAt.getTime() + 1000));
    await workers.get(t)!.drain();
    return { id: id!, proposal, coordinator };
  }

  it('stores an application, refuses unknown codes by name, and keeps nothing from the spam trap', async () => {
    await expect(svc.submitApplication(noMail.deps, application({ countries: ['MX', 'QQ'], languages: ['es', 'zz'] }), { locale: 'es' })).rejects.toMatchObject({
      status: 422,
      details: { fields: { countries: { key: 'admission.countriesUnknown', values: { codes: 'QQ' } }, languages: { key: 'admission.languagesUnknown', values: { codes: 'zz' } } } },
    });
    const trapped = application({ website: 'https://spam.example' });
    expect(await svc.submitApplication(noMail.deps, trapped, { locale: 'en' })).toEqual({ stored: false });
    expect(await noMail.deps.db.selectFrom('membership_applications').select('id').where('contact_email', '=', trapped.contactEmail).execute()).toEqual([]);

    const { id } = await svc.submitApplication(noMail.deps, application(), { locale: 'es' });
    const member = await makePerson(noMail.deps);
    await addMember(noMail.deps, await makeOrg(noMail.deps), member, 'member');
    const asMember = await actorFor(noMail.deps.db, member);
    const view = await svc.viewApplication(noMail.deps, asMember, id!, 'en');
    expect(view.application).toMatchObject({ status: 'pending', orgName: 'Señal Libre', countries: ['MX', 'GT'], locale: 'es' });
    // Members see who asks to join, not the applicant's address.
    expect(view.contactEmail).toBeNull();
    expect(view.canPropose).toBe(false);
    const outsider = await actorFor(noMail.deps.db, await makePerson(noMail.deps));
    await expect(svc.viewApplication(noMail.deps, outsider, id!, 'en')).rejects.toMatchObject({ status: 403 });
    await expect(svc.proposeAdmission(noMail.deps, asMember, id!, { title: 't', body: 'b', lang: 'en', opensAt: undefined, closesAt: new Date(clock.now().getTime() + 2 * HOUR), timeZone: 'UTC' })).rejects.toMatchObject({ status: 403 });
    const audit = await noMail.deps.db.selectFrom('audit_log').select(['action', 'actor_id']).where('target_id', '=', id!).execute();
    expect(audit).toEqual([{ action: 'federation.application.submitted', actor_id: null }]);
  });

  it('on a pass, creates the organisation with a free short name and e-mails the applicant an invitation in their language', async () => {
    await makeOrg(withMail.deps, { slug: 'radio-tierra', name: 'Taken already' });
    const input = application({ orgName: 'Radio Tierra' });
    const { id, proposal } = await decide(withMail, input, ['agree', 'agree'], 'es');
    expect((await withMail.deps.db.selectFrom('proposals').select('status').where('id', '=', proposal.id).executeTakeFirstOrThrow()).status).toBe('passed');
    const app = await withMail.deps.db.selectFrom('membership_applications').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(app.status).toBe('admitted');
    const org = await withMail.deps.db.selectFrom('organisations').selectAll().where('id', '=', app.org_id!).executeTakeFirstOrThrow();
    expect(org).toMatchObject({ name: 'Radio Tierra', slug: 'radio-tierra-2', status: 'active' });
    const inv = await withMail.deps.db.selectFrom('invitations').selectAll().where('org_id', '=', org.id).execute();
    expect(inv.map((i) => [i.email, i.role])).toEqual([[input.contactEmail, 'org_admin']]);

    await workers.get(withMail)!.drain();
    const [mail, ...more] = smtp.to(input.contactEmail);
    expect(more).toEqual([]);
    expect(mail!.subject).toBe(translator('es').t('mail.invite.subject', { org: 'Radio Tierra' }));
    const link = /https:\/\/hearth\.example\/invite\/([A-Za-z0-9_-]+)/.exec(mail!.text)![1]!;
    const { org: joined } = await acceptInvitationWithNewAccount(withMail.deps, link, { displayName: 'Lupe', password: 'glass river orchard tide' });
    expect(joined.id).toBe(org.id);
    const person = await withMail.deps.db.selectFrom('people').select('id').where('email', '=', input.contactEmail).executeTakeFirstOrThrow();
    expect(await listMemberships(withMail.deps.db, person.id)).toEqual([{ orgId: org.id, role: 'org_admin' }]);
    const actions = (await withMail.deps.db.selectFrom('audit_log').select('action').where('org_id', '=', org.id).orderBy('seq').execute()).map((r) => r.action);
    expect(actions.slice(0, 3)).toEqual(['federation.org.created', 'federation.invitation.created', 'federation.application.admitted']);
    // The organisation's export carries the application that made it a member.
    const exported = await exportOrganisation(withMail.deps, system, org.slug);
    expect(exported.modules.admission).toMatchObject({ id, orgName: 'Radio Tierra', countries: ['MX', 'GT'], proposalId: proposal.id });
  });

  it('without SMTP, lets a coordinator make the invitation link, and a new link ends the old one', async () => {
    const input = application({ orgName: 'Nodo Norte' });
    const { id, coordinator } = await decide(noMail, input, ['agree']);
    const view = await svc.viewApplication(noMail.deps, coordinator, id, 'en');
    expect(view.application.status).toBe('admitted');
    expect(view.canInvite).toBe(true);
    expect(await noMail.deps.db.selectFrom('invitations').select('id').where('org_id', '=', view.org!.id).execute()).toEqual([]);
    const member = await makePerson(noMail.deps);
    await addMember(noMail.deps, await makeOrg(noMail.deps), member, 'org_admin');
    await expect(svc.inviteApplicant(noMail.deps, await actorFor(noMail.deps.db, member), id)).rejects.toMatchObject({ status: 403 });
    const first = await svc.inviteApplicant(noMail.deps, coordinator, id);
    expect(first).toMatchObject({ mailed: false, email: input.contactEmail, org: { name: 'Nodo Norte' } });
    const second = await svc.inviteApplicant(noMail.deps, coordinator, id);
    const rows = await noMail.deps.db.selectFrom('invitations').select(['id', 'revoked_at', 'role']).where('org_id', '=', view.org!.id).execute();
    expect(rows.find((r) => r.id === first.invitation.id)?.revoked_at).not.toBeNull();
    expect(rows.find((r) => r.id === second.invitation.id)).toMatchObject({ revoked_at: null, role: 'org_admin' });
  });

  it('on a fail, declines the application and e-mails the applicant the recorded outcome, once', async () => {
    const input = application({ orgName: 'Blocked Collective' });
    const { id, proposal, coordinator } = await decide(withMail, input, ['agree', 'block'], 'es');
    const app = await svc.viewApplication(withMail.deps, coordinator, id, 'en');
    expect(app.application).toMatchObject({ status: 'declined', orgId: null });
    expect(await withMail.deps.db.selectFrom('organisations').select('id').where('name', '=', 'Blocked Collective').execute()).toEqual([]);
    await workers.get(withMail)!.drain();
    // Nothing yet: the applicant hears the outcome once it is recorded.
    expect(smtp.to(input.contactEmail)).toEqual([]);
    await gov.recordOutcome(withMail.deps, coordinator, proposal.id, { lang: 'en', statement: 'Not this year: come to the assembly in May.' });
    await gov.recordOutcome(withMail.deps, coordinator, proposal.id, { lang: 'es', statement: 'Este año no: vengan a la asamblea de mayo.' });
    await workers.get(withMail)!.drain();
    const [mail, ...more] = smtp.to(input.contactEmail);
    expect(more).toEqual([]);
    expect(mail!.subject).toBe(translator('es').t('mail.admission.declined.subject', { org: 'Blocked Collective' }));
    // The statement as it stood when the applicant was told (the English original; the Spanish came later).
    expect(mail!.text).toContain('Not this year: come to the assembly in May.');
    expect(mail!.text).toContain(`https://hearth.example/proposals/${proposal.id}`);
    const after = await svc.viewApplication(withMail.deps, coordinator, id, 'es');
    expect(after.outcome?.body).toBe('Este año no: vengan a la asamblea de mayo.');
    expect(after.application.applicantNotifiedAt).not.toBeNull();
  });

  it('returns the application to waiting when its proposal is withdrawn, and lets only one coordinator propose at a time', async () => {
    const { id } = await svc.submitApplication(noMail.deps, application({ orgName: 'Withdrawn Co' }), { locale: 'en' });
    const coordinator = await actorFor(noMail.deps.db, await makePerson(noMail.deps, { fedRole: 'coordinator' }));
    const times = { opensAt: undefined, closesAt: new Date(clock.now().getTime() + 3 * HOUR), timeZone: 'UTC' };
    const p = await svc.proposeAdmission(noMail.deps, coordinator, id!, { title: 'Admit', body: 'Text', lang: 'en', ...times });
    expect(p.subject).toEqual({ type: 'application', id });
    await expect(svc.proposeAdmission(noMail.deps, coordinator, id!, { title: 'Again', body: 'Text', lang: 'en', ...times })).rejects.toMatchObject({ code: 'ADMISSION_WRONG_STATE' });
    await gov.withdrawProposal(noMail.deps, coordinator, p.id);
    const back = await svc.viewApplication(noMail.deps, coordinator, id!, 'en');
    expect(back.application).toMatchObject({ status: 'pending', proposalId: null });
    const again = await svc.proposeAdmission(noMail.deps, coordinator, id!, { title: 'Admit', body: 'Text', lang: 'en', ...times });
    expect((await svc.viewApplication(noMail.deps, coordinator, id!, 'en')).application.proposalId).toBe(again.id);
    await expect(svc.dismissApplication(noMail.deps, coordinator, id!)).rejects.toMatchObject({ code: 'ADMISSION_WRONG_STATE' });
    const spam = await svc.submitApplication(noMail.deps, application({ orgName: 'Buy cheap pills' }), { locale: 'en' });
    await svc.dismissApplication(noMail.deps, coordinator, spam.id!);
    expect((await svc.listApplicationsFor(noMail.deps, coordinator)).decided.map((a) => [a.id, a.status])).toContainEqual([spam.id, 'dismissed']);
  });
});
