import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { engines } from '../../../test/helpers/db.js';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { InjectBrowser } from '../../../test/helpers/browser.js';
import { makePerson, PASSWORD, signIn, type TestPerson } from '../../../test/factories/index.js';
import { ManualClock } from '../time.js';
import { systemActor, type Actor } from './actor.js';
import { suspendPerson } from './auth.service.js';
import { createApiToken } from './tokens.service.js';

const DAY = 24 * 3_600_000;
const actorOf = (p: TestPerson): Actor => ({ kind: 'person', person: p, memberships: [] });

describe.each(engines)('personal API tokens (%s)', (engine) => {
  let t: TestApp;
  const clock = new ManualClock(new Date());
  beforeAll(async () => {
    t = await createTestApp(engine, { clock });
  });
  afterAll(async () => t.close());

  const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });
  const me = (secret: string) => t.app.inject({ url: '/api/v1/me', headers: bearer(secret) });
  const tokenRow = (id: string) => t.deps.db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const auditOf = async (action: string, targetId: string) =>
    t.deps.db.selectFrom('audit_log').selectAll().where('action', '=', action).where('target_id', '=', targetId).execute();
  const newToken = async (p: TestPerson, scope: 'read' | 'write' = 'read', expiresInDays: number | null = 30) =>
    createApiToken(t.deps, actorOf(p), { name: 'script', scope, expiresInDays, current: PASSWORD });

  it('sends someone signed out to the sign-in page', async () => {
    const res = await new InjectBrowser(t.app).get('/account/tokens');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/login?next=%2Faccount%2Ftokens');
  });

  it('refuses to create a token without the current password or a name, keeping the typed name', async () => {
    const p = await makePerson(t.deps);
    const b = new InjectBrowser(t.app);
    await signIn(b, p);
    await b.get('/account/tokens');
    const wrong = await b.post('/account/tokens', { name: 'Backups', scope: 'read', expires: '30', current: 'not my password' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('That is not your current password.');
    expect(wrong.body).toContain('value="Backups"');
    const noName = await b.post('/account/tokens', { name: '  ', scope: 'read', expires: '30', current: PASSWORD });
    expect(noName.statusCode).toBe(422);
    const badScope = await b.post('/account/tokens', { name: 'x', scope: 'admin', expires: '30', current: PASSWORD });
    expect(badScope.statusCode).toBe(422);
    expect(await t.deps.db.selectFrom('api_tokens').select('id').where('person_id', '=', p.id).execute()).toEqual([]);
  });

  it('shows the secret once, stores only its SHA-256, and lists the token without it', async () => {
    const p = await makePerson(t.deps);
    const b = new InjectBrowser(t.app);
    await signIn(b, p);
    await b.get('/account/tokens');
    const res = await b.post('/account/tokens', { name: 'Backup <script>', scope: 'read', expires: '90', current: PASSWORD });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toContain('shown only this once');
    expect(res.body).toContain('Backup &lt;script');
    const secret = /value="(hearth_[A-Za-z0-9_-]{43})"/.exec(res.body)![1]!;

    const rows = await t.deps.db.selectFrom('api_tokens').selectAll().where('person_id', '=', p.id).execute();
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row.token_hash).toBe(createHash('sha256').update(secret).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(secret.slice(11));
    expect(row.scopes).toBe('read');
    expect(Date.parse(row.expires_at!) - clock.now().getTime()).toBe(90 * DAY);

    const list = await b.get('/account/tokens');
    expect(list.body).not.toContain(secret);
    expect(list.body).toContain(`${secret.slice(0, 11)}…`);
    expect(list.body).toContain('Not used yet');
    const entries = await auditOf('auth.token.created', row.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]!.actor_id).toBe(p.id);
    expect(JSON.stringify(entries[0])).not.toContain(secret);

    expect((await me(secret)).json()).toMatchObject({ id: p.id, email: p.email });
  });

  it('refuses a Bearer header that does not carry a working token with 401, even beside a valid session', async () => {
    const p = await makePerson(t.deps);
    const b = new InjectBrowser(t.app);
    await signIn(b, p);
    const cookie = [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    expect((await t.app.inject({ url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(200);
    for (const authorization of ['Bearer nonsense', `Bearer hearth_${'A'.repeat(43)}`, 'Bearer', 'Basic dXNlcjpwYXNz', 'bearer  ']) {
      const res = await t.app.inject({ url: '/api/v1/me', headers: { cookie, authorization } });
      expect(res.statusCode, authorization).toBe(401);
      expect(res.json().error.code).toBe('TOKEN_INVALID');
      expect(res.headers['www-authenticate']).toBe('Bearer realm="hearth"');
    }
    // A write with a bad token is refused as unauthenticated, not as a CSRF failure and not as the cookie's person.
    const post = await t.app.inject({ method: 'POST', url: '/api/v1/orgs', headers: { cookie, authorization: 'Bearer nonsense' }, payload: { name: 'X', slug: 'x-bad-token' } });
    expect(post.statusCode).toBe(401);
    // Public pages outside /api/ ignore the header.
    expect((await t.app.inject({ url: '/login', headers: { authorization: 'Bearer nonsense' } })).statusCode).toBe(200);
  });

  it('lets a read token read and refuses it any change with 403 TOKEN_SCOPE', async () => {
    const coordinator = await makePerson(t.deps, { fedRole: 'coordinator' });
    const { secret } = await newToken(coordinator, 'read');
    expect((await me(secret)).statusCode).toBe(200);
    const list = await t.app.inject({ url: '/api/v1/orgs', headers: bearer(secret) });
    expect(list.statusCode).toBe(200);
    const post = await t.app.inject({ method: 'POST', url: '/api/v1/orgs', headers: bearer(secret), payload: { name: 'Read Only', slug: 'read-only-try' } });
    expect(post.statusCode).toBe(403);
    expect(post.json().error.code).toBe('TOKEN_SCOPE');
    expect(await t.deps.db.selectFrom('organisations').select('id').where('slug', '=', 'read-only-try').executeTakeFirst()).toBeUndefined();
  });

  it('lets a write token make changes without a CSRF token, within its owner’s rights', async () => {
    const coordinator = await makePerson(t.deps, { fedRole: 'coordinator' });
    const { secret } = await newToken(coordinator, 'write');
    const post = await t.app.inject({ method: 'POST', url: '/api/v1/orgs', headers: bearer(secret), payload: { name: 'Via Token', slug: 'via-token' } });
    expect(post.statusCode).toBe(201);
    expect(post.json()).toMatchObject({ slug: 'via-token' });
    // A token never allows more than its owner may do.
    const plain = await makePerson(t.deps);
    const other = await newToken(plain, 'write');
    const refused = await t.app.inject({ method: 'POST', url: '/api/v1/orgs', headers: bearer(other.secret), payload: { name: 'Nope', slug: 'nope-token' } });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('FORBIDDEN');
  });

  it('does not let a token create or revoke tokens', async () => {
    const p = await makePerson(t.deps);
    const { token, secret } = await newToken(p, 'write');
    const create = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: bearer(secret),
      payload: { name: 'child', scope: 'write', expiresInDays: null, current: PASSWORD },
    });
    expect(create.statusCode).toBe(403);
    expect(create.json().error.code).toBe('TOKEN_SESSION_REQUIRED');
    const revoke = await t.app.inject({ method: 'POST', url: `/api/v1/tokens/${token.id}/revoke`, headers: bearer(secret), payload: { current: PASSWORD } });
    expect(revoke.statusCode).toBe(403);
    // Listing is a read, and never shows a secret.
    const list = await t.app.inject({ url: '/api/v1/tokens', headers: bearer(secret) });
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toEqual([expect.objectContaining({ id: token.id, scopes: ['read', 'write'], expired: false })]);
    expect(list.body).not.toContain(secret);
  });

  it('creates a token through the API from a browser session with the CSRF header', async () => {
    const p = await makePerson(t.deps);
    const b = new InjectBrowser(t.app);
    await signIn(b, p);
    await b.get('/account/tokens');
    const cookie = [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const payload = { name: 'ci', scope: 'write', expiresInDays: 7, current: PASSWORD };
    const noCsrf = await t.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: { cookie }, payload });
    expect(noCsrf.statusCode).toBe(403);
    const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: { cookie, 'x-csrf-token': b.csrf() }, payload: { ...payload, current: 'nope' } });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().error.code).toBe('REAUTH_FAILED');
    const ok = await t.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: { cookie, 'x-csrf-token': b.csrf() }, payload });
    expect(ok.statusCode).toBe(201);
    const body = ok.json();
    expect(body.secret).toMatch(/^hearth_[A-Za-z0-9_-]{43}$/);
    expect(body.token).toMatchObject({ name: 'ci', scopes: ['read', 'write'], lastUsedAt: null });
    expect((await me(body.secret)).statusCode).toBe(200);
  });

  it('records the last use at most once a minute', async () => {
    const p = await makePerson(t.deps);
    const { token, secret } = await newToken(p);
    expect((await tokenRow(token.id)).last_used_at).toBeNull();
    await me(secret);
    const first = (await tokenRow(token.id)).last_used_at;
    expect(first).toBe(clock.now().toISOString());
    clock.advance(30_000);
    await me(secret);
    expect((await tokenRow(token.id)).last_used_at).toBe(first);
    clock.advance(31_000);
    await me(secret);
    expect((await tokenRow(token.id)).last_used_at).toBe(clock.now().toISOString());
  });

  it('revokes a token after confirmation with the password; it stops working at once', async () => {
    const p = await makePerson(t.deps);
    const { token, secret } = await newToken(p);
    expect((await me(secret)).statusCode).toBe(200);
    const b = new InjectBrowser(t.app);
    await signIn(b, p);
    const confirm = await b.get(`/account/tokens/${token.id}/revoke`);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('Scripts that use it stop working at once.');
    const wrong = await b.post(`/account/tokens/${token.id}/revoke`, { current: 'not my password' });
    expect(wrong.statusCode).toBe(422);
    expect((await me(secret)).statusCode).toBe(200);

    // Someone else cannot revoke it, nor learn that it exists.
    const stranger = await makePerson(t.deps);
    const sb = new InjectBrowser(t.app);
    await signIn(sb, stranger);
    expect((await sb.get(`/account/tokens/${token.id}/revoke`)).statusCode).toBe(404);
    await sb.get('/account/tokens');
    expect((await sb.post(`/account/tokens/${token.id}/revoke`, { current: PASSWORD })).statusCode).toBe(404);
    expect((await me(secret)).statusCode).toBe(200);

    const ok = await b.post(`/account/tokens/${token.id}/revoke`, { current: PASSWORD });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/account/tokens');
    const after = await me(secret);
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('TOKEN_INVALID');
    const list = await b.get('/account/tokens');
    expect(list.body).toContain('The token is revoked.');
    expect(list.body).not.toContain(token.prefix);
    expect(await auditOf('auth.token.revoked', token.id)).toHaveLength(1);
  });

  it('stops the tokens of a suspended person at once, and does not bring them back on reinstatement', async () => {
    const p = await makePerson(t.deps);
    const { secret } = await newToken(p);
    expect((await me(secret)).statusCode).toBe(200);
    // Even a status changed behind Hearth's back counts on the next request.
    await t.deps.db.updateTable('people').set({ status: 'suspended' }).where('id', '=', p.id).execute();
    expect((await me(secret)).statusCode).toBe(401);
    await t.deps.db.updateTable('people').set({ status: 'active' }).where('id', '=', p.id).execute();
    expect((await me(secret)).statusCode).toBe(200);

    await suspendPerson(t.deps, systemActor('test'), p.id);
    expect((await me(secret)).statusCode).toBe(401);
    await t.deps.db.updateTable('people').set({ status: 'active' }).where('id', '=', p.id).execute();
    expect((await me(secret)).statusCode).toBe(401);
  });

  it('refuses an expired token with TOKEN_EXPIRED and marks it expired in the list', async () => {
    const p = await makePerson(t.deps);
    const { secret } = await newToken(p, 'read', 7);
    const forever = await newToken(p, 'read', null);
    clock.advance(7 * DAY - 1000);
    expect((await me(secret)).statusCode).toBe(200);
    clock.advance(1000);
    const res = await me(secret);
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('TOKEN_EXPIRED');
    expect((await me(forever.secret)).statusCode).toBe(200);
    const b = new InjectBrowser(t.app);
    await signIn(b, p);
    const list = await b.get('/account/tokens');
    expect(list.body).toContain('(expired)');
    expect(list.body).toContain('Never');
  });
});
