// The federation as people meet it, in Chromium with JavaScript off: an
// organisation applies to join, a coordinator puts the admission to the
// members, three organisations take positions (one with a concern), the
// proposal passes at its close, the applicant accepts the invitation, fills
// in the profile and a service, and is found in the directory by language.
// Time moves by hand (a ManualClock behind the server) and the close runs
// through the job worker, as it would in production.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ManualClock } from '../src/kernel/time.js';
import { startWorker, type Worker } from '../src/kernel/jobs/worker.js';
import { addMember, makeOrg, makePerson, type TestPerson } from '../test/factories/index.js';
import { instantToWallText } from '../src/modules/governance/index.js';
import { browserAvailable, launchChromium } from './support/chromium.js';
import { startHearth, type RunningHearth } from './support/hearth.js';
import { newVisitor, navigate, open, press, follow, field, h1, flash, alerts, mainText, path, signedIn as signIn } from './support/browsing.js';

const artifacts = join(import.meta.dirname, '..', '.test-artifacts');
const APPLICANT = { name: 'Aurora Lima', email: 'aurora@example.org', password: 'harbour lantern quiet meadow' };
const NEWCOMER = { name: 'Colectivo Aurora', slug: 'colectivo-aurora' };
const TITLE = `Admission of ${NEWCOMER.name}`;


describe.skipIf(!browserAvailable)('the federation in Chromium', () => {
  let browser: Browser;
  let hearth: RunningHearth;
  let worker: Worker;
  // Real time at the start, so that everything looks as it would; moved by hand to the close.
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

  it('admits a new member by consent and finds it in the directory, without JavaScript', { timeout: 90_000 }, async () => {
    const d = hearth.deps;
    const coordinator = await makePerson(d, { fedRole: 'coordinator', name: 'Cora Coordinator' });
    const members: { org: string; admin: TestPerson }[] = [];
    for (const name of ['Radio Libre', 'Nodo Sur', 'Red Norte']) {
      const org = await makeOrg(d, { name });
      const admin = await makePerson(d, { name: `Admin of ${name}` });
      await addMember(d, org, admin, 'org_admin');
      members.push({ org: name, admin });
    }

    // ── The application, from someone without an account ──
    const applicant = await newVisitor(browser);
    const ap = applicant.page;
    await open(ap, `${hearth.origin}/proposals`);
    await follow(ap, 'Want your organisation to join the federation? Apply here.');
    expect(await h1(ap)).toBe('Apply to join the federation');
    await field(ap, 'Name of your organisation').fill(NEWCOMER.name);
    await field(ap, 'Who you serve').fill('Women’s radio collectives and rural schools');
    await field(ap, 'Where you work').fill('BR, PY');
    await field(ap, 'Languages you serve in').fill('pt, gn');
    await field(ap, 'Your name').fill(APPLICANT.name);
    await field(ap, 'Your e-mail address').fill(APPLICANT.email);
    // Without agreeing to the charter it is refused, and nothing typed is lost.
    await press(ap, 'Send the application');
    expect(await alerts(ap)).toEqual(['One field needs your attention.']);
    expect(await mainText(ap)).toContain('Joining needs agreement with the charter.');
    expect(await field(ap, 'Name of your organisation').inputValue()).toBe(NEWCOMER.name);
    await field(ap, 'We agree with the federation’s charter').check();
    await press(ap, 'Send the application');
    expect(path(ap)).toBe('/apply/thanks');
    expect(await h1(ap)).toBe('Thank you');

    // ── A coordinator puts it to the members ──
    const coord = await signedIn(coordinator);
    const cp = coord.page;
    await follow(cp, 'Proposals', 'header');
    await follow(cp, 'Applications to join');
    await follow(cp, NEWCOMER.name);
    expect(await h1(cp)).toBe(NEWCOMER.name);
    expect(await mainText(cp)).toContain(APPLICANT.email);
    await follow(cp, 'Propose the admission');
    expect(await h1(cp)).toBe(`Propose admitting ${NEWCOMER.name}`);
    expect(await field(cp, 'Title').inputValue()).toBe(TITLE);
    expect(await field(cp, 'Time zone of these times').inputValue()).toBe('UTC');
    const closesAt = new Date(Math.ceil((clock.now().getTime() + 2 * 3_600_000) / 60_000) * 60_000);
    await field(cp, 'Closes').fill(instantToWallText(closesAt, 'UTC'));
    await press(cp, 'Open the admission proposal');
    expect(await flash(cp)).toBe('The admission proposal is open.');
    expect(await h1(cp)).toBe(TITLE);
    const proposalPath = path(cp);
    expect(await mainText(cp)).toContain('Admission of a member');
    // The public proposal never shows the applicant's address.
    expect(await mainText(cp)).not.toContain(APPLICANT.email);

    // ── Three organisations take positions; one has a concern ──
    const positions: [string, string][] = [
      ['Agree', ''],
      ['Abstain', ''],
      ['Agree with a concern', 'They are new to running mail: we offer a mentor for the first year.'],
    ];
    for (const [i, { org, admin }] of members.entries()) {
      const p = await signedIn(admin);
      await follow(p.page, 'Proposals', 'header');
      await follow(p.page, TITLE);
      expect(path(p.page)).toBe(proposalPath);
      const [position, reason] = positions[i]!;
      await field(p.page, position).check();
      if (reason) {
        // A concern needs its reason.
        await press(p.page, `Save the position of ${org}`);
        expect(await alerts(p.page)).toContain('A concern or a block needs a reason.');
        await field(p.page, 'Agree with a concern').check();
        await field(p.page, 'Reason').fill(reason);
      }
      await press(p.page, `Save the position of ${org}`);
      expect(path(p.page)).toBe(proposalPath);
      expect(await flash(p.page)).toBe('The position is saved.');
      expect(await p.page.getByRole('row', { name: new RegExp(org) }).textContent()).toContain(position);
      expect(p.problems).toEqual([]);
      await p.context.close();
    }

    // ── The close: at its time, by the job, not by a page view ──
    await open(cp, `${hearth.origin}${proposalPath}`);
    expect(await mainText(cp)).toContain('Status Open');
    clock.set(new Date(closesAt.getTime() + 1000));
    await worker.drain();
    await open(cp, `${hearth.origin}${proposalPath}`);
    expect(await mainText(cp)).toContain('Status Passed');
    expect(await mainText(cp)).toContain('3 organisations have taken a position; 2 are needed.');
    expect(await mainText(cp)).toContain('They are new to running mail: we offer a mentor for the first year.');
    await cp.screenshot({ path: join(artifacts, 'federation-proposal.png'), fullPage: true });
    await follow(cp, 'Record the outcome statement');
    await field(cp, 'Outcome statement').fill('Welcome! Radio Libre mentors the new member through its first year.');
    await press(cp, 'Save the statement');
    expect(await flash(cp)).toBe('The outcome statement is saved.');

    // The decision log and its feed show it to anyone.
    await open(ap, `${hearth.origin}/decisions`);
    expect(await mainText(ap)).toContain(TITLE);
    expect(await mainText(ap)).toContain('Radio Libre mentors the new member');
    const feed = await (await fetch(`${hearth.origin}/decisions.atom`)).text();
    expect(feed).toContain(`<title type="text" xml:lang="en">${TITLE}</title>`);

    // ── Without SMTP the coordinator passes the invitation on ──
    await follow(cp, 'Proposals', 'header');
    await follow(cp, 'Applications to join');
    await follow(cp, NEWCOMER.name);
    expect(await mainText(cp)).toContain('Status Admitted');
    await press(cp, 'Create the invitation');
    expect(await h1(cp)).toBe('Pass on this invitation link');
    const inviteLink = await field(cp, 'Invitation link').inputValue();
    expect(inviteLink.startsWith(`${hearth.origin}/invite/`)).toBe(true);

    // ── The applicant accepts and becomes the new organisation's admin ──
    await open(ap, inviteLink);
    expect(await h1(ap)).toBe(`Join ${NEWCOMER.name}`);
    expect(await mainText(ap)).toContain(`as Organisation admin. The invitation was sent to ${APPLICANT.email}.`);
    await field(ap, 'Your name').fill(APPLICANT.name);
    await field(ap, 'Password').fill(APPLICANT.password);
    await press(ap, 'Create account and join');
    expect(path(ap)).toBe(`/orgs/${NEWCOMER.slug}`);
    expect(await flash(ap)).toBe(`Welcome to ${NEWCOMER.name}.`);

    // ── Profile and a service (the Profiles engineer's pages) ──
    await open(ap, `${hearth.origin}/orgs/${NEWCOMER.slug}/profile`);
    expect(await h1(ap)).toBe(`Profile of ${NEWCOMER.name}`);
    await field(ap, 'Language of the descriptions').selectOption('pt');
    await field(ap, 'Short description').fill('Rádios comunitárias e escolas rurais.');
    await field(ap, 'Countries').fill('BR, PY');
    await field(ap, 'Languages you serve people in').fill('pt, gn');
    await press(ap, 'Save');
    expect(await flash(ap)).toBe('The profile is saved.');
    await open(ap, `${hearth.origin}/orgs/${NEWCOMER.slug}/services`);
    await follow(ap, 'Add a service');
    await field(ap, 'Kind').selectOption({ label: 'E-mail' });
    await field(ap, 'Name').fill('Correio Aurora');
    await field(ap, 'Address').fill('https://mail.aurora.example');
    await field(ap, 'Who may register').selectOption({ label: 'Anyone' });
    await press(ap, 'Save');
    expect(await flash(ap)).toBe('Correio Aurora is added.');

    // ── Anyone finds it in the directory by one of its languages ──
    const visitor = await newVisitor(browser);
    await open(visitor.page, `${hearth.origin}/directory`);
    await visitor.page.locator('main').getByLabel('Language', { exact: true }).selectOption({ label: 'Guarani' });
    await press(visitor.page, 'Filter');
    expect(new URL(visitor.page.url()).searchParams.get('lang')).toBe('gn');
    expect((await visitor.page.getByRole('status').textContent())?.trim()).toBe('One member found.');
    expect(await visitor.page.locator('main').getByRole('link', { name: NEWCOMER.name, exact: true }).count()).toBe(1);
    expect(await visitor.page.locator('main').getByRole('link', { name: 'Radio Libre', exact: true }).count()).toBe(0);

    await visitor.page.screenshot({ path: join(artifacts, 'federation-directory.png'), fullPage: true });
    expect(applicant.problems).toEqual([]);
    expect(coord.problems).toEqual([]);
    expect(visitor.problems).toEqual([]);
    await Promise.all([applicant.context.close(), coord.context.close(), visitor.context.close()]);
  });
});
