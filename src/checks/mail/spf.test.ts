import { describe, expect, it } from 'vitest';
import { domainSpecError, evaluateSpf, isSpfRecord, judgeSpf, parseSpf, type SpfDns } from './spf.js';

/** A tiny in-memory DNS: TXT records per name, MX hosts per name, names that have addresses. */
function fakeDns(txt: Record<string, string[]>, mx: Record<string, string[]> = {}, hosts: string[] = []): SpfDns & { queries: string[] } {
  const queries: string[] = [];
  return {
    queries,
    async txt(name) {
      queries.push(`TXT ${name}`);
      return name in txt ? { rcode: 'NOERROR', records: txt[name]! } : { rcode: 'NXDOMAIN', records: [] };
    },
    async mx(name) {
      queries.push(`MX ${name}`);
      return { rcode: 'NOERROR', hosts: mx[name] ?? [] };
    },
    async addresses(name) {
      queries.push(`A ${name}`);
      return { rcode: hosts.includes(name) ? 'NOERROR' : 'NXDOMAIN', count: hosts.includes(name) ? 1 : 0 };
    },
  };
}

const judge = async (txt: Record<string, string[]>, mx: Record<string, string[]> = {}, hosts: string[] = []) => {
  const ev = await evaluateSpf('example.org', fakeDns(txt, mx, hosts));
  return { ev, v: judgeSpf(ev) };
};

describe('SPF parsing (RFC 7208)', () => {
  it('recognises SPF records by their version, case-insensitively, and nothing else', () => {
    expect(isSpfRecord('v=spf1 -all')).toBe(true);
    expect(isSpfRecord('V=SPF1 -all')).toBe(true);
    expect(isSpfRecord('v=spf1')).toBe(true);
    expect(isSpfRecord('v=spf10 -all')).toBe(false);
    expect(isSpfRecord('google-site-verification=abc')).toBe(false);
  });

  it('reads qualifiers, mechanisms, CIDR lengths and modifiers', () => {
    const p = parseSpf('v=spf1 +a mx/24 -ip4:192.0.2.0/24 ~ip6:2001:db8::/32 ?include:_spf.example.net a:mail.example.org/28//64 exists:%{i}.bl.example.org redirect=_spf.example.org');
    expect(p.errors).toEqual([]);
    expect(p.terms.map((t) => (t.kind === 'mechanism' ? `${t.qualifier}${t.name}` : `${t.name}=`))).toEqual(['+a', '+mx', '-ip4', '~ip6', '?include', '+a', '+exists', 'redirect=']);
  });

  it.each([
    ['v=spf1 ip4:999.1.1.1 -all', '"999.1.1.1" is not an IPv4 address'],
    ['v=spf1 ip4:192.0.2.1/33 -all', 'invalid prefix length /33'],
    ['v=spf1 ip6:192.0.2.1 -all', 'is not an IPv6 address'],
    ['v=spf1 a/33 -all', 'invalid prefix length /33'],
    ['v=spf1 foo -all', 'unknown term "foo"'],
    ['v=spf1 include: -all', 'empty domain'],
    ['v=spf1 include -all', 'include needs a domain'],
    ['v=spf1 include:localhost -all', 'not a fully qualified domain'],
    ['v=spf1 include:example.123 -all', 'does not end in a valid top label'],
    ['v=spf1 exists:%{z}.example.org -all', 'invalid macro'],
    ['v=spf1 include:%{c}.example.org -all', 'allowed only in exp='],
    ['v=spf1 -all:foo', 'all takes no argument'],
    ['v=spf1 redirect=a.example redirect=b.example', 'redirect= appears more than once'],
    ['v=spf1 ip4:192.0.2.1\t-all', 'printable ASCII'],
  ])('reports a syntax error in %s', (record, error) => {
    const p = parseSpf(record);
    expect(p.errors.join(' | ')).toContain(error);
  });

  it('accepts valid macros and unknown modifiers', () => {
    expect(parseSpf('v=spf1 exists:%{ir}.%{l1r+-}._spf.%{d} foo=bar -all').errors).toEqual([]);
    expect(domainSpecError('%{d}')).toBeUndefined();
    expect(domainSpecError('example.org.')).toBeUndefined();
  });
});

describe('SPF evaluation and MAIL-06', () => {
  it('passes one valid record ending in -all, counting lookups through includes', async () => {
    const { ev, v } = await judge(
      {
        'example.org': ['v=spf1 mx a ip4:192.0.2.0/24 include:_spf.example.net -all', 'some-verification=xyz'],
        '_spf.example.net': ['v=spf1 ip4:198.51.100.0/24 include:_spf2.example.net ~all'],
        '_spf2.example.net': ['v=spf1 a:out.example.net -all'],
      },
      { 'example.org': ['mx.example.org'] },
      ['example.org', 'out.example.net'],
    );
    expect(v.status).toBe('pass');
    expect(ev.lookups).toBe(5); // mx, a, include, include, a
    expect(ev.voidLookups).toBe(0);
    expect(ev.all).toBe('-');
    expect(ev.visited.map((x) => x.domain)).toEqual(['example.org', '_spf.example.net', '_spf2.example.net']);
  });

  it('passes ~all reached through redirect=', async () => {
    const { ev, v } = await judge({ 'example.org': ['v=spf1 redirect=_spf.example.org'], '_spf.example.org': ['v=spf1 ip4:192.0.2.1 ~all'] });
    expect(v.status).toBe('pass');
    expect(ev.all).toBe('~');
    expect(ev.lookups).toBe(1);
  });

  it('fails when there is no record, or two', async () => {
    expect((await judge({ 'example.org': ['not spf'] })).v).toMatchObject({ status: 'fail', summary: expect.stringContaining('no SPF record') });
    expect((await judge({ 'example.org': ['v=spf1 -all', 'v=spf1 ~all'] })).v).toMatchObject({ status: 'fail', summary: expect.stringContaining('2 SPF records') });
  });

  it.each([
    ['v=spf1 +all', '+all'],
    ['v=spf1 a all', '+all'],
    ['v=spf1 ip4:192.0.2.1 ?all', '?all'],
    ['v=spf1 ip4:192.0.2.1', 'no "all"'],
  ])('fails %s', async (record, words) => {
    const { v } = await judge({ 'example.org': [record] }, {}, ['example.org']);
    expect(v.status).toBe('fail');
    expect(v.summary).toContain(words);
  });

  it('fails more than 10 DNS-querying terms, counted across nested includes', async () => {
    const txt: Record<string, string[]> = { 'example.org': ['v=spf1 include:a.example.net include:b.example.net -all'] };
    // a: 5 includes of leaves; b: 4 includes → 2 + 5 + 4 = 11 terms.
    txt['a.example.net'] = [`v=spf1 ${[1, 2, 3, 4, 5].map((i) => `include:l${i}.example.net`).join(' ')} -all`];
    txt['b.example.net'] = [`v=spf1 ${[6, 7, 8, 9].map((i) => `include:l${i}.example.net`).join(' ')} -all`];
    for (let i = 1; i <= 9; i++) txt[`l${i}.example.net`] = ['v=spf1 ip4:192.0.2.1 -all'];
    const { ev, v } = await judge(txt);
    expect(v.status).toBe('fail');
    expect(ev.errors).toContain('more than 10 DNS-querying terms');
    expect(ev.lookups).toBe(11);

    // Exactly 10 is within the limit.
    txt['b.example.net'] = [`v=spf1 ${[6, 7, 8].map((i) => `include:l${i}.example.net`).join(' ')} -all`];
    const ok = await judge(txt);
    expect(ok.ev.lookups).toBe(10);
    expect(ok.v.status).toBe('pass');
  });

  it('stops on an include loop instead of running forever', async () => {
    const dns = fakeDns({ 'example.org': ['v=spf1 include:example.org -all'] });
    const ev = await evaluateSpf('example.org', dns);
    expect(judgeSpf(ev).status).toBe('fail');
    expect(ev.errors).toContain('more than 10 DNS-querying terms');
    expect(dns.queries.length).toBeLessThanOrEqual(12);
  });

  it('fails more than two void lookups', async () => {
    const { ev, v } = await judge({ 'example.org': ['v=spf1 a:x1.example.org a:x2.example.org a:x3.example.org -all'] });
    expect(ev.voidLookups).toBe(3);
    expect(v.status).toBe('fail');
    expect(v.summary).toContain('more than 2 lookups return nothing');
  });

  it('fails an include that has no SPF record, and one that lets everybody pass', async () => {
    expect((await judge({ 'example.org': ['v=spf1 include:gone.example.net -all'] })).v.summary).toContain('include:gone.example.net has no SPF record');
    const open = await judge({ 'example.org': ['v=spf1 include:open.example.net -all'], 'open.example.net': ['v=spf1 +all'] });
    expect(open.v.status).toBe('fail');
    expect(open.v.summary).toContain('anyone passes');
  });

  it('fails a syntax error anywhere in the tree', async () => {
    const { v } = await judge({ 'example.org': ['v=spf1 include:_spf.example.net -all'], '_spf.example.net': ['v=spf1 ip4:300.0.0.1 -all'] });
    expect(v.status).toBe('fail');
    expect(v.summary).toContain('_spf.example.net');
  });

  it('counts a term with macros but does not follow it, and notes terms after all', async () => {
    const { ev, v } = await judge({ 'example.org': ['v=spf1 include:%{d}.spf.example.net -all a'] });
    expect(v.status).toBe('pass');
    expect(ev.lookups).toBe(1);
    expect(ev.notes.join(' ')).toContain('not followed');
    expect(ev.notes.join(' ')).toContain('never used');
  });
});
