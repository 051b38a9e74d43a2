// The baseline side of posture over JSON: the baseline, its practices and
// versions, baseline changes, scorecards, self-assessment, visibility, the
// federation overview and help between members. The same services as the pages.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../kernel/deps.js';
import { errors, optionalAuth } from '../../kernel/http/openapi.js';
import { requirePerson } from '../../kernel/auth/auth.pages.js';
import { isLanguage, type PickedText, type TextVersion } from '../../kernel/text/index.js';
import { isTimeZone } from '../governance/index.js';
import { AREAS, TEXT_FIELDS, type PracticeRule } from './baseline/index.js';
import type { BaselineChange, BaselineChangeRecord, BaselineVersion, HelpRequest } from './baseline.repository.js';
import * as svc from './baseline.service.js';
import * as cards from './scorecard.service.js';
import * as help from './help.service.js';
import { ANSWERS, VISIBILITIES } from './baseline.tables.js';
import { answerApiSchema, canHelpApiSchema, changeOpSchema, helpRequestApiSchema, practiceTranslationApiSchema } from './baseline.schemas.js';
import { scorecardJson } from './scorecard.export.js';
import { PRACTICE_STATUSES } from './baseline.score.js';
import { GAP_STATUSES } from './scorecard.service.js';

const tags = ['posture'];
const langSchema = z.string().trim().toLowerCase().refine((v) => isLanguage(v), { error: 'error.TEXT_UNKNOWN_LANGUAGE' });
const langQuery = z.string().max(10).optional().describe('Language of the texts (ISO 639-1); the Accept-Language header otherwise');
const area = z.enum(AREAS);
const status = z.enum(PRACTICE_STATUSES as [string, ...string[]]);
const text = z
  .object({ text: z.string(), lang: z.string(), isSource: z.boolean(), fallback: z.boolean(), translator: z.string().nullable(), machine: z.boolean(), available: z.array(z.string()) })
  .nullable();
const textJson = (p: PickedText | undefined) =>
  p ? { text: p.body, lang: p.lang, isSource: p.isSource, fallback: p.fallback, translator: p.translator, machine: p.machine, available: p.available } : null;

const rule = z.object({ id: z.string(), area, weight: z.number().int(), checks: z.array(z.string()).describe('Check ids that measure it; empty for a self-assessed practice') });
const ruleJson = (r: PracticeRule) => ({ id: r.id, area: r.area, weight: r.weight, checks: r.checks });
const change = z.object({
  op: z.enum(['add', 'retire', 'weight', 'update']),
  practiceId: z.string(),
  rule: rule.nullable(),
  from: z.number().int().nullable(),
  to: z.number().int().nullable(),
});
const changeJson = (c: BaselineChange) => ({
  op: c.op,
  practiceId: c.practiceId,
  rule: c.op === 'add' || c.op === 'update' ? ruleJson(c.rule) : null,
  from: c.op === 'weight' ? c.from : null,
  to: c.op === 'weight' ? c.to : null,
});
const version = z.object({ version: z.number().int(), publishedAt: z.string(), proposalId: z.string().nullable(), rules: z.array(rule), changes: z.array(change) });
const versionJson = (v: BaselineVersion) => ({ version: v.version, publishedAt: v.publishedAt.toISOString(), proposalId: v.proposalId, rules: v.rules.map(ruleJson), changes: v.changes.map(changeJson) });
const changeRecord = z.object({
  id: z.string(),
  proposalId: z.string(),
  baseVersion: z.number().int(),
  status: z.enum(['proposed', 'published', 'not_passed', 'withdrawn']),
  publishedVersion: z.number().int().nullable(),
  changes: z.array(change),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});
const changeRecordJson = (c: BaselineChangeRecord) => ({
  id: c.id,
  proposalId: c.proposalId,
  baseVersion: c.baseVersion,
  status: c.status,
  publishedVersion: c.publishedVersion,
  changes: c.changes.map(changeJson),
  createdAt: c.createdAt.toISOString(),
  decidedAt: c.decidedAt?.toISOString() ?? null,
});

const scoreTriple = z.object({ measured: z.number().nullable(), self: z.number().nullable(), combined: z.number().nullable() }).describe('0..1; null when there is nothing to count');
const areaScores = z.object(Object.fromEntries(AREAS.map((a) => [a, scoreTriple])) as Record<(typeof AREAS)[number], typeof scoreTriple>);
const evidence = z.object({ sent: z.string().optional(), received: z.string().optional(), facts: z.record(z.string(), z.unknown()).optional() });
const scorecard = z.object({
  format: z.literal('hearth-scorecard'),
  formatVersion: z.literal(1),
  organisation: z.object({ slug: z.string(), name: z.string() }),
  baseline: z.object({ version: z.number().int(), publishedAt: z.string() }).describe('The baseline version it was measured against'),
  generatedAt: z.string(),
  lastScanAt: z.string().nullable(),
  visibility: z.enum(VISIBILITIES),
  detailed: z.boolean().describe('True for the organisation’s own people: evidence and answers are included'),
  scores: z.object({ overall: scoreTriple, areas: areaScores }),
  counts: z.record(z.string(), z.number().int()),
  practices: z.array(
    z.object({
      id: z.string(),
      area,
      weight: z.number().int(),
      kind: z.enum(['measured', 'self']),
      checkIds: z.array(z.string()),
      status,
      title: z.string(),
      titleLang: z.string().nullable(),
      checks: z
        .array(
          z.object({
            id: z.string(),
            status: z.string(),
            scannedAt: z.string(),
            results: z.array(
              z.object({ domain: z.string(), target: z.string(), status: z.string(), summary: z.string(), scanId: z.string(), scannedAt: z.string(), evidence, reason: z.string().nullable() }),
            ),
          }),
        )
        .nullable(),
      answer: z
        .object({
          answer: z.enum(ANSWERS),
          note: z.string().nullable(),
          evidenceUrl: z.string().nullable(),
          answeredAt: z.string(),
          answeredBy: z.string().nullable(),
          expiresAt: z.string(),
          expired: z.boolean(),
          baselineVersion: z.number().int(),
        })
        .nullable(),
    }),
  ),
  trend: z.array(z.object({ at: z.string(), baselineVersion: z.number().int(), overall: scoreTriple, areas: areaScores })),
});

const answerOut = z.object({ practiceId: z.string(), answer: z.enum(ANSWERS), note: z.string().nullable(), evidenceUrl: z.string().nullable(), answeredAt: z.string(), baselineVersion: z.number().int() });
const aggregate = z.object({ value: z.number().nullable(), organisations: z.number().int(), withheld: z.boolean().describe('True when showing it could single out one or two organisations') });
const aggTriple = z.object({ measured: aggregate, self: aggregate, combined: aggregate });
const helpRequest = z.object({
  id: z.string(),
  org: z.object({ slug: z.string(), name: z.string() }).nullable(),
  practiceId: z.string(),
  gap: z.string(),
  baselineVersion: z.number().int(),
  note: z.string().nullable(),
  lang: z.string(),
  status: z.enum(['open', 'connected', 'resolved', 'withdrawn']),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
});
const helpJson = (r: HelpRequest, org: { slug: string; name: string } | undefined) => ({
  id: r.id,
  org: org ? { slug: org.slug, name: org.name } : null,
  practiceId: r.practiceId,
  gap: r.gap,
  baselineVersion: r.baselineVersion,
  note: r.note,
  lang: r.lang,
  status: r.status,
  createdAt: r.createdAt.toISOString(),
  closedAt: r.closedAt?.toISOString() ?? null,
});
const slugParams = z.object({ slug: z.string().max(60) });
const translation = z.object({ lang: z.string(), isSource: z.boolean(), translator: z.string().nullable(), machine: z.boolean(), updatedAt: z.string() });
const translationJson = (v: TextVersion) => ({ lang: v.lang, isSource: v.isSource, translator: v.translator, machine: v.machine, updatedAt: v.updatedAt.toISOString() });

export async function baselineApi(app: FastifyInstance, deps: Deps): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const lang = (req: FastifyRequest, asked?: string) => {
    const l = asked?.toLowerCase();
    return l && isLanguage(l) ? l : req.i18n.locale;
  };

  api.get(
    '/api/v1/baseline',
    {
      schema: {
        tags,
        summary: 'The published baseline: its version and practices',
        security: optionalAuth,
        querystring: z.object({ lang: langQuery }),
        response: {
          200: z.object({
            version: z.number().int(),
            publishedAt: z.string(),
            proposalId: z.string().nullable(),
            practices: z.array(rule.extend({ title: text })),
            pending: z.object({ added: z.array(z.string()), changed: z.array(z.string()) }).describe('Shipped with this Hearth but not (or differently) in the published baseline'),
          }),
          ...errors(422),
        },
      },
    },
    async (req) => {
      const o = await svc.viewBaseline(deps, lang(req, req.query.lang));
      return {
        version: o.version.version,
        publishedAt: o.version.publishedAt.toISOString(),
        proposalId: o.version.proposalId,
        practices: o.practices.map((p) => ({ ...ruleJson(p.rule), title: textJson(p.title) })),
        pending: o.pending,
      };
    },
  );

  api.get(
    '/api/v1/baseline/practices/:id',
    {
      schema: {
        tags,
        summary: 'One practice: why it matters, the remediation guide (Markdown) and, if self-assessed, its question',
        security: optionalAuth,
        params: z.object({ id: z.string().max(60) }),
        querystring: z.object({ lang: langQuery }),
        response: {
          200: z.object({
            id: z.string(),
            inBaseline: z.boolean(),
            rule: rule.nullable(),
            title: text,
            why: text,
            question: text,
            guide: text,
            references: z.array(z.object({ title: z.string(), url: z.string() })),
          }),
          ...errors(404),
        },
      },
    },
    async (req) => {
      const v = await svc.viewPractice(deps, req.actor, req.params.id, lang(req, req.query.lang));
      const r = v.rule ?? (v.shipped ? { id: v.shipped.id, area: v.shipped.area, weight: v.shipped.weight, checks: [...v.shipped.checks] } : undefined);
      return {
        id: v.id,
        inBaseline: v.rule !== undefined,
        rule: r ? ruleJson(r) : null,
        title: textJson(v.texts.title),
        why: textJson(v.texts.why),
        question: textJson(v.texts.question),
        guide: textJson(v.texts.guide),
        references: v.shipped ? v.shipped.references.map((x) => ({ title: x.title, url: x.url })) : [],
      };
    },
  );

  api.put(
    '/api/v1/baseline/practices/:id/translations/:field/:lang',
    {
      schema: {
        tags,
        summary: 'Add or replace one language of one practice text (people inside the federation)',
        description: 'field is title, why, question or guide. English is the source and changes only with a release.',
        params: z.object({ id: z.string().max(60), field: z.enum(TEXT_FIELDS), lang: z.string().max(10) }),
        body: practiceTranslationApiSchema,
        response: { 200: z.array(translation), ...errors(401, 403, 404, 422) },
      },
    },
    async (req) => {
      requirePerson(req);
      await svc.translatePractice(deps, req.actor, req.params.id, {
        field: req.params.field,
        lang: req.params.lang.toLowerCase(),
        body: req.body.body,
        translator: req.body.translator ?? null,
        machine: req.body.machine ?? false,
      });
      return (await svc.practiceTranslations(deps, req.params.id, req.params.field)).map(translationJson);
    },
  );

  api.get(
    '/api/v1/baseline/versions',
    {
      schema: {
        tags,
        summary: 'Every published version of the baseline, newest first',
        security: optionalAuth,
        querystring: z.object({ after: z.coerce.number().int().min(0).optional().describe('Only versions newer than this one (for clients that poll)') }),
        response: { 200: z.object({ items: z.array(version) }), ...errors(422) },
      },
    },
    async (req) => ({ items: (await svc.listBaselineVersions(deps)).filter((v) => req.query.after === undefined || v.version > req.query.after).map(versionJson) }),
  );

  api.get(
    '/api/v1/baseline/versions/:version',
    {
      schema: { tags, summary: 'One published version: its rules and what changed', security: optionalAuth, params: z.object({ version: z.coerce.number().int().min(1).max(1_000_000) }), response: { 200: version, ...errors(404) } },
    },
    async (req) => versionJson(await svc.getBaselineVersion(deps, req.params.version)),
  );

  api.post(
    '/api/v1/baseline/changes',
    {
      schema: {
        tags,
        summary: 'Propose a change of the baseline (a governance proposal of kind baseline_change)',
        description:
          'Org-admins propose for their organisation (authorOrgId), coordinators and federation admins for the federation. ' +
          'Added and updated practices take their definition from the catalogue shipped with this Hearth. When the proposal passes, the next version is published.',
        body: z.object({
          title: z.string().trim().min(1).max(200),
          body: z.string().trim().min(1).max(20_000).describe('Why: Markdown. The list of changes is added below it.'),
          lang: langSchema,
          authorOrgId: z.string().max(40).nullable().optional(),
          opensAt: z.iso.datetime({ offset: true }).optional(),
          closesAt: z.iso.datetime({ offset: true }),
          timeZone: z.string().max(64).optional(),
          changes: z.array(changeOpSchema).min(1).max(200),
        }),
        response: { 201: changeRecord, ...errors(401, 403, 409, 422) },
      },
    },
    async (req, reply) => {
      requirePerson(req);
      const b = req.body;
      const zone = b.timeZone && isTimeZone(b.timeZone) ? b.timeZone : req.i18n.timeZone;
      const { change: c } = await svc.proposeBaselineChange(deps, req.actor, {
        proposal: { title: b.title, body: b.body, lang: b.lang, opensAt: b.opensAt ? new Date(b.opensAt) : undefined, closesAt: new Date(b.closesAt), timeZone: zone },
        authorOrgId: b.authorOrgId ?? null,
        ops: b.changes,
      });
      return reply.code(201).send(changeRecordJson(c));
    },
  );

  api.get(
    '/api/v1/baseline/changes/:id',
    { schema: { tags, summary: 'A proposed baseline change and what became of it', security: optionalAuth, params: z.object({ id: z.string().max(40) }), response: { 200: changeRecord, ...errors(404) } } },
    async (req) => changeRecordJson((await svc.viewChange(deps, req.params.id, req.i18n.locale)).change),
  );

  api.get(
    '/api/v1/posture/overview',
    {
      schema: {
        tags,
        summary: 'The federation overview: scorecards each member lets you see, and aggregates',
        description: 'An aggregate is withheld unless at least 3 organisations contribute and those you cannot see individually are none or at least 3.',
        security: optionalAuth,
        querystring: z.object({ lang: langQuery }),
        response: {
          200: z.object({
            baselineVersion: z.number().int(),
            total: z.number().int(),
            hidden: z.number().int(),
            overall: aggTriple,
            areas: z.object(Object.fromEntries(AREAS.map((a) => [a, aggTriple])) as Record<(typeof AREAS)[number], typeof aggTriple>),
            organisations: z.array(z.object({ slug: z.string(), name: z.string(), visibility: z.enum(VISIBILITIES), overall: scoreTriple, lastScanAt: z.string().nullable() })),
            practices: z.array(z.object({ id: z.string(), area, passing: aggregate })),
          }),
          ...errors(422),
        },
      },
    },
    async (req) => {
      const o = await cards.federationOverview(deps, req.actor, lang(req, req.query.lang));
      const n = (v: number | undefined) => (v === undefined ? null : v);
      const agg = (a: cards.Aggregate) => ({ value: n(a.value), organisations: a.organisations, withheld: a.withheld });
      const triple = (t: Record<'measured' | 'self' | 'combined', cards.Aggregate>) => ({ measured: agg(t.measured), self: agg(t.self), combined: agg(t.combined) });
      return {
        baselineVersion: o.version.version,
        total: o.total,
        hidden: o.hidden,
        overall: triple(o.overall),
        areas: Object.fromEntries(AREAS.map((a) => [a, triple(o.areas[a])])) as Record<(typeof AREAS)[number], ReturnType<typeof triple>>,
        organisations: o.rows.map((r) => ({
          slug: r.org.slug,
          name: r.org.name,
          visibility: r.visibility,
          overall: { measured: n(r.scores.overall.measured), self: n(r.scores.overall.self), combined: n(r.scores.overall.combined) },
          lastScanAt: r.lastScanAt?.toISOString() ?? null,
        })),
        practices: o.practices.map((p) => ({ id: p.rule.id, area: p.rule.area, passing: agg(p.passing) })),
      };
    },
  );

  api.get(
    '/api/v1/orgs/:slug/scorecard',
    {
      schema: {
        tags,
        summary: 'An organisation’s scorecard, as its visibility allows; evidence and answers only for its own people',
        security: optionalAuth,
        params: slugParams,
        querystring: z.object({ lang: langQuery, trend: z.enum(['0', '1']).optional().describe('1: include the trend over the last year') }),
        response: { 200: scorecard, ...errors(401, 403, 404) },
      },
    },
    async (req) => scorecardJson(await cards.getScorecard(deps, req.actor, req.params.slug, { lang: lang(req, req.query.lang), trend: req.query.trend === '1' })),
  );

  api.get(
    '/api/v1/orgs/:slug/self-assessment',
    {
      schema: {
        tags,
        summary: 'The organisation’s self-assessment: every self-assessed practice with the answer that counts (its own people)',
        params: slugParams,
        response: {
          200: z.object({
            baselineVersion: z.number().int(),
            items: z.array(z.object({ practiceId: z.string(), area, weight: z.number().int(), status, answer: answerOut.extend({ expiresAt: z.string(), expired: z.boolean() }).nullable() })),
          }),
          ...errors(401, 403, 404),
        },
      },
    },
    async (req) => {
      requirePerson(req);
      const s = await cards.getSelfAssessment(deps, req.actor, req.params.slug, req.i18n.locale);
      return {
        baselineVersion: s.scorecard.version.version,
        items: s.items.map((i) => ({
          practiceId: i.rule.id,
          area: i.rule.area,
          weight: i.rule.weight,
          status: i.status,
          answer: i.answer
            ? {
                practiceId: i.rule.id,
                answer: i.answer.answer.answer,
                note: i.answer.answer.note,
                evidenceUrl: i.answer.answer.evidenceUrl,
                answeredAt: i.answer.answer.answeredAt.toISOString(),
                baselineVersion: i.answer.answer.baselineVersion,
                expiresAt: i.answer.expiresAt.toISOString(),
                expired: i.answer.expired,
              }
            : null,
        })),
      };
    },
  );

  api.put(
    '/api/v1/orgs/:slug/self-assessment/:practiceId',
    {
      schema: {
        tags,
        summary: 'Answer a self-assessed practice (org-admins); the answer counts for 12 months',
        params: z.object({ slug: z.string().max(60), practiceId: z.string().max(60) }),
        body: answerApiSchema,
        response: { 200: answerOut, ...errors(401, 403, 404, 409, 422) },
      },
    },
    async (req) => {
      requirePerson(req);
      const a = await cards.answerPractice(deps, req.actor, req.params.slug, req.params.practiceId, { answer: req.body.answer, note: req.body.note ?? '', evidenceUrl: req.body.evidenceUrl ?? '' });
      return { practiceId: a.practiceId, answer: a.answer, note: a.note, evidenceUrl: a.evidenceUrl, answeredAt: a.answeredAt.toISOString(), baselineVersion: a.baselineVersion };
    },
  );

  api.put(
    '/api/v1/orgs/:slug/posture/visibility',
    {
      schema: {
        tags,
        summary: 'Who sees the scorecard: private, members (of the federation) or public (org-admins)',
        params: slugParams,
        body: z.object({ visibility: z.enum(VISIBILITIES) }),
        response: { 200: z.object({ visibility: z.enum(VISIBILITIES) }), ...errors(401, 403, 404, 422) },
      },
    },
    async (req) => {
      requirePerson(req);
      await cards.setVisibility(deps, req.actor, req.params.slug, req.body.visibility);
      return { visibility: req.body.visibility };
    },
  );

  api.put(
    '/api/v1/orgs/:slug/posture/can-help',
    {
      schema: {
        tags,
        summary: 'The practices your organisation can help others with (org-admins); replaces the list',
        params: slugParams,
        body: canHelpApiSchema,
        response: { 200: z.object({ added: z.array(z.string()), removed: z.array(z.string()) }), ...errors(401, 403, 404, 409, 422) },
      },
    },
    async (req) => {
      requirePerson(req);
      await cards.assertMayAssess(deps, req.actor, req.params.slug);
      return help.setCanHelp(deps, req.actor, req.params.slug, req.body.practiceIds);
    },
  );

  api.get(
    '/api/v1/posture/help',
    {
      schema: {
        tags,
        summary: 'Open requests for help (people inside the federation)',
        response: { 200: z.object({ items: z.array(helpRequest.extend({ helpers: z.number().int(), connections: z.number().int() })) }), ...errors(401, 403) },
      },
    },
    async (req) => {
      requirePerson(req);
      const items = await help.listHelpRequests(deps, req.actor, req.i18n.locale);
      return { items: items.map((i) => ({ ...helpJson(i.request, i.org), helpers: i.helpers, connections: i.connections })) };
    },
  );

  api.get(
    '/api/v1/posture/help/:id',
    {
      schema: {
        tags,
        summary: 'One request for help: who can help, and who offered',
        params: z.object({ id: z.string().max(40) }),
        response: {
          200: helpRequest.extend({
            helpers: z.array(z.object({ slug: z.string(), name: z.string() })),
            connections: z.array(z.object({ helper: z.object({ slug: z.string(), name: z.string() }).nullable(), createdAt: z.string(), message: z.string().nullable().describe('Only for the two organisations') })),
          }),
          ...errors(401, 403, 404),
        },
      },
    },
    async (req) => {
      requirePerson(req);
      const v = await help.viewHelpRequest(deps, req.actor, req.params.id, req.i18n.locale);
      return {
        ...helpJson(v.request, v.org),
        helpers: v.helpers.map((o) => ({ slug: o.slug, name: o.name })),
        connections: v.connections.map((c) => ({ helper: c.helper ? { slug: c.helper.slug, name: c.helper.name } : null, createdAt: c.connection.createdAt.toISOString(), message: c.message ?? null })),
      };
    },
  );

  api.post(
    '/api/v1/orgs/:slug/posture/help',
    {
      schema: {
        tags,
        summary: 'Ask the federation for help with a practice the organisation does not meet (org-admins)',
        description: `Allowed for a practice whose status is one of: ${GAP_STATUSES.join(', ')}.`,
        params: slugParams,
        body: helpRequestApiSchema,
        response: { 201: helpRequest, ...errors(401, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => {
      requirePerson(req);
      const org = await cards.assertMayAssess(deps, req.actor, req.params.slug);
      const l = req.body.lang?.toLowerCase();
      const r = await help.askForHelp(deps, req.actor, req.params.slug, req.body.practiceId, { note: req.body.note ?? '', ...(l ? { lang: l } : {}) }, { locale: req.i18n.locale });
      return reply.code(201).send(helpJson(r, org));
    },
  );

  api.post(
    '/api/v1/posture/help/:id/offers',
    {
      schema: {
        tags,
        summary: 'Offer your organisation’s help (its org-admins); both sides get each other’s contact by e-mail',
        params: z.object({ id: z.string().max(40) }),
        body: z.object({ org: z.string().max(60).describe('The helping organisation’s slug'), message: z.string().trim().max(2_000).optional() }),
        response: { 200: helpRequest, ...errors(401, 403, 404, 409, 422) },
      },
    },
    async (req) => {
      requirePerson(req);
      const r = await help.offerHelp(deps, req.actor, req.params.id, { org: req.body.org, message: req.body.message ?? '' });
      const v = await help.viewHelpRequest(deps, req.actor, r.id, req.i18n.locale);
      return helpJson(r, v.org);
    },
  );

  api.post(
    '/api/v1/posture/help/:id/close',
    {
      schema: {
        tags,
        summary: 'Close your organisation’s request: resolved or withdrawn (its org-admins)',
        params: z.object({ id: z.string().max(40) }),
        body: z.object({ outcome: z.enum(['resolved', 'withdrawn']) }),
        response: { 200: helpRequest, ...errors(401, 403, 404, 409, 422) },
      },
    },
    async (req) => {
      requirePerson(req);
      const r = await help.closeHelpRequest(deps, req.actor, req.params.id, req.body.outcome);
      const v = await help.viewHelpRequest(deps, req.actor, r.id, req.i18n.locale);
      return helpJson(r, v.org);
    },
  );
}
