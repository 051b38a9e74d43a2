// The public directory and the machine-readable federation. Everything here is
// public: it never reads people, e-mail addresses of people, or anything not
// published by a member on its own profile.
import { createHash } from 'node:crypto';
import type { Deps } from '../../kernel/deps.js';
import type { Actor } from '../../kernel/auth/actor.js';
import { AppError } from '../../kernel/errors.js';
import { pickText, type PickedText } from '../../kernel/text/index.js';
import { toTimestamp } from '../../kernel/time.js';
import type { Organisation } from './federation.repository.js';
import * as repo from './directory.repository.js';
import type { DirectoryFilters } from './directory.repository.js';
import type { FederationDoc, MemberDoc, TextDoc } from './directory.schemas.js';
import { extensionOf } from './profile.image.js';
import { listOrgTexts, listProfiles, ORG_TEXT_OWNER, type OrgText, type Profile } from './profile.repository.js';
import { canSeePublicProfile } from './profile.policy.js';
import { resolveSlug } from './profile.service.js';
import type { ServiceKind } from './profile.tables.js';
import { listServicesOf, type Service } from './services.repository.js';

type D = Pick<Deps, 'db' | 'clock' | 'config'>;

export const DIRECTORY_PAGE_SIZE = 20;

export interface DirectoryEntry {
  org: Organisation;
  profile: Profile;
  summary: PickedText | undefined;
  serviceKinds: ServiceKind[];
}

export interface DirectoryPage {
  entries: DirectoryEntry[];
  total: number;
  next: string | undefined;
}

export async function searchDirectory(deps: D, filters: DirectoryFilters, after: string | undefined, readerLang: string): Promise<DirectoryPage> {
  const [{ orgs, next }, total] = await Promise.all([
    repo.searchMembers(deps.db, filters, { after, limit: DIRECTORY_PAGE_SIZE }),
    repo.countMembers(deps.db, filters),
  ]);
  const ids = orgs.map((o) => o.id);
  const [profiles, summaries, services] = await Promise.all([
    listProfiles(deps.db, ids),
    pickText(deps.db, ORG_TEXT_OWNER, ids, 'summary', readerLang),
    listServicesOf(deps.db, ids),
  ]);
  return {
    entries: orgs.map((org) => ({
      org,
      profile: profiles.get(org.id)!,
      summary: summaries.get(org.id),
      serviceKinds: [...new Set((services.get(org.id) ?? []).map((s) => s.kind))],
    })),
    total,
    next,
  };
}

// ── Documents ──────────────────────────────────────────────────────────

export const logoPath = (logo: { id: string; contentType: string }) => `/logos/${logo.id}.${extensionOf(logo.contentType)}`;

const textsOf = (texts: OrgText[], field: string): TextDoc[] =>
  texts
    .filter((t) => t.field === field)
    .map((t) => ({ lang: t.lang, body: t.body, source: t.isSource, translator: t.isSource ? null : t.translator, machine: t.machine }));

/** One member as published. Only what the member published about itself: no people, no drafts. */
export function memberDocOf(baseUrl: string, org: Organisation, profile: Profile, texts: OrgText[], services: Service[]): MemberDoc {
  return {
    slug: org.slug,
    name: org.name,
    url: `${baseUrl}/members/${org.slug}`,
    summary: textsOf(texts, 'summary'),
    description: textsOf(texts, 'description'),
    countries: profile.countries,
    region: profile.region,
    languages: profile.languages,
    founded: profile.founded,
    website: profile.website,
    email: profile.contactEmail,
    securityContact: profile.securityContact,
    openpgp: profile.openpgp
      ? {
          fingerprint: profile.openpgp.fingerprint,
          algorithm: profile.openpgp.algorithm,
          expires: profile.openpgp.expiresAt ? toTimestamp(profile.openpgp.expiresAt) : null,
          key: profile.openpgp.armored,
        }
      : null,
    donationUrl: profile.donationUrl,
    logo: profile.logo ? { url: `${baseUrl}${logoPath(profile.logo)}`, type: profile.logo.contentType as 'image/png', sha256: profile.logo.id } : null,
    services: services.map((s) => ({
      kind: s.kind,
      name: s.name,
      url: s.url,
      software: s.software,
      version: s.softwareVersion,
      registration: s.registration,
      countries: s.countries,
      status: s.status,
    })),
    updatedAt: toTimestamp(latest(org.createdAt, profile.updatedAt)),
  };
}

const latest = (...dates: (Date | null)[]) => new Date(Math.max(...dates.filter((d): d is Date => d !== null).map((d) => d.getTime())));

async function memberDocsOf(deps: D, orgs: Organisation[]): Promise<MemberDoc[]> {
  const ids = orgs.map((o) => o.id);
  const [profiles, texts, services] = await Promise.all([listProfiles(deps.db, ids), listOrgTexts(deps.db, ids, ['summary', 'description']), listServicesOf(deps.db, ids)]);
  const textsBy = new Map<string, OrgText[]>();
  for (const t of texts) {
    const l = textsBy.get(t.orgId);
    if (l) l.push(t);
    else textsBy.set(t.orgId, [t]);
  }
  return orgs.map((o) => memberDocOf(deps.config.baseUrl, o, profiles.get(o.id)!, textsBy.get(o.id) ?? [], services.get(o.id) ?? []));
}

/** A JSON body with what HTTP caches need: a strong ETag from its bytes and the time of the latest change. */
export interface PublishedJson {
  /** Encoded once: /federation.json is sent many times between changes. */
  body: Buffer;
  etag: string;
  lastModified: Date | null;
}

const published = (doc: unknown, lastModified: Date | null): PublishedJson => {
  const body = Buffer.from(JSON.stringify(doc), 'utf8');
  return { body, etag: `"${createHash('sha256').update(body).digest('base64url')}"`, lastModified };
};

export async function memberDocument(deps: D, actor: Actor, slug: string): Promise<PublishedJson | { movedTo: string }> {
  const found = await resolveSlug(deps, slug);
  if ('movedTo' in found) return found;
  // Suspended members are not published; their own admins still see the document.
  if (!canSeePublicProfile(actor, found.org)) throw new AppError('ORG_NOT_FOUND', 404);
  const [doc] = await memberDocsOf(deps, [found.org]);
  return published(doc, new Date(doc!.updatedAt!));
}

// Built once per change of the data, per database: every request first asks the
// database (one cheap aggregate) whether anything changed since.
const cache = new WeakMap<object, { key: string; value: PublishedJson }>();

export async function federationDocument(deps: D): Promise<PublishedJson> {
  const version = await repo.federationVersion(deps.db);
  const hit = cache.get(deps.db);
  if (hit && hit.key === version.key) return hit.value;
  const orgs = await repo.listActiveOrganisations(deps.db);
  const members = await memberDocsOf(deps, orgs);
  const doc: FederationDoc = { version: 1, updatedAt: version.lastModified ? toTimestamp(version.lastModified) : null, members };
  const value = published(doc, version.lastModified);
  cache.set(deps.db, { key: version.key, value });
  return value;
}

export const listDirectoryFacets = (deps: D) => repo.listUsedFacets(deps.db);
