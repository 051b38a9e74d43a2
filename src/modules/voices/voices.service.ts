// Campaigns, their questions in several languages, each organisation's standing
// feedback inbox, and the anonymous submission path.
//
// What an answer keeps: the campaign, the language it was written in, its
// status, whether a proof-of-work was solved, the HOUR it arrived, and what the
// person wrote or picked. Never an address, a cookie, an account or an exact
// time. No audit entry is written for a submission: the audit log records exact
// times, which an access log elsewhere could match with an address. Everything
// a moderator does is audited.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Deps } from '../../kernel/deps.js';
import type { Db } from '../../kernel/db/connect.js';
import { audit } from '../../kernel/audit/audit.js';
import type { Actor } from '../../kernel/auth/actor.js';
import { forbidden, unauthenticated, validationFailed, type FieldMessage } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { getSetting } from '../../kernel/settings.js';
import { toTimestamp } from '../../kernel/time.js';
import { locales } from '../../kernel/i18n/i18n.js';
import { isLanguage, listTranslations, pickText, setText, type PickedText } from '../../kernel/text/index.js';
import { findOrganisationBySlug, getOrganisation } from '../federation/federation.repository.js';
import * as repo from './voices.repository.js';
import * as err from './voices.errors.js';
import { FormTokens, SourceLimiter, hourOf, type TokenProblem, type VerifiedToken } from './voices.guard.js';
import { POW_FIELD, ProofOfWork, type PowChallenge } from './voices.pow.js';
import { canManageCampaigns, type ScopeId } from './voices.policy.js';
import { ANSWER_MAX, type EditCampaignInput, type NewCampaignInput, type QuestionInput } from './voices.schemas.js';
import type { AnswerStatus, CampaignStatus } from './voices.tables.js';

export type D = Pick<Deps, 'db' | 'clock' | 'config' | 'mail' | 'secret'>;
export type { Campaign, Question, Answer, Need, Quote } from './voices.repository.js';

export const DEFAULT_GLOBAL_BUDGET = 5000;
export const GLOBAL_BUDGET_SETTING = 'voices.global_hourly_budget';
const INBOX_BUDGET = 1000;

/** The in-memory parts of the abuse limits: one per running app. */
export interface VoicesRuntime {
  tokens: FormTokens;
  sources: SourceLimiter;
  pow: ProofOfWork;
  writer: AnswerWriter;
  /** Answers all campaigns together may store per hour (the settings table, read at most once a minute). */
  globalBudget(db: Db): Promise<number>;
  /** A published campaign's questions, remembered while the campaign row is unchanged (any edit moves updated_at). */
  questions(db: Db, c: repo.Campaign): Promise<repo.Question[]>;
}

export interface RuntimeOptions {
  minFillMs?: number;
  maxAgeMs?: number;
  sourceLimit?: number;
  sourceWindowMs?: number;
  powMaxNumber?: number;
}

export function createRuntime(deps: Pick<Deps, 'secret' | 'clock'>, opts: RuntimeOptions = {}): VoicesRuntime {
  let cached: { value: number; until: number } | undefined;
  const questions = new Map<string, { version: number; list: repo.Question[] }>();
  return {
    async questions(db, c) {
      const version = c.updatedAt.getTime();
      const hit = questions.get(c.id);
      if (hit && hit.version === version) return hit.list;
      const list = await repo.listQuestions(db, c.id);
      if (questions.size >= 1000) questions.clear();
      questions.set(c.id, { version, list });
      return list;
    },
    tokens: new FormTokens(deps.secret, deps.clock, opts.minFillMs, opts.maxAgeMs),
    sources: new SourceLimiter(deps.clock, opts.sourceLimit, opts.sourceWindowMs),
    pow: new ProofOfWork(deps.secret, deps.clock, opts.powMaxNumber),
    writer: new AnswerWriter(),
    async globalBudget(db) {
      const now = Date.now();
      if (cached && cached.until > now) return cached.value;
      const raw = Number(await getSetting(db, GLOBAL_BUDGET_SETTING));
      cached = { value: Number.isInteger(raw) && raw > 0 ? raw : DEFAULT_GLOBAL_BUDGET, until: now + 60_000 };
      return cached.value;
    },
  };
}

const by = (actor: Actor) => (actor.kind === 'person' ? actor.person.id : null);
const campaignOwner = (id: string) => ({ ownerType: repo.CAMPAIGN_TEXT, ownerId: id });
const questionOwner = (id: string) => ({ ownerType: repo.QUESTION_TEXT, ownerId: id });
const choiceOwner = (id: string) => ({ ownerType: repo.CHOICE_TEXT, ownerId: id });
const startOfDay = (day: string | null) => (day ? toTimestamp(new Date(`${day}T00:00:00.000Z`)) : null);
/** A campaign closing "on" a day takes answers until that day ends (UTC). */
const endOfDay = (day: string | null) => (day ? toTimestamp(new Date(Date.parse(`${day}T00:00:00.000Z`) + 86_400_000)) : null);

// ── Scopes ────────────────────────────────────────────────────────────────

export interface Scope {
  orgId: ScopeId;
  /** The organisation, when not the federation. */
  org?: { id: string; slug: string; name: string } | undefined;
}

/** An organisation by slug (active ones only), or the federation when slug is undefined. */
export async function resolveScope(db: Db, slug: string | undefined): Promise<Scope> {
  if (slug === undefined) return { orgId: null };
  const org = await findOrganisationBySlug(db, slug);
  if (!org || org.status !== 'active') throw err.campaignNotFound();
  return { orgId: org.id, org: { id: org.id, slug: org.slug, name: org.name } };
}

export async function scopeOf(db: Db, orgId: ScopeId): Promise<Scope> {
  if (orgId === null) return { orgId: null };
  const org = await getOrganisation(db, orgId);
  return { orgId, org: { id: org.id, slug: org.slug, name: org.name } };
}

// ── Campaigns ─────────────────────────────────────────────────────────────

export function isOpen(c: repo.Campaign, now: Date): boolean {
  if (c.status !== 'published') return false;
  if (c.opensAt && c.opensAt > now) return false;
  if (c.closesAt && c.closesAt <= now) return false;
  return true;
}

export async function getCampaign(db: Db, id: string): Promise<repo.Campaign> {
  const c = await repo.findCampaign(db, id);
  if (!c) throw err.campaignNotFound();
  return c;
}

/** The campaign, if this actor may change it: decided from the campaign alone. */
export async function campaignForManage(db: Db, actor: Actor, id: string): Promise<repo.Campaign> {
  if (actor.kind === 'anonymous') throw unauthenticated();
  const c = await getCampaign(db, id);
  if (!canManageCampaigns(actor, c.orgId)) throw forbidden();
  return c;
}

export async function createCampaign(deps: D, actor: Actor, scope: Scope, input: NewCampaignInput): Promise<repo.Campaign> {
  if (actor.kind === 'anonymous') throw unauthenticated();
  if (!canManageCampaigns(actor, scope.orgId)) throw forbidden();
  const now = deps.clock.now();
  const row = {
    id: newId(),
    org_id: scope.orgId,
    inbox_of: null,
    kind: 'survey' as const,
    status: 'draft' as const,
    access: input.access,
    private_nonce: input.access === 'private' ? randomBytes(12).toString('base64url') : null,
    moderated: input.moderated ? 1 : 0,
    source_lang: input.lang,
    languages: input.lang,
    opens_at: startOfDay(input.opensOn),
    closes_at: endOfDay(input.closesOn),
    hourly_budget: input.hourlyBudget,
    created_by: by(actor),
    created_at: toTimestamp(now),
    updated_at: toTimestamp(now),
  };
  await deps.db.transaction().execute(async (trx) => {
    await repo.insertCampaign(trx, row);
    await setText(trx, { ...campaignOwner(row.id), field: 'title', lang: input.lang, body: input.title, source: true, by: by(actor), now });
    if (input.intro) await setText(trx, { ...campaignOwner(row.id), field: 'intro', lang: input.lang, body: input.intro, source: true, by: by(actor), now });
    await audit(trx, actor, 'voices.campaign.created', { targetType: 'voice_campaign', targetId: row.id, ...(scope.orgId ? { orgId: scope.orgId } : {}), data: { access: row.access, moderated: input.moderated } });
  });
  return repo.toCampaign(row);
}

/** Settings, and the title and introduction in the campaign's source language. */
export async function updateCampaign(deps: D, actor: Actor, id: string, input: EditCampaignInput): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const c = await campaignForManage(trx, actor, id);
    if (c.kind === 'inbox') throw err.inboxFixed();
    const now = deps.clock.now();
    const nonce = input.access === 'private' ? (c.privateNonce ?? randomBytes(12).toString('base64url')) : null;
    await repo.updateCampaign(trx, id, {
      access: input.access,
      private_nonce: nonce,
      moderated: input.moderated ? 1 : 0,
      opens_at: startOfDay(input.opensOn),
      closes_at: endOfDay(input.closesOn),
      hourly_budget: input.hourlyBudget,
      updated_at: toTimestamp(now),
    });
    await setText(trx, { ...campaignOwner(id), field: 'title', lang: c.sourceLang, body: input.title, by: by(actor), now });
    if (input.intro) await setText(trx, { ...campaignOwner(id), field: 'intro', lang: c.sourceLang, body: input.intro, by: by(actor), now });
    await audit(trx, actor, 'voices.campaign.updated', { targetType: 'voice_campaign', targetId: id, ...(c.orgId ? { orgId: c.orgId } : {}), data: { access: input.access, moderated: input.moderated } });
  });
}

/** draft → published (takes answers between its dates); published → draft stops it again. */
export async function setCampaignStatus(deps: D, actor: Actor, id: string, status: CampaignStatus): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const c = await campaignForManage(trx, actor, id);
    if (c.kind === 'inbox') throw err.inboxFixed();
    if (c.status === status) return;
    if (status === 'published' && (await repo.listQuestions(trx, id)).length === 0) throw err.noQuestions();
    await repo.updateCampaign(trx, id, { status, updated_at: toTimestamp(deps.clock.now()) });
    await audit(trx, actor, status === 'published' ? 'voices.campaign.published' : 'voices.campaign.unpublished', { targetType: 'voice_campaign', targetId: id, ...(c.orgId ? { orgId: c.orgId } : {}) });
  });
}

/** Stops taking answers now (the close date becomes today's moment). */
export async function closeCampaign(deps: D, actor: Actor, id: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const c = await campaignForManage(trx, actor, id);
    if (c.kind === 'inbox') throw err.inboxFixed();
    const now = toTimestamp(deps.clock.now());
    await repo.updateCampaign(trx, id, { closes_at: now, updated_at: now });
    await audit(trx, actor, 'voices.campaign.closed', { targetType: 'voice_campaign', targetId: id, ...(c.orgId ? { orgId: c.orgId } : {}) });
  });
}

/** Questions are added and removed while the campaign is a draft: answers to a changed form would not add up. */
export async function addQuestion(deps: D, actor: Actor, id: string, input: QuestionInput): Promise<repo.Question> {
  return deps.db.transaction().execute(async (trx) => {
    const c = await campaignForManage(trx, actor, id);
    if (c.kind === 'inbox') throw err.inboxFixed();
    if (c.status !== 'draft') throw err.notDraft();
    const now = deps.clock.now();
    const qid = newId();
    const choiceIds = input.choices.map(() => newId());
    await repo.insertQuestion(trx, { id: qid, campaign_id: id, position: await repo.nextQuestionPosition(trx, id), kind: input.kind, required: input.required ? 1 : 0, created_at: toTimestamp(now) }, choiceIds);
    const text = (ownerId: string, ownerType: string, field: string, body: string) =>
      setText(trx, { ownerType, ownerId, field, lang: c.sourceLang, body, source: true, by: by(actor), now });
    await text(qid, repo.QUESTION_TEXT, 'prompt', input.prompt);
    if (input.kind === 'scale') {
      if (input.low) await text(qid, repo.QUESTION_TEXT, 'low', input.low);
      if (input.high) await text(qid, repo.QUESTION_TEXT, 'high', input.high);
    }
    for (const [i, cid] of choiceIds.entries()) await text(cid, repo.CHOICE_TEXT, 'label', input.choices[i]!);
    await repo.updateCampaign(trx, id, { updated_at: toTimestamp(now) });
    await audit(trx, actor, 'voices.question.added', { targetType: 'voice_campaign', targetId: id, ...(c.orgId ? { orgId: c.orgId } : {}), data: { questionId: qid, kind: input.kind } });
    return (await repo.listQuestions(trx, id)).find((q) => q.id === qid)!;
  });
}

export async function removeQuestion(deps: D, actor: Actor, id: string, questionId: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const c = await campaignForManage(trx, actor, id);
    if (c.kind === 'inbox') throw err.inboxFixed();
    if (c.status !== 'draft') throw err.notDraft();
    const q = (await repo.listQuestions(trx, id)).find((x) => x.id === questionId);
    if (!q) throw err.questionNotFound();
    await repo.deleteQuestion(trx, questionId);
    await repo.updateCampaign(trx, id, { updated_at: toTimestamp(deps.clock.now()) });
    await audit(trx, actor, 'voices.question.removed', { targetType: 'voice_campaign', targetId: id, ...(c.orgId ? { orgId: c.orgId } : {}), data: { questionId } });
  });
}

/**
 * Every text of the campaign in one more language (or corrected in one it has):
 * `values` holds title, intro, `prompt.<questionId>`, `low.<questionId>`,
 * `high.<questionId>` and `choice.<choiceId>`. Empty ones fall back to the source.
 * The language becomes one respondents may choose.
 */
export async function translateCampaign(
  deps: D,
  actor: Actor,
  id: string,
  input: { lang: string; values: Record<string, string>; translator: string | null; machine: boolean },
): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const c = await campaignForManage(trx, actor, id);
    if (c.kind === 'inbox') throw err.inboxFixed();
    const lang = input.lang;
    const questions = await repo.listQuestions(trx, id);
    const fields: Record<string, FieldMessage> = {};
    const v = (k: string) => (input.values[k] ?? '').trim();
    if (v('title') === '') fields.title = { key: 'form.required' };
    if (Object.keys(fields).length) throw validationFailed(fields);
    const now = deps.clock.now();
    const source = lang === c.sourceLang;
    const save = async (ownerType: string, ownerId: string, field: string, body: string) => {
      if (body === '') return;
      await setText(trx, source
        ? { ownerType, ownerId, field, lang, body, by: by(actor), now }
        : { ownerType, ownerId, field, lang, body, source: false, translator: input.translator, machine: input.machine, by: by(actor), now });
    };
    await save(repo.CAMPAIGN_TEXT, id, 'title', v('title'));
    await save(repo.CAMPAIGN_TEXT, id, 'intro', v('intro'));
    for (const q of questions) {
      await save(repo.QUESTION_TEXT, q.id, 'prompt', v(`prompt.${q.id}`));
      if (q.kind === 'scale') {
        await save(repo.QUESTION_TEXT, q.id, 'low', v(`low.${q.id}`));
        await save(repo.QUESTION_TEXT, q.id, 'high', v(`high.${q.id}`));
      }
      for (const cid of q.choices) await save(repo.CHOICE_TEXT, cid, 'label', v(`choice.${cid}`));
    }
    const languages = c.languages.includes(lang) ? c.languages : [...c.languages, lang];
    await repo.updateCampaign(trx, id, { languages: languages.join(','), updated_at: toTimestamp(now) });
    await audit(trx, actor, 'voices.campaign.translated', { targetType: 'voice_campaign', targetId: id, ...(c.orgId ? { orgId: c.orgId } : {}), data: { lang, machine: input.machine } });
  });
}

/** A private campaign's key: derived, so managers can always see the link; a new nonce revokes it. */
export function privateKey(secret: string, c: Pick<repo.Campaign, 'id' | 'privateNonce'>): string | undefined {
  if (!c.privateNonce) return undefined;
  return createHmac('sha256', secret).update(`voices private link\n${c.id}\n${c.privateNonce}`).digest('base64url').slice(0, 32);
}

function keyMatches(secret: string, c: repo.Campaign, key: unknown): boolean {
  const expected = privateKey(secret, c);
  if (!expected || typeof key !== 'string' || key.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(key), Buffer.from(expected));
}

export async function rotatePrivateLink(deps: D, actor: Actor, id: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const c = await campaignForManage(trx, actor, id);
    if (c.access !== 'private') throw err.campaignNotFound();
    await repo.updateCampaign(trx, id, { private_nonce: randomBytes(12).toString('base64url'), updated_at: toTimestamp(deps.clock.now()) });
    await audit(trx, actor, 'voices.campaign.link_renewed', { targetType: 'voice_campaign', targetId: id, ...(c.orgId ? { orgId: c.orgId } : {}) });
  });
}

// ── The standing inbox ────────────────────────────────────────────────────

/** Every organisation's inbox, made the first time it is asked for: one free-text question, always open. */
export async function ensureInbox(deps: D, orgId: string): Promise<repo.Campaign> {
  const found = await repo.findInbox(deps.db, orgId);
  if (found) return found;
  const now = toTimestamp(deps.clock.now());
  const id = newId();
  try {
    await deps.db.transaction().execute(async (trx) => {
      await repo.insertCampaign(trx, {
        id,
        org_id: orgId,
        inbox_of: orgId,
        kind: 'inbox',
        status: 'published',
        access: 'public',
        private_nonce: null,
        moderated: 1,
        source_lang: 'en',
        // Its texts come from the interface catalogs, so it speaks every interface language.
        languages: locales.map((l) => l.code).filter((c) => isLanguage(c)).join(','),
        opens_at: null,
        closes_at: null,
        hourly_budget: INBOX_BUDGET,
        created_by: null,
        created_at: now,
        updated_at: now,
      });
      await repo.insertQuestion(trx, { id: newId(), campaign_id: id, position: 1, kind: 'text', required: 1, created_at: now }, []);
    });
  } catch (e) {
    // Two first visitors at once: the other one made it.
    const again = await repo.findInbox(deps.db, orgId);
    if (again) return again;
    throw e;
  }
  return (await repo.findInbox(deps.db, orgId))!;
}

// ── What a respondent sees ────────────────────────────────────────────────

export interface FormQuestion {
  question: repo.Question;
  prompt: PickedText | undefined;
  low: PickedText | undefined;
  high: PickedText | undefined;
  choices: { id: string; label: PickedText | undefined }[];
}

export interface CampaignTexts {
  title: PickedText | undefined;
  intro: PickedText | undefined;
  questions: FormQuestion[];
}

export async function campaignTexts(db: Db, c: repo.Campaign, lang: string, questions?: repo.Question[]): Promise<CampaignTexts> {
  const qs = questions ?? (await repo.listQuestions(db, c.id));
  const qids = qs.map((q) => q.id);
  const cids = qs.flatMap((q) => q.choices);
  const [title, intro, prompts, lows, highs, labels] = await Promise.all([
    pickText(db, repo.CAMPAIGN_TEXT, [c.id], 'title', lang),
    pickText(db, repo.CAMPAIGN_TEXT, [c.id], 'intro', lang),
    pickText(db, repo.QUESTION_TEXT, qids, 'prompt', lang),
    pickText(db, repo.QUESTION_TEXT, qids, 'low', lang),
    pickText(db, repo.QUESTION_TEXT, qids, 'high', lang),
    pickText(db, repo.CHOICE_TEXT, cids, 'label', lang),
  ]);
  return {
    title: title.get(c.id),
    intro: intro.get(c.id),
    questions: qs.map((q) => ({
      question: q,
      prompt: prompts.get(q.id),
      low: lows.get(q.id),
      high: highs.get(q.id),
      choices: q.choices.map((id) => ({ id, label: labels.get(id) })),
    })),
  };
}

export interface RespondentForm extends CampaignTexts {
  campaign: repo.Campaign;
  org: { slug: string; name: string } | undefined;
  lang: string;
  /** The language asked for is not one of the campaign's: shown in `lang` instead. */
  unavailable: string | undefined;
  open: boolean;
  /** For the form's action: the private link's key, when the campaign has one. */
  key: string | undefined;
  token: string;
  /** A proof-of-work challenge, offered when solving it would spare the answer the moderation queue. */
  pow: PowChallenge | undefined;
}

/**
 * The campaign as a respondent may see it: published, and for a private one
 * only with its link's key (anything else is "not found"). The language is the
 * one asked for when the campaign has it, else the best of `preferred`, else the source.
 */
export async function loadRespondentCampaign(deps: D, id: string, key: unknown): Promise<repo.Campaign> {
  const c = await repo.findCampaign(deps.db, id);
  if (!c || c.status !== 'published') throw err.campaignNotFound();
  if (c.access === 'private' && !keyMatches(deps.secret, c, key)) throw err.campaignNotFound();
  return c;
}

export function chooseLanguage(c: repo.Campaign, asked: string | undefined, preferred: readonly string[]): { lang: string; unavailable: string | undefined } {
  const a = asked?.trim().toLowerCase();
  if (a && c.languages.includes(a)) return { lang: a, unavailable: undefined };
  const fallback = preferred.map((p) => p.toLowerCase().split('-')[0]!).find((p) => c.languages.includes(p)) ?? c.sourceLang;
  return { lang: fallback, unavailable: a && isLanguage(a) ? a : undefined };
}

export async function respondentForm(deps: D, rt: VoicesRuntime, c: repo.Campaign, lang: string, unavailable: string | undefined, key: unknown): Promise<RespondentForm> {
  const texts = await campaignTexts(deps.db, c, lang);
  const scope = await scopeOf(deps.db, c.orgId);
  return {
    ...texts,
    campaign: c,
    org: scope.org,
    lang,
    unavailable,
    open: isOpen(c, deps.clock.now()),
    key: c.access === 'private' && typeof key === 'string' ? key : undefined,
    token: rt.tokens.issue(c.id),
    pow: c.moderated && isOpen(c, deps.clock.now()) ? await rt.pow.challenge() : undefined,
  };
}

// ── Submitting ────────────────────────────────────────────────────────────

export const HONEYPOT_FIELD = 'homepage';
export const TOKEN_FIELD = 'form';
export const fieldOf = (questionId: string) => `q_${questionId}`;

export interface ReadAnswer {
  values: { questionId: string; value: string }[];
  texts: { questionId: string; body: string }[];
}

/** The person's answers from the posted form, checked against the questions; 422 names each field at fault. */
export function readAnswers(questions: readonly repo.Question[], body: Record<string, unknown>): ReadAnswer {
  const fields: Record<string, FieldMessage> = {};
  const out: ReadAnswer = { values: [], texts: [] };
  for (const q of questions) {
    const name = fieldOf(q.id);
    const raw = body[name];
    const list = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter((x) => !(typeof x === 'string' && x.trim() === ''));
    if (list.some((x) => typeof x !== 'string')) {
      fields[name] = { key: 'form.invalid' };
      continue;
    }
    const given = list as string[];
    if (given.length === 0) {
      if (q.required) fields[name] = { key: q.kind === 'text' ? 'form.required' : 'voices.answer.choose' };
      continue;
    }
    switch (q.kind) {
      case 'text': {
        if (given.length > 1) {
          fields[name] = { key: 'form.invalid' };
          break;
        }
        const text = given[0]!.replace(/\r\n?/g, '\n').trim();
        if (text.length > ANSWER_MAX) fields[name] = { key: 'form.tooLong', values: { max: ANSWER_MAX } };
        else out.texts.push({ questionId: q.id, body: text });
        break;
      }
      case 'single':
      case 'multiple': {
        const picked = [...new Set(given)];
        if (q.kind === 'single' && picked.length > 1) fields[name] = { key: 'voices.answer.onlyOne' };
        else if (picked.some((p) => !q.choices.includes(p))) fields[name] = { key: 'voices.answer.unknownChoice' };
        else for (const p of picked) out.values.push({ questionId: q.id, value: p });
        break;
      }
      case 'scale': {
        if (given.length > 1 || !/^[1-5]$/.test(given[0]!)) fields[name] = { key: 'voices.answer.unknownChoice' };
        else out.values.push({ questionId: q.id, value: given[0]! });
        break;
      }
    }
  }
  if (Object.keys(fields).length) throw validationFailed(fields);
  return out;
}

/** The (question, value) counts an accepted answer adds to its campaign's tallies. */
export function tallyKeys(answer: ReadAnswer): { questionId: string; value: string }[] {
  const answered = new Set([...answer.values.map((v) => v.questionId), ...answer.texts.map((t) => t.questionId)]);
  return [{ questionId: '', value: '' }, ...[...answered].map((q) => ({ questionId: q, value: '' })), ...answer.values];
}

export interface Submission {
  campaign: repo.Campaign;
  lang: unknown;
  body: Record<string, unknown>;
  /** The connection's address: used for the in-memory limit and then forgotten. */
  address: string | undefined;
}

const problems: Record<TokenProblem, () => Error> = { invalid: err.tokenInvalid, too_fast: err.tooFast, expired: err.tokenExpired };

/**
 * Stores one anonymous answer, or refuses it with a reason the form shows next
 * to the person's own text. Nothing is counted twice: the form token is marked
 * used in the answer's own transaction.
 */
export async function submitAnswer(deps: D, rt: VoicesRuntime, s: Submission): Promise<{ id: string; status: AnswerStatus }> {
  const c = s.campaign;
  const now = deps.clock.now();
  if (!isOpen(c, now)) throw err.campaignClosed();
  const lang = typeof s.lang === 'string' ? s.lang : '';
  if (!c.languages.includes(lang)) throw err.languageUnavailable();
  // Every attempt counts, refused ones too: a flood is slowed before any work is done for it.
  const wait = rt.sources.hit(s.address);
  if (wait > 0) throw err.sourceLimited(wait);
  const trap = s.body[HONEYPOT_FIELD];
  if (trap !== undefined && (typeof trap !== 'string' || trap.trim() !== '')) throw err.honeypotFilled();
  const token = rt.tokens.verify(s.body[TOKEN_FIELD], c.id);
  if (typeof token === 'string') throw problems[token]();
  const answer = readAnswers(await rt.questions(deps.db, c), s.body);

  // A solved challenge skips moderation; a missing, wrong or replayed one just does not.
  const pow = c.moderated ? await rt.pow.verify(s.body[POW_FIELD]) : undefined;
  const hour = hourOf(now);
  const hourTs = toTimestamp(hour);
  const toNextHour = Math.ceil((hour.getTime() + 3_600_000 - now.getTime()) / 1000);
  const global = await rt.globalBudget(deps.db);
  return rt.writer.write(deps.db, { campaign: c, lang, answer, token, pow, hour, global, toNextHour });
}

interface PendingAnswer {
  campaign: repo.Campaign;
  lang: string;
  answer: ReadAnswer;
  token: VerifiedToken;
  pow: { id: string; expiresAt: Date } | undefined;
  hour: Date;
  global: number;
  toNextHour: number;
}

/**
 * Stores answers, several per transaction when they arrive together (group
 * commit: one disk flush for all of them). Each answer is still judged on its
 * own: a used token or an exhausted budget refuses that answer only, and its
 * marks are taken back in the same transaction. A database failure refuses the
 * whole batch, none of which was acknowledged.
 */
export class AnswerWriter {
  private queue: { p: PendingAnswer; db: Db; done: (r: { id: string; status: AnswerStatus } | Error) => void }[] = [];
  private running = false;

  write(db: Db, p: PendingAnswer): Promise<{ id: string; status: AnswerStatus }> {
    return new Promise((resolve, reject) => {
      this.queue.push({ p, db, done: (r) => (r instanceof Error ? reject(r) : resolve(r)) });
      if (!this.running) {
        this.running = true;
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const db = this.queue[0]!.db;
      const batch: typeof this.queue = [];
      while (this.queue.length > 0 && batch.length < 100 && this.queue[0]!.db === db) batch.push(this.queue.shift()!);
      try {
        const results = await db.transaction().execute(async (trx) => {
          const out: ({ id: string; status: AnswerStatus } | Error)[] = [];
          for (const item of batch) out.push(await writeOne(trx, item.p));
          return out;
        });
        batch.forEach((item, i) => item.done(results[i]!));
      } catch (e) {
        for (const item of batch) item.done(e instanceof Error ? e : new Error(String(e)));
      }
    }
    this.running = false;
  }
}

async function writeOne(trx: Db, p: PendingAnswer): Promise<{ id: string; status: AnswerStatus } | Error> {
  const c = p.campaign;
  const hourTs = toTimestamp(p.hour);
  if (!(await repo.useToken(trx, p.token.id, toTimestamp(p.token.expiresAt)))) return err.tokenUsed();
  const verified = p.pow !== undefined && (await repo.useToken(trx, p.pow.id, toTimestamp(p.pow.expiresAt)));
  const used = await repo.bumpBudgets(trx, [c.id, '*'], hourTs);
  if ((used.get(c.id) ?? 0) > c.hourlyBudget || (used.get('*') ?? 0) > p.global) {
    // Not stored: the counts and the token go back as they were (the person may send the same form later).
    await repo.unbumpBudgets(trx, [c.id, '*'], hourTs);
    await repo.forgetTokens(trx, [p.token.id, ...(verified ? [p.pow!.id] : [])]);
    return err.budgetExhausted(p.toNextHour);
  }
  const status: AnswerStatus = !c.moderated || verified ? 'accepted' : 'pending';
  const id = newId();
  await repo.insertAnswer(
    trx,
    { id, campaign_id: c.id, org_id: c.orgId, lang: p.lang, status, verified: verified ? 1 : 0, received_at: hourTs, moderated_at: null, moderated_by: null },
    p.answer.values,
  );
  for (const t of p.answer.texts) {
    await setText(trx, { ownerType: repo.ANSWER_TEXT, ownerId: id, field: repo.answerField(t.questionId), lang: p.lang, body: t.body, source: true, by: null, now: p.hour });
  }
  if (status === 'accepted') await repo.addTallies(trx, c.id, tallyKeys(p.answer), 1);
  return { id, status };
}

/** Housekeeping: forget used tokens once they would have expired anyway, and old budget counts. */
export async function pruneVoices(deps: Pick<Deps, 'db' | 'clock'>): Promise<number> {
  return repo.pruneUsedTokens(deps.db, deps.clock.now());
}

// ── For managers ──────────────────────────────────────────────────────────

export interface CampaignSummary {
  campaign: repo.Campaign;
  title: PickedText | undefined;
  open: boolean;
}

export async function listCampaigns(deps: D, orgId: ScopeId, lang: string, publishedOnly: boolean): Promise<CampaignSummary[]> {
  const list = await repo.listCampaigns(deps.db, orgId, { publishedOnly });
  const titles = await pickText(deps.db, repo.CAMPAIGN_TEXT, list.map((c) => c.id), 'title', lang);
  const now = deps.clock.now();
  return list.filter((c) => c.kind === 'survey').map((c) => ({ campaign: c, title: titles.get(c.id), open: isOpen(c, now) }));
}

export interface ManageView extends CampaignTexts {
  campaign: repo.Campaign;
  scope: Scope;
  privateLink: string | undefined;
  /** Source-language texts, for the edit form. */
  source: { title: string; intro: string };
  open: boolean;
}

export async function viewForManage(deps: D, actor: Actor, id: string, lang: string): Promise<ManageView> {
  const c = await campaignForManage(deps.db, actor, id);
  const texts = await campaignTexts(deps.db, c, lang);
  const versions = await listTranslations(deps.db, campaignOwner(id), 'title');
  const intro = await listTranslations(deps.db, campaignOwner(id), 'intro');
  const key = privateKey(deps.secret, c);
  return {
    ...texts,
    campaign: c,
    scope: await scopeOf(deps.db, c.orgId),
    privateLink: key ? `${deps.config.baseUrl}/voices/${c.id}?k=${key}` : undefined,
    source: { title: versions.find((v) => v.isSource)?.body ?? '', intro: intro.find((v) => v.isSource)?.body ?? '' },
    open: isOpen(c, deps.clock.now()),
  };
}

/** Every text of the campaign in `lang` exactly as stored (empty where not translated), for the translation form. */
export async function translationValues(deps: D, c: repo.Campaign, lang: string): Promise<Record<string, string>> {
  const qs = await repo.listQuestions(deps.db, c.id);
  const out: Record<string, string> = {};
  const exact = async (ownerType: string, ownerId: string, field: string, key: string) => {
    const v = (await listTranslations(deps.db, { ownerType, ownerId }, field)).find((x) => x.lang === lang);
    if (v) out[key] = v.body;
  };
  await exact(repo.CAMPAIGN_TEXT, c.id, 'title', 'title');
  await exact(repo.CAMPAIGN_TEXT, c.id, 'intro', 'intro');
  for (const q of qs) {
    await exact(repo.QUESTION_TEXT, q.id, 'prompt', `prompt.${q.id}`);
    await exact(repo.QUESTION_TEXT, q.id, 'low', `low.${q.id}`);
    await exact(repo.QUESTION_TEXT, q.id, 'high', `high.${q.id}`);
    for (const cid of q.choices) await exact(repo.CHOICE_TEXT, cid, 'label', `choice.${cid}`);
  }
  return out;
}

export { questionOwner, choiceOwner, campaignOwner };
