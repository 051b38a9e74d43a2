// Self-descriptions: a member keeps its profile in a file on its own server.
// Hearth fetches it (on demand and daily) through the SSRF-safe client, checks
// it, and offers the differences to the org-admins, who apply or reject them.
// Every failed fetch is recorded with its time and reason and shown on the
// profile page; nothing fetched changes the profile without a person's decision.
import { createHash } from 'node:crypto';
import type { Deps } from '../../kernel/deps.js';
import { audit } from '../../kernel/audit/audit.js';
import { type Actor, actorId } from '../../kernel/auth/actor.js';
import { AppError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { enqueueJob } from '../../kernel/jobs/registry.js';
import { isNetError } from '../../kernel/net/net.errors.js';
import { netOptions, safeFetch } from '../../kernel/net/safe-fetch.js';
import { listTranslations, setText } from '../../kernel/text/index.js';
import { nowTs, toTimestamp } from '../../kernel/time.js';
import * as orgRepo from './federation.repository.js';
import type { Organisation } from './federation.repository.js';
import * as profileRepo from './profile.repository.js';
import { ORG_TEXT_OWNER } from './profile.repository.js';
import { formatFingerprint, parsePublicKey } from './profile.openpgp.js';
import { clearField, getEditableOrganisation, sourceLanguageOf } from './profile.service.js';
import { TEXT_FIELDS } from './profile.schemas.js';
import * as repo from './selfdesc.repository.js';
import type { SelfDescSource } from './selfdesc.repository.js';
import { diffSnapshots, type DiffRow, type FullSnapshot } from './selfdesc.diff.js';
import { readSelfDescription, type ProfileSnapshot } from './selfdesc.schemas.js';
import * as servicesRepo from './services.repository.js';
import type { ServiceInput } from './services.schemas.js';

type D = Pick<Deps, 'db' | 'clock' | 'config' | 'net'>;

/** The limits the issue sets for these files. */
export const SELFDESC_LIMITS = { maxBytes: 1024 * 1024, timeoutMs: 10_000, maxRedirects: 2 };

export interface PendingChange {
  format: 'hearth' | 'librehost';
  snapshot: ProfileSnapshot;
  /** Of the key in the snapshot, for showing it (people compare fingerprints, not armor). */
  openpgpFingerprint?: string;
}

export type FetchOutcome =
  | { ok: true; changes: number; rejectedAgain: boolean }
  | { ok: false; code: string; values: Record<string, string | number> };

type Failure = { ok: false; code: string; values: Record<string, string | number> };
const failure = (code: string, values: Record<string, string | number> = {}): Failure => ({ ok: false, code, values });

async function download(deps: D, url: string): Promise<{ ok: true; json: unknown } | Failure> {
  let res;
  try {
    res = await safeFetch(url, {
      ...netOptions(deps.config),
      ...deps.net,
      ...SELFDESC_LIMITS,
      headers: { accept: 'application/json' },
    });
  } catch (err) {
    if (isNetError(err)) return failure(err.code, { max: SELFDESC_LIMITS.maxBytes / 1024 });
    throw err;
  }
  if (res.status !== 200) return failure('SELFDESC_HTTP_STATUS', { status: res.status });
  try {
    return { ok: true, json: JSON.parse(res.body.toString('utf8')) as unknown };
  } catch {
    return failure('SELFDESC_NOT_JSON');
  }
}

/** The profile as it is in Hearth, in the form a self-description states it. */
async function currentSnapshot(db: D['db'], org: Organisation): Promise<FullSnapshot> {
  const profile = await profileRepo.getProfile(db, org.id);
  const texts = await Promise.all(TEXT_FIELDS.map((f) => listTranslations(db, { ownerType: ORG_TEXT_OWNER, ownerId: org.id }, f)));
  const services = await servicesRepo.listServices(db, org.id);
  const snap = (list: (typeof texts)[number]) =>
    list.map((v) => ({ lang: v.lang, body: v.body, source: v.isSource, translator: v.isSource ? null : v.translator, machine: v.machine }));
  return {
    name: org.name,
    summary: snap(texts[0]!),
    description: snap(texts[1]!),
    countries: profile.countries,
    region: profile.region,
    languages: profile.languages,
    founded: profile.founded,
    website: profile.website,
    email: profile.contactEmail,
    securityContact: profile.securityContact,
    donationUrl: profile.donationUrl,
    openpgp: profile.openpgp?.armored ?? null,
    services: services.map((s) => ({
      kind: s.kind,
      name: s.name,
      url: s.url,
      software: s.software,
      softwareVersion: s.softwareVersion,
      registration: s.registration,
      status: s.status,
      countries: s.countries,
    })),
  };
}

/** Keys are shown by their fingerprint. */
function keyLabeller(current: { armored: string; fingerprint: string } | null, pending: PendingChange) {
  return (armored: string) =>
    armored === current?.armored
      ? formatFingerprint(current.fingerprint)
      : armored === pending.snapshot.openpgp && pending.openpgpFingerprint
        ? formatFingerprint(pending.openpgpFingerprint)
        : '?';
}

/** Checks a fetched document and compares it with the profile. */
async function evaluate(deps: D, org: Organisation, json: unknown): Promise<{ ok: true; pending: PendingChange; rows: DiffRow[] } | Failure> {
  const now = deps.clock.now();
  const current = await currentSnapshot(deps.db, org);
  const profile = await profileRepo.getProfile(deps.db, org.id);
  const fallbackLang =
    sourceLanguageOf({ summary: textVersions(current.summary), description: textVersions(current.description) }) ?? profile.languages[0] ?? 'en';
  const read = readSelfDescription(json, now, fallbackLang);
  if (!read.ok) return failure('SELFDESC_INVALID', { path: read.path });
  const pending: PendingChange = { format: read.format, snapshot: read.snapshot };
  if (pending.snapshot.openpgp) {
    try {
      const key = await parsePublicKey(pending.snapshot.openpgp, now, 'openpgp');
      // Compared and stored in the library's own armor, like keys typed into the form.
      pending.snapshot.openpgp = key.armored;
      pending.openpgpFingerprint = key.fingerprint;
    } catch (err) {
      if (err instanceof AppError) return failure(err.code);
      throw err;
    }
  }
  return { ok: true, pending, rows: diffSnapshots(current, pending.snapshot, keyLabeller(profile.openpgp, pending)) };
}

// The kernel's TextVersion shape, enough for sourceLanguageOf.
const textVersions = (list: FullSnapshot['summary']) =>
  list.map((t) => ({ ownerType: ORG_TEXT_OWNER, ownerId: '', field: '', lang: t.lang, body: t.body, isSource: t.source, translator: t.translator, machine: t.machine, createdBy: null, updatedAt: new Date(0) }));

const hashOf = (pending: PendingChange) => createHash('sha256').update(JSON.stringify(pending)).digest('hex');

async function recordOutcome(deps: D, org: Organisation, source: SelfDescSource, fetched: { ok: true; json: unknown } | Failure): Promise<FetchOutcome> {
  const now = nowTs(deps.clock);
  const evaluated = fetched.ok ? await evaluate(deps, org, fetched.json) : fetched;
  if (!evaluated.ok) {
    await repo.recordFailure(deps.db, org.id, source.url, evaluated.code, evaluated.values, now);
    return evaluated;
  }
  const hash = hashOf(evaluated.pending);
  const nothingToDecide = evaluated.rows.length === 0;
  const rejectedAgain = !nothingToDecide && hash === source.rejectedHash;
  await repo.recordSuccess(deps.db, org.id, source.url, nothingToDecide || rejectedAgain ? null : { json: JSON.stringify(evaluated.pending), hash }, now);
  return { ok: true, changes: rejectedAgain ? 0 : evaluated.rows.length, rejectedAgain };
}

/** Fetches one organisation's file and records the result (the daily job and "fetch now" both end here). */
export async function fetchSelfDescription(deps: D, orgId: string): Promise<FetchOutcome> {
  const source = await repo.findSource(deps.db, orgId);
  if (!source) return failure('SELFDESC_NO_SOURCE');
  const org = await orgRepo.getOrganisation(deps.db, orgId);
  // No transaction is open during the download: SQLite has one writer.
  return recordOutcome(deps, org, source, await download(deps, source.url));
}

export async function fetchNow(deps: D, actor: Actor, slug: string): Promise<FetchOutcome> {
  const org = await getEditableOrganisation(deps, actor, slug);
  return fetchSelfDescription(deps, org.id);
}

/** Problems with the address itself: the address is refused and the one saved before stays. */
const addressProblems = new Set(['NET_BAD_URL', 'NET_FORBIDDEN_ADDRESS']);

/**
 * Sets (or with null removes) the address of the file, and fetches it at once.
 * An address Hearth will never fetch (not http(s), a private network) is refused
 * without saving anything; a server that fails today is saved, with the failure shown.
 */
export async function setSource(deps: D, actor: Actor, slug: string, url: string | null): Promise<FetchOutcome | undefined> {
  const org = await getEditableOrganisation(deps, actor, slug);
  if (url === null) {
    await deps.db.transaction().execute(async (trx) => {
      if (await repo.deleteSource(trx, org.id)) {
        await audit(trx, actor, 'federation.selfdesc.source_removed', { targetType: 'organisation', targetId: org.id, orgId: org.id });
      }
    });
    return undefined;
  }
  const fetched = await download(deps, url);
  if (!fetched.ok && addressProblems.has(fetched.code)) {
    throw new AppError(fetched.code, 422, { fields: { url: { key: `error.${fetched.code}` } } });
  }
  await deps.db.transaction().execute(async (trx) => {
    await repo.saveSourceUrl(trx, org.id, url, nowTs(deps.clock));
    await audit(trx, actor, 'federation.selfdesc.source_set', { targetType: 'organisation', targetId: org.id, orgId: org.id, data: { url } });
  });
  const source = (await repo.findSource(deps.db, org.id))!;
  return recordOutcome(deps, org, source, fetched);
}

export interface SelfDescView {
  source: SelfDescSource | undefined;
  pending: (PendingChange & { hash: string; at: Date }) | null;
  /** Differences between the pending version and the profile as it is now. */
  rows: DiffRow[];
}

export async function viewSelfDesc(deps: D, actor: Actor, slug: string): Promise<SelfDescView & { org: Organisation }> {
  const org = await getEditableOrganisation(deps, actor, slug);
  const source = await repo.findSource(deps.db, org.id);
  if (!source?.pending) return { org, source, pending: null, rows: [] };
  const pending = JSON.parse(source.pending.json) as PendingChange;
  const current = await currentSnapshot(deps.db, org);
  const profile = await profileRepo.getProfile(deps.db, org.id);
  return {
    org,
    source,
    pending: { ...pending, hash: source.pending.hash, at: source.pending.at },
    rows: diffSnapshots(current, pending.snapshot, keyLabeller(profile.openpgp, pending)),
  };
}

async function pendingFor(deps: D, org: Organisation, version: string): Promise<PendingChange> {
  const source = await repo.findSource(deps.db, org.id);
  // What the person reviewed must be what is applied: a newer fetch means reviewing again.
  if (!source?.pending || source.pending.hash !== version) throw new AppError('SELFDESC_STALE', 409);
  return JSON.parse(source.pending.json) as PendingChange;
}

const serviceKey = (s: ServiceInput) => `${s.kind} ${s.url}`;

/** Applies the reviewed version: only the fields the file states change. */
export async function applySelfDesc(deps: D, actor: Actor, slug: string, version: string): Promise<number> {
  const org = await getEditableOrganisation(deps, actor, slug);
  const { snapshot: s } = await pendingFor(deps, org, version);
  const now = deps.clock.now();
  // The key is checked again: it may have expired since the fetch.
  const key = typeof s.openpgp === 'string' ? await parsePublicKey(s.openpgp, now, 'openpgp') : s.openpgp;
  return deps.db.transaction().execute(async (trx) => {
    const ts = toTimestamp(now);
    const current = await currentSnapshot(trx, org);
    const rows = diffSnapshots(current, s, (k) => k);
    const p = await profileRepo.getProfile(trx, org.id);
    if (s.name !== undefined && s.name !== org.name) await profileRepo.updateOrganisationNameAndSlug(trx, org.id, s.name, org.slug, ts);
    const pick = <T>(v: T | undefined, old: T): T => (v === undefined ? old : v);
    await profileRepo.saveProfile(
      trx,
      org.id,
      {
        region: pick(s.region, p.region),
        founded_year: pick(s.founded, p.founded),
        website: pick(s.website, p.website),
        contact_email: pick(s.email, p.contactEmail),
        security_contact: pick(s.securityContact, p.securityContact),
        donation_url: pick(s.donationUrl, p.donationUrl),
        ...(key === undefined
          ? {
              openpgp_key: p.openpgp?.armored ?? null,
              openpgp_fingerprint: p.openpgp?.fingerprint ?? null,
              openpgp_algorithm: p.openpgp?.algorithm ?? null,
              openpgp_expires_at: p.openpgp?.expiresAt ? toTimestamp(p.openpgp.expiresAt) : null,
            }
          : {
              openpgp_key: key?.armored ?? null,
              openpgp_fingerprint: key?.fingerprint ?? null,
              openpgp_algorithm: key?.algorithm ?? null,
              openpgp_expires_at: key?.expiresAt ? toTimestamp(key.expiresAt) : null,
            }),
      },
      ts,
    );
    if (s.countries) await profileRepo.replaceCountries(trx, org.id, s.countries);
    if (s.languages) await profileRepo.replaceLanguages(trx, org.id, s.languages);
    for (const field of TEXT_FIELDS) {
      const list = s[field];
      if (!list) continue;
      await clearField(trx, org.id, field);
      // The original first: translations need something to be translations of.
      for (const t of [...list].sort((a, b) => Number(b.source) - Number(a.source))) {
        await setText(trx, {
          ownerType: ORG_TEXT_OWNER,
          ownerId: org.id,
          field,
          lang: t.lang,
          body: t.body,
          source: t.source,
          translator: t.translator,
          machine: t.machine,
          by: actorId(actor),
          now,
        });
      }
    }
    if (s.services) {
      const existing = new Map((await servicesRepo.listServices(trx, org.id)).map((x) => [serviceKey(x), x]));
      const wanted = new Map(s.services.map((x) => [serviceKey(x), x]));
      for (const [k, old] of existing) if (!wanted.has(k)) await servicesRepo.deleteService(trx, org.id, old.id);
      for (const [k, x] of wanted) {
        const fields = {
          kind: x.kind,
          name: x.name,
          url: x.url,
          software: x.software,
          software_version: x.softwareVersion,
          registration: x.registration,
          server_countries: servicesRepo.joinCountries(x.countries),
          status: x.status,
        };
        const old = existing.get(k);
        if (old) await servicesRepo.updateService(trx, org.id, old.id, fields, ts);
        else await servicesRepo.insertService(trx, { id: newId(), org_id: org.id, ...fields, created_at: ts, updated_at: ts });
      }
    }
    await profileRepo.touchProfile(trx, org.id, ts);
    await repo.clearPending(trx, org.id, null);
    await audit(trx, actor, 'federation.selfdesc.applied', {
      targetType: 'organisation',
      targetId: org.id,
      orgId: org.id,
      data: { version, changed: [...new Set(rows.map((r) => (r.kind === 'service' ? 'services' : r.field)))] },
    });
    return rows.length;
  });
}

export async function rejectSelfDesc(deps: D, actor: Actor, slug: string, version: string): Promise<void> {
  const org = await getEditableOrganisation(deps, actor, slug);
  await pendingFor(deps, org, version);
  await deps.db.transaction().execute(async (trx) => {
    await repo.clearPending(trx, org.id, version);
    await audit(trx, actor, 'federation.selfdesc.rejected', { targetType: 'organisation', targetId: org.id, orgId: org.id, data: { version } });
  });
}

// ── Daily fetch ────────────────────────────────────────────────────────

export const SELFDESC_FETCH_JOB = 'federation.selfdesc.fetch';
export const SELFDESC_DAILY_JOB = 'federation.selfdesc.daily';

/** One job per organisation, so one slow server delays no other; the day in the id makes a second enqueue a no-op. */
export async function enqueueDailyFetches(deps: Pick<Deps, 'db' | 'clock'>): Promise<number> {
  const day = deps.clock.now().toISOString().slice(0, 10);
  const ids = await repo.listSourceOrgIds(deps.db);
  for (const orgId of ids) {
    await enqueueJob(deps.db, deps.clock, SELFDESC_FETCH_JOB, { orgId }, { id: `selfdesc:${orgId}:${day}`, maxAttempts: 1 });
  }
  return ids.length;
}

export function registerSelfDescJobs(deps: Deps): void {
  deps.jobs.register(
    SELFDESC_FETCH_JOB,
    async (payload) => {
      const { orgId } = payload as { orgId: string };
      // A failed fetch is an outcome (recorded and shown), not a job failure to retry.
      await fetchSelfDescription(deps, orgId);
    },
    { timeoutMs: 60_000 },
  );
  deps.jobs.register(SELFDESC_DAILY_JOB, async () => {
    await enqueueDailyFetches(deps);
  });
  deps.jobs.schedule({ name: SELFDESC_DAILY_JOB, cron: '23 4 * * *', kind: SELFDESC_DAILY_JOB });
}
