// The public pages of the federation: the directory and each member's page.
// Nothing here needs a sign-in, and nothing here shows people.
import type { ComponentChildren } from 'preact';
import { Layout } from '../../../kernel/views/layout.js';
import { useCtx } from '../../../kernel/views/context.js';
import { Field, Select, type FormState } from '../../../kernel/views/components/form.js';
import { EmptyState, Pagination, Table } from '../../../kernel/views/components/table.js';
import { LocalText, languageName } from '../../../kernel/text/index.js';
import type { DirectoryFilters } from '../directory.repository.js';
import { logoPath, type DirectoryPage } from '../directory.service.js';
import { countryName } from '../profile.countries.js';
import { formatFingerprint } from '../profile.openpgp.js';
import type { Profile } from '../profile.repository.js';
import type { PublicProfileView } from '../profile.service.js';
import type { Service } from '../services.repository.js';
import { REGISTRATION_POLICIES, SERVICE_KINDS } from '../services.schemas.js';
import { kindKey, registrationKey, statusKey } from './profile.labels.js';

/** A link to somewhere a member named: never followed as an endorsement, never told where the reader came from. */
export function OutLink({ href, children }: { href: string; children?: ComponentChildren }) {
  return (
    <a href={href} rel="nofollow noopener noreferrer" dir="auto">
      {children ?? href}
    </a>
  );
}

export function Logo({ profile, name, size = 'large' }: { profile: Profile; name: string; size?: 'large' | 'small' }) {
  const { t } = useCtx().i18n;
  if (!profile.logo) return null;
  return <img class={`logo logo-${size}`} src={logoPath(profile.logo)} alt={t('member.logoAlt', { org: name })} />;
}

const isEmail = (s: string) => !/^https?:\/\//i.test(s);

export function ServicesTable({ services, caption }: { services: Service[]; caption: string }) {
  const { i18n } = useCtx();
  const { t } = i18n;
  return (
    <Table caption={caption} head={[t('services.name'), t('services.kindLabel'), t('services.software'), t('services.registrationLabel'), t('services.countries'), t('services.statusLabel')]}>
      {services.map((s) => (
        <tr>
          <td>
            <OutLink href={s.url}>{s.name}</OutLink>
          </td>
          <td>{t(kindKey[s.kind])}</td>
          <td dir="auto">{[s.software, s.softwareVersion].filter(Boolean).join(' ') || '—'}</td>
          <td>{t(registrationKey[s.registration])}</td>
          <td>{s.countries.map((c) => countryName(c, i18n.locale)).join(', ') || '—'}</td>
          <td>{t(statusKey[s.status])}</td>
        </tr>
      ))}
    </Table>
  );
}

export function MemberPage({ view }: { view: PublicProfileView }) {
  const { i18n } = useCtx();
  const { t } = i18n;
  const { org, profile, summary, description, services, canEdit } = view;
  const langs = profile.languages.map((l) => languageName(l, i18n.locale));
  const countries = profile.countries.map((c) => countryName(c, i18n.locale));
  return (
    <Layout title={org.name}>
      <article class="member">
        <header>
          <Logo profile={profile} name={org.name} />
          <h1 dir="auto">{org.name}</h1>
          {org.status !== 'active' && <p class="notice">{t('member.suspendedNote')}</p>}
          <LocalText value={summary} />
        </header>
        {canEdit && (
          <p>
            <a href={`/orgs/${org.slug}/profile`}>{t('profile.edit')}</a> · <a href={`/orgs/${org.slug}/services`}>{t('services.manage')}</a>
          </p>
        )}
        {description && (
          <section aria-labelledby="about">
            <h2 id="about">{t('member.about')}</h2>
            <LocalText value={description} markdown />
          </section>
        )}
        <section aria-labelledby="facts">
          <h2 id="facts">{t('member.facts')}</h2>
          <dl>
            <dt>{t('profile.countries')}</dt>
            <dd>{countries.join(', ') || '—'}</dd>
            {profile.region && (
              <>
                <dt>{t('profile.region')}</dt>
                <dd dir="auto">{profile.region}</dd>
              </>
            )}
            <dt>{t('profile.languages')}</dt>
            <dd>{langs.join(', ') || '—'}</dd>
            {profile.founded !== null && (
              <>
                <dt>{t('profile.founded')}</dt>
                <dd>{String(profile.founded)}</dd>
              </>
            )}
            {profile.website && (
              <>
                <dt>{t('profile.website')}</dt>
                <dd>
                  <OutLink href={profile.website} />
                </dd>
              </>
            )}
            {profile.contactEmail && (
              <>
                <dt>{t('profile.contactEmail')}</dt>
                <dd>
                  <a href={`mailto:${profile.contactEmail}`}>{profile.contactEmail}</a>
                </dd>
              </>
            )}
            {profile.securityContact && (
              <>
                <dt>{t('profile.securityContact')}</dt>
                <dd>
                  {isEmail(profile.securityContact) ? (
                    <a href={`mailto:${profile.securityContact}`}>{profile.securityContact}</a>
                  ) : (
                    <OutLink href={profile.securityContact} />
                  )}
                </dd>
              </>
            )}
            {profile.donationUrl && (
              <>
                <dt>{t('profile.donationUrl')}</dt>
                <dd>
                  <OutLink href={profile.donationUrl} />
                </dd>
              </>
            )}
          </dl>
        </section>
        {profile.openpgp && (
          <section aria-labelledby="openpgp">
            <h2 id="openpgp">{t('profile.openpgp')}</h2>
            <OpenPgpFacts openpgp={profile.openpgp} />
            <details>
              <summary>{t('member.showKey')}</summary>
              <pre class="key">{profile.openpgp.armored}</pre>
            </details>
          </section>
        )}
        <section aria-labelledby="services">
          <h2 id="services">{t('services.title')}</h2>
          {services.length === 0 ? <EmptyState>{t('member.noServices')}</EmptyState> : <ServicesTable services={services} caption={t('member.servicesCaption', { org: org.name })} />}
        </section>
        <p>
          <a href={`/orgs/${org.slug}.json`} type="application/json">
            {t('member.json')}
          </a>
        </p>
      </article>
    </Layout>
  );
}

export function OpenPgpFacts({ openpgp }: { openpgp: NonNullable<Profile['openpgp']> }) {
  const { i18n } = useCtx();
  const { t } = i18n;
  return (
    <dl>
      <dt>{t('profile.fingerprint')}</dt>
      <dd>
        <code class="data">{formatFingerprint(openpgp.fingerprint)}</code>
      </dd>
      <dt>{t('profile.algorithm')}</dt>
      <dd>{openpgp.algorithm}</dd>
      <dt>{t('profile.expires')}</dt>
      <dd>{openpgp.expiresAt ? <time datetime={openpgp.expiresAt.toISOString()}>{i18n.date(openpgp.expiresAt)}</time> : t('profile.neverExpires')}</dd>
    </dl>
  );
}

export function directoryQuery(f: DirectoryFilters, after?: string): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (typeof v === 'string' && v !== '') q.set(k, v);
  if (after) q.set('after', after);
  const s = q.toString();
  return s ? `/directory?${s}` : '/directory';
}

export function DirectoryPageView({
  page,
  filters,
  state,
  facets,
  isFirst,
}: {
  page: DirectoryPage;
  filters: DirectoryFilters;
  state: FormState;
  facets: { languages: string[]; countries: string[] };
  isFirst: boolean;
}) {
  const { i18n } = useCtx();
  const { t } = i18n;
  const any = { value: '', label: t('directory.any') };
  const byLabel = (a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label, i18n.locale);
  const filtered = Object.values(filters).some((v) => v);
  // Each label is worked out once per page, not once per member (formatting messages and names is not free).
  const kindLabel = Object.fromEntries(SERVICE_KINDS.map((k) => [k, t(kindKey[k])])) as Record<(typeof SERVICE_KINDS)[number], string>;
  const langNames = new Map<string, string>();
  const langName = (l: string) => langNames.get(l) ?? langNames.set(l, languageName(l, i18n.locale)).get(l)!;
  return (
    <Layout title={t('directory.title')}>
      <h1>{t('directory.title')}</h1>
      <p>{t('directory.intro')}</p>
      <form method="get" action="/directory" class="filters" role="search" aria-label={t('directory.filters')}>
        <Field name="q" type="search" label={t('directory.search')} state={state} maxLength={100} dir="auto" />
        <Select name="kind" label={t('directory.kind')} state={state} options={[any, ...SERVICE_KINDS.map((k) => ({ value: k, label: kindLabel[k] })).sort(byLabel)]} />
        <Select name="lang" label={t('directory.language')} state={state} options={[any, ...facets.languages.map((l) => ({ value: l, label: langName(l) })).sort(byLabel)]} />
        <Select name="country" label={t('directory.country')} state={state} options={[any, ...facets.countries.map((c) => ({ value: c, label: countryName(c, i18n.locale) })).sort(byLabel)]} />
        <Field name="region" label={t('directory.region')} state={state} maxLength={100} dir="auto" />
        <Select name="registration" label={t('directory.registration')} state={state} options={[any, ...REGISTRATION_POLICIES.map((r) => ({ value: r, label: t(registrationKey[r]) }))]} />
        <p>
          <button type="submit">{t('directory.apply')}</button> {filtered && <a href="/directory">{t('directory.clear')}</a>}
        </p>
      </form>
      <p role="status">{t('directory.count', { count: page.total })}</p>
      {page.entries.length === 0 ? (
        <EmptyState>{filtered ? t('directory.emptyFiltered') : t('directory.empty')}</EmptyState>
      ) : (
        <ul class="cards directory">
          {page.entries.map((e) => (
            <li>
              <Logo profile={e.profile} name={e.org.name} size="small" />
              <h2>
                <a href={`/members/${e.org.slug}`} dir="auto">
                  {e.org.name}
                </a>
              </h2>
              <LocalText value={e.summary} />
              <p class="hint">
                {[
                  e.profile.countries.map((c) => countryName(c, i18n.locale)).join(', '),
                  e.profile.languages.map(langName).join(', '),
                  e.serviceKinds.map((k) => kindLabel[k]).join(', '),
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </p>
            </li>
          ))}
        </ul>
      )}
      <Pagination nextHref={page.next ? directoryQuery(filters, page.next) : undefined} firstHref={isFirst ? undefined : directoryQuery(filters)} />
      <p>
        <a href="/federation.json" type="application/json">
          {t('directory.json')}
        </a>
      </p>
    </Layout>
  );
}
