// The public report of a campaign: how many answered, how choices and scale
// points were distributed, approved quotes, and the needs heard with their
// status and linked work. Read from the tallies kept beside the answers, so a
// report costs the same with 100 answers or 100,000.
//
// Small groups are not shown: a breakdown over fewer than MIN_GROUP answers
// (a question answered by 3 people, say) is suppressed, because in a small
// organisation three answers can point at three people.
import type { Actor } from '../../kernel/auth/actor.js';
import type { PickedText } from '../../kernel/text/index.js';
import * as repo from './voices.repository.js';
import * as err from './voices.errors.js';
import { needsOfCampaign, type NeedSummary } from './voices.needs.js';
import { campaignTexts, isOpen, scopeOf, type D, type FormQuestion, type Scope } from './voices.service.js';

export const MIN_GROUP = 5;

export interface ReportQuestion {
  fq: FormQuestion;
  answered: number;
  /** Fewer than MIN_GROUP answered: no breakdown is shown. */
  suppressed: boolean;
  /** Choices (single/multiple) or points 1…5 (scale), with their counts. */
  bars: { id: string; label: string; n: number }[];
  /** Scale questions: the mean of the points given. */
  average: number | null;
}

export interface Report {
  campaign: repo.Campaign;
  scope: Scope;
  title: PickedText | undefined;
  intro: PickedText | undefined;
  open: boolean;
  total: number;
  questions: ReportQuestion[];
  quotes: (repo.Quote & { prompt: PickedText | undefined })[];
  needs: NeedSummary[];
}

export async function buildReport(deps: D, _actor: Actor, id: string, lang: string): Promise<Report> {
  const c = await repo.findCampaign(deps.db, id);
  // Drafts have no report; private campaigns do (the results are the organisation's to show).
  if (!c || c.status !== 'published') throw err.campaignNotFound();
  const texts = await campaignTexts(deps.db, c, lang);
  const tallies = await repo.listTallies(deps.db, id);
  const count = (q: string, v: string) => tallies.find((t) => t.questionId === q && t.value === v)?.n ?? 0;
  const total = Math.max(0, count('', ''));
  const questions = texts.questions.map((fq): ReportQuestion => {
    const q = fq.question;
    const answered = Math.max(0, count(q.id, ''));
    const suppressed = answered < MIN_GROUP;
    let bars: ReportQuestion['bars'] = [];
    let average: number | null = null;
    if (!suppressed && (q.kind === 'single' || q.kind === 'multiple')) {
      bars = fq.choices.map((ch) => ({ id: ch.id, label: ch.label?.body ?? '', n: Math.max(0, count(q.id, ch.id)) }));
    }
    if (!suppressed && q.kind === 'scale') {
      bars = ['1', '2', '3', '4', '5'].map((p) => ({ id: p, label: p, n: Math.max(0, count(q.id, p)) }));
      const sum = bars.reduce((s, b) => s + Number(b.id) * b.n, 0);
      const given = bars.reduce((s, b) => s + b.n, 0);
      average = given > 0 ? sum / given : null;
    }
    return { fq, answered, suppressed, bars, average };
  });
  const prompts = new Map(texts.questions.map((fq) => [fq.question.id, fq.prompt]));
  const quotes = (await repo.listQuotes(deps.db, { campaignId: id, limit: 50 })).map((q) => ({ ...q, prompt: prompts.get(q.questionId) }));
  return {
    campaign: c,
    scope: await scopeOf(deps.db, c.orgId),
    title: texts.title,
    intro: texts.intro,
    open: isOpen(c, deps.clock.now()),
    total,
    questions,
    quotes,
    needs: await needsOfCampaign(deps, id, lang),
  };
}
