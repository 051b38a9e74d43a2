import { Layout } from '../../../kernel/views/layout.js';
import { useCtx } from '../../../kernel/views/context.js';
import { ConfirmForm, CsrfField, Field, Form, Select, TextArea, type FormState } from '../../../kernel/views/components/form.js';
import { EmptyState, Pagination, Table } from '../../../kernel/views/components/table.js';
import { Markdown } from '../../../kernel/views/components/markdown.js';
import { LocalText, TranslationFields, languageName, languageOptions, type TextVersion } from '../../../kernel/text/index.js';
import { timeZones } from '../../../kernel/i18n/i18n.js';
import type { Comment, CommentVersion, Proposal } from '../governance.repository.js';
import type { ProposalSummary, ProposalView, Voice } from '../governance.service.js';
import { BODY_MAX, COMMENT_MAX, REASON_MAX, TITLE_MAX, openableKinds } from '../governance.schemas.js';
import { positionKinds } from '../governance.tables.js';
import { StatusTag, TallyLine, When, kindKey, positionHint, positionKey } from './parts.js';

const proposalTitle = (s: ProposalSummary) => s.title?.body ?? s.proposal.id;

export function ProposalListPage({ items, next, canCreate, member }: { items: ProposalSummary[]; next: string | undefined; canCreate: boolean; member: boolean }) {
  const { t } = useCtx().i18n;
  return (
    <Layout title={t('gov.list.title')}>
      <h1>{t('gov.list.title')}</h1>
      <p>{t('gov.list.intro')}</p>
      <p>
        {canCreate && (
          <>
            <a href="/proposals/new" class="button">
              {t('gov.new.title')}
            </a>{' '}
          </>
        )}
        <a href="/decisions">{t('gov.log.title')}</a>
      </p>
      {items.length === 0 ? (
        <EmptyState>{t('gov.list.empty')}</EmptyState>
      ) : (
        <Table caption={t('gov.list.caption')} head={[t('gov.field.title'), t('gov.field.kind'), t('gov.field.author'), t('gov.field.closes')]}>
          {items.map((s) => (
            <tr>
              <td>
                <a href={`/proposals/${s.proposal.id}`} lang={s.title?.lang} dir="auto">
                  {proposalTitle(s)}
                </a>
              </td>
              <td>{t(kindKey(s.proposal.kind))}</td>
              <td>{s.authorOrg ? <bdi>{s.authorOrg.name}</bdi> : t('gov.federation')}</td>
              <td>
                <When d={s.proposal.closesAt} />
              </td>
            </tr>
          ))}
        </Table>
      )}
      <Pagination nextHref={next ? `/proposals?after=${encodeURIComponent(next)}` : undefined} firstHref={undefined} />
      <p>
        {member ? <a href="/applications">{t('admission.list.title')}</a> : <a href="/apply">{t('gov.list.apply')}</a>}
      </p>
    </Layout>
  );
}

export interface AuthorChoices {
  orgs: { id: string; name: string }[];
  federation: boolean;
}

/** Title, body, language and the times, shared by new proposals and admissions. */
export function ProposalFields({ state, defaults }: { state: FormState; defaults: { lang: string; closesAt: string; timeZone: string; title?: string; body?: string } }) {
  const { i18n } = useCtx();
  const t = i18n.t;
  return (
    <>
      <Field name="title" label={t('gov.field.title')} state={state} value={defaults.title} required maxLength={TITLE_MAX} dir="auto" />
      <TextArea name="body" label={t('gov.field.body')} hint={t('gov.field.bodyHint')} state={state} value={defaults.body} maxLength={BODY_MAX} />
      <Select name="lang" label={t('gov.field.lang')} hint={t('gov.field.langHint')} state={state} value={defaults.lang} options={languageOptions(i18n.locale)} />
      <Field name="opensAt" type="datetime-local" label={t('gov.field.opensAt')} hint={t('gov.field.opensAtHint')} state={state} />
      <Field name="closesAt" type="datetime-local" label={t('gov.field.closesAt')} hint={t('gov.field.timeHint')} state={state} value={defaults.closesAt} required />
      <Select
        name="timeZone"
        label={t('gov.field.timeZone')}
        hint={t('gov.field.timeZoneHint')}
        state={state}
        value={defaults.timeZone}
        options={timeZones().map((z) => ({ value: z, label: z }))}
      />
    </>
  );
}

export function NewProposalPage({ state, choices, defaults }: { state: FormState; choices: AuthorChoices; defaults: { lang: string; closesAt: string; timeZone: string } }) {
  const { t } = useCtx().i18n;
  const authorOptions = [
    ...(choices.federation ? [{ value: '', label: t('gov.federation') }] : []),
    ...choices.orgs.map((o) => ({ value: o.id, label: o.name })),
  ];
  return (
    <Layout title={t('gov.new.title')}>
      <h1>{t('gov.new.title')}</h1>
      <p>{t('gov.new.intro')}</p>
      <Form action="/proposals/new" state={state} submit={t('gov.new.submit')}>
        <Select name="kind" label={t('gov.field.kind')} state={state} value="general" options={openableKinds.map((k) => ({ value: k, label: t(kindKey(k)) }))} />
        <Select name="authorOrg" label={t('gov.field.author')} hint={t('gov.field.authorHint')} state={state} options={authorOptions} />
        <ProposalFields state={state} defaults={defaults} />
      </Form>
    </Layout>
  );
}

function PositionForm({ proposalId, voice, state }: { proposalId: string; voice: Voice; state: FormState | undefined }) {
  const { i18n } = useCtx();
  const t = i18n.t;
  const mine = state && state.values.org === voice.org.id ? state : undefined;
  const current = mine?.values.position ?? voice.position?.position ?? '';
  const reason = mine?.values.reason ?? voice.position?.reason ?? '';
  const base = `f-${voice.org.id}`;
  const reasonError = mine?.errors.reason;
  const positionError = mine?.errors.position;
  return (
    <form method="post" action={`/proposals/${proposalId}/position`} class="position-form" novalidate>
      <CsrfField />
      <input type="hidden" name="org" value={voice.org.id} />
      <h3>
        <bdi>{voice.org.name}</bdi>
      </h3>
      <p class="hint">
        {voice.position ? t('gov.position.current', { position: t(positionKey(voice.position.position)) }) : t('gov.position.none')}
        {voice.asDelegate ? ` ${t('gov.position.asDelegate')}` : ''}
        {!voice.asDelegate && (
          <>
            {' '}
            <a href={`/orgs/${voice.org.slug}/delegates`}>{t('gov.delegates.manage')}</a>
          </>
        )}
      </p>
      <fieldset aria-describedby={positionError ? `${base}-position-error` : undefined}>
        <legend>{t('gov.position.legend', { org: voice.org.name })}</legend>
        {positionError && (
          <p class="error" id={`${base}-position-error`}>
            {i18n.tDynamic(positionError.key, positionError.values)}
          </p>
        )}
        <ul class="choices">
          {positionKinds.map((k) => (
            <li>
              <input type="radio" id={`${base}-${k}`} name="position" value={k} checked={current === k} aria-describedby={`${base}-${k}-hint`} />
              <label for={`${base}-${k}`}>{t(positionKey(k))}</label>
              <span class="hint" id={`${base}-${k}-hint`}>
                {' '}
                {t(positionHint(k))}
              </span>
            </li>
          ))}
        </ul>
      </fieldset>
      <div class={reasonError ? 'field field-error' : 'field'}>
        <label for={`${base}-reason`}>{t('gov.position.reason')}</label>
        <p class="hint" id={`${base}-reason-hint`}>
          {t('gov.position.reasonHint')}
        </p>
        {reasonError && (
          <p class="error" id={`${base}-reason-error`}>
            {i18n.tDynamic(reasonError.key, reasonError.values)}
          </p>
        )}
        <textarea
          id={`${base}-reason`}
          name="reason"
          maxLength={REASON_MAX}
          dir="auto"
          aria-invalid={reasonError ? 'true' : undefined}
          aria-describedby={[`${base}-reason-hint`, reasonError ? `${base}-reason-error` : ''].filter(Boolean).join(' ')}
        >
          {reason}
        </textarea>
      </div>
      <p>
        <button type="submit">{t('gov.position.submit', { org: voice.org.name })}</button>
      </p>
    </form>
  );
}

export function ProposalPage({ view, state, commentState }: { view: ProposalView; state?: FormState | undefined; commentState?: FormState | undefined }) {
  const { i18n, actor } = useCtx();
  const t = i18n.t;
  const p = view.proposal;
  const decided = p.status === 'passed' || p.status === 'not_passed';
  const formError = state?.error;
  return (
    <Layout title={proposalTitle(view)}>
      <p class="hint">
        <a href="/proposals">{t('gov.list.title')}</a>
      </p>
      <h1>{view.title ? <LocalText value={view.title} inline /> : p.id}</h1>
      <dl>
        <dt>{t('gov.field.status')}</dt>
        <dd>
          <StatusTag status={p.status} />
        </dd>
        <dt>{t('gov.field.kind')}</dt>
        <dd>{t(kindKey(p.kind))}</dd>
        <dt>{t('gov.field.author')}</dt>
        <dd>{view.authorOrg ? <bdi>{view.authorOrg.name}</bdi> : t('gov.federation')}</dd>
        <dt>{t('gov.field.opens')}</dt>
        <dd>
          <When d={p.opensAt} />
        </dd>
        <dt>{p.status === 'open' ? t('gov.field.closes') : t('gov.field.closed')}</dt>
        <dd>
          <When d={p.closedAt ?? p.closesAt} />
          {p.timeZone !== i18n.timeZone && <span class="hint"> {t('gov.authorZone', { zone: p.timeZone })}</span>}
        </dd>
        <dt>{t('gov.field.quorum')}</dt>
        <dd>{t('gov.quorumValue', { quorum: p.quorum })}</dd>
      </dl>

      {view.body && <LocalText value={view.body} markdown />}
      {view.body && view.body.available.length > 1 && (
        <p class="hint">{t('gov.languages', { list: view.body.available.map((l) => languageName(l, i18n.locale)).join(', ') })}</p>
      )}
      {(view.canTranslate || view.canWithdraw) && (
        <p>
          {view.canTranslate && <a href={`/proposals/${p.id}/translate`}>{t('gov.translate.link')}</a>}
          {view.canTranslate && view.canWithdraw && ' · '}
          {view.canWithdraw && <a href={`/proposals/${p.id}/withdraw`}>{t('gov.withdraw.link')}</a>}
        </p>
      )}

      {decided && (
        <section aria-labelledby="outcome">
          <h2 id="outcome">{t('gov.outcome.title')}</h2>
          <p>
            <strong>{p.status === 'passed' ? t('gov.outcome.passed') : t('gov.outcome.notPassed')}</strong>
          </p>
          {p.tally && <TallyLine tally={p.tally} />}
          {view.outcome ? <LocalText value={view.outcome} markdown /> : <p class="hint">{t('gov.outcome.none')}</p>}
          {view.canRecordOutcome && (
            <p>
              <a href={`/proposals/${p.id}/outcome`}>{view.outcome ? t('gov.outcome.edit') : t('gov.outcome.record')}</a>
            </p>
          )}
        </section>
      )}

      <section aria-labelledby="positions">
        <h2 id="positions">{t('gov.positions.title')}</h2>
        {formError && (
          <p class="form-error" role="alert">
            {i18n.tDynamic(formError.key, formError.values)}
          </p>
        )}
        {p.status === 'open' && <TallyLine tally={view.tally} />}
        {view.positions.length === 0 ? (
          <EmptyState>{t('gov.positions.empty')}</EmptyState>
        ) : (
          <Table caption={t('gov.positions.caption')} head={[t('gov.positions.org'), t('gov.positions.position'), t('gov.positions.reason'), t('gov.positions.when')]}>
            {view.positions.map((x) => (
              <tr>
                <td>
                  <bdi>{x.orgName}</bdi>
                </td>
                <td>{t(positionKey(x.position))}</td>
                <td dir="auto">{x.reason ?? ''}</td>
                <td>
                  <When d={x.setAt} />
                </td>
              </tr>
            ))}
          </Table>
        )}
        {view.voices.length > 0 &&
          (view.acceptingPositions ? (
            <>
              <h2>{t('gov.position.yours')}</h2>
              <p>{t('gov.position.intro')}</p>
              {view.voices.map((v) => (
                <PositionForm proposalId={p.id} voice={v} state={state && { ...state, error: undefined }} />
              ))}
            </>
          ) : (
            p.status === 'open' && <p class="notice">{t('gov.position.notYet')}</p>
          ))}
      </section>

      <section aria-labelledby="discussion">
        <h2 id="discussion">{t('gov.comments.title')}</h2>
        {view.comments === undefined ? (
          <p class="hint">{actor.kind === 'person' ? t('gov.comments.membersOnly') : t('gov.comments.signIn')}</p>
        ) : (
          <>
            {view.comments.length === 0 ? <EmptyState>{t('gov.comments.empty')}</EmptyState> : <CommentList proposalId={p.id} comments={view.comments} me={view.me} />}
            <Form action={`/proposals/${p.id}/comments`} state={commentState} submit={t('gov.comments.submit')}>
              <TextArea name="body" label={t('gov.comments.add')} hint={t('gov.comments.hint')} state={commentState} maxLength={COMMENT_MAX} />
            </Form>
          </>
        )}
      </section>
    </Layout>
  );
}

function CommentList({ proposalId, comments, me }: { proposalId: string; comments: Comment[]; me: string | undefined }) {
  const { t } = useCtx().i18n;
  return (
    <ol class="comments">
      {comments.map((c) => (
        <li id={`comment-${c.id}`}>
          <article aria-label={t('gov.comments.by', { name: c.authorName ?? t('gov.comments.someone') })}>
            <p class="hint">
              <bdi>{c.authorName ?? t('gov.comments.someone')}</bdi> · <When d={c.createdAt} />
              {c.editedAt && (
                <>
                  {' · '}
                  <a href={`/proposals/${proposalId}/comments/${c.id}/history`}>{t('gov.comments.edited')}</a>
                </>
              )}
              {me && c.authorId === me && (
                <>
                  {' · '}
                  <a href={`/proposals/${proposalId}/comments/${c.id}/edit`}>{t('gov.comments.edit')}</a>
                </>
              )}
            </p>
            <Markdown text={c.body} dir="auto" />
          </article>
        </li>
      ))}
    </ol>
  );
}

export function CommentEditPage({ proposalId, comment, state }: { proposalId: string; comment: Comment; state: FormState }) {
  const { t } = useCtx().i18n;
  return (
    <Layout title={t('gov.comments.editTitle')}>
      <h1>{t('gov.comments.editTitle')}</h1>
      <p>{t('gov.comments.editIntro')}</p>
      <Form action={`/proposals/${proposalId}/comments/${comment.id}/edit`} state={state} submit={t('form.save')}>
        <input type="hidden" name="version" value={String(comment.version)} />
        <TextArea name="body" label={t('gov.comments.body')} state={state} value={comment.body} maxLength={COMMENT_MAX} />
      </Form>
      <p>
        <a href={`/proposals/${proposalId}#comment-${comment.id}`}>{t('gov.back')}</a>
      </p>
    </Layout>
  );
}

export function CommentHistoryPage({ proposalId, comment, versions }: { proposalId: string; comment: Comment; versions: CommentVersion[] }) {
  const { t } = useCtx().i18n;
  return (
    <Layout title={t('gov.comments.historyTitle')}>
      <h1>{t('gov.comments.historyTitle')}</h1>
      <p>{t('gov.comments.historyIntro', { name: comment.authorName ?? t('gov.comments.someone'), count: versions.length })}</p>
      <ol class="comments" reversed>
        {versions.map((v) => (
          <li>
            <article aria-label={t('gov.comments.version', { version: v.version })}>
              <p class="hint">
                {t('gov.comments.version', { version: v.version })} · <When d={v.createdAt} />
              </p>
              <Markdown text={v.body} dir="auto" />
            </article>
          </li>
        ))}
      </ol>
      <p>
        <a href={`/proposals/${proposalId}#comment-${comment.id}`}>{t('gov.back')}</a>
      </p>
    </Layout>
  );
}

export function WithdrawPage({ proposal, title }: { proposal: Proposal; title: string }) {
  const { t } = useCtx().i18n;
  return (
    <Layout title={t('gov.withdraw.title')}>
      <h1>{t('gov.withdraw.title')}</h1>
      <ConfirmForm action={`/proposals/${proposal.id}/withdraw`} question={t('gov.withdraw.confirm', { title })} confirm={t('gov.withdraw.submit')} cancelHref={`/proposals/${proposal.id}`} />
    </Layout>
  );
}

export function OutcomePage({ proposal, title, state, current }: { proposal: Proposal; title: string; state: FormState; current: TextVersion[] }) {
  const { i18n } = useCtx();
  const t = i18n.t;
  const source = current.find((v) => v.isSource);
  return (
    <Layout title={t('gov.outcome.recordTitle')}>
      <h1>{t('gov.outcome.recordTitle')}</h1>
      <p>{t('gov.outcome.recordIntro', { title, result: proposal.status === 'passed' ? t('gov.outcome.passed') : t('gov.outcome.notPassed') })}</p>
      {current.length > 0 && <p class="hint">{t('gov.outcome.existing', { list: current.map((v) => languageName(v.lang, i18n.locale)).join(', ') })}</p>}
      <Form action={`/proposals/${proposal.id}/outcome`} state={state} submit={t('gov.outcome.submit')}>
        <Select name="lang" label={t('gov.field.lang')} hint={t('gov.outcome.langHint')} state={state} value={source?.lang ?? i18n.locale} options={languageOptions(i18n.locale)} />
        <TextArea name="statement" label={t('gov.outcome.statement')} hint={t('gov.field.bodyHint')} state={state} value={source?.body} maxLength={BODY_MAX} />
      </Form>
      <p>
        <a href={`/proposals/${proposal.id}`}>{t('gov.back')}</a>
      </p>
    </Layout>
  );
}

export function TranslatePage({ proposal, title, state, versions }: { proposal: Proposal; title: string; state: FormState; versions: TextVersion[] }) {
  const { i18n } = useCtx();
  const t = i18n.t;
  return (
    <Layout title={t('gov.translate.title')}>
      <h1>{t('gov.translate.title')}</h1>
      <p>{t('gov.translate.intro', { title })}</p>
      <p class="hint">{t('gov.languages', { list: versions.map((v) => languageName(v.lang, i18n.locale) + (v.isSource ? ` (${t('gov.translate.original')})` : '')).join(', ') })}</p>
      <Form action={`/proposals/${proposal.id}/translate`} state={state} submit={t('gov.translate.submit')}>
        <Field name="title" label={t('gov.field.title')} state={state} required maxLength={TITLE_MAX} dir="auto" />
        <TranslationFields state={state} bodyLabel={t('gov.field.body')} />
      </Form>
      <p>
        <a href={`/proposals/${proposal.id}`}>{t('gov.back')}</a>
      </p>
    </Layout>
  );
}
