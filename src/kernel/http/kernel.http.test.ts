import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../../test/helpers/db.js';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { InjectBrowser } from '../../../test/helpers/browser.js';
import { makePerson, signIn } from '../../../test/factories/index.js';
import { localPath } from './kernel.plugin.js';
import { routeTable } from '../../../test/helpers/route-table.js';

const METRICS_TOKEN = 'a-long-enough-metrics-token';

describe('localPath', () => {
  it.each([
    ['/orgs', '/orgs'],
    ['/orgs?after=x', '/orgs?after=x'],
    ['//evil.example', '/'],
    ['/%2F%2Fevil.example', '/'],
    ['/\\evil.example', '/'],
    ['https://evil.example', '/'],
    ['javascript:alert(1)', '/'],
    [undefined, '/'],
  ])('%s → %s', (input, expected) => {
    expect(localPath(input)).toBe(expected);
  });
});

describe.each(engines)('HTTP kernel (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine, { env: { HEARTH_METRICS_TOKEN: METRICS_TOKEN } });
  });
  afterAll(async () => t.close());

  it('sends the security headers on every GET page, signed in or not', async () => {
    const admin = await makePerson(t.deps, { fedRole: 'admin' });
    const signedIn = new InjectBrowser(t.app);
    await signIn(signedIn, admin);
    const anonymous = new InjectBrowser(t.app);
    const gets = Object.keys(routeTable)
      .filter((k) => k.startsWith('GET '))
      .map((k) => k.slice(4))
      .filter((u) => !u.includes(':'))
      .concat(['/no-such-page']);
    for (const url of gets) {
      for (const b of [anonymous, signedIn]) {
        const res = await b.get(url);
        const csp = String(res.headers['content-security-policy']);
        expect(csp, url).toContain("default-src 'self'");
        expect(csp, url).toContain("frame-ancestors 'none'");
        expect(csp, url).toContain("object-src 'none'");
        expect(csp, url).toContain("base-uri 'none'");
        expect(csp, url).toContain("form-action 'self'");
        expect(csp, url).not.toContain('unsafe-inline');
        expect(csp, url).not.toContain('unsafe-eval');
        expect(res.headers['x-content-type-options'], url).toBe('nosniff');
        expect(res.headers['referrer-policy'], url).toBe('no-referrer');
        expect(res.headers['permissions-policy'], url).toContain('camera=()');
        expect(res.headers['x-frame-options'], url).toBe('DENY');
        // No HSTS over plain HTTP unless configured.
        expect(res.headers['strict-transport-security'], url).toBeUndefined();
        if (String(res.headers['content-type']).includes('text/html')) expect(res.headers['cache-control'], url).toBe('no-store');
      }
    }
  });

  it('answers HSTS when the request came over HTTPS through a trusted proxy', async () => {
    const proxied = await createTestApp(engine, { env: { HEARTH_TRUST_PROXY: '127.0.0.1', HEARTH_BASE_URL: 'https://hearth.example' } });
    try {
      const res = await proxied.app.inject({ url: '/login', headers: { 'x-forwarded-proto': 'https' } });
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      // Over HTTPS the cookies get the __Host- prefix and Secure.
      const csrf = res.cookies.find((c) => c.name.startsWith('__Host-'));
      expect(csrf?.secure).toBe(true);
    } finally {
      await proxied.close();
    }
  });

  it('serves the stylesheet with a content hash and a long cache', async () => {
    const page = await t.app.inject({ url: '/login' });
    const href = /href="(\/assets\/hearth\.[0-9a-f]{12}\.css)"/.exec(page.body)![1]!;
    const css = await t.app.inject({ url: href });
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toContain('text/css');
    expect(css.headers['cache-control']).toContain('immutable');
    expect((await t.app.inject({ url: '/assets/hearth.000000000000.css' })).statusCode).toBe(404);
  });

  it('answers unknown pages with a translated 404 page and unknown API paths with JSON', async () => {
    const page = await t.app.inject({ url: '/nowhere', headers: { 'accept-language': 'es' } });
    expect(page.statusCode).toBe(404);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('lang="es"');
    const api = await t.app.inject({ url: '/api/v1/nowhere' });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('refuses oversized bodies with 413', async () => {
    const b = new InjectBrowser(t.app);
    await b.get('/login');
    const res = await b.post('/login', { email: 'x'.repeat(300 * 1024), password: 'y' });
    expect(res.statusCode).toBe(413);
  });

  it('answers API errors as JSON with a stable code and field messages', async () => {
    const unauth = await t.app.inject({ url: '/api/v1/me' });
    expect(unauth.statusCode).toBe(401);
    expect(unauth.json()).toEqual({ error: { code: 'UNAUTHENTICATED', message: 'Sign in first.', details: {} } });
    const coordinator = await makePerson(t.deps, { fedRole: 'coordinator' });
    const b = new InjectBrowser(t.app);
    await signIn(b, coordinator);
    await b.get('/');
    const cookie = [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    // A cookie-authenticated API write needs the CSRF header.
    const noCsrf = await t.app.inject({ method: 'POST', url: '/api/v1/orgs', headers: { cookie }, payload: { name: 'X', slug: 'x-org' } });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().error.code).toBe('CSRF_INVALID');
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/orgs', headers: { cookie, 'x-csrf-token': b.csrf() }, payload: { name: '', slug: 'Not A Slug' } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    const slug = `api-${Date.now()}`;
    const ok = await t.app.inject({ method: 'POST', url: '/api/v1/orgs', headers: { cookie, 'x-csrf-token': b.csrf() }, payload: { name: 'Via API', slug } });
    expect(ok.statusCode).toBe(201);
    const dup = await t.app.inject({ method: 'POST', url: '/api/v1/orgs', headers: { cookie, 'x-csrf-token': b.csrf() }, payload: { name: 'Again', slug } });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toMatchObject({ code: 'ORG_SLUG_TAKEN', details: { fields: { slug: { code: 'error.ORG_SLUG_TAKEN' } } } });
  });

  it('shows /metrics to loopback and to the token holder only', async () => {
    const local = await t.app.inject({ url: '/metrics' });
    expect(local.statusCode).toBe(200);
    expect(local.body).toContain('hearth_http_request_duration_seconds');
    const remote = await t.app.inject({ url: '/metrics', remoteAddress: '203.0.113.7' });
    expect(remote.statusCode).toBe(403);
    const withToken = await t.app.inject({ url: '/metrics', remoteAddress: '203.0.113.7', headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(withToken.statusCode).toBe(200);
    const wrongToken = await t.app.inject({ url: '/metrics', remoteAddress: '203.0.113.7', headers: { authorization: 'Bearer nope' } });
    expect(wrongToken.statusCode).toBe(403);
  });

  it('reports health with the database', async () => {
    const res = await t.app.inject({ url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });
});

describe.each(engines)('rate limits answer 429 (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => t.close());

  // Each limited route, from one source, until it refuses. Limits are per source address.
  it.each([
    ['/login', '/login', 20],
    ['/password/forgot', '/password/forgot', 5],
    ['/setup/x', '/setup/x', 10],
    ['/invite/x', '/invite/x', 20],
  ])('POST %s', async (page, action, max) => {
    const b = new InjectBrowser(t.app, { 'x-forwarded-for': '198.51.100.1' });
    await b.get('/login');
    const token = b.csrf();
    const source = `198.51.100.${Math.floor(Math.random() * 200) + 2}`;
    let last = 0;
    for (let i = 0; i <= max; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: action,
        remoteAddress: source,
        headers: { cookie: [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: token, email: 'a@example.org' }).toString(),
      });
      last = res.statusCode;
      if (i < max) expect(res.statusCode, `${page} attempt ${i + 1}`).not.toBe(429);
    }
    expect(last).toBe(429);
    // Another source is not affected.
    const other = await t.app.inject({ method: 'POST', url: action, remoteAddress: '192.0.2.99', payload: '' });
    expect(other.statusCode).not.toBe(429);
  });
});
