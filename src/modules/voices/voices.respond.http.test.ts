// The respondent's side: the form in the campaign's languages, no cookies, the
// signed single-use token, the honeypot, the limits, and refusals that keep
// the person's text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { engines } from '../../../test/helpers/db.js';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { InjectBrowser } from '../../../test/helpers/browser.js';
import { addMember, makeOrg, makePerson, signIn } from '../../../test/factories/index.js';
import { solveChallenge } from 'altcha-lib/v1';
import { ManualClock } from '../../kernel/time.js';
import { actorFor } from '../../kernel/auth/auth.service.js';
import type { Actor } from '../../kernel/auth/actor.js';
import type { Organisation } from '../federation/index.js';
import { postAnswer as post, seedSurvey, tokenOf, type SeededSurvey } from './voices.seed.js';
import * as svc from './voices.service.js';
import { translator } from '../../kernel/i18n/i18n.js';

// Texts as the respondent's language says them (HTML-escaped the way the page renders them).
const csText = translator('cs');
const html = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

const postAnswer = post;

describe.each(engines)('answering a survey (%s)', (engine) => {
  let t: TestApp;
  let org: Organisation;
  let admin: Actor;
  let survey: SeededSurvey;
  const clock = new ManualClock(new Date('2026-06-01T10:15:00.000Z'));

  beforeAll(async () => {
    t = await createTestApp(engine, { clock });
    org = await makeOrg(t.deps, { name: 'Radio Libre' });
    const p = await makePerson(t.deps);
    await addMember(t.deps, org, p, 'org_admin');
    admin = await actorFor(t.deps.db, p);
    survey = await seedSurvey(t.deps, admin, await svc.resolveScope(t.deps.db, org.slug));
  });
  afterAll(async () => t.close());

  const open = async (lang = 'en', extra = '') => {
    const res = await t.app.inject({ url: `/voices/${survey.id}?lang=${lang}${extra}` });
    expect(res.statusCode).toBe(200);
    return res;
  };
  const answers = (over: Record<string, string | string[]> = {}) => {
    const q = survey.questions;
    return {
      [`q_${q.text.id}`]: 'An onion address, please. My neighbours are watched.',
      [`q_${q.single.id}`]: q.single.choices[0]!,
      [`q_${q.multiple.id}`]: [q.multiple.choices[0]!, q.multiple.choices[2]!],
      [`q_${q.scale.id}`]: '2',
      ...over,
    };
  };
  /** Opens the form, waits like a person, sends it. */
  const answer = async (lang: string, over: Record<string, string | string[]> = {}, wait = 5_000, remoteAddress?: string) => {
    const page = await open(lang);
    clock.advance(wait);
    return postAnswer(t.app, `/voices/${survey.id}`, { form: tokenOf(page.body), lang, homepage: '', ...answers(over) }, remoteAddress);
  };

  it('shows the form in the chosen language, with the privacy promise, language links and no cookie at all', async () => {
    const cs = await open('cs');
    expect(cs.headers['set-cookie']).toBeUndefined();
    expect(cs.body).toContain('<html lang="cs"');
    expect(cs.body).toContain('Jak funguje vaše e-mailová služba?');
    expect(cs.body).toContain('Kterou službu používáte nejvíc?');
    // Not translated into Czech: shown in the original, marked with its language.
    expect(cs.body).toMatch(/<label for="f-q_[a-z0-9]+-0" lang="en" dir="auto">Onion address<\/label>/);
    expect(cs.body).toContain(html(csText.t('voices.privacy.noAddress')));
    expect(cs.body).not.toContain('name="_csrf"');
    expect(cs.body).toContain(`href="/voices/${survey.id}?lang=ar"`);
    expect(cs.body).not.toContain('/lang/');
    const ar = await open('ar');
    expect(ar.body).toContain('<html lang="ar" dir="rtl"');
    expect(ar.body).toContain('كيف هي خدمة البريد لديك؟');
    expect(ar.headers['set-cookie']).toBeUndefined();
  });

  it('says so when the asked language is missing, and shows one the campaign has', async () => {
    const res = await open('sw');
    expect(res.body).toContain('This form is not available in');
    expect(res.body).toContain('How is your e-mail service?');
  });

  it('takes an answer without any cookie or CSRF token, and sets none', async () => {
    const res = await answer('cs');
    expect(res.statusCode).toBe(303);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.headers.location).toBe(`/voices/${survey.id}/thanks?lang=cs&pending=1`);
    const thanks = await t.app.inject({ url: String(res.headers.location) });
    expect(thanks.statusCode).toBe(200);
    expect(thanks.headers['set-cookie']).toBeUndefined();
    expect(thanks.body).toContain(html(csText.t('voices.thanks.pending')));
    const rows = await t.deps.db.selectFrom('voice_answers').selectAll().where('campaign_id', '=', survey.id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ lang: 'cs', status: 'pending', received_at: '2026-06-01T10:00:00.000Z', org_id: org.id });
    const values = await t.deps.db.selectFrom('voice_answer_values').select(['question_id', 'value']).where('answer_id', '=', rows[0]!.id).execute();
    expect(values).toHaveLength(4);
    const text = await t.deps.db.selectFrom('texts').selectAll().where('owner_id', '=', rows[0]!.id).executeTakeFirstOrThrow();
    expect(text).toMatchObject({ lang: 'cs', body: 'An onion address, please. My neighbours are watched.', created_by: null, updated_at: '2026-06-01T10:00:00.000Z' });
  });

  it('still refuses other POSTs that come without the CSRF cookie', async () => {
    const res = await t.app.inject({ method: 'POST', url: `/voices/${survey.id}/edit`, payload: { title: 'x' } });
    expect(res.statusCode).toBe(403);
  });

  it('refuses a replayed token, clearly, keeping the text', async () => {
    const page = await open('en');
    clock.advance(5_000);
    const form = { form: tokenOf(page.body), lang: 'en', homepage: '', ...answers({ [`q_${survey.questions.text.id}`]: 'Sent twice by accident' }) };
    expect((await postAnswer(t.app, `/voices/${survey.id}`, form)).statusCode).toBe(303);
    const again = await postAnswer(t.app, `/voices/${survey.id}`, form);
    expect(again.statusCode).toBe(422);
    expect(again.body).toContain('This form was already sent once, so it was not counted again.');
    expect(again.body).toContain('Sent twice by accident</textarea>');
    expect(again.headers['set-cookie']).toBeUndefined();
    // A fresh token comes with the form again.
    expect(tokenOf(again.body)).not.toBe(form.form);
    const count = await t.deps.db.selectFrom('texts').select('owner_id').where('body', '=', 'Sent twice by accident').execute();
    expect(count).toHaveLength(1);
  });

  it('refuses a submission faster than a person, and a filled honeypot, keeping the choices too', async () => {
    const fast = await answer('en', { [`q_${survey.questions.text.id}`]: 'Too quick' }, 500);
    expect(fast.statusCode).toBe(422);
    expect(fast.body).toContain('That was quicker than a person can fill in this form.');
    expect(fast.body).toContain('Too quick</textarea>');
    expect(fast.body).toMatch(new RegExp(`value="${survey.questions.multiple.choices[2]}" checked`));

    const page = await open('cs');
    clock.advance(5_000);
    const trap = await postAnswer(t.app, `/voices/${survey.id}`, { form: tokenOf(page.body), lang: 'cs', homepage: 'http://spam.example', ...answers({ [`q_${survey.questions.text.id}`]: 'Honeypot text' }) });
    expect(trap.statusCode).toBe(422);
    expect(trap.body).toContain(html(csText.t('error.VOICES_HONEYPOT')).slice(0, 40));
    expect(trap.body).toContain('Honeypot text</textarea>');
    expect(trap.body).toContain('<html lang="cs"');
  });

  it('refuses malformed and expired tokens, unknown choices, long texts and languages the campaign lacks', async () => {
    const bad = await postAnswer(t.app, `/voices/${survey.id}`, { form: 'v1.nope', lang: 'en', homepage: '', ...answers() });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('This form could not be checked.');

    const page = await open('en');
    clock.advance(5 * 3_600_000);
    const old = await postAnswer(t.app, `/voices/${survey.id}`, { form: tokenOf(page.body), lang: 'en', homepage: '', ...answers() });
    expect(old.statusCode).toBe(422);
    expect(old.body).toContain('This form was open for too long.');

    const wrong = await answer('en', { [`q_${survey.questions.single.id}`]: 'not-a-choice', [`q_${survey.questions.text.id}`]: 'x'.repeat(5001) });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('That answer is not one of this question&#39;s choices.'.replace('&#39;', "'"));
    expect(wrong.body).toContain('Use at most 5,000 characters.');

    const lang = await answer('de');
    expect(lang.statusCode).toBe(422);
    expect(lang.body).toContain('This form is not available in that language.');
  });

  it('refuses once the campaign or the hour budget is exhausted, keeping the text', async () => {
    const small = await seedSurvey(t.deps, admin, await svc.resolveScope(t.deps.db, org.slug), { hourlyBudget: 1, moderated: false });
    const send = async (text: string) => {
      const page = await t.app.inject({ url: `/voices/${small.id}?lang=en` });
      clock.advance(5_000);
      return postAnswer(t.app, `/voices/${small.id}`, { form: tokenOf(page.body), lang: 'en', homepage: '', [`q_${small.questions.text.id}`]: text, [`q_${small.questions.single.id}`]: small.questions.single.choices[1]! });
    };
    expect((await send('first')).statusCode).toBe(303);
    const second = await send('second one, kept');
    expect(second.statusCode).toBe(429);
    expect(second.headers['retry-after']).toBeDefined();
    expect(second.body).toContain('This form is receiving more answers than it can take this hour.');
    expect(second.body).toContain('second one, kept</textarea>');
    // The next hour has a budget again.
    clock.advance(3_600_000);
    expect((await send('next hour')).statusCode).toBe(303);
  });

  it('limits one source (an IPv6 /64 counts as one) in memory, and leaves loopback (onion traffic) alone', async () => {
    const rt = svc.createRuntime(t.deps, { sourceLimit: 3 });
    const hits = ['2001:db8:5:7::1', '2001:db8:5:7::2', '2001:db8:5:7:ffff::9', '2001:db8:5:7::abcd'].map((a) => rt.sources.hit(a));
    expect(hits.slice(0, 3)).toEqual([0, 0, 0]);
    expect(hits[3]).toBeGreaterThan(0);
    expect(rt.sources.hit('2001:db8:5:8::1')).toBe(0);
    for (let i = 0; i < 10; i++) expect(rt.sources.hit('127.0.0.1')).toBe(0);

    // Through HTTP: the 21st attempt from one address in ten minutes is refused with the text kept.
    let last: LightMyRequestResponse | undefined;
    for (let i = 0; i < 21; i++) last = await postAnswer(t.app, `/voices/${survey.id}`, { form: 'v1.x', lang: 'en', homepage: '', [`q_${survey.questions.text.id}`]: 'flood text' }, '198.51.100.77');
    expect(last!.statusCode).toBe(429);
    expect(last!.body).toContain('Too many answers came from your network just now.');
    expect(last!.body).toContain('flood text</textarea>');
    expect((await answer('en', {}, 5_000, '198.51.100.78')).statusCode).toBe(303);
  });

  it('refuses answers to a closed campaign with the text kept, and hides drafts and private ones', async () => {
    const scope = await svc.resolveScope(t.deps.db, org.slug);
    const closing = await seedSurvey(t.deps, admin, scope);
    const page = await t.app.inject({ url: `/voices/${closing.id}?lang=en` });
    await svc.closeCampaign(t.deps, admin, closing.id);
    clock.advance(5_000);
    const late = await postAnswer(t.app, `/voices/${closing.id}`, { form: tokenOf(page.body), lang: 'en', homepage: '', [`q_${closing.questions.text.id}`]: 'Too late but kept' });
    expect(late.statusCode).toBe(410);
    expect(late.body).toContain('This form stopped taking answers.');
    expect(late.body).toContain('Too late but kept</textarea>');
    expect(late.body).not.toContain('Send my answer');

    const draft = await seedSurvey(t.deps, admin, scope, { publish: false });
    expect((await t.app.inject({ url: `/voices/${draft.id}` })).statusCode).toBe(404);

    const priv = await seedSurvey(t.deps, admin, scope, { access: 'private' });
    expect((await t.app.inject({ url: `/voices/${priv.id}` })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/voices/${priv.id}?k=wrong` })).statusCode).toBe(404);
    const key = svc.privateKey(t.deps.secret, (await svc.getCampaign(t.deps.db, priv.id)))!;
    const ok = await t.app.inject({ url: `/voices/${priv.id}?k=${key}` });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain(`action="/voices/${priv.id}?k=${key}"`);
  });

  it('gives every organisation a standing inbox at /feedback/{slug}', async () => {
    const res = await t.app.inject({ url: `/feedback/${org.slug}?lang=es` });
    expect(res.statusCode).toBe(303);
    expect(res.headers['set-cookie']).toBeUndefined();
    const form = await t.app.inject({ url: String(res.headers.location) });
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('<html lang="es"');
    expect(form.body).toContain('Radio Libre');
    const inbox = (await t.deps.db.selectFrom('voice_campaigns').selectAll().where('inbox_of', '=', org.id).execute())[0]!;
    const q = (await t.deps.db.selectFrom('voice_questions').select('id').where('campaign_id', '=', inbox.id).execute())[0]!;
    clock.advance(5_000);
    const sent = await postAnswer(t.app, `/voices/${inbox.id}`, { form: tokenOf(form.body), lang: 'es', homepage: '', [`q_${q.id}`]: 'Gracias por el correo.' });
    expect(sent.statusCode).toBe(303);
    expect((await t.app.inject({ url: `/feedback/${org.slug}` })).headers.location).toBe(`/voices/${inbox.id}`);
    expect((await t.app.inject({ url: '/feedback/no-such-org' })).statusCode).toBe(404);
  });

  it('judges answers arriving together one by one: a doubled token counts once, a budget holds exactly', async () => {
    const scope = await svc.resolveScope(t.deps.db, org.slug);
    const s = await seedSurvey(t.deps, admin, scope, { hourlyBudget: 3, moderated: false });
    const rt = svc.createRuntime(t.deps, { minFillMs: 0 });
    const c = await svc.getCampaign(t.deps.db, s.id);
    const body = (token: string, i: number) => ({ form: token, [`q_${s.questions.text.id}`]: `together ${i}`, [`q_${s.questions.single.id}`]: s.questions.single.choices[0]! });
    const twice = rt.tokens.issue(s.id);
    const doubled = await Promise.allSettled([0, 1].map((i) => svc.submitAnswer(t.deps, rt, { campaign: c, lang: 'en', body: body(twice, i), address: undefined })));
    expect(doubled.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(doubled.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'VOICES_TOKEN_USED' } });
    const five = await Promise.allSettled([2, 3, 4, 5, 6].map((i) => svc.submitAnswer(t.deps, rt, { campaign: c, lang: 'en', body: body(rt.tokens.issue(s.id), i), address: undefined })));
    expect(five.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
    expect(five.filter((r) => r.status === 'rejected').every((r) => (r as PromiseRejectedResult).reason.code === 'VOICES_BUDGET_EXHAUSTED')).toBe(true);
    const stored = await t.deps.db.selectFrom('voice_answers').select('id').where('campaign_id', '=', s.id).execute();
    expect(stored).toHaveLength(3);
    const tally = await t.deps.db.selectFrom('voice_tallies').select('n').where('campaign_id', '=', s.id).where('question_id', '=', '').executeTakeFirstOrThrow();
    expect(Number(tally.n)).toBe(3);
  });

  it('lets a solved proof of work (ALTCHA) skip moderation once; a replayed or missing one waits for a moderator', async () => {
    const page = await open('en');
    const challenge = JSON.parse(/data-pow="([^"]+)"/.exec(page.body)![1]!.replace(/&quot;/g, '"').replace(/&amp;/g, '&')) as { algorithm: string; challenge: string; salt: string; signature: string; maxnumber: number };
    const script = /<script src="(\/voices\/pow\.js\?v=[0-9a-f]+)" defer><\/script>/.exec(page.body)![1]!;
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    const js = await t.app.inject({ url: script });
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toContain('text/javascript');
    expect(js.headers['set-cookie']).toBeUndefined();
    const solved = await solveChallenge(challenge.challenge, challenge.salt, challenge.algorithm, challenge.maxnumber).promise;
    const altcha = Buffer.from(JSON.stringify({ ...challenge, number: solved!.number })).toString('base64');
    clock.advance(5_000);
    const send = async (pow: string, text: string) => {
      const form = await open('en');
      clock.advance(5_000);
      return postAnswer(t.app, `/voices/${survey.id}`, { form: tokenOf(form.body), lang: 'en', homepage: '', altcha: pow, ...answers({ [`q_${survey.questions.text.id}`]: text }) });
    };
    const first = await send(altcha, 'solved once');
    expect(first.headers.location).toBe(`/voices/${survey.id}/thanks?lang=en`);
    const again = await send(altcha, 'solved twice');
    expect(again.headers.location).toBe(`/voices/${survey.id}/thanks?lang=en&pending=1`);
    const forged = await send(Buffer.from(JSON.stringify({ ...challenge, number: solved!.number + 1 })).toString('base64'), 'forged');
    expect(forged.headers.location).toContain('pending=1');
    const status = async (text: string) => {
      const row = await t.deps.db.selectFrom('texts').select('owner_id').where('body', '=', text).executeTakeFirstOrThrow();
      return t.deps.db.selectFrom('voice_answers').select(['status', 'verified']).where('id', '=', row.owner_id).executeTakeFirstOrThrow();
    };
    expect(await status('solved once')).toMatchObject({ status: 'accepted', verified: 1 });
    expect(await status('solved twice')).toMatchObject({ status: 'pending', verified: 0 });
  });

  it('a signed-in visitor answers too, and the answer is not linked to them', async () => {
    const p = await makePerson(t.deps);
    const b = new InjectBrowser(t.app);
    await signIn(b, p);
    const page = await b.get(`/voices/${survey.id}?lang=en`);
    clock.advance(5_000);
    const res = await postAnswer(t.app, `/voices/${survey.id}`, { form: tokenOf(page.body), lang: 'en', homepage: '', ...answers({ [`q_${survey.questions.text.id}`]: 'From a signed-in person' }) });
    expect(res.statusCode).toBe(303);
    const text = await t.deps.db.selectFrom('texts').selectAll().where('body', '=', 'From a signed-in person').executeTakeFirstOrThrow();
    expect(text.created_by).toBeNull();
  });
});
