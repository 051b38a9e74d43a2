// `hearth check` through runCli: arguments, exit statuses, and the output a
// person or a script reads. The audit itself runs against the loopback bed in
// the bed tests below.
import { createSocket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { runHearth } from '../../test/helpers/cli.js';
import { parseResolver, renderReport } from './check.js';
import type { AuditReport } from '../checks/types.js';

const oneLine = (s: string) => s.endsWith('\n') && !s.slice(0, -1).includes('\n');

describe('hearth check arguments', () => {
  it.each([
    [[], 'missing DOMAIN'],
    [['a.test', 'b.test'], 'one DOMAIN at a time'],
    [['a.test', '--only', 'tls'], '--only: "tls" is not one of web, mail, dns, ipv6'],
    [['a.test', '--concurrency', '0'], '--concurrency: a whole number from 1 to 64'],
    [['a.test', '--concurrency', 'two'], '--concurrency'],
    [['a.test', '--timeout=-1'], '--timeout: seconds'],
    [['a.test', '--timeout', '0'], '--timeout: seconds'],
    [['a.test', '--resolver', 'dns.example'], '--resolver: "dns.example" is not an IP address'],
    [['a.test', '--resolver', '127.0.0.1:99999'], '--resolver'],
    [['a.test', '--port', 'https'], '--port: "https" is not SERVICE=PORT'],
    [['a.test', '--port', 'gopher=70'], '--port: "gopher=70"'],
    [['a.test', '--dkim-selector', 'a b'], '--dkim-selector: "a b" is not a selector name'],
    [['a.test', '--ca', '/nonexistent/ca.pem'], '--ca: cannot read /nonexistent/ca.pem'],
    [['a.test', '--verbose'], "Unknown option '--verbose'"],
  ])('%j → exit 2: %s', async (args, message) => {
    const res = await runHearth(['check', ...args]);
    expect(res.code).toBe(2);
    expect(res.stdout).toBe('');
    expect(oneLine(res.stderr)).toBe(true);
    expect(res.stderr).toContain(message);
    expect(res.stderr.startsWith('hearth check: ')).toBe(true);
  });

  it('refuses a domain with illegal characters in one line, exit 2', async () => {
    const res = await runHearth(['check', 'exa mple.test']);
    expect(res.code).toBe(2);
    expect(res.stderr).toBe('hearth check: "exa mple.test" is not a valid domain name: it contains characters that cannot appear in a host name\n');
  });

  it('says so in one line, exit 2, when the resolver does not answer', async () => {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    try {
      const port = (socket.address() as AddressInfo).port;
      const res = await runHearth(['check', 'example.test', '--resolver', `127.0.0.1:${port}`, '--timeout', '0.3']);
      expect(res.code).toBe(2);
      expect(oneLine(res.stderr)).toBe(true);
      expect(res.stderr).toContain(`hearth check: 127.0.0.1:${port} does not answer`);
    } finally {
      socket.close();
    }
  });

  it('reads resolver addresses with and without ports', () => {
    expect(parseResolver('127.0.0.1')).toEqual({ host: '127.0.0.1', port: 53 });
    expect(parseResolver('127.0.0.1:5353')).toEqual({ host: '127.0.0.1', port: 5353 });
    expect(parseResolver('::1')).toEqual({ host: '::1', port: 53 });
    expect(parseResolver('[::1]:5353')).toEqual({ host: '::1', port: 5353 });
  });

  it('is listed in the help with its options', async () => {
    const res = await runHearth(['help', 'check']);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('Usage: hearth check DOMAIN [--only web|mail|dns|ipv6] [--json]');
    expect(res.stdout).toContain('--dkim-selector S');
    expect(res.stdout).toContain('Exit status: 0 nothing fails, 1 something fails, 2 the audit could not run');
  });
});

describe('the report for people', () => {
  const report: AuditReport = {
    format: 'hearth-check',
    version: 1,
    domain: 'example.test',
    startedAt: '2026-03-01T10:00:00.000Z',
    durationMs: 1234,
    options: { allAddresses: false },
    results: [
      { id: 'HTTP-05', category: 'http', status: 'pass', target: 'example.test:443 (192.0.2.1)', summary: 'X-Content-Type-Options: nosniff is sent.', evidence: {} },
      { id: 'HTTP-03', category: 'http', status: 'fail', target: 'example.test:443 (192.0.2.1)', summary: 'No Strict-Transport-Security header.', evidence: {} },
      { id: 'HTTP-07', category: 'http', status: 'warn', target: 'example.test:443 (192.0.2.1)', summary: 'No Referrer-Policy header.', evidence: {} },
      { id: 'MAIL-10', category: 'mail', status: 'info', target: '_smtp._tls.example.test', summary: 'No TLS-RPT record.', evidence: {} },
    ],
    categories: [
      { category: 'tls', score: undefined, counts: { pass: 0, warn: 0, fail: 0, info: 0, error: 0 } },
      { category: 'cert', score: undefined, counts: { pass: 0, warn: 0, fail: 0, info: 0, error: 0 } },
      { category: 'http', score: 0.5, counts: { pass: 1, warn: 1, fail: 1, info: 0, error: 0 } },
      { category: 'dns', score: undefined, counts: { pass: 0, warn: 0, fail: 0, info: 0, error: 0 } },
      { category: 'mail', score: undefined, counts: { pass: 0, warn: 0, fail: 0, info: 1, error: 0 } },
      { category: 'ipv6', score: undefined, counts: { pass: 0, warn: 0, fail: 0, info: 0, error: 0 } },
    ],
    overall: 0.5,
    connections: 7,
  };

  it('groups by category with scores, failures and warnings first, one line of advice each', () => {
    const text = renderReport(report);
    expect(text).toBe(
      [
        'example.test: overall 50 % (web, mail, dns, ipv6; 1.2 s; 7 connections)',
        '',
        'HTTP: 50 % (1 fail, 1 warn, 1 pass)',
        '  FAIL  HTTP-03 example.test:443 (192.0.2.1): No Strict-Transport-Security header.',
        '          advice: Send Strict-Transport-Security with max-age of at least one year.',
        '  WARN  HTTP-07 example.test:443 (192.0.2.1): No Referrer-Policy header.',
        '          advice: Send Referrer-Policy: no-referrer (or same-origin, strict-origin…).',
        '  pass  HTTP-05 example.test:443 (192.0.2.1): X-Content-Type-Options: nosniff is sent.',
        '',
        'Mail: not scored (1 info)',
        '  info  MAIL-10 _smtp._tls.example.test: No TLS-RPT record.',
        '',
        '1 check fail.',
        '',
      ].join('\n'),
    );
  });
});
