// A published training changes: its organiser's org-admins (and coordinators
// and admins) edit it, translate its title and description, or cancel it.
// A cancelled training is kept and shown as cancelled; people registered for
// it are told by e-mail, each in their own language and time zone, through
// the outbox in the same transaction. A change of time or place tells them
// too. Either raises the iCal SEQUENCE, so subscribed calendars update.
import type { Deps } from '../../kernel/deps.js';
import type { Db } from '../../kernel/db/connect.js';
import { audit } from '../../kernel/audit/audit.js';
import type { Actor } from '../../kernel/auth/actor.js';
import { AppError, forbidden, validationFailed } from '../../kernel/errors.js';
import { isLocale, translator } from '../../kernel/i18n/i18n.js';
import { queueMail } from '../../kernel/mail/outbox.js';
import { fromTimestamp, toTimestamp } from '../../kernel/time.js';
import { listTranslations, pickText, setText, type TextVersion } from '../../kernel/text/index.js';
import { instantToWallText } from '../governance/index.js';
import { requirePerson } from './fund.service.js';
import { OWNER, checkTraining, toTraining, type Training } from './learning.service.js';
import { canManageTraining } from './learning.policy.js';
import * as lrepo from './learning.repository.js';
import type { TrainingsTable } from './solidarity.tables.js';

type D = Pick<Deps, 'db' | 'clock' | 'config'>;

const trainingNotFound = () => new AppError('SOLIDARITY_TRAINING_NOT_FOUND', 404);
export const trainingCancelled = () => new AppError('SOLIDARITY_TRAINING_CANCELLED', 409);

/** Who may manage this training, decided before any form is read. Trainings are public: an unknown id is a plain 404. */
export async function assertMayManage(deps: Pick<D, 'db'>, actor: Actor, id: string): Promise<TrainingsTable> {
  requirePerson(actor);
  const row = await lrepo.findTrainingRow(deps.db, id);
  if (!row) throw trainingNotFound();
  if (!canManageTraining(actor, row.org_id)) throw forbidden();
  return row;
}

// ── Editing ──────────────────────────────────────────────────────────────

/** What may change; a field left out keeps its value. Times are wall-clock times in `timeZone` (the organiser's). */
export interface TrainingEdit {
  title?: string | undefined;
  description?: string | undefined;
  startsAt?: string | undefined;
  endsAt?: string | undefined;
  timeZone?: string | undefined;
  onlineUrl?: string | undefined;
  place?: string | undefined;
  languages?: string[] | undefined;
  /** '' for no limit. */
  capacity?: string | undefined;
}

/** The edit form's values: the source title and description, times in the organiser's zone. */
export interface TrainingForEditing {
  training: Training;
  sourceLang: string | undefined;
  values: Record<string, string>;
}

export async function loadForEditing(deps: Pick<D, 'db'>, actor: Actor, id: string): Promise<TrainingForEditing> {
  const row = await assertMayManage(deps, actor, id);
  if (row.status === 'cancelled') throw trainingCancelled();
  const owner = { ownerType: OWNER, ownerId: id };
  const title = (await listTranslations(deps.db, owner, 'title')).find((v) => v.isSource);
  const description = (await listTranslations(deps.db, owner, 'description')).find((v) => v.isSource);
  const t = toTraining(row);
  return {
    training: t,
    sourceLang: title?.lang,
    values: {
      title: title?.body ?? '',
      description: description?.body ?? '',
      startsAt: instantToWallText(t.startsAt, t.timeZone),
      endsAt: instantToWallText(t.endsAt, t.timeZone),
      timeZone: t.timeZone,
      onlineUrl: t.onlineUrl ?? '',
      place: t.place ?? '',
      languages: t.languages.join(' '),
      capacity: t.capacity === null ? '' : String(t.capacity),
    },
  };
}

/**
 * Saves an edit. The title and description change in their source language
 * (translations stay as they are: the translation form updates them). A new
 * time or place raises the SEQUENCE and tells registered people.
 */
export async function editTraining(deps: D, actor: Actor, id: string, edit: TrainingEdit): Promise<{ training: Training; notified: number }> {
  const person = requirePerson(actor);
  const before = await assertMayManage(deps, actor, id);
  if (before.status === 'cancelled') throw trainingCancelled();
  const cur = toTraining(before);
  const zone = edit.timeZone ?? cur.timeZone;
  const c = checkTraining({
    startsAt: edit.startsAt ?? instantToWallText(cur.startsAt, cur.timeZone),
    endsAt: edit.endsAt ?? instantToWallText(cur.endsAt, cur.timeZone),
    timeZone: zone,
    onlineUrl: edit.onlineUrl ?? cur.onlineUrl ?? '',
    place: edit.place ?? cur.place ?? '',
    languages: edit.languages ?? cur.languages,
    capacity: edit.capacity ?? (cur.capacity === null ? '' : String(cur.capacity)),
  });
  const texts: Record<string, string> = {};
  if (edit.title !== undefined && edit.title.trim() === '') texts.title = 'form.required';
  if (edit.description !== undefined && edit.description.trim() === '') texts.description = 'form.required';
  if (Object.keys(texts).length) throw validationFailed(texts);

  return deps.db.transaction().execute(async (trx) => {
    const row = await lrepo.lockTrainingRow(trx, id);
    if (!row) throw trainingNotFound();
    if (row.status === 'cancelled') throw trainingCancelled();
    const registered = await lrepo.countRegistrations(trx, id);
    if (c.capacity !== null && c.capacity < registered) {
      throw validationFailed({ capacity: { key: 'solidarity.training.capacityBelowRegistered', values: { count: registered } } });
    }
    const next = {
      starts_at: toTimestamp(c.starts),
      ends_at: toTimestamp(c.ends),
      time_zone: c.zone,
      online_url: c.onlineUrl,
      place: c.place,
      languages: JSON.stringify(c.languages),
      capacity: c.capacity,
    };
    const changed: string[] = (Object.keys(next) as (keyof typeof next)[]).filter((k) => String(next[k] ?? '') !== String(row[k] ?? ''));
    // When or where: what a calendar and a registered person must hear about.
    const moved = changed.some((k) => k === 'starts_at' || k === 'ends_at' || k === 'online_url' || k === 'place');
    const now = deps.clock.now();
    const owner = { ownerType: OWNER, ownerId: id };
    for (const field of ['title', 'description'] as const) {
      const body = edit[field];
      if (body === undefined) continue;
      const source = (await listTranslations(trx, owner, field)).find((v) => v.isSource);
      if (source && source.body === body.replace(/\r\n?/g, '\n').trim()) continue;
      await setText(trx, { ...owner, field, lang: source?.lang ?? 'en', body: body.trim(), source: true, by: person.id, now });
      changed.push(field);
    }
    await lrepo.updateTraining(trx, id, { ...next, sequence: Number(row.sequence) + (moved ? 1 : 0), updated_at: toTimestamp(now) });
    const after = (await lrepo.findTrainingRow(trx, id))!;
    const notified = moved ? await tellRegistrants(trx, deps, after, 'changed') : 0;
    await audit(trx, actor, 'solidarity.training.edited', {
      targetType: 'training',
      targetId: id,
      ...(row.org_id ? { orgId: row.org_id } : {}),
      data: { changed, sequence: after.sequence, notified },
    });
    return { training: toTraining(after), notified };
  });
}

// ── Cancelling ───────────────────────────────────────────────────────────

export async function cancelTraining(deps: D, actor: Actor, id: string, input: { reason: string }): Promise<{ training: Training; notified: number }> {
  const person = requirePerson(actor);
  await assertMayManage(deps, actor, id);
  const reason = input.reason.replace(/\r\n?/g, '\n').trim();
  if (reason.length > 2000) throw validationFailed({ reason: { key: 'form.tooLong', values: { max: 2000 } } });
  return deps.db.transaction().execute(async (trx) => {
    const row = await lrepo.lockTrainingRow(trx, id);
    if (!row) throw trainingNotFound();
    if (row.status === 'cancelled') throw trainingCancelled();
    if (fromTimestamp(row.ends_at) < deps.clock.now()) throw new AppError('SOLIDARITY_TRAINING_OVER', 409);
    const now = toTimestamp(deps.clock.now());
    await lrepo.updateTraining(trx, id, {
      status: 'cancelled',
      sequence: Number(row.sequence) + 1,
      cancelled_at: now,
      cancelled_by: person.id,
      cancel_reason: reason === '' ? null : reason,
      updated_at: now,
    });
    const after = (await lrepo.findTrainingRow(trx, id))!;
    // Registrations stay: the record shows who was expected.
    const notified = await tellRegistrants(trx, deps, after, 'cancelled');
    await audit(trx, actor, 'solidarity.training.cancelled', {
      targetType: 'training',
      targetId: id,
      ...(row.org_id ? { orgId: row.org_id } : {}),
      data: { notified, sequence: after.sequence, reason: reason !== '' },
    });
    return { training: toTraining(after), notified };
  });
}

/** One message per registered person, in their language and zone, queued in the caller's transaction. */
async function tellRegistrants(trx: Db, deps: D, row: TrainingsTable, what: 'cancelled' | 'changed'): Promise<number> {
  const people = await lrepo.listRegistrants(trx, row.id);
  const t = toTraining(row);
  const titles = new Map<string, string>();
  const link = `${deps.config.baseUrl}/learn/trainings/${row.id}`;
  for (const p of people) {
    const i18n = translator(isLocale(p.locale) ? p.locale : deps.config.defaultLocale, p.timeZone ?? deps.config.defaultTimeZone);
    if (!titles.has(i18n.locale)) titles.set(i18n.locale, (await pickText(trx, OWNER, [row.id], 'title', i18n.locale)).get(row.id)?.body ?? '');
    const title = titles.get(i18n.locale)!;
    const when = `${i18n.dateTime(t.startsAt)} – ${i18n.dateTime(t.endsAt)} (${i18n.timeZone})`;
    const where = [t.place, t.onlineUrl].filter(Boolean).join(' · ');
    if (what === 'cancelled') {
      await queueMail(trx, deps.clock, {
        to: p.email,
        subject: i18n.t('mail.solidarity.trainingCancelled.subject', { title }),
        text: i18n.t('mail.solidarity.trainingCancelled.body', {
          name: p.displayName,
          title,
          when,
          note: t.cancelReason ? i18n.t('mail.solidarity.trainingCancelled.reason', { reason: t.cancelReason }) : '',
          link,
        }),
      });
    } else {
      await queueMail(trx, deps.clock, {
        to: p.email,
        subject: i18n.t('mail.solidarity.trainingChanged.subject', { title }),
        text: i18n.t('mail.solidarity.trainingChanged.body', { name: p.displayName, title, when, where, link }),
      });
    }
  }
  return people.length;
}

// ── Translating ──────────────────────────────────────────────────────────

export interface TrainingTranslationInput {
  lang: string;
  title: string;
  description: string;
  translator: string | null;
  machine: boolean;
}

/** Every language version of the title and description, for the translation page. */
export async function trainingVersions(deps: Pick<D, 'db'>, actor: Actor, id: string): Promise<{ training: Training; title: TextVersion[]; description: TextVersion[] }> {
  const row = await assertMayManage(deps, actor, id);
  const owner = { ownerType: OWNER, ownerId: id };
  return { training: toTraining(row), title: await listTranslations(deps.db, owner, 'title'), description: await listTranslations(deps.db, owner, 'description') };
}

/**
 * Adds (or replaces) the title and description in another language, credited
 * to its translator or flagged as machine-made. Never replaces the original:
 * the text kernel refuses a "translation" into the source language.
 */
export async function translateTraining(deps: D, actor: Actor, id: string, input: TrainingTranslationInput): Promise<void> {
  const person = requirePerson(actor);
  const row = await assertMayManage(deps, actor, id);
  await deps.db.transaction().execute(async (trx) => {
    const source = (await listTranslations(trx, { ownerType: OWNER, ownerId: id }, 'title')).find((v) => v.isSource);
    if (source?.lang === input.lang) throw new AppError('SOLIDARITY_TRANSLATION_IS_ORIGINAL', 422, { fields: { lang: { key: 'error.SOLIDARITY_TRANSLATION_IS_ORIGINAL' } } });
    const now = deps.clock.now();
    const common = { ownerType: OWNER, ownerId: id, lang: input.lang, translator: input.translator, machine: input.machine, by: person.id, now, source: false };
    await setText(trx, { ...common, field: 'title', body: input.title });
    await setText(trx, { ...common, field: 'description', body: input.description });
    await lrepo.updateTraining(trx, id, { updated_at: toTimestamp(now) });
    await audit(trx, actor, 'solidarity.training.translated', {
      targetType: 'training',
      targetId: id,
      ...(row.org_id ? { orgId: row.org_id } : {}),
      data: { lang: input.lang, machine: input.machine },
    });
  });
}
