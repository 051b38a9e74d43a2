// Proposals, positions and the decision log over JSON. Reading is public, as on the pages.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../kernel/deps.js';
import { errors, optionalAuth } from '../../kernel/http/openapi.js';
import { requirePerson } from '../../kernel/auth/auth.pages.js';
import type { PickedText } from '../../kernel/text/index.js';
import * as svc from './governance.service.js';
import type { Position, Proposal } from './governance.repository.js';
import { COMMENT_MAX, commentFormSchema, outcomeFormSchema, positionApiSchema, proposalApiSchema } from './governance.schemas.js';
import type { Comment, Delegate } from './governance.repository.js';
import { positionKinds, proposalKinds, proposalStatuses } from './governance.tables.js';
import { isTimeZone } from './governance.time.js';

const text = z.object({ text: z.string(), lang: z.string(), isSource: z.boolean(), fallback: z.boolean(), available: z.array(z.string()) });
const tallySchema = z.object({
  quorum: z.number().int(),
  counted: z.number().int(),
  agree: z.number().int(),
  abstain: z.number().int(),
  concern: z.number().int(),
  block: z.number().int(),
});
const position = z.object({
  orgId: z.string(),
  orgSlug: z.string(),
  orgName: z.string(),
  position: z.enum(positionKinds),
  reason: z.string().nullable(),
  setAt: z.string(),
});
const proposal = z.object({
  id: z.string(),
  url: z.string(),
  kind: z.enum(proposalKinds),
  status: z.enum(proposalStatuses),
  authorOrg: z.object({ id: z.string(), slug: z.string(), name: z.string() }).nullable(),
  title: text.nullable(),
  timeZone: z.string().describe('The IANA zone the author entered the times in'),
  opensAt: z.string(),
  closesAt: z.string(),
  closedAt: z.string().nullable(),
  quorum: z.number().int().describe('Organisations that must take a position'),
  tally: tallySchema.nullable().describe('The count at the close; on a single proposal also the count so far; null in lists of open proposals'),
});
const proposalDetail = proposal.extend({
  body: text.nullable(),
  outcome: text.nullable().describe('The outcome statement a coordinator recorded after the close'),
  positions: z.array(position),
});
const decision = proposal.extend({ outcome: text.nullable(), positions: z.array(position) });
const comment = z.object({
  id: z.string(),
  authorName: z.string().nullable(),
  body: z.string().describe('Markdown'),
  version: z.number().int().describe('1 for a comment never edited; each edit adds one, and every version is kept'),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
});
const delegate = z.object({ personId: z.string(), displayName: z.string(), since: z.string() });
const langQuery = z.string().max(10).optional().describe('Language of the texts (ISO 639-1); the Accept-Language header otherwise');

const textJson = (p: PickedText | undefined) =>
  p ? { text: p.body, lang: p.lang, isSource: p.isSource, fallback: p.fallback, available: p.available } : null;
const commentJson = (c: Comment) => ({
  id: c.id,
  authorName: c.authorName,
  body: c.body,
  version: c.version,
  createdAt: c.createdAt.toISOString(),
  editedAt: c.editedAt?.toISOString() ?? null,
});
const delegateJson = (d: Delegate) => ({ personId: d.personId, displayName: d.displayName, since: d.since.toISOString() });
const positionJson = (x: Position) => ({
  orgId: x.orgId,
  orgSlug: x.orgSlug,
  orgName: x.orgName,
  position: x.position,
  reason: x.reason,
  setAt: x.setAt.toISOString(),
});

export async function governanceApi(app: FastifyInstance, deps: Deps): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const lang = (req: FastifyRequest, asked: string | undefined) => (asked && /^[a-z]{2}$/.test(asked) ? asked : req.i18n.locale);

  const summaryJson = (s: svc.ProposalSummary, t: svc.ProposalView['tally'] | null) => {
    const p: Proposal = s.proposal;
    return {
      id: p.id,
      url: `${deps.config.baseUrl}/proposals/${p.id}`,
      kind: p.kind,
      status: p.status,
      authorOrg: s.authorOrg ? { id: s.authorOrg.id, slug: s.authorOrg.slug, name: s.authorOrg.name } : null,
      title: textJson(s.title),
      timeZone: p.timeZone,
      opensAt: p.opensAt.toISOString(),
      closesAt: p.closesAt.toISOString(),
      closedAt: p.closedAt?.toISOString() ?? null,
      quorum: p.quorum,
      tally: p.tally ?? t ?? null,
    };
  };

  const detail = async (req: FastifyRequest, id: string, asked?: string) => {
    const view = await svc.viewProposal(deps, req.actor, id, lang(req, asked));
    return { ...summaryJson(view, view.tally), body: textJson(view.body), outcome: textJson(view.outcome), positions: view.positions.map(positionJson) };
  };

  api.get(
    '/api/v1/proposals',
    {
      schema: {
        tags: ['governance'],
        summary: 'Open proposals, closing soonest first',
        security: optionalAuth,
        querystring: z.object({ after: z.string().max(80).optional(), lang: langQuery }),
        response: { 200: z.object({ items: z.array(proposal), next: z.string().nullable() }), ...errors(401, 403) },
      },
    },
    async (req) => {
      const page = await svc.listOpenProposals(deps, lang(req, req.query.lang), req.query.after);
      return { items: page.items.map((s) => summaryJson(s, null)), next: page.next ?? null };
    },
  );

  api.get(
    '/api/v1/proposals/:id',
    {
      schema: {
        tags: ['governance'],
        summary: 'One proposal with its positions (public before and after the close)',
        security: optionalAuth,
        params: z.object({ id: z.string().max(40) }),
        querystring: z.object({ lang: langQuery }),
        response: { 200: proposalDetail, ...errors(401, 403, 404) },
      },
    },
    async (req) => detail(req, req.params.id, req.query.lang),
  );

  api.post(
    '/api/v1/proposals',
    {
      schema: {
        tags: ['governance'],
        summary: 'Open a proposal',
        description:
          'Org-admins open proposals for their organisation (authorOrgId), coordinators and federation admins for the federation (authorOrgId null). ' +
          'Times are instants with an offset; timeZone names the zone the author thinks in. Closing happens at closesAt by itself.',
        body: proposalApiSchema,
        response: { 201: proposalDetail, ...errors(401, 403, 409, 422) },
      },
    },
    async (req, reply) => {
      requirePerson(req);
      const b = req.body;
      const zone = b.timeZone && isTimeZone(b.timeZone) ? b.timeZone : req.i18n.timeZone;
      const created = await svc.createProposal(deps, req.actor, {
        title: b.title,
        body: b.body,
        lang: b.lang,
        kind: b.kind,
        authorOrgId: b.authorOrgId ?? null,
        opensAt: b.opensAt ? new Date(b.opensAt) : undefined,
        closesAt: new Date(b.closesAt),
        timeZone: zone,
      });
      return reply.code(201).send(await detail(req, created.id, b.lang));
    },
  );

  api.put(
    '/api/v1/proposals/:id/position',
    {
      schema: {
        tags: ['governance'],
        summary: "Set an organisation's position",
        description:
          'By an org-admin of the organisation or a member it delegated. A reason is required for concern and block (422 GOV_REASON_REQUIRED). ' +
          'Changeable until the close; after it 409 GOV_PROPOSAL_CLOSED.',
        params: z.object({ id: z.string().max(40) }),
        body: positionApiSchema,
        response: { 200: proposalDetail, ...errors(401, 403, 404, 409, 422) },
      },
    },
    async (req) => {
      requirePerson(req);
      await svc.setPosition(deps, req.actor, req.params.id, { orgId: req.body.orgId, position: req.body.position, reason: req.body.reason ?? '' });
      return detail(req, req.params.id);
    },
  );

  api.get(
    '/api/v1/decisions',
    {
      schema: {
        tags: ['governance'],
        summary: 'The decision log: decided proposals, most recently closed first',
        security: optionalAuth,
        querystring: z.object({ before: z.string().max(80).optional(), lang: langQuery }),
        response: { 200: z.object({ items: z.array(decision), next: z.string().nullable() }), ...errors(401, 403) },
      },
    },
    async (req) => {
      const page = await svc.listDecisions(deps, lang(req, req.query.lang), req.query.before);
      return {
        items: page.items.map((d) => ({ ...summaryJson(d, null), outcome: textJson(d.outcome), positions: d.positions.map(positionJson) })),
        next: page.next ?? null,
      };
    },
  );

  const idParams = z.object({ id: z.string().max(40) });

  api.post(
    '/api/v1/proposals/:id/withdraw',
    {
      schema: {
        tags: ['governance'],
        summary: 'Withdraw an open proposal',
        description: 'By its author, an org-admin of the proposing organisation, or a coordinator. It closes at once without a decision.',
        params: idParams,
        response: { 200: proposalDetail, ...errors(401, 403, 404, 409) },
      },
    },
    async (req) => {
      requirePerson(req);
      await svc.withdrawProposal(deps, req.actor, req.params.id);
      return detail(req, req.params.id);
    },
  );

  api.put(
    '/api/v1/proposals/:id/outcome',
    {
      schema: {
        tags: ['governance'],
        summary: 'Record the outcome statement (coordinators, after the close)',
        description: 'The first statement is the original; saving in another language adds a translation. 409 GOV_STILL_OPEN before a decision.',
        params: idParams,
        body: outcomeFormSchema,
        response: { 200: proposalDetail, ...errors(401, 403, 404, 409, 422) },
      },
    },
    async (req) => {
      requirePerson(req);
      await svc.recordOutcome(deps, req.actor, req.params.id, req.body);
      return detail(req, req.params.id, req.body.lang);
    },
  );

  api.get(
    '/api/v1/proposals/:id/comments',
    {
      schema: {
        tags: ['governance'],
        summary: 'The discussion of a proposal (people of member organisations)',
        params: idParams,
        response: { 200: z.object({ items: z.array(comment) }), ...errors(401, 403, 404) },
      },
    },
    async (req) => {
      requirePerson(req);
      svc.checkDiscussion(req.actor);
      const view = await svc.viewProposal(deps, req.actor, req.params.id, req.i18n.locale);
      return { items: (view.comments ?? []).map(commentJson) };
    },
  );

  api.post(
    '/api/v1/proposals/:id/comments',
    {
      schema: {
        tags: ['governance'],
        summary: 'Add a comment',
        params: idParams,
        body: commentFormSchema,
        response: { 201: comment, ...errors(401, 403, 404, 422) },
      },
    },
    async (req, reply) => {
      requirePerson(req);
      return reply.code(201).send(commentJson(await svc.addComment(deps, req.actor, req.params.id, req.body.body)));
    },
  );

  api.put(
    '/api/v1/proposals/:id/comments/:commentId',
    {
      schema: {
        tags: ['governance'],
        summary: 'Edit your comment; earlier versions stay in its history',
        description: `version is the one you edited (409 GOV_COMMENT_CHANGED when someone saved a newer one). At most ${COMMENT_MAX} characters.`,
        params: z.object({ id: z.string().max(40), commentId: z.string().max(40) }),
        body: z.object({ body: commentFormSchema.shape.body, version: z.coerce.number().int().min(1) }),
        response: { 200: comment, ...errors(401, 403, 404, 409, 422) },
      },
    },
    async (req) => {
      requirePerson(req);
      await svc.editComment(deps, req.actor, req.params.id, req.params.commentId, req.body.body, req.body.version);
      return commentJson(await svc.getCommentForEdit(deps, req.actor, req.params.id, req.params.commentId));
    },
  );

  const slugParams = z.object({ slug: z.string().max(40) });
  const delegateParams = z.object({ slug: z.string().max(40), personId: z.string().max(40) });
  const delegates = async (req: FastifyRequest, slug: string) => ({ items: (await svc.viewDelegates(deps, req.actor, slug)).delegates.map(delegateJson) });

  api.get(
    '/api/v1/orgs/:slug/delegates',
    {
      schema: {
        tags: ['governance'],
        summary: "Members who may set the organisation's positions besides its org-admins",
        params: slugParams,
        response: { 200: z.object({ items: z.array(delegate) }), ...errors(401, 403, 404) },
      },
    },
    async (req) => {
      requirePerson(req);
      return delegates(req, req.params.slug);
    },
  );

  api.put(
    '/api/v1/orgs/:slug/delegates/:personId',
    {
      schema: {
        tags: ['governance'],
        summary: 'Make a member a delegate (org-admins of the organisation)',
        params: delegateParams,
        response: { 200: z.object({ items: z.array(delegate) }), ...errors(401, 403, 404, 422) },
      },
    },
    async (req) => {
      requirePerson(req);
      await svc.addDelegate(deps, req.actor, req.params.slug, req.params.personId);
      return delegates(req, req.params.slug);
    },
  );

  api.delete(
    '/api/v1/orgs/:slug/delegates/:personId',
    {
      schema: {
        tags: ['governance'],
        summary: 'Remove a delegate',
        params: delegateParams,
        response: { 200: z.object({ items: z.array(delegate) }), ...errors(401, 403, 404) },
      },
    },
    async (req) => {
      requirePerson(req);
      await svc.removeDelegate(deps, req.actor, req.params.slug, req.params.personId);
      return delegates(req, req.params.slug);
    },
  );
}
