// The public report: "you said, we did". Charts are SVG drawn on the server,
// each with a <title>, a <desc> and the same figures as a table beside it.
import { Layout } from '../../../kernel/views/layout.js';
import { useCtx } from '../../../kernel/views/context.js';
import { EmptyState, Table } from '../../../kernel/views/components/table.js';
import { LocalText, findLanguage } from '../../../kernel/text/index.js';
import { MIN_GROUP, type Report, type ReportQuestion } from '../voices.report.js';
import { NeedLine } from './needs.views.js';
import { campaignTitle, languageLinks } from './respond.views.js';

const ROW = 30;
const WIDTH = 640;
const LABEL_W = 220;
const BAR_W = 340;

const short = (s: string) => (s.length > 32 ? `${s.slice(0, 31)}…` : s);

export function BarChart({ id, title, desc, bars, total }: { id: string; title: string; desc: string; bars: { label: string; n: number }[]; total: number }) {
  const { i18n } = useCtx();
  const max = Math.max(1, ...bars.map((b) => b.n));
  const height = bars.length * ROW + 10;
  const rtl = i18n.dir === 'rtl';
  return (
    <svg class="chart" viewBox={`0 0 ${WIDTH} ${height}`} width="100%" role="img" aria-labelledby={`${id}-t ${id}-d`} xmlns="http://www.w3.org/2000/svg">
      <title id={`${id}-t`}>{title}</title>
      <desc id={`${id}-d`}>{desc}</desc>
      {bars.map((b, i) => {
        const y = 5 + i * ROW;
        const w = Math.round((b.n / max) * BAR_W);
        const share = total > 0 ? Math.round((b.n / total) * 100) : 0;
        const barX = rtl ? WIDTH - LABEL_W - w : LABEL_W;
        return (
          <g>
            <text x={rtl ? WIDTH - 4 : 4} y={y + 19} font-size="14" text-anchor="start" direction={rtl ? 'rtl' : 'ltr'} fill="currentColor">
              {short(b.label)}
            </text>
            <rect x={barX} y={y + 4} width={Math.max(w, 1)} height={ROW - 10} fill="currentColor" opacity="0.55" />
            <text x={rtl ? barX - 6 : barX + w + 6} y={y + 19} font-size="14" text-anchor={rtl ? 'end' : 'start'} fill="currentColor">
              {`${i18n.number(b.n)} (${share}%)`}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

function QuestionResult({ rq, n }: { rq: ReportQuestion; n: number }) {
  const { i18n } = useCtx();
  const { t } = i18n;
  const prompt = rq.fq.prompt?.body ?? t('voices.inbox.prompt');
  const head = (
    <h3>
      {n}. <span lang={rq.fq.prompt?.lang} dir="auto">{prompt}</span>
    </h3>
  );
  if (rq.suppressed) {
    return (
      <section>
        {head}
        <p class="hint">{t('voices.report.suppressed', { min: MIN_GROUP })}</p>
      </section>
    );
  }
  if (rq.fq.question.kind === 'text') {
    return (
      <section>
        {head}
        <p>{t('voices.report.textAnswers', { count: rq.answered })}</p>
      </section>
    );
  }
  const id = `chart-${rq.fq.question.id}`;
  const labelled = rq.bars.map((b) => ({
    label: rq.fq.question.kind === 'scale' ? (b.id === '1' && rq.fq.low ? `1 — ${rq.fq.low.body}` : b.id === '5' && rq.fq.high ? `5 — ${rq.fq.high.body}` : b.id) : b.label,
    n: b.n,
  }));
  const desc = labelled.map((b) => `${b.label}: ${b.n}`).join('; ');
  return (
    <section>
      {head}
      <p>
        {t('voices.report.answered', { count: rq.answered })}
        {rq.average !== null && ` · ${t('voices.report.average', { value: i18n.number(Math.round(rq.average * 10) / 10) })}`}
        {rq.fq.question.kind === 'multiple' && ` · ${t('voices.report.multipleNote')}`}
      </p>
      <figure>
        <BarChart id={id} title={prompt} desc={desc} bars={labelled} total={rq.answered} />
        <figcaption class="hint">{t('voices.report.chartCaption')}</figcaption>
      </figure>
      <Table caption={t('voices.report.tableCaption', { question: n })} head={[t('voices.report.choice'), t('voices.report.count'), t('voices.report.share')]}>
        {labelled.map((b) => (
          <tr>
            <td dir="auto">{b.label}</td>
            <td>{i18n.number(b.n)}</td>
            <td>{rq.answered > 0 ? `${Math.round((b.n / rq.answered) * 100)}%` : '—'}</td>
          </tr>
        ))}
      </Table>
    </section>
  );
}

export function ReportPage({ report, lang }: { report: Report; lang: string }) {
  const { i18n } = useCtx();
  const { t } = i18n;
  const c = report.campaign;
  const inbox = c.kind === 'inbox';
  const title = campaignTitle(report.title, inbox, report.scope.org, t);
  const links = c.languages.length > 1 ? languageLinks(`/voices/${c.id}/report`, c.languages, lang, undefined) : undefined;
  return (
    <Layout title={t('voices.report.title', { title })} languages={links}>
      <h1>
        {t('voices.report.heading')}: <span lang={inbox ? undefined : report.title?.lang} dir="auto">{title}</span>
      </h1>
      {report.scope.org && <p class="hint">{t('voices.form.by', { org: report.scope.org.name })}</p>}
      {!inbox && report.intro && <LocalText value={report.intro} markdown />}
      <p>
        {report.open ? t('voices.report.stillOpen') : t('voices.report.closed')} {c.access === 'public' && report.open && <a href={`/voices/${c.id}?lang=${lang}`}>{t('voices.report.answerIt')}</a>}
      </p>
      <p>
        <strong>{t('voices.report.total', { count: report.total })}</strong>
      </p>
      <p class="hint">{t('voices.report.rule', { min: MIN_GROUP })}</p>

      <h2>{t('voices.report.youSaid')}</h2>
      {report.questions.map((rq, i) => (
        <QuestionResult rq={rq} n={i + 1} />
      ))}

      <h2>{t('voices.report.quotes')}</h2>
      {report.quotes.length === 0 ? (
        <EmptyState>{t('voices.report.noQuotes')}</EmptyState>
      ) : (
        <ul class="comments">
          {report.quotes.map((q) => (
            <li>
              <blockquote lang={q.lang} dir="auto">
                {q.excerpt}
              </blockquote>
              {q.lang !== lang && <p class="hint">{findLanguage(q.lang)?.name ?? q.lang}</p>}
            </li>
          ))}
        </ul>
      )}

      <h2>{t('voices.report.weDid')}</h2>
      {report.needs.length === 0 ? (
        <EmptyState>{t('voices.report.noNeeds')}</EmptyState>
      ) : (
        <ul class="comments">
          {report.needs.map((s) => (
            <li>
              <NeedLine s={s} />
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
