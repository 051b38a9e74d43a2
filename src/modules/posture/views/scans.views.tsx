// Pages of posture scanning: the organisation's assets and scans, one
// declared domain with its proofs of control, and one scan with its results.
// Everything works without JavaScript: evidence folds open with <details>.
import { Layout } from '../../../kernel/views/layout.js';
import { useCtx } from '../../../kernel/views/context.js';
import { ConfirmForm, CsrfField, Field, Form, Select, type FormState } from '../../../kernel/views/components/form.js';
import { EmptyState, Pagination, Table } from '../../../kernel/views/components/table.js';
import type { MessageKey } from '../../../kernel/i18n/i18n.js';
import { categories } from '../../../checks/score.js';
import type { Asset, Notice, Scan, StoredResult } from '../scans.repository.js';
import type { AssetDetail, PostureOverview, ScanDetail } from '../scans.service.js';
import type { AssetState } from '../assets.service.js';
import type { ResultStatus, ScanStatus } from '../scans.tables.js';
import { INTERVALS } from '../scans.schemas.js';
import { CHALLENGE_LABEL, CHALLENGE_PATH } from '../scans.verify.js';

const STATUS: Record<ResultStatus, MessageKey> = {
  pass: 'posture.status.pass',
  warn: 'posture.status.warn',
  fail: 'posture.status.fail',
  info: 'posture.status.info',
  error: 'posture.status.error',
};

const SCAN_STATUS: Record<ScanStatus, MessageKey> = {
  queued: 'posture.scan.status.queued',
  running: 'posture.scan.status.running',
  done: 'posture.scan.status.done',
  failed: 'posture.scan.status.failed',
  skipped: 'posture.scan.status.skipped',
};

const KIND: Record<string, MessageKey> = {
  web: 'posture.found.kind.web',
  mail: 'posture.found.kind.mail',
  nameserver: 'posture.found.kind.nameserver',
};

const CATEGORY: Record<string, MessageKey> = {
  tls: 'posture.category.tls',
  cert: 'posture.category.cert',
  http: 'posture.category.http',
  dns: 'posture.category.dns',
  mail: 'posture.category.mail',
  ipv6: 'posture.category.ipv6',
};

const base = (slug: string) => `/orgs/${slug}/posture`;

export function StatusTag({ status }: { status: ResultStatus }) {
  const { t } = useCtx().i18n;
  return <span class={`status-tag status-${status}`}>{t(STATUS[status])}</span>;
}

function When({ at }: { at: Date }) {
  const { i18n } = useCtx();
  return <time datetime={at.toISOString()}>{i18n.dateTime(at)}</time>;
}

function ProofState({ asset, state }: { asset: Asset; state: AssetState }) {
  const { t } = useCtx().i18n;
  if (state === 'unverified') return <span>{t('posture.proof.unverified')}</span>;
  if (state === 'lost') {
    return (
      <span>
        <span class="status-tag status-fail">{t('posture.proof.lost')}</span> <When at={asset.verifyLostAt!} />
      </span>
    );
  }
  return (
    <span>
      <span class="status-tag status-pass">{t(asset.verifiedMethod === 'http' ? 'posture.proof.byHttp' : 'posture.proof.byDns')}</span> <When at={asset.verifiedAt!} />
    </span>
  );
}

function ScanCounts({ scan }: { scan: Scan }) {
  const { t } = useCtx().i18n;
  if (scan.status !== 'done') return <span>{t(SCAN_STATUS[scan.status])}</span>;
  return <span>{t('posture.scan.counts', { fail: scan.counts.fail, warn: scan.counts.warn, pass: scan.counts.pass })}</span>;
}

function NoticeItem({ slug, notice, canManage }: { slug: string; notice: Notice; canManage: boolean }) {
  const { i18n } = useCtx();
  const { t } = i18n;
  const d = notice.data as { domain?: string; checks?: string[]; target?: string; daysLeft?: number; code?: string };
  let text: string;
  if (notice.kind === 'newly_failing') text = t('posture.notice.newlyFailing', { domain: d.domain ?? '', count: d.checks?.length ?? 0, checks: (d.checks ?? []).join(', ') });
  else if (notice.kind === 'cert_expiring') text = t('posture.notice.certExpiring', { target: d.target ?? '', days: d.daysLeft ?? 0 });
  else text = t('posture.notice.verificationLost', { domain: d.domain ?? '' });
  return (
    <li>
      <p>
        <When at={notice.createdAt} /> — {text}{' '}
        {notice.scanId && <a href={`${base(slug)}/scans/${notice.scanId}`}>{t('posture.notice.openScan')}</a>}
        {!notice.scanId && notice.assetId && <a href={`${base(slug)}/assets/${notice.assetId}`}>{t('posture.notice.openAsset')}</a>}
      </p>
      {canManage && (
        <form method="post" action={`${base(slug)}/notices/${notice.id}/dismiss`} class="inline">
          <CsrfField />
          <button type="submit" class="link">
            {t('posture.notice.dismiss')}
          </button>
        </form>
      )}
    </li>
  );
}

function ScanTable({ slug, scans, domains, caption }: { slug: string; scans: Scan[]; domains: Map<string, string>; caption: string }) {
  const { t } = useCtx().i18n;
  return (
    <Table caption={caption} head={[t('posture.scan.when'), t('posture.asset.domain'), t('posture.scan.trigger'), t('posture.scan.outcome')]}>
      {scans.map((s) => (
        <tr>
          <td>
            <a href={`${base(slug)}/scans/${s.id}`}>
              <When at={s.finishedAt ?? s.createdAt} />
            </a>
          </td>
          <td>{domains.get(s.assetId) ?? ''}</td>
          <td>{t(s.trigger === 'schedule' ? 'posture.scan.trigger.schedule' : s.trigger === 'demand' ? 'posture.scan.trigger.demand' : 'posture.scan.trigger.cli')}</td>
          <td>
            <ScanCounts scan={s} />
          </td>
        </tr>
      ))}
    </Table>
  );
}

export function OverviewPage({ view, declare, interval }: { view: PostureOverview; declare: FormState; interval: FormState }) {
  const { t } = useCtx().i18n;
  const { org, canManage } = view;
  const domains = new Map(view.domains.map((d) => [d.asset.id, d.asset.name]));
  return (
    <Layout title={t('posture.assets.title', { org: org.name })}>
      <p>
        <a href={`/orgs/${org.slug}`}>{t('org.back')}</a>
      </p>
      <h1>{t('posture.assets.heading')}</h1>
      <p>{t('posture.assets.intro')}</p>
      {view.notices.length > 0 && (
        <section aria-labelledby="notices">
          <h2 id="notices">{t('posture.notices.heading')}</h2>
          <ul class="notice">
            {view.notices.map((n) => (
              <NoticeItem slug={org.slug} notice={n} canManage={canManage} />
            ))}
          </ul>
        </section>
      )}
      <h2>{t('posture.assets.domains')}</h2>
      {view.domains.length === 0 ? (
        <EmptyState>{t('posture.assets.empty')}</EmptyState>
      ) : (
        <Table caption={t('posture.assets.caption', { org: org.name })} head={[t('posture.asset.domain'), t('posture.asset.proof'), t('posture.asset.lastScan')]}>
          {view.domains.map((d) => (
            <tr>
              <td>
                <a href={`${base(org.slug)}/assets/${d.asset.id}`}>{d.asset.name}</a>
              </td>
              <td>
                <ProofState asset={d.asset} state={d.state} />
              </td>
              <td>
                {d.pending ? (
                  <span>{t(SCAN_STATUS[d.pending.status])}</span>
                ) : d.lastScan ? (
                  <a href={`${base(org.slug)}/scans/${d.lastScan.id}`}>
                    <ScanCounts scan={d.lastScan} />
                  </a>
                ) : (
                  <span>{t('posture.asset.neverScanned')}</span>
                )}
              </td>
            </tr>
          ))}
        </Table>
      )}
      {canManage && (
        <>
          <h2>{t('posture.declare.heading')}</h2>
          <Form action={`${base(org.slug)}/assets`} state={declare} submit={t('posture.declare.submit')} class="narrow">
            <Field name="domain" label={t('posture.asset.domain')} hint={t('posture.declare.domainHint')} state={declare} required maxLength={253} autocomplete="off" dir="ltr" />
            <Field name="dkimSelectors" label={t('posture.asset.dkimSelectors')} hint={t('posture.asset.dkimSelectorsHint')} state={declare} maxLength={400} dir="ltr" />
          </Form>
          <h2>{t('posture.interval.heading')}</h2>
          <Form action={`${base(org.slug)}/interval`} state={interval} submit={t('form.save')} class="narrow">
            <Select
              name="intervalDays"
              label={t('posture.interval.label')}
              hint={t('posture.interval.hint')}
              state={interval}
              value={String(view.intervalDays)}
              options={INTERVALS.map((n) => ({ value: String(n), label: t('posture.interval.days', { days: n }) }))}
            />
          </Form>
        </>
      )}
      {!canManage && <p>{t('posture.interval.current', { days: view.intervalDays })}</p>}
      <h2>{t('posture.scans.recent')}</h2>
      {view.recentScans.length === 0 ? (
        <EmptyState>{t('posture.scans.none')}</EmptyState>
      ) : (
        <ScanTable slug={org.slug} scans={view.recentScans} domains={domains} caption={t('posture.scans.recentCaption')} />
      )}
    </Layout>
  );
}

export function AssetPage({ detail, state, challenge }: { detail: AssetDetail; state?: FormState; challenge: { url: string } }) {
  const { t } = useCtx().i18n;
  const { org, asset, canManage } = detail;
  const url = `${base(org.slug)}/assets/${asset.id}`;
  const domains = new Map([[asset.id, asset.name]]);
  // A refused action of this page (a proof not found, a scan refused) is said at the top;
  // a field of the settings form keeps its own message.
  const pageError = state?.error;
  const settingsState = state && state.errors.dkimSelectors ? state : undefined;
  return (
    <Layout title={t('posture.asset.title', { domain: asset.name })}>
      <p>
        <a href={`${base(org.slug)}/assets`}>{t('posture.assets.back')}</a>
      </p>
      <h1>{asset.name}</h1>
      {pageError && (
        <p class="form-error" role="alert">
          {useCtx().i18n.tDynamic(pageError.key, pageError.values)}
        </p>
      )}
      <dl>
        <dt>{t('posture.asset.proof')}</dt>
        <dd>
          <ProofState asset={asset} state={detail.state} />
        </dd>
        {asset.verifyCheckedAt && (
          <>
            <dt>{t('posture.asset.checkedAt')}</dt>
            <dd>
              <When at={asset.verifyCheckedAt} />
            </dd>
          </>
        )}
        <dt>{t('posture.asset.dkimSelectors')}</dt>
        <dd>{asset.dkimSelectors.length > 0 ? asset.dkimSelectors.join(', ') : t('posture.asset.noSelectors')}</dd>
      </dl>
      {detail.state === 'lost' && (
        <p class="notice" role="status">
          {t('posture.asset.lostExplained')} {asset.verifyError ? t('posture.asset.lastProblem', { problem: problemText(useCtx().i18n, asset, challenge.url) }) : ''}
        </p>
      )}
      {detail.state === 'unverified' && <p class="notice">{t('posture.asset.unverifiedExplained')}</p>}
      {canManage && (
        <section aria-labelledby="prove">
          <h2 id="prove">{t('posture.prove.heading')}</h2>
          <p>{t('posture.prove.intro')}</p>
          <h3>{t('posture.prove.dnsHeading')}</h3>
          <dl>
            <dt>{t('posture.prove.recordName')}</dt>
            <dd>
              <code class="data">{`${CHALLENGE_LABEL}.${asset.name}`}</code>
            </dd>
            <dt>{t('posture.prove.recordType')}</dt>
            <dd>
              <code class="data">TXT</code>
            </dd>
            <dt>{t('posture.prove.recordValue')}</dt>
            <dd>
              <code class="data">{asset.challengeToken}</code>
            </dd>
          </dl>
          <form method="post" action={`${url}/verify`}>
            <CsrfField />
            <input type="hidden" name="method" value="dns" />
            <button type="submit">{t('posture.prove.dnsSubmit')}</button>
          </form>
          <h3>{t('posture.prove.httpHeading')}</h3>
          <dl>
            <dt>{t('posture.prove.fileUrl')}</dt>
            <dd>
              <code class="data">{challenge.url}</code>
            </dd>
            <dt>{t('posture.prove.fileContent')}</dt>
            <dd>
              <code class="data">{asset.challengeToken}</code>
            </dd>
          </dl>
          <p class="hint">{t('posture.prove.httpHint', { path: CHALLENGE_PATH })}</p>
          <form method="post" action={`${url}/verify`}>
            <CsrfField />
            <input type="hidden" name="method" value="http" />
            <button type="submit">{t('posture.prove.httpSubmit')}</button>
          </form>
        </section>
      )}
      <h2>{t('posture.scans.heading')}</h2>
      {detail.pending && <p role="status">{t(detail.pending.status === 'running' ? 'posture.scan.runningNow' : 'posture.scan.waiting')}</p>}
      {canManage && detail.state === 'verified' && !detail.pending && (
        <form method="post" action={`${url}/scan`}>
          <CsrfField />
          <button type="submit">{t('posture.scan.now')}</button>
        </form>
      )}
      {detail.scans.length === 0 ? (
        <EmptyState>{t(detail.state === 'verified' ? 'posture.scans.soon' : 'posture.scans.none')}</EmptyState>
      ) : (
        <ScanTable slug={org.slug} scans={detail.scans} domains={domains} caption={t('posture.scans.caption', { domain: asset.name })} />
      )}
      <Pagination nextHref={detail.next ? `${url}?before=${encodeURIComponent(detail.next)}` : undefined} firstHref={undefined} />
      <h2>{t('posture.found.heading')}</h2>
      {detail.found.length === 0 ? (
        <EmptyState>{t('posture.found.none')}</EmptyState>
      ) : (
        <Table caption={t('posture.found.caption', { domain: asset.name })} head={[t('posture.found.kind'), t('posture.found.host'), t('posture.found.port'), t('posture.found.address'), t('posture.found.seen')]}>
          {detail.found.map((f) => (
            <tr>
              <td>{t(KIND[f.kind] ?? 'posture.found.kind.web')}</td>
              <td>{f.name}</td>
              <td>{f.port ?? ''}</td>
              <td>
                <code class="data">{f.address ?? ''}</code>
              </td>
              <td>{f.lastSeenAt && <When at={f.lastSeenAt} />}</td>
            </tr>
          ))}
        </Table>
      )}
      {canManage && (
        <>
          <h2>{t('posture.asset.settings')}</h2>
          <Form action={`${url}/settings`} state={settingsState} submit={t('form.save')} class="narrow">
            <Field name="dkimSelectors" label={t('posture.asset.dkimSelectors')} hint={t('posture.asset.dkimSelectorsHint')} state={settingsState} value={asset.dkimSelectors.join(' ')} maxLength={400} dir="ltr" />
          </Form>
          <p>
            <a href={`${url}/remove`}>{t('posture.asset.remove')}</a>
          </p>
        </>
      )}
    </Layout>
  );
}

export function RemoveAssetPage({ slug, asset }: { slug: string; asset: Asset }) {
  const { t } = useCtx().i18n;
  return (
    <Layout title={t('posture.asset.remove')}>
      <h1>{t('posture.asset.remove')}</h1>
      <ConfirmForm
        action={`${base(slug)}/assets/${asset.id}/remove`}
        question={t('posture.asset.removeConfirm', { domain: asset.name })}
        confirm={t('posture.asset.remove')}
        cancelHref={`${base(slug)}/assets/${asset.id}`}
      />
    </Layout>
  );
}

function Evidence({ r }: { r: StoredResult }) {
  const { t } = useCtx().i18n;
  const e = r.evidence;
  const has = e.sent !== undefined || e.received !== undefined || (e.facts !== undefined && Object.keys(e.facts).length > 0) || r.reason;
  if (!has) return null;
  return (
    <details>
      <summary>{t('posture.result.evidence')}</summary>
      {r.reason && (
        <p>
          {t('posture.result.reason')} <span lang="en">{r.reason}</span>
        </p>
      )}
      {e.sent !== undefined && (
        <>
          <p>{t('posture.result.sent')}</p>
          <pre class="evidence" lang="en">
            {e.sent}
          </pre>
        </>
      )}
      {e.received !== undefined && (
        <>
          <p>{t('posture.result.received')}</p>
          <pre class="evidence" lang="en">
            {e.received}
          </pre>
        </>
      )}
      {e.facts !== undefined && Object.keys(e.facts).length > 0 && (
        <>
          <p>{t('posture.result.facts')}</p>
          <pre class="evidence" lang="en">
            {JSON.stringify(e.facts, null, 2)}
          </pre>
        </>
      )}
    </details>
  );
}

function CheckList({ ids }: { ids: string[] }) {
  const { i18n } = useCtx();
  return (
    <ul>
      {ids.map((id) => (
        <li>
          <a href={`#check-${id}`}>{id}</a> — {i18n.tDynamic(`check.title.${id}`)}
        </li>
      ))}
    </ul>
  );
}

export function ScanPage({ detail }: { detail: ScanDetail }) {
  const { i18n } = useCtx();
  const { t } = i18n;
  const { org, scan, asset, change } = detail;
  const domain = asset?.name ?? '';
  const seen = new Set<string>();
  return (
    <Layout title={t('posture.scan.title', { domain })}>
      <p>{asset ? <a href={`${base(org.slug)}/assets/${asset.id}`}>{t('posture.scan.backToAsset', { domain })}</a> : <a href={`${base(org.slug)}/assets`}>{t('posture.assets.back')}</a>}</p>
      <h1>{t('posture.scan.heading', { domain })}</h1>
      <dl>
        <dt>{t('posture.scan.outcome')}</dt>
        <dd>{t(SCAN_STATUS[scan.status])}</dd>
        <dt>{t('posture.scan.trigger')}</dt>
        <dd>{t(scan.trigger === 'schedule' ? 'posture.scan.trigger.schedule' : scan.trigger === 'demand' ? 'posture.scan.trigger.demand' : 'posture.scan.trigger.cli')}</dd>
        <dt>{t('posture.scan.requested')}</dt>
        <dd>
          <When at={scan.createdAt} />
        </dd>
        {scan.finishedAt && (
          <>
            <dt>{t('posture.scan.finished')}</dt>
            <dd>
              <When at={scan.finishedAt} />
            </dd>
          </>
        )}
        {scan.durationMs !== null && (
          <>
            <dt>{t('posture.scan.duration')}</dt>
            <dd>{t('posture.scan.seconds', { seconds: Math.round(scan.durationMs / 100) / 10 })}</dd>
          </>
        )}
        {scan.status === 'done' && (
          <>
            <dt>{t('posture.scan.results')}</dt>
            <dd>
              <ScanCounts scan={scan} />
            </dd>
          </>
        )}
        {scan.error && (
          <>
            <dt>{t('posture.scan.problem')}</dt>
            <dd>{i18n.tDynamic(`error.${scan.error}`)}</dd>
          </>
        )}
      </dl>
      {change && (
        <section aria-labelledby="changes">
          <h2 id="changes">{t('posture.change.heading')}</h2>
          {!detail.previous && <p>{t('posture.change.first')}</p>}
          {detail.previous && (
            <p>
              {t('posture.change.since')}{' '}
              <a href={`${base(org.slug)}/scans/${detail.previous.id}`}>
                <When at={detail.previous.finishedAt!} />
              </a>
            </p>
          )}
          {detail.previous && change.newlyFailing.length === 0 && change.fixed.length === 0 && change.newlyWarning.length === 0 && <p>{t('posture.change.none')}</p>}
          {change.newlyFailing.length > 0 && (
            <>
              <h3>{t('posture.change.newlyFailing', { count: change.newlyFailing.length })}</h3>
              <CheckList ids={change.newlyFailing} />
            </>
          )}
          {change.newlyWarning.length > 0 && (
            <>
              <h3>{t('posture.change.newlyWarning', { count: change.newlyWarning.length })}</h3>
              <CheckList ids={change.newlyWarning} />
            </>
          )}
          {change.fixed.length > 0 && (
            <>
              <h3>{t('posture.change.fixed', { count: change.fixed.length })}</h3>
              <CheckList ids={change.fixed} />
            </>
          )}
        </section>
      )}
      {detail.results.length > 0 && <h2>{t('posture.result.heading')}</h2>}
      {categories.map((c) => {
        const rs = detail.results.filter((r) => r.category === c);
        if (rs.length === 0) return null;
        return (
          <Table caption={t(CATEGORY[c]!)} head={[t('posture.result.check'), t('posture.result.status'), t('posture.result.target'), t('posture.result.found')]}>
            {rs.map((r) => {
              const first = !seen.has(r.checkId);
              seen.add(r.checkId);
              return (
                <tr id={first ? `check-${r.checkId}` : undefined}>
                  <td>
                    {r.checkId} — {i18n.tDynamic(`check.title.${r.checkId}`)}
                  </td>
                  <td>
                    <StatusTag status={r.status} />
                  </td>
                  <td>
                    <code class="data">{r.target}</code>
                  </td>
                  <td>
                    <span lang="en">{r.summary}</span>
                    <Evidence r={r} />
                  </td>
                </tr>
              );
            })}
          </Table>
        );
      })}
    </Layout>
  );
}

/** The message of the problem kept on a domain (verify_error): the same text a failed proof shows. */
function problemText(i18n: ReturnType<typeof useCtx>['i18n'], asset: Asset, url: string): string {
  return i18n.tDynamic(`error.${asset.verifyError}`, proofValues(asset, url));
}

export const proofValues = (asset: Pick<Asset, 'name' | 'verifiedMethod'>, url: string) => ({
  domain: asset.name,
  name: `${CHALLENGE_LABEL}.${asset.name}`,
  url,
  method: asset.verifiedMethod ?? 'dns',
  reason: 'none',
  address: '',
  found: 0,
});
