// Reading a member's self-description file: either a member in Hearth's own
// shape (#/$defs/member of the federation schema) or a librehost.json file,
// whose common fields are mapped onto ours. Both end as a ProfileSnapshot: only
// the fields the file states; a field it leaves out stays as it is in Hearth.
import { z } from 'zod';
import { isLanguage } from '../../kernel/text/index.js';
import { memberDoc } from './directory.schemas.js';
import { isCountryCode } from './profile.countries.js';
import { DESCRIPTION_MAX, emailSchema, FOUNDED_MIN, securityContactSchema, SUMMARY_MAX, webUrl } from './profile.schemas.js';
import type { ServiceInput } from './services.schemas.js';

export interface SnapshotText {
  lang: string;
  body: string;
  source: boolean;
  translator: string | null;
  machine: boolean;
}

/** The profile as a self-description states it; absent keys are not managed by the file. */
export interface ProfileSnapshot {
  name?: string;
  summary?: SnapshotText[];
  description?: SnapshotText[];
  countries?: string[];
  region?: string | null;
  languages?: string[];
  founded?: number | null;
  website?: string | null;
  email?: string | null;
  securityContact?: string | null;
  donationUrl?: string | null;
  /** The armored key; parsed again before it is applied. */
  openpgp?: string | null;
  services?: ServiceInput[];
}

export type SnapshotResult = { ok: true; format: 'hearth' | 'librehost'; snapshot: ProfileSnapshot } | { ok: false; path: string };

const pathOf = (path: PropertyKey[]) =>
  path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)), '') || '(root)';

// librehost.json: the fields several hosters publish. Types are loose there
// (a year as number or date string), so each is read leniently and checked after.
const librehost = z.object({
  name: z.string().max(120).optional(),
  tagLine: z.string().optional(),
  description: z.string().optional(),
  homeUrl: z.string().optional(),
  url: z.string().optional(),
  communicationLanguages: z.array(z.string()).optional(),
  languages: z.array(z.string()).optional(),
  foundingDate: z.union([z.number(), z.string()]).optional(),
  donationsUrl: z.string().optional(),
  donationUrl: z.string().optional(),
  services: z
    .array(
      z.looseObject({
        name: z.string().optional(),
        url: z.string().optional(),
        homeUrl: z.string().optional(),
        software: z.string().optional(),
      }),
    )
    .optional(),
});

const looksLikeLibrehost = (doc: Record<string, unknown>) =>
  ['@context', 'tagLine', 'homeUrl', 'communicationLanguages', 'foundingDate', 'donationsUrl'].some((k) => k in doc);

/** Checks every value against Hearth's rules; the first problem is reported with its path. */
function check(s: ProfileSnapshot, now: Date): string | undefined {
  const textOk = (list: SnapshotText[] | undefined, field: string, max: number) => {
    if (!list) return undefined;
    const seen = new Set<string>();
    for (const [i, t] of list.entries()) {
      if (!isLanguage(t.lang) || seen.has(t.lang)) return `${field}[${i}].lang`;
      if (t.body.trim() === '' || t.body.length > max) return `${field}[${i}].body`;
      seen.add(t.lang);
    }
    if (list.length > 0 && list.filter((t) => t.source).length !== 1) return `${field}`;
    return undefined;
  };
  const firstBad = <T>(list: T[] | undefined, field: string, ok: (v: T) => boolean) => {
    const i = list?.findIndex((v) => !ok(v)) ?? -1;
    return i >= 0 ? `${field}[${i}]` : undefined;
  };
  const optionalOk = (v: string | null | undefined, schema: z.ZodType, field: string) =>
    v !== undefined && v !== null && !schema.safeParse(v).success ? field : undefined;
  return (
    (s.name !== undefined && (s.name.trim() === '' || s.name.length > 120) ? 'name' : undefined) ??
    textOk(s.summary, 'summary', SUMMARY_MAX) ??
    textOk(s.description, 'description', DESCRIPTION_MAX) ??
    firstBad(s.countries, 'countries', isCountryCode) ??
    firstBad(s.languages, 'languages', (l) => isLanguage(l)) ??
    (s.founded !== undefined && s.founded !== null && (s.founded < FOUNDED_MIN || s.founded > now.getUTCFullYear()) ? 'founded' : undefined) ??
    optionalOk(s.website, webUrl, 'website') ??
    optionalOk(s.email, emailSchema, 'email') ??
    optionalOk(s.securityContact, securityContactSchema, 'securityContact') ??
    optionalOk(s.donationUrl, webUrl, 'donationUrl') ??
    s.services?.map((svc, i) => optionalOk(svc.url, webUrl, `services[${i}].url`) ?? firstBad(svc.countries, `services[${i}].countries`, isCountryCode)).find(Boolean)
  );
}

function fromHearth(doc: z.infer<typeof memberDoc>): ProfileSnapshot {
  const texts = (list: z.infer<typeof memberDoc>['summary']) => {
    if (!list) return undefined;
    // Without a flag, the first entry is the original.
    const anySource = list.some((t) => t.source === true);
    return list.map((t, i) => ({
      lang: t.lang,
      body: t.body.replace(/\r\n?/g, '\n').trim(),
      source: anySource ? t.source === true : i === 0,
      translator: t.translator ?? null,
      machine: t.machine === true,
    }));
  };
  const s: ProfileSnapshot = { name: doc.name.trim() };
  const summary = texts(doc.summary);
  const description = texts(doc.description);
  if (summary) s.summary = summary;
  if (description) s.description = description;
  if (doc.countries) s.countries = [...new Set(doc.countries)].sort();
  if (doc.region !== undefined) s.region = doc.region?.trim() || null;
  if (doc.languages) s.languages = [...new Set(doc.languages)].sort();
  if (doc.founded !== undefined) s.founded = doc.founded;
  if (doc.website !== undefined) s.website = doc.website;
  if (doc.email !== undefined) s.email = doc.email?.trim().toLowerCase() || null;
  if (doc.securityContact !== undefined) s.securityContact = doc.securityContact?.trim() || null;
  if (doc.donationUrl !== undefined) s.donationUrl = doc.donationUrl;
  if (doc.openpgp !== undefined) s.openpgp = doc.openpgp?.key ?? null;
  if (doc.services) {
    s.services = doc.services.map((x) => ({
      kind: x.kind,
      name: x.name.trim(),
      url: x.url,
      software: x.software?.trim() || null,
      softwareVersion: x.version?.trim() || null,
      registration: x.registration,
      status: x.status ?? 'active',
      countries: [...new Set(x.countries ?? [])].sort(),
    }));
  }
  return s;
}

function fromLibrehost(doc: z.infer<typeof librehost>, fallbackLang: string): ProfileSnapshot {
  const langs = [...new Set((doc.communicationLanguages ?? doc.languages ?? []).map((l) => l.trim().toLowerCase()))].sort();
  // librehost.json does not say which language its texts are in: the first language it lists, else the profile's own.
  const lang = (doc.communicationLanguages ?? doc.languages ?? []).map((l) => l.trim().toLowerCase()).find((l) => isLanguage(l)) ?? fallbackLang;
  const text = (body: string | undefined) =>
    body && body.trim() ? [{ lang, body: body.replace(/\r\n?/g, '\n').trim(), source: true, translator: null, machine: false }] : undefined;
  const s: ProfileSnapshot = {};
  if (doc.name?.trim()) s.name = doc.name.trim();
  const summary = text(doc.tagLine);
  const description = text(doc.description);
  if (summary) s.summary = summary;
  if (description) s.description = description;
  if (langs.length) s.languages = langs;
  const website = doc.homeUrl ?? doc.url;
  if (website) s.website = website.trim();
  const donation = doc.donationsUrl ?? doc.donationUrl;
  if (donation) s.donationUrl = donation.trim();
  if (doc.foundingDate !== undefined) {
    const year = typeof doc.foundingDate === 'number' ? doc.foundingDate : Number(/^(\d{4})/.exec(doc.foundingDate.trim())?.[1] ?? NaN);
    s.founded = Number.isInteger(year) ? year : -1; // -1 fails the range check with the path "founded"
  }
  if (doc.services) {
    // Only entries with a name and an address; librehost.json has no kind or policy, so they come as "other", "open".
    s.services = doc.services
      .filter((x) => x.name?.trim() && (x.url ?? x.homeUrl))
      .map((x) => ({
        kind: 'other' as const,
        name: x.name!.trim().slice(0, 120),
        url: (x.url ?? x.homeUrl)!.trim(),
        software: x.software?.trim().slice(0, 80) || null,
        softwareVersion: null,
        registration: 'open' as const,
        status: 'active' as const,
        countries: [],
      }));
  }
  return s;
}

/**
 * A parsed JSON document → a snapshot, or the path of the first thing wrong with it.
 * `fallbackLang` is the language assumed for texts whose language the file does not give.
 */
export function readSelfDescription(json: unknown, now: Date, fallbackLang: string): SnapshotResult {
  if (!json || typeof json !== 'object' || Array.isArray(json)) return { ok: false, path: '(root)' };
  const doc = json as Record<string, unknown>;
  let format: 'hearth' | 'librehost';
  let snapshot: ProfileSnapshot;
  if (looksLikeLibrehost(doc)) {
    const parsed = librehost.safeParse(doc);
    if (!parsed.success) return { ok: false, path: pathOf(parsed.error.issues[0]!.path) };
    format = 'librehost';
    snapshot = fromLibrehost(parsed.data, fallbackLang);
  } else {
    const parsed = memberDoc.safeParse(doc);
    if (!parsed.success) return { ok: false, path: pathOf(parsed.error.issues[0]!.path) };
    format = 'hearth';
    snapshot = fromHearth(parsed.data);
  }
  const bad = check(snapshot, now);
  return bad ? { ok: false, path: bad } : { ok: true, format, snapshot };
}
