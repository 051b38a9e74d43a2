// runAudit's refusals: what ends an audit before it starts (exit status 2 in the CLI).
import { createSocket, type Socket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import * as packet from 'dns-packet';
import { afterEach, describe, expect, it } from 'vitest';
import { AuditInputError, GROUP_IDS, runAudit } from './audit.js';
import type { AuditOptions } from './types.js';

/** A UDP "resolver" on loopback that counts what it receives and never answers. */
async function silentResolver(): Promise<{ port: number; received: () => number; close: () => void }> {
  const socket: Socket = createSocket('udp4');
  let count = 0;
  socket.on('message', () => count++);
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return { port: (socket.address() as AddressInfo).port, received: () => count, close: () => socket.close() };
}

const base = (port: number): AuditOptions => ({ concurrency: 2, timeoutMs: 300, allAddresses: false, resolver: { host: '127.0.0.1', port } });

describe('runAudit refuses before any work', () => {
  let close: (() => void) | undefined;
  afterEach(() => close?.());

  it('refuses an illegal name without sending a single packet', async () => {
    const r = await silentResolver();
    close = r.close;
    for (const name of ['exa mple.test', 'a_b.test', 'localhost', '-x.test', `${'a'.repeat(64)}.test`]) {
      const err = await runAudit(name, base(r.port)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AuditInputError);
      expect((err as AuditInputError).kind).toBe('domain');
      expect((err as Error).message).toContain('is not a valid domain name');
    }
    expect(r.received()).toBe(0);
  });

  it('stops with a resolver error when the resolver never answers, within its timeout', async () => {
    const r = await silentResolver();
    close = r.close;
    const started = Date.now();
    const err = await runAudit('example.test', base(r.port)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuditInputError);
    expect((err as AuditInputError).kind).toBe('resolver');
    expect((err as Error).message).toMatch(/^127\.0\.0\.1:\d+ does not answer: /);
    expect(r.received()).toBeGreaterThan(0);
    // The resolver's own timeout (with its retries) bounds the wait; nothing hangs.
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('runAudit never crashes', () => {
  it('a resolver that answers the first query and then falls silent: every check an error, the report complete', async () => {
    const socket: Socket = createSocket('udp4');
    socket.on('message', (msg, rinfo) => {
      const q = packet.decode(msg);
      // Only the audit's opening SOA probe is answered (even when retried under load); then silence.
      if (q.questions?.[0]?.type !== 'SOA') return;
      const reply = packet.encode({ type: 'response', id: q.id, flags: packet.RECURSION_DESIRED | packet.RECURSION_AVAILABLE, questions: q.questions, answers: [] });
      socket.send(reply, rinfo.port, rinfo.address);
    });
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    try {
      const port = (socket.address() as AddressInfo).port;
      const started = Date.now();
      const report = await runAudit('quiet.test', base(port));
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(report.results.filter((r) => r.status !== 'error').map((r) => `${r.id} ${r.status} ${r.target}: ${r.summary}`)).toEqual([]);
      // Every group reported every check it owns, each with a reason.
      const ids = new Set(report.results.map((r) => r.id));
      for (const id of [...GROUP_IDS.mail, ...GROUP_IDS.dns, ...GROUP_IDS.ipv6, 'HTTP-01']) expect(ids.has(id), id).toBe(true);
      for (const r of report.results) expect(r.reason).toBeTruthy();
      expect(report.results.find((r) => r.id === 'V6-01')!.reason).toMatch(/timed? ?out|no (valid )?answer/i);
    } finally {
      socket.close();
    }
  });
});
