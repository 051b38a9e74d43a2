// Multilingual text, the mechanism every module with long texts reuses
// (organisation descriptions, announcements, proposals, surveys, guides).
// Each owner/field has one source version (the language it was written in) and
// any number of translations, each credited to a person or flagged as machine-made.
// A reader gets their own language when it exists, otherwise the source, flagged
// as a fallback so the page can say so.
//
// AUTHORIZATION AND AUDIT ARE THE CALLER'S JOB. These functions check the
// input, not the person: the owning module decides who may edit its texts (e.g.
// the org-admins of that organisation), calls setText inside its own
// transaction, and writes its own audit entry there
// (`audit(trx, actor, 'federation.profile.translated', {...})`).
import type { Db } from '../db/connect.js';
import { AppError, validationFailed } from '../errors.js';
import { MARKDOWN_MAX_LENGTH } from '../markdown/markdown.js';
import { toTimestamp } from '../time.js';
import { isLanguage } from './languages.js';
import {
  clearSource,
  deleteOwnerRows,
  deleteTextRow,
  insertTextRow,
  listPickRows,
  listTextRows,
  toTextVersion,
  updateTextRow,
  type PickRow,
  type TextOwner,
  type TextVersion,
} from './text.repository.js';

export type { TextOwner, TextVersion } from './text.repository.js';

/** Longest body accepted: what the Markdown renderer shows in full. */
export const TEXT_MAX_LENGTH = MARKDOWN_MAX_LENGTH;
export const TRANSLATOR_MAX_LENGTH = 120;

export const unknownLanguage = () =>
  new AppError('TEXT_UNKNOWN_LANGUAGE', 422, { fields: { lang: { key: 'error.TEXT_UNKNOWN_LANGUAGE' } } });
export const sourceRequired = () => new AppError('TEXT_SOURCE_REQUIRED', 422, { fields: { lang: { key: 'error.TEXT_SOURCE_REQUIRED' } } });

export interface SetTextInput extends TextOwner {
  field: string;
  lang: string;
  body: string;
  /**
   * true: this version becomes the source (the former source stays as a translation).
   * false: a translation; refused when it would leave no source.
   * Omitted: the first version of a field is its source; an existing version keeps its role.
   */
  source?: boolean;
  /** Who translated it, credited under the text; ignored for the source. */
  translator?: string | null;
  machine?: boolean;
  /** The person saving it. */
  by: string | null;
  /** Defaults to now; callers pass deps.clock.now(). */
  now?: Date;
}

/** The version of one owner's text that a reader sees. */
export interface PickedText {
  body: string;
  lang: string;
  isSource: boolean;
  translator: string | null;
  machine: boolean;
  /** The reader's language is missing: this is the source, and the page should say so. */
  fallback: boolean;
  /** Every language this text exists in, the source first. */
  available: string[];
}

export function normaliseLang(lang: string): string {
  const code = lang.trim().toLowerCase();
  if (!isLanguage(code)) throw unknownLanguage();
  return code;
}

function checkBody(body: string): string {
  // Browsers send CRLF from textareas; store one kind of line end.
  const text = body.replace(/\r\n?/g, '\n');
  if (text.trim() === '') throw validationFailed({ body: 'form.required' });
  if (text.length > TEXT_MAX_LENGTH) throw validationFailed({ body: { key: 'form.tooLong', values: { max: TEXT_MAX_LENGTH } } });
  return text;
}

function checkTranslator(name: string | null | undefined): string | null {
  const t = name?.trim() ?? '';
  if (t.length > TRANSLATOR_MAX_LENGTH) throw validationFailed({ translator: { key: 'form.tooLong', values: { max: TRANSLATOR_MAX_LENGTH } } });
  return t === '' ? null : t;
}

/**
 * Saves one language version, replacing the one already there. Run it inside the
 * caller's transaction (with their audit entry); it keeps exactly one source per
 * owner/field.
 */
export async function setText(trx: Db, input: SetTextInput): Promise<TextVersion> {
  const lang = normaliseLang(input.lang);
  const body = checkBody(input.body);
  const translator = checkTranslator(input.translator);
  const owner = { ownerType: input.ownerType, ownerId: input.ownerId };

  const rows = await listTextRows(trx, owner, input.field);
  const current = rows.find((r) => r.lang === lang);
  const source = rows.find((r) => Number(r.is_source) === 1);

  let makeSource: boolean;
  if (input.source === true) makeSource = true;
  else if (input.source === false) {
    // A translation needs something to be a translation of.
    if (!source || source.lang === lang) throw sourceRequired();
    makeSource = false;
  } else makeSource = current ? Number(current.is_source) === 1 : !source;

  // The old source steps down first, so the one-source index never sees two.
  if (makeSource && source && source.lang !== lang) await clearSource(trx, owner, input.field);

  const row = {
    owner_type: input.ownerType,
    owner_id: input.ownerId,
    field: input.field,
    lang,
    body,
    is_source: makeSource ? 1 : 0,
    // The source is the original: no translator to credit.
    translator: makeSource ? null : translator,
    machine: !makeSource && input.machine === true ? 1 : 0,
    created_by: input.by,
    updated_at: toTimestamp(input.now ?? new Date()),
  };
  if (current) await updateTextRow(trx, row);
  else await insertTextRow(trx, row);
  return toTextVersion(row);
}

/** Every version of one owner's field, the source first. */
export async function listTranslations(db: Db, owner: TextOwner, field: string): Promise<TextVersion[]> {
  return (await listTextRows(db, owner, field)).map(toTextVersion);
}

/** Removes one translation; the source cannot be removed this way (make another version the source first). */
export async function deleteTranslation(trx: Db, owner: TextOwner, field: string, lang: string): Promise<boolean> {
  const code = normaliseLang(lang);
  const rows = await listTextRows(trx, owner, field);
  const row = rows.find((r) => r.lang === code);
  if (!row) return false;
  if (Number(row.is_source) === 1 && rows.length > 1) throw sourceRequired();
  return (await deleteTextRow(trx, owner, field, code)) > 0;
}

/** Every text of an owner, every field and language: call it when the owner itself is deleted. */
export async function deleteTexts(trx: Db, owner: TextOwner): Promise<number> {
  return deleteOwnerRows(trx, owner);
}

type PickInput = Pick<PickRow, 'owner_id' | 'lang' | 'translator' | 'body'> & { is_source: number | boolean; machine: number | boolean };

function versionToPickInput(v: TextVersion): PickInput {
  return { owner_id: v.ownerId, lang: v.lang, is_source: v.isSource, translator: v.translator, machine: v.machine, body: v.body };
}

/**
 * For each owner, the version a reader of `readerLang` sees: their language when
 * it exists, otherwise the source with `fallback` set. Owners without any text
 * are absent from the map. From the database in one query for many owners
 * (directory pages), or from versions already loaded.
 */
export async function pickText(
  from: Db | readonly TextVersion[],
  ownerType: string,
  ownerIds: readonly string[],
  field: string,
  readerLang: string,
): Promise<Map<string, PickedText>> {
  const reader = readerLang.trim().toLowerCase();
  if (Array.isArray(from)) {
    const wanted = new Set(ownerIds);
    const versions = (from as readonly TextVersion[]).filter((v) => v.ownerType === ownerType && v.field === field && wanted.has(v.ownerId));
    return pickFrom(versions.map(versionToPickInput), reader);
  }
  if (ownerIds.length === 0) return new Map();
  return pickFrom(await listPickRows(from as Db, ownerType, [...new Set(ownerIds)], field, reader), reader);
}

function pickFrom(rows: readonly PickInput[], reader: string): Map<string, PickedText> {
  const byOwner = new Map<string, PickInput[]>();
  for (const r of rows) {
    const list = byOwner.get(r.owner_id);
    if (list) list.push(r);
    else byOwner.set(r.owner_id, [r]);
  }
  const out = new Map<string, PickedText>();
  for (const [ownerId, list] of byOwner) {
    const source = list.find((r) => Number(r.is_source) === 1);
    const own = list.find((r) => r.lang === reader);
    // A source is always there (setText keeps one); the first row covers a damaged table.
    const shown = own ?? source ?? list[0]!;
    const available = list
      .slice()
      .sort((a, b) => Number(b.is_source) - Number(a.is_source) || a.lang.localeCompare(b.lang))
      .map((r) => r.lang);
    out.set(ownerId, {
      body: shown.body ?? '',
      lang: shown.lang,
      isSource: Number(shown.is_source) === 1,
      translator: shown.translator,
      machine: Number(shown.machine) === 1,
      fallback: own === undefined,
      available,
    });
  }
  return out;
}
