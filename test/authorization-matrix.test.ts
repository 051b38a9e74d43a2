// Every registered route × every kind of actor → the expected outcome.
// A route missing from the table fails the test, so each new route must say
// who may use it. Authorization is checked before existence, so the table
// holds even after earlier requests changed the data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { engines } from './helpers/db.js';
import { createTestApp, type TestApp } from './helpers/app.js';
import { InjectBrowser } from './helpers/browser.js';
import { addMember, makeOrg, makePerson, unique } from './factories/index.js';
import { actorKinds, routeTable, type ActorKind, type Fixture, type Outcome } from './helpers/route-table.js';
import { createSession } from '../src/kernel/auth/auth.service.js';
import { sessionCookieName } from '../src/kernel/http/kernel.plugin.js';
import { inviteToOrganisation } from '../src/modules/federation/federation.service.js';
import { systemActor } from '../src/kernel/auth/actor.js';
import { createService } from '../src/modules/federation/services.service.js';
import { actorFor } from '../src/kernel/auth/auth.service.js';
import { addComment, createProposal } from '../src/modules/governance/governance.service.js';
import { submitApplication } from '../src/modules/federation/admissions.service.js';
import { createAnnouncement } from '../src/modules/federation/announcements.service.js';
import { addContact, addMilestone, createProject } from '../src/modules/projects/projects.service.js';
import { createRuntime, getCampaign, resolveScope, submitAnswer } from '../src/modules/voices/voices.service.js';
import { seedSurvey } from '../src/modules/voices/voices.seed.js';
import { createNeed } from '../src/modules/voices/voices.needs.js';
import { solidarityFixture } from './helpers/solidarity.js';
import { postureScansFixture } from './helpers/posture-scans.js';
import { postureBaselineFixture } from './helpers/posture-baseline.js';

function missingSecurityHeaders(res: LightMyRequestResponse): string[] {
  const csp = String(res.headers['content-security-policy'] ?? '');
  const problems: string[] = [];
  for (const d of ["default-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'", "form-action 'self'"]) {
    if (!csp.includes(d)) problems.push(d);
  }
  if (/unsafe-(inline|eval)/.test(csp)) problems.push('no unsafe-inline/eval');
  if (res.headers['x-content-type-options'] !== 'nosniff') problems.push('nosniff');
  if (res.headers['referrer-policy'] !== 'no-referrer') problems.push('referrer-policy');
  if (!String(res.headers['permissions-policy'] ?? '').includes('camera=()')) problems.push('permissions-policy');
  return problems;
}

function outcomeOf(method: string, res: LightMyRequestResponse): Outcome {
  if (res.statusCode === 403) return 'forbidden';
  if (res.statusCode === 401) return 'login';
  if (method === 'GET' && res.statusCode === 303 && String(res.headers.location).startsWith('/login')) return 'login';
  return 'allowed';
}

describe.each(engines)('authorization matrix (%s)', (engine) => {
  let t: TestApp;
  let f: Fixture;

  beforeAll(async () => {
    t = await createTestApp(engine);
    const d = t.deps;
    const [orgA, orgB] = [await makeOrg(d), await makeOrg(d)];
    const people = {
      person: await makePerson(d),
      member: await makePerson(d),
      otherOrgAdmin: await makePerson(d),
      orgAdmin: await makePerson(d),
      coordinator: await makePerson(d, { fedRole: 'coordinator' }),
      fedAdmin: await makePerson(d, { fedRole: 'admin' }),
      suspended: await makePerson(d, { status: 'suspended' }),
      treasurer: await makePerson(d),
    };
    const victim = await makePerson(d);
    await addMember(d, orgA, people.member, 'member');
    await addMember(d, orgA, people.orgAdmin, 'org_admin');
    await addMember(d, orgB, people.otherOrgAdmin, 'org_admin');
    await addMember(d, orgA, people.suspended, 'org_admin');
    await addMember(d, orgA, victim, 'org_admin');
    const inv = await inviteToOrganisation(d, systemActor('test'), orgA.slug, { email: `${unique('inv')}@example.org`, role: 'member' });
    const css = /href="(\/assets\/hearth\.[0-9a-f]+\.css)"/.exec((await t.app.inject({ url: '/login' })).body)![1]!;
    const profileService = await createService(d, systemActor('test'), orgA.slug, {
      kind: 'mail',
      name: 'Matrix mail',
      url: 'https://mail.example.org',
      software: null,
      softwareVersion: null,
      registration: 'open',
      status: 'active',
      countries: [],
    });
    const draft = (org: string | null) => createAnnouncement(d, systemActor('test'), { org, lang: 'en', title: 'Matrix draft', body: 'Text' });
    const [announcement, fedAnnouncement] = [await draft(orgA.slug), await draft(null)];
    const project = await createProject(d, systemActor('test'), { org: orgA.slug, name: 'Matrix project', slug: unique('proj'), status: 'active', lang: 'en', description: 'Text' });
    const milestone = await addMilestone(d, systemActor('test'), project.slug, { title: 'First', dueOn: '2030-01-01' });
    await addContact(d, systemActor('test'), project.slug, victim.id);
    const opened = () =>
      actorFor(d.db, people.orgAdmin).then((actor) =>
        createProposal(d, actor, { title: 'Matrix', body: 'Text', lang: 'en', kind: 'general', authorOrgId: orgA.id, opensAt: undefined, closesAt: new Date(Date.now() + 7 * 86_400_000), timeZone: 'UTC' }),
      );
    const [proposal, proposalToWithdraw] = [await opened(), await opened()];
    const comment = await addComment(d, await actorFor(d.db, people.member), proposal.id, 'Matrix comment');
    const application = await submitApplication(
      d,
      { orgName: 'Matrix applicant', serves: 'People', countries: ['BR'], languages: ['pt'], contactName: 'Ana', contactEmail: 'ana@example.org', charter: 'yes', website: '' },
      { locale: 'en' },
    );
    const voicesScope = await resolveScope(d.db, orgA.slug);
    const survey = await seedSurvey(d, systemActor('test'), voicesScope);
    const voicesRt = createRuntime(d, { minFillMs: 0 });
    const voicesAnswer = await submitAnswer(d, voicesRt, {
      campaign: await getCampaign(d.db, survey.id),
      lang: 'en',
      body: { form: voicesRt.tokens.issue(survey.id), [`q_${survey.questions.text.id}`]: 'Matrix answer', [`q_${survey.questions.single.id}`]: survey.questions.single.choices[0]! },
      address: undefined,
    });
    const voicesNeed = await createNeed(d, systemActor('test'), voicesScope, { lang: 'en', title: 'Matrix need', description: '', tags: [] });
    const solidarity = await solidarityFixture(d, { orgA, orgAdmin: people.orgAdmin, fedAdmin: people.fedAdmin, treasurer: people.treasurer, member: people.member, otherOrgAdmin: people.otherOrgAdmin });
    const postureScans = await postureScansFixture(d, orgA);
    const postureBaseline = await postureBaselineFixture(d, orgA, people.orgAdmin);
    f = {
      orgA,
      orgB,
      people,
      victim,
      invitationId: inv.invitation.id,
      invitationToken: inv.link.split('/').pop()!,
      cssHref: css,
      profileServiceId: profileService.id,
      announcementId: announcement.id,
      fedAnnouncementToDelete: fedAnnouncement.id,
      projectSlug: project.slug,
      milestoneId: milestone.id,
      proposalId: proposal.id,
      proposalToWithdraw: proposalToWithdraw.id,
      commentId: comment.id,
      applicationId: application.id!,
      voicesCampaignId: survey.id,
      voicesAnswerId: voicesAnswer.id,
      voicesNeedId: voicesNeed,
      solidarity,
      postureScans,
      postureBaseline,
    };
  });
  afterAll(async () => t.close());

  it('has an expectation for every registered route, and no stale ones', () => {
    const registered = new Set(t.app.hearthRoutes.map((r) => `${r.method} ${r.url}`));
    const missing = [...registered].filter((r) => !(r in routeTable));
    const stale = Object.keys(routeTable).filter((r) => !registered.has(r));
    expect(missing, 'routes without an expectation').toEqual([]);
    expect(stale, 'expectations for routes that no longer exist').toEqual([]);
  });

  // Every route × every actor: long on PostgreSQL, and it grows with each module.
  it('gives every actor the expected outcome on every route', { timeout: 180_000 }, async () => {
    const failures: string[] = [];
    for (const [key, rc] of Object.entries(routeTable)) {
      const [method, pattern] = key.split(' ') as [string, string];
      for (const actor of actorKinds) {
        const b = new InjectBrowser(t.app);
        if (actor !== 'anonymous') {
          const person = f.people[actor];
          b.cookies.set(sessionCookieName(t.deps), await createSession(t.deps, person.id, false));
        }
        // A page with a form, for the CSRF cookie and token (the sign-out form once signed in).
        await b.get(actor === 'anonymous' || actor === 'suspended' ? '/login' : '/');
        const url = rc.path(f);
        let res: LightMyRequestResponse;
        if (method === 'GET') {
          res = await b.get(url);
        } else if (rc.json) {
          res = await t.app.inject({
            method: method as 'POST',
            url,
            headers: { cookie: [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'x-csrf-token': b.csrf() },
            payload: rc.body?.(f, actor) ?? {},
          });
        } else {
          res = await b.post(url, rc.body?.(f, actor) ?? {});
        }
        const got = outcomeOf(method, res);
        if (got !== rc.expect[actor]) failures.push(`${key} as ${actor}: expected ${rc.expect[actor]}, got ${got} (${res.statusCode}) [${pattern}]`);
        // Every answer, of every route to every actor, carries the security headers.
        const missing = missingSecurityHeaders(res);
        if (missing.length > 0) failures.push(`${key} as ${actor}: security headers missing or weak: ${missing.join(', ')}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
