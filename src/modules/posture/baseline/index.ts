// The practice catalogue as shipped with this version of Hearth. What the
// federation has ADOPTED is a published baseline version in the database
// (posture_baseline_versions): a new catalogue here becomes the baseline only
// through a governance decision. Texts go into the kernel's `texts` table
// (owner 'posture_practice'), where members add languages and credit translators.
import { createHash } from 'node:crypto';
import { automation } from './automation.js';
import { reliability } from './reliability.js';
import { scalability } from './scalability.js';
import { security } from './security.js';
import { AREAS, SHIPPED_LANGS, SOURCE_LANG, guideMarkdown, type Area, type PracticeDef, type ShippedLang } from './types.js';

export { AREAS, SHIPPED_LANGS, SOURCE_LANG } from './types.js';
export type { Area, PracticeDef, ShippedLang, Reference } from './types.js';

export const catalogue: readonly PracticeDef[] = [...security, ...automation, ...scalability, ...reliability];

const byId = new Map(catalogue.map((p) => [p.id, p]));

export function findShippedPractice(id: string): PracticeDef | undefined {
  return byId.get(id);
}

/** What scoring needs of a practice: the part a baseline version freezes (texts and guides live apart). */
export interface PracticeRule {
  id: string;
  area: Area;
  weight: 1 | 2 | 3;
  /** Empty: self-assessed. */
  checks: string[];
}

export const ruleOf = (p: PracticeDef): PracticeRule => ({ id: p.id, area: p.area, weight: p.weight, checks: [...p.checks] });

/** The shipped catalogue's rules, in catalogue order. */
export const shippedRules = (): PracticeRule[] => catalogue.map(ruleOf);

/** The text fields of a practice in the kernel text mechanism. */
export const TEXT_FIELDS = ['title', 'why', 'question', 'guide'] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

/** The shipped text of one field in one language; undefined when the practice has no such field. */
export function shippedText(p: PracticeDef, field: TextField, lang: ShippedLang): string | undefined {
  if (field === 'guide') return guideMarkdown(p.guide, lang);
  if (field === 'question') return p.question?.[lang];
  return p[field][lang];
}

/** Every shipped text row: practice × field × shipped language. */
export function shippedTexts(): { practiceId: string; field: TextField; lang: ShippedLang; body: string }[] {
  const out: { practiceId: string; field: TextField; lang: ShippedLang; body: string }[] = [];
  for (const p of catalogue) {
    for (const field of TEXT_FIELDS) {
      for (const lang of SHIPPED_LANGS) {
        const body = shippedText(p, field, lang);
        if (body !== undefined) out.push({ practiceId: p.id, field, lang, body });
      }
    }
  }
  return out;
}

/** Changes when any shipped text changes: the loader compares it to decide whether to sync. */
export const shippedTextsHash = (() => {
  let memo: string | undefined;
  return () => (memo ??= createHash('sha256').update(JSON.stringify(shippedTexts())).digest('hex'));
})();

/**
 * Problems with the catalogue's data; empty when sound. `checkIds` is the check
 * engine's catalogue (passed in, so this file needs nothing from src/checks/).
 */
export function catalogueProblems(checkIds: readonly string[]): string[] {
  const problems: string[] = [];
  const known = new Set(checkIds);
  const seenIds = new Set<string>();
  const measuredBy = new Map<string, string>();
  for (const p of catalogue) {
    if (!/^[a-z][a-z0-9-]{1,40}$/.test(p.id)) problems.push(`${p.id}: ids are lower-case words joined by hyphens`);
    if (seenIds.has(p.id)) problems.push(`${p.id}: id used twice`);
    seenIds.add(p.id);
    if (!AREAS.includes(p.area)) problems.push(`${p.id}: unknown area ${p.area}`);
    const auto = p.checks.length > 0;
    if (auto === (p.question !== undefined)) problems.push(`${p.id}: needs either check ids or a self-assessment question, not both`);
    for (const c of p.checks) {
      if (!known.has(c)) problems.push(`${p.id}: unknown check ${c}`);
      const other = measuredBy.get(c);
      if (other) problems.push(`${c} measured by both ${other} and ${p.id}`);
      measuredBy.set(c, p.id);
    }
    for (const lang of SHIPPED_LANGS) {
      for (const field of TEXT_FIELDS) {
        const body = shippedText(p, field, lang);
        if (body === undefined) continue;
        if (body.trim() === '') problems.push(`${p.id}: empty ${field} in ${lang}`);
        // A translation that is the English text again is a translation not done.
        if (lang !== SOURCE_LANG && field !== 'guide' && body === shippedText(p, field, SOURCE_LANG)) problems.push(`${p.id}: ${field} in ${lang} is the English text`);
      }
    }
    if (p.references.length === 0) problems.push(`${p.id}: no references`);
    for (const r of p.references) if (!/^https:\/\//.test(r.url)) problems.push(`${p.id}: reference ${r.url} is not https`);
  }
  for (const c of checkIds) if (!measuredBy.has(c)) problems.push(`${c} is measured by no practice`);
  return problems;
}
