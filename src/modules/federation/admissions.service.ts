// Applications to join the federation: the public form → a pending application
// members can see → a governance proposal of kind admission, opened by a
// coordinator → on pass, the organisation is created and the applicant invited
// as its org-admin; on fail, the applicant is told the recorded outcome.
//
// A coordinator opens the proposal by hand rather than automatically: the form
// is public, and someone should look at an application (and dismiss spam)
// before the whole federation is asked to decide on it.
import type { Deps } from '../../kernel/deps.js';
import type { Db } from '../../kernel/db/connect.js';
import { audit } from '../../kernel/audit/audit.js';
import { type Actor, anonymous, systemActor } from '../../kernel/auth/actor.js';
import { AppError, forbidden, validationFailed, type FieldMessage } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { translator } from '../../kernel/i18n/i18n.js';
import { queueMail } from '../../kernel/mail/outbox.js';
import { nowTs } from '../../kernel/time.js';
import { pickText, type PickedText } from '../../kernel/text/index.js';
import {
  createProposal,
  onOutcomeRecorded,
  onProposalDecided,
  type DecisionHandler,
  type OutcomeHandler,
  type Proposal,
} from '../governance/index.js';
import { insertInvitationIn, insertOrganisationIn, type CreatedInvitation } from './federation.service.js';
import * as repo from './admissions.repository.js';
import { canDismissApplication, canInviteApplicant, canProposeAdmission, canSeeApplicantContact, canViewApplications } from './admissions.policy.js';
import type { ApplicationInput } from './admissions.schemas.js';
import { countryName, isCountryCode } from './profile.countries.js';
import { isLanguage, languageName } from '../../kernel/text/index.js';

type D = Pick<Deps, 'db' | 'clock' | 'config' | 'mail' | 'secret'>;

export const SUBJECT = 'application';

const notFound = () => new AppError('ADMISSION_NOT_FOUND', 404);
const wrongState = () => new AppError('ADMISSION_WRONG_STATE', 409);

// ── The public form ──────────────────────────────────────────────────────

/**
 * Records an application. A filled-in spam trap gets the same answer as a real
 * applicant and stores nothing. No address of the sender is kept.
 */
export async function submitApplication(deps: D, input: ApplicationInput, opts: { locale: string }): Promise<{ stored: boolean; id?: string }> {
  const fields: Record<string, FieldMessage> = {};
  const badCountries = input.countries.filter((c) => !isCountryCode(c));
  const badLanguages = input.languages.filter((l) => !isLanguage(l));
  if (badCountries.length) fields.countries = { key: 'admission.countriesUnknown', values: { codes: badCountries.join(', ') } };
  if (badLanguages.length) fields.languages = { key: 'admission.languagesUnknown', values: { codes: badLanguages.join(', ') } };
  if (input.countries.length > 60) fields.countries = { key: 'admission.tooMany', values: { max: 60 } };
  if (input.languages.length > 40) fields.languages = { key: 'admission.tooMany', values: { max: 40 } };
  if (Object.keys(fields).length) throw validationFailed(fields);
  if (input.website.trim() !== '') return { stored: false };
  const now = nowTs(deps.clock);
  const id = newId();
  await deps.db.transaction().execute(async (trx) => {
    await repo.insertApplication(trx, {
      id,
      org_name: input.orgName,
      serves: input.serves.replace(/\r\n?/g, '\n'),
      countries: JSON.stringify(input.countries),
      languages: JSON.stringify(input.languages),
      contact_name: input.contactName,
      contact_email: input.contactEmail,
      locale: opts.locale,
      charter_agreed_at: now,
      status: 'pending',
      proposal_id: null,
      org_id: null,
      decided_at: null,
      applicant_notified_at: null,
      created_at: now,
      updated_at: now,
    });
    await audit(trx, anonymous, 'federation.application.submitted', { targetType: 'application', targetId: id, data: { orgName: input.orgName } });
  });
  return { stored: true, id };
}

// ── Reading ──────────────────────────────────────────────────────────────

export interface ApplicationsOverview {
  waiting: repo.Application[];
  decided: repo.Application[];
}

export async function listApplicationsFor(deps: D, actor: Actor): Promise<ApplicationsOverview> {
  if (actor.kind !== 'person') throw new AppError('UNAUTHENTICATED', 401);
  if (!canViewApplications(actor)) throw forbidden();
  return {
    waiting: await repo.listApplications(deps.db, ['pending', 'proposed'], 200),
    decided: await repo.listApplications(deps.db, ['admitted', 'declined', 'dismissed'], 50),
  };
}

export interface ApplicationView {
  application: repo.Application;
  /** Null for people who may not see the applicant's address. */
  contactEmail: string | null;
  proposalTitle: PickedText | undefined;
  outcome: PickedText | undefined;
  org: { id: string; slug: string; name: string } | undefined;
  canPropose: boolean;
  canDismiss: boolean;
  canInvite: boolean;
}

export async function viewApplication(deps: D, actor: Actor, id: string, lang: string): Promise<ApplicationView> {
  if (actor.kind !== 'person') throw new AppError('UNAUTHENTICATED', 401);
  if (!canViewApplications(actor)) throw forbidden();
  const application = await repo.findApplication(deps.db, id);
  if (!application) throw notFound();
  const pid = application.proposalId;
  const org = application.orgId ? await repo.findOrganisationBrief(deps.db, application.orgId) : undefined;
  return {
    application,
    contactEmail: canSeeApplicantContact(actor) ? application.contactEmail : null,
    proposalTitle: pid ? (await pickText(deps.db, 'proposal', [pid], 'title', lang)).get(pid) : undefined,
    outcome: pid ? (await pickText(deps.db, 'proposal', [pid], 'outcome', lang)).get(pid) : undefined,
    org: org && { id: org.id, slug: org.slug, name: org.name },
    canPropose: application.status === 'pending' && canProposeAdmission(actor),
    canDismiss: application.status === 'pending' && canDismissApplication(actor),
    canInvite: application.status === 'admitted' && !!org && canInviteApplicant(actor),
  };
}

// ── Coordinators ─────────────────────────────────────────────────────────

/** The proposal text a coordinator starts from, in their language. No contact address: proposals are public. */
export function admissionDraft(a: repo.Application, locale: string): { title: string; body: string } {
  const t = translator(locale).t;
  const list = (items: string[]) => items.join(', ');
  return {
    title: t('admission.draft.title', { org: a.orgName }),
    body: t('admission.draft.body', {
      org: a.orgName,
      serves: a.serves,
      countries: list(a.countries.map((c) => countryName(c, locale))),
      languages: list(a.languages.map((l) => languageName(l, locale))),
    }),
  };
}

export async function getApplicationForProposal(deps: D, actor: Actor, id: string): Promise<repo.Application> {
  if (actor.kind !== 'person') throw new AppError('UNAUTHENTICATED', 401);
  if (!canProposeAdmission(actor)) throw forbidden();
  const a = await repo.findApplication(deps.db, id);
  if (!a) throw notFound();
  if (a.status !== 'pending') throw wrongState();
  return a;
}

export async function proposeAdmission(
  deps: D,
  actor: Actor,
  id: string,
  input: { title: string; body: string; lang: string; opensAt: Date | undefined; closesAt: Date; timeZone: string },
): Promise<Proposal> {
  await getApplicationForProposal(deps, actor, id);
  return createProposal(
    deps,
    actor,
    { ...input, kind: 'admission', authorOrgId: null },
    {
      subject: { type: SUBJECT, id },
      within: async (trx, proposal) => {
        // Two coordinators at once: the second finds it no longer pending, and its proposal is rolled back.
        const ok = await repo.updateApplication(trx, id, ['pending'], { status: 'proposed', proposal_id: proposal.id, updated_at: nowTs(deps.clock) });
        if (!ok) throw wrongState();
        await audit(trx, actor, 'federation.application.proposed', { targetType: 'application', targetId: id, data: { proposalId: proposal.id } });
      },
    },
  );
}

export async function getApplicationForDismissal(deps: D, actor: Actor, id: string): Promise<repo.Application> {
  if (actor.kind !== 'person') throw new AppError('UNAUTHENTICATED', 401);
  if (!canDismissApplication(actor)) throw forbidden();
  const a = await repo.findApplication(deps.db, id);
  if (!a) throw notFound();
  if (a.status !== 'pending') throw wrongState();
  return a;
}

export async function dismissApplication(deps: D, actor: Actor, id: string): Promise<void> {
  if (actor.kind !== 'person') throw new AppError('UNAUTHENTICATED', 401);
  if (!canDismissApplication(actor)) throw forbidden();
  await deps.db.transaction().execute(async (trx) => {
    if (!(await repo.findApplication(trx, id))) throw notFound();
    const now = nowTs(deps.clock);
    if (!(await repo.updateApplication(trx, id, ['pending'], { status: 'dismissed', decided_at: now, updated_at: now }))) throw wrongState();
    await audit(trx, actor, 'federation.application.dismissed', { targetType: 'application', targetId: id });
  });
}

/**
 * An invitation for the applicant of an admitted application to become the
 * new organisation's org-admin. Without SMTP the link is shown to the
 * coordinator, once, to pass on; earlier open links for the applicant end.
 */
export async function inviteApplicant(deps: D, actor: Actor, id: string): Promise<CreatedInvitation & { email: string; org: { slug: string; name: string } }> {
  if (actor.kind !== 'person') throw new AppError('UNAUTHENTICATED', 401);
  if (!canInviteApplicant(actor)) throw forbidden();
  return deps.db.transaction().execute(async (trx) => {
    const a = await repo.findApplication(trx, id);
    if (!a) throw notFound();
    if (a.status !== 'admitted' || !a.orgId) throw wrongState();
    const orgRow = await repo.findOrganisationBrief(trx, a.orgId);
    if (!orgRow) throw wrongState();
    const org = { id: orgRow.id, slug: orgRow.slug, name: orgRow.name, status: orgRow.status, createdAt: new Date(orgRow.created_at) };
    await repo.revokeOpenInvitations(trx, org.id, a.contactEmail, nowTs(deps.clock));
    const created = await insertInvitationIn(deps, trx, actor, org, { email: a.contactEmail, role: 'org_admin' }, { mailLocale: a.locale });
    return { ...created, email: a.contactEmail, org: { slug: org.slug, name: org.name } };
  });
}

// ── What the decision does ───────────────────────────────────────────────

/** A short name from an organisation's name: ASCII letters and digits, hyphens between words. */
export function slugFromName(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, 34)
    .replace(/-+$/, '');
  // Room is left for a "-NN" suffix within the 40 characters a slug may have.
  return base.length >= 2 ? base : 'member';
}

const system = systemActor('admissions');

async function applicationOf(trx: Db, proposal: Proposal): Promise<repo.Application | undefined> {
  if (proposal.subject?.type !== SUBJECT) return undefined;
  const a = await repo.findApplication(trx, proposal.subject.id);
  return a && a.proposalId === proposal.id ? a : undefined;
}

export const admissionDecided: DecisionHandler = async (decision, { trx, deps }) => {
  const a = await applicationOf(trx, decision.proposal);
  if (!a) return;
  const now = nowTs(deps.clock);
  if (decision.outcome === 'withdrawn') {
    // The application waits again; a coordinator may open a new proposal.
    await repo.updateApplication(trx, a.id, ['proposed'], { status: 'pending', proposal_id: null, updated_at: now });
    await audit(trx, system, 'federation.application.returned', { targetType: 'application', targetId: a.id, data: { proposalId: decision.proposal.id } });
    return;
  }
  if (decision.outcome === 'not_passed') {
    await repo.updateApplication(trx, a.id, ['proposed'], { status: 'declined', decided_at: now, updated_at: now });
    // The applicant hears once the outcome statement is recorded (see admissionOutcomeRecorded).
    await audit(trx, system, 'federation.application.declined', { targetType: 'application', targetId: a.id, data: { proposalId: decision.proposal.id } });
    return;
  }
  const org = await insertOrganisationIn(deps, trx, system, { name: a.orgName, slug: await repo.uniqueSlug(trx, slugFromName(a.orgName)) });
  await repo.updateApplication(trx, a.id, ['proposed'], { status: 'admitted', org_id: org.id, decided_at: now, updated_at: now });
  // With SMTP the applicant is invited at once; otherwise a coordinator makes the link and passes it on.
  if (deps.mail.enabled) {
    await insertInvitationIn(deps, trx, system, org, { email: a.contactEmail, role: 'org_admin' }, { mailLocale: a.locale });
  }
  await audit(trx, system, 'federation.application.admitted', {
    targetType: 'application',
    targetId: a.id,
    orgId: org.id,
    data: { proposalId: decision.proposal.id, invited: deps.mail.enabled },
  });
};

export const admissionOutcomeRecorded: OutcomeHandler = async (o, { trx, deps }) => {
  const a = await applicationOf(trx, o.proposal);
  if (!a || a.status !== 'declined' || a.applicantNotifiedAt || !deps.mail.enabled) return;
  const i18n = translator(a.locale);
  const statement = (await pickText(trx, 'proposal', [o.proposal.id], 'outcome', a.locale)).get(o.proposal.id)?.body ?? o.statement;
  await queueMail(trx, deps.clock, {
    to: a.contactEmail,
    subject: i18n.t('mail.admission.declined.subject', { org: a.orgName }),
    text: i18n.t('mail.admission.declined.body', { name: a.contactName, org: a.orgName, statement, link: `${deps.config.baseUrl}/proposals/${o.proposal.id}` }),
  });
  const now = nowTs(deps.clock);
  await repo.updateApplication(trx, a.id, ['declined'], { applicant_notified_at: now, updated_at: now });
  await audit(trx, system, 'federation.application.notified', { targetType: 'application', targetId: a.id });
};

/** Called from registerJobs in app.ts, so that `hearth worker` closes admissions with their consequences too. */
export function registerAdmissionHooks(): void {
  onProposalDecided('admission', admissionDecided);
  onOutcomeRecorded('admission', admissionOutcomeRecorded);
}

/** The application that made an organisation a member, for its export (its own data: the contact is theirs). */
export async function exportAdmission(db: Db, orgId: string) {
  const r = await repo.findApplicationByOrg(db, orgId);
  if (!r) return null;
  const a = repo.toApplication(r);
  return {
    id: a.id,
    orgName: a.orgName,
    serves: a.serves,
    countries: a.countries,
    languages: a.languages,
    contactName: a.contactName,
    contactEmail: a.contactEmail,
    submittedAt: a.createdAt.toISOString(),
    decidedAt: a.decidedAt?.toISOString() ?? null,
    proposalId: a.proposalId,
  };
}
