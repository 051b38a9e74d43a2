import { Layout } from '../../../kernel/views/layout.js';
import { useCtx } from '../../../kernel/views/context.js';
import { ConfirmForm, CsrfField, Field, Form, Select, type FormState } from '../../../kernel/views/components/form.js';
import { EmptyState, Pagination, Table } from '../../../kernel/views/components/table.js';
import type { Organisation } from '../federation.repository.js';
import type { OrganisationView, OpenInvitation } from '../federation.service.js';

export function OrgListPage({ orgs, next, canCreate }: { orgs: Organisation[]; next: string | undefined; canCreate: boolean }) {
  const { t } = useCtx().i18n;
  return (
    <Layout title={t('org.list.title')}>
      <h1>{t('org.list.title')}</h1>
      {canCreate && (
        <p>
          <a href="/orgs/new" class="button">
            {t('org.new.title')}
          </a>
        </p>
      )}
      {orgs.length === 0 ? (
        <EmptyState>{t('org.list.empty')}</EmptyState>
      ) : (
        <ul class="cards">
          {orgs.map((o) => (
            <li>
              <a href={`/orgs/${o.slug}`}>{o.name}</a>
            </li>
          ))}
        </ul>
      )}
      <Pagination nextHref={next ? `/orgs?after=${encodeURIComponent(next)}` : undefined} firstHref={undefined} />
    </Layout>
  );
}

export function NewOrgPage({ state }: { state: FormState }) {
  const { t } = useCtx().i18n;
  return (
    <Layout title={t('org.new.title')}>
      <h1>{t('org.new.title')}</h1>
      <Form action="/orgs/new" state={state} submit={t('org.new.submit')} class="narrow">
        <Field name="name" label={t('org.name')} state={state} required maxLength={120} dir="auto" />
        <Field name="slug" label={t('org.slug')} hint={t('org.slugHint')} state={state} required maxLength={40} />
      </Form>
    </Layout>
  );
}

export function OrgPage({ view }: { view: OrganisationView }) {
  const { i18n, actor } = useCtx();
  const { t } = i18n;
  const { org, members, invitations, canManage } = view;
  const roleLabel = (r: string) => (r === 'org_admin' ? t('org.role.org_admin') : t('org.role.member'));
  const me = actor.kind === 'person' ? actor.person.id : undefined;
  return (
    <Layout title={org.name}>
      <h1 dir="auto">{org.name}</h1>
      <ul class="inline-list">
        <li>
          <a href={`/members/${org.slug}`}>{t('profile.publicPage')}</a>
        </li>
        <li>
          <a href={`/orgs/${org.slug}/posture`}>{t('baseline.scorecardLink')}</a>
        </li>
        <li>
          <a href={`/orgs/${org.slug}/posture/assets`}>{t('posture.nav')}</a>
        </li>
        {canManage && (
          <>
            <li>
              <a href={`/orgs/${org.slug}/profile`}>{t('profile.edit')}</a>
            </li>
            <li>
              <a href={`/orgs/${org.slug}/services`}>{t('services.manage')}</a>
            </li>
          </>
        )}
      </ul>
      <h2>{t('org.members')}</h2>
      {members.length === 0 ? (
        <EmptyState>{t('org.noMembers')}</EmptyState>
      ) : (
        <Table caption={t('org.membersCaption', { org: org.name })} head={[t('org.member'), t('org.roleLabel'), ...(canManage ? [t('org.actions')] : [])]}>
          {members.map((m) => (
            <tr>
              <td>
                <bdi>{m.displayName}</bdi>
                {m.pronouns && <span class="hint"> ({m.pronouns})</span>}
              </td>
              <td>{roleLabel(m.role)}</td>
              {canManage && (
                <td>
                  <form method="post" action={`/orgs/${org.slug}/members/${m.personId}/role`} class="inline">
                    <CsrfField />
                    <input type="hidden" name="role" value={m.role === 'org_admin' ? 'member' : 'org_admin'} />
                    <button type="submit" class="link">
                      {m.role === 'org_admin' ? t('org.makeMember') : t('org.makeAdmin')}
                    </button>
                  </form>{' '}
                  {m.personId !== me && <a href={`/orgs/${org.slug}/members/${m.personId}/remove`}>{t('org.remove')}</a>}
                </td>
              )}
            </tr>
          ))}
        </Table>
      )}
      {canManage && invitations && (
        <>
          <h2>{t('org.invitations')}</h2>
          <p>
            <a href={`/orgs/${org.slug}/invite`} class="button">
              {t('org.invite.title')}
            </a>
          </p>
          {invitations.length === 0 ? (
            <EmptyState>{t('org.noInvitations')}</EmptyState>
          ) : (
            <Table caption={t('org.invitationsCaption')} head={[t('auth.email'), t('org.roleLabel'), t('org.expires'), t('org.actions')]}>
              {invitations.map((inv) => (
                <tr>
                  <td>{inv.email}</td>
                  <td>{roleLabel(inv.role)}</td>
                  <td>
                    <time datetime={inv.expiresAt.toISOString()}>{i18n.dateTime(inv.expiresAt)}</time>
                  </td>
                  <td>
                    <form method="post" action={`/orgs/${org.slug}/invitations/${inv.id}/revoke`} class="inline">
                      <CsrfField />
                      <button type="submit" class="link">
                        {t('org.revoke')}
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </Table>
          )}
        </>
      )}
    </Layout>
  );
}

export function InvitePage({ slug, name, state }: { slug: string; name: string; state: FormState }) {
  const { t } = useCtx().i18n;
  return (
    <Layout title={t('org.invite.title')}>
      <h1>{t('org.invite.heading', { org: name })}</h1>
      <Form action={`/orgs/${slug}/invite`} state={state} submit={t('org.invite.submit')} class="narrow">
        <Field name="email" type="email" label={t('auth.email')} state={state} required maxLength={254} />
        <Select
          name="role"
          label={t('org.roleLabel')}
          state={state}
          value="member"
          options={[
            { value: 'member', label: t('org.role.member') },
            { value: 'org_admin', label: t('org.role.org_admin') },
          ]}
        />
      </Form>
    </Layout>
  );
}

export function InviteLinkPage({ slug, link, email }: { slug: string; link: string; email: string }) {
  const { t } = useCtx().i18n;
  return (
    <Layout title={t('org.invite.linkTitle')}>
      <h1>{t('org.invite.linkTitle')}</h1>
      <p>{t('org.invite.linkIntro', { email })}</p>
      <p>
        <label for="invite-link">{t('org.invite.link')}</label>
        <input id="invite-link" type="text" readonly value={link} class="wide" />
      </p>
      <p>
        <a href={`/orgs/${slug}`}>{t('org.back')}</a>
      </p>
    </Layout>
  );
}

export function RemoveMemberPage({ slug, name, member }: { slug: string; name: string; member: { personId: string; displayName: string } }) {
  const { t } = useCtx().i18n;
  return (
    <Layout title={t('org.remove')}>
      <h1>{t('org.remove')}</h1>
      <ConfirmForm
        action={`/orgs/${slug}/members/${member.personId}/remove`}
        question={t('org.removeConfirm', { name: member.displayName, org: name })}
        confirm={t('org.remove')}
        cancelHref={`/orgs/${slug}`}
      />
    </Layout>
  );
}

export function AcceptInvitePage({ token, open, state, signedIn }: { token: string; open: OpenInvitation; state: FormState; signedIn: boolean }) {
  const { t } = useCtx().i18n;
  const role = open.invitation.role === 'org_admin' ? t('org.role.org_admin') : t('org.role.member');
  return (
    <Layout title={t('invite.title')}>
      <h1>{t('invite.heading', { org: open.org.name })}</h1>
      <p>{t('invite.intro', { org: open.org.name, role, email: open.invitation.email })}</p>
      {signedIn ? (
        <Form action={`/invite/${token}`} state={state} submit={t('invite.accept')} class="narrow">
          {null}
        </Form>
      ) : open.needsAccount ? (
        <>
          <h2>{t('invite.createAccount')}</h2>
          <Form action={`/invite/${token}/register`} state={state} submit={t('invite.createAndJoin')} class="narrow">
            <Field name="displayName" label={t('auth.displayName')} state={state} autocomplete="name" required maxLength={100} />
            <Field name="password" type="password" label={t('auth.password')} hint={t('auth.passwordHint')} state={state} autocomplete="new-password" required />
          </Form>
        </>
      ) : (
        <p>
          <a href={`/login?next=${encodeURIComponent(`/invite/${token}`)}`}>{t('invite.signInFirst')}</a>
        </p>
      )}
    </Layout>
  );
}
