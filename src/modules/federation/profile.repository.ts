// Every query of profiles, their countries and languages, old slugs and blobs.
import { sql } from 'kysely';
import type { Db } from '../../kernel/db/connect.js';
import type { TextsTable } from '../../kernel/db/kernel.tables.js';
import { fromTimestamp, type Timestamp } from '../../kernel/time.js';
import type { OrgProfilesTable } from './profile.tables.js';

export const ORG_TEXT_OWNER = 'organisation';

export interface OpenPgpKey {
  armored: string;
  fingerprint: string;
  algorithm: string;
  expiresAt: Date | null;
}

export interface Logo {
  /** SHA-256 of the bytes, hex. */
  id: string;
  contentType: string;
  size: number;
}

export interface Profile {
  orgId: string;
  region: string | null;
  founded: number | null;
  website: string | null;
  contactEmail: string | null;
  securityContact: string | null;
  openpgp: OpenPgpKey | null;
  donationUrl: string | null;
  logo: Logo | null;
  countries: string[];
  languages: string[];
  /** null when the organisation never filled in its profile. */
  updatedAt: Date | null;
}

export const emptyProfile = (orgId: string): Profile => ({
  orgId,
  region: null,
  founded: null,
  website: null,
  contactEmail: null,
  securityContact: null,
  openpgp: null,
  donationUrl: null,
  logo: null,
  countries: [],
  languages: [],
  updatedAt: null,
});

type ProfileRow = OrgProfilesTable & { logo_content_type: string | null; logo_size: number | null };

function toProfile(r: ProfileRow, countries: string[], languages: string[]): Profile {
  return {
    orgId: r.org_id,
    region: r.region,
    founded: r.founded_year === null ? null : Number(r.founded_year),
    website: r.website,
    contactEmail: r.contact_email,
    securityContact: r.security_contact,
    openpgp:
      r.openpgp_key && r.openpgp_fingerprint
        ? {
            armored: r.openpgp_key,
            fingerprint: r.openpgp_fingerprint,
            algorithm: r.openpgp_algorithm ?? '',
            expiresAt: r.openpgp_expires_at ? fromTimestamp(r.openpgp_expires_at) : null,
          }
        : null,
    donationUrl: r.donation_url,
    logo: r.logo_blob_id && r.logo_content_type ? { id: r.logo_blob_id, contentType: r.logo_content_type, size: Number(r.logo_size) } : null,
    countries,
    languages,
    updatedAt: fromTimestamp(r.updated_at),
  };
}

function profileQuery(db: Db) {
  return db
    .selectFrom('org_profiles as p')
    .leftJoin('blobs as b', 'b.id', 'p.logo_blob_id')
    .selectAll('p')
    .select(['b.content_type as logo_content_type', 'b.size as logo_size']);
}

// Large enough for any federation page, small enough for SQLite's bound-parameter limit.
const CHUNK = 5_000;

async function chunked<T>(ids: readonly string[], run: (ids: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) out.push(...(await run(ids.slice(i, i + CHUNK))));
  return out;
}

/** Profiles of many organisations at once; an organisation without a row gets an empty profile. */
export async function listProfiles(db: Db, orgIds: readonly string[]): Promise<Map<string, Profile>> {
  const out = new Map<string, Profile>();
  if (orgIds.length === 0) return out;
  const [rows, countries, languages] = await Promise.all([
    chunked(orgIds, (ids) => profileQuery(db).where('p.org_id', 'in', ids).execute()),
    chunked(orgIds, (ids) => db.selectFrom('org_profile_countries').selectAll().where('org_id', 'in', ids).orderBy('country').execute()),
    chunked(orgIds, (ids) => db.selectFrom('org_profile_languages').selectAll().where('org_id', 'in', ids).orderBy('lang').execute()),
  ]);
  const group = <R extends { org_id: string }>(list: R[], pick: (r: R) => string) => {
    const m = new Map<string, string[]>();
    for (const r of list) {
      const l = m.get(r.org_id);
      if (l) l.push(pick(r));
      else m.set(r.org_id, [pick(r)]);
    }
    return m;
  };
  const c = group(countries, (r) => r.country);
  const l = group(languages, (r) => r.lang);
  const byOrg = new Map(rows.map((r) => [r.org_id, r]));
  for (const id of orgIds) {
    const r = byOrg.get(id);
    out.set(id, r ? toProfile(r, c.get(id) ?? [], l.get(id) ?? []) : { ...emptyProfile(id), countries: c.get(id) ?? [], languages: l.get(id) ?? [] });
  }
  return out;
}

export async function getProfile(db: Db, orgId: string): Promise<Profile> {
  return (await listProfiles(db, [orgId])).get(orgId)!;
}

export type ProfileFields = Omit<OrgProfilesTable, 'org_id' | 'logo_blob_id' | 'updated_at' | 'revision'>;

const blankProfile: Omit<OrgProfilesTable, 'org_id' | 'updated_at'> = {
  region: null,
  founded_year: null,
  website: null,
  contact_email: null,
  security_contact: null,
  openpgp_key: null,
  openpgp_fingerprint: null,
  openpgp_algorithm: null,
  openpgp_expires_at: null,
  donation_url: null,
  logo_blob_id: null,
  revision: 0,
};

/** Writes the profile fields (the logo stays as it is). */
export async function saveProfile(db: Db, orgId: string, fields: ProfileFields, now: Timestamp): Promise<void> {
  await touchProfile(db, orgId, now);
  await db.updateTable('org_profiles').set(fields).where('org_id', '=', orgId).execute();
}

/** A change of the profile, its texts, services or logo: updated_at and the revision move on (the row is made when missing). */
export async function touchProfile(db: Db, orgId: string, now: Timestamp): Promise<void> {
  await db
    .insertInto('org_profiles')
    .values({ org_id: orgId, ...blankProfile, revision: 1, updated_at: now })
    .onConflict((oc) => oc.column('org_id').doUpdateSet({ updated_at: now, revision: sql<number>`org_profiles.revision + 1` }))
    .execute();
}

export async function setLogoBlob(db: Db, orgId: string, blobId: string | null, now: Timestamp): Promise<void> {
  await touchProfile(db, orgId, now);
  await db.updateTable('org_profiles').set({ logo_blob_id: blobId }).where('org_id', '=', orgId).execute();
}

export async function replaceCountries(db: Db, orgId: string, countries: readonly string[]): Promise<void> {
  await db.deleteFrom('org_profile_countries').where('org_id', '=', orgId).execute();
  if (countries.length) await db.insertInto('org_profile_countries').values(countries.map((country) => ({ org_id: orgId, country }))).execute();
}

export async function replaceLanguages(db: Db, orgId: string, languages: readonly string[]): Promise<void> {
  await db.deleteFrom('org_profile_languages').where('org_id', '=', orgId).execute();
  if (languages.length) await db.insertInto('org_profile_languages').values(languages.map((lang) => ({ org_id: orgId, lang }))).execute();
}

// ── Slugs ──────────────────────────────────────────────────────────────

/** The organisation an old slug belonged to, if any. */
export async function findSlugOwner(db: Db, slug: string): Promise<string | undefined> {
  const r = await db.selectFrom('org_slug_history').select('org_id').where('slug', '=', slug).executeTakeFirst();
  return r?.org_id;
}

export async function recordOldSlug(db: Db, slug: string, orgId: string, now: Timestamp): Promise<void> {
  await db
    .insertInto('org_slug_history')
    .values({ slug, org_id: orgId, replaced_at: now })
    .onConflict((oc) => oc.column('slug').doUpdateSet({ org_id: orgId, replaced_at: now }))
    .execute();
}

export async function forgetOldSlug(db: Db, slug: string): Promise<void> {
  await db.deleteFrom('org_slug_history').where('slug', '=', slug).execute();
}

export async function updateOrganisationNameAndSlug(db: Db, orgId: string, name: string, slug: string, now: Timestamp): Promise<void> {
  await db.updateTable('organisations').set({ name, slug, updated_at: now }).where('id', '=', orgId).execute();
}

// ── Blobs ──────────────────────────────────────────────────────────────

export interface Blob {
  id: string;
  contentType: string;
  size: number;
  data: Buffer;
}

/** Content-addressed: the same bytes uploaded twice are stored once. */
export async function insertBlob(db: Db, blob: Blob, now: Timestamp): Promise<void> {
  await db
    .insertInto('blobs')
    .values({ id: blob.id, content_type: blob.contentType, size: blob.size, data: blob.data, created_at: now })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

/** A logo blob, only while an active organisation uses it. */
export async function findLogoBlob(db: Db, id: string): Promise<Blob | undefined> {
  const r = await db
    .selectFrom('blobs as b')
    .select(['b.id', 'b.content_type', 'b.size', 'b.data'])
    .where('b.id', '=', id)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('org_profiles as p')
          .innerJoin('organisations as o', 'o.id', 'p.org_id')
          .select('p.org_id')
          .whereRef('p.logo_blob_id', '=', 'b.id')
          .where('o.status', '=', 'active'),
      ),
    )
    .executeTakeFirst();
  return r && { id: r.id, contentType: r.content_type, size: Number(r.size), data: Buffer.from(r.data) };
}

export async function findBlob(db: Db, id: string): Promise<Blob | undefined> {
  const r = await db.selectFrom('blobs').select(['id', 'content_type', 'size', 'data']).where('id', '=', id).executeTakeFirst();
  return r && { id: r.id, contentType: r.content_type, size: Number(r.size), data: Buffer.from(r.data) };
}

/** Removes a blob nothing refers to any more. */
export async function deleteBlobIfUnused(db: Db, id: string): Promise<void> {
  const used = await db.selectFrom('org_profiles').select('org_id').where('logo_blob_id', '=', id).limit(1).executeTakeFirst();
  if (!used) await db.deleteFrom('blobs').where('id', '=', id).execute();
}

// ── Texts of organisations, many at once ───────────────────────────────

export interface OrgText {
  orgId: string;
  field: string;
  lang: string;
  body: string;
  isSource: boolean;
  translator: string | null;
  machine: boolean;
  updatedAt: Date;
}

/**
 * Every language of the given fields for many organisations in one query: the
 * machine-readable documents carry all translations. (Reading one owner goes
 * through the kernel's listTranslations.)
 */
export async function listOrgTexts(db: Db, orgIds: readonly string[], fields: readonly string[]): Promise<OrgText[]> {
  if (orgIds.length === 0) return [];
  const rows: TextsTable[] = await chunked(orgIds, (ids) =>
    db
      .selectFrom('texts')
      .selectAll()
      .where('owner_type', '=', ORG_TEXT_OWNER)
      .where('field', 'in', [...fields])
      .where('owner_id', 'in', ids)
      .orderBy('owner_id')
      .orderBy('field')
      .orderBy('is_source', 'desc')
      .orderBy('lang')
      .execute(),
  );
  return rows.map((r) => ({
    orgId: r.owner_id,
    field: r.field,
    lang: r.lang,
    body: r.body,
    isSource: Number(r.is_source) === 1,
    translator: r.translator,
    machine: Number(r.machine) === 1,
    updatedAt: fromTimestamp(r.updated_at),
  }));
}
