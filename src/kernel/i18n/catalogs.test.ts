// Every translation against the English source: same keys in the same order,
// valid ICU syntax, the same placeholders, and the plural forms each language needs.
import { describe, expect, it } from 'vitest';
// Not a direct dependency: @formatjs/intl uses this parser, so messages are read exactly as at run time.
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { catalogs, locales, sourceLocale, type Catalog } from './i18n.js';

const source = catalogs[sourceLocale]!;
const translations = locales.filter((l) => l.code !== sourceLocale).map((l) => [l.code, catalogs[l.code]!] as const);

type ArgKind = 'argument' | 'number' | 'date' | 'time' | 'plural' | 'select' | 'tag';
const kinds: Partial<Record<TYPE, ArgKind>> = {
  [TYPE.argument]: 'argument',
  [TYPE.number]: 'number',
  [TYPE.date]: 'date',
  [TYPE.time]: 'time',
  [TYPE.plural]: 'plural',
  [TYPE.select]: 'select',
  [TYPE.tag]: 'tag',
};

interface Plural {
  name: string;
  ordinal: boolean;
  selectors: string[];
}

/** The placeholders of a parsed message (name → kind) and its plural elements, nested ones included. */
function inspect(ast: MessageFormatElement[], args = new Map<string, ArgKind>(), plurals: Plural[] = []) {
  for (const el of ast) {
    const kind = kinds[el.type];
    if (kind && 'value' in el && !args.has(el.value)) args.set(el.value, kind);
    if (el.type === TYPE.plural) plurals.push({ name: el.value, ordinal: el.pluralType === 'ordinal', selectors: Object.keys(el.options) });
    if (el.type === TYPE.plural || el.type === TYPE.select) for (const opt of Object.values(el.options)) inspect(opt.value, args, plurals);
    if (el.type === TYPE.tag) inspect(el.children, args, plurals);
  }
  return { args, plurals };
}

function parseAll(locale: string, catalog: Catalog) {
  const errors: string[] = [];
  const parsed = new Map<string, ReturnType<typeof inspect>>();
  for (const [key, message] of Object.entries(catalog)) {
    try {
      parsed.set(key, inspect(parse(message)));
    } catch (err) {
      errors.push(`${locale} ${key}: ${(err as Error).message}`);
    }
  }
  return { errors, parsed };
}

const english = parseAll(sourceLocale, source);

describe('the English source catalog', () => {
  it('parses as ICU MessageFormat', () => {
    expect(english.errors).toEqual([]);
  });

  it('uses exactly the plural categories of English', () => {
    expect(pluralProblems(sourceLocale, english.parsed)).toEqual([]);
  });
});

function pluralProblems(locale: string, parsed: Map<string, ReturnType<typeof inspect>>): string[] {
  const problems: string[] = [];
  for (const [key, { plurals }] of parsed) {
    for (const p of plurals) {
      const needed = new Intl.PluralRules(locale, { type: p.ordinal ? 'ordinal' : 'cardinal' }).resolvedOptions().pluralCategories;
      const categories = p.selectors.filter((s) => !s.startsWith('='));
      const missing = needed.filter((c) => !categories.includes(c));
      const unknown = categories.filter((c) => !(needed as string[]).includes(c));
      if (missing.length) problems.push(`${locale} ${key} {${p.name}}: missing ${missing.join(', ')}`);
      if (unknown.length) problems.push(`${locale} ${key} {${p.name}}: ${unknown.join(', ')} does not exist in this language`);
    }
  }
  return problems;
}

describe.each(translations)('the %s catalog', (locale, catalog) => {
  const { errors, parsed } = parseAll(locale, catalog);

  it('has every key of the source and no other', () => {
    expect(Object.keys(source).filter((k) => !(k in catalog))).toEqual([]);
    expect(Object.keys(catalog).filter((k) => !(k in source))).toEqual([]);
  });

  it('keeps the keys in the order of the source (node scripts/i18n-status.mjs --sort)', () => {
    const order = Object.keys(source).filter((k) => k in catalog);
    expect(Object.keys(catalog).filter((k) => k in source)).toEqual(order);
  });

  it('has no empty message', () => {
    expect(Object.entries(catalog).filter(([, m]) => !m.trim()).map(([k]) => k)).toEqual([]);
  });

  it('parses as ICU MessageFormat', () => {
    expect(errors).toEqual([]);
  });

  it('uses the placeholders of the English message, by the same names', () => {
    const problems: string[] = [];
    for (const [key, { args }] of parsed) {
      const en = english.parsed.get(key)?.args;
      if (!en) continue;
      const names = (m: Map<string, ArgKind>) => [...m.keys()].sort().join(', ');
      if (names(args) !== names(en)) {
        problems.push(`${key}: {${names(args)}} instead of {${names(en)}}`);
        continue;
      }
      for (const [name, kind] of en) {
        // A plain value may become a plural or select where the language needs it; nothing else may change kind.
        const mine = args.get(name)!;
        if (mine !== kind && !(kind === 'argument' && (mine === 'plural' || mine === 'select'))) problems.push(`${key}: {${name}} is ${mine}, in English ${kind}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it(`gives every plural the categories ${locale} needs, and no others`, () => {
    expect(pluralProblems(locale, parsed)).toEqual([]);
  });

  it('keeps commands and product names in code spans as they are', () => {
    const problems: string[] = [];
    for (const [key, message] of Object.entries(source)) {
      const translated = catalog[key];
      if (translated === undefined) continue; // reported as missing above
      for (const code of message.match(/`[^`]+`/g) ?? []) if (!translated.includes(code)) problems.push(`${key}: ${code}`);
    }
    expect(problems).toEqual([]);
  });
});
