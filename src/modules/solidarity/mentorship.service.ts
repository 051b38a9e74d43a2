// Asking for a mentor. A person asks for themselves, or an org-admin asks on
// behalf of the organisation (the organisation is then the mentee, and its
// org-admins take part in the mentorship). The request is open until a mentor
// who offers the skill takes it up, or the asking side withdraws it. Other
// modules' requests for help join the list read-only (mentorship.registry.ts).
import type { Deps } from '../../kernel/deps.js';
import { audit } from '../../kernel/audit/audit.js';
import type { Actor } from '../../kernel/auth/actor.js';
import { AppError, forbidden, validationFailed } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { isLocale, translator } from '../../kernel/i18n/i18n.js';
import { queueMail } from '../../kernel/mail/outbox.js';
import { isLanguage } from '../../kernel/text/index.js';
import { nowTs } from '../../kernel/time.js';
import { requirePerson } from './fund.service.js';
import { normaliseSkill, toMentorship, type Mentorship } from './learning.service.js';
import { canSpeakFor, canTakeUp, isFederationMember } from './learning.policy.js';
import * as lrepo from './learning.repository.js';
import * as repo from './solidarity.repository.js';
import { collectContributedRequests, type SourcedMentorshipRequest } from './mentorship.registry.js';
import type { MenteeType } from './solidarity.tables.js';

type D = Pick<Deps, 'db' | 'clock' | 'config'>;

export type { MentorshipRequest } from './learning.repository.js';

const requestNotFound = () => new AppError('SOLIDARITY_MENTORSHIP_REQUEST_NOT_FOUND', 404);
const requestClosed = () => new AppError('SOLIDARITY_MENTORSHIP_REQUEST_CLOSED', 409);

export interface AskInput {
  /** The organisation's short name; '' for oneself. */
  org: string;
  skill: string;
  languages: string[];
  goals: string;
}

const adminOfAny = (actor: Actor) => actor.kind === 'person' && actor.memberships.some((m) => m.role === 'org_admin');

export async function askForMentor(deps: D, actor: Actor, input: AskInput): Promise<lrepo.MentorshipRequest> {
  const person = requirePerson(actor);
  let requester: { type: MenteeType; id: string };
  if (input.org === '') {
    if (!isFederationMember(actor)) throw forbidden();
    requester = { type: 'person', id: person.id };
  } else {
    const org = await repo.findOrgBySlug(deps.db, input.org);
    if (!org) {
      if (!adminOfAny(actor)) throw forbidden();
      throw new AppError('ORG_NOT_FOUND', 404, { fields: { org: { key: 'error.ORG_NOT_FOUND' } } });
    }
    requester = { type: 'org', id: org.id };
    if (!canSpeakFor(actor, requester)) throw forbidden();
  }
  const fields: Record<string, string> = {};
  const skill = normaliseSkill(input.skill);
  if (!skill) fields.skill = 'solidarity.skills.skillInvalid';
  const languages = [...new Set(input.languages.map((l) => l.trim().toLowerCase()).filter(Boolean))];
  if (languages.length === 0 || languages.some((l) => !isLanguage(l))) fields.languages = 'solidarity.training.languagesInvalid';
  const goals = input.goals.replace(/\r\n?/g, '\n').trim();
  if (goals === '') fields.goals = 'form.required';
  if (Object.keys(fields).length) throw validationFailed(fields);
  return deps.db.transaction().execute(async (trx) => {
    if (await lrepo.findOpenMentorshipRequest(trx, requester, skill!)) {
      throw new AppError('SOLIDARITY_MENTORSHIP_REQUEST_OPEN', 409, { fields: { skill: { key: 'error.SOLIDARITY_MENTORSHIP_REQUEST_OPEN' } } });
    }
    const now = nowTs(deps.clock);
    const row = {
      id: newId(),
      requester_type: requester.type,
      requester_id: requester.id,
      asked_by: person.id,
      skill: skill!,
      languages: JSON.stringify(languages),
      goals,
      status: 'open' as const,
      mentorship_id: null,
      created_at: now,
      updated_at: now,
      closed_at: null,
    };
    await lrepo.insertMentorshipRequest(trx, row);
    await audit(trx, actor, 'solidarity.mentorship.requested', {
      targetType: 'mentorship_request',
      targetId: row.id,
      ...(requester.type === 'org' ? { orgId: requester.id } : {}),
      data: { skill, requester: requester.type, languages },
    });
    return lrepo.toMentorshipRequest(row);
  });
}

/** The asking side withdraws an open request. */
export async function withdrawMentorRequest(deps: D, actor: Actor, id: string): Promise<void> {
  requirePerson(actor);
  const r = await lrepo.findMentorshipRequest(deps.db, id);
  if (!r) {
    if (!isFederationMember(actor)) throw forbidden();
    throw requestNotFound();
  }
  if (!canSpeakFor(actor, { type: r.requesterType, id: r.requesterId })) throw forbidden();
  await deps.db.transaction().execute(async (trx) => {
    if (!(await lrepo.closeMentorshipRequest(trx, id, 'open', { status: 'withdrawn', at: nowTs(deps.clock) }))) throw requestClosed();
    await audit(trx, actor, 'solidarity.mentorship.request_withdrawn', {
      targetType: 'mentorship_request',
      targetId: id,
      ...(r.requesterType === 'org' ? { orgId: r.requesterId } : {}),
    });
  });
}

/** Who may take this request up, decided before a form is read: a member who offers the skill, not of the asking side. */
export async function assertMayTakeUp(deps: Pick<D, 'db'>, actor: Actor, id: string): Promise<lrepo.MentorshipRequest> {
  const me = requirePerson(actor);
  const r = await lrepo.findMentorshipRequest(deps.db, id);
  if (!r) {
    if (!isFederationMember(actor)) throw forbidden();
    throw requestNotFound();
  }
  const requester = { type: r.requesterType, id: r.requesterId };
  const offers = await lrepo.hasSkill(deps.db, { type: 'person', id: me.id }, 'offer', r.skill);
  if (!canTakeUp(actor, requester, offers)) {
    // The reason, for the person: not a member at all, their own side's request, or a skill they did not offer.
    if (!isFederationMember(actor)) throw forbidden();
    if (!canTakeUp(actor, requester, true)) throw forbidden('SOLIDARITY_OWN_REQUEST');
    throw forbidden('SOLIDARITY_NOT_OFFERED');
  }
  return r;
}

/**
 * A mentor takes a request up: the mentorship starts with the request's goals
 * (or the mentor's own words for them), the request closes, and the asking
 * side (the person, or the organisation's org-admins) hears who their mentor is.
 */
export async function takeUpRequest(deps: D, actor: Actor, id: string, input: { goals?: string | undefined } = {}): Promise<Mentorship> {
  const mentor = requirePerson(actor);
  await assertMayTakeUp(deps, actor, id);
  return deps.db.transaction().execute(async (trx) => {
    const r = await lrepo.lockMentorshipRequest(trx, id);
    if (!r) throw requestNotFound();
    if (r.status !== 'open') throw requestClosed();
    let menteeId: string;
    let menteeOrgId: string | null;
    const told: lrepo.Contact[] = [];
    if (r.requesterType === 'person') {
      const mentee = await lrepo.findActiveContact(trx, r.requesterId);
      if (!mentee) throw requestClosed();
      menteeId = mentee.personId;
      menteeOrgId = (await lrepo.orgsOfPeople(trx, [menteeId])).get(menteeId)?.[0] ?? null;
      told.push(mentee);
    } else {
      const admins = await lrepo.listOrgAdminContacts(trx, r.requesterId);
      // The contact is the org-admin who asked while they still are one; otherwise the longest-standing one.
      const contact = admins.find((a) => a.personId === r.askedBy) ?? admins[0];
      if (!contact) throw new AppError('SOLIDARITY_NO_CONTACT', 409);
      menteeId = contact.personId;
      menteeOrgId = r.requesterId;
      told.push(...admins);
    }
    const now = nowTs(deps.clock);
    const row = {
      id: newId(),
      mentor_id: mentor.id,
      mentee_id: menteeId,
      mentee_org_id: menteeOrgId,
      mentee_type: r.requesterType,
      skill: r.skill,
      goals: input.goals?.replace(/\r\n?/g, '\n').trim() || r.goals,
      source_type: 'mentorship_request',
      source_id: r.id,
      status: 'active' as const,
      end_note: null,
      started_at: now,
      ended_at: null,
    };
    await trx.insertInto('mentorships').values(row).execute();
    if (!(await lrepo.closeMentorshipRequest(trx, id, 'open', { status: 'matched', mentorship_id: row.id, at: now }))) throw requestClosed();
    const org = menteeOrgId && r.requesterType === 'org' ? (await repo.orgBriefs(trx, [menteeOrgId])).get(menteeOrgId) : undefined;
    const link = `${deps.config.baseUrl}/learn/mentorships/${row.id}`;
    for (const p of told) {
      const i18n = translator(isLocale(p.locale) ? p.locale : deps.config.defaultLocale, p.timeZone ?? deps.config.defaultTimeZone);
      await queueMail(trx, deps.clock, {
        to: p.email,
        subject: i18n.t('mail.solidarity.mentorFound.subject', { skill: r.skill }),
        text: i18n.t('mail.solidarity.mentorFound.body', { name: p.displayName, mentor: mentor.displayName, skill: r.skill, forWhom: org ? org.name : p.displayName, link }),
      });
    }
    await audit(trx, actor, 'solidarity.mentorship.started', {
      targetType: 'mentorship',
      targetId: row.id,
      ...(menteeOrgId ? { orgId: menteeOrgId } : {}),
      data: { skill: r.skill, mentee: r.requesterType === 'org' ? { org: r.requesterId } : menteeId, requestId: r.id, told: told.length },
    });
    return toMentorship(row);
  });
}

// ── Reading ──────────────────────────────────────────────────────────────

export interface OpenRequestView {
  request: lrepo.MentorshipRequest;
  requesterName: string;
  askedByName: string | undefined;
  canTakeUp: boolean;
  canWithdraw: boolean;
}

export interface OpenRequests {
  items: OpenRequestView[];
  /** Other modules' requests for help, read-only here. */
  contributed: SourcedMentorshipRequest[];
}

/** Open requests for a mentor, and other modules' requests for help: for members of the federation. */
export async function listOpenRequests(deps: Deps, actor: Actor, lang: string): Promise<OpenRequests> {
  const me = requirePerson(actor);
  if (!isFederationMember(actor)) throw forbidden();
  const requests = await lrepo.listMentorshipRequests(deps.db, { statuses: ['open'] });
  const people = await lrepo.personNames(deps.db, [
    ...requests.filter((r) => r.requesterType === 'person').map((r) => r.requesterId),
    ...requests.map((r) => r.askedBy).filter((x): x is string => !!x),
  ]);
  const orgs = await repo.orgBriefs(deps.db, requests.filter((r) => r.requesterType === 'org').map((r) => r.requesterId));
  const offered = new Set(
    (await deps.db.selectFrom('skills').select('skill').where('owner_type', '=', 'person').where('owner_id', '=', me.id).where('direction', '=', 'offer').execute()).map((s) => s.skill),
  );
  const items = requests.map((request) => {
    const requester = { type: request.requesterType, id: request.requesterId };
    return {
      request,
      requesterName: (request.requesterType === 'org' ? orgs.get(request.requesterId)?.name : people.get(request.requesterId)) ?? '',
      askedByName: request.askedBy ? people.get(request.askedBy) : undefined,
      canTakeUp: canTakeUp(actor, requester, offered.has(request.skill)),
      canWithdraw: canSpeakFor(actor, requester),
    };
  });
  return { items, contributed: await collectContributedRequests(deps, actor, lang) };
}

/** The organisations an actor may ask for (its org-admin roles). */
export async function askableOrgs(deps: Pick<D, 'db'>, actor: Actor): Promise<{ id: string; slug: string; name: string }[]> {
  if (actor.kind !== 'person') return [];
  const ids = actor.memberships.filter((m) => m.role === 'org_admin').map((m) => m.orgId);
  return [...(await repo.orgBriefs(deps.db, ids)).values()].sort((a, b) => a.name.localeCompare(b.name));
}
