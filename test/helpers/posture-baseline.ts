// Finished scans with chosen results, written through the scanning side's own
// repository: for baseline and scorecard tests that need measured practices
// without running the check engine (the acceptance flow against the test bed runs it).
import { newId } from '../../src/kernel/ids.js';
import { toTimestamp } from '../../src/kernel/time.js';
import type { Deps } from '../../src/kernel/deps.js';
import { insertAsset, insertResults, insertScan } from '../../src/modules/posture/scans.repository.js';
import type { ResultStatus } from '../../src/modules/posture/scans.tables.js';
import { actorFor } from '../../src/kernel/auth/auth.service.js';
import type { Person } from '../../src/kernel/auth/actor.js';
import { askForHelp } from '../../src/modules/posture/help.service.js';
import { proposeBaselineChange } from '../../src/modules/posture/baseline.service.js';

/** A declared, verified domain of an organisation. */
export async function makeVerifiedDomain(deps: Pick<Deps, 'db'>, orgId: string, name: string, at = new Date()): Promise<string> {
  const id = newId();
  const ts = toTimestamp(at);
  await insertAsset(deps.db, {
    id,
    org_id: orgId,
    parent_id: null,
    kind: 'domain',
    name,
    port: null,
    address: null,
    challenge_token: newId(),
    verified_method: 'dns',
    verified_at: ts,
    verify_checked_at: ts,
    verify_lost_at: null,
    verify_error: null,
    dkim_selectors: '',
    created_by: null,
    created_at: ts,
    updated_at: ts,
    last_seen_at: null,
  });
  return id;
}

/** A finished scan of the domain with one result per check id (plus any extra targets given). */
export async function recordScan(
  deps: Pick<Deps, 'db'>,
  orgId: string,
  assetId: string,
  finishedAt: Date,
  results: Record<string, ResultStatus>,
  opts: { target?: string; evidence?: Record<string, unknown> } = {},
): Promise<string> {
  const id = newId();
  const ts = toTimestamp(finishedAt);
  const counts = { pass: 0, warn: 0, fail: 0, info: 0, error: 0 };
  for (const s of Object.values(results)) counts[s]++;
  await insertScan(deps.db, {
    id,
    org_id: orgId,
    asset_id: assetId,
    trigger: 'schedule',
    status: 'done',
    requested_by: null,
    created_at: ts,
    started_at: ts,
    finished_at: ts,
    duration_ms: 1000,
    pass_count: counts.pass,
    warn_count: counts.warn,
    fail_count: counts.fail,
    info_count: counts.info,
    error_count: counts.error,
    score_permille: null,
    connections: 1,
    error: null,
  });
  await insertResults(
    deps.db,
    Object.entries(results).map(([check, status]) => ({
      id: newId(),
      scan_id: id,
      check_id: check,
      category: check.split('-')[0]!.toLowerCase(),
      status,
      target: opts.target ?? 'example.org',
      summary: `${check} ${status}`,
      evidence: JSON.stringify(opts.evidence ?? { received: `evidence of ${check}` }),
    })),
  );
  return id;
}

/** For the authorization matrix: an open request of the organisation for help, and a proposed baseline change by its admin. */
export async function postureBaselineFixture(deps: Deps, org: { id: string; slug: string }, admin: Person): Promise<{ helpRequestId: string; changeId: string }> {
  const actor = await actorFor(deps.db, admin);
  const request = await askForHelp(deps, actor, org.slug, 'offsite-backups', { note: 'Matrix' }, { locale: 'en' });
  const { change } = await proposeBaselineChange(deps, actor, {
    proposal: { title: 'Matrix change', body: 'Text', lang: 'en', opensAt: undefined, closesAt: new Date(Date.now() + 7 * 86_400_000), timeZone: 'UTC' },
    authorOrgId: org.id,
    ops: [{ op: 'weight', practiceId: 'ddos-plan', weight: 3 }],
  });
  return { helpRequestId: request.id, changeId: change.id };
}
