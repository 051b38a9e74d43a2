// The baseline's pages and API through HTTP: refusals (401/403/422) before the
// happy paths; the baseline and its guides in the reader's language; a
// scorecard with its SVG trend, visibility and exports; self-assessment forms;
// translations; proposing a change; help between members over pages and API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../../test/helpers/db.js';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { InjectBrowser } from '../../../test/helpers/browser.js';
import { addMember, makeOrg, makePerson, signIn, type TestPerson } from '../../../test/factories/index.js';
import { makeVerifiedDomain, recordScan } from '../../../test/helpers/posture-baseline.js';
import { actorFor } from '../../kernel/auth/auth.service.js';
import { createApiToken } from '../../kernel/auth/tokens.service.js';
import { ManualClock } from '../../kernel/time.js';
import type { Organisation } from '../federation/federation.repository.js';
import { currentVersion } from './baseline.service.js';

const DAY = 86_400_000;

describe.each(engines)('posture baseline over HTTP (%s)', (engine) => {
  let t: TestApp;
  let orgA: Organisation;
  let orgB: Organisation;
  let adminA: TestPerson;
  let memberA: TestPerson;
  let adminB: TestPerson;
  let outsider: TestPerson;
  const clock = new ManualClock(new Date('2026-06-01T12:00:00.000Z'));

  beforeAll(async () => {
    t = await createTestApp(engine, { clock });
    orgA = await makeOrg(t.deps, { name: 'Radio Libre' });
    orgB = await makeOrg(t.deps, { name: 'Mesh Sur' });
    adminA = await makePerson(t.deps, { name: 'Ada Admin' });
    memberA = await makePerson(t.deps, { name: 'Mia Member' });
    adminB = await makePerson(t.deps, { name: 'Bea Other' });
    outsider = await makePerson(t.deps, { name: 'Otto Outsider' });
    await addMember(t.deps, orgA, adminA, 'org_admin');
    await addMember(t.deps, orgA, memberA, 'member');
    await addMember(t.deps, orgB, adminB, 'org_admin');
    const domain = await makeVerifiedDomain(t.deps, orgA.id, 'radio-libre.example.org');
    await recordScan(t.deps, orgA.id, domain, new Date(clock.now().getTime() - 20 * DAY), { 'HTTP-01': 'pass', 'HTTP-02': 'pass', 'HTTP-03': 'fail', 'MAIL-02': 'fail' }, { evidence: { received: 'Strict-Transport-Security: (none)' } });
    await recordScan(t.deps, orgA.id, domain, new Date(clock.now().getTime() - 2 * DAY), { 'HTTP-01': 'pass', 'HTTP-02': 'pass', 'HTTP-03': 'pass', 'MAIL-02': 'fail' }, { evidence: { received: 'Strict-Transport-Security: (none)' } });
  });
  afterAll(async () => t.close());

  // One signed-in browser per person for the whole file: signing in again and again would meet the login rate limit.
  const sessions = new Map<string, InjectBrowser>();
  const browser = async (p?: TestPerson, lang?: string) => {
    if (p && !lang && sessions.has(p.id)) return sessions.get(p.id)!;
    const b = new InjectBrowser(t.app, lang ? { 'accept-language': lang } : {});
    if (p) {
      await signIn(b, p);
      if (!lang) sessions.set(p.id, b);
    }
    return b;
  };
  const scorecard = `/orgs/${'{slug}'}/posture`;
  const cardOf = (o: Organisation) => scorecard.replace('{slug}', o.slug);

  it('shows the baseline and each practice to anyone, in the reader’s language', async () => {
    const anon = await browser(undefined, 'es');
    const list = await anon.get('/baseline');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Solo TLS 1.2 y 1.3');
    expect(list.body).toContain('Copias fuera del sitio en otra jurisdicción');
    const practice = await anon.get('/baseline/practices/mail-dane?lang=fr');
    expect(practice.statusCode).toBe(200);
    expect(practice.body).toContain('Des enregistrements DANE pour les serveurs de messagerie');
    // Code blocks survive as code, escaped.
    expect(practice.body).toContain('<pre><code class="language-dns">_25._tcp.mail.example.org.');
    expect(practice.body).toContain('https://www.rfc-editor.org/rfc/rfc7672');
    // Members see who can help; the public does not.
    expect(practice.body).not.toContain('Members who can help with this');
    expect((await anon.get('/baseline/practices/no-such-practice')).statusCode).toBe(404);
    expect((await (await browser()).get('/baseline/versions')).body).toContain('Version 1');
    expect((await anon.get('/baseline/versions/999')).statusCode).toBe(404);
    expect((await anon.get('/baseline/versions/abc')).statusCode).toBe(404);
  });

  it('lets people of the federation translate a practice, and refuses others first', async () => {
    expect((await (await browser()).get('/baseline/practices/dnssec/translate')).headers.location).toBe('/login?next=%2Fbaseline%2Fpractices%2Fdnssec%2Ftranslate');
    const o = await browser(outsider);
    await o.get('/');
    expect((await o.post('/baseline/practices/dnssec/translate', { field: 'title', lang: 'ca', body: 'x' })).statusCode).toBe(403);
    const m = await browser(memberA);
    await m.get('/baseline/practices/dnssec/translate');
    const bad = await m.post('/baseline/practices/dnssec/translate', { field: 'title', lang: 'en', body: 'Replace the source' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('English is the source');
    const empty = await m.post('/baseline/practices/dnssec/translate', { field: 'title', lang: 'ca', body: '' });
    expect(empty.statusCode).toBe(422);
    const ok = await m.post('/baseline/practices/dnssec/translate', { field: 'title', lang: 'ca', body: 'Zones signades amb DNSSEC', translator: 'Mia' });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/baseline/practices/dnssec?lang=ca');
    const page = await m.get('/baseline/practices/dnssec?lang=ca');
    expect(page.body).toContain('Zones signades amb DNSSEC');
    // The other texts are not in Catalan yet: shown in their source, English.
    expect(page.body).toMatch(/<p lang="en" dir="auto" class="text-body">DNSSEC lets resolvers check/);
  });

  it('keeps a private scorecard within the organisation: sign-in first, then 403 for everyone else', async () => {
    const res = await (await browser()).get(cardOf(orgA));
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/login?next=${encodeURIComponent(cardOf(orgA))}`);
    for (const p of [adminB, outsider, await makePerson(t.deps, { fedRole: 'coordinator' })]) {
      const b = await browser(p);
      expect((await b.get(cardOf(orgA))).statusCode).toBe(403);
      expect((await b.get(`${cardOf(orgA)}/scorecard.csv`)).statusCode).toBe(403);
      expect((await b.get(`${cardOf(orgA)}/practices/https-only`)).statusCode).toBe(403);
    }
    const api = await t.app.inject({ url: `/api/v1/orgs/${orgA.slug}/scorecard` });
    expect(api.statusCode).toBe(401);
    expect(api.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('shows the organisation its scorecard: scores, an accessible SVG trend, every practice with its status and the guides of its gaps', async () => {
    const b = await browser(memberA);
    const res = await b.get(cardOf(orgA));
    expect(res.statusCode).toBe(200);
    const html = res.body;
    expect(html).toContain('Scorecard of Radio Libre');
    expect(html).toContain('href="/baseline/versions/1">Version 1</a>');
    expect(html).toMatch(/<svg viewBox="0 0 640 240" role="img" aria-labelledby="trend-overall-title trend-overall-desc"/);
    expect(html).toContain('<title id="trend-overall-title">Scores of Radio Libre over the last year</title>');
    expect(html).toMatch(/<polyline class="line line-measured" points="[\d., ]+"/);
    // Fixed since the first scan: HSTS now passes; STARTTLS still fails, with its guide in place.
    expect(html).toMatch(/HTTPS only, remembered with HSTS<\/span><\/span><\/a><\/h3><p><span class="status-tag status-pass">Meets it/);
    expect(html).toMatch(/Encrypted mail transport and client access<\/span><\/span><\/a><\/h3><p><span class="status-tag status-fail">Does not meet it/);
    expect(html).toContain('smtpd_tls_auth_only = yes');
    expect(html).not.toContain('<script');
    // A member sees but does not manage: no visibility form, no answer form.
    expect(html).not.toContain('action="/orgs/' + orgA.slug + '/posture/visibility"');
    const practice = await b.get(`${cardOf(orgA)}/practices/mail-tls`);
    expect(practice.body).toContain('Strict-Transport-Security: (none)');
    expect(practice.body).toContain(`/orgs/${orgA.slug}/posture/scans/`);
  });

  it('exports the scorecard as CSV and JSON, with evidence and answers only for the organisation', async () => {
    const a = await browser(adminA);
    await a.get(`${cardOf(orgA)}/practices/log-minimisation`);
    expect((await a.post(`${cardOf(orgA)}/practices/log-minimisation/answer`, { answer: 'partly', note: '=HYPERLINK("x")', evidenceUrl: 'https://wiki.example.org/logs' })).statusCode).toBe(303);
    const csv = await a.get(`${cardOf(orgA)}/scorecard.csv`);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="scorecard-${orgA.slug}-v1.csv"`);
    const lines = csv.body.split('\r\n');
    expect(lines[0]).toBe('organisation,baseline_version,generated_at,area,practice_id,practice,kind,weight,status,checks,answer,answered_at,answer_expires_at,note,evidence_url');
    const row = lines.find((l) => l.includes(',log-minimisation,'))!;
    // A note is never read as a formula by a spreadsheet.
    expect(row).toContain(`"'=HYPERLINK(""x"")"`);
    expect(row).toContain(',self,2,warn,,partly,');
    expect(lines.find((l) => l.includes(',mail-tls,'))).toContain(',measured,3,fail,MAIL-02=fail,');
    const json = await a.get(`${cardOf(orgA)}/scorecard.json`);
    const card = JSON.parse(json.body);
    expect(card).toMatchObject({ format: 'hearth-scorecard', formatVersion: 1, baseline: { version: 1 }, detailed: true, visibility: 'private' });
    expect(card.practices.find((p: { id: string }) => p.id === 'log-minimisation').answer).toMatchObject({ answer: 'partly', evidenceUrl: 'https://wiki.example.org/logs' });
    expect(card.trend.length).toBeGreaterThanOrEqual(2);

    // Shared with members: another organisation gets the summary, never notes or evidence.
    await a.get(cardOf(orgA));
    expect((await a.post(`${cardOf(orgA)}/visibility`, { visibility: 'members' })).statusCode).toBe(303);
    const other = await browser(adminB);
    const seen = await other.get(cardOf(orgA));
    expect(seen.statusCode).toBe(200);
    expect(seen.body).toContain('href="/baseline/practices/log-minimisation"');
    expect(seen.body).not.toContain('HYPERLINK');
    const theirJson = JSON.parse((await other.get(`${cardOf(orgA)}/scorecard.json`)).body);
    expect(theirJson.detailed).toBe(false);
    expect(theirJson.practices.every((p: { answer: unknown; checks: unknown }) => p.answer === null && p.checks === null)).toBe(true);
    expect((await other.get(`${cardOf(orgA)}/scorecard.csv`)).body).not.toContain('HYPERLINK');
    expect((await (await browser()).get(cardOf(orgA))).statusCode).toBe(303);
    await a.get(cardOf(orgA));
    await a.post(`${cardOf(orgA)}/visibility`, { visibility: 'private' });
    expect((await other.get(cardOf(orgA))).statusCode).toBe(403);
  });

  it('refuses self-assessment answers from others, then shows the form again with what was wrong', async () => {
    const m = await browser(memberA);
    await m.get(`${cardOf(orgA)}/practices/admin-2fa`);
    expect((await m.post(`${cardOf(orgA)}/practices/admin-2fa/answer`, { answer: 'yes' })).statusCode).toBe(403);
    const b = await browser(adminB);
    expect((await b.post(`${cardOf(orgA)}/practices/admin-2fa/answer`, { answer: 'yes' }, { csrf: (await b.get('/'), b.csrf()) })).statusCode).toBe(403);

    const a = await browser(adminA);
    await a.get(`${cardOf(orgA)}/practices/admin-2fa`);
    const bad = await a.post(`${cardOf(orgA)}/practices/admin-2fa/answer`, { note: 'Keep this note', evidenceUrl: 'javascript:alert(1)' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Choose an answer.');
    expect(bad.body).toContain('Give an address that starts with http:// or https://');
    expect(bad.body).toContain('Keep this note');
    expect(await t.deps.db.selectFrom('posture_answers').select('id').where('practice_id', '=', 'admin-2fa').where('org_id', '=', orgA.id).execute()).toEqual([]);
    const measured = await a.post(`${cardOf(orgA)}/practices/https-only/answer`, { answer: 'yes' });
    expect(measured.statusCode).toBe(409);
    const ok = await a.post(`${cardOf(orgA)}/practices/admin-2fa/answer`, { answer: 'yes', note: 'TOTP everywhere, keys for the registrar.', evidenceUrl: '' });
    expect(ok.statusCode).toBe(303);
    const page = await a.get(ok.headers.location as string);
    expect(page.body).toContain('Answer saved. It counts for twelve months.');
    expect(page.body).toContain('Answered “Yes” on');
    expect(page.body).toContain('TOTP everywhere, keys for the registrar.');
  });

  it('lets an org-admin ask for help, another organisation offer it, and the asker close it', async () => {
    const a = await browser(adminA);
    await a.get(`${cardOf(orgA)}/practices/failover`);
    const asked = await a.post(`${cardOf(orgA)}/practices/failover/help`, { note: 'We have one server for mail.' });
    expect(asked.statusCode).toBe(303);
    const path = asked.headers.location as string;
    expect(path).toMatch(/^\/posture\/help\/[a-z2-7]{26}$/);
    // Asking twice is refused, with the form shown again.
    await a.get(`${cardOf(orgA)}/practices/failover`);
    expect((await a.post(`${cardOf(orgA)}/practices/failover/help`, { note: '' })).statusCode).toBe(409);

    expect((await (await browser(outsider)).get(path)).statusCode).toBe(403);
    const b = await browser(adminB);
    const page = await b.get(path);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Help with “Failover for critical services”');
    expect(page.body).toContain('We have one server for mail.');
    expect(page.body).toContain('When you offer, the person who asked receives your name and e-mail address');
    expect((await b.post(`${path}/offer`, { org: orgA.slug })).statusCode).toBe(403);
    expect((await b.post(`${path}/close`, { outcome: 'resolved' })).statusCode).toBe(403);
    const offered = await b.post(`${path}/offer`, { org: orgB.slug, message: 'We run a backup MX for others.' });
    expect(offered.statusCode).toBe(303);
    const after = await b.get(path);
    expect(after.body).toContain('Thank you: you are now in touch by e-mail.');
    expect(after.body).toContain('We run a backup MX for others.');
    const mail = await t.deps.db.selectFrom('mail_outbox').select(['to_address', 'body_text']).where('to_address', '=', adminA.email).execute();
    expect(mail.some((m) => m.body_text.includes(adminB.email) && m.body_text.includes('We run a backup MX for others.'))).toBe(true);

    await a.get(path);
    expect((await a.post(`${path}/close`, {})).statusCode).toBe(422);
    expect((await a.post(`${path}/close`, { outcome: 'resolved' })).statusCode).toBe(303);
    expect((await a.get(path)).body).toContain('Resolved');
  });

  it('lets org-admins propose a baseline change as a governance proposal', async () => {
    const m = await browser(memberA);
    expect((await m.get('/baseline/propose')).statusCode).toBe(403);
    const a = await browser(adminA);
    const form = await a.get('/baseline/propose');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('name="include.dnssec" value="yes" checked');
    // Everything as published: nothing would change.
    const same: Record<string, string> = { authorOrg: orgA.id, title: 'Version 2', body: 'Why', lang: 'en', closesAt: '2026-06-20T12:00', timeZone: 'UTC' };
    const published = (await currentVersion(t.deps)).rules;
    expect(published.length).toBeGreaterThanOrEqual(38);
    for (const r of published) {
      expect(form.body).toContain(`name="weight.${r.id}"`);
      same[`include.${r.id}`] = 'yes';
      same[`weight.${r.id}`] = String(r.weight);
    }
    const none = await a.post('/baseline/propose', same);
    expect(none.statusCode).toBe(422);
    expect(none.body).toContain('Nothing would change');
    const changed = await a.post('/baseline/propose', { ...same, 'include.runbooks': '' });
    expect(changed.statusCode).toBe(303);
    const change = await a.get(changed.headers.location as string);
    expect(change.body).toContain('Retire “Documented runbooks”');
    expect(change.body).toContain('Under decision');
    expect((await a.get('/baseline')).body).toContain('Changes under decision');
  });

  it('answers the API with a bearer token, under the same rules', async () => {
    const { secret } = await createApiToken(t.deps, await actorFor(t.deps.db, adminA), { name: 'scripts', scope: 'write', expiresInDays: 30, current: adminA.password });
    const auth = { authorization: `Bearer ${secret}` };
    const put = await t.app.inject({ method: 'PUT', url: `/api/v1/orgs/${orgA.slug}/self-assessment/disk-encryption`, headers: auth, payload: { answer: 'no', evidenceUrl: 'ftp://example.org' } });
    expect(put.statusCode).toBe(422);
    expect(put.json().error.code).toBe('POSTURE_EVIDENCE_URL');
    const ok = await t.app.inject({ method: 'PUT', url: `/api/v1/orgs/${orgA.slug}/self-assessment/disk-encryption`, headers: auth, payload: { answer: 'no', note: 'Planned for the new server.' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ practiceId: 'disk-encryption', answer: 'no', baselineVersion: 1 });
    const sa = await t.app.inject({ url: `/api/v1/orgs/${orgA.slug}/self-assessment`, headers: auth });
    expect(sa.json().items.find((i: { practiceId: string }) => i.practiceId === 'disk-encryption')).toMatchObject({ status: 'fail', answer: { note: 'Planned for the new server.' } });
    const card = await t.app.inject({ url: `/api/v1/orgs/${orgA.slug}/scorecard?trend=1&lang=pt`, headers: auth });
    expect(card.statusCode).toBe(200);
    expect(card.json().practices.find((p: { id: string }) => p.id === 'disk-encryption')).toMatchObject({ status: 'fail', title: 'Discos criptografados para dados de usuários e backups', titleLang: 'pt' });
    const baseline = await t.app.inject({ url: '/api/v1/baseline?lang=fr' });
    expect(baseline.json().practices.find((p: { id: string }) => p.id === 'tested-restores').title.text).toBe('Des restaurations de sauvegardes testées');
    const practice = await t.app.inject({ url: '/api/v1/baseline/practices/cert-renewal' });
    expect(practice.json()).toMatchObject({ inBaseline: true, rule: { checks: ['CERT-05'], area: 'automation' } });
    expect(practice.json().guide.text).toContain('certbot renew --dry-run');
    const overview = await t.app.inject({ url: '/api/v1/posture/overview' });
    expect(overview.statusCode).toBe(200);
    expect(overview.json().organisations.some((o: { slug: string }) => o.slug === orgA.slug)).toBe(false);
    const other = await createApiToken(t.deps, await actorFor(t.deps.db, adminB), { name: 'b', scope: 'read', expiresInDays: 30, current: adminB.password });
    expect((await t.app.inject({ url: `/api/v1/orgs/${orgA.slug}/self-assessment`, headers: { authorization: `Bearer ${other.secret}` } })).statusCode).toBe(403);
  });

  it('renders every page of the baseline to those who may see it', async () => {
    const a = await browser(adminA);
    const b = await browser(adminB);
    const request = await a.get(`${cardOf(orgA)}/practices/ddos-plan`);
    expect(request.statusCode).toBe(200);
    await a.post(`${cardOf(orgA)}/practices/ddos-plan/help`, { note: '' });
    const helpPath = (await t.deps.db.selectFrom('posture_help_requests').select('id').where('org_id', '=', orgA.id).where('practice_id', '=', 'ddos-plan').executeTakeFirstOrThrow()).id;
    const change = await t.deps.db.selectFrom('posture_baseline_changes').select('id').executeTakeFirst();
    const pages = [
      '/baseline',
      '/baseline/practices/tested-restores',
      '/baseline/practices/tested-restores/translate',
      '/baseline/versions',
      '/baseline/versions/1',
      ...(change ? [`/baseline/changes/${change.id}`] : []),
      '/baseline/propose',
      '/posture',
      cardOf(orgA),
      `${cardOf(orgA)}/practices/tested-restores`,
      `${cardOf(orgA)}/practices/tls-protocols`,
      `${cardOf(orgA)}/can-help`,
      '/posture/help',
      `/posture/help/${helpPath}`,
    ];
    for (const url of pages) {
      const res = await a.get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).toContain('<main');
    }
    expect((await b.get(`/posture/help/${helpPath}`)).statusCode).toBe(200);
    expect((await a.get('/posture/help/no-such-request')).statusCode).toBe(404);
    expect((await a.get(`${cardOf(orgA)}/practices/no-such-practice`)).statusCode).toBe(404);
    expect((await a.get('/orgs/no-such-org/posture')).statusCode).toBe(404);
  });

  it('renders the federation overview for anyone, and the help list for people inside the federation', async () => {
    const overview = await (await browser()).get('/posture');
    expect(overview.statusCode).toBe(200);
    expect(overview.body).toContain('Federation posture');
    expect((await (await browser(outsider)).get('/posture/help')).statusCode).toBe(403);
    const list = await (await browser(adminB)).get('/posture/help');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`/orgs/${orgB.slug}/posture/can-help`);
    const a = await browser(adminA);
    const canHelp = await a.get(`${cardOf(orgA)}/can-help`);
    expect(canHelp.statusCode).toBe(200);
    expect((await a.post(`${cardOf(orgA)}/can-help`, { practice: 'dnssec' })).statusCode).toBe(303);
    expect((await a.get(`${cardOf(orgA)}/can-help`)).body).toContain('id="f-practice-dnssec" name="practice" value="dnssec" checked');
    expect((await (await browser(adminB)).get('/baseline/practices/dnssec')).body).toContain('Radio Libre');
  });
});
