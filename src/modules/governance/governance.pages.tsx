import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Deps } from '../../kernel/deps.js';
import { isLocale, translator } from '../../kernel/i18n/i18n.js';
import { parseInput } from '../../kernel/http/forms.js';
import { requirePerson } from '../../kernel/auth/auth.pages.js';
import { personOf } from '../../kernel/auth/actor.js';
import { emptyForm, type FormState } from '../../kernel/views/components/form.js';
import { isLanguage } from '../../kernel/text/index.js';
import * as svc from './governance.service.js';
import * as s from './governance.schemas.js';
import { decisionsAtom } from './governance.feed.js';
import { canCreateProposal, canDiscuss } from './governance.policy.js';
import { instantToWallText, isTimeZone } from './governance.time.js';
import * as v from './views/proposal.views.js';
import { DecisionLogPage, DelegatesPage, GovernanceSettingsPage } from './views/log.views.js';

const WEEK_MS = 7 * 24 * 3_600_000;

export async function governancePages(app: FastifyInstance, deps: Deps): Promise<void> {
  const params = (req: FastifyRequest) => req.params as Record<string, string>;
  const query = (req: FastifyRequest) => req.query as Record<string, unknown>;
  const str = (x: unknown) => (typeof x === 'string' && x.length <= 200 ? x : undefined);
  const lang = (req: FastifyRequest) => req.i18n.locale;

  /** Defaults for a new proposal: the author's language and zone, a week from now. */
  const proposalDefaults = (req: FastifyRequest) => {
    const person = personOf(req.actor);
    const zone = person?.timeZone && isTimeZone(person.timeZone) ? person.timeZone : req.i18n.timeZone;
    return {
      lang: isLanguage(req.i18n.locale) ? req.i18n.locale : 'en',
      timeZone: zone,
      closesAt: instantToWallText(new Date(deps.clock.now().getTime() + WEEK_MS), zone),
    };
  };

  // ── Proposals ──
  app.get('/proposals', async (req, reply) => {
    const page = await svc.listOpenProposals(deps, lang(req), str(query(req).after));
    const canCreate =
      req.actor.kind === 'person' && (canCreateProposal(req.actor, null) || req.actor.memberships.some((m) => m.role === 'org_admin'));
    // Members of the federation see who asks to join (the same circle as the discussion).
    return reply.page(<v.ProposalListPage items={page.items} next={page.next} canCreate={canCreate} member={canDiscuss(req.actor)} />);
  });

  const renderNew = async (req: FastifyRequest, state = emptyForm()) => {
    requirePerson(req);
    const choices = await svc.proposalAuthorChoices(deps, req.actor);
    return <v.NewProposalPage state={state} choices={choices} defaults={proposalDefaults(req)} />;
  };
  app.get('/proposals/new', async (req, reply) => reply.page(await renderNew(req)));
  app.post('/proposals/new', { config: { form: renderNew } }, async (req, reply) => {
    // Who may propose at all is decided before what they wrote is checked.
    await svc.proposalAuthorChoices(deps, req.actor);
    const p = await svc.createProposal(deps, req.actor, parseInput(s.proposalFormSchema, req.body));
    return reply.seeOther(`/proposals/${p.id}`, { kind: 'ok', key: 'gov.new.created' });
  });

  const renderProposal = async (req: FastifyRequest, state?: FormState, commentState?: FormState) => {
    const view = await svc.viewProposal(deps, req.actor, params(req).id!, lang(req));
    return <v.ProposalPage view={view} state={state} commentState={commentState} />;
  };
  app.get('/proposals/:id', async (req, reply) => reply.page(await renderProposal(req)));

  app.post('/proposals/:id/position', { config: { form: (req, state) => renderProposal(req, state) } }, async (req, reply) => {
    requirePerson(req);
    const input = parseInput(s.positionFormSchema, req.body);
    await svc.setPosition(deps, req.actor, params(req).id!, { orgId: input.org, position: input.position, reason: input.reason });
    return reply.seeOther(`/proposals/${params(req).id}#positions`, { kind: 'ok', key: 'gov.position.saved' });
  });

  // ── Withdrawing ──
  app.get('/proposals/:id/withdraw', async (req, reply) => {
    const p = await svc.getProposalForWithdrawal(deps, req.actor, params(req).id!);
    const view = await svc.viewProposal(deps, req.actor, p.id, lang(req));
    return reply.page(<v.WithdrawPage proposal={p} title={view.title?.body ?? p.id} />);
  });
  app.post('/proposals/:id/withdraw', async (req, reply) => {
    requirePerson(req);
    await svc.withdrawProposal(deps, req.actor, params(req).id!);
    return reply.seeOther(`/proposals/${params(req).id}`, { kind: 'ok', key: 'gov.withdraw.done' });
  });

  // ── Outcome statement ──
  const renderOutcome = async (req: FastifyRequest, state = emptyForm()) => {
    const p = await svc.getProposalForOutcome(deps, req.actor, params(req).id!);
    const view = await svc.viewProposal(deps, req.actor, p.id, lang(req));
    const texts = await svc.proposalTexts(deps, p.id);
    return <v.OutcomePage proposal={p} title={view.title?.body ?? p.id} state={state} current={texts.outcome} />;
  };
  app.get('/proposals/:id/outcome', async (req, reply) => reply.page(await renderOutcome(req)));
  app.post('/proposals/:id/outcome', { config: { form: renderOutcome } }, async (req, reply) => {
    await svc.getProposalForOutcome(deps, req.actor, params(req).id!);
    await svc.recordOutcome(deps, req.actor, params(req).id!, parseInput(s.outcomeFormSchema, req.body));
    return reply.seeOther(`/proposals/${params(req).id}#outcome`, { kind: 'ok', key: 'gov.outcome.saved' });
  });

  // ── Translations ──
  const renderTranslate = async (req: FastifyRequest, state = emptyForm()) => {
    const p = await svc.getProposalForTranslation(deps, req.actor, params(req).id!);
    const view = await svc.viewProposal(deps, req.actor, p.id, lang(req));
    const texts = await svc.proposalTexts(deps, p.id);
    return <v.TranslatePage proposal={p} title={view.title?.body ?? p.id} state={state} versions={texts.body} />;
  };
  app.get('/proposals/:id/translate', async (req, reply) => reply.page(await renderTranslate(req)));
  app.post('/proposals/:id/translate', { config: { form: renderTranslate } }, async (req, reply) => {
    await svc.getProposalForTranslation(deps, req.actor, params(req).id!);
    await svc.addTranslation(deps, req.actor, params(req).id!, parseInput(s.translationFormSchema, req.body));
    return reply.seeOther(`/proposals/${params(req).id}`, { kind: 'ok', key: 'gov.translate.saved' });
  });

  // ── Discussion ──
  app.post('/proposals/:id/comments', { config: { form: (req, state) => renderProposal(req, undefined, state) } }, async (req, reply) => {
    svc.checkDiscussion(req.actor);
    const { body } = parseInput(s.commentFormSchema, req.body);
    const c = await svc.addComment(deps, req.actor, params(req).id!, body);
    return reply.seeOther(`/proposals/${params(req).id}#comment-${c.id}`, { kind: 'ok', key: 'gov.comments.added' });
  });

  const renderEdit = async (req: FastifyRequest, state = emptyForm()) => {
    const c = await svc.getCommentForEdit(deps, req.actor, params(req).id!, params(req).commentId!);
    return <v.CommentEditPage proposalId={params(req).id!} comment={c} state={state} />;
  };
  app.get('/proposals/:id/comments/:commentId/edit', async (req, reply) => reply.page(await renderEdit(req)));
  app.post('/proposals/:id/comments/:commentId/edit', { config: { form: renderEdit } }, async (req, reply) => {
    await svc.getCommentForEdit(deps, req.actor, params(req).id!, params(req).commentId!);
    const input = parseInput(s.commentEditSchema, req.body);
    await svc.editComment(deps, req.actor, params(req).id!, params(req).commentId!, input.body, input.version);
    return reply.seeOther(`/proposals/${params(req).id}#comment-${params(req).commentId}`, { kind: 'ok', key: 'gov.comments.saved' });
  });
  app.get('/proposals/:id/comments/:commentId/history', async (req, reply) => {
    const { comment, versions } = await svc.commentHistory(deps, req.actor, params(req).id!, params(req).commentId!);
    return reply.page(<v.CommentHistoryPage proposalId={params(req).id!} comment={comment} versions={versions} />);
  });

  // ── The public decision log and its feed ──
  app.get('/decisions', async (req, reply) => {
    const before = str(query(req).before);
    const page = await svc.listDecisions(deps, lang(req), before);
    return reply.page(<DecisionLogPage items={page.items} next={page.next} first={!before} />);
  });
  app.get('/decisions.atom', async (req, reply) => {
    // ?lang= picks the feed's language (feed readers send no cookie); otherwise the negotiated one.
    const asked = str(query(req).lang);
    const i18n = asked && isLocale(asked) ? translator(asked, 'UTC') : translator(req.i18n.locale, 'UTC');
    const page = await svc.listDecisions(deps, i18n.locale, undefined, 50);
    return reply
      .header('Cache-Control', 'public, max-age=300')
      .type('application/atom+xml; charset=utf-8')
      .send(decisionsAtom({ baseUrl: deps.config.baseUrl, i18n, decisions: page.items }));
  });

  // ── Delegates of an organisation ──
  const renderDelegates = async (req: FastifyRequest, state = emptyForm()) =>
    <DelegatesPage view={await svc.viewDelegates(deps, req.actor, params(req).slug!)} state={state} />;
  app.get('/orgs/:slug/delegates', async (req, reply) => reply.page(await renderDelegates(req)));
  app.post('/orgs/:slug/delegates', { config: { form: renderDelegates } }, async (req, reply) => {
    await svc.viewDelegates(deps, req.actor, params(req).slug!);
    const { person } = parseInput(s.delegateFormSchema, req.body);
    await svc.addDelegate(deps, req.actor, params(req).slug!, person);
    return reply.seeOther(`/orgs/${params(req).slug}/delegates`, { kind: 'ok', key: 'gov.delegates.added' });
  });
  app.post('/orgs/:slug/delegates/:personId/remove', async (req, reply) => {
    requirePerson(req);
    await svc.removeDelegate(deps, req.actor, params(req).slug!, params(req).personId!);
    return reply.seeOther(`/orgs/${params(req).slug}/delegates`, { kind: 'ok', key: 'gov.delegates.removed' });
  });

  // ── Federation settings ──
  const renderSettings = async (req: FastifyRequest, state = emptyForm()) =>
    <GovernanceSettingsPage setting={await svc.viewQuorumSetting(deps, req.actor)} state={state} />;
  app.get('/governance/settings', async (req, reply) => {
    requirePerson(req);
    return reply.page(await renderSettings(req));
  });
  app.post('/governance/settings', { config: { form: renderSettings } }, async (req, reply) => {
    requirePerson(req);
    await svc.viewQuorumSetting(deps, req.actor);
    const { quorum } = parseInput(s.quorumFormSchema, req.body);
    await svc.setQuorumSetting(deps, req.actor, quorum);
    return reply.seeOther('/governance/settings', { kind: 'ok', key: 'gov.settings.saved' });
  });
}
