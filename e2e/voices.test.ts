// Voices as people meet them, in a real Chromium. Respondents answer a survey
// in Arabic and in Czech with JavaScript off (Tor Browser's safest mode): the
// answers wait for a moderator. With JavaScript on, the browser solves the
// proof of work from our own origin and the answer counts at once. Then a
// moderator, also without JavaScript, triages an answer into a need, links a
// shared project, and the public report shows the need with its project.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { actorFor } from '../src/kernel/auth/auth.service.js';
import { addMember, makeOrg, makePerson, type TestPerson } from '../test/factories/index.js';
import { createProject } from '../src/modules/projects/projects.service.js';
import { resolveScope } from '../src/modules/voices/voices.service.js';
import { seedSurvey, type SeededSurvey } from '../src/modules/voices/voices.seed.js';
import { browserAvailable, launchChromium } from './support/chromium.js';
import { startHearth, type RunningHearth } from './support/hearth.js';
import { newVisitor, navigate, mainText } from './support/browsing.js';
import { translator } from '../src/kernel/i18n/i18n.js';

const newPerson = (browser: Browser, javaScriptEnabled: boolean, locale = 'en-GB') => newVisitor(browser, { javaScriptEnabled, locale });

describe.skipIf(!browserAvailable)('voices in Chromium', () => {
  let browser: Browser;
  let hearth: RunningHearth;
  let admin: TestPerson;
  let survey: SeededSurvey;
  let orgSlug: string;
  let projectSlug: string;

  beforeAll(async () => {
    [browser, hearth] = await Promise.all([launchChromium(), startHearth()]);
    const d = hearth.deps;
    const org = await makeOrg(d, { name: 'Radio Libre' });
    orgSlug = org.slug;
    admin = await makePerson(d, { name: 'Rosa Moderator' });
    await addMember(d, org, admin, 'org_admin');
    const actor = await actorFor(d.db, admin);
    survey = await seedSurvey(d, actor, await resolveScope(d.db, org.slug));
    projectSlug = (await createProject(d, actor, { org: org.slug, name: 'Onion services for all', slug: 'onion-services', status: 'active', lang: 'en', description: 'An onion address for every service.' })).slug;
  });
  afterAll(async () => {
    await browser?.close();
    await hearth?.close();
  });

  async function answerWithoutJs(lang: 'ar' | 'cs', text: string, choice: string): Promise<void> {
    const { context, page, problems } = await newPerson(browser, false);
    await navigate(page, () => page.goto(`${hearth.origin}/voices/${survey.id}`));
    // The language picker is a plain link.
    await navigate(page, () => page.locator('main nav').getByRole('link', { name: lang === 'ar' ? 'العربية' : 'Čeština', exact: true }).click());
    expect(await page.locator('html').getAttribute('lang')).toBe(lang);
    if (lang === 'ar') expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    const q = survey.questions;
    await page.locator(`#f-q_${q.text.id}`).fill(text);
    await page.getByLabel(choice, { exact: true }).check();
    // A person takes a few seconds; the form refuses anything faster.
    await page.waitForTimeout(3_300);
    await navigate(page, () => page.locator('main form button[type="submit"]').click());
    expect(new URL(page.url()).pathname).toBe(`/voices/${survey.id}/thanks`);
    // Told in the respondent's own language.
    expect(await mainText(page)).toContain(translator(lang).t('voices.thanks.pending'));
    expect(await context.cookies()).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  }

  it('takes answers in Arabic and in Czech without JavaScript, and sets no cookie', { timeout: 60_000 }, async () => {
    await answerWithoutJs('ar', 'نحتاج إلى عنوان بصل للبريد', 'البريد');
    await answerWithoutJs('cs', 'Potřebujeme onion adresu pro e-mail.', 'E-mail');
    const rows = await hearth.deps.db.selectFrom('voice_answers').select(['lang', 'status']).where('campaign_id', '=', survey.id).orderBy('lang').execute();
    expect(rows).toEqual([
      { lang: 'ar', status: 'pending' },
      { lang: 'cs', status: 'pending' },
    ]);
  });

  it('with JavaScript, solves the proof of work from our own origin and the answer counts at once', { timeout: 60_000 }, async () => {
    const { context, page, problems } = await newPerson(browser, true);
    await navigate(page, () => page.goto(`${hearth.origin}/voices/${survey.id}?lang=en`));
    await page.locator(`#f-q_${survey.questions.text.id}`).fill('Please keep the chat server.');
    await page.getByLabel('Chat', { exact: true }).check();
    await page.waitForSelector('form[data-pow-solved="true"]', { timeout: 30_000 });
    expect(await page.locator('#pow-status').innerText()).toContain('Done');
    await page.waitForTimeout(3_300);
    await navigate(page, () => page.locator('main form button[type="submit"]').click());
    expect(new URL(page.url()).pathname).toBe(`/voices/${survey.id}/thanks`);
    expect(await mainText(page)).not.toContain('A moderator reads it');
    expect(await context.cookies()).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
    const row = await hearth.deps.db.selectFrom('voice_answers').select(['status', 'verified']).where('campaign_id', '=', survey.id).where('lang', '=', 'en').executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'accepted', verified: 1 });
  });

  it('triages an answer into a need, links a shared project, and the public report shows it', { timeout: 60_000 }, async () => {
    const { context, page, problems } = await newPerson(browser, false);
    await navigate(page, () => page.goto(`${hearth.origin}/login`));
    await page.getByLabel('E-mail address', { exact: true }).fill(admin.email);
    await page.getByLabel('Password', { exact: true }).fill(admin.password);
    await navigate(page, () => page.locator('main form button[type="submit"]').click());

    await navigate(page, () => page.goto(`${hearth.origin}/orgs/${orgSlug}/voices/queue`));
    expect(await mainText(page)).toContain('نحتاج إلى عنوان بصل للبريد');
    // Open the Arabic answer and count it.
    await navigate(page, () => page.locator('main li', { hasText: 'نحتاج إلى عنوان بصل للبريد' }).getByRole('link').first().click());
    await navigate(page, () => page.getByRole('button', { name: 'Count it', exact: true }).click());
    expect(await page.getByRole('status').first().innerText()).toContain('The answer');
    // Start a need from it.
    await page.getByLabel('Need', { exact: true }).selectOption('new');
    await page.getByLabel('Title', { exact: true }).fill('An onion address for the mail service');
    await navigate(page, () => page.getByRole('button', { name: 'Link to this need', exact: true }).click());
    expect(await page.locator('h1').innerText()).toBe('An onion address for the mail service');
    // Link the shared project and plan the work.
    await page.getByLabel("Project's short name", { exact: true }).fill(projectSlug);
    await navigate(page, () => page.locator('form[action$="/projects"]').getByRole('button', { name: 'Link', exact: true }).click());
    await page.getByLabel('Status', { exact: true }).selectOption('planned');
    await navigate(page, () => page.getByRole('button', { name: 'Save', exact: true }).click());
    expect(await mainText(page)).toContain('Onion services for all');
    expect(problems).toEqual([]);
    await context.close();

    // The public: the report, in Czech, shows the need, its status and its project.
    const visitor = await newPerson(browser, false, 'cs-CZ');
    await navigate(visitor.page, () => visitor.page.goto(`${hearth.origin}/voices/${survey.id}/report?lang=cs`));
    const report = await mainText(visitor.page);
    expect(report).toContain('An onion address for the mail service');
    expect(report).toContain('Onion services for all');
    expect(await visitor.page.locator('main a[href="/projects/onion-services"]').count()).toBe(1);
    expect(await visitor.context.cookies()).toEqual([]);
    expect(visitor.problems).toEqual([]);
    await visitor.context.close();
  });
});
