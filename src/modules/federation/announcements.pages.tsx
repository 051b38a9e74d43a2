// Announcement pages and Atom feeds. Lists, pages and feeds are public;
// drafts show only to those who may edit them.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Deps } from '../../kernel/deps.js';
import { AppError, forbidden } from '../../kernel/errors.js';
import { parseInput } from '../../kernel/http/forms.js';
import { emptyForm } from '../../kernel/views/components/form.js';
import { requirePerson } from '../../kernel/auth/auth.pages.js';
import { isFedAdmin } from '../../kernel/auth/actor.js';
import { isLocale, translator } from '../../kernel/i18n/i18n.js';
import { isLanguage } from '../../kernel/text/index.js';
import { renderMarkdown } from '../../kernel/markdown/markdown.js';
import * as svc from './announcements.service.js';
import { announcingOrgIds, canAnnounceAnywhere, canAnnounceFederationWide, canAnnounceForOrg } from './announcements.policy.js';
import {
  announcementTranslationFormSchema,
  confirmSchema,
  editAnnouncementSchema,
  newAnnouncementFormSchema,
} from './announcements.schemas.js';
import { renderAtom } from './announcements.atom.js';
import { findOrganisationBySlug, listOrganisations } from './federation.repository.js';
import * as v from './views/announcements.views.js';

type Query = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);

/** The language a reader asked for (?lang=), else their interface language. */
export function readerLang(req: FastifyRequest): string {
  const asked = str((req.query as Query).lang)?.toLowerCase();
  return asked && isLanguage(asked) ? asked : req.i18n.locale;
}

export async function announcementPages(app: FastifyInstance, deps: Deps): Promise<void> {
  const idOf = (req: FastifyRequest) => (req.params as { id: string }).id;

  app.get('/announcements', async (req, reply) => {
    const q = req.query as Query;
    const list = await svc.listAnnouncements(deps, req.actor, { org: str(q.org), before: str(q.before), readerLang: readerLang(req) });
    const canPost = list.org ? canAnnounceForOrg(req.actor, list.org.id) : canAnnounceAnywhere(req.actor);
    const feedHref = `/announcements.atom?lang=${encodeURIComponent(req.i18n.locale)}${list.org ? `&org=${encodeURIComponent(list.org.slug)}` : ''}`;
    return reply.page(<v.AnnouncementListPage list={list} canPost={canPost} feedHref={feedHref} />);
  });

  // One feed per language (and per organisation): entries in that language where
  // a translation exists, otherwise in their source language (xml:lang says which).
  app.get('/announcements.atom', async (req, reply) => {
    const q = req.query as Query;
    const lang = (str(q.lang) ?? deps.config.defaultLocale).toLowerCase();
    if (!isLanguage(lang)) throw new AppError('TEXT_UNKNOWN_LANGUAGE', 404);
    const org = str(q.org);
    const { org: found, items } = await svc.feedAnnouncements(deps, { org, lang });
    const t = translator(isLocale(lang) ? lang : deps.config.defaultLocale).t;
    const base = deps.config.baseUrl;
    const self = `${base}/announcements.atom?lang=${encodeURIComponent(lang)}${found ? `&org=${encodeURIComponent(found.slug)}` : ''}`;
    const federation = t('announcements.federationAuthor');
    const entries = items.map((it) => {
      const a = it.announcement;
      return {
        id: `${base}/announcements/${a.id}`,
        title: it.title?.body ?? '',
        lang: it.body?.lang ?? it.title?.lang ?? lang,
        link: `${base}/announcements/${a.id}?lang=${encodeURIComponent(lang)}`,
        author: a.org?.name ?? federation,
        published: a.publishedAt!,
        updated: a.updatedAt,
        html: renderMarkdown(it.body?.body ?? ''),
      };
    });
    const updated = entries.reduce((max, e) => (e.updated > max ? e.updated : max), new Date(0));
    const xml = renderAtom({
      id: self,
      title: found ? t('announcements.titleOf', { org: found.name }) : t('announcements.title'),
      lang,
      selfLink: self,
      alternateLink: `${base}/announcements${found ? `?org=${encodeURIComponent(found.slug)}` : ''}`,
      author: found?.name ?? federation,
      updated,
      entries,
    });
    return reply.header('Cache-Control', 'public, max-age=300').type('application/atom+xml; charset=utf-8').send(xml);
  });

  // ── Writing ──
  const renderNew = async (req: FastifyRequest, state = emptyForm()) => {
    requirePerson(req);
    if (!canAnnounceAnywhere(req.actor)) throw forbidden();
    const { t } = req.i18n;
    const targets: v.TargetOption[] = [];
    if (canAnnounceFederationWide(req.actor)) targets.push({ value: '', label: t('announcements.federationWide') });
    const ids = announcingOrgIds(req.actor);
    const orgs = ids.length > 0 ? (await listOrganisations(deps.db, { ids, limit: 200 })).orgs : [];
    // A federation admin reaches any organisation's form through ?org=.
    const asked = str((req.query as Query).org) ?? state.values.org;
    if (asked && !orgs.some((o) => o.slug === asked)) {
      const org = await findOrganisationBySlug(deps.db, asked);
      if (org && isFedAdmin(req.actor)) orgs.unshift(org);
    }
    targets.push(...orgs.map((o) => ({ value: o.slug, label: o.name })));
    const values = asked && !state.values.org ? { ...state.values, org: asked } : state.values;
    return <v.NewAnnouncementPage state={{ ...state, values }} targets={targets} />;
  };
  app.get('/announcements/new', async (req, reply) => reply.page(await renderNew(req)));
  app.post('/announcements/new', { config: { form: renderNew } }, async (req, reply) => {
    requirePerson(req);
    const input = parseInput(newAnnouncementFormSchema, req.body);
    const a = await svc.createAnnouncement(deps, req.actor, { ...input, org: input.org || null });
    return reply.seeOther(`/announcements/${a.id}`, { kind: 'ok', key: 'announcements.created' });
  });

  app.get('/announcements/:id', async (req, reply) => {
    const view = await svc.viewAnnouncement(deps, req.actor, idOf(req), readerLang(req));
    return reply.page(<v.AnnouncementPage view={view} />);
  });

  const editable = (req: FastifyRequest) => {
    requirePerson(req);
    return svc.getEditableAnnouncement(deps, req.actor, idOf(req), req.i18n.locale);
  };

  const renderEdit = async (req: FastifyRequest, state = emptyForm()) => <v.EditAnnouncementPage view={await editable(req)} state={state} />;
  app.get('/announcements/:id/edit', async (req, reply) => reply.page(await renderEdit(req)));
  app.post('/announcements/:id/edit', { config: { form: renderEdit } }, async (req, reply) => {
    requirePerson(req);
    // Who may edit is decided before the form is read, so a refusal never depends on what was sent.
    await svc.editableAnnouncement(deps, req.actor, idOf(req));
    await svc.editAnnouncement(deps, req.actor, idOf(req), parseInput(editAnnouncementSchema, req.body));
    return reply.seeOther(`/announcements/${idOf(req)}`, { kind: 'ok', key: 'announcements.saved' });
  });

  const renderTranslate = async (req: FastifyRequest, state = emptyForm()) => <v.TranslateAnnouncementPage view={await editable(req)} state={state} />;
  app.get('/announcements/:id/translate', async (req, reply) => reply.page(await renderTranslate(req)));
  app.post('/announcements/:id/translate', { config: { form: renderTranslate } }, async (req, reply) => {
    requirePerson(req);
    await svc.editableAnnouncement(deps, req.actor, idOf(req));
    const input = parseInput(announcementTranslationFormSchema, req.body);
    await svc.translateAnnouncement(deps, req.actor, idOf(req), input);
    return reply.seeOther(`/announcements/${idOf(req)}?lang=${input.lang}`, { kind: 'ok', key: 'announcements.translated' });
  });

  app.post('/announcements/:id/publish', async (req, reply) => {
    requirePerson(req);
    await svc.publishAnnouncement(deps, req.actor, idOf(req));
    return reply.seeOther(`/announcements/${idOf(req)}`, { kind: 'ok', key: 'announcements.publishedNow' });
  });
  app.post('/announcements/:id/unpublish', async (req, reply) => {
    requirePerson(req);
    await svc.unpublishAnnouncement(deps, req.actor, idOf(req));
    return reply.seeOther(`/announcements/${idOf(req)}`, { kind: 'ok', key: 'announcements.unpublishedNow' });
  });

  const renderDelete = async (req: FastifyRequest) => <v.DeleteAnnouncementPage view={await editable(req)} />;
  app.get('/announcements/:id/delete', async (req, reply) => reply.page(await renderDelete(req)));
  app.post('/announcements/:id/delete', { config: { form: renderDelete } }, async (req, reply) => {
    requirePerson(req);
    // Authorization first (a refusal must not depend on the form), then the confirmation.
    const a = await svc.editableAnnouncement(deps, req.actor, idOf(req));
    parseInput(confirmSchema, req.body);
    await svc.deleteAnnouncement(deps, req.actor, a.id);
    const back = a.org ? `/announcements?org=${encodeURIComponent(a.org.slug)}` : '/announcements';
    return reply.seeOther(back, { kind: 'ok', key: 'announcements.deleted' });
  });
}
