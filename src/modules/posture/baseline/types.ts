// The shape of the practice catalogue as it is kept in the repository: one file
// per area, each practice with its texts in the shipped languages. The
// catalogue is data; nothing here touches the database.

export const AREAS = ['security', 'automation', 'scalability', 'reliability'] as const;
export type Area = (typeof AREAS)[number];

/** The languages every shipped text exists in; members add more through the text mechanism. */
export const SHIPPED_LANGS = ['en', 'es', 'pt', 'fr'] as const;
export type ShippedLang = (typeof SHIPPED_LANGS)[number];
/** Texts are written in English first; the other shipped languages are translations of it. */
export const SOURCE_LANG: ShippedLang = 'en';

export type Localised = Record<ShippedLang, string>;

export interface Reference {
  title: string;
  url: string;
}

/** One part of a remediation guide: prose in every shipped language, or something the same in all. */
export type GuideBlock = { kind: 'text'; text: Localised } | { kind: 'code'; lang: string; code: string } | { kind: 'heading'; text: string };

export interface PracticeDef {
  /** Stable, lower-case, used in URLs and stored with answers: never reuse one for something else. */
  id: string;
  area: Area;
  /** 1 (good to have) to 3 (essential): how much the practice counts in its area's score. */
  weight: 1 | 2 | 3;
  /** Check ids (src/checks/catalog.ts) that measure it, or empty for a self-assessed practice. */
  checks: readonly string[];
  title: Localised;
  why: Localised;
  /** Self-assessed practices only: what the organisation answers yes / partly / no / not applicable to. */
  question?: Localised;
  guide: readonly GuideBlock[];
  references: readonly Reference[];
}

// ── Builders, so the data files read as prose ────────────────────────────

export const p = (text: Localised): GuideBlock => ({ kind: 'text', text });
/** A configuration or shell snippet: the same in every language (comments in it stay in English). */
export const code = (lang: string, body: string): GuideBlock => ({ kind: 'code', lang, code: body.replace(/^\n/, '').replace(/\s+$/, '') });
/** A heading naming a piece of software: the same in every language. */
export const sw = (name: string): GuideBlock => ({ kind: 'heading', text: name });
export const ref = (title: string, url: string): Reference => ({ title, url });

/** The guide as Markdown in one shipped language. Software headings are level 1 (the renderer shifts them under the page's own). */
export function guideMarkdown(blocks: readonly GuideBlock[], lang: ShippedLang): string {
  return blocks
    .map((b) => {
      if (b.kind === 'text') return b.text[lang];
      if (b.kind === 'heading') return `# ${b.text}`;
      return '```' + b.lang + '\n' + b.code + '\n```';
    })
    .join('\n\n');
}
