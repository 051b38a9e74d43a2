// Translations of an aid request's purpose and report after they were posted,
// on both engines: only the requesting organisation's org-admins, never over
// the original, credited to a translator or flagged as machine-made, shown to
// readers of that language, on the page and over /api/v1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { engines } from '../../../test/helpers/db.js';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { InjectBrowser } from '../../../test/helpers/browser.js';
import { addMember, makeOrg, makePerson, signIn, type TestPerson } from '../../../test/factories/index.js';
import { anonymous } from '../../kernel/auth/actor.js';
import { actorFor } from '../../kernel/auth/auth.service.js';
import type { Organisation } from '../federation/federation.repository.js';
import { viewProposal } from '../governance/index.js';
import { createAidRequest, fundingDecided, postReport } from './aid.service.js';

describe.each(engines)('translating an aid request (%s)', (engine) => {
  let t: TestApp;
  let org: Organisation;
  let other: Organisation;
  let ana: TestPerson; // org-admin of org, which asks
  let mo: TestPerson; // member of org
  let bo: TestPerson; // org-admin of the other organisation
  let requestId: string;
  const browsers = new Map<string, InjectBrowser>();
  async function as(p: TestPerson) {
    let b = browsers.get(p.id);
    if (!b) {
      b = new InjectBrowser(t.app);
      await signIn(b, p);
      browsers.set(p.id, b);
    }
    return b;
  }
  async function api(p: TestPerson | undefined, url: string, body: unknown): Promise<LightMyRequestResponse> {
    const b = p ? await as(p) : new InjectBrowser(t.app);
    await b.get(p ? '/fund' : '/login');
    return t.app.inject({
      method: 'PUT',
      url,
      headers: { cookie: [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'x-csrf-token': b.csrf(), 'content-type': 'application/json' },
      payload: JSON.stringify(body),
    });
  }

  beforeAll(async () => {
    t = await createTestApp(engine);
    const d = t.deps;
    [org, other] = [await makeOrg(d, { name: 'Colectivo Alba' }), await makeOrg(d, { name: 'Brisa Hosting' })];
    [ana, mo, bo] = [await makePerson(d, { name: 'Ana' }), await makePerson(d, { name: 'Mo' }), await makePerson(d, { name: 'Bo' })];
    await addMember(d, org, ana, 'org_admin');
    await addMember(d, org, mo, 'member');
    await addMember(d, other, bo, 'org_admin');
    const r = await createAidRequest(
      d,
      await actorFor(d.db, ana),
      { org: org.slug, title: 'Servers after the flood', lang: 'en', purpose: 'Two servers drowned; we need new disks.', currency: 'EUR', amount: '300', urgency: 'urgent', timeline: 'This month', reportPlan: 'A note with invoices', undisclosed: false },
      { locale: 'en' },
    );
    requestId = r.id;
  });
  afterAll(async () => t?.close());

  it('lets only the org-admins of the asking organisation translate the purpose, on the page', async () => {
    const url = `/fund/requests/${requestId}/translate`;
    const anon = new InjectBrowser(t.app);
    expect((await anon.get(url)).headers.location).toMatch(/^\/login/);
    for (const p of [mo, bo]) {
      const b = await as(p);
      expect((await b.get(url)).statusCode).toBe(403);
      await b.get(`/fund/requests/${requestId}`);
      expect((await b.post(url, { field: 'purpose', lang: 'es', body: 'Texto' })).statusCode).toBe(403);
    }
    // Members see the request, but no translation link.
    expect((await (await as(mo)).get(`/fund/requests/${requestId}`)).body).not.toContain(url);
    const a = await as(ana);
    expect((await a.get(`/fund/requests/${requestId}`)).body).toContain(`href="${url}"`);
    const page = await a.get(url);
    expect(page.statusCode).toBe(200);
    // No report yet: only the purpose can be chosen.
    expect(page.body).not.toContain('<option value="report"');
    const empty = await a.post(url, { field: 'purpose', lang: 'es', body: '' });
    expect(empty.statusCode).toBe(422);
    await a.get(url);
    const original = await a.post(url, { field: 'purpose', lang: 'en', body: 'Other words' });
    expect(original.statusCode).toBe(422);
    expect(original.body).toContain('This is the language of the original: choose another language.');
    await a.get(url);
    const noReport = await a.post(url, { field: 'report', lang: 'es', body: 'Informe' });
    expect(noReport.statusCode).toBe(409);
    expect(noReport.body).toContain('There is nothing to translate yet: the report is not written.');
    await a.get(url);
    const ok = await a.post(url, { field: 'purpose', lang: 'es', body: 'Dos servidores se ahogaron; necesitamos discos nuevos.', translator: 'Lucía Pérez' });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe(`/fund/requests/${requestId}?lang=es`);

    const es = await (await as(mo)).get(`/fund/requests/${requestId}?lang=es`);
    expect(es.body).toContain('Dos servidores se ahogaron; necesitamos discos nuevos.');
    expect(es.body).toContain('Translated by Lucía Pérez');
    // Readers of the original still read it as written.
    const en = await (await as(mo)).get(`/fund/requests/${requestId}`);
    expect(en.body).toContain('Two servers drowned; we need new disks.');
    const audit = await t.deps.db.selectFrom('audit_log').select(['data', 'org_id', 'actor_id']).where('action', '=', 'solidarity.request.translated').where('target_id', '=', requestId).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ org_id: org.id, actor_id: ana.id });
    expect(JSON.parse(audit[0]!.data)).toEqual({ field: 'purpose', lang: 'es', machine: false });
  });

  it('translates the report once it is posted, and over /api/v1 with the translator credited or the machine flagged', async () => {
    // The funding proposal passes, the organisation reports back.
    const r = await t.deps.db.selectFrom('aid_requests').select('proposal_id').where('id', '=', requestId).executeTakeFirstOrThrow();
    const { proposal } = await viewProposal(t.deps, anonymous, r.proposal_id!, 'en');
    await t.deps.db.transaction().execute((trx) => fundingDecided({ proposal, outcome: 'passed', tally: null }, { trx, deps: t.deps }));
    await postReport(t.deps, await actorFor(t.deps.db, ana), requestId, { lang: 'en', report: 'New disks, both servers back.' });

    const url = (field: string, lang: string) => `/api/v1/fund/requests/${requestId}/translations/${field}/${lang}`;
    expect((await api(undefined, url('report', 'pt'), { body: 'Discos novos.' })).statusCode).toBe(401);
    expect((await api(bo, url('report', 'pt'), { body: 'Discos novos.' })).statusCode).toBe(403);
    expect((await api(mo, url('report', 'pt'), { body: 'Discos novos.' })).statusCode).toBe(403);
    expect((await api(ana, url('report', 'xx'), { body: 'Discos novos.' })).statusCode).toBe(422);
    expect((await api(ana, url('budget', 'pt'), { body: 'Discos novos.' })).statusCode).toBe(422);
    expect((await api(ana, url('report', 'pt'), { body: '' })).statusCode).toBe(422);
    const machine = await api(ana, url('report', 'pt'), { body: 'Discos novos, os dois servidores de volta.', machine: true });
    expect(machine.statusCode).toBe(200);
    expect(machine.json().report).toEqual({ body: 'Discos novos, os dois servidores de volta.', lang: 'pt', fallback: false, languages: ['en', 'pt'], translator: null, machine: true });
    const human = await api(ana, url('purpose', 'pt'), { body: 'Dois servidores afogaram-se.', translator: 'João' });
    expect(human.json().purpose).toMatchObject({ lang: 'pt', translator: 'João', machine: false, languages: ['en', 'es', 'pt'] });
    // The page shows the machine translation as such.
    const pt = await (await as(mo)).get(`/fund/requests/${requestId}?lang=pt`);
    expect(pt.body).toContain('Discos novos, os dois servidores de volta.');
    expect(pt.body).toContain('Machine translation');
    const page = await (await as(ana)).get(`/fund/requests/${requestId}/translate`);
    expect(page.body).toContain('<option value="report"');
    expect(page.body).toMatch(/<dt>Report<\/dt><dd>English \(original\), Portuguese<\/dd>/);
  });
});
