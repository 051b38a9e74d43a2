import { describe, expect, it } from 'vitest';
import { judgeCookies, looksLikeSession, parseSetCookie } from './cookies.js';
import { assessCsp, judgeCsp, judgeFraming, judgeHsts, judgeNosniff, judgeReferrerPolicy, parseCsp, parseCspHeader, parseHsts } from './headers.js';

const STRICT = "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

describe('HSTS (HTTP-03)', () => {
  it('parses directives case-insensitively, with quoted values', () => {
    expect(parseHsts('max-age=31536000; includeSubDomains; preload')).toEqual({ maxAge: 31536000, includeSubDomains: true, preload: true, errors: [] });
    expect(parseHsts('Max-Age="600"').maxAge).toBe(600);
    expect(parseHsts('includeSubDomains').errors).toEqual(['max-age is missing']);
    expect(parseHsts('max-age=abc').errors[0]).toContain('not a number');
    expect(parseHsts('max-age=1; max-age=2').errors).toContain('max-age appears more than once');
  });

  it.each([
    [['max-age=31536000'], 'pass'],
    [['max-age=63072000; includeSubDomains'], 'pass'],
    [['max-age=15768000'], 'warn'],
    [['max-age=15767999'], 'fail'],
    [['max-age=0'], 'fail'],
    [[], 'fail'],
    [['max-age=x'], 'fail'],
    // Only the first header counts.
    [['max-age=300', 'max-age=31536000'], 'fail'],
  ])('%j → %s', (values, status) => {
    expect(judgeHsts(values).status).toBe(status);
  });
});

describe('Content-Security-Policy (HTTP-04)', () => {
  it('parses directives; the first of a name wins; names are case-insensitive', () => {
    const p = parseCsp("Script-Src 'self' https://cdn.example;  script-src *; img-src data:;;");
    expect(p.get('script-src')).toEqual(["'self'", 'https://cdn.example']);
    expect(p.get('img-src')).toEqual(['data:']);
    expect(parseCspHeader("default-src 'self', script-src 'none'")).toHaveLength(2);
  });

  it('passes a strict policy', () => {
    expect(judgeCsp([STRICT]).status).toBe('pass');
    // unsafe-inline beside a nonce is ignored by browsers.
    expect(judgeCsp(["script-src 'nonce-abc' 'unsafe-inline' 'strict-dynamic'; object-src 'none'; base-uri 'self'; frame-ancestors 'self'"]).status).toBe('pass');
  });

  it.each([
    ["default-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'", "'unsafe-inline'"],
    ["script-src 'self' 'unsafe-eval'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'", "'unsafe-eval'"],
    ["script-src https:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'", 'https:'],
    ["default-src 'self'; base-uri 'none'; frame-ancestors 'none'; object-src *", "object-src is not 'none'"],
    ["default-src 'self'; frame-ancestors 'none'", 'base-uri is not restricted'],
    ["default-src 'self'; object-src 'none'; base-uri 'self'", 'frame-ancestors is not set'],
    ["img-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'", 'no script-src or default-src'],
  ])('warns on a weak policy: %s', (policy, weakness) => {
    const v = judgeCsp([policy]);
    expect(v.status).toBe('warn');
    expect(v.summary).toContain(weakness);
  });

  it('warns when absent or only report-only', () => {
    expect(judgeCsp([]).summary).toBe('No Content-Security-Policy header.');
    expect(judgeCsp([], [STRICT]).summary).toContain('Report-Only');
  });

  it('combines several enforced policies: each criterion may come from any of them', () => {
    expect(assessCsp([parseCsp("script-src 'self'; object-src 'none'"), parseCsp("base-uri 'none'; frame-ancestors 'none'")]).weaknesses).toEqual([]);
  });
});

describe('X-Content-Type-Options, framing, Referrer-Policy (HTTP-05…07)', () => {
  it('nosniff', () => {
    expect(judgeNosniff(['nosniff']).status).toBe('pass');
    expect(judgeNosniff(['NoSniff']).status).toBe('pass');
    expect(judgeNosniff(['sniff']).status).toBe('warn');
    expect(judgeNosniff([]).status).toBe('warn');
  });

  it('framing: X-Frame-Options or frame-ancestors, otherwise info', () => {
    expect(judgeFraming(['DENY'], []).status).toBe('pass');
    expect(judgeFraming(['sameorigin'], []).status).toBe('pass');
    expect(judgeFraming([], ["frame-ancestors 'none'"]).status).toBe('pass');
    expect(judgeFraming(['ALLOW-FROM https://x.example'], []).status).toBe('info');
    expect(judgeFraming(['DENY', 'SAMEORIGIN'], []).status).toBe('info');
    expect(judgeFraming([], ['frame-ancestors *']).status).toBe('info');
    expect(judgeFraming([], []).status).toBe('info');
  });

  it.each([
    [['no-referrer'], 'pass'],
    [['same-origin'], 'pass'],
    [['strict-origin'], 'pass'],
    [['Strict-Origin-When-Cross-Origin'], 'pass'],
    [['unsafe-url'], 'fail'],
    [['origin'], 'fail'],
    [['no-referrer-when-downgrade'], 'fail'],
    [['origin-when-cross-origin'], 'warn'],
    [[], 'warn'],
    [['bogus'], 'warn'],
    // The last value the browser knows wins.
    [['unsafe-url, no-referrer'], 'pass'],
    [['no-referrer', 'unsafe-url'], 'fail'],
    [['no-referrer, bogus'], 'pass'],
  ])('Referrer-Policy %j → %s', (values, status) => {
    expect(judgeReferrerPolicy(values).status).toBe(status);
  });
});

describe('cookies (HTTP-09)', () => {
  it('parses attributes whatever their case', () => {
    expect(parseSetCookie('sid=abc; Path=/; secure; HTTPONLY; SameSite=Lax')).toEqual({ name: 'sid', secure: true, httpOnly: true, sameSite: 'lax', persistent: false });
    expect(parseSetCookie('pref=dark; Max-Age=3600')).toMatchObject({ name: 'pref', persistent: true, secure: false });
    expect(parseSetCookie('')).toBeUndefined();
  });

  it('treats session-named and non-persistent cookies as sessions, but not CSRF tokens', () => {
    expect(looksLikeSession(parseSetCookie('PHPSESSID=1; Max-Age=100')!)).toBe(true);
    expect(looksLikeSession(parseSetCookie('theme=1')!)).toBe(true);
    expect(looksLikeSession(parseSetCookie('theme=1; Expires=Wed, 21 Oct 2037 07:28:00 GMT')!)).toBe(false);
    expect(looksLikeSession(parseSetCookie('XSRF-TOKEN=1')!)).toBe(false);
  });

  it('passes no cookies, and good ones', () => {
    expect(judgeCookies([]).status).toBe('pass');
    expect(judgeCookies(['__Host-session=1; Path=/; Secure; HttpOnly; SameSite=Lax']).status).toBe('pass');
  });

  it('fails a session cookie without Secure or HttpOnly', () => {
    const v = judgeCookies(['session=1; Path=/; HttpOnly; SameSite=Lax']);
    expect(v.status).toBe('fail');
    expect(v.summary).toContain('session (a session cookie) lacks Secure');
    expect(judgeCookies(['sid=1; Secure; SameSite=Strict']).summary).toContain('lacks HttpOnly');
  });

  it('warns a persistent cookie without Secure or SameSite, fails SameSite=None without Secure', () => {
    expect(judgeCookies(['lang=en; Max-Age=99999; SameSite=Lax']).status).toBe('warn');
    expect(judgeCookies(['lang=en; Max-Age=99999; Secure']).summary).toContain('has no SameSite');
    expect(judgeCookies(['lang=en; Max-Age=99999; SameSite=None']).status).toBe('fail');
  });
});
