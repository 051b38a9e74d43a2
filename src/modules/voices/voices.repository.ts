// Every query of the voices module; rows → domain objects.
import { sql } from 'kysely';
import type { Db } from '../../kernel/db/connect.js';
import { fromTimestamp, toTimestamp } from '../../kernel/time.js';
import type { TextVersion } from '../../kernel/text/index.js';
import type {
  AnswerStatus,
  CampaignAccess,
  CampaignKind,
  CampaignStatus,
  NeedStatus,
  QuestionKind,
  VoiceAnswersTable,
  VoiceCampaignsTable,
  VoiceNeedsTable,
  VoiceQuestionsTable,
} from './voices.tables.js';

export const CAMPAIGN_TEXT = 'voice_campaign';
export const QUESTION_TEXT = 'voice_question';
export const CHOICE_TEXT = 'voice_choice';
export const ANSWER_TEXT = 'voice_answer';
export const NEED_TEXT = 'voice_need';
/** The field of an answer's text for one question. */
export const answerField = (questionId: string) => `q.${questionId}`;

export interface Campaign {
  id: string;
  orgId: string | null;
  inboxOf: string | null;
  kind: CampaignKind;
  status: CampaignStatus;
  access: CampaignAccess;
  privateNonce: string | null;
  moderated: boolean;
  sourceLang: string;
  languages: string[];
  opensAt: Date | null;
  closesAt: Date | null;
  hourlyBudget: number;
  createdAt: Date;
  updatedAt: Date;
}

export const toCampaign = (r: VoiceCampaignsTable): Campaign => ({
  id: r.id,
  orgId: r.org_id,
  inboxOf: r.inbox_of,
  kind: r.kind,
  status: r.status,
  access: r.access,
  privateNonce: r.private_nonce,
  moderated: Number(r.moderated) === 1,
  sourceLang: r.source_lang,
  languages: r.languages.split(',').filter(Boolean),
  opensAt: r.opens_at ? fromTimestamp(r.opens_at) : null,
  closesAt: r.closes_at ? fromTimestamp(r.closes_at) : null,
  hourlyBudget: Number(r.hourly_budget),
  createdAt: fromTimestamp(r.created_at),
  updatedAt: fromTimestamp(r.updated_at),
});

export interface Question {
  id: string;
  campaignId: string;
  position: number;
  kind: QuestionKind;
  required: boolean;
  /** Choice ids in order (single and multiple choice). */
  choices: string[];
}

export interface Answer {
  id: string;
  campaignId: string;
  orgId: string | null;
  lang: string;
  status: AnswerStatus;
  verified: boolean;
  receivedAt: Date;
  moderatedAt: Date | null;
}

export const toAnswer = (r: VoiceAnswersTable): Answer => ({
  id: r.id,
  campaignId: r.campaign_id,
  orgId: r.org_id,
  lang: r.lang,
  status: r.status,
  verified: Number(r.verified) === 1,
  receivedAt: fromTimestamp(r.received_at),
  moderatedAt: r.moderated_at ? fromTimestamp(r.moderated_at) : null,
});

export interface Need {
  id: string;
  orgId: string | null;
  status: NeedStatus;
  mergedInto: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export const toNeed = (r: VoiceNeedsTable): Need => ({
  id: r.id,
  orgId: r.org_id,
  status: r.status,
  mergedInto: r.merged_into,
  createdAt: fromTimestamp(r.created_at),
  updatedAt: fromTimestamp(r.updated_at),
});

// ── Campaigns ─────────────────────────────────────────────────────────────

export async function insertCampaign(db: Db, row: VoiceCampaignsTable): Promise<void> {
  await db.insertInto('voice_campaigns').values(row).execute();
}

export async function updateCampaign(db: Db, id: string, patch: Partial<Omit<VoiceCampaignsTable, 'id'>>): Promise<void> {
  await db.updateTable('voice_campaigns').set(patch).where('id', '=', id).execute();
}

export async function findCampaign(db: Db, id: string): Promise<Campaign | undefined> {
  const r = await db.selectFrom('voice_campaigns').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toCampaign(r) : undefined;
}

export async function findInbox(db: Db, orgId: string): Promise<Campaign | undefined> {
  const r = await db.selectFrom('voice_campaigns').selectAll().where('inbox_of', '=', orgId).executeTakeFirst();
  return r ? toCampaign(r) : undefined;
}

/** Campaigns of one scope (an organisation, or the federation when orgId is null), newest first. */
export async function listCampaigns(db: Db, orgId: string | null, opts: { publishedOnly?: boolean; limit?: number } = {}): Promise<Campaign[]> {
  let q = db.selectFrom('voice_campaigns').selectAll();
  q = orgId === null ? q.where('org_id', 'is', null) : q.where('org_id', '=', orgId);
  if (opts.publishedOnly) q = q.where('status', '=', 'published');
  const rows = await q.orderBy('created_at', 'desc').orderBy('id').limit(opts.limit ?? 200).execute();
  return rows.map(toCampaign);
}

export async function listCampaignsByIds(db: Db, ids: readonly string[]): Promise<Campaign[]> {
  if (ids.length === 0) return [];
  return (await db.selectFrom('voice_campaigns').selectAll().where('id', 'in', [...new Set(ids)]).execute()).map(toCampaign);
}

// ── Questions and choices ─────────────────────────────────────────────────

export async function insertQuestion(db: Db, row: VoiceQuestionsTable, choiceIds: string[]): Promise<void> {
  await db.insertInto('voice_questions').values(row).execute();
  if (choiceIds.length > 0) {
    await db
      .insertInto('voice_choices')
      .values(choiceIds.map((id, i) => ({ id, question_id: row.id, position: i + 1 })))
      .execute();
  }
}

export async function deleteQuestion(db: Db, id: string): Promise<void> {
  await db.deleteFrom('voice_questions').where('id', '=', id).execute();
}

export async function nextQuestionPosition(db: Db, campaignId: string): Promise<number> {
  const r = await db
    .selectFrom('voice_questions')
    .select((eb) => eb.fn.max('position').as('p'))
    .where('campaign_id', '=', campaignId)
    .executeTakeFirst();
  return Number(r?.p ?? 0) + 1;
}

export async function listQuestions(db: Db, campaignId: string): Promise<Question[]> {
  const qs = await db.selectFrom('voice_questions').selectAll().where('campaign_id', '=', campaignId).orderBy('position').execute();
  if (qs.length === 0) return [];
  const choices = await db
    .selectFrom('voice_choices')
    .select(['id', 'question_id'])
    .where(
      'question_id',
      'in',
      qs.map((q) => q.id),
    )
    .orderBy('question_id')
    .orderBy('position')
    .execute();
  return qs.map((q) => ({
    id: q.id,
    campaignId: q.campaign_id,
    position: Number(q.position),
    kind: q.kind,
    required: Number(q.required) === 1,
    choices: choices.filter((c) => c.question_id === q.id).map((c) => c.id),
  }));
}

// ── Answers ───────────────────────────────────────────────────────────────

export async function insertAnswer(db: Db, row: VoiceAnswersTable, values: { questionId: string; value: string }[]): Promise<void> {
  await db.insertInto('voice_answers').values(row).execute();
  if (values.length > 0) {
    await db
      .insertInto('voice_answer_values')
      .values(values.map((v) => ({ answer_id: row.id, question_id: v.questionId, value: v.value })))
      .execute();
  }
}

export async function findAnswer(db: Db, id: string): Promise<Answer | undefined> {
  const r = await db.selectFrom('voice_answers').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toAnswer(r) : undefined;
}

export async function setAnswerStatus(db: Db, id: string, status: AnswerStatus, by: string | null, at: Date): Promise<void> {
  await db.updateTable('voice_answers').set({ status, moderated_by: by, moderated_at: toTimestamp(at) }).where('id', '=', id).execute();
}

export interface AnswerFilter {
  /** An organisation, or null for federation campaigns. */
  orgId: string | null;
  campaignId?: string | undefined;
  status?: AnswerStatus | undefined;
  tag?: string | undefined;
  /** Keyset: answers after this (received_at, id). */
  after?: { receivedAt: string; id: string } | undefined;
  limit: number;
}

/** Answers of one scope, oldest hour first (the queue works through them in order). */
export async function listAnswers(db: Db, f: AnswerFilter): Promise<Answer[]> {
  let q = db.selectFrom('voice_answers').selectAll('voice_answers');
  q = f.orgId === null ? q.where('voice_answers.org_id', 'is', null) : q.where('voice_answers.org_id', '=', f.orgId);
  if (f.campaignId) q = q.where('voice_answers.campaign_id', '=', f.campaignId);
  if (f.status) q = q.where('voice_answers.status', '=', f.status);
  if (f.tag) {
    const tag = f.tag;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('voice_answer_tags')
          .select('voice_answer_tags.tag')
          .whereRef('voice_answer_tags.answer_id', '=', 'voice_answers.id')
          .where('voice_answer_tags.tag', '=', tag),
      ),
    );
  }
  if (f.after) {
    const { receivedAt, id } = f.after;
    q = q.where((eb) => eb.or([eb('voice_answers.received_at', '>', receivedAt), eb.and([eb('voice_answers.received_at', '=', receivedAt), eb('voice_answers.id', '>', id)])]));
  }
  const rows = await q.orderBy('voice_answers.received_at').orderBy('voice_answers.id').limit(f.limit).execute();
  return rows.map(toAnswer);
}

export async function listAnswerValues(db: Db, answerIds: readonly string[]): Promise<Map<string, { questionId: string; value: string }[]>> {
  const out = new Map<string, { questionId: string; value: string }[]>();
  if (answerIds.length === 0) return out;
  const rows = await db.selectFrom('voice_answer_values').selectAll().where('answer_id', 'in', [...answerIds]).execute();
  for (const r of rows) {
    const list = out.get(r.answer_id) ?? [];
    list.push({ questionId: r.question_id, value: r.value });
    out.set(r.answer_id, list);
  }
  return out;
}

export async function listAnswerTags(db: Db, answerIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (answerIds.length === 0) return out;
  const rows = await db.selectFrom('voice_answer_tags').selectAll().where('answer_id', 'in', [...answerIds]).orderBy('tag').execute();
  for (const r of rows) out.set(r.answer_id, [...(out.get(r.answer_id) ?? []), r.tag]);
  return out;
}

export async function replaceAnswerTags(db: Db, answerId: string, tags: string[]): Promise<void> {
  await db.deleteFrom('voice_answer_tags').where('answer_id', '=', answerId).execute();
  if (tags.length > 0) await db.insertInto('voice_answer_tags').values(tags.map((tag) => ({ answer_id: answerId, tag }))).execute();
}

export async function countAnswersByStatus(db: Db, orgId: string | null): Promise<Record<AnswerStatus, number>> {
  let q = db.selectFrom('voice_answers').select(['status', (eb) => eb.fn.countAll<number>().as('n')]);
  q = orgId === null ? q.where('org_id', 'is', null) : q.where('org_id', '=', orgId);
  const rows = await q.groupBy('status').execute();
  const out: Record<AnswerStatus, number> = { pending: 0, accepted: 0, spam: 0 };
  for (const r of rows) out[r.status] = Number(r.n);
  return out;
}

// ── Tallies, budgets, used tokens ─────────────────────────────────────────

/** Adds `delta` to each (question, value) count of a campaign, in one statement. */
export async function addTallies(db: Db, campaignId: string, keys: { questionId: string; value: string }[], delta: 1 | -1): Promise<void> {
  if (keys.length === 0) return;
  await db
    .insertInto('voice_tallies')
    .values(keys.map((k) => ({ campaign_id: campaignId, question_id: k.questionId, value: k.value, n: delta })))
    .onConflict((oc) => oc.columns(['campaign_id', 'question_id', 'value']).doUpdateSet({ n: sql`voice_tallies.n + excluded.n` }))
    .execute();
}

export async function listTallies(db: Db, campaignId: string): Promise<{ questionId: string; value: string; n: number }[]> {
  const rows = await db.selectFrom('voice_tallies').select(['question_id', 'value', 'n']).where('campaign_id', '=', campaignId).execute();
  return rows.map((r) => ({ questionId: r.question_id, value: r.value, n: Number(r.n) }));
}

/** Counts one more answer in each scope this hour (one statement); returns the new counts by scope. */
export async function bumpBudgets(db: Db, scopes: string[], hour: string): Promise<Map<string, number>> {
  const rows = await db
    .insertInto('voice_budgets')
    .values(scopes.map((scope) => ({ scope, hour, n: 1 })))
    .onConflict((oc) => oc.columns(['scope', 'hour']).doUpdateSet({ n: sql`voice_budgets.n + 1` }))
    .returning(['scope', 'n'])
    .execute();
  return new Map(rows.map((r) => [r.scope, Number(r.n)]));
}

/** Takes back the counts of bumpBudgets for an answer that was not stored. */
export async function unbumpBudgets(db: Db, scopes: string[], hour: string): Promise<void> {
  await db.updateTable('voice_budgets').set({ n: sql`n - 1` }).where('scope', 'in', scopes).where('hour', '=', hour).execute();
}

export async function forgetTokens(db: Db, ids: string[]): Promise<void> {
  if (ids.length > 0) await db.deleteFrom('voice_used_tokens').where('id', 'in', ids).execute();
}

/** Remembers a used token; false when it was already used. */
export async function useToken(db: Db, id: string, expiresAt: string): Promise<boolean> {
  const r = await db
    .insertInto('voice_used_tokens')
    .values({ id, expires_at: expiresAt })
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function pruneUsedTokens(db: Db, now: Date): Promise<number> {
  const r = await db.deleteFrom('voice_used_tokens').where('expires_at', '<', toTimestamp(now)).executeTakeFirst();
  await db.deleteFrom('voice_budgets').where('hour', '<', toTimestamp(new Date(now.getTime() - 2 * 3_600_000))).execute();
  return Number(r.numDeletedRows ?? 0);
}

// ── Moderators ────────────────────────────────────────────────────────────

export async function isDesignatedModerator(db: Db, orgId: string, personId: string): Promise<boolean> {
  const r = await db.selectFrom('voice_moderators').select('person_id').where('org_id', '=', orgId).where('person_id', '=', personId).executeTakeFirst();
  return r !== undefined;
}

export async function listModerators(db: Db, orgId: string): Promise<{ personId: string; displayName: string; addedAt: Date }[]> {
  const rows = await db
    .selectFrom('voice_moderators')
    .innerJoin('people', 'people.id', 'voice_moderators.person_id')
    .select(['voice_moderators.person_id', 'people.display_name', 'voice_moderators.added_at'])
    .where('voice_moderators.org_id', '=', orgId)
    .orderBy('people.display_name')
    .execute();
  return rows.map((r) => ({ personId: r.person_id, displayName: r.display_name, addedAt: fromTimestamp(r.added_at) }));
}

export async function insertModerator(db: Db, orgId: string, personId: string, by: string | null, at: Date): Promise<boolean> {
  const r = await db
    .insertInto('voice_moderators')
    .values({ org_id: orgId, person_id: personId, added_by: by, added_at: toTimestamp(at) })
    .onConflict((oc) => oc.columns(['org_id', 'person_id']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function deleteModerator(db: Db, orgId: string, personId: string): Promise<number> {
  const r = await db.deleteFrom('voice_moderators').where('org_id', '=', orgId).where('person_id', '=', personId).executeTakeFirst();
  return Number(r.numDeletedRows ?? 0);
}

// ── Needs ─────────────────────────────────────────────────────────────────

export async function insertNeed(db: Db, row: VoiceNeedsTable): Promise<void> {
  await db.insertInto('voice_needs').values(row).execute();
}

export async function updateNeed(db: Db, id: string, patch: Partial<Omit<VoiceNeedsTable, 'id'>>): Promise<void> {
  await db.updateTable('voice_needs').set(patch).where('id', '=', id).execute();
}

export async function findNeed(db: Db, id: string): Promise<Need | undefined> {
  const r = await db.selectFrom('voice_needs').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toNeed(r) : undefined;
}

export async function listNeeds(db: Db, f: { orgId?: string | null | undefined; status?: NeedStatus | undefined; ids?: readonly string[]; limit: number }): Promise<Need[]> {
  let q = db.selectFrom('voice_needs').selectAll().where('merged_into', 'is', null);
  if (f.orgId === null) q = q.where('org_id', 'is', null);
  else if (f.orgId !== undefined) q = q.where('org_id', '=', f.orgId);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.ids) {
    if (f.ids.length === 0) return [];
    q = q.where('id', 'in', [...f.ids]);
  }
  return (await q.orderBy('updated_at', 'desc').orderBy('id').limit(f.limit).execute()).map(toNeed);
}

export async function listNeedTags(db: Db, needIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (needIds.length === 0) return out;
  const rows = await db.selectFrom('voice_need_tags').selectAll().where('need_id', 'in', [...needIds]).orderBy('tag').execute();
  for (const r of rows) out.set(r.need_id, [...(out.get(r.need_id) ?? []), r.tag]);
  return out;
}

export async function replaceNeedTags(db: Db, needId: string, tags: string[]): Promise<void> {
  await db.deleteFrom('voice_need_tags').where('need_id', '=', needId).execute();
  if (tags.length > 0) await db.insertInto('voice_need_tags').values(tags.map((tag) => ({ need_id: needId, tag }))).execute();
}

export async function linkAnswerToNeed(db: Db, needId: string, answer: { id: string; campaignId: string }, by: string | null, at: Date): Promise<boolean> {
  const r = await db
    .insertInto('voice_need_answers')
    .values({ need_id: needId, answer_id: answer.id, campaign_id: answer.campaignId, linked_by: by, linked_at: toTimestamp(at) })
    .onConflict((oc) => oc.columns(['need_id', 'answer_id']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function unlinkAnswerFromNeed(db: Db, needId: string, answerId: string): Promise<number> {
  const r = await db.deleteFrom('voice_need_answers').where('need_id', '=', needId).where('answer_id', '=', answerId).executeTakeFirst();
  return Number(r.numDeletedRows ?? 0);
}

export async function listNeedAnswerIds(db: Db, needId: string): Promise<string[]> {
  return (await db.selectFrom('voice_need_answers').select('answer_id').where('need_id', '=', needId).execute()).map((r) => r.answer_id);
}

/** The needs each answer backs. */
export async function listNeedsOfAnswers(db: Db, answerIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (answerIds.length === 0) return out;
  const rows = await db.selectFrom('voice_need_answers').selectAll().where('answer_id', 'in', [...answerIds]).execute();
  for (const r of rows) out.set(r.answer_id, [...(out.get(r.answer_id) ?? []), r.need_id]);
  return out;
}

/** How many accepted answers back each need (spam and answers waiting for moderation do not count). */
export async function countBacking(db: Db, needIds: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (needIds.length === 0) return out;
  const rows = await db
    .selectFrom('voice_need_answers')
    .innerJoin('voice_answers', 'voice_answers.id', 'voice_need_answers.answer_id')
    .select(['voice_need_answers.need_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('voice_need_answers.need_id', 'in', [...needIds])
    .where('voice_answers.status', '=', 'accepted')
    .groupBy('voice_need_answers.need_id')
    .execute();
  for (const r of rows) out.set(r.need_id, Number(r.n));
  return out;
}

/** Needs backed by accepted answers of one campaign. */
export async function listNeedIdsOfCampaign(db: Db, campaignId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('voice_need_answers')
    .innerJoin('voice_answers', 'voice_answers.id', 'voice_need_answers.answer_id')
    .select('voice_need_answers.need_id')
    .distinct()
    .where('voice_need_answers.campaign_id', '=', campaignId)
    .where('voice_answers.status', '=', 'accepted')
    .execute();
  return rows.map((r) => r.need_id);
}

/** The campaigns whose accepted answers back a need. */
export async function listCampaignIdsOfNeed(db: Db, needId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('voice_need_answers')
    .innerJoin('voice_answers', 'voice_answers.id', 'voice_need_answers.answer_id')
    .select('voice_answers.campaign_id')
    .distinct()
    .where('voice_need_answers.need_id', '=', needId)
    .where('voice_answers.status', '=', 'accepted')
    .execute();
  return rows.map((r) => r.campaign_id);
}

export async function moveNeedAnswers(db: Db, fromNeed: string, toNeed: string, at: Date): Promise<void> {
  const rows = await db.selectFrom('voice_need_answers').select(['answer_id', 'campaign_id']).where('need_id', '=', fromNeed).execute();
  for (const r of rows) await linkAnswerToNeed(db, toNeed, { id: r.answer_id, campaignId: r.campaign_id }, null, at);
  await db.deleteFrom('voice_need_answers').where('need_id', '=', fromNeed).execute();
}

export async function insertNeedLink(db: Db, needId: string, kind: string, targetId: string, at: Date): Promise<boolean> {
  const r = await db
    .insertInto('voice_need_links')
    .values({ need_id: needId, kind, target_id: targetId, created_at: toTimestamp(at) })
    .onConflict((oc) => oc.columns(['need_id', 'kind', 'target_id']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function deleteNeedLink(db: Db, needId: string, kind: string, targetId: string): Promise<number> {
  const r = await db.deleteFrom('voice_need_links').where('need_id', '=', needId).where('kind', '=', kind).where('target_id', '=', targetId).executeTakeFirst();
  return Number(r.numDeletedRows ?? 0);
}

export async function listNeedLinks(db: Db, needIds: readonly string[], kind: string): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (needIds.length === 0) return out;
  const rows = await db.selectFrom('voice_need_links').selectAll().where('need_id', 'in', [...needIds]).where('kind', '=', kind).orderBy('created_at').execute();
  for (const r of rows) out.set(r.need_id, [...(out.get(r.need_id) ?? []), r.target_id]);
  return out;
}

export async function insertNeedEvent(db: Db, row: { id: string; need_id: string; org_id: string | null; status: NeedStatus; at: string }): Promise<void> {
  await db.insertInto('voice_need_events').values(row).execute();
}

export async function listNeedEvents(db: Db, f: { needId?: string; orgId?: string | null | undefined; limit: number }): Promise<{ id: string; needId: string; orgId: string | null; status: NeedStatus; at: Date }[]> {
  let q = db.selectFrom('voice_need_events').selectAll();
  if (f.needId) q = q.where('need_id', '=', f.needId);
  if (f.orgId === null) q = q.where('org_id', 'is', null);
  else if (f.orgId !== undefined) q = q.where('org_id', '=', f.orgId);
  const rows = await q.orderBy('at', 'desc').orderBy('id').limit(f.limit).execute();
  return rows.map((r) => ({ id: r.id, needId: r.need_id, orgId: r.org_id, status: r.status, at: fromTimestamp(r.at) }));
}

// ── Quotes ────────────────────────────────────────────────────────────────

export interface Quote {
  id: string;
  answerId: string;
  campaignId: string;
  questionId: string;
  lang: string;
  excerpt: string;
  approvedAt: Date;
}

export async function insertQuote(db: Db, row: { id: string; answer_id: string; campaign_id: string; question_id: string; lang: string; excerpt: string; approved_by: string | null; approved_at: string }): Promise<void> {
  await db.insertInto('voice_quotes').values(row).execute();
}

export async function deleteQuote(db: Db, id: string): Promise<number> {
  const r = await db.deleteFrom('voice_quotes').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows ?? 0);
}

export async function findQuote(db: Db, id: string): Promise<Quote | undefined> {
  const r = await db.selectFrom('voice_quotes').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? { id: r.id, answerId: r.answer_id, campaignId: r.campaign_id, questionId: r.question_id, lang: r.lang, excerpt: r.excerpt, approvedAt: fromTimestamp(r.approved_at) } : undefined;
}

/** Approved quotes of accepted answers, by campaign or by answers. */
export async function listQuotes(db: Db, f: { campaignId?: string; answerIds?: readonly string[]; limit: number }): Promise<Quote[]> {
  let q = db
    .selectFrom('voice_quotes')
    .innerJoin('voice_answers', 'voice_answers.id', 'voice_quotes.answer_id')
    .selectAll('voice_quotes')
    .where('voice_answers.status', '=', 'accepted');
  if (f.campaignId) q = q.where('voice_quotes.campaign_id', '=', f.campaignId);
  if (f.answerIds) {
    if (f.answerIds.length === 0) return [];
    q = q.where('voice_quotes.answer_id', 'in', [...f.answerIds]);
  }
  const rows = await q.orderBy('voice_quotes.approved_at', 'desc').orderBy('voice_quotes.id').limit(f.limit).execute();
  return rows.map((r) => ({ id: r.id, answerId: r.answer_id, campaignId: r.campaign_id, questionId: r.question_id, lang: r.lang, excerpt: r.excerpt, approvedAt: fromTimestamp(r.approved_at) }));
}

// ── Answer texts (rows of the kernel's texts table owned by answers) ──────

/** Every language version of every free-text answer of these answers, as text versions. */
export async function listAnswerTexts(db: Db, answerIds: readonly string[]): Promise<TextVersion[]> {
  if (answerIds.length === 0) return [];
  const rows = await db
    .selectFrom('texts')
    .selectAll()
    .where('owner_type', '=', ANSWER_TEXT)
    .where('owner_id', 'in', [...answerIds])
    .orderBy('owner_id')
    .orderBy('field')
    .orderBy('is_source', 'desc')
    .orderBy('lang')
    .execute();
  return rows.map((r) => ({
    ownerType: r.owner_type,
    ownerId: r.owner_id,
    field: r.field,
    lang: r.lang,
    body: r.body,
    isSource: Number(r.is_source) === 1,
    translator: r.translator,
    machine: Number(r.machine) === 1,
    createdBy: r.created_by,
    updatedAt: fromTimestamp(r.updated_at),
  }));
}
