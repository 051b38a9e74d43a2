// The mentorship page: open requests for a mentor (this module's, which a
// mentor takes up here, and other modules' requests for help, answered where
// they were asked), the form to ask for a mentor, and one's mentorships.
import { Layout } from '../../../kernel/views/layout.js';
import { useCtx } from '../../../kernel/views/context.js';
import { CsrfField, Field, Form, Select, TextArea, type FormState } from '../../../kernel/views/components/form.js';
import { EmptyState, Table } from '../../../kernel/views/components/table.js';
import { languageName } from '../../../kernel/text/index.js';
import { VOCABULARY, type Mentorship } from '../learning.service.js';
import type { OpenRequests } from '../mentorship.service.js';
import { Instant } from './parts.js';

export interface MentorshipListItem {
  mentorship: Mentorship;
  /** The other side, as the reader sees it: the mentor, the mentee, or the organisation. */
  withName: string;
}

export function MentorshipsPage({ open, mentorships, orgs, state }: { open: OpenRequests; mentorships: MentorshipListItem[]; orgs: { slug: string; name: string }[]; state: FormState }) {
  const { i18n } = useCtx();
  const { t } = i18n;
  const langs = (codes: string[]) => codes.map((l) => languageName(l, i18n.locale)).join(', ');
  const s: FormState = { ...state, values: { org: '', languages: i18n.locale, ...state.values } };
  return (
    <Layout title={t('solidarity.mentorships.title')}>
      <h1>{t('solidarity.mentorships.title')}</h1>
      <p>{t('solidarity.mentorships.intro')}</p>
      <ul class="inline-list">
        <li>
          <a href="/learn/matches">{t('solidarity.matches.title')}</a>
        </li>
        <li>
          <a href="/learn/skills">{t('solidarity.skills.title')}</a>
        </li>
        <li>
          <a href="#ask">{t('solidarity.mentorships.ask')}</a>
        </li>
      </ul>

      <h2 id="open-h">{t('solidarity.mentorships.open')}</h2>
      {open.items.length === 0 ? (
        <EmptyState>{t('solidarity.mentorships.noneOpen')}</EmptyState>
      ) : (
        <Table
          caption={t('solidarity.mentorships.openCaption')}
          head={[t('solidarity.skills.skill'), t('solidarity.mentorships.whoAsks'), t('solidarity.training.languages'), t('solidarity.mentorship.goals'), t('solidarity.admin.actions')]}
        >
          {open.items.map((it) => (
            <tr>
              <td>{it.request.skill}</td>
              <td>
                <span dir="auto">{it.requesterName}</span>
                {it.request.requesterType === 'org' && (
                  <>
                    {' '}({t('solidarity.matches.organisation')}
                    {it.askedByName && (
                      <>
                        , {t('solidarity.mentorships.askedBy', { name: it.askedByName })}
                      </>
                    )}
                    )
                  </>
                )}
                <br />
                <small>
                  <Instant at={it.request.createdAt} />
                </small>
              </td>
              <td>{langs(it.request.languages)}</td>
              <td dir="auto" class="text-body">
                {it.request.goals}
              </td>
              <td>
                {it.canTakeUp && (
                  <form method="post" action={`/learn/mentorship-requests/${it.request.id}/take-up`}>
                    <CsrfField />
                    <button type="submit">{t('solidarity.mentorships.takeUp', { name: it.requesterName })}</button>
                  </form>
                )}
                {it.canWithdraw && (
                  <form method="post" action={`/learn/mentorship-requests/${it.request.id}/withdraw`} class="inline">
                    <CsrfField />
                    <button type="submit" class="link">
                      {t('solidarity.mentorships.withdraw', { skill: it.request.skill })}
                    </button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </Table>
      )}

      {open.contributed.length > 0 && (
        <section aria-labelledby="elsewhere-h">
          <h2 id="elsewhere-h">{t('solidarity.mentorships.elsewhere')}</h2>
          <p class="hint">{t('solidarity.mentorships.elsewhereIntro')}</p>
          <ul class="cards">
            {open.contributed.map((c) => (
              <li>
                <h3>
                  <a href={c.path} lang={c.lang ?? undefined} dir="auto">
                    {c.title}
                  </a>
                </h3>
                <p>
                  <span dir="auto">{c.requester.name}</span>
                  {c.skill && <> · {c.skill}</>}
                  {c.languages.length > 0 && <> · {langs(c.languages)}</>} · <Instant at={c.createdAt} />
                </p>
                <p>
                  <a href={c.path}>{t('solidarity.mentorships.answerThere')}</a>
                </p>
              </li>
            ))}
          </ul>
        </section>
      )}

      <h2 id="ask">{t('solidarity.mentorships.ask')}</h2>
      <p>{t('solidarity.mentorships.askIntro')}</p>
      <Form action="/learn/mentorship-requests" state={s} submit={t('solidarity.mentorships.askSubmit')}>
        <Select
          name="org"
          label={t('solidarity.mentorships.forWhom')}
          hint={orgs.length > 0 ? t('solidarity.mentorships.forWhomHint') : undefined}
          state={s}
          options={[{ value: '', label: t('solidarity.mentorships.forMe') }, ...orgs.map((o) => ({ value: o.slug, label: o.name }))]}
        />
        <Field name="skill" label={t('solidarity.skills.skill')} hint={t('solidarity.skills.skillHint', { words: VOCABULARY.join(', ') })} state={s} required maxLength={40} />
        <Field name="languages" label={t('solidarity.training.languages')} hint={t('solidarity.training.languagesHint')} state={s} required maxLength={200} />
        <TextArea name="goals" label={t('solidarity.mentorship.goals')} hint={t('solidarity.mentorships.goalsHint')} state={s} maxLength={2000} />
      </Form>

      <h2>{t('solidarity.mentorship.mine')}</h2>
      {mentorships.length === 0 ? (
        <EmptyState>{t('solidarity.mentorships.noneMine')}</EmptyState>
      ) : (
        <ul>
          {mentorships.map((m) => (
            <li>
              <a href={`/learn/mentorships/${m.mentorship.id}`}>
                {m.mentorship.skill}: <span dir="auto">{m.withName}</span> ({m.mentorship.status === 'active' ? t('solidarity.mentorship.active') : t('solidarity.mentorship.ended')})
              </a>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
