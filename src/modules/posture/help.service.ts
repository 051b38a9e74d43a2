// From gap to help: an org-admin asks the federation for help with a practice
// the organisation does not meet; members mark the practices they can help
// with; the request lists them, and an offer connects the two organisations
// (each side gets the other's contact by e-mail).
//
// The records are kept general for the solidarity module's mentorship to grow
// from: a request names the organisations, the topic (the practice id, with its
// area), the gap, the baseline version and the note's language; a connection
// names the helping organisation, the person who offered and when.
import type { Db } from '../../kernel/db/connect.js';
import { audit } from '../../kernel/audit/audit.js';
import { type Actor, personOf } from '../../kernel/auth/actor.js';
import { AppError, forbidden } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { isLocale, translator } from '../../kernel/i18n/i18n.js';
import { queueMail } from '../../kernel/mail/outbox.js';
import { isLanguage, pickText, type PickedText } from '../../kernel/text/index.js';
import { nowTs } from '../../kernel/time.js';
import { findShippedPractice, type PracticeRule } from './baseline/index.js';
import * as repo from './baseline.repository.js';
import * as errors from './baseline.errors.js';
import { adminOrgIds, canAskForHelp, canCloseHelpRequest, canMarkHelp, canOfferHelp, canViewHelp, isInsider } from './baseline.policy.js';
import type { HelpRequestInput, OfferInput } from './baseline.schemas.js';
import type { HelpRequestStatus } from './baseline.tables.js';
import { currentVersion, PRACTICE_OWNER, type D } from './baseline.service.js';
import { GAP_STATUSES, getScorecard } from './scorecard.service.js';

function refuse(actor: Actor): AppError {
  return actor.kind === 'anonymous' ? new AppError('UNAUTHENTICATED', 401) : forbidden();
}

async function orgBySlug(db: Db, slug: string): Promise<repo.OrgBrief> {
  const org = await repo.findOrgBySlug(db, slug);
  if (!org) throw new AppError('ORG_NOT_FOUND', 404);
  return org;
}

const link = (deps: Pick<D, 'config'>, path: string) => `${deps.config.baseUrl}${path}`;

// ── Asking ───────────────────────────────────────────────────────────────

export async function askForHelp(deps: D, actor: Actor, slug: string, practiceId: string, input: HelpRequestInput, opts: { locale: string }): Promise<repo.HelpRequest> {
  const org = await orgBySlug(deps.db, slug);
  if (!canAskForHelp(actor, org.id)) throw refuse(actor);
  const person = personOf(actor);
  const card = (await getScorecard(deps, actor, slug, { lang: opts.locale })).practices.find((p) => p.rule.id === practiceId);
  if (!card) throw errors.notInBaseline();
  if (!GAP_STATUSES.includes(card.status)) throw errors.notAGap();
  const version = await currentVersion(deps);
  const lang = input.lang && isLanguage(input.lang) ? input.lang : opts.locale;
  return deps.db.transaction().execute(async (trx) => {
    if (await repo.findOpenRequest(trx, org.id, practiceId)) throw errors.helpAlreadyOpen();
    const now = nowTs(deps.clock);
    const note = input.note.replace(/\r\n?/g, '\n').trim();
    const request = await repo.insertRequest(trx, {
      id: newId(),
      org_id: org.id,
      practice_id: practiceId,
      gap: card.status,
      baseline_version: version.version,
      note: note === '' ? null : note,
      lang,
      status: 'open',
      created_by: person?.id ?? null,
      created_at: now,
      updated_at: now,
      closed_at: null,
    });
    // Members that said they can help hear about it (the request lists them too).
    const helpers = (await repo.listHelpersFor(trx, practiceId)).filter((o) => o.id !== org.id);
    for (const helper of helpers) {
      for (const r of await repo.listOrgAdmins(trx, helper.id)) {
        const i18n = translator(r.locale && isLocale(r.locale) ? r.locale : deps.config.defaultLocale, r.timeZone ?? deps.config.defaultTimeZone);
        const title = (await pickText(trx, PRACTICE_OWNER, [practiceId], 'title', i18n.locale)).get(practiceId)?.body ?? practiceId;
        await queueMail(trx, deps.clock, {
          to: r.email,
          subject: i18n.t('mail.baseline.helpAsked.subject', { org: org.name, practice: title }),
          text: i18n.t('mail.baseline.helpAsked.body', { name: r.displayName, org: org.name, practice: title, helper: helper.name, link: link(deps, `/posture/help/${request.id}`) }),
        });
      }
    }
    await audit(trx, actor, 'posture.help.requested', {
      targetType: 'posture_help_request',
      targetId: request.id,
      orgId: org.id,
      data: { practiceId, gap: card.status, helpersTold: helpers.length },
    });
    return request;
  });
}

// ── Reading ──────────────────────────────────────────────────────────────

export interface HelpRequestSummary {
  request: repo.HelpRequest;
  org: repo.OrgBrief | undefined;
  practice: PickedText | undefined;
  area: PracticeRule['area'] | undefined;
  helpers: number;
  connections: number;
}

export async function listHelpRequests(deps: D, actor: Actor, lang: string, opts: { statuses?: HelpRequestStatus[] } = {}): Promise<HelpRequestSummary[]> {
  if (!canViewHelp(actor)) throw refuse(actor);
  const version = await currentVersion(deps);
  const requests = await repo.listRequests(deps.db, { statuses: opts.statuses ?? ['open', 'connected'], limit: 200 });
  const orgs = await repo.findOrgsByIds(deps.db, requests.map((r) => r.orgId));
  const titles = await pickText(deps.db, PRACTICE_OWNER, requests.map((r) => r.practiceId), 'title', lang);
  const counts = await repo.helperCounts(deps.db);
  const connections = await repo.listConnections(deps.db, requests.map((r) => r.id));
  return requests.map((request) => ({
    request,
    org: orgs.get(request.orgId),
    practice: titles.get(request.practiceId),
    area: version.rules.find((r) => r.id === request.practiceId)?.area ?? findShippedPractice(request.practiceId)?.area,
    helpers: counts.get(request.practiceId) ?? 0,
    connections: connections.filter((c) => c.requestId === request.id).length,
  }));
}

export interface HelpConnectionView {
  connection: repo.HelpConnection;
  helper: repo.OrgBrief | undefined;
  /** Who offered and their message: only for the two organisations' own people. */
  offeredByName: string | null | undefined;
  message: string | null | undefined;
}

export interface HelpRequestView {
  request: repo.HelpRequest;
  org: repo.OrgBrief;
  practice: PickedText | undefined;
  area: PracticeRule['area'] | undefined;
  helpers: repo.OrgBrief[];
  connections: HelpConnectionView[];
  /** Organisations this actor may offer help for (its admin organisations, not the asking one, not already connected). */
  offerAs: repo.OrgBrief[];
  canClose: boolean;
  insider: boolean;
}

export async function viewHelpRequest(deps: D, actor: Actor, id: string, lang: string): Promise<HelpRequestView> {
  if (!canViewHelp(actor)) throw refuse(actor);
  const request = await repo.findRequest(deps.db, id);
  if (!request) throw errors.helpNotFound();
  const orgs = await repo.findOrgsByIds(deps.db, [request.orgId]);
  const org = orgs.get(request.orgId)!;
  const version = await currentVersion(deps);
  const connections = await repo.listConnections(deps.db, [request.id]);
  const helperOrgs = await repo.findOrgsByIds(deps.db, connections.map((c) => c.helperOrgId));
  const names = await repo.personNames(deps.db, connections.flatMap((c) => (c.offeredBy ? [c.offeredBy] : [])));
  const connected = new Set(connections.map((c) => c.helperOrgId));
  const mine = adminOrgIds(actor).filter((o) => o !== request.orgId && !connected.has(o));
  const open = request.status === 'open' || request.status === 'connected';
  return {
    request,
    org,
    practice: (await pickText(deps.db, PRACTICE_OWNER, [request.practiceId], 'title', lang)).get(request.practiceId),
    area: version.rules.find((r) => r.id === request.practiceId)?.area ?? findShippedPractice(request.practiceId)?.area,
    helpers: (await repo.listHelpersFor(deps.db, request.practiceId)).filter((o) => o.id !== request.orgId),
    connections: connections.map((c) => {
      const party = isInsider(actor, request.orgId) || isInsider(actor, c.helperOrgId);
      return {
        connection: c,
        helper: helperOrgs.get(c.helperOrgId),
        offeredByName: party ? (c.offeredBy ? (names.get(c.offeredBy) ?? null) : null) : undefined,
        message: party ? c.message : undefined,
      };
    }),
    offerAs: open ? [...(await repo.findOrgsByIds(deps.db, mine)).values()].filter((o) => o.status === 'active') : [],
    canClose: open && canCloseHelpRequest(actor, request),
    insider: isInsider(actor, request.orgId),
  };
}

// ── Offering, closing ────────────────────────────────────────────────────

/**
 * An org-admin offers their organisation's help. The request becomes
 * "connected", and both sides are told by e-mail with the other's contact:
 * the asking person (or the asking organisation's admins) gets the offering
 * person's name and address, the offering person gets the asker's. Offering
 * is consent to that exchange; the help page says so beside the button.
 */
export async function offerHelp(deps: D, actor: Actor, id: string, input: OfferInput): Promise<repo.HelpRequest> {
  const person = personOf(actor);
  if (!person) throw new AppError('UNAUTHENTICATED', 401);
  if (!canViewHelp(actor)) throw forbidden();
  const helper = (await repo.findOrgBySlug(deps.db, input.org)) ?? (await repo.findOrgsByIds(deps.db, [input.org])).get(input.org);
  if (!helper || !canOfferHelp(actor, helper.id)) throw forbidden();
  return deps.db.transaction().execute(async (trx) => {
    const request = await repo.lockRequest(trx, id);
    if (!request) throw errors.helpNotFound();
    if (helper.id === request.orgId) throw errors.ownRequest();
    if (request.status !== 'open' && request.status !== 'connected') throw errors.helpClosed();
    const now = nowTs(deps.clock);
    const message = input.message.replace(/\r\n?/g, '\n').trim();
    const added = await repo.insertConnection(trx, { request_id: id, helper_org_id: helper.id, offered_by: person.id, message: message === '' ? null : message, created_at: now });
    if (!added) return request;
    await repo.setRequestStatus(trx, id, 'connected', now);
    const asker = (await repo.findOrgsByIds(trx, [request.orgId])).get(request.orgId)!;
    const offerer = (await repo.findPersonContact(trx, person.id))!;
    const askerPerson = request.createdBy ? await repo.findPersonContact(trx, request.createdBy) : undefined;
    // The asking side: the person who asked, or its admins if that person is gone.
    const askers = askerPerson ? [askerPerson] : await repo.listOrgAdmins(trx, request.orgId);
    const path = `/posture/help/${id}`;
    for (const r of askers) {
      const i18n = translator(r.locale && isLocale(r.locale) ? r.locale : deps.config.defaultLocale);
      const title = (await pickText(trx, PRACTICE_OWNER, [request.practiceId], 'title', i18n.locale)).get(request.practiceId)?.body ?? request.practiceId;
      await queueMail(trx, deps.clock, {
        to: r.email,
        subject: i18n.t('mail.baseline.helpOffered.subject', { helper: helper.name, practice: title }),
        text: i18n.t('mail.baseline.helpOffered.body', {
          name: r.displayName,
          helper: helper.name,
          practice: title,
          contact: offerer.displayName,
          email: offerer.email,
          message: message === '' ? '—' : message,
          link: link(deps, path),
        }),
      });
    }
    {
      const i18n = translator(offerer.locale && isLocale(offerer.locale) ? offerer.locale : deps.config.defaultLocale);
      const title = (await pickText(trx, PRACTICE_OWNER, [request.practiceId], 'title', i18n.locale)).get(request.practiceId)?.body ?? request.practiceId;
      const contacts = askers.map((r) => `${r.displayName} <${r.email}>`).join(', ');
      await queueMail(trx, deps.clock, {
        to: offerer.email,
        subject: i18n.t('mail.baseline.helpConnected.subject', { org: asker.name, practice: title }),
        text: i18n.t('mail.baseline.helpConnected.body', { name: offerer.displayName, org: asker.name, practice: title, contacts, link: link(deps, path) }),
      });
    }
    await audit(trx, actor, 'posture.help.offered', {
      targetType: 'posture_help_request',
      targetId: id,
      orgId: helper.id,
      data: { requestOrgId: request.orgId, helperOrgId: helper.id, practiceId: request.practiceId },
    });
    return (await repo.findRequest(trx, id))!;
  });
}

/** Refuses anyone who may not close this request, before their input is looked at; unknown requests are refused alike to outsiders. */
export async function assertMayClose(deps: D, actor: Actor, id: string): Promise<repo.HelpRequest> {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED', 401);
  const found = await repo.findRequest(deps.db, id);
  if (!found) throw canViewHelp(actor) ? errors.helpNotFound() : forbidden();
  if (!canCloseHelpRequest(actor, found)) throw forbidden();
  return found;
}

export async function closeHelpRequest(deps: D, actor: Actor, id: string, outcome: 'resolved' | 'withdrawn'): Promise<repo.HelpRequest> {
  await assertMayClose(deps, actor, id);
  return deps.db.transaction().execute(async (trx) => {
    const request = (await repo.lockRequest(trx, id))!;
    if (request.status !== 'open' && request.status !== 'connected') throw errors.helpClosed();
    await repo.setRequestStatus(trx, id, outcome, nowTs(deps.clock));
    await audit(trx, actor, `posture.help.${outcome}`, { targetType: 'posture_help_request', targetId: id, orgId: request.orgId, data: { practiceId: request.practiceId } });
    return (await repo.findRequest(trx, id))!;
  });
}

// ── What an organisation can help with ───────────────────────────────────

export async function viewCanHelp(deps: D, actor: Actor, slug: string, lang: string): Promise<{ org: repo.OrgBrief; practices: { rule: PracticeRule; title: PickedText | undefined; checked: boolean }[] }> {
  const org = await orgBySlug(deps.db, slug);
  if (!canMarkHelp(actor, org.id)) throw refuse(actor);
  const version = await currentVersion(deps);
  const offers = new Set(await repo.listOffersOf(deps.db, org.id));
  const titles = await pickText(deps.db, PRACTICE_OWNER, version.rules.map((r) => r.id), 'title', lang);
  return { org, practices: version.rules.map((rule) => ({ rule, title: titles.get(rule.id), checked: offers.has(rule.id) })) };
}

export async function setCanHelp(deps: D, actor: Actor, slug: string, practiceIds: readonly string[]): Promise<{ added: string[]; removed: string[] }> {
  const org = await orgBySlug(deps.db, slug);
  if (!canMarkHelp(actor, org.id)) throw refuse(actor);
  const version = await currentVersion(deps);
  const known = new Set(version.rules.map((r) => r.id));
  const unknown = practiceIds.filter((p) => !known.has(p));
  if (unknown.length > 0) throw errors.notInBaseline();
  return deps.db.transaction().execute(async (trx) => {
    const change = await repo.replaceOffers(trx, org.id, [...new Set(practiceIds)], personOf(actor)?.id ?? null, nowTs(deps.clock));
    if (change.added.length > 0 || change.removed.length > 0) {
      await audit(trx, actor, 'posture.help.offers_changed', { targetType: 'organisation', targetId: org.id, orgId: org.id, data: change });
    }
    return change;
  });
}
