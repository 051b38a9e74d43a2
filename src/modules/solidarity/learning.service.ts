// Learning and mentorship: trainings and events (with iCal feeds per language
// and per organisation), skills people and organisations offer and need, and
// mentorships suggested by skill and shared language, favouring mentees from
// under-resourced organisations (a zero dues band, or purchasing-power group 1–2).
import type { Deps } from '../../kernel/deps.js';
import type { Db } from '../../kernel/db/connect.js';
import { forUpdate } from '../../kernel/db/dialect.js';
import { audit } from '../../kernel/audit/audit.js';
import { type Actor, isCoordinator, isFedAdmin, personOf } from '../../kernel/auth/actor.js';
import { AppError, forbidden, validationFailed } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { fromTimestamp, nowTs, toTimestamp } from '../../kernel/time.js';
import { isLanguage, pickText, setText, type PickedText } from '../../kernel/text/index.js';
import { isTimeZone } from '../governance/index.js';
import { requirePerson } from './fund.service.js';
import * as repo from './solidarity.repository.js';
import * as lrepo from './learning.repository.js';
import { canManageTraining, canOrganise, canReadMentorship, canSpeakFor, isFederationMember, takesPart as takesPartIn } from './learning.policy.js';
import { collectContributedRequests } from './mentorship.registry.js';
import type { MenteeType, SkillDirection, SkillOwner, TrainingStatus, TrainingsTable } from './solidarity.tables.js';

type D = Pick<Deps, 'db' | 'clock'>;
export { canOrganise };

export const OWNER = 'training';
/** The shared vocabulary; anything else is a free tag. */
export const VOCABULARY = ['mail-servers', 'dnssec', 'backups', 'security-audits', 'finance', 'facilitation', 'fundraising', 'legal-requests', 'tls', 'monitoring', 'accessibility', 'translation'] as const;

const trainingNotFound = () => new AppError('SOLIDARITY_TRAINING_NOT_FOUND', 404);
const mentorshipNotFound = () => new AppError('SOLIDARITY_MENTORSHIP_NOT_FOUND', 404);

// ── Time: a wall-clock time in the organiser's zone ──────────────────────

function offsetMs(at: number, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(new Date(at));
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second')) - Math.floor(at / 1000) * 1000;
}

/** "2026-12-03T18:30" in `zone` → the instant; undefined when it is not such a time. */
export function wallToInstant(text: string, zone: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(text.trim());
  if (!m) return undefined;
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  if (Number.isNaN(wall) || new Date(wall).toISOString().slice(0, 16) !== text.trim()) return undefined;
  // Twice, so a time on a day the offset changes gets its own offset.
  const first = wall - offsetMs(wall, zone);
  return new Date(wall - offsetMs(first, zone));
}

// ── Trainings ────────────────────────────────────────────────────────────

export interface TrainingInput {
  org: string;
  lang: string;
  title: string;
  description: string;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  onlineUrl: string;
  place: string;
  languages: string[];
  capacity: string;
}

export interface Training {
  id: string;
  orgId: string | null;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  onlineUrl: string | null;
  place: string | null;
  languages: string[];
  capacity: number | null;
  createdAt: Date;
  updatedAt: Date;
  status: TrainingStatus;
  /** The iCal SEQUENCE. */
  sequence: number;
  cancelledAt: Date | null;
  cancelReason: string | null;
}

export const toTraining = (r: TrainingsTable): Training => ({
  id: r.id,
  orgId: r.org_id,
  startsAt: fromTimestamp(r.starts_at),
  endsAt: fromTimestamp(r.ends_at),
  timeZone: r.time_zone,
  onlineUrl: r.online_url,
  place: r.place,
  languages: JSON.parse(r.languages) as string[],
  capacity: r.capacity === null ? null : Number(r.capacity),
  createdAt: fromTimestamp(r.created_at),
  updatedAt: fromTimestamp(r.updated_at),
  status: r.status ?? 'scheduled',
  sequence: Number(r.sequence ?? 0),
  cancelledAt: r.cancelled_at ? fromTimestamp(r.cancelled_at) : null,
  cancelReason: r.cancel_reason ?? null,
});

/** The organisations (and '' for the federation) an actor may organise trainings for. */
export function organisableFor(actor: Actor): { federation: boolean; orgIds: string[] } {
  if (actor.kind !== 'person') return { federation: false, orgIds: [] };
  return { federation: canOrganise(actor, null), orgIds: actor.memberships.filter((m) => m.role === 'org_admin').map((m) => m.orgId) };
}

/** When, where, in which languages and for how many: checked together, every problem at once. */
export interface CheckedTraining {
  starts: Date;
  ends: Date;
  zone: string;
  languages: string[];
  capacity: number | null;
  onlineUrl: string | null;
  place: string | null;
}

export function checkTraining(input: Pick<TrainingInput, 'startsAt' | 'endsAt' | 'timeZone' | 'onlineUrl' | 'place' | 'languages' | 'capacity'>): CheckedTraining {
  const fields: Record<string, string> = {};
  if (!isTimeZone(input.timeZone)) fields.timeZone = 'solidarity.training.timeZoneInvalid';
  const zone = isTimeZone(input.timeZone) ? input.timeZone : 'UTC';
  const starts = wallToInstant(input.startsAt, zone);
  const ends = wallToInstant(input.endsAt, zone);
  if (!starts) fields.startsAt = 'solidarity.training.timeInvalid';
  if (!ends) fields.endsAt = 'solidarity.training.timeInvalid';
  else if (starts && ends <= starts) fields.endsAt = 'solidarity.training.endsBeforeStart';
  const languages = [...new Set(input.languages.map((l) => l.trim().toLowerCase()).filter(Boolean))];
  if (languages.length === 0 || languages.some((l) => !isLanguage(l))) fields.languages = 'solidarity.training.languagesInvalid';
  if (input.onlineUrl !== '' && !/^https:\/\/[^\s]+$/i.test(input.onlineUrl)) fields.onlineUrl = 'solidarity.training.urlInvalid';
  if (input.onlineUrl === '' && input.place === '') fields.place = 'solidarity.training.whereRequired';
  const capacity = input.capacity === '' ? null : Number(input.capacity);
  if (capacity !== null && (!Number.isInteger(capacity) || capacity < 1 || capacity > 100_000)) fields.capacity = 'solidarity.training.capacityInvalid';
  if (Object.keys(fields).length) throw validationFailed(fields);
  return { starts: starts!, ends: ends!, zone, languages, capacity, onlineUrl: input.onlineUrl || null, place: input.place || null };
}

export async function createTraining(deps: D, actor: Actor, input: TrainingInput): Promise<Training> {
  const person = requirePerson(actor);
  const org = input.org === '' ? null : await repo.findOrgBySlug(deps.db, input.org);
  if (input.org !== '' && !org) throw new AppError('ORG_NOT_FOUND', 404);
  if (!canOrganise(actor, org?.id ?? null)) throw forbidden();
  const c = checkTraining(input);
  const now = deps.clock.now();
  const row: TrainingsTable = {
    id: newId(),
    org_id: org?.id ?? null,
    starts_at: toTimestamp(c.starts),
    ends_at: toTimestamp(c.ends),
    time_zone: c.zone,
    online_url: c.onlineUrl,
    place: c.place,
    languages: JSON.stringify(c.languages),
    capacity: c.capacity,
    created_by: person.id,
    created_at: toTimestamp(now),
    updated_at: toTimestamp(now),
    status: 'scheduled',
    sequence: 0,
    cancelled_at: null,
    cancelled_by: null,
    cancel_reason: null,
  };
  await deps.db.transaction().execute(async (trx) => {
    await trx.insertInto('trainings').values(row).execute();
    const owner = { ownerType: OWNER, ownerId: row.id };
    await setText(trx, { ...owner, field: 'title', lang: input.lang, body: input.title, source: true, by: person.id, now });
    await setText(trx, { ...owner, field: 'description', lang: input.lang, body: input.description, source: true, by: person.id, now });
    await audit(trx, actor, 'solidarity.training.created', { targetType: 'training', targetId: row.id, ...(org ? { orgId: org.id } : {}) });
  });
  return toTraining(row);
}

export interface TrainingSummary {
  training: Training;
  title: PickedText | undefined;
  description: PickedText | undefined;
  org: { slug: string; name: string } | undefined;
  registered: number;
}

async function summarise(db: Db, rows: TrainingsTable[], lang: string): Promise<TrainingSummary[]> {
  const ids = rows.map((r) => r.id);
  const titles = await pickText(db, OWNER, ids, 'title', lang);
  const descriptions = await pickText(db, OWNER, ids, 'description', lang);
  const orgs = await repo.orgBriefs(
    db,
    rows.map((r) => r.org_id).filter((x): x is string => !!x),
  );
  const counts = ids.length
    ? new Map(
        (
          await db
            .selectFrom('training_registrations')
            .select(['training_id', (eb) => eb.fn.countAll<number>().as('n')])
            .where('training_id', 'in', ids)
            .groupBy('training_id')
            .execute()
        ).map((r) => [r.training_id, Number(r.n)]),
      )
    : new Map<string, number>();
  return rows.map((r) => ({ training: toTraining(r), title: titles.get(r.id), description: descriptions.get(r.id), org: r.org_id ? orgs.get(r.org_id) : undefined, registered: counts.get(r.id) ?? 0 }));
}

/** Upcoming (and running) trainings; filtered by a spoken language or an organisation. */
export async function listTrainings(deps: D, opts: { lang: string; spoken?: string; orgSlug?: string; limit?: number }): Promise<TrainingSummary[]> {
  let q = deps.db.selectFrom('trainings').selectAll().where('ends_at', '>=', nowTs(deps.clock)).orderBy('starts_at').limit(opts.limit ?? 200);
  if (opts.orgSlug) {
    const org = await repo.findOrgBySlug(deps.db, opts.orgSlug);
    if (!org) throw new AppError('ORG_NOT_FOUND', 404);
    q = q.where('org_id', '=', org.id);
  }
  let rows = await q.execute();
  if (opts.spoken) rows = rows.filter((r) => (JSON.parse(r.languages) as string[]).includes(opts.spoken!));
  return summarise(deps.db, rows, opts.lang);
}

export interface TrainingView extends TrainingSummary {
  me: boolean | undefined;
  full: boolean;
  /** The organiser's org-admins, coordinators and admins may edit, translate and cancel it. */
  canManage: boolean;
}

export async function viewTraining(deps: D, actor: Actor, id: string, lang: string): Promise<TrainingView> {
  const row = await deps.db.selectFrom('trainings').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw trainingNotFound();
  const [summary] = await summarise(deps.db, [row], lang);
  const person = personOf(actor);
  const me = person ? !!(await deps.db.selectFrom('training_registrations').select('person_id').where('training_id', '=', id).where('person_id', '=', person.id).executeTakeFirst()) : undefined;
  return { ...summary!, me, full: summary!.training.capacity !== null && summary!.registered >= summary!.training.capacity, canManage: canManageTraining(actor, row.org_id) };
}

/** A place, if one is left: the training's row is locked while the places are counted. */
export async function register(deps: D, actor: Actor, id: string, attend: boolean): Promise<void> {
  const person = requirePerson(actor);
  await deps.db.transaction().execute(async (trx) => {
    const row = await forUpdate(trx, trx.selectFrom('trainings').selectAll().where('id', '=', id)).executeTakeFirst();
    if (!row) throw trainingNotFound();
    if (!attend) {
      await trx.deleteFrom('training_registrations').where('training_id', '=', id).where('person_id', '=', person.id).execute();
      await audit(trx, actor, 'solidarity.training.unregistered', { targetType: 'training', targetId: id });
      return;
    }
    if (row.status === 'cancelled') throw new AppError('SOLIDARITY_TRAINING_CANCELLED', 409);
    if (fromTimestamp(row.ends_at) < deps.clock.now()) throw new AppError('SOLIDARITY_TRAINING_OVER', 409);
    const already = await trx.selectFrom('training_registrations').select('person_id').where('training_id', '=', id).where('person_id', '=', person.id).executeTakeFirst();
    if (already) return;
    const n = Number((await trx.selectFrom('training_registrations').select((eb) => eb.fn.countAll<number>().as('n')).where('training_id', '=', id).executeTakeFirstOrThrow()).n);
    if (row.capacity !== null && n >= Number(row.capacity)) throw new AppError('SOLIDARITY_TRAINING_FULL', 409);
    await trx.insertInto('training_registrations').values({ training_id: id, person_id: person.id, created_at: nowTs(deps.clock) }).execute();
    await audit(trx, actor, 'solidarity.training.registered', { targetType: 'training', targetId: id });
  });
}

// ── iCal ─────────────────────────────────────────────────────────────────

const icsText = (s: string) => s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
const icsTime = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** Lines longer than 75 octets are folded (RFC 5545 3.1), never inside a UTF-8 sequence. */
function fold(line: string): string {
  const out: string[] = [];
  let current = '';
  let bytes = 0;
  for (const ch of line) {
    const n = Buffer.byteLength(ch);
    if (bytes + n > (out.length === 0 ? 75 : 74)) {
      out.push(current);
      current = '';
      bytes = 0;
    }
    current += ch;
    bytes += n;
  }
  out.push(current);
  return out.join('\r\n ');
}

/**
 * An iCalendar feed of trainings; times in UTC (readers' calendars show their
 * own zone). A cancelled training stays in the feed with STATUS:CANCELLED and
 * a higher SEQUENCE, so subscribed calendars mark or drop their copy instead
 * of keeping a stale one.
 */
export function trainingsIcs(items: readonly TrainingSummary[], opts: { name: string; baseUrl: string; now: Date }): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Hearth//Solidarity trainings//EN', 'CALSCALE:GREGORIAN', `X-WR-CALNAME:${icsText(opts.name)}`];
  for (const it of items) {
    const t = it.training;
    const url = `${opts.baseUrl}/learn/trainings/${t.id}`;
    lines.push(
      'BEGIN:VEVENT',
      `UID:${t.id}@hearth`,
      `DTSTAMP:${icsTime(opts.now)}`,
      `DTSTART:${icsTime(t.startsAt)}`,
      `DTEND:${icsTime(t.endsAt)}`,
      `SUMMARY${it.title ? `;LANGUAGE=${it.title.lang}` : ''}:${icsText(it.title?.body ?? '')}`,
      `DESCRIPTION:${icsText(`${it.description?.body ?? ''}\n\n${url}`)}`,
      `LOCATION:${icsText(t.place ?? t.onlineUrl ?? '')}`,
      `URL:${url}`,
      `STATUS:${t.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED'}`,
      `SEQUENCE:${t.sequence}`,
      `LAST-MODIFIED:${icsTime(t.updatedAt)}`,
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(fold).join('\r\n') + '\r\n';
}

// ── Skills ───────────────────────────────────────────────────────────────

export interface Skill {
  ownerType: SkillOwner;
  ownerId: string;
  direction: SkillDirection;
  skill: string;
  languages: string[];
  note: string | null;
}

export function normaliseSkill(text: string): string | undefined {
  const s = text.trim().toLowerCase().replace(/\s+/g, '-');
  return /^[\p{L}\p{N}][\p{L}\p{N}-]{0,39}$/u.test(s) ? s : undefined;
}

/** A person's own skills, or an organisation's through its org-admins. */
const mayEditSkillsOf = (actor: Actor, owner: SkillOwner, ownerId: string) => canSpeakFor(actor, { type: owner, id: ownerId });

export async function addSkill(deps: D, actor: Actor, input: { owner: SkillOwner; ownerId: string; direction: SkillDirection; skill: string; languages: string[]; note: string }): Promise<Skill> {
  requirePerson(actor);
  if (!mayEditSkillsOf(actor, input.owner, input.ownerId)) throw forbidden();
  const fields: Record<string, string> = {};
  const skill = normaliseSkill(input.skill);
  if (!skill) fields.skill = 'solidarity.skills.skillInvalid';
  const languages = [...new Set(input.languages.map((l) => l.trim().toLowerCase()).filter(Boolean))];
  if (languages.length === 0 || languages.some((l) => !isLanguage(l))) fields.languages = 'solidarity.training.languagesInvalid';
  if (Object.keys(fields).length) throw validationFailed(fields);
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('skills')
      .values({ owner_type: input.owner, owner_id: input.ownerId, direction: input.direction, skill: skill!, languages: JSON.stringify(languages), note: input.note || null, created_at: nowTs(deps.clock) })
      .onConflict((oc) => oc.columns(['owner_type', 'owner_id', 'direction', 'skill']).doUpdateSet({ languages: JSON.stringify(languages), note: input.note || null }))
      .execute();
    await audit(trx, actor, 'solidarity.skill.saved', { targetType: input.owner, targetId: input.ownerId, ...(input.owner === 'org' ? { orgId: input.ownerId } : {}), data: { direction: input.direction, skill } });
  });
  return { ownerType: input.owner, ownerId: input.ownerId, direction: input.direction, skill: skill!, languages, note: input.note || null };
}

/** False when there was no such skill (nothing is written then). */
export async function removeSkill(deps: D, actor: Actor, owner: SkillOwner, ownerId: string, direction: SkillDirection, skill: string): Promise<boolean> {
  requirePerson(actor);
  if (!mayEditSkillsOf(actor, owner, ownerId)) throw forbidden();
  return deps.db.transaction().execute(async (trx) => {
    const r = await trx.deleteFrom('skills').where('owner_type', '=', owner).where('owner_id', '=', ownerId).where('direction', '=', direction).where('skill', '=', skill).executeTakeFirst();
    if (Number(r.numDeletedRows) === 0) return false;
    await audit(trx, actor, 'solidarity.skill.removed', { targetType: owner, targetId: ownerId, ...(owner === 'org' ? { orgId: ownerId } : {}), data: { direction, skill } });
    return true;
  });
}

const toSkill = (r: { owner_type: SkillOwner; owner_id: string; direction: SkillDirection; skill: string; languages: string; note: string | null }): Skill => ({
  ownerType: r.owner_type,
  ownerId: r.owner_id,
  direction: r.direction,
  skill: r.skill,
  languages: JSON.parse(r.languages) as string[],
  note: r.note,
});

export async function skillsOf(db: Db, owners: { type: SkillOwner; id: string }[]): Promise<Skill[]> {
  if (owners.length === 0) return [];
  const rows = await db
    .selectFrom('skills')
    .selectAll()
    .where((eb) => eb.or(owners.map((o) => eb.and([eb('owner_type', '=', o.type), eb('owner_id', '=', o.id)]))))
    .orderBy('direction')
    .orderBy('skill')
    .execute();
  return rows.map(toSkill);
}

// ── Matching ─────────────────────────────────────────────────────────────

/** Who needs a skill: a person, or an organisation (its org-admins are its voice). */
export interface MatchNeed {
  ownerType: SkillOwner;
  ownerId: string;
  name: string;
  orgId: string | null;
  underResourced: boolean;
  /** An open request for a mentor (this module's): a mentor takes it up. */
  requestId: string | null;
  /** A request another module keeps (see mentorship.registry.ts): answered there, at `path`. */
  source: string | null;
  path: string | null;
}

export interface Match {
  skill: string;
  need: MatchNeed;
  offer: { personId: string; name: string };
  sharedLanguages: string[];
}

/** Organisations that chose a zero band, or a purchasing-power group of 1 or 2. */
async function underResourcedOrgs(db: Db): Promise<Set<string>> {
  const bands = new Map((await repo.listBands(db, { includeRetired: true })).map((b) => [b.id, b]));
  const out = new Set<string>();
  for (const c of await repo.listChoices(db)) {
    const b = bands.get(c.bandId);
    if (b && (b.suggestedMinor === 0 || (b.pppGroup !== null && b.pppGroup <= 2))) out.add(c.orgId);
  }
  return out;
}

interface NeedCandidate {
  ownerType: SkillOwner;
  ownerId: string;
  skill: string;
  languages: string[];
  requestId: string | null;
  source: string | null;
  path: string | null;
  /** Known already (contributed requests carry it). */
  name?: string;
}

/**
 * Suggested pairs: a need and a person who offers the same skill, speaking a
 * common language, never within the same person and, for an organisation's
 * need, never one of its own people. Needs are the skills people and
 * organisations said they need, open requests for a mentor, and other
 * modules' requests that name a skill. Mentees from under-resourced
 * organisations come first, then more shared languages.
 */
export async function suggestMatches(deps: Deps, actor: Actor, opts: { skill?: string; limit?: number; lang?: string } = {}): Promise<Match[]> {
  requirePerson(actor);
  if (!isFederationMember(actor)) throw forbidden();
  let q = deps.db.selectFrom('skills').selectAll();
  if (opts.skill) q = q.where('skill', '=', opts.skill);
  const rows = (await q.execute()).map(toSkill);
  const offers = rows.filter((s) => s.direction === 'offer' && s.ownerType === 'person');
  const requests = (await lrepo.listMentorshipRequests(deps.db, { statuses: ['open'] })).filter((r) => !opts.skill || r.skill === opts.skill);
  const asked = new Set(requests.map((r) => `${r.requesterType}:${r.requesterId}:${r.skill}`));
  const contributed = (await collectContributedRequests(deps, actor, opts.lang ?? 'en')).filter((r) => r.skill && (!opts.skill || r.skill === opts.skill));
  const needs: NeedCandidate[] = [
    // A need someone also asked about openly is shown once, as the request.
    ...rows
      .filter((s) => s.direction === 'need' && !asked.has(`${s.ownerType}:${s.ownerId}:${s.skill}`))
      .map((s) => ({ ownerType: s.ownerType, ownerId: s.ownerId, skill: s.skill, languages: s.languages, requestId: null, source: null, path: null })),
    ...requests.map((r) => ({ ownerType: r.requesterType, ownerId: r.requesterId, skill: r.skill, languages: r.languages, requestId: r.id, source: null, path: null })),
    ...contributed.map((r) => ({ ownerType: r.requester.type, ownerId: r.requester.id, skill: r.skill!, languages: r.languages, requestId: null, source: r.source, path: r.path, name: r.requester.name })),
  ];
  const poor = await underResourcedOrgs(deps.db);
  const personIds = [...new Set([...offers.map((s) => s.ownerId), ...needs.filter((s) => s.ownerType === 'person').map((s) => s.ownerId)])];
  const people = personIds.length ? new Map((await deps.db.selectFrom('people').select(['id', 'display_name', 'status']).where('id', 'in', personIds).execute()).map((p) => [p.id, p])) : new Map();
  const orgsOf = await lrepo.orgsOfPeople(deps.db, personIds);
  const orgs = await repo.orgBriefs(deps.db, [...needs.filter((n) => n.ownerType === 'org').map((n) => n.ownerId), ...[...orgsOf.values()].map((l) => l[0]!)]);
  const out: (Match & { score: number })[] = [];
  for (const need of needs) {
    const orgId = need.ownerType === 'org' ? need.ownerId : (orgsOf.get(need.ownerId)?.[0] ?? null);
    const name = need.name ?? (need.ownerType === 'org' ? orgs.get(need.ownerId)?.name : people.get(need.ownerId)?.display_name);
    if (!name || (need.ownerType === 'person' && people.get(need.ownerId)?.status !== 'active')) continue;
    for (const offer of offers) {
      if (offer.skill !== need.skill) continue;
      if (need.ownerType === 'person' ? offer.ownerId === need.ownerId : (orgsOf.get(offer.ownerId) ?? []).includes(need.ownerId)) continue;
      const mentor = people.get(offer.ownerId);
      if (!mentor || mentor.status !== 'active') continue;
      const shared = offer.languages.filter((l) => need.languages.includes(l));
      if (shared.length === 0) continue;
      const underResourced = !!orgId && poor.has(orgId);
      out.push({
        skill: need.skill,
        need: { ownerType: need.ownerType, ownerId: need.ownerId, name, orgId, underResourced, requestId: need.requestId, source: need.source, path: need.path },
        offer: { personId: offer.ownerId, name: mentor.display_name },
        sharedLanguages: shared,
        score: (underResourced ? 100 : 0) + shared.length,
      });
    }
  }
  out.sort((a, b) => b.score - a.score || a.skill.localeCompare(b.skill) || a.need.name.localeCompare(b.need.name) || a.offer.name.localeCompare(b.offer.name));
  return out.slice(0, opts.limit ?? 100).map(({ score: _score, ...m }) => m);
}

// ── Mentorships ──────────────────────────────────────────────────────────

export interface Mentorship {
  id: string;
  mentorId: string;
  /** The mentee; for an organisation, the org-admin who asked (its contact). */
  menteeId: string;
  /** 'org': the organisation is the mentee, and its org-admins take part. */
  menteeType: MenteeType;
  menteeOrgId: string | null;
  skill: string;
  goals: string;
  sourceType: string | null;
  sourceId: string | null;
  status: 'active' | 'ended';
  endNote: string | null;
  startedAt: Date;
  endedAt: Date | null;
}

/**
 * A mentor offers to help a person who said they need a skill; the goals are
 * written together. Organisations get a mentor by asking (mentorship.service.ts);
 * `source` records where a mentorship came from (a request, another module's).
 */
export async function startMentorship(deps: D, actor: Actor, input: { menteeId: string; menteeOrgId: string | null; skill: string; goals: string; source?: { type: string; id: string } }): Promise<Mentorship> {
  const mentor = requirePerson(actor);
  if (!isFederationMember(actor)) throw forbidden();
  const skill = normaliseSkill(input.skill);
  if (!skill) throw validationFailed({ skill: 'solidarity.skills.skillInvalid' });
  // Mentors are people who said they offer this skill.
  if (!(await lrepo.hasSkill(deps.db, { type: 'person', id: mentor.id }, 'offer', skill))) throw forbidden('SOLIDARITY_NOT_OFFERED');
  if (input.menteeId === mentor.id) throw validationFailed({ menteeId: 'solidarity.mentorship.notYourself' });
  if (input.goals.trim() === '') throw validationFailed({ goals: 'form.required' });
  const mentee = await deps.db.selectFrom('people').select(['id', 'status']).where('id', '=', input.menteeId).executeTakeFirst();
  if (!mentee || mentee.status !== 'active') throw new AppError('SOLIDARITY_PERSON_NOT_FOUND', 422, { fields: { menteeId: { key: 'error.SOLIDARITY_PERSON_NOT_FOUND' } } });
  // Nobody becomes a mentee without having said they need the skill.
  if (!(await lrepo.hasSkill(deps.db, { type: 'person', id: mentee.id }, 'need', skill))) {
    throw new AppError('SOLIDARITY_NOT_NEEDED', 422, { fields: { menteeId: { key: 'error.SOLIDARITY_NOT_NEEDED' } } });
  }
  const orgs = (await lrepo.orgsOfPeople(deps.db, [mentee.id])).get(mentee.id) ?? [];
  if (input.menteeOrgId && !orgs.includes(input.menteeOrgId)) throw validationFailed({ menteeOrgId: 'form.invalidChoice' });
  const now = nowTs(deps.clock);
  const row = {
    id: newId(),
    mentor_id: mentor.id,
    mentee_id: mentee.id,
    mentee_org_id: input.menteeOrgId || (orgs[0] ?? null),
    mentee_type: 'person' as const,
    skill,
    goals: input.goals.trim(),
    source_type: input.source?.type ?? null,
    source_id: input.source?.id ?? null,
    status: 'active' as const,
    end_note: null,
    started_at: now,
    ended_at: null,
  };
  await deps.db.transaction().execute(async (trx) => {
    await trx.insertInto('mentorships').values(row).execute();
    await audit(trx, actor, 'solidarity.mentorship.started', { targetType: 'mentorship', targetId: row.id, ...(row.mentee_org_id ? { orgId: row.mentee_org_id } : {}), data: { skill, mentee: mentee.id } });
  });
  return toMentorship(row);
}

export const toMentorship = (r: {
  id: string;
  mentor_id: string;
  mentee_id: string;
  mentee_org_id: string | null;
  mentee_type?: MenteeType;
  skill: string;
  goals: string;
  source_type: string | null;
  source_id: string | null;
  status: 'active' | 'ended';
  end_note: string | null;
  started_at: string;
  ended_at: string | null;
}): Mentorship => ({
  id: r.id,
  mentorId: r.mentor_id,
  menteeId: r.mentee_id,
  menteeType: r.mentee_type ?? 'person',
  menteeOrgId: r.mentee_org_id,
  skill: r.skill,
  goals: r.goals,
  sourceType: r.source_type,
  sourceId: r.source_id,
  status: r.status,
  endNote: r.end_note,
  startedAt: fromTimestamp(r.started_at),
  endedAt: r.ended_at ? fromTimestamp(r.ended_at) : null,
});

export interface MentorshipView {
  mentorship: Mentorship;
  mentor: string;
  /** The mentee's name; for an organisation, the name of the person who asked. */
  mentee: string;
  /** The organisation, when it is the mentee. */
  menteeOrg: { id: string; slug: string; name: string } | undefined;
  sessions: { id: string; heldOn: string; note: string; by: string | null }[];
  canWrite: boolean;
}

/** The two sides (for an organisation, its org-admins), and coordinators (who look after the programme), see a mentorship. */
export async function viewMentorship(deps: D, actor: Actor, id: string): Promise<MentorshipView> {
  requirePerson(actor);
  const row = await deps.db.selectFrom('mentorships').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) {
    if (!(isCoordinator(actor) || isFedAdmin(actor))) throw forbidden();
    throw mentorshipNotFound();
  }
  const m = toMentorship(row);
  if (!canReadMentorship(actor, m)) throw forbidden();
  const names = await lrepo.personNames(deps.db, [m.mentorId, m.menteeId]);
  const sessions = await deps.db.selectFrom('mentorship_sessions').selectAll().where('mentorship_id', '=', id).orderBy('held_on').orderBy('created_at').execute();
  return {
    mentorship: m,
    mentor: names.get(m.mentorId) ?? '',
    mentee: names.get(m.menteeId) ?? '',
    menteeOrg: m.menteeType === 'org' && m.menteeOrgId ? (await repo.orgBriefs(deps.db, [m.menteeOrgId])).get(m.menteeOrgId) : undefined,
    sessions: sessions.map((s) => ({ id: s.id, heldOn: s.held_on, note: s.note, by: s.created_by })),
    canWrite: takesPartIn(actor, m) && m.status === 'active',
  };
}

/** One's mentorships as mentor or mentee, and those of the organisations one is an org-admin of. */
export async function listMentorshipsOf(deps: D, actor: Actor): Promise<Mentorship[]> {
  const person = requirePerson(actor);
  const adminOf = actor.kind === 'person' ? actor.memberships.filter((m) => m.role === 'org_admin').map((m) => m.orgId) : [];
  const rows = await deps.db
    .selectFrom('mentorships')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb('mentor_id', '=', person.id),
        eb.and([eb('mentee_id', '=', person.id), eb('mentee_type', '=', 'person')]),
        ...(adminOf.length ? [eb.and([eb('mentee_type', '=', 'org'), eb('mentee_org_id', 'in', adminOf)])] : []),
      ]),
    )
    .orderBy('started_at', 'desc')
    .execute();
  return rows.map(toMentorship);
}

/** One of the two sides, while it lasts: checked before a form is read. */
export async function writable(deps: D, actor: Actor, id: string): Promise<Mentorship> {
  requirePerson(actor);
  const row = await deps.db.selectFrom('mentorships').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw mentorshipNotFound();
  const m = toMentorship(row);
  if (!takesPartIn(actor, m)) throw forbidden();
  if (m.status !== 'active') throw new AppError('SOLIDARITY_MENTORSHIP_ENDED', 409);
  return m;
}

export async function addSession(deps: D, actor: Actor, id: string, input: { heldOn: string; note: string }): Promise<string> {
  const m = await writable(deps, actor, id);
  const fields: Record<string, string> = {};
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.heldOn) || Number.isNaN(new Date(`${input.heldOn}T00:00:00Z`).getTime())) fields.heldOn = 'solidarity.training.timeInvalid';
  if (input.note.trim() === '') fields.note = 'form.required';
  if (Object.keys(fields).length) throw validationFailed(fields);
  const sid = newId();
  await deps.db.transaction().execute(async (trx) => {
    await trx.insertInto('mentorship_sessions').values({ id: sid, mentorship_id: m.id, held_on: input.heldOn, note: input.note.trim(), created_by: personOf(actor)!.id, created_at: nowTs(deps.clock) }).execute();
    await audit(trx, actor, 'solidarity.mentorship.session', { targetType: 'mentorship', targetId: m.id, ...(m.menteeOrgId ? { orgId: m.menteeOrgId } : {}), data: { sessionId: sid } });
  });
  return sid;
}

export async function endMentorship(deps: D, actor: Actor, id: string, note: string): Promise<void> {
  const m = await writable(deps, actor, id);
  if (note.trim() === '') throw validationFailed({ note: 'form.required' });
  await deps.db.transaction().execute(async (trx) => {
    const now = nowTs(deps.clock);
    const r = await trx.updateTable('mentorships').set({ status: 'ended', end_note: note.trim(), ended_at: now }).where('id', '=', m.id).where('status', '=', 'active').executeTakeFirst();
    // Ended by the other side in the meantime: the first end note stays.
    if (Number(r.numUpdatedRows) === 0) throw new AppError('SOLIDARITY_MENTORSHIP_ENDED', 409);
    await audit(trx, actor, 'solidarity.mentorship.ended', { targetType: 'mentorship', targetId: m.id, ...(m.menteeOrgId ? { orgId: m.menteeOrgId } : {}) });
  });
}

/**
 * An organisation's trainings (with their texts), skills, its requests for a
 * mentor and its mentorships (its own, and its people's as mentees), for its export.
 */
export async function exportLearning(db: Db, orgId: string) {
  const trainings = await db.selectFrom('trainings').selectAll().where('org_id', '=', orgId).orderBy('starts_at').execute();
  const texts = trainings.length
    ? await db.selectFrom('texts').select(['owner_id', 'field', 'lang', 'body', 'is_source', 'translator', 'machine']).where('owner_type', '=', OWNER).where('owner_id', 'in', trainings.map((t) => t.id)).execute()
    : [];
  const skills = await db.selectFrom('skills').selectAll().where('owner_type', '=', 'org').where('owner_id', '=', orgId).orderBy('skill').execute();
  const mentorships = await db.selectFrom('mentorships').selectAll().where('mentee_org_id', '=', orgId).orderBy('started_at').execute();
  const requests = await lrepo.listMentorshipRequests(db, { requester: { type: 'org', id: orgId }, limit: 10_000 });
  return {
    trainings: trainings.map((r) => ({
      ...toTraining(r),
      texts: texts
        .filter((x) => x.owner_id === r.id)
        .map((x) => ({ field: x.field, lang: x.lang, body: x.body, source: Number(x.is_source) === 1, translator: x.translator, machine: Number(x.machine) === 1 })),
    })),
    skills: skills.map(toSkill),
    mentorshipRequests: requests,
    mentorships: mentorships.map(toMentorship),
  };
}
