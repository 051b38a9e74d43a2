// The scorecard as an org-admin meets it, in Chromium: first with JavaScript
// off (the self-assessment form, the visibility setting, asking for help), then
// axe-core on the scorecard and the baseline's pages, in light and dark colour
// schemes, with every <details> opened so the guides are checked too. No
// serious or critical violation is allowed. The app's CSP forbids inline
// scripts, so only the axe context relaxes it (bypassCSP) to inject axe-core.
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { addMember, makeOrg, makePerson, type TestPerson } from '../test/factories/index.js';
import { makeVerifiedDomain, recordScan } from '../test/helpers/posture-baseline.js';
import type { Organisation } from '../src/modules/federation/federation.repository.js';
import { browserAvailable, launchChromium } from './support/chromium.js';
import { startHearth, type RunningHearth } from './support/hearth.js';
import { expectAccessibleBasics } from './support/page-checks.js';

const DAY = 86_400_000;
const artifacts = join(import.meta.dirname, '..', '.test-artifacts');
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeResult {
  violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown }> }>;
  passes: Array<{ id: string }>;
}

/** axe-core's serious and critical violations on the current page (WCAG 2.x A and AA rules and best practices). */
async function axeViolations(page: Page): Promise<{ bad: string[]; passed: string[] }> {
  // Hidden content is checked too: open every disclosure first.
  await page.evaluate(() => {
    for (const d of Array.from(document.querySelectorAll('details'))) d.open = true;
  });
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<AxeResult> } }).axe;
    return axe.run(document, { resultTypes: ['violations', 'passes'] });
  });
  return {
    bad: result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.help} ${JSON.stringify(v.nodes.slice(0, 5).map((n) => n.target))}`),
    passed: result.passes.map((p) => p.id),
  };
}

describe.skipIf(!browserAvailable)('the scorecard in Chromium', () => {
  let browser: Browser;
  let hearth: RunningHearth;
  let org: Organisation;
  let admin: TestPerson;

  beforeAll(async () => {
    [browser, hearth] = await Promise.all([launchChromium(), startHearth()]);
    const d = hearth.deps;
    org = await makeOrg(d, { name: 'Colectivo Aurora' });
    admin = await makePerson(d, { name: 'Ana Admin' });
    await addMember(d, org, admin, 'org_admin');
    const helper = await makeOrg(d, { name: 'Mesh Sur' });
    const helperAdmin = await makePerson(d);
    await addMember(d, helper, helperAdmin, 'org_admin');
    await d.db.insertInto('posture_help_offers').values({ org_id: helper.id, practice_id: 'offsite-backups', created_by: helperAdmin.id, created_at: new Date().toISOString() }).execute();
    // A year of weekly scans: mail failing first, then fixed half-way.
    const domain = await makeVerifiedDomain(d, org.id, 'aurora.example.org');
    const now = Date.now();
    for (let week = 52; week >= 1; week--) {
      const fixed = week < 26;
      await recordScan(d, org.id, domain, new Date(now - week * 7 * DAY), {
        'TLS-01': 'pass',
        'TLS-02': fixed ? 'pass' : 'warn',
        'CERT-01': 'pass',
        'CERT-05': week % 13 === 0 ? 'warn' : 'pass',
        'HTTP-01': 'pass',
        'HTTP-02': 'pass',
        'HTTP-03': fixed ? 'pass' : 'fail',
        'HTTP-04': 'warn',
        'MAIL-02': fixed ? 'pass' : 'fail',
        'MAIL-06': 'pass',
        'DNS-01': 'fail',
        'V6-01': 'pass',
      });
    }
  });
  afterAll(async () => {
    await browser?.close();
    await hearth?.close();
  });

  async function signedIn(opts: { javaScriptEnabled: boolean; colorScheme?: 'light' | 'dark' }): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({
      javaScriptEnabled: opts.javaScriptEnabled,
      bypassCSP: opts.javaScriptEnabled,
      colorScheme: opts.colorScheme ?? 'light',
      locale: 'en-GB',
      viewport: { width: 1000, height: 900 },
    });
    const page = await context.newPage();
    await page.goto(`${hearth.origin}/login`);
    await page.getByLabel('E-mail address', { exact: true }).fill(admin.email);
    await page.getByLabel('Password', { exact: true }).fill(admin.password);
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Sign in', exact: true }).click()]);
    return { context, page };
  }

  async function go(page: Page, url: string): Promise<void> {
    await Promise.all([page.waitForEvent('load'), page.goto(`${hearth.origin}${url}`)]);
    await expectAccessibleBasics(page);
  }

  it('lets an org-admin answer, share and ask for help without JavaScript', async () => {
    const { context, page } = await signedIn({ javaScriptEnabled: false });
    await go(page, `/orgs/${org.slug}/posture`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Scorecard of Colectivo Aurora');
    const mailTls = page.locator('li', { has: page.getByRole('heading', { name: 'Encrypted mail transport and client access' }) });
    expect(await mailTls.locator('.status-tag').textContent()).toBe('Meets it');
    const dnssec = page.locator('li', { has: page.getByRole('heading', { name: 'Zones signed with DNSSEC' }) });
    expect(await dnssec.locator('.status-tag').textContent()).toBe('Does not meet it');
    // The chart is one image with a name and a description.
    const chart = page.getByRole('img', { name: 'Scores of Colectivo Aurora over the last year' });
    expect(await chart.count()).toBe(1);

    await Promise.all([page.waitForEvent('load'), page.getByRole('link', { name: 'Off-site backups in another jurisdiction' }).click()]);
    await expectAccessibleBasics(page);
    await page.getByLabel('Partly', { exact: true }).check();
    await page.getByLabel('Note (optional)').fill('One copy in the same city for now.');
    await page.getByLabel('Evidence link (optional)').fill('javascript:alert(1)');
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Save the answer' }).click()]);
    expect(await page.getByRole('alert').first().textContent()).toBe('One field needs your attention.');
    expect(await page.locator('#f-evidenceUrl-error').textContent()).toContain('http:// or https://');
    expect(await page.getByLabel('Note (optional)').inputValue()).toBe('One copy in the same city for now.');
    await page.getByLabel('Partly', { exact: true }).check();
    await page.getByLabel('Evidence link (optional)').fill('https://wiki.example.org/backups');
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Save the answer' }).click()]);
    expect(await page.locator('.flash').textContent()).toContain('Answer saved');

    await page.getByLabel('What would help (optional)').fill('A partner in another country for our backups.');
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Ask the federation for help' }).click()]);
    await expectAccessibleBasics(page);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Help with “Off-site backups in another jurisdiction”');
    expect(await page.locator('main').innerText()).toContain('Mesh Sur');

    await go(page, `/orgs/${org.slug}/posture`);
    await page.getByLabel('Who may see this scorecard').selectOption('members');
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Save', exact: true }).click()]);
    expect(await page.locator('main').innerText()).toContain('Who sees this scorecard: federation members.');
    await context.close();
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`passes axe-core on the scorecard and the baseline's pages (${colorScheme})`, async () => {
      const { context, page } = await signedIn({ javaScriptEnabled: true, colorScheme });
      const pages = [`/orgs/${org.slug}/posture`, `/orgs/${org.slug}/posture/practices/mail-tls`, `/orgs/${org.slug}/posture/practices/offsite-backups`, '/baseline', '/baseline/practices/mail-dane', '/posture', '/baseline/propose', '/posture/help'];
      const problems: string[] = [];
      for (const url of pages) {
        await go(page, url);
        const { bad, passed } = await axeViolations(page);
        problems.push(...bad.map((b) => `${url}: ${b}`));
        // The checks that matter here really ran.
        if (url === pages[0]) expect(passed).toEqual(expect.arrayContaining(['color-contrast', 'svg-img-alt', 'select-name', 'heading-order', 'landmark-one-main']));
      }
      expect(problems).toEqual([]);
      await go(page, pages[0]!);
      await mkdir(artifacts, { recursive: true });
      await page.screenshot({ path: join(artifacts, `scorecard-${colorScheme}.png`), fullPage: true });
      // The check can fail: a field without a label on the same page is reported.
      await page.evaluate(() => document.querySelector('main')!.append(Object.assign(document.createElement('input'), { type: 'text' })));
      expect((await axeViolations(page)).bad.some((b) => b.startsWith('label (critical)'))).toBe(true);
      await context.close();
    });
  }
});
