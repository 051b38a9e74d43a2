import { describe, expect, it } from 'vitest';
import { judgeScripts, pageResources, scanTags } from './html.js';
import { judgeSecurityTxt, parseSecurityTxt } from './security-txt.js';

const now = new Date('2026-03-01T00:00:00Z');
const file = (body: string, status = 200, contentType = 'text/plain; charset=utf-8') => ({ status, contentType, body });

describe('security.txt (HTTP-08)', () => {
  it('passes Contact and an Expires less than a year ahead', () => {
    const v = judgeSecurityTxt(file('# our contacts\nContact: mailto:security@example.org\nContact: https://example.org/security\nExpires: 2026-12-31T23:00:00.000Z\n'), now);
    expect(v.status).toBe('pass');
    expect(v.facts).toMatchObject({ contact: ['mailto:security@example.org', 'https://example.org/security'] });
  });

  it('reads a cleartext-signed file between its armour lines', () => {
    const signed = [
      '-----BEGIN PGP SIGNED MESSAGE-----',
      'Hash: SHA256',
      '',
      'Contact: mailto:security@example.org',
      'Expires: 2026-06-01T00:00:00Z',
      '-----BEGIN PGP SIGNATURE-----',
      'iQIzBAEBCAAdFiEE',
      '-----END PGP SIGNATURE-----',
    ].join('\r\n');
    expect(parseSecurityTxt(signed)).toMatchObject({ contact: ['mailto:security@example.org'], expires: ['2026-06-01T00:00:00Z'], errors: [] });
    expect(judgeSecurityTxt(file(signed), now).status).toBe('pass');
  });

  it.each([
    ['Contact: mailto:a@example.org\nExpires: 2026-01-01T00:00:00Z\n', 'expired on 2026-01-01'],
    ['Contact: mailto:a@example.org\nExpires: 2028-01-01T00:00:00Z\n', 'more than a year ahead'],
    ['Contact: mailto:a@example.org\n', 'no Expires field'],
    ['Expires: 2026-06-01T00:00:00Z\n', 'no Contact field'],
    ['Contact: mailto:a@example.org\nExpires: next week\n', 'not an RFC 3339 date-time'],
    ['Contact: mailto:a@example.org\nExpires: 2026-06-01T00:00:00Z\nExpires: 2026-07-01T00:00:00Z\n', 'more than one Expires'],
  ])('warns: %j', (body, problem) => {
    const v = judgeSecurityTxt(file(body), now);
    expect(v.status).toBe('warn');
    expect(v.summary).toContain(problem);
  });

  it('warns when missing or when the site answers with an HTML page', () => {
    expect(judgeSecurityTxt(file('not found', 404), now).summary).toContain('HTTP 404');
    expect(judgeSecurityTxt(undefined, now).status).toBe('warn');
    expect(judgeSecurityTxt(file('<!doctype html><p>Welcome', 200, 'text/html'), now).summary).toContain('HTML page');
  });
});

describe('the home page scan (HTTP-10)', () => {
  const page = 'https://example.org/';

  it('reads tags and attributes tolerantly, skipping comments and script bodies', () => {
    const tags = scanTags(`<!-- <script src="http://commented.example/x.js"></script> -->
      <SCRIPT SRC=/own.js defer></SCRIPT>
      <script>document.write('<script src="http://inline.example/y.js"><\\/script>')</script>
      <script src='https://cdn.example/lib.js' integrity="sha384-abc" crossorigin></script>
      <img src="https://img.example/p.png" alt="a > b">`);
    expect(tags.map((t) => t.name)).toEqual(['script', 'script', 'script', 'img']);
    expect(tags[0]!.attrs).toEqual({ src: '/own.js', defer: '' });
    expect(tags[2]!.attrs.integrity).toBe('sha384-abc');
    expect(tags[3]!.attrs.alt).toBe('a > b');
  });

  it('passes scripts from the site itself (and its subdomains) over HTTPS', () => {
    const r = pageResources('<script src="/a.js"></script><script src="https://static.example.org/b.js"></script>', page, 'example.org');
    expect(judgeScripts(r, 'example.org').status).toBe('pass');
    expect(judgeScripts(pageResources('<p>no scripts</p>', page, 'example.org'), 'example.org').summary).toContain('no external scripts');
  });

  it('fails a script over plain HTTP, even the site’s own', () => {
    const v = judgeScripts(pageResources('<script src="http://example.org/a.js"></script>', page, 'example.org'), 'example.org');
    expect(v.status).toBe('fail');
    expect(v.summary).toContain('http://example.org/a.js');
  });

  it('warns a third-party script without integrity; notes one with it', () => {
    const noSri = judgeScripts(pageResources('<script src="//cdn.example.net/lib.js"></script>', page, 'example.org'), 'example.org');
    expect(noSri.status).toBe('warn');
    expect(noSri.summary).toContain('https://cdn.example.net/lib.js');
    const sri = judgeScripts(pageResources('<script src="https://cdn.example.net/lib.js" integrity="sha384-x"></script>', page, 'example.org'), 'example.org');
    expect(sri.status).toBe('info');
    expect(sri.summary).toContain('cdn.example.net');
  });

  it('notes third-party styles, images and frames; resolves against <base href>', () => {
    const r = pageResources('<base href="https://assets.example.com/"><link rel="stylesheet" href="site.css"><script src="app.js" integrity="sha256-x"></script>', page, 'example.org');
    expect(r.scripts).toEqual([{ url: 'https://assets.example.com/app.js', integrity: true }]);
    expect(r.thirdPartyHosts).toEqual(['assets.example.com']);
    expect(judgeScripts(r, 'example.org').status).toBe('info');
  });
});
