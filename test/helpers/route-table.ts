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
};
