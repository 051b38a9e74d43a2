// The expectation table of the authorization matrix: every route × every actor kind.
// Later modules add their routes here; a route missing from it fails the matrix test.
import type { Organisation } from '../../src/modules/federation/federation.repository.js';
import { unique, type TestPerson } from '../factories/index.js';

// treasurer: a person with the fund's treasurer role and no organisation (every other route treats them as 'person'),
// early in the list so that routes which delete their record for the actors after them (federation admins) still judge them.
export const actorKinds = ['anonymous', 'person', 'treasurer', 'member', 'otherOrgAdmin', 'orgAdmin', 'coordinator', 'fedAdmin', 'suspended'] as const;
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
  /** Voices: a published survey of orgA with one answer of it, and a need of orgA. */
  voicesCampaignId: string;
  voicesAnswerId: string;
  voicesNeedId: string;
  /** Solidarity: a granted aid request of orgA, a pending disbursement on it by another treasurer, an income transaction, a dues band, a treasurer to revoke. */
  solidarity: {
    requestId: string;
    pendingDisbursementId: string;
    transactionId: string;
    bandId: string;
    treasurerToRevoke: string;
    trainingId: string;
    /** Another training of orgA, which the API's cancel route may cancel. */
    trainingToCancel: string;
    mentorshipId: string;
    /** orgA's open request for a mentor in dnssec; the other organisation's admin offers dnssec. */
    mentorshipRequestId: string;
  };
  /** Posture scanning: two declared domains of orgA (one to remove), a finished scan of it with a result, a notice. */
  postureScans: { assetId: string; assetToRemove: string; scanId: string; noticeId: string };
  /** Posture baseline: an open request of orgA for help (orgA's scorecard stays private), and a proposed baseline change. */
  postureBaseline: { helpRequestId: string; changeId: string };
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
  // Voices: respondents' routes are public (the submission is judged by its own token: 422 here, never 403).
  // orgA's campaigns are run by its org-admins; its answers and needs are triaged by its moderators (org-admins and
  // members they designate; none designated here). Federation admins do not read an organisation's answers.
  // The federation's own campaigns are run by coordinators and federation admins.
  ...voicesRoutes(),
  // Solidarity: the public sees the report; members the ledger and requests; only treasurers post, and never
  // for their own organisation (tested in solidarity.http.test.ts, the matrix's treasurer belongs to none);
  // an organisation asks, reports and picks its dues band through its own org-admins.
  ...solidarityRoutes(),
  // Posture scanning: results and evidence stay inside orgA (its people read, its org-admins change); no
  // coordinator, federation admin or other organisation sees them. Verify names no domain (404 after the
  // judgement), so no proof is looked for on the network; asking for a scan of an unproved domain is a 409.
  ...postureScanRoutes(),
  ...postureBaselineRoutes(),
};

function voicesRoutes(): Record<string, RouteCase> {
  const ORG = only('orgAdmin');
  const FED = only('coordinator', 'fedAdmin');
  const c = (f: Fixture) => f.voicesCampaignId;
  const a = (f: Fixture) => f.voicesAnswerId;
  const n = (f: Fixture) => f.voicesNeedId;
  const routes: Record<string, RouteCase> = {
    'GET /voices/:id': { path: (f) => `/voices/${c(f)}?lang=ar`, expect: PUBLIC },
    'POST /voices/:id': { path: (f) => `/voices/${c(f)}`, body: () => ({ lang: 'en', form: 'not-a-token' }), expect: PUBLIC },
    'GET /voices/:id/thanks': { path: (f) => `/voices/${c(f)}/thanks`, expect: PUBLIC },
    'GET /voices/pow.js': { path: p('/voices/pow.js'), expect: PUBLIC },
    'GET /feedback/:slug': { path: (f) => `/feedback/${f.orgA.slug}`, expect: PUBLIC },
    'GET /voices/:id/report': { path: (f) => `/voices/${c(f)}/report`, expect: PUBLIC },
    'GET /needs': { path: (f) => `/needs?org=${f.orgA.slug}`, expect: PUBLIC },
    'GET /needs.atom': { path: p('/needs.atom'), expect: PUBLIC },
    'GET /needs/:id': { path: (f) => `/needs/${n(f)}`, expect: PUBLIC },
    'POST /needs/:id/edit': { path: (f) => `/needs/${n(f)}/edit`, body: () => ({}), expect: ORG },
    'POST /needs/:id/projects': { path: (f) => `/needs/${n(f)}/projects`, body: () => ({ project: 'no-such-project' }), expect: ORG },
    'POST /needs/:id/projects/:project/remove': { path: (f) => `/needs/${n(f)}/projects/no-such-project/remove`, expect: ORG },
    'POST /needs/:id/proposals': { path: (f) => `/needs/${n(f)}/proposals`, body: () => ({ proposalId: 'no-such-proposal' }), expect: ORG },
    'POST /needs/:id/proposals/:proposalId/remove': { path: (f) => `/needs/${n(f)}/proposals/no-such-proposal/remove`, expect: ORG },
    'POST /needs/:id/merge': { path: (f) => `/needs/${n(f)}/merge`, body: () => ({ into: 'no-such-need' }), expect: ORG },
    'POST /needs/:id/answers/:answerId/remove': { path: (f) => `/needs/${n(f)}/answers/no-such-answer/remove`, expect: ORG },
    'GET /orgs/:slug/voices/moderators': { path: (f) => `/orgs/${f.orgA.slug}/voices/moderators`, expect: ORG },
    'POST /orgs/:slug/voices/moderators': { path: (f) => `/orgs/${f.orgA.slug}/voices/moderators`, body: () => ({}), expect: ORG },
    'POST /orgs/:slug/voices/moderators/:personId/remove': { path: (f) => `/orgs/${f.orgA.slug}/voices/moderators/${f.victim.id}/remove`, expect: ORG },
    'GET /voices/:id/manage': { path: (f) => `/voices/${c(f)}/manage`, expect: ORG },
    'POST /voices/:id/edit': { path: (f) => `/voices/${c(f)}/edit`, body: () => ({}), expect: ORG },
    'POST /voices/:id/questions': { path: (f) => `/voices/${c(f)}/questions`, body: () => ({}), expect: ORG },
    'POST /voices/:id/questions/:questionId/remove': { path: (f) => `/voices/${c(f)}/questions/no-such-question/remove`, expect: ORG },
    // Already published: judged, changes nothing.
    'POST /voices/:id/publish': { path: (f) => `/voices/${c(f)}/publish`, expect: ORG },
    // Both change the campaign (the org-admin's request); the routes after them expect nothing of its state.
    'POST /voices/:id/unpublish': { path: (f) => `/voices/${c(f)}/unpublish`, expect: ORG },
    'POST /voices/:id/close': { path: (f) => `/voices/${c(f)}/close`, expect: ORG },
    'POST /voices/:id/link': { path: (f) => `/voices/${c(f)}/link`, expect: ORG },
    'GET /voices/:id/translate': { path: (f) => `/voices/${c(f)}/translate?lang=es`, expect: ORG },
    'POST /voices/:id/translate': { path: (f) => `/voices/${c(f)}/translate`, body: () => ({}), expect: ORG },
    'GET /voices/answers/:id': { path: (f) => `/voices/answers/${a(f)}`, expect: ORG },
    'POST /voices/answers/:id/status': { path: (f) => `/voices/answers/${a(f)}/status`, body: () => ({ status: 'pending' }), expect: ORG },
    'POST /voices/answers/:id/tags': { path: (f) => `/voices/answers/${a(f)}/tags`, body: () => ({ tags: 'matrix' }), expect: ORG },
    'POST /voices/answers/:id/translate': { path: (f) => `/voices/answers/${a(f)}/translate`, body: () => ({}), expect: ORG },
    'POST /voices/answers/:id/need': { path: (f) => `/voices/answers/${a(f)}/need`, body: () => ({}), expect: ORG },
    'POST /voices/answers/:id/quote': { path: (f) => `/voices/answers/${a(f)}/quote`, body: () => ({}), expect: ORG },
    'POST /voices/answers/:id/quotes/:quoteId/remove': { path: (f) => `/voices/answers/${a(f)}/quotes/no-such-quote/remove`, expect: ORG },
    'GET /api/v1/campaigns': { path: (f) => `/api/v1/campaigns?org=${f.orgA.slug}`, expect: PUBLIC },
    'GET /api/v1/campaigns/:id': { path: (f) => `/api/v1/campaigns/${c(f)}`, expect: PUBLIC },
    'POST /api/v1/campaigns': { path: p('/api/v1/campaigns'), json: true, body: (f) => ({ org: f.orgA.slug, lang: 'en', title: 'Matrix survey' }), expect: ORG },
    'PUT /api/v1/campaigns/:id': { path: (f) => `/api/v1/campaigns/${c(f)}`, json: true, body: () => ({ title: 'Matrix survey', moderated: 'yes' }), expect: ORG },
    'POST /api/v1/campaigns/:id/status': { path: (f) => `/api/v1/campaigns/${c(f)}/status`, json: true, body: () => ({ status: 'published' }), expect: ORG },
    'POST /api/v1/campaigns/:id/questions': { path: (f) => `/api/v1/campaigns/${c(f)}/questions`, json: true, body: () => ({ kind: 'text', prompt: 'Matrix?' }), expect: ORG },
    'GET /api/v1/campaigns/:id/report': { path: (f) => `/api/v1/campaigns/${c(f)}/report`, expect: PUBLIC },
    'GET /api/v1/campaigns/:id/answers': { path: (f) => `/api/v1/campaigns/${c(f)}/answers`, expect: ORG },
    'PATCH /api/v1/answers/:id': { path: (f) => `/api/v1/answers/${a(f)}`, json: true, body: () => ({ tags: 'matrix' }), expect: ORG },
    'POST /api/v1/answers/:id/need': { path: (f) => `/api/v1/answers/${a(f)}/need`, json: true, body: () => ({ need: 'no-such-need' }), expect: ORG },
    'GET /api/v1/needs': { path: (f) => `/api/v1/needs?org=${f.orgA.slug}`, expect: PUBLIC },
    'GET /api/v1/needs/:id': { path: (f) => `/api/v1/needs/${n(f)}`, expect: PUBLIC },
    'POST /api/v1/needs': { path: p('/api/v1/needs'), json: true, body: (f) => ({ org: f.orgA.slug, lang: 'en', title: 'Matrix need' }), expect: ORG },
    'PUT /api/v1/needs/:id': { path: (f) => `/api/v1/needs/${n(f)}`, json: true, body: () => ({ title: 'Matrix need', status: 'open' }), expect: ORG },
    'PUT /api/v1/needs/:id/projects/:project': { path: (f) => `/api/v1/needs/${n(f)}/projects/no-such-project`, json: true, expect: ORG },
    'DELETE /api/v1/needs/:id/projects/:project': { path: (f) => `/api/v1/needs/${n(f)}/projects/no-such-project`, json: true, expect: ORG },
    'PUT /api/v1/needs/:id/proposals/:proposalId': { path: (f) => `/api/v1/needs/${n(f)}/proposals/no-such-proposal`, json: true, expect: ORG },
    'DELETE /api/v1/needs/:id/proposals/:proposalId': { path: (f) => `/api/v1/needs/${n(f)}/proposals/no-such-proposal`, json: true, expect: ORG },
  };
  for (const [base, who] of [
    ['/orgs/:slug/voices', ORG],
    ['/federation/voices', FED],
  ] as const) {
    const at = (f: Fixture, rest = '') => `${base.replace(':slug', f.orgA.slug)}${rest}`;
    routes[`GET ${base}`] = { path: (f) => at(f), expect: who };
    routes[`GET ${base}/new`] = { path: (f) => at(f, '/new'), expect: who };
    routes[`POST ${base}/new`] = { path: (f) => at(f, '/new'), body: () => ({}), expect: who };
    routes[`GET ${base}/queue`] = { path: (f) => at(f, '/queue?status=pending'), expect: who };
    routes[`GET ${base}/export.csv`] = { path: (f) => at(f, '/export.csv'), expect: who };
    routes[`GET ${base}/export.json`] = { path: (f) => at(f, '/export.json'), expect: who };
    routes[`GET ${base}/needs/new`] = { path: (f) => at(f, '/needs/new'), expect: who };
    routes[`POST ${base}/needs/new`] = { path: (f) => at(f, '/needs/new'), body: () => ({}), expect: who };
  }
  return routes;
}

function solidarityRoutes(): Record<string, RouteCase> {
  const TREASURER = only('treasurer');
  const MEMBERS = only('member', 'otherOrgAdmin', 'orgAdmin', 'coordinator', 'fedAdmin', 'treasurer');
  const ORG = only('orgAdmin');
  const r = (f: Fixture) => f.solidarity.requestId;
  const tx = (f: Fixture) => f.solidarity.transactionId;
  const d = (f: Fixture) => f.solidarity.pendingDisbursementId;
  const today = () => new Date().toISOString().slice(0, 10);
  const entry = () => ({ key: unique('matrix-key'), amount: '1', occurredOn: today() });
  const aidRequest = (f: Fixture) => ({ org: f.orgA.slug, title: 'Matrix aid', lang: 'en', purpose: 'Text', currency: 'EUR', amount: '10', urgency: 'routine', timeline: 'Soon', reportPlan: 'A note' });
  const TRAINING_MANAGERS = only('orgAdmin', 'coordinator', 'fedAdmin');
  const tr = (f: Fixture) => f.solidarity.trainingId;
  const mr = (f: Fixture) => f.solidarity.mentorshipRequestId;
  const json = (v: Record<string, unknown>) => v as unknown as Record<string, string>;
  const trainingJson = (f: Fixture) => ({ org: f.orgA.slug, lang: 'en', title: 'Matrix training', description: 'Text', startsAt: '2030-01-01T10:00', endsAt: '2030-01-01T12:00', timeZone: 'UTC', place: 'Online', languages: ['en'] });
  return {
    'GET /fund': { path: p('/fund'), expect: PUBLIC },
    'GET /fund/report.csv': { path: p('/fund/report.csv'), expect: PUBLIC },
    'GET /fund/grants.csv': { path: p('/fund/grants.csv'), expect: PUBLIC },
    'GET /fund/dues': { path: p('/fund/dues'), expect: PUBLIC },
    'GET /fund/ledger': { path: p('/fund/ledger'), expect: MEMBERS },
    'GET /fund/ledger/:id': { path: (f) => `/fund/ledger/${tx(f)}`, expect: MEMBERS },
    'GET /fund/accounts': { path: p('/fund/accounts'), expect: MEMBERS },
    'GET /fund/record': { path: p('/fund/record'), expect: TREASURER },
    'POST /fund/income': { path: p('/fund/income'), body: () => ({ ...entry(), category: 'donations', currency: 'EUR' }), expect: TREASURER },
    'POST /fund/expenses': { path: p('/fund/expenses'), body: () => ({ ...entry(), category: 'fees', currency: 'EUR' }), expect: TREASURER },
    'POST /fund/exchanges': { path: p('/fund/exchanges'), body: () => ({}), expect: TREASURER },
    'GET /fund/ledger/:id/reverse': { path: (f) => `/fund/ledger/${tx(f)}/reverse`, expect: TREASURER },
    'POST /fund/ledger/:id/reverse': { path: (f) => `/fund/ledger/${tx(f)}/reverse`, body: () => ({ key: unique('matrix-key'), memo: 'Matrix' }), expect: TREASURER },
    'GET /fund/requests': { path: p('/fund/requests'), expect: MEMBERS },
    'GET /fund/requests/new': { path: p('/fund/requests/new'), expect: only('otherOrgAdmin', 'orgAdmin') },
    'POST /fund/requests/new': { path: p('/fund/requests/new'), body: (f) => aidRequest(f), expect: ORG },
    'GET /fund/requests/:id': { path: (f) => `/fund/requests/${r(f)}`, expect: MEMBERS },
    'POST /fund/requests/:id/disbursements': { path: (f) => `/fund/requests/${r(f)}/disbursements`, body: () => entry(), expect: TREASURER },
    'POST /fund/disbursements/:id/approve': { path: (f) => `/fund/disbursements/${d(f)}/approve`, expect: TREASURER },
    'POST /fund/disbursements/:id/cancel': { path: (f) => `/fund/disbursements/${d(f)}/cancel`, expect: TREASURER },
    'GET /fund/requests/:id/report': { path: (f) => `/fund/requests/${r(f)}/report`, expect: ORG },
    'POST /fund/requests/:id/report': { path: (f) => `/fund/requests/${r(f)}/report`, body: () => ({ lang: 'en', report: 'Matrix' }), expect: ORG },
    'GET /fund/orgs/:slug/dues': { path: (f) => `/fund/orgs/${f.orgA.slug}/dues`, expect: MEMBERS },
    'POST /fund/orgs/:slug/dues': { path: (f) => `/fund/orgs/${f.orgA.slug}/dues`, body: (f) => ({ band: f.solidarity.bandId }), expect: ORG },
    'GET /fund/admin': { path: p('/fund/admin'), expect: FED_ADMIN },
    'POST /fund/admin/treasurers': { path: p('/fund/admin/treasurers'), body: () => ({ email: 'nobody@example.org' }), expect: FED_ADMIN },
    'POST /fund/admin/treasurers/:personId/revoke': { path: (f) => `/fund/admin/treasurers/${f.solidarity.treasurerToRevoke}/revoke`, expect: FED_ADMIN },
    'POST /fund/admin/thresholds': { path: p('/fund/admin/thresholds'), body: () => ({ thresholdCurrency: 'USD', threshold: '100' }), expect: FED_ADMIN },
    'POST /fund/admin/bands': { path: p('/fund/admin/bands'), body: () => ({ name: 'Matrix band', basis: 'ppp', pppGroup: '2', currency: 'EUR', suggested: '10', period: 'year' }), expect: FED_ADMIN },
    'POST /fund/admin/bands/:id/retire': { path: p('/fund/admin/bands/no-such-band/retire'), expect: FED_ADMIN },
    'GET /api/v1/fund/report': { path: p('/api/v1/fund/report'), expect: PUBLIC },
    'GET /api/v1/fund/dues/bands': { path: p('/api/v1/fund/dues/bands'), expect: PUBLIC },
    'GET /api/v1/fund/transactions': { path: p('/api/v1/fund/transactions'), expect: MEMBERS },
    'GET /api/v1/fund/transactions/:id': { path: (f) => `/api/v1/fund/transactions/${tx(f)}`, expect: MEMBERS },
    'GET /api/v1/fund/accounts': { path: p('/api/v1/fund/accounts'), expect: MEMBERS },
    'POST /api/v1/fund/income': { path: p('/api/v1/fund/income'), json: true, body: () => ({ ...entry(), category: 'donations', currency: 'EUR' }), expect: TREASURER },
    'POST /api/v1/fund/expenses': { path: p('/api/v1/fund/expenses'), json: true, body: () => ({ ...entry(), category: 'fees', currency: 'EUR' }), expect: TREASURER },
    'POST /api/v1/fund/exchanges': {
      path: p('/api/v1/fund/exchanges'),
      json: true,
      body: () => ({ key: unique('matrix-key'), fromCurrency: 'EUR', fromAmount: '1', toCurrency: 'USD', toAmount: '1.1', occurredOn: today() }),
      expect: TREASURER,
    },
    'POST /api/v1/fund/transactions/:id/reverse': { path: (f) => `/api/v1/fund/transactions/${tx(f)}/reverse`, json: true, body: () => ({ key: unique('matrix-key'), memo: 'Matrix' }), expect: TREASURER },
    'GET /api/v1/fund/requests': { path: p('/api/v1/fund/requests'), expect: MEMBERS },
    'POST /api/v1/fund/requests': { path: p('/api/v1/fund/requests'), json: true, body: (f) => aidRequest(f), expect: ORG },
    'GET /api/v1/fund/requests/:id': { path: (f) => `/api/v1/fund/requests/${r(f)}`, expect: MEMBERS },
    'POST /api/v1/fund/requests/:id/disbursements': { path: (f) => `/api/v1/fund/requests/${r(f)}/disbursements`, json: true, body: () => entry(), expect: TREASURER },
    'POST /api/v1/fund/disbursements/:id/approve': { path: (f) => `/api/v1/fund/disbursements/${d(f)}/approve`, json: true, expect: TREASURER },
    'POST /api/v1/fund/disbursements/:id/cancel': { path: (f) => `/api/v1/fund/disbursements/${d(f)}/cancel`, json: true, expect: TREASURER },
    'PUT /api/v1/fund/requests/:id/report': { path: (f) => `/api/v1/fund/requests/${r(f)}/report`, json: true, body: () => ({ lang: 'en', report: 'Matrix' }), expect: ORG },
    'GET /api/v1/fund/orgs/:slug/dues': { path: (f) => `/api/v1/fund/orgs/${f.orgA.slug}/dues`, expect: MEMBERS },
    'PUT /api/v1/fund/orgs/:slug/dues': { path: (f) => `/api/v1/fund/orgs/${f.orgA.slug}/dues`, json: true, body: (f) => ({ band: f.solidarity.bandId }), expect: ORG },
    'GET /api/v1/fund/treasurers': { path: p('/api/v1/fund/treasurers'), expect: FED_ADMIN },
    'POST /api/v1/fund/treasurers': { path: p('/api/v1/fund/treasurers'), json: true, body: () => ({ email: 'nobody@example.org' }), expect: FED_ADMIN },
    'DELETE /api/v1/fund/treasurers/:personId': { path: (f) => `/api/v1/fund/treasurers/${f.solidarity.treasurerToRevoke}`, json: true, expect: FED_ADMIN },
    // Learning: trainings are public; an organisation's trainings and skills are its org-admins'; a mentorship
    // is its two people's (the member is the fixture's mentee), which coordinators and admins may read.
    'GET /learn': { path: p('/learn'), expect: PUBLIC },
    'GET /learn/trainings.ics': { path: p('/learn/trainings.ics?lang=es'), expect: PUBLIC },
    'GET /learn/orgs/:slug/trainings.ics': { path: (f) => `/learn/orgs/${f.orgA.slug}/trainings.ics`, expect: PUBLIC },
    'GET /learn/trainings/new': { path: p('/learn/trainings/new'), expect: only('otherOrgAdmin', 'orgAdmin', 'coordinator', 'fedAdmin') },
    'POST /learn/trainings/new': {
      path: p('/learn/trainings/new'),
      body: (f) => ({ org: f.orgA.slug, lang: 'en', title: 'Matrix training', description: 'Text', startsAt: '2030-01-01T10:00', endsAt: '2030-01-01T12:00', timeZone: 'UTC', place: 'Online', languages: 'en' }),
      expect: ORG,
    },
    'GET /learn/trainings/:id': { path: (f) => `/learn/trainings/${f.solidarity.trainingId}`, expect: PUBLIC },
    'POST /learn/trainings/:id/register': { path: (f) => `/learn/trainings/${f.solidarity.trainingId}/register`, body: () => ({ attend: 'yes' }), expect: SIGNED_IN },
    'GET /learn/skills': { path: p('/learn/skills'), expect: SIGNED_IN },
    'POST /learn/skills': { path: p('/learn/skills'), body: (f) => ({ ownerId: f.orgA.id, direction: 'need', skill: 'backups', languages: 'en' }), expect: ORG },
    'POST /learn/skills/remove': { path: p('/learn/skills/remove'), body: () => ({ owner: 'person', direction: 'offer', skill: 'nothing' }), expect: SIGNED_IN },
    'GET /learn/matches': { path: p('/learn/matches'), expect: FED_MEMBERS },
    'POST /learn/mentorships': { path: p('/learn/mentorships'), body: () => ({}), expect: SIGNED_IN },
    'GET /learn/mentorships/:id': { path: (f) => `/learn/mentorships/${f.solidarity.mentorshipId}`, expect: only('member', 'coordinator', 'fedAdmin') },
    'POST /learn/mentorships/:id/sessions': { path: (f) => `/learn/mentorships/${f.solidarity.mentorshipId}/sessions`, body: () => ({}), expect: only('member') },
    'POST /learn/mentorships/:id/end': { path: (f) => `/learn/mentorships/${f.solidarity.mentorshipId}/end`, body: () => ({}), expect: only('member') },
    'GET /api/v1/trainings': { path: p('/api/v1/trainings'), expect: PUBLIC },
    'GET /api/v1/mentorship/matches': { path: p('/api/v1/mentorship/matches'), expect: FED_MEMBERS },
    'GET /api/v1/mentorships': { path: p('/api/v1/mentorships'), expect: SIGNED_IN },
    // A published training is managed by its organiser's org-admins, and by coordinators and admins.
    // Forms posted empty (or without confirm=yes) are judged, then refused as incomplete (422).
    'GET /learn/trainings/:id/edit': { path: (f) => `/learn/trainings/${tr(f)}/edit`, expect: TRAINING_MANAGERS },
    'POST /learn/trainings/:id/edit': { path: (f) => `/learn/trainings/${tr(f)}/edit`, body: () => ({}), expect: TRAINING_MANAGERS },
    'GET /learn/trainings/:id/translate': { path: (f) => `/learn/trainings/${tr(f)}/translate`, expect: TRAINING_MANAGERS },
    'POST /learn/trainings/:id/translate': { path: (f) => `/learn/trainings/${tr(f)}/translate`, body: () => ({}), expect: TRAINING_MANAGERS },
    'GET /learn/trainings/:id/cancel': { path: (f) => `/learn/trainings/${tr(f)}/cancel`, expect: TRAINING_MANAGERS },
    'POST /learn/trainings/:id/cancel': { path: (f) => `/learn/trainings/${tr(f)}/cancel`, body: () => ({}), expect: TRAINING_MANAGERS },
    // Requests for a mentor: members see them; orgA asks through its org-admin; the other organisation's admin
    // offers dnssec and may take orgA's request up (orgA's own people may not); only orgA's admin withdraws it.
    'GET /learn/mentorships': { path: p('/learn/mentorships'), expect: FED_MEMBERS },
    'POST /learn/mentorship-requests': { path: p('/learn/mentorship-requests'), body: (f) => ({ org: f.orgA.slug, skill: 'backups', languages: 'en', goals: 'Matrix' }), expect: ORG },
    'POST /learn/mentorship-requests/:id/take-up': { path: (f) => `/learn/mentorship-requests/${mr(f)}/take-up`, body: () => ({}), expect: only('otherOrgAdmin') },
    'POST /learn/mentorship-requests/:id/withdraw': { path: (f) => `/learn/mentorship-requests/${mr(f)}/withdraw`, expect: ORG },
    'GET /fund/requests/:id/translate': { path: (f) => `/fund/requests/${r(f)}/translate`, expect: ORG },
    'POST /fund/requests/:id/translate': { path: (f) => `/fund/requests/${r(f)}/translate`, body: () => ({}), expect: ORG },
    'POST /api/v1/trainings': { path: p('/api/v1/trainings'), json: true, body: (f) => json(trainingJson(f)), expect: ORG },
    'GET /api/v1/trainings/:id': { path: (f) => `/api/v1/trainings/${tr(f)}`, expect: PUBLIC },
    'PATCH /api/v1/trainings/:id': { path: (f) => `/api/v1/trainings/${tr(f)}`, json: true, body: () => ({ place: 'Matrix room' }), expect: TRAINING_MANAGERS },
    'POST /api/v1/trainings/:id/cancel': { path: (f) => `/api/v1/trainings/${f.solidarity.trainingToCancel}/cancel`, json: true, body: () => ({ reason: 'Matrix' }), expect: TRAINING_MANAGERS },
    'PUT /api/v1/trainings/:id/translations/:lang': { path: (f) => `/api/v1/trainings/${tr(f)}/translations/es`, json: true, body: () => ({ title: 'Formación', description: 'Texto' }), expect: TRAINING_MANAGERS },
    'PUT /api/v1/trainings/:id/registration': { path: (f) => `/api/v1/trainings/${tr(f)}/registration`, json: true, expect: SIGNED_IN },
    'DELETE /api/v1/trainings/:id/registration': { path: (f) => `/api/v1/trainings/${tr(f)}/registration`, json: true, expect: SIGNED_IN },
    'GET /api/v1/skills': { path: p('/api/v1/skills'), expect: SIGNED_IN },
    'PUT /api/v1/skills/:direction/:skill': { path: p('/api/v1/skills/need/backups'), json: true, body: (f) => json({ org: f.orgA.slug, languages: ['en'] }), expect: ORG },
    'DELETE /api/v1/skills/:direction/:skill': { path: p('/api/v1/skills/offer/nothing'), json: true, expect: SIGNED_IN },
    'POST /api/v1/mentorships': { path: p('/api/v1/mentorships'), json: true, body: (f) => ({ menteeId: f.people.member.id, skill: 'dnssec', goals: 'Matrix' }), expect: only('otherOrgAdmin') },
    'GET /api/v1/mentorships/:id': { path: (f) => `/api/v1/mentorships/${f.solidarity.mentorshipId}`, expect: only('member', 'coordinator', 'fedAdmin') },
    'POST /api/v1/mentorships/:id/sessions': { path: (f) => `/api/v1/mentorships/${f.solidarity.mentorshipId}/sessions`, json: true, body: () => ({ heldOn: '2030-01-02', note: 'Matrix' }), expect: only('member') },
    'POST /api/v1/mentorships/:id/end': { path: (f) => `/api/v1/mentorships/${f.solidarity.mentorshipId}/end`, json: true, body: () => ({ endNote: 'Matrix' }), expect: only('member') },
    'GET /api/v1/mentorship-requests': { path: p('/api/v1/mentorship-requests'), expect: FED_MEMBERS },
    'POST /api/v1/mentorship-requests': { path: p('/api/v1/mentorship-requests'), json: true, body: (f) => json({ org: f.orgA.slug, skill: 'backups', languages: ['en'], goals: 'Matrix' }), expect: ORG },
    'POST /api/v1/mentorship-requests/:id/take-up': { path: (f) => `/api/v1/mentorship-requests/${mr(f)}/take-up`, json: true, expect: only('otherOrgAdmin') },
    'POST /api/v1/mentorship-requests/:id/withdraw': { path: (f) => `/api/v1/mentorship-requests/${mr(f)}/withdraw`, json: true, expect: ORG },
    'PUT /api/v1/fund/requests/:id/translations/:field/:lang': { path: (f) => `/api/v1/fund/requests/${r(f)}/translations/purpose/es`, json: true, body: () => ({ body: 'Texto de la matriz' }), expect: ORG },
  };
}

function postureScanRoutes(): Record<string, RouteCase> {
  const VIEW = only('member', 'orgAdmin');
  const MANAGE = only('orgAdmin');
  const o = (f: Fixture) => `/orgs/${f.orgA.slug}/posture`;
  const api = (f: Fixture) => `/api/v1/orgs/${f.orgA.slug}/posture`;
  const a = (f: Fixture) => f.postureScans.assetId;
  return {
    'GET /orgs/:slug/posture/assets': { path: (f) => `${o(f)}/assets`, expect: VIEW },
    'POST /orgs/:slug/posture/assets': { path: (f) => `${o(f)}/assets`, body: () => ({ domain: `${unique('m')}.example.org`, dkimSelectors: '' }), expect: MANAGE },
    'POST /orgs/:slug/posture/interval': { path: (f) => `${o(f)}/interval`, body: () => ({ intervalDays: '7' }), expect: MANAGE },
    'POST /orgs/:slug/posture/notices/:id/dismiss': { path: (f) => `${o(f)}/notices/${f.postureScans.noticeId}/dismiss`, expect: MANAGE },
    'GET /orgs/:slug/posture/assets/:id': { path: (f) => `${o(f)}/assets/${a(f)}`, expect: VIEW },
    'POST /orgs/:slug/posture/assets/:id/verify': { path: (f) => `${o(f)}/assets/no-such-asset/verify`, body: () => ({ method: 'dns' }), expect: MANAGE },
    'POST /orgs/:slug/posture/assets/:id/settings': { path: (f) => `${o(f)}/assets/${a(f)}/settings`, body: () => ({ dkimSelectors: 'matrix' }), expect: MANAGE },
    'POST /orgs/:slug/posture/assets/:id/scan': { path: (f) => `${o(f)}/assets/${a(f)}/scan`, expect: MANAGE },
    'GET /orgs/:slug/posture/assets/:id/remove': { path: (f) => `${o(f)}/assets/${a(f)}/remove`, expect: MANAGE },
    // Without confirm=yes: judged, then refused as incomplete (422).
    'POST /orgs/:slug/posture/assets/:id/remove': { path: (f) => `${o(f)}/assets/${a(f)}/remove`, body: () => ({}), expect: MANAGE },
    'GET /orgs/:slug/posture/scans/:id': { path: (f) => `${o(f)}/scans/${f.postureScans.scanId}`, expect: VIEW },
    'GET /api/v1/orgs/:slug/posture/assets': { path: (f) => `${api(f)}/assets`, expect: VIEW },
    'POST /api/v1/orgs/:slug/posture/assets': { path: (f) => `${api(f)}/assets`, json: true, body: () => ({ domain: `${unique('m')}.example.org` }), expect: MANAGE },
    'GET /api/v1/orgs/:slug/posture/assets/:id': { path: (f) => `${api(f)}/assets/${a(f)}`, expect: VIEW },
    'PATCH /api/v1/orgs/:slug/posture/assets/:id': { path: (f) => `${api(f)}/assets/${a(f)}`, json: true, body: () => ({ dkimSelectors: [] }) as unknown as Record<string, string>, expect: MANAGE },
    'DELETE /api/v1/orgs/:slug/posture/assets/:id': { path: (f) => `${api(f)}/assets/${f.postureScans.assetToRemove}`, json: true, expect: MANAGE },
    'POST /api/v1/orgs/:slug/posture/assets/:id/verify': { path: (f) => `${api(f)}/assets/no-such-asset/verify`, json: true, body: () => ({ method: 'dns' }), expect: MANAGE },
    'POST /api/v1/orgs/:slug/posture/assets/:id/scans': { path: (f) => `${api(f)}/assets/${a(f)}/scans`, json: true, expect: MANAGE },
    'GET /api/v1/orgs/:slug/posture/scans': { path: (f) => `${api(f)}/scans`, expect: VIEW },
    'GET /api/v1/orgs/:slug/posture/scans/:id': { path: (f) => `${api(f)}/scans/${f.postureScans.scanId}`, expect: VIEW },
    'GET /api/v1/orgs/:slug/posture/results': { path: (f) => `${api(f)}/results`, expect: VIEW },
    'PUT /api/v1/orgs/:slug/posture/settings': { path: (f) => `${api(f)}/settings`, json: true, body: () => ({ intervalDays: 7 }) as unknown as Record<string, string>, expect: MANAGE },
    'GET /api/v1/orgs/:slug/posture/notices': { path: (f) => `${api(f)}/notices`, expect: VIEW },
    'POST /api/v1/orgs/:slug/posture/notices/:id/dismiss': { path: (f) => `${api(f)}/notices/${f.postureScans.noticeId}/dismiss`, json: true, expect: MANAGE },
  };
}

// The posture baseline. The baseline, its versions and changes and the federation overview are public.
// orgA's scorecard is private: only its own people see it (its evidence, notes and answers too), never
// other organisations, coordinators or federation admins. Only its org-admins change anything of it.
// Help requests are for people inside the federation; an offer comes from another organisation's admins.
function postureBaselineRoutes(): Record<string, RouteCase> {
  const INSIDERS = only('member', 'orgAdmin');
  const ADMINS = only('orgAdmin');
  const PROPOSERS = only('otherOrgAdmin', 'orgAdmin', 'coordinator', 'fedAdmin');
  const o = (f: Fixture) => `/orgs/${f.orgA.slug}/posture`;
  const h = (f: Fixture) => `/posture/help/${f.postureBaseline.helpRequestId}`;
  const json = (v: Record<string, unknown>) => v as unknown as Record<string, string>;
  return {
    'GET /baseline': { path: p('/baseline'), expect: PUBLIC },
    'GET /baseline/practices/:id': { path: p('/baseline/practices/dnssec'), expect: PUBLIC },
    'GET /baseline/practices/:id/translate': { path: p('/baseline/practices/dnssec/translate'), expect: FED_MEMBERS },
    'POST /baseline/practices/:id/translate': { path: p('/baseline/practices/dnssec/translate'), body: () => ({}), expect: FED_MEMBERS },
    'GET /baseline/versions': { path: p('/baseline/versions'), expect: PUBLIC },
    'GET /baseline/versions/:version': { path: p('/baseline/versions/1'), expect: PUBLIC },
    'GET /baseline/changes/:id': { path: (f) => `/baseline/changes/${f.postureBaseline.changeId}`, expect: PUBLIC },
    'GET /baseline/propose': { path: p('/baseline/propose'), expect: PROPOSERS },
    'POST /baseline/propose': { path: p('/baseline/propose'), body: () => ({}), expect: PROPOSERS },
    'GET /posture': { path: p('/posture'), expect: PUBLIC },
    'GET /orgs/:slug/posture': { path: (f) => o(f), expect: INSIDERS },
    'GET /orgs/:slug/posture/scorecard.json': { path: (f) => `${o(f)}/scorecard.json`, expect: INSIDERS },
    'GET /orgs/:slug/posture/scorecard.csv': { path: (f) => `${o(f)}/scorecard.csv`, expect: INSIDERS },
    'POST /orgs/:slug/posture/visibility': { path: (f) => `${o(f)}/visibility`, body: () => ({ visibility: 'private' }), expect: ADMINS },
    'GET /orgs/:slug/posture/practices/:id': { path: (f) => `${o(f)}/practices/admin-2fa`, expect: INSIDERS },
    'POST /orgs/:slug/posture/practices/:id/answer': { path: (f) => `${o(f)}/practices/admin-2fa/answer`, body: () => ({}), expect: ADMINS },
    'POST /orgs/:slug/posture/practices/:id/help': { path: (f) => `${o(f)}/practices/monitoring-alerting/help`, body: () => ({}), expect: ADMINS },
    'GET /orgs/:slug/posture/can-help': { path: (f) => `${o(f)}/can-help`, expect: ADMINS },
    'POST /orgs/:slug/posture/can-help': { path: (f) => `${o(f)}/can-help`, body: () => ({ practice: 'dnssec' }), expect: ADMINS },
    'GET /posture/help': { path: p('/posture/help'), expect: FED_MEMBERS },
    'GET /posture/help/:id': { path: (f) => h(f), expect: FED_MEMBERS },
    'POST /posture/help/:id/offer': { path: (f) => `${h(f)}/offer`, body: (f) => ({ org: f.orgB.slug }), expect: only('otherOrgAdmin') },
    'POST /posture/help/:id/close': { path: (f) => `${h(f)}/close`, body: () => ({}), expect: ADMINS },
    'GET /api/v1/baseline': { path: p('/api/v1/baseline'), expect: PUBLIC },
    'GET /api/v1/baseline/practices/:id': { path: p('/api/v1/baseline/practices/dnssec'), expect: PUBLIC },
    'PUT /api/v1/baseline/practices/:id/translations/:field/:lang': { path: p('/api/v1/baseline/practices/dnssec/translations/why/ca'), json: true, body: () => ({ body: 'Text de la matriu' }), expect: FED_MEMBERS },
    'GET /api/v1/baseline/versions': { path: p('/api/v1/baseline/versions'), expect: PUBLIC },
    'GET /api/v1/baseline/versions/:version': { path: p('/api/v1/baseline/versions/1'), expect: PUBLIC },
    'POST /api/v1/baseline/changes': {
      path: p('/api/v1/baseline/changes'),
      json: true,
      body: (f, a) =>
        json({
          title: 'Matrix baseline change',
          body: 'Text',
          lang: 'en',
          ...(speaksForFederation(a) ? {} : { authorOrgId: f.orgA.id }),
          closesAt: inAWeek().toISOString(),
          changes: [{ op: 'weight', practiceId: 'rate-limits', weight: 2 }],
        }),
      expect: only('orgAdmin', 'coordinator', 'fedAdmin'),
    },
    'GET /api/v1/baseline/changes/:id': { path: (f) => `/api/v1/baseline/changes/${f.postureBaseline.changeId}`, expect: PUBLIC },
    'GET /api/v1/posture/overview': { path: p('/api/v1/posture/overview'), expect: PUBLIC },
    'GET /api/v1/orgs/:slug/scorecard': { path: (f) => `/api/v1/orgs/${f.orgA.slug}/scorecard`, expect: INSIDERS },
    'GET /api/v1/orgs/:slug/self-assessment': { path: (f) => `/api/v1/orgs/${f.orgA.slug}/self-assessment`, expect: INSIDERS },
    'PUT /api/v1/orgs/:slug/self-assessment/:practiceId': { path: (f) => `/api/v1/orgs/${f.orgA.slug}/self-assessment/admin-2fa`, json: true, body: () => ({ answer: 'partly' }), expect: ADMINS },
    'PUT /api/v1/orgs/:slug/posture/visibility': { path: (f) => `/api/v1/orgs/${f.orgA.slug}/posture/visibility`, json: true, body: () => ({ visibility: 'private' }), expect: ADMINS },
    'PUT /api/v1/orgs/:slug/posture/can-help': { path: (f) => `/api/v1/orgs/${f.orgA.slug}/posture/can-help`, json: true, body: () => json({ practiceIds: ['dnssec'] }), expect: ADMINS },
    'GET /api/v1/posture/help': { path: p('/api/v1/posture/help'), expect: FED_MEMBERS },
    'GET /api/v1/posture/help/:id': { path: (f) => `/api/v1/posture/help/${f.postureBaseline.helpRequestId}`, expect: FED_MEMBERS },
    'POST /api/v1/orgs/:slug/posture/help': { path: (f) => `/api/v1/orgs/${f.orgA.slug}/posture/help`, json: true, body: () => ({ practiceId: 'capacity-planning' }), expect: ADMINS },
    'POST /api/v1/posture/help/:id/offers': { path: (f) => `/api/v1/posture/help/${f.postureBaseline.helpRequestId}/offers`, json: true, body: (f) => ({ org: f.orgB.slug }), expect: only('otherOrgAdmin') },
    // Last: the org-admin's call closes the request.
    'POST /api/v1/posture/help/:id/close': { path: (f) => `/api/v1/posture/help/${f.postureBaseline.helpRequestId}/close`, json: true, body: () => ({ outcome: 'withdrawn' }), expect: ADMINS },
  };
}
