// HTML routes of posture scanning. GET renders; POST validates, acts through
// the services and answers 303, or the form again with what went wrong.
// Authorization is decided in the services, before anything is looked at.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Deps } from '../../kernel/deps.js';
import { requirePerson } from '../../kernel/auth/auth.pages.js';
import { parseInput } from '../../kernel/http/forms.js';
import { emptyForm, type FormState } from '../../kernel/views/components/form.js';
import * as assets from './assets.service.js';
import * as scans from './scans.service.js';
import { assetSettingsSchema, confirmSchema, declareAssetSchema, scanSettingsSchema, verifySchema } from './scans.schemas.js';
import { challengeUrl } from './scans.verify.js';
import * as v from './views/scans.views.js';

/** Proof lookups touch the network: a few per organisation and address in ten minutes. */
export const verifyLimit = {
  max: 10,
  timeWindow: '10 minutes',
  keyGenerator: (r: FastifyRequest) => `posture-verify|${(r.params as Record<string, string>).slug}|${r.ip}`,
};

export async function scanPages(app: FastifyInstance, deps: Deps): Promise<void> {
  const params = (req: FastifyRequest) => req.params as Record<string, string>;
  const home = (slug: string) => `/orgs/${slug}/posture/assets`;

  const renderOverview = async (req: FastifyRequest, forms: { declare?: FormState; interval?: FormState } = {}) => {
    requirePerson(req);
    const view = await scans.postureOverview(deps, req.actor, params(req).slug!);
    return <v.OverviewPage view={view} declare={forms.declare ?? emptyForm()} interval={forms.interval ?? emptyForm()} />;
  };
  app.get('/orgs/:slug/posture/assets', async (req, reply) => reply.page(await renderOverview(req)));

  app.post('/orgs/:slug/posture/assets', { config: { form: (req, state) => renderOverview(req, { declare: state }) } }, async (req, reply) => {
    requirePerson(req);
    const slug = params(req).slug!;
    await assets.orgForManager(deps, req.actor, slug);
    const asset = await assets.declareAsset(deps, req.actor, slug, parseInput(declareAssetSchema, req.body));
    return reply.seeOther(`${home(slug)}/${asset.id}`, { kind: 'ok', key: 'posture.declare.done', values: { domain: asset.name } });
  });

  app.post('/orgs/:slug/posture/interval', { config: { form: (req, state) => renderOverview(req, { interval: state }) } }, async (req, reply) => {
    requirePerson(req);
    const slug = params(req).slug!;
    await assets.orgForManager(deps, req.actor, slug);
    const input = parseInput(scanSettingsSchema, req.body);
    await assets.setScanInterval(deps, req.actor, slug, input);
    return reply.seeOther(home(slug), { kind: 'ok', key: 'posture.interval.saved', values: { days: input.intervalDays } });
  });

  app.post('/orgs/:slug/posture/notices/:id/dismiss', async (req, reply) => {
    requirePerson(req);
    await assets.dismissNotice(deps, req.actor, params(req).slug!, params(req).id!);
    return reply.seeOther(home(params(req).slug!), { kind: 'ok', key: 'posture.notice.dismissed' });
  });

  const renderAsset = async (req: FastifyRequest, state?: FormState) => {
    requirePerson(req);
    const before = (req.query as Record<string, unknown>).before;
    const detail = await scans.assetDetail(deps, req.actor, params(req).slug!, params(req).id!, typeof before === 'string' && before.length <= 40 ? before : undefined);
    return <v.AssetPage detail={detail} {...(state ? { state } : {})} challenge={{ url: challengeUrl(deps, detail.asset.name) }} />;
  };
  app.get('/orgs/:slug/posture/assets/:id', async (req, reply) => reply.page(await renderAsset(req)));

  app.post('/orgs/:slug/posture/assets/:id/verify', { config: { form: renderAsset, rateLimit: verifyLimit } }, async (req, reply) => {
    requirePerson(req);
    const { slug, id } = params(req) as { slug: string; id: string };
    await assets.orgForManager(deps, req.actor, slug);
    const { method } = parseInput(verifySchema, req.body);
    const asset = await assets.verifyAsset(deps, req.actor, slug, id, method);
    return reply.seeOther(`${home(slug)}/${id}`, { kind: 'ok', key: method === 'dns' ? 'posture.prove.doneDns' : 'posture.prove.doneHttp', values: { domain: asset.name } });
  });

  app.post('/orgs/:slug/posture/assets/:id/settings', { config: { form: renderAsset } }, async (req, reply) => {
    requirePerson(req);
    const { slug, id } = params(req) as { slug: string; id: string };
    await assets.orgForManager(deps, req.actor, slug);
    await assets.updateAssetSettings(deps, req.actor, slug, id, parseInput(assetSettingsSchema, req.body));
    return reply.seeOther(`${home(slug)}/${id}`, { kind: 'ok', key: 'posture.asset.saved' });
  });

  app.post('/orgs/:slug/posture/assets/:id/scan', { config: { form: renderAsset } }, async (req, reply) => {
    requirePerson(req);
    const { slug, id } = params(req) as { slug: string; id: string };
    await scans.requestScan(deps, req.actor, slug, id);
    return reply.seeOther(`${home(slug)}/${id}`, { kind: 'ok', key: 'posture.scan.queued' });
  });

  app.get('/orgs/:slug/posture/assets/:id/remove', async (req, reply) => {
    requirePerson(req);
    const org = await assets.orgForManager(deps, req.actor, params(req).slug!);
    const asset = await assets.domainOf(deps, org, params(req).id!);
    return reply.page(<v.RemoveAssetPage slug={org.slug} asset={asset} />);
  });
  app.post('/orgs/:slug/posture/assets/:id/remove', async (req, reply) => {
    requirePerson(req);
    const { slug, id } = params(req) as { slug: string; id: string };
    const org = await assets.orgForManager(deps, req.actor, slug);
    await assets.domainOf(deps, org, id);
    parseInput(confirmSchema, req.body);
    const removed = await assets.removeAsset(deps, req.actor, slug, id);
    return reply.seeOther(home(slug), { kind: 'ok', key: 'posture.asset.removed', values: { domain: removed.name } });
  });

  app.get('/orgs/:slug/posture/scans/:id', async (req, reply) => {
    requirePerson(req);
    return reply.page(<v.ScanPage detail={await scans.scanDetail(deps, req.actor, params(req).slug!, params(req).id!)} />);
  });
}
