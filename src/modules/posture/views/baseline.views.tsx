// The baseline's pages: the published practices, one practice with its guide,
// translations, versions, a proposed change, and the form to propose one.
import { Layout } from '../../../kernel/views/layout.js';
import { useCtx } from '../../../kernel/views/context.js';
import { Form, Select, type FormState } from '../../../kernel/views/components/form.js';
import { EmptyState, Table } from '../../../kernel/views/components/table.js';
import { LocalText, TranslationFields, languageName, type TextVersion } from '../../../kernel/text/index.js';
import type { MessageKey } from '../../../kernel/i18n/i18n.js';
import { ProposalFields } from '../../governance/index.js';
import { AREAS, type PracticeRule } from '../baseline/index.js';
import type { BaselineVersion, BaselineChangeRecord, OrgBrief } from '../baseline.repository.js';
import type { BaselineOverview, ChangeView, PracticeView } from '../baseline.service.js';
import { areaKey, KindLabel } from './parts.js';

function When({ at }: { at: Date }) {
  const { i18n } = useCtx();
  return <time datetime={at.toISOString()}>{i18n.date(at)}</time>;
}

const changeStatusKey = (s: BaselineChangeRecord['status']) => `baseline.changeStatus.${s}` as MessageKey;

function BaselineNav() {
  const { t } = useCtx().i18n;
  return (
    <nav aria-label={t('baseline.nav.label')}>
      <ul class="inline-list">
        <li>
          <a href="/baseline">{t('baseline.nav.practices')}</a>
        </li>
        <li>
          <a href="/baseline/versions">{t('baseline.nav.versions')}</a>
        </li>
        <li>
          <a href="/posture">{t('baseline.nav.overview')}</a>
        </li>
      </ul>
    </nav>
  );
}

export function BaselinePage({ overview, canPropose, member }: { overview: BaselineOverview; canPropose: boolean; member: boolean }) {
  const { t } = useCtx().i18n;
  const v = overview.version;
  const pending = overview.pending.added.length + overview.pending.changed.length;
  return (
    <Layout title={t('baseline.title')}>
      <h1>{t('baseline.title')}</h1>
      <BaselineNav />
      <p>{t('baseline.intro')}</p>
      <p>
        {t('baseline.versionLine', { version: v.version })} <When at={v.publishedAt} />
        {v.proposalId && (
          <>
            {' · '}
            <a href={`/proposals/${v.proposalId}`}>{t('baseline.decidedBy')}</a>
          </>
        )}
      </p>
      {pending > 0 && <p class="notice">{t('baseline.pending', { count: pending })}</p>}
      {canPropose && (
        <p>
          <a class="button" href="/baseline/propose">
            {t('baseline.propose.link')}
          </a>
        </p>
      )}
      {overview.openChanges.length > 0 && (
        <>
          <h2>{t('baseline.openChanges')}</h2>
          <ul>
            {overview.openChanges.map((c) => (
              <li>
                <a href={`/baseline/changes/${c.id}`}>{t('baseline.changeFrom', { version: c.baseVersion })}</a> · <a href={`/proposals/${c.proposalId}`}>{t('baseline.proposal')}</a>
              </li>
            ))}
          </ul>
        </>
      )}
      {AREAS.map((area) => {
        const rows = overview.practices.filter((p) => p.rule.area === area);
        return (
          <section aria-labelledby={`area-${area}`}>
            <h2 id={`area-${area}`}>{t(areaKey(area))}</h2>
            <Table caption={t('baseline.areaCaption', { area: t(areaKey(area)) })} head={[t('baseline.col.practice'), t('baseline.col.kind'), t('baseline.col.weight'), ...(member ? [t('baseline.col.helpers')] : [])]}>
              {rows.map((p) => (
                <tr>
                  <td>
                    <a href={`/baseline/practices/${p.rule.id}`}>
                      <LocalText value={p.title} inline />
                    </a>
                  </td>
                  <td>
                    <KindLabel measured={p.rule.checks.length > 0} />
                  </td>
                  <td>{p.rule.weight}</td>
                  {member && <td>{p.helpers}</td>}
                </tr>
              ))}
            </Table>
          </section>
        );
      })}
    </Layout>
  );
}

export function PracticePage({ view, canTranslate }: { view: PracticeView; canTranslate: boolean }) {
  const { t } = useCtx().i18n;
  const title = view.texts.title?.body ?? view.id;
  const rule = view.rule;
  return (
    <Layout title={title}>
      <p>
        <a href="/baseline">{t('baseline.back')}</a>
      </p>
      <h1 lang={view.texts.title?.lang} dir="auto">
        {title}
      </h1>
      <dl>
        {(rule ?? view.shipped) && (
          <>
            <dt>{t('baseline.col.area')}</dt>
            <dd>{t(areaKey((rule ?? view.shipped)!.area))}</dd>
          </>
        )}
        <dt>{t('baseline.col.kind')}</dt>
        <dd>
          <KindLabel measured={(rule?.checks ?? view.shipped?.checks ?? []).length > 0} />
        </dd>
        <dt>{t('baseline.col.weight')}</dt>
        <dd>{rule ? rule.weight : t('baseline.notInBaseline', { version: view.version })}</dd>
        {rule && rule.checks.length > 0 && (
          <>
            <dt>{t('baseline.col.checks')}</dt>
            <dd>{rule.checks.join(', ')}</dd>
          </>
        )}
      </dl>
      <h2>{t('baseline.why')}</h2>
      <LocalText value={view.texts.why} />
      {view.texts.question && (
        <>
          <h2>{t('baseline.question')}</h2>
          <LocalText value={view.texts.question} />
        </>
      )}
      <h2>{t('baseline.guide')}</h2>
      <div class="guide">
        <LocalText value={view.texts.guide} markdown />
      </div>
      {view.shipped && view.shipped.references.length > 0 && (
        <>
          <h2>{t('baseline.references')}</h2>
          <ul>
            {view.shipped.references.map((r) => (
              <li>
                <a href={r.url} rel="nofollow noopener noreferrer">
                  {r.title}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
      {view.helpers && (
        <>
          <h2>{t('baseline.helpers')}</h2>
          {view.helpers.length === 0 ? (
            <EmptyState>{t('baseline.helpersNone')}</EmptyState>
          ) : (
            <ul class="inline-list">
              {view.helpers.map((o) => (
                <li>
                  <a href={`/orgs/${o.slug}`} dir="auto">
                    {o.name}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {canTranslate && (
        <p>
          <a href={`/baseline/practices/${view.id}/translate`}>{t('baseline.translate.link')}</a>
        </p>
      )}
    </Layout>
  );
}

const fieldKey = (f: string) => `baseline.field.${f}` as MessageKey;

export function TranslatePracticePage({ view, versions, state }: { view: PracticeView; versions: Record<string, TextVersion[]>; state: FormState }) {
  const { t, locale } = useCtx().i18n;
  const title = view.texts.title?.body ?? view.id;
  const fields = Object.keys(versions);
  return (
    <Layout title={t('baseline.translate.title', { title })}>
      <p>
        <a href={`/baseline/practices/${view.id}`}>{t('baseline.translate.back')}</a>
      </p>
      <h1>{t('baseline.translate.title', { title })}</h1>
      <p>{t('baseline.translate.intro')}</p>
      <Table caption={t('baseline.translate.existing')} head={[t('baseline.translate.col.text'), t('baseline.translate.col.language'), t('baseline.translate.col.credit')]}>
        {fields.flatMap((f) =>
          versions[f]!.map((v) => (
            <tr>
              <td>{t(fieldKey(f))}</td>
              <td>{languageName(v.lang, locale)}</td>
              <td>{v.isSource ? t('baseline.translate.source') : v.machine ? t('baseline.translate.machine', { name: v.translator ?? '—' }) : (v.translator ?? t('baseline.translate.uncredited'))}</td>
            </tr>
          )),
        )}
      </Table>
      <Form action={`/baseline/practices/${view.id}/translate`} state={state} submit={t('baseline.translate.submit')}>
        <Select name="field" label={t('baseline.translate.field')} state={state} options={fields.map((f) => ({ value: f, label: t(fieldKey(f)) }))} />
        <TranslationFields state={state} bodyLabel={t('baseline.translate.body')} />
      </Form>
    </Layout>
  );
}

export function VersionsPage({ versions }: { versions: BaselineVersion[] }) {
  const { t } = useCtx().i18n;
  return (
    <Layout title={t('baseline.versions.title')}>
      <h1>{t('baseline.versions.title')}</h1>
      <BaselineNav />
      <p>{t('baseline.versions.intro')}</p>
      <Table caption={t('baseline.versions.caption')} head={[t('baseline.versions.col.version'), t('baseline.versions.col.published'), t('baseline.versions.col.practices'), t('baseline.versions.col.decision')]}>
        {versions.map((v) => (
          <tr>
            <td>
              <a href={`/baseline/versions/${v.version}`}>{t('baseline.versionName', { version: v.version })}</a>
            </td>
            <td>
              <When at={v.publishedAt} />
            </td>
            <td>{v.rules.length}</td>
            <td>{v.proposalId ? <a href={`/proposals/${v.proposalId}`}>{t('baseline.proposal')}</a> : t('baseline.versions.initial')}</td>
          </tr>
        ))}
      </Table>
    </Layout>
  );
}

export function VersionPage({ version, titles, lines }: { version: BaselineVersion; titles: Map<string, string>; lines: string[] }) {
  const { t } = useCtx().i18n;
  return (
    <Layout title={t('baseline.versionName', { version: version.version })}>
      <p>
        <a href="/baseline/versions">{t('baseline.versions.back')}</a>
      </p>
      <h1>{t('baseline.versionName', { version: version.version })}</h1>
      <p>
        {t('baseline.versions.publishedOn')} <When at={version.publishedAt} />
        {version.proposalId && (
          <>
            {' · '}
            <a href={`/proposals/${version.proposalId}`}>{t('baseline.decidedBy')}</a>
          </>
        )}
      </p>
      <h2>{t('baseline.versions.changes')}</h2>
      {lines.length === 0 ? (
        <p>{t('baseline.versions.initialText')}</p>
      ) : (
        <ul>
          {lines.map((l) => (
            <li>{l}</li>
          ))}
        </ul>
      )}
      <RulesTable rules={version.rules} titles={titles} caption={t('baseline.versions.rules', { version: version.version })} />
    </Layout>
  );
}

function RulesTable({ rules, titles, caption }: { rules: PracticeRule[]; titles: Map<string, string>; caption: string }) {
  const { t } = useCtx().i18n;
  return (
    <Table caption={caption} head={[t('baseline.col.practice'), t('baseline.col.area'), t('baseline.col.weight'), t('baseline.col.checks')]}>
      {rules.map((r) => (
        <tr>
          <td>
            <a href={`/baseline/practices/${r.id}`} dir="auto">
              {titles.get(r.id) ?? r.id}
            </a>
          </td>
          <td>{t(areaKey(r.area))}</td>
          <td>{r.weight}</td>
          <td>{r.checks.length > 0 ? r.checks.join(', ') : t('baseline.kind.self')}</td>
        </tr>
      ))}
    </Table>
  );
}

export function ChangePage({ view }: { view: ChangeView }) {
  const { t } = useCtx().i18n;
  const c = view.change;
  return (
    <Layout title={t('baseline.changePage.title')}>
      <p>
        <a href="/baseline">{t('baseline.back')}</a>
      </p>
      <h1>{t('baseline.changePage.title')}</h1>
      <dl>
        <dt>{t('baseline.changePage.status')}</dt>
        <dd>{t(changeStatusKey(c.status))}</dd>
        <dt>{t('baseline.changePage.base')}</dt>
        <dd>
          <a href={`/baseline/versions/${c.baseVersion}`}>{t('baseline.versionName', { version: c.baseVersion })}</a>
        </dd>
        {c.publishedVersion !== null && (
          <>
            <dt>{t('baseline.changePage.published')}</dt>
            <dd>
              <a href={`/baseline/versions/${c.publishedVersion}`}>{t('baseline.versionName', { version: c.publishedVersion })}</a>
            </dd>
          </>
        )}
        <dt>{t('baseline.changePage.decision')}</dt>
        <dd>
          <a href={`/proposals/${c.proposalId}`}>{t('baseline.proposal')}</a>
        </dd>
      </dl>
      <h2>{t('baseline.changePage.what')}</h2>
      <ul>
        {view.lines.map((l) => (
          <li>{l}</li>
        ))}
      </ul>
    </Layout>
  );
}

export interface ProposeRow {
  id: string;
  title: string;
  /** The published rule, if the practice is in the baseline. */
  published: PracticeRule | undefined;
  /** The shipped rule, if this Hearth ships the practice. */
  shipped: PracticeRule | undefined;
  /** The shipped definition measures something else than the published one. */
  changed: boolean;
}

export function ProposeChangePage({
  state,
  rows,
  version,
  orgs,
  federation,
  defaults,
}: {
  state: FormState;
  rows: ProposeRow[];
  version: number;
  orgs: OrgBrief[];
  federation: boolean;
  defaults: { lang: string; closesAt: string; timeZone: string; title: string };
}) {
  const { t } = useCtx().i18n;
  const v = state.values;
  // First display: the published state; after a failed submission: what was sent.
  const submitted = Object.keys(v).some((k) => k.startsWith('weight.'));
  const included = (r: ProposeRow) => (submitted ? v[`include.${r.id}`] === 'yes' : r.published !== undefined);
  const weight = (r: ProposeRow) => (submitted ? (v[`weight.${r.id}`] ?? '') : String(r.published?.weight ?? r.shipped?.weight ?? 2));
  const authorOptions = [...(federation ? [{ value: '', label: t('baseline.propose.federation') }] : []), ...orgs.map((o) => ({ value: o.id, label: o.name }))];
  const weightOptions = [1, 2, 3].map((n) => ({ value: String(n), label: t('baseline.weight', { weight: n }) }));
  return (
    <Layout title={t('baseline.propose.title')}>
      <p>
        <a href="/baseline">{t('baseline.back')}</a>
      </p>
      <h1>{t('baseline.propose.title')}</h1>
      <p>{t('baseline.propose.intro', { version, next: version + 1 })}</p>
      <Form action="/baseline/propose" state={state} submit={t('baseline.propose.submit')}>
        <Select name="authorOrg" label={t('baseline.propose.author')} state={state} options={authorOptions} />
        <ProposalFields state={state} defaults={defaults} />
        <fieldset>
          <legend>{t('baseline.propose.practices')}</legend>
          <p class="hint">{t('baseline.propose.practicesHint')}</p>
          {state.errors._form && (
            <p class="error" role="alert">
              {t('error.POSTURE_BASELINE_NO_CHANGE')}
            </p>
          )}
          <Table caption={t('baseline.propose.caption')} head={[t('baseline.col.practice'), t('baseline.col.weight'), t('baseline.propose.update')]}>
            {rows.map((r) => {
              const err = state.errors[`practice.${r.id}`];
              return (
                <tr>
                  <td>
                    <input type="checkbox" id={`f-include-${r.id}`} name={`include.${r.id}`} value="yes" checked={included(r)} />
                    <label for={`f-include-${r.id}`} dir="auto">
                      {r.title}
                    </label>
                    {!r.published && <p class="hint">{t('baseline.propose.newInRelease')}</p>}
                    {r.published && !r.shipped && <p class="hint">{t('baseline.propose.noLongerShipped')}</p>}
                    {err && <p class="error">{t(err.key as MessageKey)}</p>}
                  </td>
                  <td>
                    <label for={`f-weight-${r.id}`} class="vh">
                      {t('baseline.propose.weightOf', { title: r.title })}
                    </label>
                    <select id={`f-weight-${r.id}`} name={`weight.${r.id}`}>
                      {weightOptions.map((o) => (
                        <option value={o.value} selected={o.value === weight(r)}>
                          {o.label}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    {r.published && r.shipped && r.changed ? (
                      <>
                        <input type="checkbox" id={`f-adopt-${r.id}`} name={`adopt.${r.id}`} value="yes" checked={submitted && v[`adopt.${r.id}`] === 'yes'} />
                        <label for={`f-adopt-${r.id}`}>{t('baseline.propose.adopt', { checks: r.shipped.checks.join(', ') || t('baseline.kind.self') })}</label>
                      </>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              );
            })}
          </Table>
        </fieldset>
      </Form>
    </Layout>
  );
}
