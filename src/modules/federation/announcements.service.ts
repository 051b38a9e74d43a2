// Announcements, federation-wide or of one organisation: written as drafts,
// published for everyone (pages, API, Atom feeds). Titles and bodies are kernel
// texts: one source language, translations credited to people or flagged as
// machine-made; a reader gets their language, or the source with a note.
import type { Deps } from '../../kernel/deps.js';
import type { Db } from '../../kernel/db/connect.js';
import { audit } from '../../kernel/audit/audit.js';
import { type Actor, isFedAdmin } from '../../kernel/auth/actor.js';
import { AppError, forbidden, unauthenticated, validationFailed } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { toTimestamp, type Timestamp } from '../../kernel/time.js';
import { deleteTexts, listTranslations, pickText, setText, type PickedText, type TextVersion } from '../../kernel/text/index.js';
import * as repo from './announcements.repository.js';
import { findOrganisationBySlug } from './federation.repository.js';
import { announcingOrgIds, canAnnounceFederationWide, canAnnounceForOrg, canEditAnnouncement, canSeeAnnouncement } from './announcements.policy.js';
import type { AnnouncementTranslationInput, EditAnnouncementInput, NewAnnouncementInput } from './announcements.schemas.js';

export type { Announcement, AnnouncementOrg } from './announcements.repository.js';

export const PAGE_SIZE = 20;
export const FEED_SIZE = 50;
const OWNER = repo.ANNOUNCEMENT_TEXT;

type D = Pick<Deps, 'db' | 'clock'>;

export const announcementNotFound = () => new AppError('ANNOUNCEMENT_NOT_FOUND', 404);

const owner = (id: string) => ({ ownerType: OWNER, ownerId: id });

/** An announcement with its title (and body, where shown) in the reader's language. */
export interface AnnouncementItem {
  announcement: repo.Announcement;
  title: PickedText | undefined;
  body?: PickedText | undefined;
}

async function loadForEdit(db: Db, actor: Actor, id: string): Promise<repo.Announcement> {
  if (actor.kind === 'anonymous') throw unauthenticated();
  const a = await repo.findAnnouncement(db, id);
  if (!a) throw announcementNotFound();
  if (!canEditAnnouncement(actor, a)) throw forbidden();
  return a;
}

const personId = (actor: Actor) => (actor.kind === 'person' ? actor.person.id : null);
const auditDetails = (a: { id: string; orgId: string | null }, data: Record<string, unknown> = {}) => ({
  targetType: 'announcement',
  targetId: a.id,
  ...(a.orgId ? { orgId: a.orgId } : {}),
  data,
});

// ── Writing ──────────────────────────────────────────────────────────────

export async function createAnnouncement(deps: D, actor: Actor, input: NewAnnouncementInput): Promise<repo.Announcement> {
  if (actor.kind === 'anonymous') throw unauthenticated();
  let orgId: string | null = null;
  if (input.org) {
    const org = await findOrganisationBySlug(deps.db, input.org);
    if (!org) throw validationFailed({ org: 'form.invalidChoice' });
    if (!canAnnounceForOrg(actor, org.id)) throw forbidden();
    orgId = org.id;
  } else if (!canAnnounceFederationWide(actor)) {
    throw forbidden();
  }
  const now = deps.clock.now();
  const row = {
    id: newId(),
    org_id: orgId,
    status: 'draft' as const,
    created_by: personId(actor),
    created_at: toTimestamp(now),
    updated_at: toTimestamp(now),
    published_at: null,
  };
  await deps.db.transaction().execute(async (trx) => {
    await repo.insertAnnouncement(trx, row);
    const by = personId(actor);
    await setText(trx, { ...owner(row.id), field: 'title', lang: input.lang, body: input.title, source: true, by, now });
    await setText(trx, { ...owner(row.id), field: 'body', lang: input.lang, body: input.body, source: true, by, now });
    await audit(trx, actor, 'federation.announcement.created', auditDetails({ id: row.id, orgId }, { lang: input.lang }));
  });
  return (await repo.findAnnouncement(deps.db, row.id))!;
}

/** Edits the source version (in its own language). */
export async function editAnnouncement(deps: D, actor: Actor, id: string, input: EditAnnouncementInput): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const a = await loadForEdit(trx, actor, id);
    const source = (await listTranslations(trx, owner(id), 'title')).find((v) => v.isSource);
    if (!source) throw announcementNotFound();
    const now = deps.clock.now();
    const by = personId(actor);
    await setText(trx, { ...owner(id), field: 'title', lang: source.lang, body: input.title, by, now });
    await setText(trx, { ...owner(id), field: 'body', lang: source.lang, body: input.body, by, now });
    await repo.updateAnnouncement(trx, id, { updated_at: toTimestamp(now) });
    await audit(trx, actor, 'federation.announcement.updated', auditDetails(a, { lang: source.lang }));
  });
}

/** Adds or replaces the translation into one language (never the source). */
export async function translateAnnouncement(deps: D, actor: Actor, id: string, input: AnnouncementTranslationInput): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const a = await loadForEdit(trx, actor, id);
    const now = deps.clock.now();
    const common = { ...owner(id), lang: input.lang, source: false, translator: input.translator, machine: input.machine, by: personId(actor), now };
    await setText(trx, { ...common, field: 'title', body: input.title });
    await setText(trx, { ...common, field: 'body', body: input.body });
    await repo.updateAnnouncement(trx, id, { updated_at: toTimestamp(now) });
    await audit(trx, actor, 'federation.announcement.translated', auditDetails(a, { lang: input.lang, machine: input.machine }));
  });
}

export async function publishAnnouncement(deps: D, actor: Actor, id: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const a = await loadForEdit(trx, actor, id);
    if (a.status !== 'draft') throw new AppError('ANNOUNCEMENT_ALREADY_PUBLISHED', 409);
    const now = toTimestamp(deps.clock.now());
    await repo.updateAnnouncement(trx, id, { status: 'published', published_at: now, updated_at: now });
    await audit(trx, actor, 'federation.announcement.published', auditDetails(a));
  });
}

/** Back to draft: gone from the public pages and feeds until published again. */
export async function unpublishAnnouncement(deps: D, actor: Actor, id: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const a = await loadForEdit(trx, actor, id);
    if (a.status !== 'published') throw new AppError('ANNOUNCEMENT_NOT_PUBLISHED', 409);
    await repo.updateAnnouncement(trx, id, { status: 'draft', published_at: null, updated_at: toTimestamp(deps.clock.now()) });
    await audit(trx, actor, 'federation.announcement.unpublished', auditDetails(a));
  });
}

export async function deleteAnnouncement(deps: D, actor: Actor, id: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const a = await loadForEdit(trx, actor, id);
    await deleteTexts(trx, owner(id));
    await repo.deleteAnnouncement(trx, id);
    await audit(trx, actor, 'federation.announcement.deleted', auditDetails(a, { status: a.status }));
  });
}

// ── Reading ──────────────────────────────────────────────────────────────

export interface AnnouncementView {
  announcement: repo.Announcement;
  title: PickedText;
  body: PickedText;
  canEdit: boolean;
  /** The source version, for the edit form (editors only). */
  source?: { lang: string; title: string; body: string } | undefined;
}

/** One announcement for a reader; a draft is "not found" for anyone who may not edit it. */
export async function viewAnnouncement(deps: D, actor: Actor, id: string, readerLang: string): Promise<AnnouncementView> {
  const a = await repo.findAnnouncement(deps.db, id);
  if (!a || !canSeeAnnouncement(actor, a)) throw announcementNotFound();
  const titles = await listTranslations(deps.db, owner(id), 'title');
  const bodies = await listTranslations(deps.db, owner(id), 'body');
  const title = (await pickText(titles, OWNER, [id], 'title', readerLang)).get(id);
  const body = (await pickText(bodies, OWNER, [id], 'body', readerLang)).get(id);
  if (!title || !body) throw announcementNotFound();
  const canEdit = canEditAnnouncement(actor, a);
  const sourceTitle = titles.find((v) => v.isSource);
  const sourceBody = bodies.find((v) => v.isSource);
  return {
    announcement: a,
    title,
    body,
    canEdit,
    source: canEdit && sourceTitle && sourceBody ? { lang: sourceTitle.lang, title: sourceTitle.body, body: sourceBody.body } : undefined,
  };
}

/** The announcement if this actor may edit it (403 otherwise): pages check this before reading a form. */
export async function editableAnnouncement(deps: D, actor: Actor, id: string): Promise<repo.Announcement> {
  return loadForEdit(deps.db, actor, id);
}

/** For the edit forms: the announcement, if this actor may edit it. */
export async function getEditableAnnouncement(deps: D, actor: Actor, id: string, readerLang: string): Promise<AnnouncementView> {
  await loadForEdit(deps.db, actor, id);
  return viewAnnouncement(deps, actor, id, readerLang);
}

export function encodeCursor(a: repo.Announcement): string | undefined {
  return a.publishedAt ? `${toTimestamp(a.publishedAt)}_${a.id}` : undefined;
}

export function decodeCursor(raw: unknown): repo.Cursor | undefined {
  if (typeof raw !== 'string') return undefined;
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)_([a-z2-7]{26})$/.exec(raw);
  return m ? { publishedAt: m[1]! as Timestamp, id: m[2]! } : undefined;
}

async function withTexts(db: Db, list: repo.Announcement[], readerLang: string, bodies: boolean): Promise<AnnouncementItem[]> {
  const ids = list.map((a) => a.id);
  const titles = await pickText(db, OWNER, ids, 'title', readerLang);
  const texts = bodies ? await pickText(db, OWNER, ids, 'body', readerLang) : undefined;
  return list.map((a) => ({ announcement: a, title: titles.get(a.id), ...(texts ? { body: texts.get(a.id) } : {}) }));
}

export interface AnnouncementList {
  org: repo.AnnouncementOrg | undefined;
  items: AnnouncementItem[];
  next: string | undefined;
  /** Drafts this actor may edit (first page only). */
  drafts: AnnouncementItem[];
}

async function orgFilter(db: Db, slug: string | undefined): Promise<repo.AnnouncementOrg | undefined> {
  if (!slug) return undefined;
  const org = await findOrganisationBySlug(db, slug);
  if (!org || org.status !== 'active') throw new AppError('ORG_NOT_FOUND', 404);
  return { id: org.id, slug: org.slug, name: org.name };
}

export async function listAnnouncements(
  deps: D,
  actor: Actor,
  opts: { org?: string | undefined; before?: string | undefined; readerLang: string; bodies?: boolean },
): Promise<AnnouncementList> {
  const org = await orgFilter(deps.db, opts.org);
  const before = decodeCursor(opts.before);
  const rows = await repo.listPublished(deps.db, { orgId: org?.id, before, limit: PAGE_SIZE + 1 });
  const page = rows.slice(0, PAGE_SIZE);
  const next = rows.length > PAGE_SIZE ? encodeCursor(page[page.length - 1]!) : undefined;
  let drafts: repo.Announcement[] = [];
  if (!before && actor.kind !== 'anonymous') {
    const fed = isFedAdmin(actor);
    drafts = await repo.listDrafts(deps.db, {
      federation: !org && canAnnounceFederationWide(actor),
      orgIds: org ? (canAnnounceForOrg(actor, org.id) ? [org.id] : []) : announcingOrgIds(actor),
      allOrgs: !org && fed,
      limit: 50,
    });
  }
  return {
    org,
    items: await withTexts(deps.db, page, opts.readerLang, opts.bodies ?? false),
    next,
    drafts: await withTexts(deps.db, drafts, opts.readerLang, opts.bodies ?? false),
  };
}

/** The newest published announcements with their full texts, for an Atom feed. */
export async function feedAnnouncements(deps: D, opts: { org?: string | undefined; lang: string }): Promise<{ org: repo.AnnouncementOrg | undefined; items: AnnouncementItem[] }> {
  const org = await orgFilter(deps.db, opts.org);
  const rows = await repo.listPublished(deps.db, { orgId: org?.id, limit: FEED_SIZE });
  return { org, items: await withTexts(deps.db, rows, opts.lang, true) };
}

// ── Export ───────────────────────────────────────────────────────────────

const versionJson = (v: TextVersion) => ({
  lang: v.lang,
  isSource: v.isSource,
  translator: v.translator,
  machine: v.machine,
  body: v.body,
  createdBy: v.createdBy,
  updatedAt: toTimestamp(v.updatedAt),
});

/** An organisation's announcements, drafts included, with every language version (its `hearth export-org` part). */
export async function exportAnnouncements(db: Db, orgId: string) {
  const list = await repo.listAllOfOrg(db, orgId);
  const out = [];
  for (const a of list) {
    out.push({
      id: a.id,
      status: a.status,
      createdBy: a.createdBy,
      createdAt: toTimestamp(a.createdAt),
      updatedAt: toTimestamp(a.updatedAt),
      publishedAt: a.publishedAt ? toTimestamp(a.publishedAt) : null,
      title: (await listTranslations(db, owner(a.id), 'title')).map(versionJson),
      body: (await listTranslations(db, owner(a.id), 'body')).map(versionJson),
    });
  }
  return out;
}
