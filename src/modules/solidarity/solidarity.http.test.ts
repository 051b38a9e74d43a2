// The fund over HTTP on both engines: who may see and do what (401/403/422
// before each happy path), an aid request's whole story through governance,
// two treasurers above the threshold, nobody for their own organisation, the
// public report that protects people, and 50 simultaneous disbursements.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { engines } from '../../../test/helpers/db.js';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { InjectBrowser } from '../../../test/helpers/browser.js';
import { addMember, makeOrg, makePerson, signIn, unique, type TestPerson } from '../../../test/factories/index.js';
import { actorFor } from '../../kernel/auth/auth.service.js';
import { setSetting } from '../../kernel/settings.js';
import { ManualClock } from '../../kernel/time.js';
import type { Organisation } from '../federation/federation.repository.js';
import * as gov from '../governance/governance.service.js';
import { exportOrganisation } from '../federation/index.js';
import * as fund from './fund.service.js';
import { verifyLedger } from './ledger.service.js';

describe.each(engines)('the solidarity fund over HTTP (%s)', (engine) => {
  let t: TestApp;
  // Real time (sign-in codes and sessions follow it); moved forward only for a proposal's close, then back.
  const clock = new ManualClock(new Date());
  let admin: TestPerson;
  let ana: TestPerson; // org-admin of orgA
  let bea: TestPerson; // org-admin of orgB
  let mo: TestPerson; // member of orgB
  let pat: TestPerson; // signed in, no organisation
  let tA: TestPerson; // treasurer, member of orgA
  let tB: TestPerson; // treasurer
  let tC: TestPerson; // treasurer
  let orgA: Organisation;
  let orgB: Organisation;
  let orgC: Organisation;
  const browsers = new Map<string, InjectBrowser>();

  beforeAll(async () => {
    t = await createTestApp(engine, { clock });
    const d = t.deps;
    [orgA, orgB, orgC] = [await makeOrg(d, { name: 'Colectivo Alba' }), await makeOrg(d, { name: 'Brisa Hosting' }), await makeOrg(d, { name: 'Ceiba Net' })];
    admin = await makePerson(d, { fedRole: 'admin' });
    [ana, bea, mo, pat, tA, tB, tC] = [
      await makePerson(d, { name: 'Ana' }),
      await makePerson(d, { name: 'Bea' }),
      await makePerson(d, { name: 'Mo' }),
      await makePerson(d, { name: 'Pat' }),
      await makePerson(d, { name: 'Tesorera A' }),
      await makePerson(d, { name: 'Tesorera B' }),
      await makePerson(d, { name: 'Tesorera C' }),
    ];
    await addMember(d, orgA, ana, 'org_admin');
    await addMember(d, orgB, bea, 'org_admin');
    await addMember(d, orgB, mo, 'member');
    await addMember(d, orgA, tA, 'member');
    const adminActor = await actorFor(d.db, admin);
    for (const p of [tA, tB, tC]) await fund.grantTreasurer(d, adminActor, p.email);
    await fund.setThreshold(d, adminActor, 'EUR', '100');
    // One organisation's agreement decides, so the tests need not gather a quorum.
    await setSetting(d.db, 'governance.quorum', '1');
  });
  afterAll(async () => t?.close());

  async function as(p: TestPerson): Promise<InjectBrowser> {
    let b = browsers.get(p.id);
    if (!b) {
      b = new InjectBrowser(t.app);
      await signIn(b, p);
      browsers.set(p.id, b);
    }
    return b;
  }

  async function api(b: InjectBrowser, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown): Promise<LightMyRequestResponse> {
    await b.get('/fund');
    return t.app.inject({
      method,
      url,
      headers: { cookie: [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'x-csrf-token': b.csrf(), ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { payload: JSON.stringify(body) } : {}),
    });
  }

  const key = () => unique('key-form');
  const count = async () => Number((await t.deps.db.selectFrom('ledger_transactions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  /** The funding proposal of a request passes: orgC's admin agrees, time moves past its close. */
  async function pass(requestId: string) {
    const r = await t.deps.db.selectFrom('aid_requests').select('proposal_id').where('id', '=', requestId).executeTakeFirstOrThrow();
    const voter = await makePerson(t.deps);
    await addMember(t.deps, orgC, voter, 'org_admin');
    await gov.setPosition(t.deps, await actorFor(t.deps.db, voter), r.proposal_id!, { orgId: orgC.id, position: 'agree', reason: '' });
    clock.advance(15 * 86_400_000);
    try {
      expect(await gov.closeProposal(t.deps, r.proposal_id!)).toMatchObject({ status: 'passed' });
    } finally {
      clock.advance(-15 * 86_400_000);
    }
  }

  async function ask(p: TestPerson, org: Organisation, over: Record<string, string> = {}): Promise<string> {
    const b = await as(p);
    await b.get('/fund/requests/new');
    const res = await b.post('/fund/requests/new', {
      org: org.slug,
      title: `Servers after the flood ${unique('t')}`,
      lang: 'es',
      purpose: 'Reemplazar el servidor de correo dañado por la inundación.',
      currency: 'EUR',
      amount: '300.00',
      urgency: 'urgent',
      timeline: 'Two weeks',
      reportPlan: 'A short report with receipts',
      ...over,
    });
    expect(res.statusCode, res.body.slice(0, 2000)).toBe(303);
    return String(res.headers.location).split('/').pop()!;
  }

  it('shows anyone the public report, an accessible SVG chart and CSV exports', async () => {
    await fund.recordIncome(t.deps, await actorFor(t.deps.db, tB), {
      key: key(),
      category: 'donations',
      org: '',
      currency: 'EUR',
      amount: '5000',
      occurredOn: '2026-05-02',
      reference: 'https://bank.example/receipt/1',
      memo: '',
    });
    const anon = new InjectBrowser(t.app);
    const page = await anon.get('/fund');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('role="img"');
    expect(page.body).toContain('<title id="chart-EUR-title">Income and spending per quarter in EUR</title>');
    expect(page.body).toContain('<desc id="chart-EUR-desc">');
    expect(page.body).toContain('Income and spending per quarter and category, in EUR');
    expect(page.body).toContain('Donations');
    expect(page.body).not.toContain('href="/fund/ledger"');
    const csv = await anon.get('/fund/report.csv');
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.body).toContain('2026-Q2,EUR,in,donations,5000.00,500000');
    const json = await t.app.inject({ url: '/api/v1/fund/report' });
    expect(json.statusCode).toBe(200);
    expect(json.json().balances).toContainEqual({ currency: 'EUR', free: '5000.00', earmarked: '0.00', held: '5000.00' });
  });

  it('shows the ledger to members only and lets only treasurers record, with clear refusals', async () => {
    const anon = new InjectBrowser(t.app);
    expect((await anon.get('/fund/ledger')).headers.location).toMatch(/^\/login/);
    expect((await t.app.inject({ url: '/api/v1/fund/transactions' })).statusCode).toBe(401);
    expect((await (await as(pat)).get('/fund/ledger')).statusCode).toBe(403);
    expect((await api(await as(pat), 'GET', '/api/v1/fund/transactions')).statusCode).toBe(403);
    const ledger = await (await as(mo)).get('/fund/ledger');
    expect(ledger.statusCode).toBe(200);
    expect(ledger.body).toContain('Donations');

    const member = await as(mo);
    expect((await member.get('/fund/record')).statusCode).toBe(403);
    await member.get('/fund/ledger');
    expect((await member.post('/fund/income', { key: key(), category: 'donations', currency: 'EUR', amount: '1', occurredOn: '2026-05-03' })).statusCode).toBe(403);

    const tr = await as(tB);
    expect((await tr.get('/fund/record')).statusCode).toBe(200);
    const before = await count();
    const bad = await tr.post('/fund/income', { key: key(), category: 'donations', org: '', currency: 'EUR', amount: '12.345', occurredOn: '2026-05-03' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('EUR does not have that many decimals.');
    await tr.get('/fund/record');
    const yen = await tr.post('/fund/income', { key: key(), category: 'donations', org: '', currency: 'JPY', amount: '100.5', occurredOn: '2026-05-03' });
    expect(yen.body).toContain('JPY does not have that many decimals.');
    await tr.get('/fund/record');
    expect((await tr.post('/fund/income', { key: key(), category: 'donations', org: '', currency: 'XYZ', amount: '10', occurredOn: '2026-05-03' })).body).toContain(
      'This is not an ISO 4217 currency code the fund knows.',
    );
    await tr.get('/fund/record');
    expect((await tr.post('/fund/expenses', { key: key(), category: 'fees', currency: 'EUR', amount: '-5', occurredOn: '2026-05-03' })).body).toContain('The amount must be more than zero.');
    await tr.get('/fund/record');
    expect((await tr.post('/fund/income', { key: key(), category: 'dues', org: '', currency: 'EUR', amount: '5', occurredOn: '2026-05-03' })).body).toContain('Choose the organisation that paid.');
    expect(await count()).toBe(before);

    // A double submission of one form posts once.
    const k = key();
    await tr.get('/fund/record');
    const form = { key: k, category: 'fees', currency: 'EUR', amount: '12.50', occurredOn: '2026-05-03', reference: 'INV-2026-17', memo: 'Bank fees' };
    const first = await tr.post('/fund/expenses', form);
    expect(first.statusCode).toBe(303);
    expect(String(first.headers.location)).toMatch(/^\/fund\/ledger\/[a-z0-9]+$/);
    await tr.get('/fund/record');
    const second = await tr.post('/fund/expenses', form);
    expect(second.headers.location).toBe(first.headers.location);
    expect((await tr.get(String(second.headers.location))).body).toContain('This was already recorded: nothing was posted twice.');
    expect(await count()).toBe(before + 1);
    await tr.get('/fund/record');
    const changed = await tr.post('/fund/expenses', { ...form, amount: '13.50' });
    expect(changed.statusCode).toBe(409);
    expect(changed.body).toContain('This key was already used for a different transaction: nothing was posted.');
    expect(await count()).toBe(before + 1);
    const shown = await (await as(mo)).get(String(first.headers.location));
    expect(shown.body).toContain('INV-2026-17');
    expect(shown.body).toContain('Bank and payment fees');
    expect(shown.body).not.toContain('Reverse this transaction');
  });

  it('corrects by reversal, once, never by an edit', async () => {
    const tr = await as(tB);
    const { transaction } = await fund.recordExpense(t.deps, await actorFor(t.deps.db, tB), { key: key(), category: 'travel', currency: 'EUR', amount: '80', occurredOn: '2026-05-04', reference: '', memo: '' });
    await tr.get(`/fund/ledger/${transaction.id}/reverse`);
    expect((await tr.post(`/fund/ledger/${transaction.id}/reverse`, { key: key(), memo: '' })).statusCode).toBe(422);
    const page = await tr.get(`/fund/ledger/${transaction.id}/reverse`);
    expect(page.statusCode).toBe(200);
    const res = await tr.post(`/fund/ledger/${transaction.id}/reverse`, { key: key(), memo: 'Booked twice' });
    expect(res.statusCode).toBe(303);
    const reversal = await tr.get(String(res.headers.location));
    expect(reversal.body).toContain('Reversal');
    expect(reversal.body).toContain('Booked twice');
    const again = await api(tr, 'POST', `/api/v1/fund/transactions/${transaction.id}/reverse`, { key: key(), memo: 'Again' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('LEDGER_ALREADY_REVERSED');
    expect(await verifyLedger(t.deps.db)).toMatchObject({ ok: true });
  });

  it('tells an aid request’s whole story: proposal, grant, two treasurers, nobody for their own organisation, report', async () => {
    expect((await (await as(pat)).get('/fund/requests/new')).statusCode).toBe(403);
    const b = await as(bea);
    await b.get('/fund/requests/new');
    // Bea speaks for orgB, not for orgA.
    expect((await b.post('/fund/requests/new', { org: orgA.slug, title: 'x', lang: 'es', purpose: 'x', currency: 'EUR', amount: '1', urgency: 'soon', timeline: 'x', reportPlan: 'x' })).statusCode).toBe(403);
    const a = await as(ana);
    await a.get('/fund/requests/new');
    const wrong = await a.post('/fund/requests/new', { org: orgA.slug, title: 'x', lang: 'es', purpose: 'x', currency: 'JPY', amount: '10.5', urgency: 'soon', timeline: 'x', reportPlan: 'x' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('JPY does not have that many decimals.');

    const id = await ask(ana, orgA, { title: 'Servers after the flood' });
    let story = await a.get(`/fund/requests/${id}`);
    expect(story.body).toContain('Being decided');
    const proposal = /href="\/proposals\/([a-z0-9]+)"/.exec(story.body)![1]!;
    const pub = await new InjectBrowser(t.app).get(`/proposals/${proposal}`);
    expect(pub.body).toContain('Reemplazar el servidor');
    await pass(id);
    story = await a.get(`/fund/requests/${id}`);
    expect(story.body).toContain('Granted');
    expect(story.body).toContain('Grant allocated');

    // Tesorera A belongs to orgA: she may neither disburse nor approve.
    const ta = await as(tA);
    await ta.get(`/fund/requests/${id}`);
    const own = await ta.post(`/fund/requests/${id}/disbursements`, { key: key(), amount: '10', occurredOn: '2026-05-20' });
    expect(own.statusCode).toBe(403);
    expect((await api(ta, 'POST', `/api/v1/fund/requests/${id}/disbursements`, { key: key(), amount: '10', occurredOn: '2026-05-20' })).json().error.code).toBe('SOLIDARITY_OWN_ORGANISATION');
    const tb = await as(tB);
    await tb.get(`/fund/requests/${id}`);
    expect((await tb.post(`/fund/requests/${id}/disbursements`, { key: key(), amount: '10.001', occurredOn: '2026-05-20' })).statusCode).toBe(422);

    // Above the threshold (100 EUR): waits for a second treasurer.
    await tb.get(`/fund/requests/${id}`);
    const big = await tb.post(`/fund/requests/${id}/disbursements`, { key: key(), amount: '150', occurredOn: '2026-05-20', reference: 'TRANSFER-88' });
    expect(big.statusCode).toBe(303);
    clock.advance(1000);
    story = await tb.get(`/fund/requests/${id}`);
    expect(story.body).toContain("Recorded: it waits for a second treasurer's approval.");
    const pending = await t.deps.db.selectFrom('fund_disbursements').select('id').where('request_id', '=', id).where('status', '=', 'pending').executeTakeFirstOrThrow();
    // Not by the one who recorded it, nor by a treasurer of orgA.
    expect((await tb.post(`/fund/disbursements/${pending.id}/approve`, {})).statusCode).toBe(403);
    await ta.get(`/fund/requests/${id}`);
    expect((await ta.post(`/fund/disbursements/${pending.id}/approve`, {})).statusCode).toBe(403);
    const tc = await as(tC);
    await tc.get(`/fund/requests/${id}`);
    const approved = await tc.post(`/fund/disbursements/${pending.id}/approve`, {});
    expect(approved.statusCode).toBe(303);
    await tc.get(`/fund/requests/${id}`);
    expect((await tc.post(`/fund/disbursements/${pending.id}/approve`, {})).statusCode).toBe(409);

    // More than what is left: refused, nothing posted.
    await tb.get(`/fund/requests/${id}`);
    const tooMuch = await tb.post(`/fund/requests/${id}/disbursements`, { key: key(), amount: '150.01', occurredOn: '2026-05-21' });
    expect(tooMuch.statusCode).toBe(409);
    expect(tooMuch.body).toContain('Not enough money: 150.00 EUR available. Nothing was posted.');
    await tb.get(`/fund/requests/${id}`);
    expect((await tb.post(`/fund/requests/${id}/disbursements`, { key: key(), amount: '50', occurredOn: '2026-05-21' })).statusCode).toBe(303);
    story = await tb.get(`/fund/requests/${id}`);
    expect(story.body).toContain('Paid out and recorded.');

    // Reporting back: the requesting organisation's admins only.
    expect((await b.get(`/fund/requests/${id}/report`)).statusCode).toBe(403);
    await a.get(`/fund/requests/${id}/report`);
    expect((await a.post(`/fund/requests/${id}/report`, { lang: 'es', report: '' })).statusCode).toBe(422);
    await a.get(`/fund/requests/${id}/report`);
    expect((await a.post(`/fund/requests/${id}/report`, { lang: 'es', report: 'Compramos el servidor; el correo funciona otra vez.' })).statusCode).toBe(303);

    const detail = (await api(await as(mo), 'GET', `/api/v1/fund/requests/${id}`)).json();
    expect(detail).toMatchObject({ status: 'reported', amount: '300.00', grant: { remaining: '100.00', pending: '0.00' }, report: { lang: 'es' } });
    expect(detail.disbursements.map((x: { amount: string; status: string }) => [x.amount, x.status])).toEqual([
      ['150.00', 'posted'],
      ['50.00', 'posted'],
    ]);
    expect(detail.transactions).toHaveLength(3);

    // The organisation takes its requests with it when it exports its data.
    const exported = await exportOrganisation(t.deps, await actorFor(t.deps.db, ana), orgA.slug);
    const part = exported.modules.solidarity as { aidRequests: { id: string; status: string; disbursements: unknown[]; texts: { field: string }[] }[] };
    expect(part.aidRequests.find((x) => x.id === id)).toMatchObject({ status: 'reported', disbursements: [{ amount: '150.00' }, { amount: '50.00' }] });
    expect(part.aidRequests.find((x) => x.id === id)!.texts.map((x) => x.field).sort()).toEqual(['purpose', 'report']);

    const report = await new InjectBrowser(t.app).get('/fund');
    expect(report.body).toContain('Servers after the flood');
    expect(report.body).toContain('Colectivo Alba');
    const actions = (await t.deps.db.selectFrom('audit_log').select('action').where('action', 'like', 'solidarity.%').execute()).map((r) => r.action);
    for (const a of ['solidarity.treasurer.granted', 'solidarity.request.created', 'solidarity.ledger.allocation', 'solidarity.disbursement.requested', 'solidarity.disbursement.approved', 'solidarity.ledger.disbursement', 'solidarity.request.reported']) {
      expect(actions).toContain(a);
    }
    expect(await verifyLedger(t.deps.db)).toMatchObject({ ok: true });
  });

  it('hides a name when asked, and folds figures from fewer than three organisations into "other"', async () => {
    const id = await ask(bea, orgB, { title: 'Quiet help', undisclosed: 'yes', amount: '40' });
    await pass(id);
    // Dues from two organisations only: not shown as "dues", but under "other".
    const treasurer = await actorFor(t.deps.db, tC);
    const dues = (org: Organisation, amount: string) =>
      fund.recordIncome(t.deps, treasurer, { key: key(), category: 'dues', org: org.slug, currency: 'BRL', amount, occurredOn: clock.now().toISOString().slice(0, 10), reference: '', memo: '' });
    await dues(orgA, '100');
    await dues(orgB, '200');
    let csv = (await new InjectBrowser(t.app).get('/fund/report.csv')).body;
    expect(csv).not.toMatch(/,BRL,in,dues,/);
    expect(csv).toMatch(/,BRL,in,other,300\.00,30000/);
    await dues(orgC, '50');
    csv = (await new InjectBrowser(t.app).get('/fund/report.csv')).body;
    expect(csv).toMatch(/,BRL,in,dues,350\.00,35000/);

    const page = (await new InjectBrowser(t.app).get('/fund')).body;
    const card = /<li><h3 dir="auto">Quiet help<\/h3>.*?<\/li>/.exec(page)![0];
    expect(card).toContain('<strong>To:</strong> Undisclosed');
    expect(card).not.toContain('Brisa Hosting');
    const api = (await t.app.inject({ url: '/api/v1/fund/report' })).json();
    expect(api.grants.find((g: { title: string }) => g.title === 'Quiet help')).toMatchObject({ org: null, amount: '40.00' });
    const grants = (await new InjectBrowser(t.app).get('/fund/grants.csv')).body;
    expect(grants).toMatch(/Quiet help,undisclosed,EUR,40\.00/);
    expect(grants).not.toContain('Brisa Hosting');
  });

  it('lets federation admins define dues bands and organisations pick theirs, zero included', async () => {
    const ad = await as(admin);
    const m = await as(mo);
    expect((await m.get('/fund/admin')).statusCode).toBe(403);
    await m.get('/fund/dues');
    expect((await m.post('/fund/admin/bands', { name: 'x', basis: 'ppp', pppGroup: '1', currency: 'EUR', suggested: '0', period: 'year' })).statusCode).toBe(403);
    await ad.get('/fund/admin');
    expect((await ad.post('/fund/admin/bands', { name: 'Small', basis: 'ppp', pppGroup: '7', currency: 'EUR', suggested: '0', period: 'year' })).statusCode).toBe(422);
    await ad.get('/fund/admin');
    expect((await ad.post('/fund/admin/bands', { name: 'Solidarity', basis: 'ppp', pppGroup: '1', currency: 'EUR', suggested: '0', period: 'year' })).statusCode).toBe(303);
    await ad.get('/fund/admin');
    expect((await ad.post('/fund/admin/bands', { name: 'Large budget', basis: 'budget', budgetMin: '50000', budgetMax: '', currency: 'EUR', suggested: '120', period: 'quarter' })).statusCode).toBe(303);
    const bands = (await t.app.inject({ url: '/api/v1/fund/dues/bands' })).json().items as { id: string; name: string; suggested: string }[];
    const zero = bands.find((x) => x.name === 'Solidarity')!;
    const large = bands.find((x) => x.name === 'Large budget')!;
    expect(zero.suggested).toBe('0.00');

    const b = await as(bea);
    await b.get(`/fund/orgs/${orgA.slug}/dues`);
    expect((await b.post(`/fund/orgs/${orgA.slug}/dues`, { band: zero.id })).statusCode).toBe(403);
    const a = await as(ana);
    await a.get(`/fund/orgs/${orgA.slug}/dues`);
    expect((await a.post(`/fund/orgs/${orgA.slug}/dues`, { band: '' })).statusCode).toBe(422);
    await a.get(`/fund/orgs/${orgA.slug}/dues`);
    expect((await a.post(`/fund/orgs/${orgA.slug}/dues`, { band: zero.id })).statusCode).toBe(303);
    expect((await a.get(`/fund/orgs/${orgA.slug}/dues`)).body).toContain('Solidarity member: no dues are asked.');
    const put = await api(b, 'PUT', `/api/v1/fund/orgs/${orgB.slug}/dues`, { band: large.id, undisclosed: true });
    expect(put.statusCode).toBe(200);
    const y = clock.now().getUTCFullYear();
    expect(put.json().schedule.map((s: { dueOn: string; amount: string }) => `${s.dueOn} ${s.amount}`)).toEqual([`${y}-01-01 120.00`, `${y}-04-01 120.00`, `${y}-07-01 120.00`, `${y}-10-01 120.00`]);
    const report = (await t.app.inject({ url: '/api/v1/fund/report' })).json();
    expect(report.dues.solidarityMembers).toBe(1);
    // OrgB asked not to be named beside its dues: its payment is in the undisclosed line.
    expect(report.dues.lines).toContainEqual({ org: null, orgs: 1, amount: '200.00', amountMinor: 20000, currency: 'BRL' });
    expect(report.dues.lines.map((l: { org: string | null }) => l.org)).not.toContain('Brisa Hosting');
  });

  it('lets federation admins grant and end the treasurer role, never to themselves, effective at once', async () => {
    const ad = await as(admin);
    const m = await as(mo);
    await m.get('/fund');
    expect((await m.post('/fund/admin/treasurers', { email: pat.email })).statusCode).toBe(403);
    await ad.get('/fund/admin');
    expect((await ad.post('/fund/admin/treasurers', { email: 'nobody@example.org' })).statusCode).toBe(422);
    await ad.get('/fund/admin');
    expect((await ad.post('/fund/admin/treasurers', { email: admin.email })).statusCode).toBe(403);
    await ad.get('/fund/admin');
    expect((await ad.post('/fund/admin/treasurers', { email: pat.email })).statusCode).toBe(303);
    const p = await as(pat);
    expect((await p.get('/fund/record')).statusCode).toBe(200);
    await ad.get('/fund/admin');
    expect((await ad.post(`/fund/admin/treasurers/${pat.id}/revoke`, {})).statusCode).toBe(303);
    expect((await p.get('/fund/record')).statusCode).toBe(403);
    // A federation admin is not a treasurer by that role.
    expect((await ad.get('/fund/record')).statusCode).toBe(403);
  });

  it('takes 50 simultaneous disbursements against a grant that covers only some: no overdraft, no lost update, clear refusals, no 500', async () => {
    const id = await ask(ana, orgA, { amount: '1000', title: 'Fifty at once' });
    await pass(id);
    const tb = await as(tB);
    await tb.get('/fund');
    const headers = { cookie: [...tb.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'x-csrf-token': tb.csrf(), 'content-type': 'application/json' };
    const responses = await Promise.all(
      Array.from({ length: 50 }, () =>
        t.app.inject({ method: 'POST', url: `/api/v1/fund/requests/${id}/disbursements`, headers, payload: JSON.stringify({ key: key(), amount: '30.00', occurredOn: '2026-05-25' }) }),
      ),
    );
    const statuses = responses.map((r) => r.statusCode);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(statuses.filter((s) => s === 201)).toHaveLength(33);
    const refused = responses.filter((r) => r.statusCode !== 201);
    expect(refused).toHaveLength(17);
    for (const r of refused) {
      expect(r.statusCode).toBe(409);
      expect(r.json().error.code).toBe('LEDGER_INSUFFICIENT');
      expect(r.json().error.message).toMatch(/^Not enough money: \d+\.\d\d EUR available\. Nothing was posted\.$/);
    }
    const grant = await t.deps.db
      .selectFrom('ledger_accounts')
      .select('balance_minor')
      .where('code', '=', `grant:${id}`)
      .executeTakeFirstOrThrow();
    expect(Number(grant.balance_minor)).toBe(1000);
    const posted = await t.deps.db.selectFrom('fund_disbursements').select('amount_minor').where('request_id', '=', id).where('status', '=', 'posted').execute();
    expect(posted.reduce((s, r) => s + Number(r.amount_minor), 0)).toBe(99_000);
    expect(await verifyLedger(t.deps.db)).toMatchObject({ ok: true });
  });
});
