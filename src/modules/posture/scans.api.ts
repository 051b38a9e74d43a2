// Posture scanning over JSON: assets and their proofs, scans, the latest
// results with evidence, the scan interval and the notices. Only people of
// the organisation see any of it; its org-admins change it.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../kernel/deps.js';
import { errors } from '../../kernel/http/openapi.js';
import { requirePerson } from '../../kernel/auth/auth.pages.js';
import { parseInput } from '../../kernel/http/forms.js';
import * as assets from './assets.service.js';
import * as scans from './scans.service.js';
import type { Asset, Notice, Scan, StoredResult } from './scans.repository.js';
import { assetSettingsSchema, declareAssetSchema, INTERVALS, scanSettingsSchema, SELECTOR } from './scans.schemas.js';
import { CHALLENGE_LABEL, challengeUrl } from './scans.verify.js';
import { verifyLimit } from './scans.pages.js';

const tags = ['posture'];
const slugParams = z.object({ slug: z.string().max(40) });
const idParams = z.object({ slug: z.string().max(40), id: z.string().max(40) });
const status = z.enum(['pass', 'warn', 'fail', 'info', 'error']);
const iso = (d: Date | null) => (d ? d.toISOString() : null);

const foundJson = z.object({ kind: z.enum(['web', 'mail', 'nameserver']), name: z.string(), port: z.number().nullable(), address: z.string().nullable(), lastSeenAt: z.string().nullable() });
const assetJson = z.object({
  id: z.string(),
  domain: z.string(),
  state: z.enum(['unverified', 'verified', 'lost']).describe('Scans run only while the proof of control holds (verified)'),
  challenge: z
    .object({ token: z.string(), dnsName: z.string(), dnsType: z.literal('TXT'), fileUrl: z.string() })
    .describe('Publish the token as a TXT record at dnsName, or as the first line of the file at fileUrl'),
  verifiedMethod: z.enum(['dns', 'http']).nullable(),
  verifiedAt: z.string().nullable(),
  verifyCheckedAt: z.string().nullable(),
  verifyLostAt: z.string().nullable(),
  verifyError: z.string().nullable().describe('The error code of the last failed re-check'),
  dkimSelectors: z.array(z.string()),
  createdAt: z.string(),
  found: z.array(foundJson).describe('Hosts, mail servers and name servers the newest scan found under the domain'),
});
const scanJson = z.object({
  id: z.string(),
  assetId: z.string(),
  trigger: z.enum(['schedule', 'demand', 'cli']),
  status: z.enum(['queued', 'running', 'done', 'failed', 'skipped']),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  durationMs: z.number().nullable(),
  counts: z.object({ pass: z.number(), warn: z.number(), fail: z.number(), info: z.number(), error: z.number() }),
  score: z.number().nullable().describe("The check engine's overall score, 0..1"),
  error: z.string().nullable(),
});
const evidenceJson = z.object({ sent: z.string().optional(), received: z.string().optional(), facts: z.record(z.string(), z.unknown()).optional() });
const resultJson = z.object({ checkId: z.string(), category: z.string(), status, target: z.string(), summary: z.string().describe('One English sentence'), evidence: evidenceJson, reason: z.string().nullable() });
const scanDetailJson = scanJson.extend({
  domain: z.string(),
  previousScanId: z.string().nullable(),
  changes: z.object({ newlyFailing: z.array(z.string()), newlyWarning: z.array(z.string()), fixed: z.array(z.string()) }).nullable().describe('Since the previous finished scan of the same domain'),
  results: z.array(resultJson),
});
const latestJson = z.object({
  checkId: z.string(),
  status: status.describe('Combined over every target: fail if any fails, else warn if any warns, else pass if any passes'),
  scannedAt: z.string(),
  results: z.array(z.object({ domain: z.string(), scanId: z.string(), scannedAt: z.string(), target: z.string(), status, summary: z.string(), evidence: evidenceJson, reason: z.string().nullable() })),
});
const noticeJson = z.object({ id: z.string(), kind: z.enum(['newly_failing', 'cert_expiring', 'verification_lost']), assetId: z.string().nullable(), scanId: z.string().nullable(), data: z.record(z.string(), z.unknown()), createdAt: z.string() });

const declareBody = z.object({
  domain: z.string().min(1).max(253).describe('ASCII or IDN; normalised to its A-label form'),
  dkimSelectors: z.array(z.string().max(63).regex(SELECTOR)).max(10).optional(),
});
const patchBody = z.object({ dkimSelectors: z.array(z.string().max(63).regex(SELECTOR)).max(10) });
const verifyBody = z.object({ method: z.enum(['dns', 'http']) });
const settingsBody = z.object({ intervalDays: z.number().int().describe(`One of ${INTERVALS.join(', ')}`) });

const toScanJson = (s: Scan) => ({
  id: s.id,
  assetId: s.assetId,
  trigger: s.trigger,
  status: s.status,
  createdAt: s.createdAt.toISOString(),
  startedAt: iso(s.startedAt),
  finishedAt: iso(s.finishedAt),
  durationMs: s.durationMs,
  counts: s.counts,
  score: s.score,
  error: s.error,
});
const toResultJson = (r: StoredResult) => ({ checkId: r.checkId, category: r.category, status: r.status, target: r.target, summary: r.summary, evidence: r.evidence, reason: r.reason });
const toNoticeJson = (n: Notice) => ({ id: n.id, kind: n.kind, assetId: n.assetId, scanId: n.scanId, data: n.data, createdAt: n.createdAt.toISOString() });

export async function scanApi(app: FastifyInstance, deps: Deps): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const toAssetJson = (a: Asset, found: Asset[]) => ({
    id: a.id,
    domain: a.name,
    state: assets.stateOf(a),
    challenge: { token: a.challengeToken ?? '', dnsName: `${CHALLENGE_LABEL}.${a.name}`, dnsType: 'TXT' as const, fileUrl: challengeUrl(deps, a.name) },
    verifiedMethod: a.verifiedMethod,
    verifiedAt: iso(a.verifiedAt),
    verifyCheckedAt: iso(a.verifyCheckedAt),
    verifyLostAt: iso(a.verifyLostAt),
    verifyError: a.verifyError,
    dkimSelectors: a.dkimSelectors,
    createdAt: a.createdAt.toISOString(),
    found: found.filter((f) => f.parentId === a.id).map((f) => ({ kind: f.kind as 'web' | 'mail' | 'nameserver', name: f.name, port: f.port, address: f.address, lastSeenAt: iso(f.lastSeenAt) })),
  });
  const one = async (slug: string, id: string, req: { actor: Parameters<typeof scans.assetDetail>[1] }) => {
    const d = await scans.assetDetail(deps, req.actor, slug, id);
    return toAssetJson(d.asset, d.found);
  };

  api.get(
    '/api/v1/orgs/:slug/posture/assets',
    { schema: { tags, summary: "The organisation's declared domains (its people)", params: slugParams, response: { 200: z.object({ items: z.array(assetJson), intervalDays: z.number() }), ...errors(401, 403, 404) } } },
    async (req) => {
      requirePerson(req);
      const view = await scans.postureOverview(deps, req.actor, req.params.slug);
      const items = [];
      for (const d of view.domains) items.push(await one(req.params.slug, d.asset.id, req));
      return { items, intervalDays: view.intervalDays };
    },
  );

  api.post(
    '/api/v1/orgs/:slug/posture/assets',
    {
      schema: {
        tags,
        summary: 'Declare a domain (org-admins); it is scanned once its control is proved',
        params: slugParams,
        body: declareBody,
        response: { 201: assetJson, ...errors(401, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => {
      requirePerson(req);
      await assets.orgForManager(deps, req.actor, req.params.slug);
      const input = parseInput(declareAssetSchema, { domain: req.body.domain, dkimSelectors: (req.body.dkimSelectors ?? []).join(' ') });
      const a = await assets.declareAsset(deps, req.actor, req.params.slug, input);
      return reply.code(201).send(toAssetJson(a, []));
    },
  );

  api.get(
    '/api/v1/orgs/:slug/posture/assets/:id',
    { schema: { tags, summary: 'One declared domain, with what scans found under it', params: idParams, response: { 200: assetJson, ...errors(401, 403, 404) } } },
    async (req) => {
      requirePerson(req);
      return one(req.params.slug, req.params.id, req);
    },
  );

  api.patch(
    '/api/v1/orgs/:slug/posture/assets/:id',
    { schema: { tags, summary: "Change a domain's DKIM selectors (org-admins)", params: idParams, body: patchBody, response: { 200: assetJson, ...errors(401, 403, 404, 422) } } },
    async (req) => {
      requirePerson(req);
      await assets.orgForManager(deps, req.actor, req.params.slug);
      await assets.updateAssetSettings(deps, req.actor, req.params.slug, req.params.id, parseInput(assetSettingsSchema, { dkimSelectors: req.body.dkimSelectors.join(' ') }));
      return one(req.params.slug, req.params.id, req);
    },
  );

  api.delete(
    '/api/v1/orgs/:slug/posture/assets/:id',
    { schema: { tags, summary: 'Remove a domain with its scans and results (org-admins)', params: idParams, response: { 200: z.object({ removed: z.string() }), ...errors(401, 403, 404) } } },
    async (req) => {
      requirePerson(req);
      const a = await assets.removeAsset(deps, req.actor, req.params.slug, req.params.id);
      return { removed: a.id };
    },
  );

  api.post(
    '/api/v1/orgs/:slug/posture/assets/:id/verify',
    {
      config: { rateLimit: verifyLimit },
      schema: {
        tags,
        summary: 'Look for the proof of control now (org-admins)',
        description: 'dns: a TXT record at _hearth-challenge.<domain>; http: https://<domain>/.well-known/hearth-challenge.txt (no redirect followed). A failure changes nothing and says what was found.',
        params: idParams,
        body: verifyBody,
        response: { 200: assetJson, ...errors(401, 403, 404, 422, 429) },
      },
    },
    async (req) => {
      requirePerson(req);
      await assets.verifyAsset(deps, req.actor, req.params.slug, req.params.id, req.body.method);
      return one(req.params.slug, req.params.id, req);
    },
  );

  api.post(
    '/api/v1/orgs/:slug/posture/assets/:id/scans',
    {
      schema: {
        tags,
        summary: 'Ask for a scan now (org-admins; a few per organisation a day)',
        params: idParams,
        response: { 202: scanJson, ...errors(401, 403, 404, 409, 429) },
      },
    },
    async (req, reply) => {
      requirePerson(req);
      return reply.code(202).send(toScanJson(await scans.requestScan(deps, req.actor, req.params.slug, req.params.id)));
    },
  );

  api.get(
    '/api/v1/orgs/:slug/posture/scans',
    {
      schema: {
        tags,
        summary: "The organisation's scans, newest first",
        params: slugParams,
        querystring: z.object({ asset: z.string().max(40).optional(), before: z.string().max(40).optional().describe('The `next` value of the previous page') }),
        response: { 200: z.object({ items: z.array(scanJson), next: z.string().nullable() }), ...errors(401, 403, 404) },
      },
    },
    async (req) => {
      requirePerson(req);
      const list = await scans.listScansFor(deps, req.actor, req.params.slug, { ...(req.query.asset ? { assetId: req.query.asset } : {}), ...(req.query.before ? { before: req.query.before } : {}) });
      return { items: list.scans.map(toScanJson), next: list.next ?? null };
    },
  );

  api.get(
    '/api/v1/orgs/:slug/posture/scans/:id',
    { schema: { tags, summary: 'One scan: every result with its evidence, and what changed since the previous scan', params: idParams, response: { 200: scanDetailJson, ...errors(401, 403, 404) } } },
    async (req) => {
      requirePerson(req);
      const d = await scans.scanDetail(deps, req.actor, req.params.slug, req.params.id);
      return { ...toScanJson(d.scan), domain: d.asset?.name ?? '', previousScanId: d.previous?.id ?? null, changes: d.change ?? null, results: d.results.map(toResultJson) };
    },
  );

  api.get(
    '/api/v1/orgs/:slug/posture/results',
    {
      schema: {
        tags,
        summary: 'The latest result of every check, from the newest scan of each domain',
        params: slugParams,
        response: { 200: z.object({ items: z.array(latestJson) }), ...errors(401, 403, 404) },
      },
    },
    async (req) => {
      requirePerson(req);
      const { checks } = await scans.latestResultsView(deps, req.actor, req.params.slug);
      return {
        items: checks.map((c) => ({
          checkId: c.checkId,
          status: c.status,
          scannedAt: c.scannedAt.toISOString(),
          results: c.results.map((r) => ({ domain: r.domain, scanId: r.scanId, scannedAt: r.scannedAt.toISOString(), target: r.target, status: r.status, summary: r.summary, evidence: r.evidence, reason: r.reason })),
        })),
      };
    },
  );

  api.put(
    '/api/v1/orgs/:slug/posture/settings',
    { schema: { tags, summary: 'How often scheduled scans run (org-admins)', params: slugParams, body: settingsBody, response: { 200: z.object({ intervalDays: z.number() }), ...errors(401, 403, 404, 422) } } },
    async (req) => {
      requirePerson(req);
      await assets.orgForManager(deps, req.actor, req.params.slug);
      const input = parseInput(scanSettingsSchema, req.body);
      await assets.setScanInterval(deps, req.actor, req.params.slug, input);
      return { intervalDays: input.intervalDays };
    },
  );

  api.get(
    '/api/v1/orgs/:slug/posture/notices',
    { schema: { tags, summary: 'What the org-admins were told and have not dismissed', params: slugParams, response: { 200: z.object({ items: z.array(noticeJson) }), ...errors(401, 403, 404) } } },
    async (req) => {
      requirePerson(req);
      const view = await scans.postureOverview(deps, req.actor, req.params.slug);
      return { items: view.notices.map(toNoticeJson) };
    },
  );

  api.post(
    '/api/v1/orgs/:slug/posture/notices/:id/dismiss',
    { schema: { tags, summary: 'Dismiss a notice (org-admins)', params: idParams, response: { 200: z.object({ dismissed: z.string() }), ...errors(401, 403, 404) } } },
    async (req) => {
      requirePerson(req);
      await assets.dismissNotice(deps, req.actor, req.params.slug, req.params.id);
      return { dismissed: req.params.id };
    },
  );
}
