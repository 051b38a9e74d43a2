// A member's profile: what it tells the federation and the public about itself.
// Descriptions are multilingual texts (kernel/text) owned by the organisation.
import { createHash } from 'node:crypto';
import type { Deps } from '../../kernel/deps.js';
import { audit } from '../../kernel/audit/audit.js';
import { type Actor, actorId } from '../../kernel/auth/actor.js';
import { translateDbError } from '../../kernel/db/errors.js';
import { AppError, forbidden, type FieldMessage } from '../../kernel/errors.js';
import { deleteTranslation, isLanguage, listTranslations, pickText, setText, type PickedText, type TextVersion } from '../../kernel/text/index.js';
import { nowTs, toTimestamp } from '../../kernel/time.js';
import * as orgRepo from './federation.repository.js';
import type { Organisation } from './federation.repository.js';
import * as repo from './profile.repository.js';
import { ORG_TEXT_OWNER, type Profile } from './profile.repository.js';
import { isCountryCode } from './profile.countries.js';
import { LOGO_MAX_BYTES, sniffImage } from './profile.image.js';
import { parsePublicKey, type OpenPgpKeyInfo } from './profile.openpgp.js';
import { canEditProfile, canSeePublicProfile, canTranslateProfile } from './profile.policy.js';
import { DESCRIPTION_MAX, FOUNDED_MIN, SUMMARY_MAX, TEXT_FIELDS, type ProfileInput, type ProfileTextField } from './profile.schemas.js';
import { listServices, type Service } from './services.repository.js';

type D = Pick<Deps, 'db' | 'clock'>;

const owner = (orgId: string) => ({ ownerType: ORG_TEXT_OWNER, ownerId: orgId });
const fieldMax: Record<ProfileTextField, number> = { summary: SUMMARY_MAX, description: DESCRIPTION_MAX };

/** The organisation behind `slug`, when the actor may edit its profile (403 otherwise, 404 when there is none). */
export async function getEditableOrganisation(deps: D, actor: Actor, slug: string): Promise<Organisation> {
  const org = await orgRepo.getOrganisationBySlug(deps.db, slug);
  if (!canEditProfile(actor, org.id)) throw forbidden();
  return org;
}

export type ProfileTexts = Record<ProfileTextField, TextVersion[]>;

async function loadTexts(db: D['db'], orgId: string): Promise<ProfileTexts> {
  const [summary, description] = await Promise.all(TEXT_FIELDS.map((f) => listTranslations(db, owner(orgId), f)));
  return { summary: summary!, description: description! };
}

/** The language the descriptions were written in: the source of either text. */
export function sourceLanguageOf(texts: ProfileTexts): string | undefined {
  return texts.summary.find((v) => v.isSource)?.lang ?? texts.description.find((v) => v.isSource)?.lang;
}

export interface ProfileEditView {
  org: Organisation;
  profile: Profile;
  texts: ProfileTexts;
  sourceLang: string | undefined;
}

export async function viewProfileForEdit(deps: D, actor: Actor, slug: string): Promise<ProfileEditView> {
  const org = await getEditableOrganisation(deps, actor, slug);
  const [profile, texts] = await Promise.all([repo.getProfile(deps.db, org.id), loadTexts(deps.db, org.id)]);
  return { org, profile, texts, sourceLang: sourceLanguageOf(texts) };
}

/**
 * Codes of countries and languages against the lists, and the founding year
 * against the calendar. Unknown codes are named in the message.
 */
export function checkProfileValues(input: Pick<ProfileInput, 'countries' | 'languages' | 'sourceLang' | 'founded'>, now: Date): void {
  const fields: Record<string, FieldMessage & { code: string }> = {};
  const badCountries = input.countries.filter((c) => !isCountryCode(c));
  if (badCountries.length) fields.countries = { code: 'PROFILE_COUNTRY_UNKNOWN', key: 'error.PROFILE_COUNTRY_UNKNOWN', values: { codes: badCountries.join(', ') } };
  const badLanguages = input.languages.filter((l) => !isLanguage(l));
  if (badLanguages.length) fields.languages = { code: 'PROFILE_LANGUAGE_UNKNOWN', key: 'error.PROFILE_LANGUAGE_UNKNOWN', values: { codes: badLanguages.join(', ') } };
  if (!isLanguage(input.sourceLang)) fields.sourceLang = { code: 'TEXT_UNKNOWN_LANGUAGE', key: 'error.TEXT_UNKNOWN_LANGUAGE' };
  if (input.founded !== null && (input.founded < FOUNDED_MIN || input.founded > now.getUTCFullYear())) {
    fields.founded = { code: 'PROFILE_FOUNDED_INVALID', key: 'error.PROFILE_FOUNDED_INVALID', values: { min: FOUNDED_MIN, max: now.getUTCFullYear() } };
  }
  const entries = Object.entries(fields);
  if (entries.length === 0) return;
  // One problem: its own code (and message) for the whole request; several: the generic one.
  const only = entries.length === 1 ? entries[0]![1] : undefined;
  throw new AppError(
    only?.code ?? 'VALIDATION_FAILED',
    422,
    { fields: Object.fromEntries(entries.map(([k, v]) => [k, { key: v.key, ...(v.values ? { values: v.values } : {}) }])) },
    only?.values ?? {},
  );
}

const normaliseBody = (s: string) => s.replace(/\r\n?/g, '\n');

/** Removes every language of one field, translations first (the source goes last). */
export async function clearField(trx: D['db'], orgId: string, field: ProfileTextField): Promise<void> {
  const versions = await listTranslations(trx, owner(orgId), field);
  for (const v of [...versions].sort((a, b) => Number(a.isSource) - Number(b.isSource))) await deleteTranslation(trx, owner(orgId), field, v.lang);
}

/**
 * Saves the whole profile. Nothing is written unless everything is valid: the
 * key is parsed and the codes are checked before the transaction starts.
 */
export async function updateProfile(deps: D, actor: Actor, slug: string, input: ProfileInput): Promise<Organisation> {
  const org = await getEditableOrganisation(deps, actor, slug);
  const now = deps.clock.now();
  checkProfileValues(input, now);
  const key: OpenPgpKeyInfo | null = input.openpgpKey ? await parsePublicKey(input.openpgpKey, now) : null;

  return deps.db.transaction().execute(async (trx) => {
    const ts = toTimestamp(now);
    const before = await repo.getProfile(trx, org.id);
    const changed: string[] = [];

    if (input.slug !== org.slug) {
      const taken = await orgRepo.findOrganisationBySlug(trx, input.slug);
      if (taken) throw new AppError('ORG_SLUG_TAKEN', 409, { fields: { slug: { key: 'error.ORG_SLUG_TAKEN' } } });
      const formerOwner = await repo.findSlugOwner(trx, input.slug);
      if (formerOwner && formerOwner !== org.id) throw new AppError('PROFILE_SLUG_RESERVED', 409, { fields: { slug: { key: 'error.PROFILE_SLUG_RESERVED' } } });
      // Taking back one of its own former names: that redirect is no longer needed.
      if (formerOwner === org.id) await repo.forgetOldSlug(trx, input.slug);
      await repo.recordOldSlug(trx, org.slug, org.id, ts);
      changed.push('slug');
    }
    if (input.slug !== org.slug || input.name !== org.name) {
      try {
        await repo.updateOrganisationNameAndSlug(trx, org.id, input.name, input.slug, ts);
      } catch (err) {
        translateDbError(err, { slug: { field: 'slug', code: 'ORG_SLUG_TAKEN' } });
      }
      if (input.name !== org.name) changed.push('name');
    }

    const fields: repo.ProfileFields = {
      region: input.region,
      founded_year: input.founded,
      website: input.website,
      contact_email: input.contactEmail,
      security_contact: input.securityContact,
      openpgp_key: key?.armored ?? null,
      openpgp_fingerprint: key?.fingerprint ?? null,
      openpgp_algorithm: key?.algorithm ?? null,
      openpgp_expires_at: key?.expiresAt ? toTimestamp(key.expiresAt) : null,
      donation_url: input.donationUrl,
    };
    const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
    if (!same(before.region, input.region)) changed.push('region');
    if (!same(before.founded, input.founded)) changed.push('founded');
    if (!same(before.website, input.website)) changed.push('website');
    if (!same(before.contactEmail, input.contactEmail)) changed.push('contactEmail');
    if (!same(before.securityContact, input.securityContact)) changed.push('securityContact');
    if (!same(before.openpgp?.fingerprint ?? null, key?.fingerprint ?? null)) changed.push('openpgp');
    if (!same(before.donationUrl, input.donationUrl)) changed.push('donationUrl');
    if (!same(before.countries, [...input.countries].sort())) changed.push('countries');
    if (!same(before.languages, [...input.languages].sort())) changed.push('languages');
    await repo.saveProfile(trx, org.id, fields, ts);
    // The API may repeat a code; the form already folds repeats.
    await repo.replaceCountries(trx, org.id, [...new Set(input.countries)]);
    await repo.replaceLanguages(trx, org.id, [...new Set(input.languages)]);

    for (const field of TEXT_FIELDS) {
      const body = normaliseBody(input[field]);
      const versions = await listTranslations(trx, owner(org.id), field);
      const source = versions.find((v) => v.isSource);
      if (body.trim() === '') {
        if (versions.length) {
          await clearField(trx, org.id, field);
          changed.push(field);
        }
      } else if (!source || source.lang !== input.sourceLang || source.body !== body) {
        await setText(trx, { ...owner(org.id), field, lang: input.sourceLang, body, source: true, by: actorId(actor), now });
        changed.push(field);
      }
    }

    await audit(trx, actor, 'federation.profile.updated', {
      targetType: 'organisation',
      targetId: org.id,
      orgId: org.id,
      data: { changed, ...(input.slug !== org.slug ? { slugFrom: org.slug, slugTo: input.slug } : {}) },
    });
    return { ...org, name: input.name, slug: input.slug };
  });
}

export interface TranslationChange {
  field: ProfileTextField;
  lang: string;
  body: string;
  translator: string | null;
  machine: boolean;
}

/** Adds or replaces a translation of one description. The source itself is edited on the profile form. */
export async function saveTranslation(deps: D, actor: Actor, slug: string, input: TranslationChange): Promise<void> {
  const org = await orgRepo.getOrganisationBySlug(deps.db, slug);
  if (!canTranslateProfile(actor, org.id)) throw forbidden();
  if (input.body.length > fieldMax[input.field]) {
    throw new AppError('VALIDATION_FAILED', 422, { fields: { body: { key: 'form.tooLong', values: { max: fieldMax[input.field] } } } });
  }
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await setText(trx, {
      ...owner(org.id),
      field: input.field,
      lang: input.lang,
      body: input.body,
      source: false,
      translator: input.translator,
      machine: input.machine,
      by: actorId(actor),
      now,
    });
    await repo.touchProfile(trx, org.id, toTimestamp(now));
    await audit(trx, actor, 'federation.profile.translated', {
      targetType: 'organisation',
      targetId: org.id,
      orgId: org.id,
      data: { field: input.field, lang: input.lang, machine: input.machine },
    });
  });
}

export async function removeTranslation(deps: D, actor: Actor, slug: string, field: ProfileTextField, lang: string): Promise<void> {
  const org = await orgRepo.getOrganisationBySlug(deps.db, slug);
  if (!canTranslateProfile(actor, org.id)) throw forbidden();
  await deps.db.transaction().execute(async (trx) => {
    const versions = await listTranslations(trx, owner(org.id), field);
    const v = versions.find((x) => x.lang === lang);
    if (!v) throw new AppError('PROFILE_TRANSLATION_NOT_FOUND', 404);
    // The original is changed or emptied on the profile form, not removed from under its translations.
    if (v.isSource) throw new AppError('TEXT_SOURCE_REQUIRED', 422, { fields: { lang: { key: 'error.TEXT_SOURCE_REQUIRED' } } });
    await deleteTranslation(trx, owner(org.id), field, lang);
    await repo.touchProfile(trx, org.id, nowTs(deps.clock));
    await audit(trx, actor, 'federation.profile.translation_removed', { targetType: 'organisation', targetId: org.id, orgId: org.id, data: { field, lang } });
  });
}

// ── Logo ───────────────────────────────────────────────────────────────

export interface LogoUpload {
  data: Buffer;
  /** The upload went past the size limit and was cut. */
  truncated: boolean;
}

const logoError = (code: string, values: Record<string, string | number> = {}) =>
  new AppError(code, 422, { fields: { logo: { key: `error.${code}`, values } } }, values);

export async function setLogo(deps: D, actor: Actor, slug: string, upload: LogoUpload | undefined): Promise<void> {
  const org = await getEditableOrganisation(deps, actor, slug);
  if (!upload || upload.data.length === 0) throw logoError('PROFILE_LOGO_MISSING');
  if (upload.truncated || upload.data.length > LOGO_MAX_BYTES) throw logoError('PROFILE_LOGO_TOO_LARGE', { max: LOGO_MAX_BYTES / 1024 });
  const kind = sniffImage(upload.data);
  if (!kind) throw logoError('PROFILE_LOGO_TYPE');
  const id = createHash('sha256').update(upload.data).digest('hex');
  await deps.db.transaction().execute(async (trx) => {
    const ts = nowTs(deps.clock);
    const before = await repo.getProfile(trx, org.id);
    await repo.insertBlob(trx, { id, contentType: kind.contentType, size: upload.data.length, data: upload.data }, ts);
    await repo.setLogoBlob(trx, org.id, id, ts);
    if (before.logo && before.logo.id !== id) await repo.deleteBlobIfUnused(trx, before.logo.id);
    await audit(trx, actor, 'federation.profile.logo_changed', {
      targetType: 'organisation',
      targetId: org.id,
      orgId: org.id,
      data: { sha256: id, contentType: kind.contentType, size: upload.data.length },
    });
  });
}

export async function removeLogo(deps: D, actor: Actor, slug: string): Promise<void> {
  const org = await getEditableOrganisation(deps, actor, slug);
  await deps.db.transaction().execute(async (trx) => {
    const before = await repo.getProfile(trx, org.id);
    if (!before.logo) return;
    await repo.setLogoBlob(trx, org.id, null, nowTs(deps.clock));
    await repo.deleteBlobIfUnused(trx, before.logo.id);
    await audit(trx, actor, 'federation.profile.logo_removed', { targetType: 'organisation', targetId: org.id, orgId: org.id, data: { sha256: before.logo.id } });
  });
}

/** The bytes behind /logos/{sha256}.{ext}, while an active member uses them. */
export async function readLogo(deps: D, id: string) {
  if (!/^[0-9a-f]{64}$/.test(id)) return undefined;
  return repo.findLogoBlob(deps.db, id);
}

// ── The public page ────────────────────────────────────────────────────

/** An organisation by its current slug, or the current slug when `slug` is an old one. */
export async function resolveSlug(deps: D, slug: string): Promise<{ org: Organisation } | { movedTo: string }> {
  const org = await orgRepo.findOrganisationBySlug(deps.db, slug);
  if (org) return { org };
  const formerOwner = await repo.findSlugOwner(deps.db, slug);
  if (formerOwner) return { movedTo: (await orgRepo.getOrganisation(deps.db, formerOwner)).slug };
  throw new AppError('ORG_NOT_FOUND', 404);
}

export interface PublicProfileView {
  org: Organisation;
  profile: Profile;
  summary: PickedText | undefined;
  description: PickedText | undefined;
  services: Service[];
  canEdit: boolean;
}

export async function viewPublicProfile(deps: D, actor: Actor, slug: string, readerLang: string): Promise<PublicProfileView | { movedTo: string }> {
  const found = await resolveSlug(deps, slug);
  if ('movedTo' in found) return found;
  const { org } = found;
  // A suspended member is not shown to the public: it answers as if it did not exist.
  if (!canSeePublicProfile(actor, org)) throw new AppError('ORG_NOT_FOUND', 404);
  const [profile, summary, description, services] = await Promise.all([
    repo.getProfile(deps.db, org.id),
    pickText(deps.db, ORG_TEXT_OWNER, [org.id], 'summary', readerLang),
    pickText(deps.db, ORG_TEXT_OWNER, [org.id], 'description', readerLang),
    listServices(deps.db, org.id),
  ]);
  return { org, profile, summary: summary.get(org.id), description: description.get(org.id), services, canEdit: canEditProfile(actor, org.id) };
}
