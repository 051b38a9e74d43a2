// The voices part of `hearth export-org`: the organisation's campaigns with
// every text, its answers (which hold no address or exact time: there is none
// to export), its needs, quotes and designated moderators.
import type { Db } from '../../kernel/db/connect.js';
import { listTranslations, type TextVersion } from '../../kernel/text/index.js';
import { toTimestamp } from '../../kernel/time.js';
import * as repo from './voices.repository.js';
import { exportRows } from './voices.moderation.js';
import { NEED_LINK } from './voices.needs.js';

const versionJson = (v: TextVersion) => ({ lang: v.lang, isSource: v.isSource, translator: v.translator, machine: v.machine, body: v.body });
const texts = async (db: Db, ownerType: string, ownerId: string, fields: string[]) =>
  Object.fromEntries(await Promise.all(fields.map(async (f) => [f, (await listTranslations(db, { ownerType, ownerId }, f)).map(versionJson)] as const)));

export async function exportVoices(db: Db, orgId: string) {
  const campaigns = [];
  for (const c of await repo.listCampaigns(db, orgId, { limit: 10_000 })) {
    const questions = [];
    for (const q of await repo.listQuestions(db, c.id)) {
      const choices = [];
      for (const id of q.choices) choices.push({ id, texts: await texts(db, repo.CHOICE_TEXT, id, ['label']) });
      questions.push({ id: q.id, position: q.position, kind: q.kind, required: q.required, texts: await texts(db, repo.QUESTION_TEXT, q.id, ['prompt', 'low', 'high']), choices });
    }
    campaigns.push({
      id: c.id,
      kind: c.kind,
      status: c.status,
      access: c.access,
      moderated: c.moderated,
      sourceLang: c.sourceLang,
      languages: c.languages,
      opensAt: c.opensAt ? toTimestamp(c.opensAt) : null,
      closesAt: c.closesAt ? toTimestamp(c.closesAt) : null,
      hourlyBudget: c.hourlyBudget,
      createdAt: toTimestamp(c.createdAt),
      texts: await texts(db, repo.CAMPAIGN_TEXT, c.id, ['title', 'intro']),
      questions,
    });
  }
  const answers = [];
  for (const status of ['accepted', 'pending', 'spam'] as const) {
    let after: { receivedAt: string; id: string } | undefined;
    for (;;) {
      const page = await repo.listAnswers(db, { orgId, status, after, limit: 500 });
      if (page.length === 0) break;
      answers.push(...(await exportRows(db, page)));
      const last = page[page.length - 1]!;
      after = { receivedAt: toTimestamp(last.receivedAt), id: last.id };
      if (page.length < 500) break;
    }
  }
  const needList = await repo.listNeeds(db, { orgId, limit: 100_000 });
  const tags = await repo.listNeedTags(db, needList.map((n) => n.id));
  const needs = [];
  for (const n of needList) {
    needs.push({
      id: n.id,
      status: n.status,
      createdAt: toTimestamp(n.createdAt),
      updatedAt: toTimestamp(n.updatedAt),
      texts: await texts(db, repo.NEED_TEXT, n.id, ['title', 'description', 'reason']),
      tags: tags.get(n.id) ?? [],
      answers: await repo.listNeedAnswerIds(db, n.id),
      proposals: (await repo.listNeedLinks(db, [n.id], 'proposal')).get(n.id) ?? [],
      projectLinkKind: NEED_LINK,
      history: (await repo.listNeedEvents(db, { needId: n.id, limit: 1000 })).map((e) => ({ status: e.status, at: toTimestamp(e.at) })),
    });
  }
  const quotes = [];
  for (const c of campaigns) quotes.push(...(await repo.listQuotes(db, { campaignId: c.id, limit: 10_000 })).map((q) => ({ ...q, approvedAt: toTimestamp(q.approvedAt) })));
  const moderators = (await repo.listModerators(db, orgId)).map((m) => ({ personId: m.personId, displayName: m.displayName, addedAt: toTimestamp(m.addedAt) }));
  return { campaigns, answers, needs, quotes, moderators };
}
