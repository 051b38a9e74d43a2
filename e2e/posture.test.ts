// Posture scanning as an org-admin meets it, in Chromium with JavaScript off,
// against the loopback test bed: declare a domain → prove control with the DNS
// record and with the file → the scheduled scan runs (through the job worker) →
// the scan page shows what fails, with evidence → the server is fixed → the
// next scheduled scan shows it fixed. Then axe-core on the pages of the flow
// (in a context with JavaScript, whose CSP the test relaxes to inject it).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ManualClock } from '../src/kernel/time.js';
import { startWorker, type Worker } from '../src/kernel/jobs/worker.js';
import { addMember, makeOrg, makePerson, unique, type TestPerson } from '../test/factories/index.js';
import { bedAvailable } from '../test/bed/bed.js';
import { hasOpenssl } from '../test/bed/ca.js';
import { DNS_BED_BINARIES } from '../test/bed/dns/dns-bed.js';
import { startPostureBed, type PostureBed } from '../test/bed/posture-bed.js';
import { browserAvailable, launchChromium } from './support/chromium.js';
import { startHearth, type RunningHearth } from './support/hearth.js';
import { newVisitor, navigate, open, press, follow, field, mainText, path } from './support/browsing.js';

const bedOk = bedAvailable('posture test bed', [...DNS_BED_BINARIES, ...(hasOpenssl() ? [] : ['openssl'])]);
const HOUR = 3_600_000;
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

// The flow runs under the app's real CSP without JavaScript; only where axe is injected is the CSP bypassed.
const newPerson = (browser: Browser, javaScriptEnabled = false) => newVisitor(browser, { javaScriptEnabled, bypassCSP: javaScriptEnabled });
const flash = async (page: Page) => (await page.locator('.flash').first().textContent())?.trim();

/** axe-core's serious and critical violations on the current page. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: unknown }> }> }> } }).axe;
    return axe.run();
  });
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${JSON.stringify(v.nodes.map((n) => n.target))}`);
}

describe.skipIf(!browserAvailable || !bedOk)('posture scanning in Chromium', () => {
  let browser: Browser;
  let hearth: RunningHearth;
  let worker: Worker;
  let bed: PostureBed | undefined;
  const clock = new ManualClock(new Date());

  beforeAll(async () => {
    [browser, hearth] = await Promise.all([launchChromium(), startHearth({ clock, env: { HEARTH_NET_ALLOW_PRIVATE: '1' } })]);
    worker = startWorker({ db: hearth.deps.db, clock, log: pino({ level: 'silent' }), registry: hearth.deps.jobs, metrics: hearth.deps.metrics }, false);
    await worker.drain(); // installs the schedules
  });
  afterAll(async () => {
    await bed?.stop();
    await browser?.close();
    await hearth?.close();
  });

  async function signIn(page: Page, person: TestPerson) {
    await field(page, 'E-mail address').fill(person.email);
    await field(page, 'Password').fill(person.password);
    await press(page, 'Sign in');
  }

  it('declares, proves, scans on schedule, shows the failure, and shows it fixed after the server is', { timeout: 90_000 }, async () => {
    const d = hearth.deps;
    const org = await makeOrg(d, { name: 'Radio Libre', slug: unique('radio') });
    const ada = await makePerson(d, { name: 'Ada Admin' });
    await addMember(d, org, ada, 'org_admin');
    const { page, problems } = await newPerson(browser);

    await open(page, `${hearth.origin}/login`);
    await signIn(page, ada);
    await open(page, `${hearth.origin}/orgs/${org.slug}`);
    await follow(page, 'Assets and scans');
    expect(path(page)).toBe(`/orgs/${org.slug}/posture/assets`);
    expect(await mainText(page)).toContain('No domain declared yet.');

    // ── Declare: a wrong name first, kept in the form with its message ──
    await field(page, 'Domain').fill('not a domain');
    await press(page, 'Declare the domain');
    expect(await mainText(page)).toContain('Enter a domain name like example.org');
    expect(await field(page, 'Domain').inputValue()).toBe('not a domain');
    await field(page, 'Domain').fill('full.test');
    await field(page, 'DKIM selectors (optional)').fill('bed2026');
    await press(page, 'Declare the domain');
    const assetPath = path(page);
    expect(assetPath).toMatch(new RegExp(`^/orgs/${org.slug}/posture/assets/[a-z2-7]{26}$`));
    expect(await flash(page)).toBe('full.test is declared. Now prove that your organisation controls it.');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('full.test');
    const token = (await page.locator('main code.data', { hasText: /^hearth-/ }).first().textContent())!.trim();
    expect(token).toMatch(/^hearth-[a-z2-7]{26}$/);
    expect(await page.getByRole('button', { name: 'Scan now' }).count()).toBe(0);

    // ── The admin publishes the token (the bed starts with it), then proves control both ways ──
    bed = await startPostureBed({ dnsToken: token, httpToken: token });
    Object.assign(d, bed.deps);
    await press(page, 'Check the DNS record');
    expect(await flash(page)).toBe('The DNS record proves that you control full.test. Its first scan runs within the hour.');
    expect(await mainText(page)).toContain('Proved by DNS record');
    await press(page, 'Check the file');
    expect(await flash(page)).toBe('The file proves that you control full.test. Its first scan runs within the hour.');
    expect(await mainText(page)).toContain('No scan yet: the first one runs within the hour.');

    // ── The hourly schedule queues the scan; the worker runs it ──
    clock.advance(HOUR);
    await worker.drain();
    await open(page, `${hearth.origin}${assetPath}`);
    expect(await mainText(page)).toMatch(/Schedule 2 failing, \d+ warning, \d+ passing/);
    expect(await mainText(page)).toMatch(/Mail server mx\.full\.test \d+ 127\.0\.25\.5/);
    await navigate(page, () => page.locator('main table a[href*="/posture/scans/"]').first().click());
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Scan of full.test');
    let text = await mainText(page);
    expect(text).toContain('This is the first scan of this domain');
    expect(text).toContain('Newly failing (1) HTTP-03 — HSTS');
    const row = page.locator('main tr', { hasText: 'HTTP-03 — HSTS' }).first();
    expect(await row.locator('.status-tag').textContent()).toBe('Fail');
    // Evidence folds open without JavaScript.
    await row.getByText('Evidence', { exact: true }).click();
    expect(await row.getByText('Received:').isVisible()).toBe(true);

    // The org-admin sees the notice on the overview.
    await follow(page, 'Back to full.test');
    await follow(page, 'Back to assets and scans');
    expect(await mainText(page)).toContain('full.test: one check newly fails (HTTP-03).');

    // ── The server is fixed; a week later the schedule scans again ──
    bed.fixHsts();
    clock.advance(7 * 24 * HOUR);
    await worker.drain();
    // A week without visits ends the session: sign in again and come back here.
    await open(page, `${hearth.origin}${assetPath}`);
    expect(path(page)).toBe('/login');
    await signIn(page, ada);
    expect(path(page)).toBe(assetPath);
    expect(await mainText(page)).toMatch(/Schedule 0 failing, \d+ warning, \d+ passing/);
    await navigate(page, () => page.locator('main table a[href*="/posture/scans/"]').first().click());
    text = await mainText(page);
    expect(text).toContain('Compared with the scan of');
    expect(text).toContain('Fixed (1) HTTP-03 — HSTS');
    expect(await page.locator('main tr', { hasText: 'HTTP-03 — HSTS' }).first().locator('.status-tag').textContent()).toBe('Pass');
    expect(problems).toEqual([]);

    // ── axe-core on the pages of this flow ──
    const scanPath = path(page);
    const checker = await newPerson(browser, true);
    await open(checker.page, `${hearth.origin}/login`);
    await signIn(checker.page, ada);
    for (const p of [`/orgs/${org.slug}/posture/assets`, assetPath, scanPath]) {
      await open(checker.page, `${hearth.origin}${p}`);
      expect(await axeViolations(checker.page), p).toEqual([]);
    }
  });
});
