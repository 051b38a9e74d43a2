// Needs: what answers ask for, in words moderators write, with a status the
// people who answered can follow ("you said, we did"): open, planned, in
// progress, done, or declined with a reason. A need links to the answers that
// back it, to shared projects (through projects' own link table) and to
// governance proposals. Needs are public; only moderators change them.
import type { Db } from '../../kernel/db/connect.js';
import { audit } from '../../kernel/audit/audit.js';
import type { Actor } from '../../kernel/auth/actor.js';
import { unauthenticated } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { toTimestamp } from '../../kernel/time.js';
import { listTranslations, pickText, setText, type PickedText } from '../../kernel/text/index.js';
import { findProject, linkToProject, projectsLinkedTo, unlinkFromProject, type Project } from '../projects/index.js';
import * as repo from './voices.repository.js';
import * as err from './voices.errors.js';
import { assertModerator, mayModerate } from './voices.moderation.js';
import { describeProposals, proposalExists, type LinkedProposal } from './voices.proposals.js';
import { getCampaign, scopeOf, type D, type Scope } from './voices.service.js';
import type { EditNeedInput, LinkNeedInput, NewNeedInput } from './voices.schemas.js';
import type { NeedStatus } from './voices.tables.js';

/** The kind under which needs appear in projects' link table. */
export const NEED_LINK = 'need';
const PROPOSAL_LINK = 'proposal';

const by = (actor: Actor) => (actor.kind === 'person' ? actor.person.id : null);
const orgData = (orgId: string | null) => (orgId ? { orgId } : {});
const needOwner = (id: string) => ({ ownerType: repo.NEED_TEXT, ownerId: id });

async function getNeed(db: Db, id: string): Promise<repo.Need> {
  const n = await repo.findNeed(db, id);
  if (!n) throw err.needNotFound();
  return n;
}

/** Throws unless the actor moderates the need's scope (judged before any form is read). */
export async function assertNeedModerator(db: Db, actor: Actor, id: string): Promise<void> {
  if (actor.kind === 'anonymous') throw unauthenticated();
  await assertModerator(db, actor, (await getNeed(db, id)).orgId);
}

async function needForModeration(db: Db, actor: Actor, id: string): Promise<repo.Need> {
  if (actor.kind === 'anonymous') throw unauthenticated();
  const n = await getNeed(db, id);
  await assertModerator(db, actor, n.orgId);
  if (n.mergedInto) throw err.needMerged();
  return n;
}

async function insertNeedWithTexts(trx: Db, deps: D, actor: Actor, orgId: string | null, input: { title: string; description: string; tags: string[]; lang: string }): Promise<string> {
  const now = deps.clock.now();
  const id = newId();
  await repo.insertNeed(trx, { id, org_id: orgId, status: 'open', merged_into: null, created_by: by(actor), created_at: toTimestamp(now), updated_at: toTimestamp(now) });
  await setText(trx, { ...needOwner(id), field: 'title', lang: input.lang, body: input.title, source: true, by: by(actor), now });
  if (input.description) await setText(trx, { ...needOwner(id), field: 'description', lang: input.lang, body: input.description, source: true, by: by(actor), now });
  await repo.replaceNeedTags(trx, id, input.tags);
  await repo.insertNeedEvent(trx, { id: newId(), need_id: id, org_id: orgId, status: 'open', at: toTimestamp(now) });
  await audit(trx, actor, 'voices.need.created', { targetType: 'voice_need', targetId: id, ...orgData(orgId) });
  return id;
}

export async function createNeed(deps: D, actor: Actor, scope: Scope, input: NewNeedInput): Promise<string> {
  await assertModerator(deps.db, actor, scope.orgId);
  return deps.db.transaction().execute((trx) => insertNeedWithTexts(trx, deps, actor, scope.orgId, input));
}

/** An answer backs a need: an existing one of the same scope, or a new one made from it. */
export async function linkAnswerToNeed(deps: D, actor: Actor, answerId: string, input: LinkNeedInput): Promise<string> {
  if (actor.kind === 'anonymous') throw unauthenticated();
  return deps.db.transaction().execute(async (trx) => {
    const a = await repo.findAnswer(trx, answerId);
    if (!a) throw err.answerNotFound();
    await assertModerator(trx, actor, a.orgId);
    let needId: string;
    if (input.need === 'new') {
      needId = await insertNeedWithTexts(trx, deps, actor, a.orgId, { title: input.title, description: input.description, tags: input.tags, lang: input.lang });
    } else {
      const n = await repo.findNeed(trx, input.need);
      // Another scope's need is as good as none: moderators only see their own.
      if (!n || n.orgId !== a.orgId || n.mergedInto) throw err.mergeInvalid();
      needId = n.id;
    }
    if (await repo.linkAnswerToNeed(trx, needId, a, by(actor), deps.clock.now())) {
      await repo.updateNeed(trx, needId, { updated_at: toTimestamp(deps.clock.now()) });
      await audit(trx, actor, 'voices.need.answer_linked', { targetType: 'voice_need', targetId: needId, ...orgData(a.orgId), data: { answerId } });
    }
    return needId;
  });
}

export async function unlinkAnswer(deps: D, actor: Actor, needId: string, answerId: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const n = await needForModeration(trx, actor, needId);
    if ((await repo.unlinkAnswerFromNeed(trx, needId, answerId)) === 0) throw err.linkNotFound();
    await audit(trx, actor, 'voices.need.answer_unlinked', { targetType: 'voice_need', targetId: needId, ...orgData(n.orgId), data: { answerId } });
  });
}

/** Title, description and tags (in the need's source language), and its status. A status change is recorded for the feed. */
export async function updateNeed(deps: D, actor: Actor, id: string, input: EditNeedInput): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const n = await needForModeration(trx, actor, id);
    const now = deps.clock.now();
    const source = (await listTranslations(trx, needOwner(id), 'title')).find((v) => v.isSource)?.lang ?? 'en';
    await setText(trx, { ...needOwner(id), field: 'title', lang: source, body: input.title, by: by(actor), now });
    if (input.description) await setText(trx, { ...needOwner(id), field: 'description', lang: source, body: input.description, by: by(actor), now });
    if (input.status === 'declined') await setText(trx, { ...needOwner(id), field: 'reason', lang: source, body: input.reason, by: by(actor), now });
    await repo.replaceNeedTags(trx, id, input.tags);
    await repo.updateNeed(trx, id, { status: input.status, updated_at: toTimestamp(now) });
    if (input.status !== n.status) {
      await repo.insertNeedEvent(trx, { id: newId(), need_id: id, org_id: n.orgId, status: input.status, at: toTimestamp(now) });
      await audit(trx, actor, 'voices.need.status_changed', { targetType: 'voice_need', targetId: id, ...orgData(n.orgId), data: { from: n.status, to: input.status } });
    } else {
      await audit(trx, actor, 'voices.need.updated', { targetType: 'voice_need', targetId: id, ...orgData(n.orgId) });
    }
  });
}

/** Folds a need into another of the same scope: its answers, projects and proposals move over, and its page points there. */
export async function mergeNeed(deps: D, actor: Actor, id: string, into: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const n = await needForModeration(trx, actor, id);
    const target = await repo.findNeed(trx, into);
    if (!target || target.id === n.id || target.orgId !== n.orgId || target.mergedInto) throw err.mergeInvalid();
    const now = deps.clock.now();
    await repo.moveNeedAnswers(trx, n.id, target.id, now);
    for (const pid of (await repo.listNeedLinks(trx, [n.id], PROPOSAL_LINK)).get(n.id) ?? []) await repo.insertNeedLink(trx, target.id, PROPOSAL_LINK, pid, now);
    for (const p of await projectsLinkedTo(trx, NEED_LINK, n.id)) {
      await linkToProject(trx, p.id, NEED_LINK, target.id, now);
      await unlinkFromProject(trx, p.id, NEED_LINK, n.id);
    }
    await repo.updateNeed(trx, n.id, { merged_into: target.id, updated_at: toTimestamp(now) });
    await repo.updateNeed(trx, target.id, { updated_at: toTimestamp(now) });
    await audit(trx, actor, 'voices.need.merged', { targetType: 'voice_need', targetId: n.id, ...orgData(n.orgId), data: { into: target.id } });
  });
}

export async function linkProject(deps: D, actor: Actor, id: string, projectSlug: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const n = await needForModeration(trx, actor, id);
    const p = await findProject(trx, projectSlug);
    if (!p) throw err.projectUnknown();
    if (!(await linkToProject(trx, p.id, NEED_LINK, id, deps.clock.now()))) return;
    await repo.updateNeed(trx, id, { updated_at: toTimestamp(deps.clock.now()) });
    await audit(trx, actor, 'voices.need.project_linked', { targetType: 'voice_need', targetId: id, ...orgData(n.orgId), data: { projectId: p.id } });
  });
}

export async function unlinkProject(deps: D, actor: Actor, id: string, projectSlug: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const n = await needForModeration(trx, actor, id);
    const p = await findProject(trx, projectSlug);
    if (!p || !(await unlinkFromProject(trx, p.id, NEED_LINK, id))) throw err.linkNotFound();
    await audit(trx, actor, 'voices.need.project_unlinked', { targetType: 'voice_need', targetId: id, ...orgData(n.orgId), data: { projectId: p.id } });
  });
}

export async function linkProposal(deps: D, actor: Actor, id: string, proposalId: string): Promise<void> {
  await needForModeration(deps.db, actor, id);
  // Asked before the transaction: governance reads on its own connection.
  if (!(await proposalExists(deps, proposalId))) throw err.proposalUnknown();
  await deps.db.transaction().execute(async (trx) => {
    const n = await needForModeration(trx, actor, id);
    if (!(await repo.insertNeedLink(trx, id, PROPOSAL_LINK, proposalId, deps.clock.now()))) return;
    await repo.updateNeed(trx, id, { updated_at: toTimestamp(deps.clock.now()) });
    await audit(trx, actor, 'voices.need.proposal_linked', { targetType: 'voice_need', targetId: id, ...orgData(n.orgId), data: { proposalId } });
  });
}

export async function unlinkProposal(deps: D, actor: Actor, id: string, proposalId: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const n = await needForModeration(trx, actor, id);
    if ((await repo.deleteNeedLink(trx, id, PROPOSAL_LINK, proposalId)) === 0) throw err.linkNotFound();
    await audit(trx, actor, 'voices.need.proposal_unlinked', { targetType: 'voice_need', targetId: id, ...orgData(n.orgId), data: { proposalId } });
  });
}

// ── Reading (public) ──────────────────────────────────────────────────────

export interface NeedSummary {
  need: repo.Need;
  title: PickedText | undefined;
  tags: string[];
  backing: number;
  projects: Project[];
  proposals: LinkedProposal[];
  reason: PickedText | undefined;
}

export async function summariseNeeds(deps: D, needs: repo.Need[], lang: string): Promise<NeedSummary[]> {
  const ids = needs.map((n) => n.id);
  const [titles, reasons, tags, backing, proposalIds] = await Promise.all([
    pickText(deps.db, repo.NEED_TEXT, ids, 'title', lang),
    pickText(deps.db, repo.NEED_TEXT, ids, 'reason', lang),
    repo.listNeedTags(deps.db, ids),
    repo.countBacking(deps.db, ids),
    repo.listNeedLinks(deps.db, ids, PROPOSAL_LINK),
  ]);
  const out: NeedSummary[] = [];
  for (const n of needs) {
    out.push({
      need: n,
      title: titles.get(n.id),
      tags: tags.get(n.id) ?? [],
      backing: backing.get(n.id) ?? 0,
      projects: await projectsLinkedTo(deps.db, NEED_LINK, n.id),
      proposals: await describeProposals(deps, proposalIds.get(n.id) ?? [], lang),
      reason: n.status === 'declined' ? reasons.get(n.id) : undefined,
    });
  }
  return out;
}

export const NEEDS_PAGE = 50;

export async function listNeeds(deps: D, f: { orgId?: string | null | undefined; status?: NeedStatus | undefined }, lang: string): Promise<NeedSummary[]> {
  return summariseNeeds(deps, await repo.listNeeds(deps.db, { orgId: f.orgId, status: f.status, limit: NEEDS_PAGE }), lang);
}

export interface NeedView extends NeedSummary {
  scope: Scope;
  description: PickedText | undefined;
  /** Where it was heard: the campaigns of the answers backing it. */
  campaigns: { id: string; title: PickedText | undefined; inbox: boolean }[];
  quotes: repo.Quote[];
  history: { status: NeedStatus; at: Date }[];
  canModerate: boolean;
  /** For moderators: the answers linked (any status), other needs to merge into, and the source texts. */
  answerIds?: string[];
  mergeOptions?: { id: string; title: string }[];
  source?: { lang: string; title: string; description: string; reason: string };
}

export async function viewNeed(deps: D, actor: Actor, id: string, lang: string): Promise<NeedView> {
  const n = await getNeed(deps.db, id);
  const [summary] = await summariseNeeds(deps, [n], lang);
  const description = (await pickText(deps.db, repo.NEED_TEXT, [id], 'description', lang)).get(id);
  const answerIds = await repo.listNeedAnswerIds(deps.db, id);
  const campaignIds = await repo.listCampaignIdsOfNeed(deps.db, id);
  const campaigns = (await repo.listCampaignsByIds(deps.db, campaignIds)).filter((c) => c.status === 'published');
  const titles = await pickText(deps.db, repo.CAMPAIGN_TEXT, campaigns.map((c) => c.id), 'title', lang);
  const canModerate = await mayModerate(deps.db, actor, n.orgId);
  const view: NeedView = {
    ...summary!,
    scope: await scopeOf(deps.db, n.orgId),
    description,
    campaigns: campaigns.map((c) => ({ id: c.id, title: titles.get(c.id), inbox: c.kind === 'inbox' })),
    quotes: await repo.listQuotes(deps.db, { answerIds, limit: 20 }),
    history: (await repo.listNeedEvents(deps.db, { needId: id, limit: 100 })).map((e) => ({ status: e.status, at: e.at })).reverse(),
    canModerate,
  };
  if (canModerate) {
    const others = (await repo.listNeeds(deps.db, { orgId: n.orgId, limit: 500 })).filter((o) => o.id !== id);
    const otherTitles = await pickText(deps.db, repo.NEED_TEXT, others.map((o) => o.id), 'title', lang);
    const t = (field: string) => listTranslations(deps.db, needOwner(id), field).then((v) => v.find((x) => x.isSource));
    const [title, desc, reason] = await Promise.all([t('title'), t('description'), t('reason')]);
    view.answerIds = answerIds;
    view.mergeOptions = others.map((o) => ({ id: o.id, title: otherTitles.get(o.id)?.body ?? o.id }));
    view.source = { lang: title?.lang ?? 'en', title: title?.body ?? '', description: desc?.body ?? '', reason: reason?.body ?? '' };
  }
  return view;
}

/** Status changes, newest first, for the Atom feed (public). */
export async function needEvents(deps: D, orgId: string | null | undefined, lang: string) {
  const events = await repo.listNeedEvents(deps.db, { orgId, limit: 50 });
  const needs = await repo.listNeeds(deps.db, { ids: [...new Set(events.map((e) => e.needId))], limit: 50 });
  const all = new Map((await summariseNeeds(deps, needs, lang)).map((s) => [s.need.id, s]));
  // A merged need is absent from `needs`: its events still show, with the title it had.
  const mergedIds = [...new Set(events.map((e) => e.needId))].filter((nid) => !all.has(nid));
  const mergedTitles = await pickText(deps.db, repo.NEED_TEXT, mergedIds, 'title', lang);
  return events.map((e) => ({ ...e, title: all.get(e.needId)?.title ?? mergedTitles.get(e.needId), reason: all.get(e.needId)?.reason }));
}

export async function needsOfCampaign(deps: D, campaignId: string, lang: string): Promise<NeedSummary[]> {
  await getCampaign(deps.db, campaignId);
  const ids = await repo.listNeedIdsOfCampaign(deps.db, campaignId);
  return summariseNeeds(deps, await repo.listNeeds(deps.db, { ids, limit: 200 }), lang);
}
