import { describe, expect, it } from 'vitest';
import { locales, negotiateLocale, parseAcceptLanguage, translator } from './i18n.js';

describe('negotiateLocale', () => {
  it("prefers the person's saved choice over the cookie and the browser", () => {
    expect(negotiateLocale('de', 'fr', 'es')).toBe('de');
  });

  it('prefers the switcher cookie over the browser', () => {
    expect(negotiateLocale(null, 'fr', 'es')).toBe('fr');
    expect(negotiateLocale(undefined, 'ca', 'es, de;q=0.9')).toBe('ca');
  });

  it('skips a saved choice or cookie naming a language we do not have', () => {
    expect(negotiateLocale('xx', 'fr', 'es')).toBe('fr');
    expect(negotiateLocale(null, 'klingon', 'es')).toBe('es');
  });

  it('takes the browser language with the highest q-value, whatever its position', () => {
    expect(negotiateLocale(null, undefined, 'de;q=0.5, fr;q=0.9, en;q=0.1')).toBe('fr');
    expect(negotiateLocale(null, undefined, 'it;q=0.2,cs')).toBe('cs');
  });

  it('falls back from a regional tag to its base language', () => {
    expect(negotiateLocale(null, undefined, 'pt-BR')).toBe('pt');
    expect(negotiateLocale(null, undefined, 'ar-EG;q=0.9, ja;q=1')).toBe('ar');
    expect(negotiateLocale(null, undefined, 'PT-br')).toBe('pt');
  });

  it('ignores refused (q=0) languages and wildcards', () => {
    expect(negotiateLocale(null, undefined, 'fr;q=0, de;q=0.1')).toBe('de');
    expect(negotiateLocale(null, undefined, '*, es;q=0.5')).toBe('es');
  });

  it('uses the configured default, then English, when nothing matches', () => {
    expect(negotiateLocale(null, undefined, 'ja, zh;q=0.8')).toBe('en');
    expect(negotiateLocale(null, undefined, 'ja', 'es')).toBe('es');
    expect(negotiateLocale(null, undefined, undefined, 'xx')).toBe('en');
  });

  it('reads a hostile header without throwing, and only its first entries', () => {
    // A malformed weight counts as a refusal, not as a preference.
    expect(parseAcceptLanguage(';;;,q=,de;q=abc,,')).not.toContain('de');
    expect(negotiateLocale(null, undefined, ';;;,q=,de;q=abc,,')).toBe('en');
    const long = Array.from({ length: 50 }, (_, i) => `x${i}`).concat('fr').join(',');
    expect(negotiateLocale(null, undefined, long)).toBe('en');
  });
});

describe('translator', () => {
  // 12:00 UTC: 09:00 in São Paulo (UTC−3), 17:30 in Kolkata (UTC+5:30).
  const instant = new Date('2026-03-02T12:00:00Z');

  it("formats dates and times in the person's time zone", () => {
    const saoPaulo = translator('en', 'America/Sao_Paulo').dateTime(instant);
    const kolkata = translator('en', 'Asia/Kolkata').dateTime(instant);
    expect(saoPaulo).toContain('9:00');
    expect(kolkata).toContain('5:30');
    expect(saoPaulo).not.toBe(kolkata);
  });

  it('uses the calendar date of the time zone', () => {
    const late = new Date('2026-03-02T23:30:00Z');
    expect(translator('en', 'UTC').date(late)).toContain('Mar 2');
    expect(translator('en', 'Asia/Tokyo').date(late)).toContain('Mar 3');
  });

  it('falls back to UTC for an unknown time zone', () => {
    const t = translator('en', 'Mars/Olympus_Mons');
    expect(t.timeZone).toBe('UTC');
    expect(t.dateTime(instant)).toContain('12:00');
  });

  it('writes Arabic right to left and every other language left to right', () => {
    expect(translator('ar').dir).toBe('rtl');
    for (const l of locales.filter((x) => x.code !== 'ar')) expect(translator(l.code).dir).toBe('ltr');
  });

  it('falls back to English for an unknown language', () => {
    const t = translator('xx');
    expect(t.locale).toBe('en');
    expect(t.t('nav.signIn')).toBe('Sign in');
  });

  it("chooses each language's plural forms", () => {
    expect(translator('cs').t('form.tooShort', { min: 3 })).toBe('Použijte alespoň 3 znaky.');
    expect(translator('cs').t('form.tooShort', { min: 5 })).toBe('Použijte alespoň 5 znaků.');
    expect(translator('ar').t('form.tooShort', { min: 2 })).toContain('حرفين');
    expect(translator('de').t('sessions.ended', { count: 0 })).toBe('Es gab keine anderen Sitzungen.');
  });

  it('formats numbers in the language of the interface', () => {
    expect(translator('de').number(1234.5)).toBe('1.234,5');
    expect(translator('en').number(1234.5)).toBe('1,234.5');
  });
});
