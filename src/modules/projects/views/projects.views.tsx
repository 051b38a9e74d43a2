import { Layout } from '../../../kernel/views/layout.js';
import { useCtx } from '../../../kernel/views/context.js';
import { ConfirmForm, CsrfField, Field, Form, Select, TextArea, emptyForm, type FormState } from '../../../kernel/views/components/form.js';
import { EmptyState, Pagination, Table } from '../../../kernel/views/components/table.js';
import { LocalText, TranslationFields, languageName, languageOptions, TEXT_MAX_LENGTH } from '../../../kernel/text/index.js';
import type { MessageKey } from '../../../kernel/i18n/i18n.js';
import type { ProjectSummary, ProjectView } from '../projects.service.js';
import type { ProjectStatus } from '../projects.tables.js';

export const statusKey: Record<ProjectStatus, MessageKey> = {
  idea: 'projects.status.idea',
  active: 'projects.status.active',
  paused: 'projects.status.paused',
  done: 'projects.status.done',
};
const statuses: ProjectStatus[] = ['idea', 'active', 'paused', 'done'];

function Day({ day }: { day: string }) {
  const { i18n } = useCtx();
  // A due day is the same day everywhere: formatted in UTC, where it was stored.
  const text = new Intl.DateTimeFormat(i18n.locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
  return <time datetime={day}>{text}</time>;
}

function useStatusOptions() {
  const { t } = useCtx().i18n;
  return statuses.map((s) => ({ value: s, label: t(statusKey[s]) }));
}

export function ProjectListPage({ items, next, status, canStart }: { items: ProjectSummary[]; next: string | undefined; status: ProjectStatus | undefined; canStart: boolean }) {
  const { t } = useCtx().i18n;
  const options = [{ value: '', label: t('projects.anyStatus') }, ...useStatusOptions()];
  const query = status ? `status=${status}&` : '';
  return (
    <Layout title={t('projects.title')}>
      <h1>{t('projects.title')}</h1>
      <p>{t('projects.intro')}</p>
      {canStart && (
        <p>
          <a class="button" href="/projects/new">
            {t('projects.new')}
          </a>
        </p>
      )}
      <form method="get" action="/projects" class="narrow">
        <Select name="status" label={t('projects.statusLabel')} options={options} value={status ?? ''} />
        <p>
          <button type="submit">{t('projects.filter')}</button>
        </p>
      </form>
      {items.length === 0 ? (
        <EmptyState>{t('projects.empty')}</EmptyState>
      ) : (
        <ul class="cards">
          {items.map((it) => (
            <li>
              <h2>
                <a href={`/projects/${it.project.slug}`} dir="auto">
                  {it.project.name}
                </a>
              </h2>
              <p class="hint">{t(statusKey[it.project.status])}</p>
              <p>{it.participants.map((p) => p.name).join(', ')}</p>
            </li>
          ))}
        </ul>
      )}
      <Pagination nextHref={next ? `/projects?${query}after=${encodeURIComponent(next)}` : undefined} firstHref={undefined} />
    </Layout>
  );
}

export function NewProjectPage({ state, orgs }: { state: FormState; orgs: { slug: string; name: string }[] }) {
  const { i18n } = useCtx();
  const { t } = i18n;
  const s = { ...state, values: { lang: i18n.locale, status: 'idea', ...state.values } };
  return (
    <Layout title={t('projects.new')}>
      <h1>{t('projects.new')}</h1>
      <p>{t('projects.newIntro')}</p>
      <Form action="/projects/new" state={s} submit={t('projects.create')}>
        <Select name="org" label={t('projects.coordinatingOrg')} state={s} options={orgs.map((o) => ({ value: o.slug, label: o.name }))} />
        <Field name="name" label={t('projects.name')} state={s} required maxLength={120} dir="auto" />
        <Field name="slug" label={t('org.slug')} hint={t('org.slugHint')} state={s} required maxLength={40} />
        <Select name="status" label={t('projects.statusLabel')} state={s} options={useStatusOptions()} />
        <Select name="lang" label={t('projects.language')} hint={t('projects.languageHint')} state={s} options={languageOptions(i18n.locale)} />
        <TextArea name="description" label={t('projects.description')} hint={t('announcements.markdownHint')} state={s} maxLength={TEXT_MAX_LENGTH} />
      </Form>
    </Layout>
  );
}

export function ProjectPage({ view, today }: { view: ProjectView; today: string }) {
  const { i18n } = useCtx();
  const { t } = i18n;
  const { project: p } = view;
  const others = view.description ? view.description.available.filter((l) => l !== view.description!.lang) : [];
  return (
    <Layout title={p.name}>
      <h1 dir="auto">{p.name}</h1>
      <p>
        <strong>{t('projects.statusLabel')}:</strong> {t(statusKey[p.status])}
      </p>
      <LocalText value={view.description} markdown />
      {others.length > 0 && (
        <p>
          {t('announcements.alsoIn')}{' '}
          {others.map((l, i) => (
            <>
              {i > 0 && ', '}
              <a href={`/projects/${p.slug}?lang=${l}`} hreflang={l}>
                {languageName(l, i18n.locale)}
              </a>
            </>
          ))}
        </p>
      )}
      {view.canManage && (
        <ul>
          <li>
            <a href={`/projects/${p.slug}/edit`}>{t('projects.edit')}</a>
          </li>
          <li>
            <a href={`/projects/${p.slug}/translate`}>{t('projects.translate')}</a>
          </li>
          <li>
            <a href={`/projects/${p.slug}/manage`}>{t('projects.manage')}</a>
          </li>
        </ul>
      )}

      <h2>{t('projects.participants')}</h2>
      <ul>
        {view.participants.map((o) => (
          <li>
            <bdi>{o.name}</bdi> — {o.role === 'coordinator' ? t('projects.role.coordinator') : t('projects.role.participant')}
            {view.removable.includes(o.orgId) && (
              <>
                {' '}
                <a href={`/projects/${p.slug}/orgs/${o.slug}/leave`}>{t('projects.leave')}</a>
              </>
            )}
          </li>
        ))}
      </ul>
      {view.joinable.length > 0 && (
        <form method="post" action={`/projects/${p.slug}/join`} class="narrow">
          <CsrfField />
          <Select name="org" label={t('projects.joinWith')} options={view.joinable.map((o) => ({ value: o.slug, label: o.name }))} />
          <p>
            <button type="submit">{t('projects.join')}</button>
          </p>
        </form>
      )}

      <h2>{t('projects.contacts')}</h2>
      {view.contacts.length === 0 ? (
        <EmptyState>{t('projects.noContacts')}</EmptyState>
      ) : (
        <ul>
          {view.contacts.map((c) => (
            <li>
              <bdi>{c.displayName}</bdi>
              {c.pronouns && <span class="hint"> ({c.pronouns})</span>} — <bdi>{c.orgName}</bdi>
            </li>
          ))}
        </ul>
      )}

      <h2>{t('projects.milestones')}</h2>
      {view.milestones.length === 0 ? (
        <EmptyState>{t('projects.noMilestones')}</EmptyState>
      ) : (
        <Table caption={t('projects.milestonesCaption', { name: p.name })} head={[t('projects.milestone'), t('projects.due'), t('projects.state')]}>
          {view.milestones.map((m) => (
            <tr>
              <td dir="auto">{m.title}</td>
              <td>
                <Day day={m.dueOn} />
              </td>
              <td>
                {m.doneAt ? (
                  <>
                    {t('projects.done')} (<time datetime={m.doneAt.toISOString()}>{i18n.date(m.doneAt)}</time>)
                  </>
                ) : m.dueOn < today ? (
                  <strong>{t('projects.overdue')}</strong>
                ) : (
                  t('projects.open')
                )}
              </td>
            </tr>
          ))}
        </Table>
      )}

      <h2>{t('projects.proposals')}</h2>
      {view.proposals.length === 0 ? (
        <EmptyState>{t('projects.noProposals')}</EmptyState>
      ) : (
        <ul>
          {view.proposals.map((pr) => (
            <li>
              {pr.found ? (
                <a href={`/proposals/${pr.id}`}>
                  {pr.title ? (
                    <span lang={pr.title.lang} dir="auto">
                      {pr.title.body}
                    </span>
                  ) : (
                    t('projects.proposalUntitled', { id: pr.id })
                  )}
                </a>
              ) : (
                t('projects.proposalGone', { id: pr.id })
              )}
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href="/projects">{t('projects.back')}</a>
      </p>
    </Layout>
  );
}

export function EditProjectPage({ view, state }: { view: ProjectView; state: FormState }) {
  const { i18n } = useCtx();
  const { t } = i18n;
  const p = view.project;
  const s = { ...state, values: { name: p.name, status: p.status, description: view.source?.body ?? '', ...state.values } };
  return (
    <Layout title={t('projects.edit')}>
      <h1>{t('projects.edit')}</h1>
      {view.source && <p>{t('projects.editIntro', { language: languageName(view.source.lang, i18n.locale) })}</p>}
      <Form action={`/projects/${p.slug}/edit`} state={s} submit={t('form.save')}>
        <Field name="name" label={t('projects.name')} state={s} required maxLength={120} dir="auto" />
        <Select name="status" label={t('projects.statusLabel')} state={s} options={useStatusOptions()} />
        <TextArea name="description" label={t('projects.description')} hint={t('announcements.markdownHint')} state={s} maxLength={TEXT_MAX_LENGTH} />
      </Form>
      <p>
        <a href={`/projects/${p.slug}`}>{t('projects.backToIt')}</a>
      </p>
    </Layout>
  );
}

export function TranslateProjectPage({ view, state }: { view: ProjectView; state: FormState }) {
  const { t } = useCtx().i18n;
  const p = view.project;
  return (
    <Layout title={t('projects.translate')}>
      <h1>{t('projects.translate')}</h1>
      <Form action={`/projects/${p.slug}/translate`} state={state} submit={t('announcements.saveTranslation')}>
        <TranslationFields state={state} bodyLabel={t('projects.description')} />
      </Form>
      <p>
        <a href={`/projects/${p.slug}`}>{t('projects.backToIt')}</a>
      </p>
    </Layout>
  );
}

/** Which of the manage page's forms a failed submission belongs to (its hidden _form field). */
const stateFor = (state: FormState, form: string) => (state.values._form === form ? state : emptyForm());

export function ManageProjectPage({ view, state }: { view: ProjectView; state: FormState }) {
  const { t } = useCtx().i18n;
  const p = view.project;
  const base = `/projects/${p.slug}`;
  const roleLabel = (r: string) => (r === 'coordinator' ? t('projects.role.coordinator') : t('projects.role.participant'));
  const contactState = stateFor(state, 'contact');
  const milestoneState = stateFor(state, 'milestone');
  const proposalState = stateFor(state, 'proposal');
  const contactIds = new Set(view.contacts.map((c) => c.personId));
  const candidates = (view.candidates ?? []).filter((c) => !contactIds.has(c.personId));
  return (
    <Layout title={t('projects.manageTitle', { name: p.name })}>
      <h1>{t('projects.manageTitle', { name: p.name })}</h1>
      {state.error && !state.values._form && (
        <p class="form-error" role="alert">
          {useCtx().i18n.tDynamic(state.error.key, state.error.values)}
        </p>
      )}

      <h2>{t('projects.participants')}</h2>
      <Table caption={t('projects.participantsCaption')} head={[t('admin.people.org'), t('org.roleLabel'), t('org.actions')]}>
        {view.participants.map((o) => (
          <tr>
            <td>
              <bdi>{o.name}</bdi>
            </td>
            <td>{roleLabel(o.role)}</td>
            <td>
              <form method="post" action={`${base}/orgs/${o.slug}/role`} class="inline">
                <CsrfField />
                <input type="hidden" name="role" value={o.role === 'coordinator' ? 'participant' : 'coordinator'} />
                <button type="submit" class="link">
                  {o.role === 'coordinator' ? t('projects.makeParticipant') : t('projects.makeCoordinator')}
                </button>
              </form>{' '}
              <a href={`${base}/orgs/${o.slug}/leave`}>{t('projects.remove')}</a>
            </td>
          </tr>
        ))}
      </Table>

      <h2>{t('projects.contacts')}</h2>
      {view.contacts.length > 0 && (
        <ul>
          {view.contacts.map((c) => (
            <li>
              <bdi>{c.displayName}</bdi> — <bdi>{c.orgName}</bdi>{' '}
              <form method="post" action={`${base}/contacts/${c.personId}/remove`} class="inline">
                <CsrfField />
                <button type="submit" class="link">
                  {t('projects.remove')}
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
      {candidates.length > 0 ? (
        <Form action={`${base}/contacts`} state={contactState} submit={t('projects.addContact')} class="narrow">
          <input type="hidden" name="_form" value="contact" />
          <Select
            name="personId"
            label={t('projects.contactPerson')}
            hint={t('projects.contactHint')}
            state={contactState}
            options={candidates.map((c) => ({ value: c.personId, label: `${c.displayName} — ${c.orgName}` }))}
          />
        </Form>
      ) : (
        <p class="hint">{t('projects.noCandidates')}</p>
      )}

      <h2>{t('projects.milestones')}</h2>
      {view.milestones.length > 0 && (
        <Table caption={t('projects.milestonesCaption', { name: p.name })} head={[t('projects.milestone'), t('projects.due'), t('projects.state'), t('org.actions')]}>
          {view.milestones.map((m) => (
            <tr>
              <td dir="auto">{m.title}</td>
              <td>
                <Day day={m.dueOn} />
              </td>
              <td>{m.doneAt ? t('projects.done') : t('projects.open')}</td>
              <td>
                <form method="post" action={`${base}/milestones/${m.id}/done`} class="inline">
                  <CsrfField />
                  <input type="hidden" name="done" value={m.doneAt ? 'no' : 'yes'} />
                  <button type="submit" class="link">
                    {m.doneAt ? t('projects.reopen') : t('projects.markDone')}
                  </button>
                </form>
                <form method="post" action={`${base}/milestones/${m.id}/delete`} class="inline">
                  <CsrfField />
                  <input type="hidden" name="confirm" value="yes" />
                  <button type="submit" class="link">
                    {t('projects.deleteMilestone')}
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </Table>
      )}
      <Form action={`${base}/milestones`} state={milestoneState} submit={t('projects.addMilestone')} class="narrow">
        <input type="hidden" name="_form" value="milestone" />
        <Field name="title" label={t('projects.milestone')} state={milestoneState} required maxLength={200} dir="auto" />
        <Field name="dueOn" type="date" label={t('projects.due')} hint={t('projects.dayHint')} state={milestoneState} required maxLength={10} />
      </Form>

      <h2>{t('projects.proposals')}</h2>
      {view.proposals.length > 0 && (
        <ul>
          {view.proposals.map((pr) => (
            <li>
              {pr.title ? (
                <span lang={pr.title.lang} dir="auto">
                  {pr.title.body}
                </span>
              ) : (
                <code>{pr.id}</code>
              )}{' '}
              <form method="post" action={`${base}/proposals/${pr.id}/remove`} class="inline">
                <CsrfField />
                <button type="submit" class="link">
                  {t('projects.unlink')}
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
      <Form action={`${base}/proposals`} state={proposalState} submit={t('projects.link')} class="narrow">
        <input type="hidden" name="_form" value="proposal" />
        <Field name="proposalId" label={t('projects.proposalId')} hint={t('projects.proposalIdHint')} state={proposalState} required maxLength={40} />
      </Form>
      <p>
        <a href={base}>{t('projects.backToIt')}</a>
      </p>
    </Layout>
  );
}

export function LeaveProjectPage({ project, org }: { project: { slug: string; name: string }; org: { slug: string; name: string } }) {
  const { t } = useCtx().i18n;
  return (
    <Layout title={t('projects.leaveTitle')}>
      <h1>{t('projects.leaveTitle')}</h1>
      <ConfirmForm
        action={`/projects/${project.slug}/orgs/${org.slug}/leave`}
        question={t('projects.leaveConfirm', { org: org.name, project: project.name })}
        confirm={t('projects.remove')}
        cancelHref={`/projects/${project.slug}`}
      />
    </Layout>
  );
}
