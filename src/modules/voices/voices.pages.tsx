// Voices pages. Respondents' routes (the form, its submission, the thank-you
// page, the inbox's address) are marked `anonymousForm`: no CSRF cookie, no
// cookie at all, and the submission is checked by its own signed single-use
// token instead. Everything else is a normal page of the site.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../kernel/deps.js';
import { parseInput } from '../../kernel/http/forms.js';
import { localPath } from '../../kernel/http/kernel.plugin.js';
import { requirePerson } from '../../kernel/auth/auth.pages.js';
import { isLocale, parseAcceptLanguage, translator } from '../../kernel/i18n/i18n.js';
import { emptyForm, type FormState } from '../../kernel/views/components/form.js';
import { isLanguage, translationSchema } from '../../kernel/text/index.js';
import { forbidden, validationFailed } from '../../kernel/errors.js';
import * as svc from './voices.service.js';
import * as mod from './voices.moderation.js';
import * as needs from './voices.needs.js';
import { buildReport } from './voices.report.js';
import { needsAtom } from './voices.atom.js';
import { powScript } from './voices.pow.js';
import { canDesignateModerators, canManageCampaigns } from './voices.policy.js';
import {
  answerStatusSchema,
  answerTagsSchema,
  editCampaignSchema,
  editNeedSchema,
  linkNeedSchema,
  mergeNeedSchema,
  moderatorSchema,
  newCampaignSchema,
  newNeedSchema,
  projectLinkSchema,
  proposalLinkSchema,
  questionSchema,
  quoteSchema,
} from './voices.schemas.js';
import { NEED_STATUSES, type AnswerStatus, type NeedStatus } from './voices.tables.js';
import { RespondPage, ThanksPage, languageLinks, type RawValues } from './views/respond.views.js';
import { ManageCampaignPage, ModeratorsPage, NewCampaignPage, TranslateCampaignPage, VoicesHomePage, scopeBase } from './views/manage.views.js';
import { AnswerPage, QueuePage } from './views/triage.views.js';
import { NeedPage, NeedsListPage, NewNeedPage } from './views/needs.views.js';
import { ReportPage } from './views/report.views.js';

type Params = Record<string, string>;
const str = (x: unknown) => (typeof x === 'string' && x !== '' ? x : undefined);
const respondent = { anonymousForm: true } as const;

/** The two places campaigns live: an organisation's, and the federation's own. */
const BASES = ['/orgs/:slug/voices', '/federation/voices'] as const;

export async function voicesPages(app: FastifyInstance, deps: Deps, rt: svc.VoicesRuntime): Promise<void> {
  const params = (req: FastifyRequest) => req.params as Params;
  const query = (req: FastifyRequest) => req.query as Record<string, unknown>;
  const body = (req: FastifyRequest) => (req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {});
  const readerLang = (req: FastifyRequest) => {
    const asked = str(query(req).lang)?.toLowerCase();
    return asked && isLanguage(asked) ? asked : req.i18n.locale;
  };
  /** Respondents' pages speak the campaign's chosen language where the interface has it. */
  const speak = (req: FastifyRequest, lang: string) => {
    if (isLocale(lang)) req.i18n = translator(lang, req.i18n.timeZone);
  };
  const preferred = (req: FastifyRequest) => [req.i18n.locale, ...parseAcceptLanguage(String(req.headers['accept-language'] ?? ''))];

  // ── Respondents ──────────────────────────────────────────────────────────

  const script = powScript();
  app.get('/voices/pow.js', { config: respondent }, async (_req, reply) =>
    reply.header('Cache-Control', 'public, max-age=31536000, immutable').type('text/javascript; charset=utf-8').send(script.body),
  );

  const renderRespond = async (req: FastifyRequest, state?: FormState) => {
    const id = params(req).id!;
    const key = query(req).k;
    const c = await svc.loadRespondentCampaign(deps, id, key);
    const asked = req.method === 'POST' ? body(req).lang : query(req).lang;
    const { lang, unavailable } = svc.chooseLanguage(c, typeof asked === 'string' ? asked : undefined, preferred(req));
    speak(req, lang);
    const form = await svc.respondentForm(deps, rt, c, lang, req.method === 'POST' ? undefined : unavailable, key);
    // The person's own answers come back exactly as sent, checkboxes included.
    const values: RawValues = {};
    if (req.method === 'POST') {
      for (const [k, v] of Object.entries(body(req))) {
        if (k.startsWith('q_') && (typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string')))) values[k] = v as string | string[];
      }
    }
    return <RespondPage form={form} state={state} values={values} action={`/voices/${c.id}`} powScript={script.href} />;
  };

  app.get('/voices/:id', { config: respondent }, async (req, reply) => reply.page(await renderRespond(req)));

  app.post('/voices/:id', { config: { ...respondent, form: renderRespond } }, async (req, reply) => {
    const c = await svc.loadRespondentCampaign(deps, params(req).id!, query(req).k);
    const b = body(req);
    const lang = typeof b.lang === 'string' && c.languages.includes(b.lang) ? b.lang : c.sourceLang;
    // A refusal shows the form again through renderRespond, which speaks the person's language.
    const r = await svc.submitAnswer(deps, rt, { campaign: c, lang: b.lang, body: b, address: req.ip });
    // No flash cookie: the thank-you page says it all.
    return reply.redirect(`/voices/${c.id}/thanks?lang=${lang}${r.status === 'pending' ? '&pending=1' : ''}`, 303);
  });

  app.get('/voices/:id/thanks', { config: respondent }, async (req, reply) => {
    const c = await svc.getCampaign(deps.db, params(req).id!);
    const { lang } = svc.chooseLanguage(c, str(query(req).lang), preferred(req));
    speak(req, lang);
    const links = c.access === 'public' && c.languages.length > 1 ? languageLinks(`/voices/${c.id}/thanks`, c.languages, lang, undefined) : undefined;
    return reply.page(<ThanksPage campaignId={c.id} pending={query(req).pending === '1'} lang={lang} languages={links} />);
  });

  // Every organisation's standing inbox, at an address easy to give out.
  app.get('/feedback/:slug', { config: respondent }, async (req, reply) => {
    const scope = await svc.resolveScope(deps.db, params(req).slug);
    const inbox = await svc.ensureInbox(deps, scope.orgId!);
    const lang = str(query(req).lang);
    return reply.redirect(`/voices/${inbox.id}${lang && isLanguage(lang) ? `?lang=${lang}` : ''}`, 303);
  });

  app.get('/voices/:id/report', async (req, reply) => {
    const c = await svc.getCampaign(deps.db, params(req).id!);
    const { lang } = svc.chooseLanguage(c, str(query(req).lang), preferred(req));
    speak(req, lang);
    const report = await buildReport(deps, req.actor, c.id, lang);
    return reply.page(<ReportPage report={report} lang={lang} />);
  });

  // ── Needs (public reading) ──────────────────────────────────────────────

  const needsScope = async (req: FastifyRequest) => {
    const org = str(query(req).org);
    if (org === undefined) return { orgId: undefined, label: undefined, org };
    if (org === 'federation') return { orgId: null, label: req.i18n.t('voices.federation'), org };
    const scope = await svc.resolveScope(deps.db, org);
    return { orgId: scope.orgId, label: scope.org!.name, org };
  };
  const needStatus = (req: FastifyRequest): NeedStatus | undefined => {
    const s = str(query(req).status);
    return s && (NEED_STATUSES as readonly string[]).includes(s) ? (s as NeedStatus) : undefined;
  };

  app.get('/needs', async (req, reply) => {
    const scope = await needsScope(req);
    const status = needStatus(req);
    const list = await needs.listNeeds(deps, { orgId: scope.orgId, status }, readerLang(req));
    return reply.page(<NeedsListPage needs={list} scopeLabel={scope.label} org={scope.org} status={status} />);
  });

  app.get('/needs.atom', async (req, reply) => {
    const scope = await needsScope(req);
    const events = await needs.needEvents(deps, scope.orgId, readerLang(req));
    const self = `${deps.config.baseUrl}/needs.atom${scope.org ? `?org=${encodeURIComponent(scope.org)}` : ''}`;
    const title = scope.label ? req.i18n.t('voices.needs.titleOf', { name: scope.label }) : req.i18n.t('voices.needs.title');
    return reply
      .header('Cache-Control', 'public, max-age=300')
      .type('application/atom+xml; charset=utf-8')
      .send(needsAtom({ baseUrl: deps.config.baseUrl, i18n: req.i18n, events, self, title }));
  });

  const renderNeed = async (req: FastifyRequest, state?: FormState, section?: string) =>
    <NeedPage view={await needs.viewNeed(deps, req.actor, params(req).id!, readerLang(req))} state={state} section={section} />;
  app.get('/needs/:id', async (req, reply) => reply.page(await renderNeed(req)));

  /** A form on the need's page: moderators only, judged before the form is read. */
  const needForm = (path: string, section: string, run: (req: FastifyRequest) => Promise<unknown>, key: string, to?: (req: FastifyRequest) => string) =>
    app.post(path, { config: { form: (req, state) => renderNeed(req, state, section) } }, async (req, reply) => {
      requirePerson(req);
      await run(req);
      return reply.seeOther(to ? to(req) : `/needs/${params(req).id}`, { kind: 'ok', key });
    });
  // Authorization first: the service checks again inside its transaction.
  const guardNeed = (req: FastifyRequest) => needs.assertNeedModerator(deps.db, req.actor, params(req).id!);
  needForm('/needs/:id/edit', 'edit', async (req) => {
    await guardNeed(req);
    await needs.updateNeed(deps, req.actor, params(req).id!, parseInput(editNeedSchema, req.body));
  }, 'voices.need.saved');
  needForm('/needs/:id/projects', 'project', async (req) => {
    await guardNeed(req);
    await needs.linkProject(deps, req.actor, params(req).id!, parseInput(projectLinkSchema, req.body).project);
  }, 'voices.need.linked');
  needForm('/needs/:id/projects/:project/remove', 'project', async (req) => {
    await guardNeed(req);
    await needs.unlinkProject(deps, req.actor, params(req).id!, params(req).project!);
  }, 'voices.need.unlinked');
  needForm('/needs/:id/proposals', 'proposal', async (req) => {
    await guardNeed(req);
    await needs.linkProposal(deps, req.actor, params(req).id!, parseInput(proposalLinkSchema, req.body).proposalId);
  }, 'voices.need.linked');
  needForm('/needs/:id/proposals/:proposalId/remove', 'proposal', async (req) => {
    await guardNeed(req);
    await needs.unlinkProposal(deps, req.actor, params(req).id!, params(req).proposalId!);
  }, 'voices.need.unlinked');
  needForm(
    '/needs/:id/merge',
    'merge',
    async (req) => {
      await guardNeed(req);
      await needs.mergeNeed(deps, req.actor, params(req).id!, parseInput(mergeNeedSchema, req.body).into);
    },
    'voices.need.merged',
    (req) => `/needs/${body(req).into}`,
  );
  needForm('/needs/:id/answers/:answerId/remove', 'answers', async (req) => {
    await guardNeed(req);
    await needs.unlinkAnswer(deps, req.actor, params(req).id!, params(req).answerId!);
  }, 'voices.need.unlinked');

  // ── A scope's campaigns, queue, needs and exports ────────────────────────

  const scopeOf = (req: FastifyRequest) => svc.resolveScope(deps.db, params(req).slug);

  for (const base of BASES) {
    app.get(base, async (req, reply) => {
      requirePerson(req);
      const scope = await scopeOf(req);
      await mod.assertModerator(deps.db, req.actor, scope.orgId);
      const campaigns = await svc.listCampaigns(deps, scope.orgId, req.i18n.locale, false);
      const counts = await mod.answerCounts(deps, req.actor, scope);
      return reply.page(
        <VoicesHomePage
          scope={scope}
          campaigns={campaigns}
          inboxUrl={scope.org ? `${deps.config.baseUrl}/feedback/${scope.org.slug}` : undefined}
          canManage={canManageCampaigns(req.actor, scope.orgId)}
          canDesignate={scope.orgId !== null && canDesignateModerators(req.actor, scope.orgId)}
          counts={counts}
        />,
      );
    });

    const renderNew = async (req: FastifyRequest, state = emptyForm()) => {
      requirePerson(req);
      const scope = await scopeOf(req);
      if (!canManageCampaigns(req.actor, scope.orgId)) throw forbidden();
      return <NewCampaignPage scope={scope} state={state} />;
    };
    app.get(`${base}/new`, async (req, reply) => reply.page(await renderNew(req)));
    app.post(`${base}/new`, { config: { form: renderNew } }, async (req, reply) => {
      requirePerson(req);
      const scope = await scopeOf(req);
      if (!canManageCampaigns(req.actor, scope.orgId)) throw forbidden();
      const c = await svc.createCampaign(deps, req.actor, scope, parseInput(newCampaignSchema, req.body));
      return reply.seeOther(`/voices/${c.id}/manage`, { kind: 'ok', key: 'voices.campaign.created' });
    });

    app.get(`${base}/queue`, async (req, reply) => {
      requirePerson(req);
      const scope = await scopeOf(req);
      const q = query(req);
      const status = (['pending', 'accepted', 'spam'] as const).find((s) => s === q.status) ?? 'pending';
      const filter = { status, campaignId: str(q.campaign), tag: str(q.tag)?.toLowerCase(), after: str(q.after) };
      const result = await mod.queue(deps, req.actor, scope, filter, req.i18n.locale);
      const campaigns = await svc.listCampaigns(deps, scope.orgId, req.i18n.locale, false);
      return reply.page(<QueuePage scope={scope} items={result.items} next={result.next} counts={result.counts} status={status} campaigns={campaigns} campaignId={filter.campaignId} tag={filter.tag} />);
    });

    const exportOf = async (req: FastifyRequest) => {
      requirePerson(req);
      const scope = await scopeOf(req);
      return mod.exportAnswers(deps, req.actor, scope, str(query(req).campaign));
    };
    app.get(`${base}/export.csv`, async (req, reply) => {
      const rows = await exportOf(req);
      return reply.header('Content-Disposition', 'attachment; filename="answers.csv"').type('text/csv; charset=utf-8').send(mod.answersCsv(rows));
    });
    app.get(`${base}/export.json`, async (req, reply) => {
      const rows = await exportOf(req);
      return reply.header('Content-Disposition', 'attachment; filename="answers.json"').type('application/json; charset=utf-8').send(JSON.stringify({ answers: rows }, null, 2));
    });

    const renderNewNeed = async (req: FastifyRequest, state = emptyForm()) => {
      requirePerson(req);
      const scope = await scopeOf(req);
      await mod.assertModerator(deps.db, req.actor, scope.orgId);
      return <NewNeedPage scope={scope} state={state} />;
    };
    app.get(`${base}/needs/new`, async (req, reply) => reply.page(await renderNewNeed(req)));
    app.post(`${base}/needs/new`, { config: { form: renderNewNeed } }, async (req, reply) => {
      requirePerson(req);
      const scope = await scopeOf(req);
      await mod.assertModerator(deps.db, req.actor, scope.orgId);
      const id = await needs.createNeed(deps, req.actor, scope, parseInput(newNeedSchema, req.body));
      return reply.seeOther(`/needs/${id}`, { kind: 'ok', key: 'voices.need.created' });
    });
  }

  // ── Designated moderators (organisations only) ───────────────────────────

  const renderModerators = async (req: FastifyRequest, state = emptyForm()) => {
    requirePerson(req);
    const scope = await scopeOf(req);
    const page = await mod.moderatorsPage(deps, req.actor, scope.orgId!);
    return <ModeratorsPage scope={scope} moderators={page.moderators} candidates={page.candidates} state={state} />;
  };
  app.get('/orgs/:slug/voices/moderators', async (req, reply) => reply.page(await renderModerators(req)));
  app.post('/orgs/:slug/voices/moderators', { config: { form: renderModerators } }, async (req, reply) => {
    requirePerson(req);
    const scope = await scopeOf(req);
    await mod.moderatorsPage(deps, req.actor, scope.orgId!);
    await mod.addModerator(deps, req.actor, scope.orgId!, parseInput(moderatorSchema, req.body).person);
    return reply.seeOther(`/orgs/${params(req).slug}/voices/moderators`, { kind: 'ok', key: 'voices.moderators.added' });
  });
  app.post('/orgs/:slug/voices/moderators/:personId/remove', async (req, reply) => {
    requirePerson(req);
    const scope = await scopeOf(req);
    await mod.removeModerator(deps, req.actor, scope.orgId!, params(req).personId!);
    return reply.seeOther(`/orgs/${params(req).slug}/voices/moderators`, { kind: 'ok', key: 'voices.moderators.removed' });
  });

  // ── One campaign (its managers) ──────────────────────────────────────────

  const idOf = (req: FastifyRequest) => params(req).id!;
  const renderManage = async (req: FastifyRequest, state = emptyForm(), which: 'settings' | 'question' = 'settings') => {
    requirePerson(req);
    const view = await svc.viewForManage(deps, req.actor, idOf(req), req.i18n.locale);
    return <ManageCampaignPage view={view} state={which === 'settings' ? state : emptyForm()} questionState={which === 'question' ? state : emptyForm()} />;
  };
  app.get('/voices/:id/manage', async (req, reply) => reply.page(await renderManage(req)));
  const toManage = (req: FastifyRequest) => `/voices/${idOf(req)}/manage`;
  const manageForm = (path: string, run: (req: FastifyRequest) => Promise<unknown>, key: string, which: 'settings' | 'question' = 'settings') =>
    app.post(path, { config: { form: (req, state) => renderManage(req, state, which) } }, async (req, reply) => {
      requirePerson(req);
      await svc.campaignForManage(deps.db, req.actor, idOf(req));
      await run(req);
      return reply.seeOther(toManage(req), { kind: 'ok', key });
    });
  manageForm('/voices/:id/edit', (req) => svc.updateCampaign(deps, req.actor, idOf(req), parseInput(editCampaignSchema, req.body)), 'voices.campaign.saved');
  manageForm('/voices/:id/questions', (req) => svc.addQuestion(deps, req.actor, idOf(req), parseInput(questionSchema, req.body)), 'voices.question.added', 'question');
  manageForm('/voices/:id/questions/:questionId/remove', (req) => svc.removeQuestion(deps, req.actor, idOf(req), params(req).questionId!), 'voices.question.removed', 'question');
  manageForm('/voices/:id/publish', (req) => svc.setCampaignStatus(deps, req.actor, idOf(req), 'published'), 'voices.campaign.published');
  manageForm('/voices/:id/unpublish', (req) => svc.setCampaignStatus(deps, req.actor, idOf(req), 'draft'), 'voices.campaign.unpublished');
  manageForm('/voices/:id/close', (req) => svc.closeCampaign(deps, req.actor, idOf(req)), 'voices.campaign.closed');
  manageForm('/voices/:id/link', (req) => svc.rotatePrivateLink(deps, req.actor, idOf(req)), 'voices.campaign.linkRenewed');

  const renderTranslate = async (req: FastifyRequest, state = emptyForm()) => {
    requirePerson(req);
    const view = await svc.viewForManage(deps, req.actor, idOf(req), req.i18n.locale);
    const asked = (req.method === 'POST' ? str(body(req).lang) : str(query(req).lang))?.toLowerCase();
    const lang = asked && isLanguage(asked) ? asked : view.campaign.languages.find((l) => l !== view.campaign.sourceLang) ?? (isLanguage(req.i18n.locale) ? req.i18n.locale : 'en');
    const values = await svc.translationValues(deps, view.campaign, lang);
    const posted: Record<string, string> = {};
    if (req.method === 'POST') for (const [k, v] of Object.entries(body(req))) if (typeof v === 'string' && k !== '_csrf') posted[k] = v;
    return <TranslateCampaignPage view={view} lang={lang} values={values} state={{ ...state, values: { ...state.values, ...posted } }} />;
  };
  app.get('/voices/:id/translate', async (req, reply) => reply.page(await renderTranslate(req)));
  app.post('/voices/:id/translate', { config: { form: renderTranslate } }, async (req, reply) => {
    requirePerson(req);
    await svc.campaignForManage(deps.db, req.actor, idOf(req));
    const b = body(req);
    const lang = str(b.lang)?.toLowerCase();
    if (!lang || !isLanguage(lang)) throw validationFailed({ lang: 'error.TEXT_UNKNOWN_LANGUAGE' });
    const values: Record<string, string> = {};
    for (const [k, v] of Object.entries(b)) if (typeof v === 'string' && v.length <= 20_000) values[k] = v.replace(/\r\n?/g, '\n');
    const translator = str(b.translator)?.trim().slice(0, 120) ?? null;
    await svc.translateCampaign(deps, req.actor, idOf(req), { lang, values, translator, machine: b.machine === 'yes' });
    return reply.seeOther(`/voices/${idOf(req)}/translate?lang=${lang}`, { kind: 'ok', key: 'voices.translate.saved' });
  });

  // ── One answer (the scope's moderators) ──────────────────────────────────

  const renderAnswer = async (req: FastifyRequest, state?: FormState, section?: string) => {
    requirePerson(req);
    return <AnswerPage view={await mod.viewAnswer(deps, req.actor, idOf(req), req.i18n.locale)} state={state} section={section} />;
  };
  app.get('/voices/answers/:id', async (req, reply) => reply.page(await renderAnswer(req)));
  const answerForm = (path: string, section: string, run: (req: FastifyRequest, reply: FastifyReply) => Promise<string | void>, key: string) =>
    app.post(path, { config: { form: (req, state) => renderAnswer(req, state, section) } }, async (req, reply) => {
      requirePerson(req);
      // Judged before the form is read: the answer's scope decides.
      await mod.answerForModeration(deps.db, req.actor, idOf(req));
      const to = await run(req, reply);
      return reply.seeOther(to ?? `/voices/answers/${idOf(req)}`, { kind: 'ok', key });
    });
  answerForm('/voices/answers/:id/status', 'status', async (req) => {
    const { status } = parseInput(answerStatusSchema, req.body);
    await mod.setAnswerStatus(deps, req.actor, idOf(req), status as AnswerStatus);
    const back = str(body(req).back);
    return back ? localPath(back) : undefined;
  }, 'voices.answer.statusSaved');
  answerForm('/voices/answers/:id/tags', 'tags', (req) => mod.setAnswerTags(deps, req.actor, idOf(req), parseInput(answerTagsSchema, req.body).tags), 'voices.answer.tagsSaved');
  answerForm('/voices/answers/:id/translate', 'translate', async (req) => {
    const questionId = str(body(req).questionId) ?? '';
    await mod.translateAnswer(deps, req.actor, idOf(req), questionId, parseInput(translationSchema, req.body));
  }, 'voices.answer.translated');
  answerForm('/voices/answers/:id/need', 'need', async (req) => {
    const needId = await needs.linkAnswerToNeed(deps, req.actor, idOf(req), parseInput(linkNeedSchema, req.body));
    return `/needs/${needId}`;
  }, 'voices.answer.needLinked');
  answerForm('/voices/answers/:id/quote', 'quote', (req) => mod.approveQuote(deps, req.actor, idOf(req), parseInput(quoteSchema, req.body)).then(() => undefined), 'voices.answer.quoteApproved');

  answerForm('/voices/answers/:id/quotes/:quoteId/remove', 'quote', async (req) => {
    await mod.removeQuote(deps, req.actor, idOf(req), params(req).quoteId!);
  }, 'voices.answer.quoteWithdrawn');
}
