// Assets: the domains an organisation declares, the proof that it controls
// them, and the periodic re-check of that proof. Nothing is scanned until a
// proof holds; a proof that no longer holds pauses scans and tells the org-admins.
import type { Deps } from '../../kernel/deps.js';
import { audit } from '../../kernel/audit/audit.js';
import { type Actor, actorId, systemActor } from '../../kernel/auth/actor.js';
import { translateDbError } from '../../kernel/db/errors.js';
import { forbidden } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { fromTimestamp, nowTs, toTimestamp } from '../../kernel/time.js';
import { getOrganisationBySlug } from '../federation/federation.repository.js';
import type { Organisation } from '../federation/index.js';
import * as repo from './scans.repository.js';
import { assetNotFound, domainReserved, domainTaken, noticeNotFound, proofFailed, tooManyAssets } from './scans.errors.js';
import { canManageAssets, canViewScans } from './scans.policy.js';
import { RESERVED_SUFFIXES, type AssetSettingsInput, type DeclareAssetInput, type ScanSettingsInput } from './scans.schemas.js';
import { notifyVerificationLost } from './scans.notify.js';
import { prove, type ProofOutcome } from './scans.verify.js';
import type { VerifyMethod } from './scans.tables.js';

type D = Pick<Deps, 'db' | 'clock' | 'config' | 'scans' | 'net'>;

export const DEFAULT_INTERVAL_DAYS = 7;
/** An organisation declares at most this many domains (a bound on what one member can make the hub scan). */
export const MAX_DOMAINS = 50;
/** A re-check that cannot reach the proof (silence, network trouble) is tolerated this long after the last success. */
export const PROOF_GRACE_MS = 7 * 24 * 3_600_000;
/** Proofs are looked at again after this long (the hourly job takes the oldest first). */
export const RECHECK_AFTER_MS = 20 * 3_600_000;

export type AssetState = 'unverified' | 'verified' | 'lost';

export function stateOf(a: repo.Asset): AssetState {
  if (!a.verifiedAt) return 'unverified';
  return a.verifyLostAt ? 'lost' : 'verified';
}

/** The organisation, if the actor may see its scans (else 403). */
export async function orgForViewer(deps: Pick<D, 'db'>, actor: Actor, slug: string): Promise<Organisation> {
  const org = await getOrganisationBySlug(deps.db, slug);
  if (!canViewScans(actor, org.id)) throw forbidden();
  return org;
}

/** The organisation, if the actor may manage its assets (else 403). */
export async function orgForManager(deps: Pick<D, 'db'>, actor: Actor, slug: string): Promise<Organisation> {
  const org = await getOrganisationBySlug(deps.db, slug);
  if (!canManageAssets(actor, org.id)) throw forbidden();
  return org;
}

/** A declared domain of this organisation (another organisation's id is "not found", never "forbidden"). */
export async function domainOf(deps: Pick<D, 'db'>, org: Organisation, id: string): Promise<repo.Asset> {
  const a = await repo.findAsset(deps.db, id);
  if (!a || a.orgId !== org.id || a.kind !== 'domain') throw assetNotFound();
  return a;
}

export const newChallengeToken = () => `hearth-${newId()}`;

export async function declareAsset(deps: D, actor: Actor, slug: string, input: DeclareAssetInput): Promise<repo.Asset> {
  const org = await orgForManager(deps, actor, slug);
  const domain = input.domain;
  if (!deps.config.netAllowPrivate && RESERVED_SUFFIXES.some((s) => domain === s || domain.endsWith(`.${s}`))) {
    throw domainReserved();
  }
  return deps.db.transaction().execute(async (trx) => {
    if ((await repo.countDomainAssets(trx, org.id)) >= MAX_DOMAINS) throw tooManyAssets(MAX_DOMAINS);
    if (await repo.findDomainAsset(trx, org.id, domain)) throw domainTaken();
    const now = nowTs(deps.clock);
    const row = {
      id: newId(),
      org_id: org.id,
      parent_id: null,
      kind: 'domain' as const,
      name: domain,
      port: null,
      address: null,
      challenge_token: newChallengeToken(),
      verified_method: null,
      verified_at: null,
      verify_checked_at: null,
      verify_lost_at: null,
      verify_error: null,
      dkim_selectors: input.dkimSelectors.join(' '),
      created_by: actorId(actor),
      created_at: now,
      updated_at: now,
      last_seen_at: null,
    };
    try {
      await repo.insertAsset(trx, row);
    } catch (err) {
      translateDbError(err, { name: { field: 'domain', code: 'POSTURE_DOMAIN_TAKEN' } });
    }
    await audit(trx, actor, 'posture.asset.declared', { targetType: 'posture_asset', targetId: row.id, orgId: org.id, data: { domain } });
    return repo.toAsset(row);
  });
}

export async function updateAssetSettings(deps: D, actor: Actor, slug: string, id: string, input: AssetSettingsInput): Promise<void> {
  const org = await orgForManager(deps, actor, slug);
  await deps.db.transaction().execute(async (trx) => {
    const a = await domainOf({ db: trx }, org, id);
    await repo.updateAsset(trx, a.id, { dkim_selectors: input.dkimSelectors.join(' '), updated_at: nowTs(deps.clock) });
    await audit(trx, actor, 'posture.asset.updated', { targetType: 'posture_asset', targetId: a.id, orgId: org.id, data: { dkimSelectors: input.dkimSelectors } });
  });
}

/** Removes a declared domain with everything found under it, its scans and results. */
export async function removeAsset(deps: D, actor: Actor, slug: string, id: string): Promise<repo.Asset> {
  const org = await orgForManager(deps, actor, slug);
  return deps.db.transaction().execute(async (trx) => {
    const a = await domainOf({ db: trx }, org, id);
    await repo.deleteAsset(trx, a.id);
    await audit(trx, actor, 'posture.asset.removed', { targetType: 'posture_asset', targetId: a.id, orgId: org.id, data: { domain: a.name } });
    return a;
  });
}

/**
 * An org-admin asks Hearth to look for the proof now. The lookup runs before
 * the transaction (no network inside one). A failure changes nothing and says
 * what was looked for and what was found; a domain verified before stays
 * verified when another method fails.
 */
export async function verifyAsset(deps: D, actor: Actor, slug: string, id: string, method: VerifyMethod): Promise<repo.Asset> {
  const org = await orgForManager(deps, actor, slug);
  const before = await domainOf(deps, org, id);
  const outcome = await prove(deps, method, before.name, before.challengeToken!);
  if (!outcome.ok) throw proofFailed(outcome.code, { domain: before.name, ...outcome.values });
  return deps.db.transaction().execute(async (trx) => {
    const a = await domainOf({ db: trx }, org, id);
    const now = nowTs(deps.clock);
    const set = { verified_method: method, verified_at: now, verify_checked_at: now, verify_lost_at: null, verify_error: null, updated_at: now };
    await repo.updateAsset(trx, a.id, set);
    if (a.verifyLostAt) await repo.dismissLostNotices(trx, a.id, actorId(actor), now);
    await audit(trx, actor, 'posture.asset.verified', {
      targetType: 'posture_asset',
      targetId: a.id,
      orgId: org.id,
      data: { domain: a.name, method, ...(a.verifyLostAt ? { restored: true } : {}) },
    });
    return { ...a, verifiedMethod: method, verifiedAt: fromTimestamp(now), verifyCheckedAt: fromTimestamp(now), verifyLostAt: null, verifyError: null };
  });
}

/**
 * The periodic re-check of one verified domain: the method that proved it, then
 * the other one. A clear negative answer (no record, another token) loses the
 * proof at once; silence only after PROOF_GRACE_MS without a success.
 */
export async function recheckAsset(deps: D, asset: repo.Asset): Promise<'held' | 'lost' | 'unsure'> {
  const first = asset.verifiedMethod ?? 'dns';
  const token = asset.challengeToken!;
  let outcome: ProofOutcome = await prove(deps, first, asset.name, token);
  let firstFailure: ProofOutcome | undefined;
  if (!outcome.ok) {
    firstFailure = outcome;
    const other = await prove(deps, first === 'dns' ? 'http' : 'dns', asset.name, token);
    if (other.ok) outcome = other;
  }
  const now = deps.clock.now();
  const ts = toTimestamp(now);
  return deps.db.transaction().execute(async (trx) => {
    const current = await repo.findAsset(trx, asset.id);
    // Removed, re-proved or already lost meanwhile: nothing to decide.
    if (!current || current.verifiedAt === null || current.verifyLostAt !== null) return 'unsure';
    const system = systemActor('posture');
    if (outcome.ok) {
      await repo.updateAsset(trx, asset.id, { verified_method: outcome.method, verified_at: ts, verify_checked_at: ts, verify_error: null, updated_at: ts });
      if (outcome.method !== current.verifiedMethod) {
        await audit(trx, system, 'posture.asset.verified', { targetType: 'posture_asset', targetId: asset.id, orgId: asset.orgId, data: { domain: asset.name, method: outcome.method, recheck: true } });
      }
      return 'held';
    }
    const failure = firstFailure as Extract<ProofOutcome, { ok: false }>;
    const expired = now.getTime() - current.verifiedAt.getTime() > PROOF_GRACE_MS;
    if (!failure.definitive && !expired) {
      await repo.updateAsset(trx, asset.id, { verify_checked_at: ts, verify_error: failure.code, updated_at: ts });
      return 'unsure';
    }
    await repo.updateAsset(trx, asset.id, { verify_checked_at: ts, verify_lost_at: ts, verify_error: failure.code, updated_at: ts });
    await audit(trx, system, 'posture.asset.verification_lost', {
      targetType: 'posture_asset',
      targetId: asset.id,
      orgId: asset.orgId,
      data: { domain: asset.name, method: first, code: failure.code },
    });
    await notifyVerificationLost(deps, trx, { ...current, verifyError: failure.code }, failure.code);
    return 'lost';
  });
}

/** The hourly job: re-check verified domains not looked at for RECHECK_AFTER_MS, the longest-waiting first. */
export async function recheckDueAssets(deps: D, limit = 500): Promise<{ held: number; lost: number; unsure: number }> {
  const before = toTimestamp(new Date(deps.clock.now().getTime() - RECHECK_AFTER_MS));
  const counts = { held: 0, lost: 0, unsure: 0 };
  for (const a of await repo.listDomainsToRecheck(deps.db, before, limit)) counts[await recheckAsset(deps, a)]++;
  return counts;
}

export async function setScanInterval(deps: D, actor: Actor, slug: string, input: ScanSettingsInput): Promise<void> {
  const org = await orgForManager(deps, actor, slug);
  await deps.db.transaction().execute(async (trx) => {
    await repo.saveIntervalDays(trx, org.id, input.intervalDays, actorId(actor), nowTs(deps.clock));
    await audit(trx, actor, 'posture.scan_interval.changed', { targetType: 'organisation', targetId: org.id, orgId: org.id, data: { intervalDays: input.intervalDays } });
  });
}

export async function intervalDaysOf(deps: Pick<D, 'db'>, orgId: string): Promise<number> {
  return (await repo.findIntervalDays(deps.db, orgId)) ?? DEFAULT_INTERVAL_DAYS;
}

export async function dismissNotice(deps: D, actor: Actor, slug: string, id: string): Promise<void> {
  const org = await orgForManager(deps, actor, slug);
  await deps.db.transaction().execute(async (trx) => {
    const n = await repo.findNotice(trx, id);
    if (!n || n.orgId !== org.id) throw noticeNotFound();
    if (!(await repo.dismissNoticeRow(trx, id, actorId(actor), nowTs(deps.clock)))) return;
    await audit(trx, actor, 'posture.notice.dismissed', { targetType: 'posture_notice', targetId: id, orgId: org.id, data: { kind: n.kind } });
  });
}
