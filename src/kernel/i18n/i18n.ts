import { createIntl, createIntlCache, type IntlShape } from '@formatjs/intl';
import en from './catalogs/en.json' with { type: 'json' };
import es from './catalogs/es.json' with { type: 'json' };
import pt from './catalogs/pt.json' with { type: 'json' };
import fr from './catalogs/fr.json' with { type: 'json' };
import it from './catalogs/it.json' with { type: 'json' };
import de from './catalogs/de.json' with { type: 'json' };
import ca from './catalogs/ca.json' with { type: 'json' };
import cs from './catalogs/cs.json' with { type: 'json' };
import ar from './catalogs/ar.json' with { type: 'json' };

export interface LocaleInfo {
  code: string;
  /** The language's name in itself, as the switcher shows it. */
  name: string;
  dir: 'ltr' | 'rtl';
}

export const locales: readonly LocaleInfo[] = [
  { code: 'en', name: 'English', dir: 'ltr' },
  { code: 'es', name: 'Español', dir: 'ltr' },
  { code: 'pt', name: 'Português', dir: 'ltr' },
  { code: 'fr', name: 'Français', dir: 'ltr' },
  { code: 'it', name: 'Italiano', dir: 'ltr' },
  { code: 'de', name: 'Deutsch', dir: 'ltr' },
  { code: 'ca', name: 'Català', dir: 'ltr' },
  { code: 'cs', name: 'Čeština', dir: 'ltr' },
  { code: 'ar', name: 'العربية', dir: 'rtl' },
];

export type MessageKey = keyof typeof en;
export type Catalog = Record<string, string>;

export const catalogs: Record<string, Catalog> = { en, es, pt, fr, it, de, ca, cs, ar };
export const sourceLocale = 'en';

export function isLocale(code: string | undefined | null): code is string {
  return !!code && code in catalogs;
}

export type Values = Record<string, string | number | Date | boolean | null | undefined>;

export interface Translator {
  locale: string;
  dir: 'ltr' | 'rtl';
  timeZone: string;
  t(key: MessageKey, values?: Values): string;
  /** For keys computed at run time (error codes); falls back to the key's English text. */
  tDynamic(key: string, values?: Values): string;
  has(key: string): boolean;
  dateTime(d: Date): string;
  date(d: Date): string;
  number(n: number): string;
}

const cache = createIntlCache();
const intls = new Map<string, IntlShape<string>>();

function intlFor(locale: string, timeZone: string): IntlShape<string> {
  const key = `${locale}|${timeZone}`;
  let intl = intls.get(key);
  if (!intl) {
    // The source catalog underneath: a missing key (caught by the catalog test) shows English, not a key.
    const messages = { ...catalogs[sourceLocale], ...catalogs[locale] };
    intl = createIntl({ locale, messages, timeZone, defaultLocale: sourceLocale, onError: () => {} }, cache);
    intls.set(key, intl);
  }
  return intl;
}

// Translators are immutable, so one per (language, time zone) serves every request:
// building one (and checking the zone) showed up as the top cost of a page.
const translators = new Map<string, Translator>();
const MAX_TRANSLATORS = 5000; // 9 languages × the IANA zones, with room

export function translator(locale: string, timeZone = 'UTC'): Translator {
  const cacheKey = `${locale}|${timeZone}`;
  const cached = translators.get(cacheKey);
  if (cached) return cached;
  const built = buildTranslator(locale, timeZone);
  if (translators.size < MAX_TRANSLATORS) translators.set(cacheKey, built);
  return built;
}

function buildTranslator(locale: string, timeZone: string): Translator {
  const code = isLocale(locale) ? locale : sourceLocale;
  const info = locales.find((l) => l.code === code)!;
  let tz = timeZone;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
  } catch {
    tz = 'UTC';
  }
  const intl = intlFor(code, tz);
  // Messages without values always format the same: remember them.
  const plain = new Map<string, string>();
  const fmt = (key: string, values?: Values) => {
    if (values === undefined) {
      const hit = plain.get(key);
      if (hit !== undefined) return hit;
    }
    const out = intl.formatMessage({ id: key, defaultMessage: catalogs[sourceLocale]![key] ?? key }, values as never) as string;
    if (values === undefined) plain.set(key, out);
    return out;
  };
  return {
    locale: code,
    dir: info.dir,
    timeZone: tz,
    t: fmt,
    tDynamic: fmt,
    has: (key) => key in catalogs[sourceLocale]!,
    dateTime: (d) => intl.formatDate(d, { dateStyle: 'medium', timeStyle: 'short' }),
    date: (d) => intl.formatDate(d, { dateStyle: 'medium' }),
    number: (n) => intl.formatNumber(n),
  };
}

/**
 * The person's saved choice wins, then the switcher's cookie, then the
 * browser's Accept-Language (best q first, base language as a fallback).
 */
export function negotiateLocale(saved: string | null | undefined, cookie: string | undefined, acceptLanguage: string | undefined, fallback = sourceLocale): string {
  if (isLocale(saved)) return saved;
  if (isLocale(cookie)) return cookie;
  for (const tag of parseAcceptLanguage(acceptLanguage ?? '')) {
    const base = tag.split('-')[0];
    if (isLocale(tag)) return tag;
    if (isLocale(base)) return base;
  }
  return isLocale(fallback) ? fallback : sourceLocale;
}

export function parseAcceptLanguage(header: string): string[] {
  return header
    .split(',')
    .slice(0, 20)
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const weight = q ? Number(q.slice(2)) : 1;
      return { tag: tag.toLowerCase(), weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((x) => x.tag && x.tag !== '*' && x.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index)
    .map((x) => x.tag);
}

/** IANA time zones for the profile form. */
export function timeZones(): string[] {
  return ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')];
}
