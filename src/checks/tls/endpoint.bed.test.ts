// TLS-01…11 and CERT-01…05 against real servers on loopback: `openssl s_server`
// in one configuration per scenario, the scripted legacy server for what no
// OpenSSL here serves, Node servers for STARTTLS (SMTP, IMAP, POP3), and
// servers that stall or answer garbage. Each scenario's verdicts are asserted
// check by check.
import { connect, createServer, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bedAvailable, freePort } from '../../../test/bed/bed.js';
import { BED_HOST, testCa, type TestCa } from '../../../test/bed/ca.js';
import { startFakeTlsServer } from '../../../test/bed/tls/fake-server.js';
import { FAKE_TLS_SCENARIOS, MODERN, TLS_SCENARIOS } from '../../../test/bed/tls/scenarios.js';
import {
  type BedServer,
  startGarbageServer,
  startMailboxServer,
  startOpensslServer,
  startSmtpServer,
  startStallingServer,
  TLS_BED_BINARIES,
} from '../../../test/bed/tls/servers.js';
import { ConnectionLimiter } from '../net/limiter.js';
import type { CheckResult } from '../types.js';
import { auditTlsEndpoint, CERT_IDS, TLS_IDS, type TlsEndpoint, type TlsFacts } from './endpoint.js';

const available = bedAvailable('TLS test bed', TLS_BED_BINARIES);
const TIMEOUT_MS = 3000;

interface Audit {
  results: CheckResult[];
  facts: TlsFacts;
  status: Record<string, string>;
  connections: number;
  ms: number;
}

async function audit(ca: TestCa, srv: BedServer, ep: Partial<TlsEndpoint> = {}, timeoutMs = TIMEOUT_MS, maxHandshakes?: number): Promise<Audit> {
  const limiter = new ConnectionLimiter(2);
  const t0 = performance.now();
  const { results, facts } = await auditTlsEndpoint(
    { host: BED_HOST, address: srv.address, port: srv.port, kind: 'https', ...ep },
    { limiter, timeoutMs, ca: [ca.rootPem], ...(maxHandshakes ? { maxHandshakes } : {}) },
  );
  const status = Object.fromEntries(results.map((r) => [r.id, r.status]));
  return { results, facts, status, connections: limiter.opened, ms: performance.now() - t0 };
}

describe.skipIf(!available)('TLS endpoint audit on the loopback test bed', () => {
  let ca: TestCa;
  beforeAll(async () => {
    ca = await testCa();
  }, 60_000);

  describe.each(TLS_SCENARIOS.map((s, i) => [s.name, s, i] as const))('openssl s_server: %s', (_name, scenario, i) => {
    let srv: BedServer | undefined;
    let a: Audit;
    beforeAll(async () => {
      srv = await startOpensslServer(ca, { leaf: scenario.leaf, args: scenario.args(ca), staple: scenario.staple, noEms: scenario.noEms, address: `127.0.0.${100 + i}` });
      a = await audit(ca, srv, { kind: scenario.kind ?? 'https' });
    });
    afterAll(async () => {
      await srv?.stop();
    });

    it.each(Object.entries(scenario.expect))('%s is %s', (id, status) => {
      const r = a.results.find((x) => x.id === id);
      expect(r, `no ${id} result`).toBeDefined();
      expect(r!.status, `${id}: ${r!.summary}`).toBe(status);
    });

    it('finds the versions offered, keeps the chain, and stays within its handshake budget', () => {
      expect(a.facts.protocols).toEqual(scenario.protocols);
      expect(a.facts.handshakeOk).toBe(true);
      expect(a.facts.leafDer).toBeInstanceOf(Buffer);
      expect(a.facts.chainDer![0]!.equals(ca.leaves[scenario.leaf].served[0]!)).toBe(true);
      expect(a.results.map((r) => r.id)).toEqual([...TLS_IDS, ...CERT_IDS]);
      expect(a.connections).toBeLessThanOrEqual(60);
      for (const r of a.results) if (r.status === 'error') expect(r.reason).toBeTruthy();
    });
  });

  describe.each(FAKE_TLS_SCENARIOS.map((s, i) => [s.name, s, i] as const))('scripted server: %s', (_name, scenario, i) => {
    let srv: BedServer | undefined;
    let a: Audit;
    beforeAll(async () => {
      srv = await startFakeTlsServer(`127.0.0.${150 + i}`, scenario.config(ca));
      a = await audit(ca, srv);
    });
    afterAll(async () => {
      await srv?.stop();
    });

    it.each(Object.entries(scenario.expect))('%s is %s', (id, status) => {
      const r = a.results.find((x) => x.id === id)!;
      expect(r.status, `${id}: ${r.summary}`).toBe(status);
    });

    it('finds the versions offered', () => {
      expect(a.facts.protocols).toEqual(scenario.protocols);
    });
  });

  it('names each insecure suite and its reason in the evidence', async () => {
    const srv = await startFakeTlsServer('127.0.0.160', FAKE_TLS_SCENARIOS[1]!.config(ca));
    try {
      const a = await audit(ca, srv);
      const tls02 = a.results.find((r) => r.id === 'TLS-02')!;
      expect(tls02.summary).toContain('TLS_RSA_WITH_3DES_EDE_CBC_SHA (3DES');
      expect(tls02.summary).toContain('TLS_RSA_WITH_RC4_128_SHA (RC4)');
      expect((tls02.evidence.facts as { suites: Record<string, string[]> }).suites['TLSv1.2']).toEqual([
        'TLS_RSA_WITH_3DES_EDE_CBC_SHA',
        'TLS_RSA_WITH_RC4_128_SHA',
        'TLS_RSA_WITH_AES_128_CBC_SHA',
      ]);
    } finally {
      await srv.stop();
    }
  });

  describe('STARTTLS', () => {
    it('audits SMTP after EHLO and STARTTLS, judging an MX name mismatch as info', async () => {
      const srv = await startSmtpServer(ca, '127.0.0.170', { leaf: 'wrong-name', starttls: true });
      try {
        const a = await audit(ca, srv, { kind: 'mail', starttls: 'smtp' });
        expect(a.facts.starttls).toBe('ok');
        expect(a.facts.protocols).toEqual(['TLSv1.3', 'TLSv1.2']);
        // Node's TLS server lets clients renegotiate (up to a rate limit).
        expect(a.status).toEqual({
          ...Object.fromEntries([...TLS_IDS, ...CERT_IDS].map((id) => [id, 'pass'])),
          'TLS-08': 'warn',
          'TLS-09': 'info',
          'CERT-02': 'info',
        });
      } finally {
        await srv.stop();
      }
    });

    it('judges the same name mismatch as a failure when the MX uses DANE-TA', async () => {
      const srv = await startSmtpServer(ca, '127.0.0.171', { leaf: 'wrong-name', starttls: true });
      try {
        const a = await audit(ca, srv, { kind: 'mail', starttls: 'smtp', dane: true });
        expect(a.status['CERT-02']).toBe('fail');
        expect(a.status['CERT-01']).toBe('pass');
      } finally {
        await srv.stop();
      }
    });

    it('reports an SMTP server without STARTTLS as not offering it, every check in error', async () => {
      const srv = await startSmtpServer(ca, '127.0.0.172', { leaf: 'good', starttls: false });
      try {
        const a = await audit(ca, srv, { kind: 'mail', starttls: 'smtp' });
        expect(a.facts).toMatchObject({ handshakeOk: false, starttls: 'not-offered' });
        expect(a.facts.error).toContain('does not offer STARTTLS');
        expect(new Set(Object.values(a.status))).toEqual(new Set(['error']));
        expect(a.results[0]!.reason).toContain('STARTTLS');
      } finally {
        await srv.stop();
      }
    });

    it('refuses to go on when the server sends more after agreeing to STARTTLS (RFC 3207 §5)', async () => {
      const port = await freePort(['127.0.0.175']);
      const server = createServer((s: Socket) => {
        s.on('error', () => {});
        s.write('220 bed ESMTP\r\n');
        s.on('data', (d: Buffer) => {
          const line = d.toString();
          if (line.startsWith('EHLO')) s.write('250-bed\r\n250 STARTTLS\r\n');
          else if (line.startsWith('STARTTLS')) s.write('220 go ahead\r\n250 injected\r\n');
        });
      });
      await new Promise<void>((resolve) => server.listen(port, '127.0.0.175', resolve));
      try {
        const a = await audit(ca, { address: '127.0.0.175', port, stop: async () => {}, output: () => '' }, { kind: 'mail', starttls: 'smtp' });
        expect(a.facts.starttls).toBe('failed');
        expect(a.facts.error).toContain('sent data after agreeing to STARTTLS');
      } finally {
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    });

    it.each(['imap', 'pop3'] as const)('audits %s after STARTTLS/STLS', async (protocol) => {
      const srv = await startMailboxServer(ca, protocol === 'imap' ? '127.0.0.173' : '127.0.0.174', { leaf: 'good', protocol });
      try {
        const a = await audit(ca, srv, { kind: 'mail', starttls: protocol });
        expect(a.facts).toMatchObject({ handshakeOk: true, starttls: 'ok', protocols: ['TLSv1.3', 'TLSv1.2'] });
        expect(a.status).toMatchObject({ 'TLS-01': 'pass', 'TLS-02': 'pass', 'TLS-04': 'pass', 'CERT-01': 'pass', 'CERT-02': 'pass', 'CERT-05': 'pass' });
      } finally {
        await srv.stop();
      }
    });
  });

  it('audits over IPv6 (::1) as over IPv4', async () => {
    const srv = await startOpensslServer(ca, { leaf: 'good', args: MODERN, address: '::1' });
    try {
      const a = await audit(ca, srv);
      expect(a.results[0]!.target).toBe(`${BED_HOST}:${srv.port} (::1)`);
      expect(new Set(Object.values(a.status))).toEqual(new Set(['pass']));
    } finally {
      await srv.stop();
    }
  });

  describe('servers that misbehave', () => {
    it('ends in error within the timeout when the server stalls after the ClientHello', async () => {
      const srv = await startStallingServer('127.0.0.180');
      try {
        const a = await audit(ca, srv, {}, 800);
        expect(new Set(Object.values(a.status))).toEqual(new Set(['error']));
        expect(a.results[0]!.reason).toContain('no answer to the ClientHello within 800 ms');
        expect(a.ms).toBeLessThan(800 * 3);
        expect(a.facts.handshakeOk).toBe(false);
      } finally {
        await srv.stop();
      }
    });

    it('ends in error at once when the server answers with garbage', async () => {
      const srv = await startGarbageServer('127.0.0.181');
      try {
        const a = await audit(ca, srv, {}, 800);
        expect(new Set(Object.values(a.status))).toEqual(new Set(['error']));
        expect(a.results[0]!.reason).toContain('malformed answer');
        expect(a.ms).toBeLessThan(800);
      } finally {
        await srv.stop();
      }
    });

    it('ends in error when nothing listens', async () => {
      const port = await freePort(['127.0.0.182']);
      const a = await audit(ca, { address: '127.0.0.182', port, stop: async () => {}, output: () => '' }, {}, 800);
      expect(new Set(Object.values(a.status))).toEqual(new Set(['error']));
      expect(a.facts.error).toMatch(/ECONNREFUSED/);
    });

    it('ends in error on a STARTTLS server that never greets', async () => {
      const srv = await startStallingServer('127.0.0.183');
      try {
        const a = await audit(ca, srv, { kind: 'mail', starttls: 'smtp' }, 800);
        expect(a.facts.starttls).toBe('failed');
        expect(a.results[0]!.reason).toContain('SMTP STARTTLS: no answer within 800 ms');
        expect(a.ms).toBeLessThan(800 * 3);
      } finally {
        await srv.stop();
      }
    });
  });

  describe('politeness', () => {
    it('never holds more than two connections to the server at once', async () => {
      // A counting proxy in front of s_server: it sees every connection the audit opens.
      const srv = await startOpensslServer(ca, { leaf: 'good', args: MODERN, address: '127.0.0.190' });
      let now = 0;
      let peak = 0;
      let total = 0;
      const proxy = createServer((client: Socket) => {
        total++;
        peak = Math.max(peak, ++now);
        const upstream = connect({ host: srv.address, port: srv.port });
        client.pipe(upstream).pipe(client);
        const close = () => {
          client.destroy();
          upstream.destroy();
        };
        let counted = true;
        const gone = () => {
          if (counted) {
            counted = false;
            now--;
          }
          close();
        };
        client.on('end', gone);
        client.on('close', gone);
        client.on('error', gone);
        upstream.on('error', gone);
        upstream.on('close', gone);
      });
      const port = await freePort(['127.0.0.191']);
      await new Promise<void>((resolve) => proxy.listen(port, '127.0.0.191', resolve));
      try {
        const a = await audit(ca, { address: '127.0.0.191', port, stop: async () => {}, output: () => '' });
        expect(a.status['TLS-01']).toBe('pass');
        expect(peak).toBeLessThanOrEqual(2);
        expect(total).toBe(a.connections);
        expect(a.facts.handshakes).toBe(a.connections);
      } finally {
        await new Promise<void>((resolve) => proxy.close(() => resolve()));
        await srv.stop();
      }
    });

    it('stops at the handshake cap and then reports what it could not finish as error, not pass', async () => {
      const srv = await startOpensslServer(ca, { leaf: 'good', args: ['-cipher', 'ECDHE+AESGCM:ECDHE+AES:@SECLEVEL=0', '-serverpref'], address: '127.0.0.192' });
      try {
        const a = await audit(ca, srv, {}, TIMEOUT_MS, 8);
        expect(a.connections).toBeLessThanOrEqual(8);
        // What was measured stays judged (TLS 1.0 was seen); what was cut short is not passed.
        expect(a.status['TLS-01']).toBe('fail');
        for (const id of ['TLS-02', 'TLS-03', 'TLS-04']) expect(a.status[id]).not.toBe('pass');
      } finally {
        await srv.stop();
      }
    });
  });
});
