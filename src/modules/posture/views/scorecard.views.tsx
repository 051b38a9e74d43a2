// Scorecard pages: an organisation's scorecard, one practice of it (evidence,
// answer, help), what it can help others with, and the federation overview.
import { Layout } from '../../../kernel/views/layout.js';
import { useCtx } from '../../../kernel/views/context.js';
import { CsrfField, Field, Form, Select, TextArea, type FormState } from '../../../kernel/views/components/form.js';
import { EmptyState, Table } from '../../../kernel/views/components/table.js';
import { LocalText } from '../../../kernel/text/index.js';
import type { MessageKey } from '../../../kernel/i18n/i18n.js';
import { AREAS, type Area } from '../baseline/index.js';
import type { ScoreTriple } from '../baseline.score.js';
import { ANSWERS, VISIBILITIES } from '../baseline.tables.js';
import { NOTE_MAX, URL_MAX } from '../baseline.schemas.js';
import type { AnswerView, Aggregate, FederationOverview, OrgPracticeView, PracticeCard, Scorecard } from '../scorecard.service.js';
import { GAP_STATUSES } from '../scorecard.service.js';
import type { OrgBrief } from '../baseline.repository.js';
import type { PickedText } from '../../../kernel/text/index.js';
import type { PracticeRule } from '../baseline/index.js';
import { LineChart } from './chart.js';
import { answerKey, areaKey, KindLabel, Score, StatusTag, visibilityKey } from './parts.js';

function When({ at, withTime = false }: { at: Date; withTime?: boolean }) {
  const { i18n } = useCtx();
  return <time datetime={at.toISOString()}>{withTime ? i18n.dateTime(at) : i18n.date(at)}</time>;
}

const kinds: (keyof ScoreTriple)[] = ['measured', 'self', 'combined'];
const kindColumnKey = (k: keyof ScoreTriple) => `baseline.scores.${k}` as MessageKey;

function ScoresTable({ card }: { card: Scorecard }) {
  const { t } = useCtx().i18n;
  const rows: { label: string; scores: ScoreTriple }[] = [
    { label: t('baseline.scores.overall'), scores: card.scores.overall },
    ...AREAS.map((a) => ({ label: t(areaKey(a)), scores: card.scores.areas[a] })),
  ];
  return (
    <div class="scores">
      <Table caption={t('baseline.scores.caption', { version: card.version.version })} head={[t('baseline.scores.scope'), ...kinds.map((k) => t(kindColumnKey(k)))]}>
        {rows.map((r, i) => (
          <tr>
            <th scope="row">{r.label}</th>
            {kinds.map((k) => (
              <td class={i === 0 && k === 'combined' ? 'score-big' : undefined}>
                <Score value={r.scores[k]} />
              </td>
            ))}
          </tr>
        ))}
      </Table>
    </div>
  );
}

function Trend({ card }: { card: Scorecard }) {
  const { i18n } = useCtx();
  const { t } = i18n;
  const points = card.trend;
  if (points.length === 0) return <p>{t('baseline.trend.none')}</p>;
  const from = new Date(card.at.getTime() - 365 * 86_400_000);
  const first = points[0]!;
  const last = points[points.length - 1]!;
  const text = (v: number | undefined) => (v === undefined ? t('baseline.score.none') : t('baseline.score.value', { score: v }));
  const series = kinds.map((k) => ({
    label: t(kindColumnKey(k)),
    kind: k,
    points: points.map((p) => ({ at: p.at, value: p.scores.overall[k], text: `${i18n.date(p.at)}: ${text(p.scores.overall[k])}` })),
  }));
  const areaSeries = (area: Area) =>
    kinds.map((k) => ({
      label: t(kindColumnKey(k)),
      kind: k,
      points: points.map((p) => ({ at: p.at, value: p.scores.areas[area][k], text: `${i18n.date(p.at)}: ${text(p.scores.areas[area][k])}` })),
    }));
  return (
    <>
      <LineChart
        id="trend-overall"
        title={t('baseline.trend.chartTitle', { org: card.org.name })}
        desc={t('baseline.trend.chartDesc', { from: i18n.date(first.at), to: i18n.date(last.at), before: text(first.scores.overall.combined), after: text(last.scores.overall.combined), points: points.length })}
        series={series}
        from={from}
        to={card.at}
        fromLabel={i18n.date(from)}
        toLabel={i18n.date(card.at)}
      />
      <details>
        <summary>{t('baseline.trend.byArea')}</summary>
        {AREAS.map((area) => (
          <LineChart
            id={`trend-${area}`}
            title={t('baseline.trend.areaTitle', { area: t(areaKey(area)) })}
            desc={t('baseline.trend.chartDesc', { from: i18n.date(first.at), to: i18n.date(last.at), before: text(first.scores.areas[area].combined), after: text(last.scores.areas[area].combined), points: points.length })}
            series={areaSeries(area)}
            from={from}
            to={card.at}
            fromLabel={i18n.date(from)}
            toLabel={i18n.date(card.at)}
            dots={false}
          />
        ))}
      </details>
      <details>
        <summary>{t('baseline.trend.figures')}</summary>
        <Table caption={t('baseline.trend.tableCaption')} head={[t('baseline.trend.col.date'), t('baseline.trend.col.version'), ...kinds.map((k) => t(kindColumnKey(k)))]}>
          {points.map((p) => (
            <tr>
              <td>
                <When at={p.at} />
              </td>
              <td>{p.version}</td>
              {kinds.map((k) => (
                <td>
                  <Score value={p.scores.overall[k]} />
                </td>
              ))}
            </tr>
          ))}
        </Table>
      </details>
    </>
  );
}

function AnswerSummary({ a }: { a: AnswerView }) {
  const { t } = useCtx().i18n;
  return (
    <p>
      {t('baseline.answer.given', { answer: t(answerKey(a.answer.answer)) })} <When at={a.answer.answeredAt} />
      {a.answeredByName && <> · {a.answeredByName}</>}
      {' · '}
      {a.expired ? (
        <strong>{t('baseline.answer.expired')}</strong>
      ) : (
        <>
          {t('baseline.answer.validUntil')} <When at={a.expiresAt} />
        </>
      )}
    </p>
  );
}

function PracticeItem({ card, p }: { card: Scorecard; p: PracticeCard }) {
  const { t } = useCtx().i18n;
  const href = card.insider ? `/orgs/${card.org.slug}/posture/practices/${p.rule.id}` : `/baseline/practices/${p.rule.id}`;
  const gap = GAP_STATUSES.includes(p.status);
  return (
    <li>
      <h3>
        <a href={href}>
          <LocalText value={p.title} inline />
        </a>
      </h3>
      <p>
        <StatusTag status={p.status} /> · <KindLabel measured={p.measured} /> · {t('baseline.weight', { weight: p.rule.weight })}
      </p>
      {p.checks && p.checks.length > 0 && (
        <p>
          {t('baseline.card.checks')} {p.checks.map((c) => `${c.checkId} ${t(`posture.status.${c.status}` as MessageKey)}`).join(', ')}
        </p>
      )}
      {p.answer && <AnswerSummary a={p.answer} />}
      {p.help && (
        <p>
          <a href={`/posture/help/${p.help.id}`}>{t('baseline.card.helpOpen')}</a>
        </p>
      )}
      {gap && p.guide && (
        <details>
          <summary>{t('baseline.card.howTo')}</summary>
          <div class="guide">
            <LocalText value={p.guide} markdown />
          </div>
        </details>
      )}
    </li>
  );
}

export function ScorecardPage({ card }: { card: Scorecard }) {
  const { t } = useCtx().i18n;
  const slug = card.org.slug;
  return (
    <Layout title={t('baseline.card.title', { org: card.org.name })}>
      <h1>{t('baseline.card.title', { org: card.org.name })}</h1>
      <p>
        {t('baseline.card.measuredAgainst')} <a href={`/baseline/versions/${card.version.version}`}>{t('baseline.versionName', { version: card.version.version })}</a>
        {' · '}
        {card.lastScanAt ? (
          <>
            {t('baseline.card.lastScan')} <When at={card.lastScanAt} withTime />
          </>
        ) : (
          t('baseline.card.noScan')
        )}
      </p>
      <p>{t('baseline.card.visibleTo', { visibility: t(visibilityKey(card.visibility)) })}</p>
      <nav aria-label={t('baseline.card.links')}>
        <ul class="inline-list">
          {card.insider && (
            <li>
              <a href={`/orgs/${slug}/posture/assets`}>{t('posture.nav')}</a>
            </li>
          )}
          {card.canManage && (
            <li>
              <a href={`/orgs/${slug}/posture/can-help`}>{t('baseline.canHelp.link')}</a>
            </li>
          )}
          {card.insider && (
            <li>
              <a href="/posture/help">{t('baseline.help.link')}</a>
            </li>
          )}
          <li>
            <a href={`/orgs/${slug}/posture/scorecard.csv`}>{t('baseline.card.csv')}</a>
          </li>
          <li>
            <a href={`/orgs/${slug}/posture/scorecard.json`}>{t('baseline.card.json')}</a>
          </li>
        </ul>
      </nav>
      {card.canManage && (
        <form method="post" action={`/orgs/${slug}/posture/visibility`} class="narrow">
          <CsrfField />
          <Select
            name="visibility"
            label={t('baseline.visibility.label')}
            hint={t('baseline.visibility.hint')}
            value={card.visibility}
            options={VISIBILITIES.map((v) => ({ value: v, label: t(visibilityKey(v)) }))}
          />
          <p>
            <button type="submit">{t('baseline.visibility.submit')}</button>
          </p>
        </form>
      )}
      <h2>{t('baseline.scores.heading')}</h2>
      <p class="hint">{t('baseline.scores.how')}</p>
      <ScoresTable card={card} />
      <h2>{t('baseline.trend.heading')}</h2>
      <Trend card={card} />
      {AREAS.map((area) => (
        <section aria-labelledby={`area-${area}`}>
          <h2 id={`area-${area}`}>{t(areaKey(area))}</h2>
          <ul class="practice-list">
            {card.practices
              .filter((p) => p.rule.area === area)
              .map((p) => (
                <PracticeItem card={card} p={p} />
              ))}
          </ul>
        </section>
      ))}
    </Layout>
  );
}

// ── One practice of the organisation ─────────────────────────────────────

function AnswerForm({ view, state }: { view: OrgPracticeView; state: FormState | undefined }) {
  const { t } = useCtx().i18n;
  const slug = view.scorecard.org.slug;
  const current = view.card.answer?.answer;
  const chosen = state?.values.answer ?? current?.answer ?? '';
  const error = state?.errors.answer;
  return (
    <Form action={`/orgs/${slug}/posture/practices/${view.card.rule.id}/answer`} state={state} submit={t('baseline.answer.submit')} class="answer-form">
      <fieldset>
        <legend>
          <LocalText value={view.card.question} inline />
        </legend>
        {error && (
          <p class="error" id="f-answer-error">
            {t(error.key as MessageKey)}
          </p>
        )}
        <ul class="choices">
          {ANSWERS.map((a) => (
            <li>
              <input type="radio" id={`f-answer-${a}`} name="answer" value={a} checked={chosen === a} aria-describedby={error ? 'f-answer-error' : undefined} />
              <label for={`f-answer-${a}`}>{t(answerKey(a))}</label>
            </li>
          ))}
        </ul>
      </fieldset>
      <TextArea name="note" label={t('baseline.answer.note')} hint={t('baseline.answer.noteHint')} state={state} value={current?.note ?? ''} maxLength={NOTE_MAX} />
      <Field name="evidenceUrl" type="url" label={t('baseline.answer.evidence')} hint={t('baseline.answer.evidenceHint')} state={state} value={current?.evidenceUrl ?? ''} maxLength={URL_MAX} inputMode="url" />
    </Form>
  );
}

function HelpBox({ view, state }: { view: OrgPracticeView; state: FormState | undefined }) {
  const { t } = useCtx().i18n;
  const card = view.card;
  const slug = view.scorecard.org.slug;
  if (card.help) {
    return (
      <p>
        <a href={`/posture/help/${card.help.id}`}>{t('baseline.card.helpOpen')}</a>
      </p>
    );
  }
  if (!GAP_STATUSES.includes(card.status)) return <p>{t('baseline.help.noGap')}</p>;
  if (!view.scorecard.canManage) return <p>{t('baseline.help.adminsAsk')}</p>;
  return (
    <Form action={`/orgs/${slug}/posture/practices/${card.rule.id}/help`} state={state} submit={t('baseline.help.ask')}>
      <TextArea name="note" label={t('baseline.help.note')} hint={t('baseline.help.noteHint')} state={state} maxLength={NOTE_MAX} />
    </Form>
  );
}

export function OrgPracticePage({ view, answerState, helpState }: { view: OrgPracticeView; answerState?: FormState | undefined; helpState?: FormState | undefined }) {
  const { t } = useCtx().i18n;
  const card = view.card;
  const org = view.scorecard.org;
  const title = card.title?.body ?? card.rule.id;
  return (
    <Layout title={t('baseline.orgPractice.title', { title, org: org.name })}>
      <p>
        <a href={`/orgs/${org.slug}/posture`}>{t('baseline.orgPractice.back', { org: org.name })}</a>
      </p>
      <h1 lang={card.title?.lang} dir="auto">
        {title}
      </h1>
      <p>
        <StatusTag status={card.status} /> · <KindLabel measured={card.measured} /> · {t('baseline.weight', { weight: card.rule.weight })} · {t(areaKey(card.rule.area))}
      </p>
      {card.measured ? (
        <>
          <h2>{t('baseline.orgPractice.results')}</h2>
          {!card.checks || card.checks.length === 0 ? (
            <EmptyState>{t('baseline.orgPractice.noResults')}</EmptyState>
          ) : (
            <Table caption={t('baseline.orgPractice.resultsCaption')} head={[t('baseline.orgPractice.col.check'), t('baseline.orgPractice.col.target'), t('baseline.orgPractice.col.status'), t('baseline.orgPractice.col.found'), t('baseline.orgPractice.col.when')]}>
              {card.checks.flatMap((c) =>
                c.results.map((r) => (
                  <tr>
                    <td>{c.checkId}</td>
                    <td>
                      <code class="data">{r.target}</code>
                    </td>
                    <td>
                      <span class={`status-tag status-${r.status}`}>{t(`posture.status.${r.status}` as MessageKey)}</span>
                    </td>
                    <td>
                      {r.summary}
                      {(r.evidence.sent || r.evidence.received || r.evidence.facts) && (
                        <details>
                          <summary>{t('baseline.orgPractice.evidence')}</summary>
                          <pre class="evidence">{JSON.stringify(r.evidence, null, 2)}</pre>
                        </details>
                      )}
                    </td>
                    <td>
                      <a href={`/orgs/${org.slug}/posture/scans/${r.scanId}`}>
                        <When at={r.scannedAt} withTime />
                      </a>
                    </td>
                  </tr>
                )),
              )}
            </Table>
          )}
        </>
      ) : (
        <>
          <h2>{t('baseline.orgPractice.answer')}</h2>
          {card.answer ? <AnswerSummary a={card.answer} /> : <p>{t('baseline.orgPractice.unanswered')}</p>}
          {card.answer?.answer.note && (
            <p class="text-body" dir="auto">
              {card.answer.answer.note}
            </p>
          )}
          {card.answer?.answer.evidenceUrl && (
            <p>
              {t('baseline.answer.evidence')}:{' '}
              <a href={card.answer.answer.evidenceUrl} rel="nofollow noopener noreferrer">
                {card.answer.answer.evidenceUrl}
              </a>
            </p>
          )}
          {view.scorecard.canManage ? <AnswerForm view={view} state={answerState} /> : <p>{t('baseline.answer.adminsAnswer')}</p>}
          {view.history.length > 1 && (
            <details>
              <summary>{t('baseline.orgPractice.history')}</summary>
              <Table caption={t('baseline.orgPractice.historyCaption')} head={[t('baseline.orgPractice.col.when'), t('baseline.orgPractice.col.answer'), t('baseline.orgPractice.col.by')]}>
                {view.history.map((h) => (
                  <tr>
                    <td>
                      <When at={h.answer.answeredAt} />
                    </td>
                    <td>{t(answerKey(h.answer.answer))}</td>
                    <td>{h.answeredByName ?? '—'}</td>
                  </tr>
                ))}
              </Table>
            </details>
          )}
        </>
      )}
      <h2>{t('baseline.why')}</h2>
      <LocalText value={view.why} />
      <h2>{t('baseline.guide')}</h2>
      <div class="guide">
        <LocalText value={view.guide} markdown />
      </div>
      <h2>{t('baseline.help.heading')}</h2>
      {view.helpers.length > 0 && (
        <p>
          {t('baseline.help.canHelp')}{' '}
          {view.helpers.map((o, i) => (
            <>
              {i > 0 && ', '}
              <a href={`/orgs/${o.slug}`} dir="auto">
                {o.name}
              </a>
            </>
          ))}
        </p>
      )}
      <HelpBox view={view} state={helpState} />
    </Layout>
  );
}

// ── What an organisation can help with ───────────────────────────────────

export function CanHelpPage({ org, practices, state }: { org: OrgBrief; practices: { rule: PracticeRule; title: PickedText | undefined; checked: boolean }[]; state?: FormState | undefined }) {
  const { t } = useCtx().i18n;
  return (
    <Layout title={t('baseline.canHelp.title', { org: org.name })}>
      <p>
        <a href={`/orgs/${org.slug}/posture`}>{t('baseline.orgPractice.back', { org: org.name })}</a>
      </p>
      <h1>{t('baseline.canHelp.title', { org: org.name })}</h1>
      <p>{t('baseline.canHelp.intro')}</p>
      <Form action={`/orgs/${org.slug}/posture/can-help`} state={state} submit={t('baseline.canHelp.submit')}>
        {AREAS.map((area) => (
          <fieldset>
            <legend>{t(areaKey(area))}</legend>
            <ul class="choices">
              {practices
                .filter((p) => p.rule.area === area)
                .map((p) => (
                  <li>
                    <input type="checkbox" id={`f-practice-${p.rule.id}`} name="practice" value={p.rule.id} checked={p.checked} />
                    <label for={`f-practice-${p.rule.id}`}>
                      <LocalText value={p.title} inline />
                    </label>
                  </li>
                ))}
            </ul>
          </fieldset>
        ))}
      </Form>
    </Layout>
  );
}

// ── The federation overview ──────────────────────────────────────────────

function AggregateCell({ a }: { a: Aggregate }) {
  const { t } = useCtx().i18n;
  if (a.withheld) return <>{t('baseline.overview.withheld')}</>;
  return (
    <>
      <Score value={a.value} /> <small>{t('baseline.overview.orgs', { count: a.organisations })}</small>
    </>
  );
}

export function OverviewPage({ overview }: { overview: FederationOverview }) {
  const { t } = useCtx().i18n;
  const rows: { label: string; agg: Record<keyof ScoreTriple, Aggregate> }[] = [
    { label: t('baseline.scores.overall'), agg: overview.overall },
    ...AREAS.map((a) => ({ label: t(areaKey(a)), agg: overview.areas[a] })),
  ];
  return (
    <Layout title={t('baseline.overview.title')}>
      <h1>{t('baseline.overview.title')}</h1>
      <p>{t('baseline.overview.intro', { version: overview.version.version })}</p>
      <p>
        <a href="/baseline">{t('baseline.nav.practices')}</a>
      </p>
      <h2>{t('baseline.overview.aggregates')}</h2>
      <p class="hint">{t('baseline.overview.aggregatesHint', { min: 3 })}</p>
      <Table caption={t('baseline.overview.aggregatesCaption', { count: overview.total })} head={[t('baseline.scores.scope'), ...kinds.map((k) => t(kindColumnKey(k)))]}>
        {rows.map((r) => (
          <tr>
            <th scope="row">{r.label}</th>
            {kinds.map((k) => (
              <td>
                <AggregateCell a={r.agg[k]} />
              </td>
            ))}
          </tr>
        ))}
      </Table>
      <h2>{t('baseline.overview.individual')}</h2>
      {overview.hidden > 0 && <p>{t('baseline.overview.hidden', { count: overview.hidden })}</p>}
      {overview.rows.length === 0 ? (
        <EmptyState>{t('baseline.overview.noneVisible')}</EmptyState>
      ) : (
        <Table caption={t('baseline.overview.individualCaption')} head={[t('baseline.overview.col.org'), ...kinds.map((k) => t(kindColumnKey(k))), t('baseline.overview.col.lastScan')]}>
          {overview.rows.map((r) => (
            <tr>
              <td>
                <a href={`/orgs/${r.org.slug}/posture`} dir="auto">
                  {r.org.name}
                </a>
              </td>
              {kinds.map((k) => (
                <td>
                  <Score value={r.scores.overall[k]} />
                </td>
              ))}
              <td>{r.lastScanAt ? <When at={r.lastScanAt} /> : '—'}</td>
            </tr>
          ))}
        </Table>
      )}
      <h2>{t('baseline.overview.practices')}</h2>
      <Table caption={t('baseline.overview.practicesCaption')} head={[t('baseline.col.practice'), t('baseline.col.area'), t('baseline.overview.col.meeting')]}>
        {overview.practices.map((p) => (
          <tr>
            <td>
              <a href={`/baseline/practices/${p.rule.id}`}>
                <LocalText value={p.title} inline />
              </a>
            </td>
            <td>{t(areaKey(p.rule.area))}</td>
            <td>
              <AggregateCell a={p.passing} />
            </td>
          </tr>
        ))}
      </Table>
    </Layout>
  );
}
