// The expectation table of the authorization matrix: every route × every actor kind.
// Later modules add their routes here; a route missing from it fails the matrix test.
import type { Organisation } from '../../src/modules/federation/federation.repository.js';
import { unique, type TestPerson } from '../factories/index.js';

export const actorKinds = ['anonymous', 'person', 'member', 'otherOrgAdmin', 'orgAdmin', 'coordinator', 'fedAdmin', 'suspended'] as const;
export type ActorKind = (typeof actorKinds)[number];

/** allowed: not refused (any status but 401/403 or a redirect to sign in). */
export type Outcome = 'allowed' | 'login' | 'forbidden';

export interface Fixture {
  orgA: Organisation;
  orgB: Organisation;
  people: Record<Exclude<ActorKind, 'anonymous'>, TestPerson>;
  victim: TestPerson;
  invitationId: string;
  invitationToken: string;
  cssHref: string;
  /** A service of orgA (the profile routes edit and delete it). */
  profileServiceId: string;
  /** A draft announcement of orgA for every route; a federation-wide draft only the API's DELETE uses. */
  announcementId: string;
  fedAnnouncementToDelete: string;
  /** A project coordinated by orgA, with one milestone; the victim is its contact person. */
  projectSlug: string;
  milestoneId: string;
  /** A proposal of orgA opened by its org-admin, with a comment by the member; another one to withdraw; a pending application to join. */
  proposalId: string;
  proposalToWithdraw: string;
  commentId: string;
  applicationId: string;
}

interface RouteCase {
  path: (f: Fixture) => string;
  body?: (f: Fixture, actor: ActorKind) => Record<string, string>;
  json?: boolean;
  expect: Record<ActorKind, Outcome>;
}

const all = (o: Outcome): Record<ActorKind, Outcome> =>
  Object.fromEntries(actorKinds.map((k) => [k, o])) as Record<ActorKind, Outcome>;
const PUBLIC = all('allowed');
const SIGNED_IN = { ...all('allowed'), anonymous: 'login', suspended: 'login' } as Record<ActorKind, Outcome>;
const only = (...who: ActorKind[]): Record<ActorKind, Outcome> => ({
  ...all('forbidden'),
  anonymous: 'login',
  suspended: 'login',
  ...Object.fromEntries(who.map((w) => [w, 'allowed'])),
});
const FED_ADMIN = only('fedAdmin');
const ORG_MANAGERS = only('orgAdmin', 'fedAdmin');
const ORG_VIEWERS = only('member', 'orgAdmin', 'coordinator', 'fedAdmin');
const ORG_CREATORS = only('coordinator', 'fedAdmin');
/** People of member organisations, and coordinators and admins (the discussion, applications to join). */
const FED_MEMBERS = only('member', 'otherOrgAdmin', 'orgAdmin', 'coordinator', 'fedAdmin');

// A proposal each actor would be allowed to open if allowed at all: coordinators and admins for the
// federation, everyone else for orgA (which only its org-admin may speak for). Closing in a week.
const speaksForFederation = (a: ActorKind) => a === 'coordinator' || a === 'fedAdmin';
const inAWeek = () => new Date(Date.now() + 7 * 24 * 3_600_000);
const proposalForm = (f: Fixture, a: ActorKind) => ({
  title: 'Matrix',
  body: 'Text',
  lang: 'en',
  kind: 'general',
  authorOrg: speaksForFederation(a) ? '' : f.orgA.id,
  closesAt: inAWeek().toISOString().slice(0, 16),
  timeZone: 'UTC',
});
const proposalJson = (f: Fixture, a: ActorKind): Record<string, string> => ({
  title: 'Matrix',
  body: 'Text',
  lang: 'en',
  kind: 'general',
  ...(speaksForFederation(a) ? {} : { authorOrgId: f.orgA.id }),
  closesAt: inAWeek().toISOString(),
});

const p = (s: string) => () => s;

/** The expectation table. Later modules add their routes here. */
export const routeTable: Record<string, RouteCase> = {
  'GET /healthz': { path: p('/healthz'), expect: PUBLIC },
  'GET /metrics': { path: p('/metrics'), expect: PUBLIC }, // loopback only; the token case is tested separately
  'GET /assets/:file': { path: (f) => f.cssHref, expect: PUBLIC },
  'GET /lang/:code': { path: p('/lang/es?next=/'), expect: PUBLIC },
  'GET /': { path: p('/'), expect: PUBLIC },
  'GET /api/docs': { path: p('/api/docs'), expect: PUBLIC },
  'GET /login': { path: p('/login'), expect: PUBLIC },
  'POST /login': { path: p('/login'), body: () => ({}), expect: PUBLIC },
  'GET /login/2fa': { path: p('/login/2fa'), expect: all('login') }, // only a half-finished sign-in may see it
  'POST /login/2fa': { path: p('/login/2fa'), body: () => ({ code: '000000' }), expect: PUBLIC },
  'POST /logout': { path: p('/logout'), expect: PUBLIC },
  'GET /setup/:token': { path: p('/setup/not-a-valid-token'), expect: PUBLIC },
  'POST /setup/:token': { path: p('/setup/not-a-valid-token'), body: () => ({}), expect: PUBLIC },
  'GET /password/forgot': { path: p('/password/forgot'), expect: PUBLIC },
  'POST /password/forgot': { path: p('/password/forgot'), body: () => ({ email: 'nobody@example.org' }), expect: PUBLIC },
  'GET /password/reset/:token': { path: p('/password/reset/not-a-valid-token'), expect: PUBLIC },
  'POST /password/reset/:token': { path: p('/password/reset/not-a-valid-token'), body: () => ({ password: 'x' }), expect: PUBLIC },
  'GET /account': { path: p('/account'), expect: SIGNED_IN },
  'POST /account': { path: p('/account'), body: () => ({}), expect: SIGNED_IN },
  'GET /account/password': { path: p('/account/password'), expect: SIGNED_IN },
  'POST /account/password': { path: p('/account/password'), body: () => ({}), expect: SIGNED_IN },
  'GET /account/email': { path: p('/account/email'), expect: SIGNED_IN },
  'POST /account/email': { path: p('/account/email'), body: () => ({}), expect: SIGNED_IN },
  'GET /account/2fa': { path: p('/account/2fa'), expect: SIGNED_IN },
  'POST /account/2fa/confirm': { path: p('/account/2fa/confirm'), body: () => ({}), expect: SIGNED_IN },
  'POST /account/2fa/recovery': { path: p('/account/2fa/recovery'), body: () => ({}), expect: SIGNED_IN },
  'POST /account/2fa/disable': { path: p('/account/2fa/disable'), body: () => ({}), expect: SIGNED_IN },
  'GET /account/sessions': { path: p('/account/sessions'), expect: SIGNED_IN },
  'POST /account/sessions/end': { path: p('/account/sessions/end'), expect: SIGNED_IN },
  // Personal API tokens: everyone manages only their own (an unknown id is a 404, judged after sign-in).
  'GET /account/tokens': { path: p('/account/tokens'), expect: SIGNED_IN },
  'POST /account/tokens': { path: p('/account/tokens'), body: () => ({}), expect: SIGNED_IN },
  'GET /account/tokens/:id/revoke': { path: p('/account/tokens/no-such-token/revoke'), expect: SIGNED_IN },
  'POST /account/tokens/:id/revoke': { path: p('/account/tokens/no-such-token/revoke'), body: () => ({}), expect: SIGNED_IN },
  'GET /api/v1/tokens': { path: p('/api/v1/tokens'), expect: SIGNED_IN },
  // Valid bodies (with a wrong password), so that schema validation does not answer before authentication.
  'POST /api/v1/tokens': { path: p('/api/v1/tokens'), json: true, body: () => ({ name: 'matrix', scope: 'read', expiresInDays: 7, current: 'not the password' }) as unknown as Record<string, string>, expect: SIGNED_IN },
  'POST /api/v1/tokens/:id/revoke': { path: p('/api/v1/tokens/no-such-token/revoke'), json: true, body: () => ({ current: 'not the password' }), expect: SIGNED_IN },
  // Announcements: public to read (a draft is a 404 to whoever may not edit it); orgA's are written by its org-admins.
  'GET /announcements': { path: p('/announcements'), expect: PUBLIC },
  'GET /announcements.atom': { path: p('/announcements.atom?lang=es'), expect: PUBLIC },
  'GET /announcements/new': { path: p('/announcements/new'), expect: only('otherOrgAdmin', 'orgAdmin', 'coordinator', 'fedAdmin') },
  'POST /announcements/new': { path: p('/announcements/new'), body: (f) => ({ org: f.orgA.slug, lang: 'en', title: 'Matrix', body: 'Text' }), expect: ORG_MANAGERS },
  'GET /announcements/:id': { path: (f) => `/announcements/${f.announcementId}`, expect: PUBLIC },
  'GET /announcements/:id/edit': { path: (f) => `/announcements/${f.announcementId}/edit`, expect: ORG_MANAGERS },
  'POST /announcements/:id/edit': { path: (f) => `/announcements/${f.announcementId}/edit`, body: () => ({}), expect: ORG_MANAGERS },
  'GET /announcements/:id/translate': { path: (f) => `/announcements/${f.announcementId}/translate`, expect: ORG_MANAGERS },
  'POST /announcements/:id/translate': { path: (f) => `/announcements/${f.announcementId}/translate`, body: () => ({}), expect: ORG_MANAGERS },
  'POST /announcements/:id/publish': { path: (f) => `/announcements/${f.announcementId}/publish`, expect: ORG_MANAGERS },
  'POST /announcements/:id/unpublish': { path: (f) => `/announcements/${f.announcementId}/unpublish`, expect: ORG_MANAGERS },
  'GET /announcements/:id/delete': { path: (f) => `/announcements/${f.announcementId}/delete`, expect: ORG_MANAGERS },
  // Without confirm=yes: judged, then refused as incomplete (422), so nothing is deleted.
  'POST /announcements/:id/delete': { path: (f) => `/announcements/${f.announcementId}/delete`, body: () => ({}), expect: ORG_MANAGERS },
  'GET /api/v1/announcements': { path: p('/api/v1/announcements'), expect: PUBLIC },
  'GET /api/v1/announcements/drafts': { path: p('/api/v1/announcements/drafts'), expect: SIGNED_IN },
  'GET /api/v1/announcements/:id': { path: (f) => `/api/v1/announcements/${f.announcementId}`, expect: PUBLIC },
  'POST /api/v1/announcements': { path: p('/api/v1/announcements'), json: true, body: (f) => ({ org: f.orgA.slug, lang: 'en', title: 'Via API', body: 'Text' }), expect: ORG_MANAGERS },
  'PATCH /api/v1/announcements/:id': { path: (f) => `/api/v1/announcements/${f.announcementId}`, json: true, body: () => ({ title: 'Edited', body: 'Edited text' }), expect: ORG_MANAGERS },
  'PUT /api/v1/announcements/:id/translations/:lang': { path: (f) => `/api/v1/announcements/${f.announcementId}/translations/es`, json: true, body: () => ({ title: 'Título', body: 'Texto' }), expect: ORG_MANAGERS },
  'POST /api/v1/announcements/:id/publish': { path: (f) => `/api/v1/announcements/${f.announcementId}/publish`, json: true, expect: ORG_MANAGERS },
  'POST /api/v1/announcements/:id/unpublish': { path: (f) => `/api/v1/announcements/${f.announcementId}/unpublish`, json: true, expect: ORG_MANAGERS },
  // Federation-wide, so that the actors after the one who deletes it (coordinator, fedAdmin) are allowed ones;
  // refusing other organisations' admins is tested in announcements.http.test.ts.
  'DELETE /api/v1/announcements/:id': { path: (f) => `/api/v1/announcements/${f.fedAnnouncementToDelete}`, json: true, expect: only('coordinator', 'fedAdmin') },
  // Shared projects: public to read; started by org-admins for their own organisation, managed by the admins of
  // the coordinating organisations (orgA). orgB's admin may add orgB and take it out again, nothing more.
  'GET /projects': { path: p('/projects'), expect: PUBLIC },
  'GET /projects/new': { path: p('/projects/new'), expect: only('otherOrgAdmin', 'orgAdmin', 'fedAdmin') },
  'POST /projects/new': { path: p('/projects/new'), body: (f) => ({ org: f.orgA.slug, name: 'Matrix', slug: unique('pm'), lang: 'en', description: 'Text' }), expect: ORG_MANAGERS },
  'GET /projects/:slug': { path: (f) => `/projects/${f.projectSlug}`, expect: PUBLIC },
  'GET /projects/:slug/edit': { path: (f) => `/projects/${f.projectSlug}/edit`, expect: ORG_MANAGERS },
  'POST /projects/:slug/edit': { path: (f) => `/projects/${f.projectSlug}/edit`, body: () => ({}), expect: ORG_MANAGERS },
  'GET /projects/:slug/translate': { path: (f) => `/projects/${f.projectSlug}/translate`, expect: ORG_MANAGERS },
  'POST /projects/:slug/translate': { path: (f) => `/projects/${f.projectSlug}/translate`, body: () => ({}), expect: ORG_MANAGERS },
  'GET /projects/:slug/manage': { path: (f) => `/projects/${f.projectSlug}/manage`, expect: ORG_MANAGERS },
  'POST /projects/:slug/join': { path: (f) => `/projects/${f.projectSlug}/join`, body: (f) => ({ org: f.orgB.slug }), expect: only('otherOrgAdmin', 'fedAdmin') },
  'GET /projects/:slug/orgs/:org/leave': { path: (f) => `/projects/${f.projectSlug}/orgs/${f.orgB.slug}/leave`, expect: only('otherOrgAdmin', 'orgAdmin', 'fedAdmin') },
  // Without confirm=yes: judged, then refused as incomplete (422).
  'POST /projects/:slug/orgs/:org/leave': { path: (f) => `/projects/${f.projectSlug}/orgs/${f.orgB.slug}/leave`, body: () => ({}), expect: only('otherOrgAdmin', 'orgAdmin', 'fedAdmin') },
  'POST /projects/:slug/orgs/:org/role': { path: (f) => `/projects/${f.projectSlug}/orgs/${f.orgB.slug}/role`, body: () => ({ role: 'participant' }), expect: ORG_MANAGERS },
  'POST /projects/:slug/contacts': { path: (f) => `/projects/${f.projectSlug}/contacts`, body: (f) => ({ personId: f.victim.id }), expect: ORG_MANAGERS },
  'POST /projects/:slug/contacts/:personId/remove': { path: (f) => `/projects/${f.projectSlug}/contacts/${f.victim.id}/remove`, expect: ORG_MANAGERS },
  'POST /projects/:slug/milestones': { path: (f) => `/projects/${f.projectSlug}/milestones`, body: () => ({ title: 'Matrix milestone', dueOn: '2030-01-31' }), expect: ORG_MANAGERS },
  'POST /projects/:slug/milestones/:id/done': { path: (f) => `/projects/${f.projectSlug}/milestones/${f.milestoneId}/done`, body: () => ({ done: 'yes' }), expect: ORG_MANAGERS },
  'POST /projects/:slug/milestones/:id/delete': { path: (f) => `/projects/${f.projectSlug}/milestones/${f.milestoneId}/delete`, body: () => ({}), expect: ORG_MANAGERS },
  'POST /projects/:slug/proposals': { path: (f) => `/projects/${f.projectSlug}/proposals`, body: () => ({ proposalId: 'no-such-proposal' }), expect: ORG_MANAGERS },
  'POST /projects/:slug/proposals/:proposalId/remove': { path: (f) => `/projects/${f.projectSlug}/proposals/no-such-proposal/remove`, expect: ORG_MANAGERS },
  'GET /api/v1/projects': { path: p('/api/v1/projects'), expect: PUBLIC },
  'POST /api/v1/projects': { path: p('/api/v1/projects'), json: true, body: (f) => ({ org: f.orgA.slug, name: 'Via API', slug: unique('pa'), lang: 'en', description: 'Text' }), expect: ORG_MANAGERS },
  'GET /api/v1/projects/:slug': { path: (f) => `/api/v1/projects/${f.projectSlug}`, expect: PUBLIC },
  'PATCH /api/v1/projects/:slug': { path: (f) => `/api/v1/projects/${f.projectSlug}`, json: true, body: () => ({ status: 'active' }), expect: ORG_MANAGERS },
  'PUT /api/v1/projects/:slug/translations/:lang': { path: (f) => `/api/v1/projects/${f.projectSlug}/translations/es`, json: true, body: () => ({ body: 'Texto' }), expect: ORG_MANAGERS },
  'POST /api/v1/projects/:slug/participants': { path: (f) => `/api/v1/projects/${f.projectSlug}/participants`, json: true, body: (f) => ({ org: f.orgB.slug }), expect: only('otherOrgAdmin', 'fedAdmin') },
  'PATCH /api/v1/projects/:slug/participants/:org': { path: (f) => `/api/v1/projects/${f.projectSlug}/participants/${f.orgB.slug}`, json: true, body: () => ({ role: 'participant' }), expect: ORG_MANAGERS },
  // Who may take orgB out is decided from the project, so the outcome holds after orgB's admin has done it.
  'DELETE /api/v1/projects/:slug/participants/:org': { path: (f) => `/api/v1/projects/${f.projectSlug}/participants/${f.orgB.slug}`, json: true, expect: only('otherOrgAdmin', 'orgAdmin', 'fedAdmin') },
  'POST /api/v1/projects/:slug/contacts': { path: (f) => `/api/v1/projects/${f.projectSlug}/contacts`, json: true, body: (f) => ({ personId: f.victim.id }), expect: ORG_MANAGERS },
  'DELETE /api/v1/projects/:slug/contacts/:personId': { path: (f) => `/api/v1/projects/${f.projectSlug}/contacts/${f.victim.id}`, json: true, expect: ORG_MANAGERS },
  'POST /api/v1/projects/:slug/milestones': { path: (f) => `/api/v1/projects/${f.projectSlug}/milestones`, json: true, body: () => ({ title: 'Via API', dueOn: '2030-02-28' }), expect: ORG_MANAGERS },
  'PATCH /api/v1/projects/:slug/milestones/:id': { path: (f) => `/api/v1/projects/${f.projectSlug}/milestones/${f.milestoneId}`, json: true, body: () => ({ done: true }) as unknown as Record<string, string>, expect: ORG_MANAGERS },
  'DELETE /api/v1/projects/:slug/milestones/:id': { path: (f) => `/api/v1/projects/${f.projectSlug}/milestones/${f.milestoneId}`, json: true, expect: ORG_MANAGERS },
  'POST /api/v1/projects/:slug/proposals': { path: (f) => `/api/v1/projects/${f.projectSlug}/proposals`, json: true, body: () => ({ proposalId: 'no-such-proposal' }), expect: ORG_MANAGERS },
  'DELETE /api/v1/projects/:slug/proposals/:proposalId': { path: (f) => `/api/v1/projects/${f.projectSlug}/proposals/no-such-proposal`, json: true, expect: ORG_MANAGERS },
  'GET /orgs': { path: p('/orgs'), expect: SIGNED_IN },
  'GET /orgs/new': { path: p('/orgs/new'), expect: ORG_CREATORS },
  'POST /orgs/new': { path: p('/orgs/new'), body: () => ({ name: 'New', slug: unique('m') }), expect: ORG_CREATORS },
  'GET /orgs/:slug': { path: (f) => `/orgs/${f.orgA.slug}`, expect: ORG_VIEWERS },
  'GET /orgs/:slug/invite': { path: (f) => `/orgs/${f.orgA.slug}/invite`, expect: ORG_MANAGERS },
  'POST /orgs/:slug/invite': { path: (f) => `/orgs/${f.orgA.slug}/invite`, body: () => ({ email: `${unique('i')}@example.org`, role: 'member' }), expect: ORG_MANAGERS },
  'POST /orgs/:slug/invitations/:id/revoke': { path: (f) => `/orgs/${f.orgA.slug}/invitations/${f.invitationId}/revoke`, expect: ORG_MANAGERS },
  'POST /orgs/:slug/members/:personId/role': { path: (f) => `/orgs/${f.orgA.slug}/members/${f.victim.id}/role`, body: () => ({ role: 'member' }), expect: ORG_MANAGERS },
  'GET /orgs/:slug/members/:personId/remove': { path: (f) => `/orgs/${f.orgA.slug}/members/${f.victim.id}/remove`, expect: ORG_MANAGERS },
  'POST /orgs/:slug/members/:personId/remove': { path: (f) => `/orgs/${f.orgA.slug}/members/${f.victim.id}/remove`, expect: ORG_MANAGERS },
  // Member profiles: public to read (an unknown logo is a 404 to everyone); orgA's profile, logo, translations,
  // services and self-description are changed by its org-admins and federation admins only, never by orgB's admin.
  // Bodies that change nothing lasting: no self-description address (so no fetch), unknown versions, orgA's own name.
  'GET /directory': { path: p('/directory?lang=es&kind=mail'), expect: PUBLIC },
  'GET /members/:slug': { path: (f) => `/members/${f.orgA.slug}`, expect: PUBLIC },
  'GET /logos/:file': { path: p(`/logos/${'0'.repeat(64)}.png`), expect: PUBLIC },
  'GET /federation.json': { path: p('/federation.json'), expect: PUBLIC },
  'GET /orgs/:slug.json': { path: (f) => `/orgs/${f.orgA.slug}.json`, expect: PUBLIC },
  'GET /schemas/federation-v1.json': { path: p('/schemas/federation-v1.json'), expect: PUBLIC },
  'GET /orgs/:slug/profile': { path: (f) => `/orgs/${f.orgA.slug}/profile`, expect: ORG_MANAGERS },
  'POST /orgs/:slug/profile': { path: (f) => `/orgs/${f.orgA.slug}/profile`, body: () => ({}), expect: ORG_MANAGERS },
  'POST /orgs/:slug/profile/logo': { path: (f) => `/orgs/${f.orgA.slug}/profile/logo`, body: () => ({}), expect: ORG_MANAGERS },
  'POST /orgs/:slug/profile/logo/remove': { path: (f) => `/orgs/${f.orgA.slug}/profile/logo/remove`, expect: ORG_MANAGERS },
  'GET /orgs/:slug/profile/translations': { path: (f) => `/orgs/${f.orgA.slug}/profile/translations`, expect: ORG_MANAGERS },
  'POST /orgs/:slug/profile/translations': { path: (f) => `/orgs/${f.orgA.slug}/profile/translations`, body: () => ({ field: 'summary', lang: 'en', body: 'Text' }), expect: ORG_MANAGERS },
  'POST /orgs/:slug/profile/translations/remove': { path: (f) => `/orgs/${f.orgA.slug}/profile/translations/remove`, body: () => ({ field: 'summary', lang: 'en' }), expect: ORG_MANAGERS },
  'GET /orgs/:slug/profile/selfdesc': { path: (f) => `/orgs/${f.orgA.slug}/profile/selfdesc`, expect: ORG_MANAGERS },
  'POST /orgs/:slug/profile/selfdesc': { path: (f) => `/orgs/${f.orgA.slug}/profile/selfdesc`, body: () => ({ url: '' }), expect: ORG_MANAGERS },
  'POST /orgs/:slug/profile/selfdesc/fetch': { path: (f) => `/orgs/${f.orgA.slug}/profile/selfdesc/fetch`, expect: ORG_MANAGERS },
  'POST /orgs/:slug/profile/selfdesc/apply': { path: (f) => `/orgs/${f.orgA.slug}/profile/selfdesc/apply`, body: () => ({ version: '0'.repeat(64) }), expect: ORG_MANAGERS },
  'POST /orgs/:slug/profile/selfdesc/reject': { path: (f) => `/orgs/${f.orgA.slug}/profile/selfdesc/reject`, body: () => ({ version: '0'.repeat(64) }), expect: ORG_MANAGERS },
  'GET /orgs/:slug/services': { path: (f) => `/orgs/${f.orgA.slug}/services`, expect: ORG_MANAGERS },
  'GET /orgs/:slug/services/new': { path: (f) => `/orgs/${f.orgA.slug}/services/new`, expect: ORG_MANAGERS },
  'POST /orgs/:slug/services/new': { path: (f) => `/orgs/${f.orgA.slug}/services/new`, body: () => ({}), expect: ORG_MANAGERS },
  'GET /orgs/:slug/services/:id/edit': { path: (f) => `/orgs/${f.orgA.slug}/services/${f.profileServiceId}/edit`, expect: ORG_MANAGERS },
  'POST /orgs/:slug/services/:id/edit': { path: (f) => `/orgs/${f.orgA.slug}/services/${f.profileServiceId}/edit`, body: () => ({}), expect: ORG_MANAGERS },
  'GET /orgs/:slug/services/:id/delete': { path: (f) => `/orgs/${f.orgA.slug}/services/${f.profileServiceId}/delete`, expect: ORG_MANAGERS },
  // The org-admin deletes it; the federation admin after them gets a 404 (judged allowed).
  'POST /orgs/:slug/services/:id/delete': { path: (f) => `/orgs/${f.orgA.slug}/services/${f.profileServiceId}/delete`, body: () => ({ confirm: 'yes' }), expect: ORG_MANAGERS },
  'GET /api/v1/orgs/:slug/profile': { path: (f) => `/api/v1/orgs/${f.orgA.slug}/profile`, expect: PUBLIC },
  'PUT /api/v1/orgs/:slug/profile': {
    path: (f) => `/api/v1/orgs/${f.orgA.slug}/profile`,
    json: true,
    body: (f) => ({ name: f.orgA.name, slug: f.orgA.slug, sourceLang: 'en', countries: ['DE'] }) as unknown as Record<string, string>,
    expect: ORG_MANAGERS,
  },
  'PUT /api/v1/orgs/:slug/profile/translations': { path: (f) => `/api/v1/orgs/${f.orgA.slug}/profile/translations`, json: true, body: () => ({ field: 'summary', lang: 'es', body: 'Texto' }), expect: ORG_MANAGERS },
  'DELETE /api/v1/orgs/:slug/profile/translations/:field/:lang': { path: (f) => `/api/v1/orgs/${f.orgA.slug}/profile/translations/summary/es`, json: true, expect: ORG_MANAGERS },
  'GET /api/v1/orgs/:slug/services': { path: (f) => `/api/v1/orgs/${f.orgA.slug}/services`, expect: PUBLIC },
  'GET /api/v1/orgs/:slug/services/:id': { path: (f) => `/api/v1/orgs/${f.orgA.slug}/services/${f.profileServiceId}`, expect: PUBLIC },
  'POST /api/v1/orgs/:slug/services': {
    path: (f) => `/api/v1/orgs/${f.orgA.slug}/services`,
    json: true,
    body: () => ({ kind: 'mail', name: 'Matrix mail', url: 'https://mail.example.org', registration: 'open', status: 'active' }),
    expect: ORG_MANAGERS,
  },
  'PUT /api/v1/orgs/:slug/services/:id': {
    path: (f) => `/api/v1/orgs/${f.orgA.slug}/services/${f.profileServiceId}`,
    json: true,
    body: () => ({ kind: 'mail', name: 'Matrix mail', url: 'https://mail.example.org', registration: 'open', status: 'active' }),
    expect: ORG_MANAGERS,
  },
  'DELETE /api/v1/orgs/:slug/services/:id': { path: (f) => `/api/v1/orgs/${f.orgA.slug}/services/${f.profileServiceId}`, json: true, expect: ORG_MANAGERS },
  // The invitation link is itself the credential: anyone holding it may open it.
  'GET /invite/:token': { path: (f) => `/invite/${f.invitationToken}`, expect: PUBLIC },
  'POST /invite/:token': { path: (f) => `/invite/${f.invitationToken}`, expect: SIGNED_IN },
  'POST /invite/:token/register': { path: (f) => `/invite/${f.invitationToken}/register`, body: () => ({}), expect: PUBLIC },
  'GET /api/v1/me': { path: p('/api/v1/me'), expect: SIGNED_IN },
  'GET /api/v1/orgs': { path: p('/api/v1/orgs'), expect: SIGNED_IN },
  'POST /api/v1/orgs': { path: p('/api/v1/orgs'), json: true, body: () => ({ name: 'Via API', slug: unique('api') }), expect: ORG_CREATORS },
  'GET /admin': { path: p('/admin'), expect: FED_ADMIN },
  'GET /admin/people': { path: p('/admin/people'), expect: FED_ADMIN },
  'GET /admin/people/:id': { path: (f) => `/admin/people/${f.victim.id}`, expect: FED_ADMIN },
  // 'none' is the victim's role already: the request is judged without changing anything.
  'POST /admin/people/:id/role': { path: (f) => `/admin/people/${f.victim.id}/role`, body: () => ({ role: 'none' }), expect: FED_ADMIN },
  'GET /admin/people/:id/suspend': { path: (f) => `/admin/people/${f.victim.id}/suspend`, expect: FED_ADMIN },
  'POST /admin/people/:id/suspend': { path: (f) => `/admin/people/${f.victim.id}/suspend`, body: () => ({ confirm: 'yes' }), expect: FED_ADMIN },
  'POST /admin/people/:id/reinstate': { path: (f) => `/admin/people/${f.victim.id}/reinstate`, expect: FED_ADMIN },
  'GET /admin/audit': { path: p('/admin/audit'), expect: FED_ADMIN },
  'GET /admin/jobs': { path: p('/admin/jobs'), expect: FED_ADMIN },
  // A job that does not exist: the policy is checked before the job is looked up.
  'POST /admin/jobs/:id/retry': { path: p('/admin/jobs/no-such-job/retry'), expect: FED_ADMIN },
  // Governance: reading is public (transparency); an organisation's position is set only by its own org-admins
  // (or delegates); coordinators and admins open federation-wide proposals and record outcomes.
  'GET /proposals': { path: p('/proposals'), expect: PUBLIC },
  'GET /proposals/new': { path: p('/proposals/new'), expect: only('orgAdmin', 'otherOrgAdmin', 'coordinator', 'fedAdmin') },
  'POST /proposals/new': { path: p('/proposals/new'), body: (f, a) => proposalForm(f, a), expect: only('orgAdmin', 'coordinator', 'fedAdmin') },
  'GET /proposals/:id': { path: (f) => `/proposals/${f.proposalId}`, expect: PUBLIC },
  'POST /proposals/:id/position': { path: (f) => `/proposals/${f.proposalId}/position`, body: (f) => ({ org: f.orgA.id, position: 'agree' }), expect: only('orgAdmin') },
  'GET /proposals/:id/withdraw': { path: (f) => `/proposals/${f.proposalToWithdraw}/withdraw`, expect: only('orgAdmin', 'coordinator', 'fedAdmin') },
  'POST /proposals/:id/withdraw': { path: (f) => `/proposals/${f.proposalToWithdraw}/withdraw`, expect: only('orgAdmin', 'coordinator', 'fedAdmin') },
  'GET /proposals/:id/outcome': { path: (f) => `/proposals/${f.proposalId}/outcome`, expect: only('coordinator', 'fedAdmin') },
  'POST /proposals/:id/outcome': { path: (f) => `/proposals/${f.proposalId}/outcome`, body: () => ({ lang: 'en', statement: 'Matrix' }), expect: only('coordinator', 'fedAdmin') },
  'GET /proposals/:id/translate': { path: (f) => `/proposals/${f.proposalId}/translate`, expect: only('orgAdmin', 'coordinator', 'fedAdmin') },
  'POST /proposals/:id/translate': { path: (f) => `/proposals/${f.proposalId}/translate`, body: () => ({ lang: 'es', title: 'Matriz', body: 'Texto' }), expect: only('orgAdmin', 'coordinator', 'fedAdmin') },
  'POST /proposals/:id/comments': { path: (f) => `/proposals/${f.proposalId}/comments`, body: () => ({ body: 'Matrix' }), expect: FED_MEMBERS },
  'GET /proposals/:id/comments/:commentId/edit': { path: (f) => `/proposals/${f.proposalId}/comments/${f.commentId}/edit`, expect: only('member') },
  'POST /proposals/:id/comments/:commentId/edit': { path: (f) => `/proposals/${f.proposalId}/comments/${f.commentId}/edit`, body: () => ({ body: 'Edited', version: '1' }), expect: only('member') },
  'GET /proposals/:id/comments/:commentId/history': { path: (f) => `/proposals/${f.proposalId}/comments/${f.commentId}/history`, expect: FED_MEMBERS },
  'GET /decisions': { path: p('/decisions'), expect: PUBLIC },
  'GET /decisions.atom': { path: p('/decisions.atom'), expect: PUBLIC },
  'GET /orgs/:slug/delegates': { path: (f) => `/orgs/${f.orgA.slug}/delegates`, expect: ORG_MANAGERS },
  'POST /orgs/:slug/delegates': { path: (f) => `/orgs/${f.orgA.slug}/delegates`, body: (f) => ({ person: f.people.member.id }), expect: ORG_MANAGERS },
  'POST /orgs/:slug/delegates/:personId/remove': { path: (f) => `/orgs/${f.orgA.slug}/delegates/${f.people.member.id}/remove`, expect: ORG_MANAGERS },
  'GET /governance/settings': { path: p('/governance/settings'), expect: FED_ADMIN },
  'POST /governance/settings': { path: p('/governance/settings'), body: () => ({ quorum: '' }), expect: FED_ADMIN },
  'GET /api/v1/proposals': { path: p('/api/v1/proposals'), expect: PUBLIC },
  'GET /api/v1/proposals/:id': { path: (f) => `/api/v1/proposals/${f.proposalId}`, expect: PUBLIC },
  'POST /api/v1/proposals': { path: p('/api/v1/proposals'), json: true, body: (f, a) => proposalJson(f, a), expect: only('orgAdmin', 'coordinator', 'fedAdmin') },
  'PUT /api/v1/proposals/:id/position': { path: (f) => `/api/v1/proposals/${f.proposalId}/position`, json: true, body: (f) => ({ orgId: f.orgA.id, position: 'agree' }), expect: only('orgAdmin') },
  'GET /api/v1/decisions': { path: p('/api/v1/decisions'), expect: PUBLIC },
  'POST /api/v1/proposals/:id/withdraw': { path: (f) => `/api/v1/proposals/${f.proposalToWithdraw}/withdraw`, json: true, expect: only('orgAdmin', 'coordinator', 'fedAdmin') },
  'PUT /api/v1/proposals/:id/outcome': { path: (f) => `/api/v1/proposals/${f.proposalId}/outcome`, json: true, body: () => ({ lang: 'en', statement: 'Matrix' }), expect: only('coordinator', 'fedAdmin') },
  'GET /api/v1/proposals/:id/comments': { path: (f) => `/api/v1/proposals/${f.proposalId}/comments`, expect: FED_MEMBERS },
  'POST /api/v1/proposals/:id/comments': { path: (f) => `/api/v1/proposals/${f.proposalId}/comments`, json: true, body: () => ({ body: 'Matrix' }), expect: FED_MEMBERS },
  'PUT /api/v1/proposals/:id/comments/:commentId': { path: (f) => `/api/v1/proposals/${f.proposalId}/comments/${f.commentId}`, json: true, body: () => ({ body: 'Edited', version: '1' }), expect: only('member') },
  'GET /api/v1/orgs/:slug/delegates': { path: (f) => `/api/v1/orgs/${f.orgA.slug}/delegates`, expect: ORG_MANAGERS },
  'PUT /api/v1/orgs/:slug/delegates/:personId': { path: (f) => `/api/v1/orgs/${f.orgA.slug}/delegates/${f.people.member.id}`, json: true, expect: ORG_MANAGERS },
  'DELETE /api/v1/orgs/:slug/delegates/:personId': { path: (f) => `/api/v1/orgs/${f.orgA.slug}/delegates/${f.people.member.id}`, json: true, expect: ORG_MANAGERS },
  'GET /api/v1/applications': { path: p('/api/v1/applications'), expect: FED_MEMBERS },
  'GET /api/v1/applications/:id': { path: (f) => `/api/v1/applications/${f.applicationId}`, expect: FED_MEMBERS },
  // Admissions: anyone may apply; federation members see applications; coordinators act on them.
  'GET /apply': { path: p('/apply'), expect: PUBLIC },
  'POST /apply': { path: p('/apply'), body: () => ({}), expect: PUBLIC },
  'GET /apply/thanks': { path: p('/apply/thanks'), expect: PUBLIC },
  'GET /applications': { path: p('/applications'), expect: FED_MEMBERS },
  'GET /applications/:id': { path: (f) => `/applications/${f.applicationId}`, expect: FED_MEMBERS },
  'GET /applications/:id/propose': { path: (f) => `/applications/${f.applicationId}/propose`, expect: ORG_CREATORS },
  'POST /applications/:id/propose': { path: (f) => `/applications/${f.applicationId}/propose`, body: () => ({}), expect: ORG_CREATORS },
  'GET /applications/:id/dismiss': { path: (f) => `/applications/${f.applicationId}/dismiss`, expect: ORG_CREATORS },
  'POST /applications/:id/dismiss': { path: (f) => `/applications/${f.applicationId}/dismiss`, expect: ORG_CREATORS },
  'POST /applications/:id/invitation': { path: (f) => `/applications/${f.applicationId}/invitation`, expect: ORG_CREATORS },
};
