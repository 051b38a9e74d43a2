// Triage for a scope's moderators: the queue, marking spam, tags, translations
// of answers, approved quotes, the list of designated moderators, and exports.
// Every action here is audited; none of it touches anything a respondent sent
// beyond the answer itself (there is nothing else).
import type { Db } from '../../kernel/db/connect.js';
import { audit } from '../../kernel/audit/audit.js';
import type { Actor } from '../../kernel/auth/actor.js';
import { forbidden, unauthenticated } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { toTimestamp } from '../../kernel/time.js';
import { pickText, setText, type PickedText, type TextVersion, type TranslationInput } from '../../kernel/text/index.js';
import { listMembers } from '../federation/federation.repository.js';
import * as repo from './voices.repository.js';
import * as err from './voices.errors.js';
import { canDesignateModerators, canModerate, type ScopeId } from './voices.policy.js';
import { campaignTexts, getCampaign, scopeOf, tallyKeys, type CampaignTexts, type D, type Scope } from './voices.service.js';
import type { QuoteInput } from './voices.schemas.js';
import type { AnswerStatus } from './voices.tables.js';

const by = (actor: Actor) => (actor.kind === 'person' ? actor.person.id : null);
const orgData = (orgId: ScopeId) => (orgId ? { orgId } : {});

/** Throws unless this actor moderates the scope (checked before anything of the scope is read). */
export async function assertModerator(db: Db, actor: Actor, orgId: ScopeId): Promise<void> {
  if (actor.kind === 'anonymous') throw unauthenticated();
  const designated = actor.kind === 'person' && orgId !== null ? await repo.isDesignatedModerator(db, orgId, actor.person.id) : false;
  if (!canModerate(actor, orgId, designated)) throw forbidden();
}

export async function mayModerate(db: Db, actor: Actor, orgId: ScopeId): Promise<boolean> {
  if (actor.kind === 'anonymous') return false;
  const designated = actor.kind === 'person' && orgId !== null ? await repo.isDesignatedModerator(db, orgId, actor.person.id) : false;
  return canModerate(actor, orgId, designated);
}

/** The answer, if this actor moderates its scope; an unknown answer is "not found" only after sign-in. */
export async function answerForModeration(db: Db, actor: Actor, id: string): Promise<repo.Answer> {
  if (actor.kind === 'anonymous') throw unauthenticated();
  const a = await repo.findAnswer(db, id);
  if (!a) throw err.answerNotFound();
  await assertModerator(db, actor, a.orgId);
  return a;
}

// ── Reading answers ───────────────────────────────────────────────────────

export interface AnswerItem {
  answer: repo.Answer;
  campaignTitle: PickedText | undefined;
  inbox: boolean;
  /** Per question answered: the text (original, or the reader's translation) or the picked values' labels. */
  parts: { questionId: string; prompt: PickedText | undefined; text: PickedText | undefined; original: TextVersion | undefined; values: string[] }[];
  tags: string[];
  needIds: string[];
}

async function describeAnswers(db: Db, answers: repo.Answer[], lang: string): Promise<AnswerItem[]> {
  const ids = answers.map((a) => a.id);
  const campaigns = new Map((await repo.listCampaignsByIds(db, answers.map((a) => a.campaignId))).map((c) => [c.id, c]));
  const textsByCampaign = new Map<string, CampaignTexts>();
  for (const c of campaigns.values()) textsByCampaign.set(c.id, await campaignTexts(db, c, lang));
  const [values, tags, needs, versions] = await Promise.all([repo.listAnswerValues(db, ids), repo.listAnswerTags(db, ids), repo.listNeedsOfAnswers(db, ids), repo.listAnswerTexts(db, ids)]);
  const out: AnswerItem[] = [];
  for (const a of answers) {
    const texts = textsByCampaign.get(a.campaignId)!;
    const mine = versions.filter((v) => v.ownerId === a.id);
    const parts: AnswerItem['parts'] = [];
    for (const fq of texts.questions) {
      const field = repo.answerField(fq.question.id);
      const picked = (await pickText(mine, repo.ANSWER_TEXT, [a.id], field, lang)).get(a.id);
      const vals = (values.get(a.id) ?? []).filter((v) => v.questionId === fq.question.id).map((v) => {
        if (fq.question.kind === 'scale') return v.value;
        const ch = fq.choices.find((c) => c.id === v.value);
        return ch?.label?.body ?? v.value;
      });
      if (!picked && vals.length === 0) continue;
      parts.push({ questionId: fq.question.id, prompt: fq.prompt, text: picked, original: mine.find((v) => v.field === field && v.isSource), values: vals });
    }
    out.push({
      answer: a,
      campaignTitle: texts.title,
      inbox: campaigns.get(a.campaignId)?.kind === 'inbox',
      parts,
      tags: tags.get(a.id) ?? [],
      needIds: needs.get(a.id) ?? [],
    });
  }
  return out;
}

export const QUEUE_PAGE = 25;

export interface QueueFilter {
  campaignId?: string | undefined;
  status?: AnswerStatus | undefined;
  tag?: string | undefined;
  after?: string | undefined;
}

export async function queue(deps: D, actor: Actor, scope: Scope, f: QueueFilter, lang: string) {
  await assertModerator(deps.db, actor, scope.orgId);
  let after: { receivedAt: string; id: string } | undefined;
  if (f.after) {
    const [receivedAt, id] = f.after.split('~');
    if (receivedAt && id) after = { receivedAt, id };
  }
  const rows = await repo.listAnswers(deps.db, { orgId: scope.orgId, campaignId: f.campaignId, status: f.status ?? 'pending', tag: f.tag, after, limit: QUEUE_PAGE + 1 });
  const page = rows.slice(0, QUEUE_PAGE);
  const last = page[page.length - 1];
  return {
    items: await describeAnswers(deps.db, page, lang),
    next: rows.length > QUEUE_PAGE && last ? `${toTimestamp(last.receivedAt)}~${last.id}` : undefined,
    counts: await repo.countAnswersByStatus(deps.db, scope.orgId),
  };
}

export async function answerCounts(deps: D, actor: Actor, scope: Scope): Promise<Record<AnswerStatus, number>> {
  await assertModerator(deps.db, actor, scope.orgId);
  return repo.countAnswersByStatus(deps.db, scope.orgId);
}

export interface AnswerView extends AnswerItem {
  scope: Scope;
  /** Every version of each free-text part (original first). */
  versions: TextVersion[];
  quotes: repo.Quote[];
  /** Needs of the scope this answer could back. */
  needOptions: { id: string; title: string }[];
}

export async function viewAnswer(deps: D, actor: Actor, id: string, lang: string): Promise<AnswerView> {
  const a = await answerForModeration(deps.db, actor, id);
  const [item] = await describeAnswers(deps.db, [a], lang);
  const needs = await repo.listNeeds(deps.db, { orgId: a.orgId, limit: 500 });
  const titles = await pickText(deps.db, repo.NEED_TEXT, needs.map((n) => n.id), 'title', lang);
  return {
    ...item!,
    scope: await scopeOf(deps.db, a.orgId),
    versions: await repo.listAnswerTexts(deps.db, [a.id]),
    quotes: await repo.listQuotes(deps.db, { answerIds: [a.id], limit: 100 }),
    needOptions: needs.map((n) => ({ id: n.id, title: titles.get(n.id)?.body ?? n.id })),
  };
}

// ── Changing answers ──────────────────────────────────────────────────────

async function answerTallyKeys(db: Db, a: repo.Answer) {
  const values = (await repo.listAnswerValues(db, [a.id])).get(a.id) ?? [];
  const texts = (await repo.listAnswerTexts(db, [a.id])).filter((v) => v.isSource).map((v) => ({ questionId: v.field.slice(2), body: v.body }));
  return tallyKeys({ values, texts });
}

/** pending → accepted counts the answer in reports; spam keeps it apart. Tallies follow in the same transaction. */
export async function setAnswerStatus(deps: D, actor: Actor, id: string, status: AnswerStatus): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const a = await answerForModeration(trx, actor, id);
    if (a.status === status) return;
    if (a.status === 'accepted') await repo.addTallies(trx, a.campaignId, await answerTallyKeys(trx, a), -1);
    if (status === 'accepted') await repo.addTallies(trx, a.campaignId, await answerTallyKeys(trx, a), 1);
    await repo.setAnswerStatus(trx, id, status, by(actor), deps.clock.now());
    const action = status === 'spam' ? 'voices.answer.marked_spam' : status === 'accepted' ? 'voices.answer.accepted' : 'voices.answer.reopened';
    await audit(trx, actor, action, { targetType: 'voice_answer', targetId: id, ...orgData(a.orgId), data: { from: a.status, to: status } });
  });
}

export async function setAnswerTags(deps: D, actor: Actor, id: string, tags: string[]): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const a = await answerForModeration(trx, actor, id);
    await repo.replaceAnswerTags(trx, id, tags);
    await audit(trx, actor, 'voices.answer.tagged', { targetType: 'voice_answer', targetId: id, ...orgData(a.orgId), data: { tags } });
  });
}

/** A moderator's translation of one free-text part, credited apart from the original. */
export async function translateAnswer(deps: D, actor: Actor, id: string, questionId: string, input: TranslationInput): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const a = await answerForModeration(trx, actor, id);
    const field = repo.answerField(questionId);
    const versions = (await repo.listAnswerTexts(trx, [id])).filter((v) => v.field === field);
    if (versions.length === 0) throw err.questionNotFound();
    await setText(trx, { ownerType: repo.ANSWER_TEXT, ownerId: id, field, lang: input.lang, body: input.body, source: false, translator: input.translator, machine: input.machine, by: by(actor), now: deps.clock.now() });
    await audit(trx, actor, 'voices.answer.translated', { targetType: 'voice_answer', targetId: id, ...orgData(a.orgId), data: { questionId, lang: input.lang, machine: input.machine } });
  });
}

const normalise = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * An excerpt may shorten an answer but not change its words: each part between
 * elisions ("…", "[…]" or "...") must appear in the original or in a translation.
 */
export function excerptFits(excerpt: string, texts: readonly string[]): boolean {
  const haystacks = texts.map(normalise);
  const parts = excerpt
    .split(/\[…\]|\[\.\.\.\]|…|\.\.\./)
    .map(normalise)
    .filter(Boolean);
  if (parts.length === 0) return false;
  return haystacks.some((h) => parts.every((p) => h.includes(p)));
}

export async function approveQuote(deps: D, actor: Actor, id: string, input: QuoteInput): Promise<repo.Quote> {
  return deps.db.transaction().execute(async (trx) => {
    const a = await answerForModeration(trx, actor, id);
    if (a.status !== 'accepted') throw err.quoteNotAccepted();
    const versions = (await repo.listAnswerTexts(trx, [id])).filter((v) => v.field === repo.answerField(input.questionId));
    if (versions.length === 0 || !excerptFits(input.excerpt, versions.map((v) => v.body))) throw err.quoteNotInAnswer();
    // The quote keeps the language of the version it was taken from.
    const from = versions.find((v) => excerptFits(input.excerpt, [v.body]))?.lang ?? a.lang;
    const row = { id: newId(), answer_id: id, campaign_id: a.campaignId, question_id: input.questionId, lang: from, excerpt: input.excerpt, approved_by: by(actor), approved_at: toTimestamp(deps.clock.now()) };
    await repo.insertQuote(trx, row);
    await audit(trx, actor, 'voices.quote.approved', { targetType: 'voice_answer', targetId: id, ...orgData(a.orgId), data: { quoteId: row.id } });
    return (await repo.findQuote(trx, row.id))!;
  });
}

export async function removeQuote(deps: D, actor: Actor, answerId: string, quoteId: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const a = await answerForModeration(trx, actor, answerId);
    const q = await repo.findQuote(trx, quoteId);
    if (!q || q.answerId !== a.id) throw err.quoteNotFound();
    await repo.deleteQuote(trx, quoteId);
    await audit(trx, actor, 'voices.quote.withdrawn', { targetType: 'voice_answer', targetId: a.id, ...orgData(a.orgId), data: { quoteId } });
  });
}

// ── Designated moderators ─────────────────────────────────────────────────

async function assertDesignator(actor: Actor, orgId: string): Promise<void> {
  if (actor.kind === 'anonymous') throw unauthenticated();
  if (!canDesignateModerators(actor, orgId)) throw forbidden();
}

export async function moderatorsPage(deps: D, actor: Actor, orgId: string) {
  await assertDesignator(actor, orgId);
  const moderators = await repo.listModerators(deps.db, orgId);
  const chosen = new Set(moderators.map((m) => m.personId));
  const members = (await listMembers(deps.db, orgId)).filter((m) => m.role === 'member' && !chosen.has(m.personId));
  return { moderators, candidates: members.map((m) => ({ personId: m.personId, displayName: m.displayName })) };
}

export async function addModerator(deps: D, actor: Actor, orgId: string, personId: string): Promise<void> {
  await assertDesignator(actor, orgId);
  await deps.db.transaction().execute(async (trx) => {
    const member = (await listMembers(trx, orgId)).find((m) => m.personId === personId);
    if (!member) throw err.notAMember();
    if (!(await repo.insertModerator(trx, orgId, personId, by(actor), deps.clock.now()))) return;
    await audit(trx, actor, 'voices.moderator.added', { targetType: 'person', targetId: personId, orgId });
  });
}

export async function removeModerator(deps: D, actor: Actor, orgId: string, personId: string): Promise<void> {
  await assertDesignator(actor, orgId);
  await deps.db.transaction().execute(async (trx) => {
    if ((await repo.deleteModerator(trx, orgId, personId)) === 0) throw err.moderatorNotFound();
    await audit(trx, actor, 'voices.moderator.removed', { targetType: 'person', targetId: personId, orgId });
  });
}

// ── Export ────────────────────────────────────────────────────────────────

export interface ExportedAnswer {
  id: string;
  campaignId: string;
  lang: string;
  status: AnswerStatus;
  verified: boolean;
  /** The hour it arrived in (nothing finer is kept). */
  receivedHour: string;
  answers: { questionId: string; text: string | null; values: string[] }[];
  translations: { questionId: string; lang: string; text: string; translator: string | null; machine: boolean }[];
  tags: string[];
  needs: string[];
}

/** Every answer of a scope (or one campaign of it), in batches; moderators only. */
export async function exportAnswers(deps: D, actor: Actor, scope: Scope, campaignId: string | undefined): Promise<ExportedAnswer[]> {
  await assertModerator(deps.db, actor, scope.orgId);
  if (campaignId) {
    const c = await getCampaign(deps.db, campaignId);
    if (c.orgId !== scope.orgId) throw err.campaignNotFound();
  }
  const out: ExportedAnswer[] = [];
  let after: { receivedAt: string; id: string } | undefined;
  for (const status of ['accepted', 'pending', 'spam'] as const) {
    after = undefined;
    for (;;) {
      const page = await repo.listAnswers(deps.db, { orgId: scope.orgId, campaignId, status, after, limit: 500 });
      if (page.length === 0) break;
      out.push(...(await exportRows(deps.db, page)));
      const last = page[page.length - 1]!;
      after = { receivedAt: toTimestamp(last.receivedAt), id: last.id };
      if (page.length < 500) break;
    }
  }
  await deps.db.transaction().execute(async (trx) => {
    await audit(trx, actor, 'voices.answers.exported', { targetType: 'voice_campaign', targetId: campaignId ?? '*', ...orgData(scope.orgId), data: { count: out.length } });
  });
  return out;
}

export async function exportRows(db: Db, page: repo.Answer[]): Promise<ExportedAnswer[]> {
  const ids = page.map((a) => a.id);
  const [values, tags, needs, texts] = await Promise.all([repo.listAnswerValues(db, ids), repo.listAnswerTags(db, ids), repo.listNeedsOfAnswers(db, ids), repo.listAnswerTexts(db, ids)]);
  return page.map((a) => {
    const mine = texts.filter((t) => t.ownerId === a.id);
    const vals = values.get(a.id) ?? [];
    const qids = [...new Set([...vals.map((v) => v.questionId), ...mine.map((t) => t.field.slice(2))])];
    return {
      id: a.id,
      campaignId: a.campaignId,
      lang: a.lang,
      status: a.status,
      verified: a.verified,
      receivedHour: toTimestamp(a.receivedAt),
      answers: qids.map((q) => ({ questionId: q, text: mine.find((t) => t.field === repo.answerField(q) && t.isSource)?.body ?? null, values: vals.filter((v) => v.questionId === q).map((v) => v.value) })),
      translations: mine.filter((t) => !t.isSource).map((t) => ({ questionId: t.field.slice(2), lang: t.lang, text: t.body, translator: t.translator, machine: t.machine })),
      tags: tags.get(a.id) ?? [],
      needs: needs.get(a.id) ?? [],
    };
  });
}

/** RFC 4180 CSV, one row per answer and question; cells that a spreadsheet would run as a formula are quoted with a leading '. */
export function answersCsv(rows: ExportedAnswer[]): string {
  const cell = (v: string) => {
    const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
    return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const lines = [['answer_id', 'campaign_id', 'received_hour', 'lang', 'status', 'verified', 'question_id', 'text', 'values', 'tags', 'needs'].join(',')];
  for (const r of rows) {
    const parts = r.answers.length > 0 ? r.answers : [{ questionId: '', text: null, values: [] }];
    for (const p of parts) {
      lines.push([r.id, r.campaignId, r.receivedHour, r.lang, r.status, r.verified ? 'yes' : 'no', p.questionId, p.text ?? '', p.values.join(' '), r.tags.join(' '), r.needs.join(' ')].map(cell).join(','));
    }
  }
  return lines.join('\r\n') + '\r\n';
}

export type { Scope };
