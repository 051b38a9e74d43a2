// The solidarity fund as people meet it, in Chromium with JavaScript off: an
// organisation asks for aid and asks not to be named, another organisation
// agrees to the funding proposal, it passes at its close (through the job
// worker), one treasurer records a disbursement above the threshold and a
// second approves it, and the public report shows the grant without the name.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ManualClock } from '../src/kernel/time.js';
import { startWorker, type Worker } from '../src/kernel/jobs/worker.js';
import { setSetting } from '../src/kernel/settings.js';
import { actorFor } from '../src/kernel/auth/auth.service.js';
import { grantTreasurer, recordIncome, setThreshold } from '../src/modules/solidarity/fund.service.js';
import { addMember, makeOrg, makePerson, unique, type TestPerson } from '../test/factories/index.js';
import { browserAvailable, launchChromium } from './support/chromium.js';
import { startHearth, type RunningHearth } from './support/hearth.js';
import { newVisitor, open, press, follow, field, flash, mainText, path, signedIn as signIn } from './support/browsing.js';

const artifacts = join(import.meta.dirname, '..', '.test-artifacts');
const TITLE = 'A new mail server after the flood';


describe.skipIf(!browserAvailable)('the solidarity fund in Chromium', () => {
  let browser: Browser;
  let hearth: RunningHearth;
  let worker: Worker;
  const clock = new ManualClock(new Date());

  beforeAll(async () => {
    [browser, hearth] = await Promise.all([launchChromium(), startHearth({ clock })]);
    worker = startWorker({ db: hearth.deps.db, clock, log: pino({ level: 'silent' }), registry: hearth.deps.jobs }, false);
    await mkdir(artifacts, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await hearth?.close();
  });

  const signedIn = (person: TestPerson) => signIn(browser, hearth.origin, person);

  it('asks for aid, decides, disburses with two treasurers and reports publicly without the name', { timeout: 60_000 }, async () => {
    const d = hearth.deps;
    const alba = await makeOrg(d, { name: 'Colectivo Alba', slug: unique('alba') });
    const ceiba = await makeOrg(d, { name: 'Ceiba Net', slug: unique('ceiba') });
    const [ana, voter, teresa, tomas] = [await makePerson(d, { name: 'Ana' }), await makePerson(d, { name: 'Vera' }), await makePerson(d, { name: 'Teresa' }), await makePerson(d, { name: 'Tomás' })];
    await addMember(d, alba, ana, 'org_admin');
    await addMember(d, ceiba, voter, 'org_admin');
    const admin = await actorFor(d.db, await makePerson(d, { fedRole: 'admin' }));
    for (const p of [teresa, tomas]) await grantTreasurer(d, admin, p.email);
    await setThreshold(d, admin, 'EUR', '100');
    await setSetting(d.db, 'governance.quorum', '1');
    const today = clock.now().toISOString().slice(0, 10);
    await recordIncome(d, await actorFor(d.db, tomas), { key: unique('gift'), category: 'donations', org: '', currency: 'EUR', amount: '2000', occurredOn: today, reference: 'Gift 2026-1', memo: '' });

    // ── Ana asks for aid for Colectivo Alba, and asks not to be named ──
    const a = await signedIn(ana);
    await follow(a.page, 'Fund', 'header');
    await follow(a.page, 'Aid requests');
    await follow(a.page, 'Ask for aid');
    await field(a.page, 'Title').fill(TITLE);
    await field(a.page, 'Language you write in').selectOption('es');
    await field(a.page, 'Purpose').fill('La inundación destruyó el servidor de correo de 40 colectivos.');
    await field(a.page, 'Currency').fill('EUR');
    await field(a.page, 'Amount').fill('250.555');
    await field(a.page, 'Urgency').selectOption({ label: 'Urgent' });
    await field(a.page, 'Timeline').fill('Two weeks');
    await field(a.page, 'How you will report back').fill('Receipts and a short note');
    await field(a.page, 'Do not name our organisation beside this grant on the public report').check();
    await press(a.page, 'Send the request');
    // Wrong precision for the currency: refused, what was typed stays.
    expect(await a.page.getByText('EUR does not have that many decimals.').count()).toBeGreaterThan(0);
    expect(await field(a.page, 'Title').inputValue()).toBe(TITLE);
    await field(a.page, 'Amount').fill('250');
    await press(a.page, 'Send the request');
    expect(await flash(a.page)).toBe('Your request was sent and a funding proposal opened.');
    const requestPath = path(a.page);
    expect(await mainText(a.page)).toContain('Being decided');
    await follow(a.page, TITLE);
    const proposalPath = path(a.page);
    expect(proposalPath).toMatch(/^\/proposals\//);
    await a.context.close();

    // ── Ceiba Net agrees; the proposal passes at its close, through the job ──
    const v = await signedIn(voter);
    await open(v.page, `${hearth.origin}${proposalPath}`);
    await field(v.page, 'Agree').check();
    await press(v.page, 'Save the position of Ceiba Net');
    expect(await flash(v.page)).toBe('The position is saved.');
    await v.context.close();
    clock.advance(3 * 86_400_000 + 60_000);
    await worker.drain();

    // ── Teresa records a disbursement above the threshold; Tomás approves it ──
    const te = await signedIn(teresa);
    await open(te.page, `${hearth.origin}${requestPath}`);
    expect(await mainText(te.page)).toContain('Granted');
    await field(te.page, 'Amount in EUR').fill('180');
    await field(te.page, 'Reference').fill('TRANSFER-2026-031');
    await press(te.page, 'Record disbursement');
    expect(await flash(te.page)).toBe("Recorded: it waits for a second treasurer's approval.");
    // She cannot approve her own.
    expect(await te.page.getByRole('button', { name: 'Approve', exact: true }).count()).toBe(0);
    await te.context.close();

    const to = await signedIn(tomas);
    await open(to.page, `${hearth.origin}${requestPath}`);
    await press(to.page, 'Approve');
    expect(await flash(to.page)).toBe('Approved, paid out and recorded.');
    expect(await mainText(to.page)).toContain('Disbursement #');
    await to.page.screenshot({ path: join(artifacts, 'solidarity-request.png'), fullPage: true });
    expect(to.problems).toEqual([]);
    await to.context.close();

    // ── The public report: the grant, its purpose and amount, not the name ──
    const visitor = await newVisitor(browser);
    await open(visitor.page, `${hearth.origin}/fund`);
    const grant = visitor.page.locator('main li', { has: visitor.page.getByRole('heading', { name: TITLE }) });
    const card = (await grant.innerText()).replace(/\s+/g, ' ');
    expect(card).toContain('To: Undisclosed');
    expect(card).toContain('Granted: €250.00');
    expect(card).toContain('Paid out: €180.00');
    expect(card).toContain('La inundación destruyó el servidor');
    expect(await mainText(visitor.page)).not.toContain('Colectivo Alba');
    expect(await visitor.page.locator('svg[role="img"] title').first().textContent()).toBe('Income and spending per quarter in EUR');
    await visitor.page.screenshot({ path: join(artifacts, 'solidarity-report.png'), fullPage: true });
    expect(visitor.problems).toEqual([]);
    await visitor.context.close();
  });
});
