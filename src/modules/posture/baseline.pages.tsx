// HTML routes of the baseline side of posture: the baseline and its practices,
// translations, versions and changes; scorecards, self-assessment, visibility
// and exports; the federation overview; help between members.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Deps } from '../../kernel/deps.js';
import { forbidden } from '../../kernel/errors.js';
import { parseInput } from '../../kernel/http/forms.js';
import { emptyForm, type FormState } from '../../kernel/views/components/form.js';
import { requirePerson } from '../../kernel/auth/auth.pages.js';
import { isCoordinator, isFedAdmin } from '../../kernel/auth/actor.js';
import { isLanguage, pickText } from '../../kernel/text/index.js';
import { instantToWallText, isTimeZone, proposalFieldsSchema } from '../governance/index.js';
import { shippedRules, TEXT_FIELDS, type TextField } from './baseline/index.js';
import * as repo from './baseline.repository.js';
import * as svc from './baseline.service.js';
import * as cards from './scorecard.service.js';
import * as help from './help.service.js';
import { opsFromChoices, definitionChanged, type FormChoice } from './baseline.changes.js';
import { adminOrgIds, canProposeAnyBaselineChange, canTranslatePractice, isFederationMember } from './baseline.policy.js';
import { answerSchema, canHelpSchema, closeRequestSchema, helpRequestSchema, offerSchema, practiceTranslationSchema, visibilitySchema } from './baseline.schemas.js';
import { scorecardCsv, scorecardJson } from './scorecard.export.js';
import * as bv from './views/baseline.views.js';
import * as sv from './views/scorecard.views.js';
import * as hv from './views/help.views.js';

const TWO_WEEKS_MS = 14 * 86_400_000;

export async function baselinePages(app: FastifyInstance, deps: Deps): Promise<void> {
  const params = (req: FastifyRequest) => req.params as Record<string, string>;
  /** The reader's language: ?lang= when it names a language, else the interface language. */
  const readerLang = (req: FastifyRequest) => {
    const asked = (req.query as Record<string, unknown>).lang;
    const l = typeof asked === 'string' ? asked.trim().toLowerCase() : '';
    return l !== '' && isLanguage(l) ? l : req.i18n.locale;
  };

  // ── The baseline ──
  app.get('/baseline', async (req, reply) => {
    const overview = await svc.viewBaseline(deps, readerLang(req));
    return reply.page(<bv.BaselinePage overview={overview} canPropose={canProposeAnyBaselineChange(req.actor)} member={isFederationMember(req.actor)} />);
  });

  app.get('/baseline/practices/:id', async (req, reply) => {
    const view = await svc.viewPractice(deps, req.actor, params(req).id!, readerLang(req));
    return reply.page(<bv.PracticePage view={view} canTranslate={canTranslatePractice(req.actor)} />);
  });

  const renderTranslate = async (req: FastifyRequest, state: FormState = emptyForm()) => {
    requirePerson(req);
    if (!canTranslatePractice(req.actor)) throw forbidden();
    const view = await svc.viewPractice(deps, req.actor, params(req).id!, req.i18n.locale);
    const fields = TEXT_FIELDS.filter((f) => f !== 'question' || view.texts.question !== undefined);
    const versions: Record<string, Awaited<ReturnType<typeof svc.practiceTranslations>>> = {};
    for (const f of fields) versions[f] = await svc.practiceTranslations(deps, view.id, f as TextField);
    return <bv.TranslatePracticePage view={view} versions={versions} state={state} />;
  };
  app.get('/baseline/practices/:id/translate', async (req, reply) => reply.page(await renderTranslate(req)));
  app.post('/baseline/practices/:id/translate', { config: { form: renderTranslate } }, async (req, reply) => {
    requirePerson(req);
    if (!canTranslatePractice(req.actor)) throw forbidden();
    const input = parseInput(practiceTranslationSchema, req.body);
    await svc.translatePractice(deps, req.actor, params(req).id!, input);
    return reply.seeOther(`/baseline/practices/${params(req).id}?lang=${input.lang}`, { kind: 'ok', key: 'baseline.translate.saved' });
  });

  app.get('/baseline/versions', async (_req, reply) => reply.page(<bv.VersionsPage versions={await svc.listBaselineVersions(deps)} />));

  app.get('/baseline/versions/:version', async (req, reply) => {
    const version = await svc.getBaselineVersion(deps, Number(params(req).version));
    const titles = await pickText(deps.db, svc.PRACTICE_OWNER, [...version.rules.map((r) => r.id), ...version.changes.map((c) => c.practiceId)], 'title', req.i18n.locale);
    const lines = await svc.describeChanges(deps.db, version.changes, req.i18n.locale);
    return reply.page(<bv.VersionPage version={version} titles={new Map([...titles].map(([k, v]) => [k, v.body]))} lines={lines} />);
  });

  app.get('/baseline/changes/:id', async (req, reply) => reply.page(<bv.ChangePage view={await svc.viewChange(deps, params(req).id!, req.i18n.locale)} />));

  // ── Proposing a change of the baseline ──
  const renderPropose = async (req: FastifyRequest, state: FormState = emptyForm()) => {
    const person = requirePerson(req);
    if (!canProposeAnyBaselineChange(req.actor)) throw forbidden();
    const version = await svc.currentVersion(deps);
    const shipped = shippedRules();
    const ids = [...new Set([...version.rules.map((r) => r.id), ...shipped.map((r) => r.id)])];
    const titles = await pickText(deps.db, svc.PRACTICE_OWNER, ids, 'title', req.i18n.locale);
    const rows = ids.map((id) => {
      const published = version.rules.find((r) => r.id === id);
      const def = shipped.find((r) => r.id === id);
      return { id, title: titles.get(id)?.body ?? id, published, shipped: def, changed: !!published && !!def && definitionChanged(published, def) };
    });
    const orgs = [...(await repo.findOrgsByIds(deps.db, adminOrgIds(req.actor))).values()].filter((o) => o.status === 'active');
    const zone = person.timeZone && isTimeZone(person.timeZone) ? person.timeZone : req.i18n.timeZone;
    const defaults = {
      lang: isLanguage(req.i18n.locale) ? req.i18n.locale : 'en',
      timeZone: zone,
      closesAt: instantToWallText(new Date(deps.clock.now().getTime() + TWO_WEEKS_MS), zone),
      title: req.i18n.t('baseline.propose.defaultTitle', { next: version.version + 1 }),
    };
    return (
      <bv.ProposeChangePage state={state} rows={rows} version={version.version} orgs={orgs} federation={isCoordinator(req.actor) || isFedAdmin(req.actor)} defaults={defaults} />
    );
  };
  app.get('/baseline/propose', async (req, reply) => reply.page(await renderPropose(req)));
  app.post('/baseline/propose', { config: { form: renderPropose } }, async (req, reply) => {
    requirePerson(req);
    if (!canProposeAnyBaselineChange(req.actor)) throw forbidden();
    const body = (req.body ?? {}) as Record<string, unknown>;
    const authorOrg = typeof body.authorOrg === 'string' && body.authorOrg !== '' ? body.authorOrg : null;
    const fields = parseInput(proposalFieldsSchema, body);
    const version = await svc.currentVersion(deps);
    const shipped = shippedRules();
    const choices = new Map<string, FormChoice>();
    for (const id of new Set([...version.rules.map((r) => r.id), ...shipped.map((r) => r.id)])) {
      const w = Number(body[`weight.${id}`]);
      const fallback = version.rules.find((r) => r.id === id)?.weight ?? shipped.find((r) => r.id === id)!.weight;
      choices.set(id, { included: body[`include.${id}`] === 'yes', weight: (w === 1 || w === 2 || w === 3 ? w : fallback) as 1 | 2 | 3, adopt: body[`adopt.${id}`] === 'yes' });
    }
    const ops = opsFromChoices(choices, version.rules, shipped);
    const { change } = await svc.proposeBaselineChange(deps, req.actor, { proposal: fields, authorOrgId: authorOrg, ops });
    return reply.seeOther(`/baseline/changes/${change.id}`, { kind: 'ok', key: 'baseline.propose.created' });
  });

  // ── The federation overview ──
  app.get('/posture', async (req, reply) => reply.page(<sv.OverviewPage overview={await cards.federationOverview(deps, req.actor, req.i18n.locale)} />));

  // ── An organisation's scorecard ──
  const slugOf = (req: FastifyRequest) => params(req).slug!;
  app.get('/orgs/:slug/posture', async (req, reply) => {
    const card = await cards.getScorecard(deps, req.actor, slugOf(req), { lang: readerLang(req), guides: true, trend: true });
    return reply.page(<sv.ScorecardPage card={card} />);
  });

  app.get('/orgs/:slug/posture/scorecard.json', async (req, reply) => {
    const card = await cards.getScorecard(deps, req.actor, slugOf(req), { lang: readerLang(req), trend: true });
    return reply
      .type('application/json; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="scorecard-${card.org.slug}-v${card.version.version}.json"`)
      .send(JSON.stringify(scorecardJson(card), null, 2));
  });

  app.get('/orgs/:slug/posture/scorecard.csv', async (req, reply) => {
    const card = await cards.getScorecard(deps, req.actor, slugOf(req), { lang: readerLang(req) });
    return reply
      .type('text/csv; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="scorecard-${card.org.slug}-v${card.version.version}.csv"`)
      .send(scorecardCsv(card, req.i18n));
  });

  app.post('/orgs/:slug/posture/visibility', async (req, reply) => {
    requirePerson(req);
    await cards.assertMayAssess(deps, req.actor, slugOf(req));
    const { visibility } = parseInput(visibilitySchema, req.body);
    await cards.setVisibility(deps, req.actor, slugOf(req), visibility);
    return reply.seeOther(`/orgs/${slugOf(req)}/posture`, { kind: 'ok', key: 'baseline.visibility.saved' });
  });

  // ── One practice of the organisation: evidence, answer, help ──
  const renderOrgPractice = (which: 'answer' | 'help') => async (req: FastifyRequest, state: FormState) => {
    const view = await cards.getOrgPractice(deps, req.actor, slugOf(req), params(req).id!, req.i18n.locale);
    return <sv.OrgPracticePage view={view} {...(which === 'answer' ? { answerState: state } : { helpState: state })} />;
  };
  app.get('/orgs/:slug/posture/practices/:id', async (req, reply) => {
    const view = await cards.getOrgPractice(deps, req.actor, slugOf(req), params(req).id!, readerLang(req));
    return reply.page(<sv.OrgPracticePage view={view} />);
  });
  app.post('/orgs/:slug/posture/practices/:id/answer', { config: { form: renderOrgPractice('answer') } }, async (req, reply) => {
    requirePerson(req);
    await cards.assertMayAssess(deps, req.actor, slugOf(req));
    await cards.answerPractice(deps, req.actor, slugOf(req), params(req).id!, parseInput(answerSchema, req.body));
    return reply.seeOther(`/orgs/${slugOf(req)}/posture/practices/${params(req).id}`, { kind: 'ok', key: 'baseline.answer.saved' });
  });
  app.post('/orgs/:slug/posture/practices/:id/help', { config: { form: renderOrgPractice('help') } }, async (req, reply) => {
    requirePerson(req);
    await cards.assertMayAssess(deps, req.actor, slugOf(req));
    const r = await help.askForHelp(deps, req.actor, slugOf(req), params(req).id!, parseInput(helpRequestSchema, req.body), { locale: req.i18n.locale });
    return reply.seeOther(`/posture/help/${r.id}`, { kind: 'ok', key: 'baseline.help.asked' });
  });

  // ── What an organisation can help with ──
  const renderCanHelp = async (req: FastifyRequest, state?: FormState) => {
    const v = await help.viewCanHelp(deps, req.actor, slugOf(req), req.i18n.locale);
    return <sv.CanHelpPage org={v.org} practices={v.practices} state={state} />;
  };
  app.get('/orgs/:slug/posture/can-help', async (req, reply) => {
    requirePerson(req);
    return reply.page(await renderCanHelp(req));
  });
  app.post('/orgs/:slug/posture/can-help', { config: { form: renderCanHelp } }, async (req, reply) => {
    requirePerson(req);
    await cards.assertMayAssess(deps, req.actor, slugOf(req));
    await help.setCanHelp(deps, req.actor, slugOf(req), parseInput(canHelpSchema, req.body).practice);
    return reply.seeOther(`/orgs/${slugOf(req)}/posture/can-help`, { kind: 'ok', key: 'baseline.canHelp.saved' });
  });

  // ── Help between members ──
  app.get('/posture/help', async (req, reply) => {
    requirePerson(req);
    const items = await help.listHelpRequests(deps, req.actor, req.i18n.locale);
    const adminOrgs = [...(await repo.findOrgsByIds(deps.db, adminOrgIds(req.actor))).values()].filter((o) => o.status === 'active');
    return reply.page(<hv.HelpListPage items={items} adminOrgs={adminOrgs} />);
  });

  const renderRequest = (which: 'offer' | 'close') => async (req: FastifyRequest, state: FormState) => {
    const view = await help.viewHelpRequest(deps, req.actor, params(req).id!, req.i18n.locale);
    return <hv.HelpRequestPage view={view} {...(which === 'offer' ? { offerState: state } : { closeState: state })} />;
  };
  app.get('/posture/help/:id', async (req, reply) => {
    requirePerson(req);
    return reply.page(<hv.HelpRequestPage view={await help.viewHelpRequest(deps, req.actor, params(req).id!, req.i18n.locale)} />);
  });
  app.post('/posture/help/:id/offer', { config: { form: renderRequest('offer') } }, async (req, reply) => {
    requirePerson(req);
    // Only someone who speaks for some organisation may offer; what they wrote is checked after.
    if (adminOrgIds(req.actor).length === 0 && req.actor.kind === 'person') throw forbidden();
    await help.offerHelp(deps, req.actor, params(req).id!, parseInput(offerSchema, req.body));
    return reply.seeOther(`/posture/help/${params(req).id}`, { kind: 'ok', key: 'baseline.help.offered' });
  });
  app.post('/posture/help/:id/close', { config: { form: renderRequest('close') } }, async (req, reply) => {
    requirePerson(req);
    await help.assertMayClose(deps, req.actor, params(req).id!);
    const { outcome } = parseInput(closeRequestSchema, req.body);
    await help.closeHelpRequest(deps, req.actor, params(req).id!, outcome);
    return reply.seeOther(`/posture/help/${params(req).id}`, { kind: 'ok', key: 'baseline.help.closed' });
  });
}
