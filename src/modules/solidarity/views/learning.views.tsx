import { Layout } from '../../../kernel/views/layout.js';
import { useCtx } from '../../../kernel/views/context.js';
import { CsrfField, Field, Form, Select, TextArea, type FormState } from '../../../kernel/views/components/form.js';
import { EmptyState, Table } from '../../../kernel/views/components/table.js';
import { LocalText, languageName, languageOptions } from '../../../kernel/text/index.js';
import { instantToWallText } from '../../governance/index.js';
import type { Match, MentorshipView, Skill, TrainingSummary, TrainingView } from '../learning.service.js';
import { VOCABULARY } from '../learning.service.js';
import { Day, Instant } from './parts.js';

function When({ t: training }: { t: TrainingSummary['training'] }) {
  const { i18n } = useCtx();
  return (
    <>
      <Instant at={training.startsAt} /> – <Instant at={training.endsAt} />{' '}
      <span class="hint">
        ({i18n.t('solidarity.training.organiserTime', { time: instantToWallText(training.startsAt, training.timeZone).replace('T', ' '), zone: training.timeZone })})
      </span>
    </>
  );
}

export function LearnPage({ items, languages, signedIn }: { items: TrainingSummary[]; languages: string[]; signedIn: boolean }) {
  const { i18n } = useCtx();
  const { t } = i18n;
  return (
    <Layout title={t('solidarity.learn.title')}>
      <h1>{t('solidarity.learn.title')}</h1>
      <p>{t('solidarity.learn.intro')}</p>
      <ul class="inline-list">
        <li>
          <a href="/learn/trainings/new">{t('solidarity.training.new')}</a>
        </li>
        {signedIn && (
          <>
            <li>
              <a href="/learn/skills">{t('solidarity.skills.title')}</a>
            </li>
            <li>
              <a href="/learn/mentorships">{t('solidarity.mentorships.title')}</a>
            </li>
            <li>
              <a href="/learn/matches">{t('solidarity.matches.title')}</a>
            </li>
          </>
        )}
      </ul>
      <h2>{t('solidarity.learn.upcoming')}</h2>
      {items.length === 0 ? (
        <EmptyState>{t('solidarity.learn.none')}</EmptyState>
      ) : (
        <ul class="cards">
          {items.map((it) => (
            <li>
              <h3>
                <a href={`/learn/trainings/${it.training.id}`}>
                  <LocalText value={it.title} inline />
                </a>
                {it.training.status === 'cancelled' && (
                  <>
                    {' '}
                    <span class="status-tag status-cancelled">{t('solidarity.training.cancelledTag')}</span>
                  </>
                )}
              </h3>
              <p>
                <When t={it.training} />
              </p>
              <p>
                {it.training.languages.map((l) => languageName(l, i18n.locale)).join(', ')}
                {it.org && <> · {it.org.name}</>}
              </p>
            </li>
          ))}
        </ul>
      )}
      <h2>{t('solidarity.learn.feeds')}</h2>
      <ul>
        <li>
          <a href="/learn/trainings.ics">{t('solidarity.learn.feedAll')}</a>
        </li>
        {languages.map((l) => (
          <li>
            <a href={`/learn/trainings.ics?lang=${l}`} hreflang={l}>
              {t('solidarity.learn.feedIn', { language: languageName(l, i18n.locale) })}
            </a>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

export function TrainingPage({ view }: { view: TrainingView }) {
  const { i18n } = useCtx();
  const { t } = i18n;
  const tr = view.training;
  const cancelled = tr.status === 'cancelled';
  return (
    <Layout title={view.title?.body ?? t('solidarity.learn.title')}>
      <h1>
        <LocalText value={view.title} inline />
        {cancelled && (
          <>
            {' '}
            <span class="status-tag status-cancelled">{t('solidarity.training.cancelledTag')}</span>
          </>
        )}
      </h1>
      {cancelled && (
        <div class="notice" role="status">
          <p>{tr.cancelledAt ? t('solidarity.training.cancelledOn', { date: i18n.dateTime(tr.cancelledAt) }) : t('solidarity.training.cancelledTag')}</p>
          {tr.cancelReason && (
            <p dir="auto" class="text-body">
              {tr.cancelReason}
            </p>
          )}
        </div>
      )}
      {view.canManage && (
        <ul class="inline-list" aria-label={t('solidarity.training.manage')}>
          {!cancelled && (
            <li>
              <a href={`/learn/trainings/${tr.id}/edit`}>{t('solidarity.training.edit')}</a>
            </li>
          )}
          <li>
            <a href={`/learn/trainings/${tr.id}/translate`}>{t('solidarity.training.translate')}</a>
          </li>
          {!cancelled && (
            <li>
              <a href={`/learn/trainings/${tr.id}/cancel`}>{t('solidarity.training.cancel')}</a>
            </li>
          )}
        </ul>
      )}
      <dl>
        <dt>{t('solidarity.training.when')}</dt>
        <dd>
          <When t={tr} />
        </dd>
        <dt>{t('solidarity.training.where')}</dt>
        <dd>
          {tr.place && <span dir="auto">{tr.place}</span>}
          {tr.onlineUrl && (
            <>
              {tr.place && ' · '}
              <a href={tr.onlineUrl} rel="noopener noreferrer nofollow">
                {tr.onlineUrl}
              </a>
            </>
          )}
        </dd>
        <dt>{t('solidarity.training.languages')}</dt>
        <dd>{tr.languages.map((l) => languageName(l, i18n.locale)).join(', ')}</dd>
        {view.org && (
          <>
            <dt>{t('solidarity.organisation')}</dt>
            <dd>{view.org.name}</dd>
          </>
        )}
        <dt>{t('solidarity.training.places')}</dt>
        <dd>{tr.capacity === null ? t('solidarity.training.registeredOpen', { count: view.registered }) : t('solidarity.training.registeredOf', { count: view.registered, capacity: tr.capacity })}</dd>
      </dl>
      <LocalText value={view.description} markdown />
      {(view.title?.available.length ?? 0) > 1 && (
        <p class="hint">
          {t('solidarity.training.availableIn')}{' '}
          {view.title!.available.map((l, i) => (
            <>
              {i > 0 && ', '}
              <a href={`/learn/trainings/${tr.id}?lang=${l}`} hreflang={l} lang={l}>
                {languageName(l, l)}
              </a>
            </>
          ))}
        </p>
      )}
      {cancelled && view.me && <p>{t('solidarity.training.wereRegistered')}</p>}
      {!cancelled && view.me !== undefined && (
        <form method="post" action={`/learn/trainings/${tr.id}/register`}>
          <CsrfField />
          <input type="hidden" name="attend" value={view.me ? 'no' : 'yes'} />
          {view.me && <p>{t('solidarity.training.youAreIn')}</p>}
          {!view.me && view.full ? (
            <p>{t('error.SOLIDARITY_TRAINING_FULL')}</p>
          ) : (
            <p>
              <button type="submit">{view.me ? t('solidarity.training.unregister') : t('solidarity.training.register')}</button>
            </p>
          )}
        </form>
      )}
      <p>
        <a href="/learn">{t('solidarity.learn.title')}</a>
      </p>
    </Layout>
  );
}

export function NewTrainingPage({ state, orgs, federation }: { state: FormState; orgs: { slug: string; name: string }[]; federation: boolean }) {
  const { i18n } = useCtx();
  const { t } = i18n;
  const s: FormState = { ...state, values: { lang: i18n.locale, timeZone: i18n.timeZone, languages: i18n.locale, ...state.values } };
  const options = [...(federation ? [{ value: '', label: t('solidarity.training.federation') }] : []), ...orgs.map((o) => ({ value: o.slug, label: o.name }))];
  return (
    <Layout title={t('solidarity.training.new')}>
      <h1>{t('solidarity.training.new')}</h1>
      <Form action="/learn/trainings/new" state={s} submit={t('solidarity.training.create')}>
        <Select name="org" label={t('solidarity.training.organiser')} state={s} options={options} />
        <Select name="lang" label={t('solidarity.request.language')} state={s} options={languageOptions(i18n.locale)} />
        <Field name="title" label={t('solidarity.request.title')} state={s} required maxLength={200} dir="auto" />
        <TextArea name="description" label={t('solidarity.training.description')} state={s} maxLength={10_000} />
        <Field name="startsAt" type="datetime-local" label={t('solidarity.training.starts')} state={s} required />
        <Field name="endsAt" type="datetime-local" label={t('solidarity.training.ends')} state={s} required />
        <Field name="timeZone" label={t('solidarity.training.timeZone')} hint={t('solidarity.training.timeZoneHint')} state={s} required maxLength={64} />
        <Field name="onlineUrl" type="url" label={t('solidarity.training.onlineUrl')} state={s} maxLength={500} />
        <Field name="place" label={t('solidarity.training.place')} state={s} maxLength={300} dir="auto" />
        <Field name="languages" label={t('solidarity.training.languages')} hint={t('solidarity.training.languagesHint')} state={s} required maxLength={200} />
        <Field name="capacity" label={t('solidarity.training.capacity')} hint={t('solidarity.training.capacityHint')} state={s} inputMode="numeric" maxLength={6} />
      </Form>
    </Layout>
  );
}

export function SkillsPage({ state, mine, orgs, mentorships }: { state: FormState; mine: Skill[]; orgs: { id: string; name: string; skills: Skill[] }[]; mentorships: { id: string; skill: string; status: string }[] }) {
  const { i18n } = useCtx();
  const { t } = i18n;
  const s: FormState = { ...state, values: { direction: 'offer', languages: i18n.locale, ...state.values } };
  const list = (skills: Skill[], owner: string, ownerId: string) =>
    skills.length === 0 ? (
      <EmptyState>{t('solidarity.skills.none')}</EmptyState>
    ) : (
      <Table caption={t('solidarity.skills.caption')} head={[t('solidarity.skills.direction'), t('solidarity.skills.skill'), t('solidarity.training.languages'), t('solidarity.admin.actions')]}>
        {skills.map((k) => (
          <tr>
            <td>{k.direction === 'offer' ? t('solidarity.skills.offer') : t('solidarity.skills.need')}</td>
            <td>{k.skill}</td>
            <td>{k.languages.map((l) => languageName(l, i18n.locale)).join(', ')}</td>
            <td>
              <form method="post" action="/learn/skills/remove" class="inline">
                <CsrfField />
                <input type="hidden" name="owner" value={owner} />
                <input type="hidden" name="ownerId" value={ownerId} />
                <input type="hidden" name="direction" value={k.direction} />
                <input type="hidden" name="skill" value={k.skill} />
                <button type="submit" class="link">
                  {t('solidarity.skills.remove', { skill: k.skill })}
                </button>
              </form>
            </td>
          </tr>
        ))}
      </Table>
    );
  return (
    <Layout title={t('solidarity.skills.title')}>
      <h1>{t('solidarity.skills.title')}</h1>
      <p>{t('solidarity.skills.intro')}</p>
      <h2>{t('solidarity.skills.mine')}</h2>
      {list(mine, 'person', '')}
      {orgs.map((o) => (
        <>
          <h2>{t('solidarity.skills.ofOrg', { org: o.name })}</h2>
          {list(o.skills, 'org', o.id)}
        </>
      ))}
      <h2>{t('solidarity.skills.add')}</h2>
      <Form action="/learn/skills" state={s} submit={t('solidarity.skills.save')}>
        <Select
          name="ownerId"
          label={t('solidarity.skills.whose')}
          state={s}
          options={[{ value: '', label: t('solidarity.skills.myself') }, ...orgs.map((o) => ({ value: o.id, label: o.name }))]}
        />
        <Select
          name="direction"
          label={t('solidarity.skills.direction')}
          state={s}
          options={[
            { value: 'offer', label: t('solidarity.skills.offer') },
            { value: 'need', label: t('solidarity.skills.need') },
          ]}
        />
        <Field name="skill" label={t('solidarity.skills.skill')} hint={t('solidarity.skills.skillHint', { words: VOCABULARY.join(', ') })} state={s} required maxLength={40} />
        <Field name="languages" label={t('solidarity.training.languages')} hint={t('solidarity.training.languagesHint')} state={s} required maxLength={200} />
        <Field name="note" label={t('solidarity.ledger.memo')} state={s} maxLength={500} dir="auto" />
      </Form>
      <p>
        <a href="/learn/mentorships">{t('solidarity.mentorships.title')}</a>
      </p>
      {mentorships.length > 0 && (
        <>
          <h2>{t('solidarity.mentorship.mine')}</h2>
          <ul>
            {mentorships.map((m) => (
              <li>
                <a href={`/learn/mentorships/${m.id}`}>
                  {m.skill} ({m.status === 'active' ? t('solidarity.mentorship.active') : t('solidarity.mentorship.ended')})
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
    </Layout>
  );
}

export function MatchesPage({ matches, me, adminOf }: { matches: Match[]; me: string; adminOf: { id: string; slug: string }[] }) {
  const { i18n } = useCtx();
  const { t } = i18n;
  return (
    <Layout title={t('solidarity.matches.title')}>
      <h1>{t('solidarity.matches.title')}</h1>
      <p>{t('solidarity.matches.intro')}</p>
      {matches.length === 0 ? (
        <EmptyState>{t('solidarity.matches.none')}</EmptyState>
      ) : (
        <Table caption={t('solidarity.matches.caption')} head={[t('solidarity.skills.skill'), t('solidarity.matches.needs'), t('solidarity.matches.offers'), t('solidarity.matches.languages'), t('solidarity.admin.actions')]}>
          {matches.map((m, i) => (
            <tr>
              <td>{m.skill}</td>
              <td>
                <span dir="auto">{m.need.name}</span>
                {m.need.ownerType === 'org' && <> ({t('solidarity.matches.organisation')})</>}
                {m.need.underResourced && <> ({t('solidarity.matches.underResourced')})</>}
                {m.need.requestId && (
                  <>
                    {' '}
                    <span class="status-tag">{t('solidarity.matches.asked')}</span>
                  </>
                )}
              </td>
              <td dir="auto">{m.offer.name}</td>
              <td>{m.sharedLanguages.map((l) => languageName(l, i18n.locale)).join(', ')}</td>
              <td>
                {m.need.path && (
                  <a href={m.need.path}>{t('solidarity.mentorships.answerThere')}</a>
                )}
                {m.need.requestId && m.offer.personId === me && (
                  <form method="post" action={`/learn/mentorship-requests/${m.need.requestId}/take-up`}>
                    <CsrfField />
                    <button type="submit">{t('solidarity.mentorships.takeUp', { name: m.need.name })}</button>
                  </form>
                )}
                {!m.need.requestId && !m.need.path && m.need.ownerType === 'org' && adminOf.some((o) => o.id === m.need.ownerId) && (
                  <a href={`/learn/mentorships?org=${adminOf.find((o) => o.id === m.need.ownerId)!.slug}&skill=${encodeURIComponent(m.skill)}#ask`}>{t('solidarity.mentorships.askFor', { name: m.need.name })}</a>
                )}
                {!m.need.requestId && !m.need.path && m.offer.personId === me && m.need.ownerType === 'person' && (
                  <form method="post" action="/learn/mentorships">
                    <CsrfField />
                    <input type="hidden" name="menteeId" value={m.need.ownerId} />
                    <input type="hidden" name="menteeOrgId" value={m.need.orgId ?? ''} />
                    <input type="hidden" name="skill" value={m.skill} />
                    <label for={`goals-${i}`}>{t('solidarity.mentorship.goals')}</label>
                    <input id={`goals-${i}`} name="goals" maxLength={2000} />
                    <button type="submit">{t('solidarity.mentorship.offer', { name: m.need.name })}</button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </Table>
      )}
    </Layout>
  );
}

export function MentorshipPage({ view, state, today }: { view: MentorshipView; state: FormState; today: string }) {
  const { t } = useCtx().i18n;
  const m = view.mentorship;
  const s: FormState = { ...state, values: { heldOn: today, ...state.values } };
  return (
    <Layout title={t('solidarity.mentorship.title', { skill: m.skill })}>
      <h1>{t('solidarity.mentorship.title', { skill: m.skill })}</h1>
      <dl>
        <dt>{t('solidarity.mentorship.mentor')}</dt>
        <dd dir="auto">{view.mentor}</dd>
        <dt>{t('solidarity.mentorship.mentee')}</dt>
        {view.menteeOrg ? (
          <dd>
            <span dir="auto">{view.menteeOrg.name}</span> ({t('solidarity.mentorship.orgContact', { name: view.mentee })})
          </dd>
        ) : (
          <dd dir="auto">{view.mentee}</dd>
        )}
        <dt>{t('solidarity.mentorship.goals')}</dt>
        <dd dir="auto" class="text-body">
          {m.goals}
        </dd>
        <dt>{t('solidarity.request.status')}</dt>
        <dd>{m.status === 'active' ? t('solidarity.mentorship.active') : t('solidarity.mentorship.ended')}</dd>
      </dl>
      <h2>{t('solidarity.mentorship.sessions')}</h2>
      {view.sessions.length === 0 ? (
        <EmptyState>{t('solidarity.mentorship.noSessions')}</EmptyState>
      ) : (
        <ul>
          {view.sessions.map((x) => (
            <li>
              <Day day={x.heldOn} />: <span dir="auto">{x.note}</span>
            </li>
          ))}
        </ul>
      )}
      {m.endNote && (
        <>
          <h2>{t('solidarity.mentorship.endNote')}</h2>
          <p dir="auto" class="text-body">
            {m.endNote}
          </p>
        </>
      )}
      {view.canWrite && (
        <>
          <Form action={`/learn/mentorships/${m.id}/sessions`} state={s} submit={t('solidarity.mentorship.addSession')}>
            <Field name="heldOn" type="date" label={t('solidarity.mentorship.heldOn')} state={s} required />
            <Field name="note" label={t('solidarity.mentorship.sessionNote')} state={s} required maxLength={2000} dir="auto" />
          </Form>
          <form method="post" action={`/learn/mentorships/${m.id}/end`}>
            <CsrfField />
            <label for="f-endNote">{t('solidarity.mentorship.endNote')}</label>
            <textarea id="f-endNote" name="endNote" maxLength={2000} dir="auto" />
            <p>
              <button type="submit">{t('solidarity.mentorship.end')}</button>
            </p>
          </form>
        </>
      )}
    </Layout>
  );
}
