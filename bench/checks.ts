// TLS endpoint audit speed, beside the established scanners, on loopback only:
// - the same `openssl s_server` endpoints (127.0.0.x, high ports) audited by
//   Hearth's auditTlsEndpoint, Debian's `testssl.sh --fast` and `sslscan`:
//   seconds per endpoint, the ratio, and the connections each opened, counted
//   by a small TCP proxy in front of the server (every tool goes through it);
// - throughput: 100 endpoint audits (10 servers, 10 audits each), 10 at a
//   time, sharing one limiter (2 connections per address).
// Every run is bounded in time, and every process started here is stopped.
// Needs dist/ (npm run bench builds it) and the Debian packages openssl,
// testssl.sh and sslscan; a missing scanner is reported, not fatal.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { resolve } from 'node:path';
import type { Benchmark } from './lib/types.ts';
import type { BedProcess } from '../test/bed/bed.ts';
import type { TestCa } from '../test/bed/ca.ts';
import type { TlsContext, TlsEndpoint, TlsFacts } from '../src/checks/tls/endpoint.ts';
import type { CheckResult } from '../src/checks/types.ts';

const root = resolve(import.meta.dirname, '..');
const SCANNER_TIMEOUT_MS = 240_000;
const AUDIT_TIMEOUT_MS = 5_000;
const THROUGHPUT = { servers: 10, auditsPerServer: 10, concurrent: 10 };

interface Engine {
  auditTlsEndpoint(ep: TlsEndpoint, ctx: TlsContext): Promise<{ results: CheckResult[]; facts: TlsFacts }>;
  ConnectionLimiter: new (perAddress?: number) => TlsContext['limiter'];
}

interface Bed {
  startProcess: typeof import('../test/bed/bed.ts').startProcess;
  freePort: typeof import('../test/bed/bed.ts').freePort;
  tcpListening: typeof import('../test/bed/bed.ts').tcpListening;
  findBinary: typeof import('../test/bed/bed.ts').findBinary;
  testCa: () => Promise<TestCa>;
  BED_HOST: string;
}

// Computed specifiers: Node loads dist/ (built JavaScript) and the bed's TypeScript helpers itself.
async function load(): Promise<{ engine: Engine; bed: Bed }> {
  const dist = (p: string) => new URL(`../dist/${p}`, import.meta.url).href;
  const endpoint = (await import(dist('checks/tls/endpoint.js'))) as Pick<Engine, 'auditTlsEndpoint'>;
  const limiter = (await import(dist('checks/net/limiter.js'))) as Pick<Engine, 'ConnectionLimiter'>;
  const bed = (await import(new URL('../test/bed/bed.ts', import.meta.url).href)) as Omit<Bed, 'testCa' | 'BED_HOST'>;
  const ca = (await import(new URL('../test/bed/ca.ts', import.meta.url).href)) as Pick<Bed, 'testCa' | 'BED_HOST'>;
  return { engine: { ...endpoint, ...limiter }, bed: { ...bed, ...ca } };
}

/** A TCP proxy on loopback that counts the connections a tool opens. */
async function countingProxy(bed: Bed, listenOn: string, target: { address: string; port: number }): Promise<{ port: number; count(): number; reset(): void; close(): Promise<void> }> {
  let count = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    count++;
    const upstream = connect({ host: target.address, port: target.port });
    sockets.add(client).add(upstream);
    const close = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
    client.pipe(upstream).pipe(client);
  });
  const port = await bed.freePort([listenOn]);
  await new Promise<void>((done) => server.listen(port, listenOn, done));
  return {
    port,
    count: () => count,
    reset: () => void (count = 0),
    close: () =>
      new Promise<void>((done) => {
        for (const s of sockets) s.destroy();
        server.close(() => done());
      }),
  };
}

interface Endpoint {
  name: string;
  args: string[];
}

// s_server in its plain mode: -www would answer HTTP, but it also sleeps about a
// second after a refused renegotiation, which every tool's next handshake then
// waits for. Without HTTP, testssl.sh skips its header checks (a few seconds
// of its service detection remain): if anything, that favours testssl.sh.
const ENDPOINTS: Endpoint[] = [
  { name: 'modern (TLS 1.2/1.3, ECDHE+AEAD)', args: ['-cipher', 'ECDHE+AESGCM:ECDHE+CHACHA20', '-groups', 'X25519:P-256:P-384', '-serverpref', '-no_tls1', '-no_tls1_1'] },
  { name: 'OpenSSL defaults', args: [] },
  { name: 'legacy (TLS 1.0–1.3, every suite)', args: ['-cipher', 'ALL:@SECLEVEL=0'] },
];

async function startServer(bed: Bed, ca: TestCa, address: string, args: string[]): Promise<{ address: string; port: number; proc: BedProcess }> {
  const port = await bed.freePort([address]);
  const leaf = ca.leaves.good;
  const proc = await bed.startProcess('openssl', ['s_server', '-accept', `${address}:${port}`, '-cert', leaf.cert, '-key', leaf.key, '-cert_chain', leaf.chain!, '-quiet', ...args], {
    stdin: 'pipe',
    name: 'openssl s_server',
    ready: () => bed.tcpListening(address, port),
  });
  return { address, port, proc };
}

/** Runs a scanner to completion (or kills it at the deadline); returns seconds and whether it finished. */
function runTool(command: string, args: string[]): Promise<{ seconds: number; code: number | null; tail: string }> {
  return new Promise((done) => {
    const t0 = performance.now();
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let out = '';
    const keep = (c: Buffer) => {
      out = (out + c.toString()).slice(-4000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // gone already
      }
    }, SCANNER_TIMEOUT_MS);
    child.once('close', (code) => {
      clearTimeout(timer);
      done({ seconds: (performance.now() - t0) / 1000, code, tail: out });
    });
    child.once('error', (err) => {
      clearTimeout(timer);
      done({ seconds: 0, code: null, tail: err.message });
    });
  });
}

interface Row {
  endpoint: string;
  tool: string;
  seconds: number | null;
  connections: number | null;
  note?: string;
}

const fmt = (n: number | null, digits = 2) => (n === null ? '—' : n.toFixed(digits));

export const benchmark: Benchmark = {
  name: 'checks',
  async run(progress) {
    const { engine, bed } = await load();
    if (!bed.findBinary('openssl')) throw new Error('openssl is not installed (see .ci/run)');
    const ca = await bed.testCa();
    const testssl = bed.findBinary('testssl') ?? bed.findBinary('testssl.sh');
    const sslscan = bed.findBinary('sslscan');
    const rows: Row[] = [];
    const started: BedProcess[] = [];
    try {
      // ── Per endpoint: Hearth, testssl.sh --fast, sslscan ──
      for (const [i, ep] of ENDPOINTS.entries()) {
        const srv = await startServer(bed, ca, `127.0.0.${211 + i}`, ep.args);
        started.push(srv.proc);
        const proxy = await countingProxy(bed, `127.0.0.${221 + i}`, srv);
        const target = `${proxy.port}`;
        try {
          progress(`checks: ${ep.name}: hearth`);
          // Three runs, the median counts (the first also warms the trust store).
          const times: number[] = [];
          let conns = 0;
          let limiterCount = 0;
          for (let run = 0; run < 3; run++) {
            proxy.reset();
            const limiter = new engine.ConnectionLimiter(2);
            const t0 = performance.now();
            await engine.auditTlsEndpoint(
              { host: bed.BED_HOST, address: `127.0.0.${221 + i}`, port: proxy.port, kind: 'https' },
              { limiter, timeoutMs: AUDIT_TIMEOUT_MS, ca: [ca.rootPem] },
            );
            times.push((performance.now() - t0) / 1000);
            conns = proxy.count();
            limiterCount = (limiter as unknown as { opened: number }).opened;
          }
          times.sort((a, b) => a - b);
          rows.push({ endpoint: ep.name, tool: 'hearth', seconds: times[1]!, connections: conns, note: `limiter counted ${limiterCount}${limiterCount >= 60 ? ', handshake cap (60) reached' : ''}; median of 3` });

          if (testssl) {
            progress(`checks: ${ep.name}: testssl.sh --fast (up to ${SCANNER_TIMEOUT_MS / 1000} s)`);
            proxy.reset();
            const r = await runTool(testssl, [
              '--fast',
              '--quiet',
              '--color',
              '0',
              '--warnings',
              'off',
              '--nodns',
              'none',
              '--connect-timeout',
              '5',
              '--openssl-timeout',
              '5',
              '--add-ca',
              `${ca.dir}/root.crt`,
              `127.0.0.${221 + i}:${target}`,
            ]);
            // testssl.sh's exit status counts findings; only a kill (null) means it did not finish.
            rows.push({ endpoint: ep.name, tool: 'testssl.sh --fast', seconds: r.seconds, connections: proxy.count(), note: r.code === null ? `killed or failed: ${r.tail.slice(-200)}` : `exit ${r.code}` });
          } else rows.push({ endpoint: ep.name, tool: 'testssl.sh --fast', seconds: null, connections: null, note: 'not installed' });

          if (sslscan) {
            progress(`checks: ${ep.name}: sslscan`);
            proxy.reset();
            const r = await runTool(sslscan, ['--no-colour', `127.0.0.${221 + i}:${target}`]);
            rows.push({ endpoint: ep.name, tool: 'sslscan', seconds: r.seconds, connections: proxy.count(), note: r.code === null ? `killed or failed: ${r.tail.slice(-200)}` : `exit ${r.code}` });
          } else rows.push({ endpoint: ep.name, tool: 'sslscan', seconds: null, connections: null, note: 'not installed' });
        } finally {
          await proxy.close();
        }
      }

      // ── Throughput: 100 endpoint audits ──
      progress(`checks: throughput, ${THROUGHPUT.servers * THROUGHPUT.auditsPerServer} endpoint audits`);
      const servers = [];
      for (let i = 0; i < THROUGHPUT.servers; i++) {
        const srv = await startServer(bed, ca, `127.0.0.${231 + i}`, ENDPOINTS[0]!.args);
        started.push(srv.proc);
        servers.push(srv);
      }
      const queue = servers.flatMap((s) => Array.from({ length: THROUGHPUT.auditsPerServer }, () => s));
      const limiter = new engine.ConnectionLimiter(2);
      const latencies: number[] = [];
      let errors = 0;
      const t0 = performance.now();
      const worker = async () => {
        for (let s = queue.shift(); s; s = queue.shift()) {
          const a0 = performance.now();
          const r = await engine.auditTlsEndpoint({ host: bed.BED_HOST, address: s.address, port: s.port, kind: 'https' }, { limiter, timeoutMs: AUDIT_TIMEOUT_MS, ca: [ca.rootPem] });
          latencies.push((performance.now() - a0) / 1000);
          if (r.results.some((x) => x.status === 'error')) errors++;
        }
      };
      await Promise.all(Array.from({ length: THROUGHPUT.concurrent }, worker));
      const total = (performance.now() - t0) / 1000;
      latencies.sort((a, b) => a - b);
      const throughput = {
        endpoints: latencies.length,
        seconds: total,
        endpointsPerSecond: latencies.length / total,
        p50Seconds: latencies[Math.floor(latencies.length / 2)]!,
        connections: (limiter as unknown as { opened: number }).opened,
        auditsWithErrors: errors,
      };

      // ── The table ──
      const ours = new Map(rows.filter((r) => r.tool === 'hearth').map((r) => [r.endpoint, r.seconds!]));
      const lines = [
        'TLS endpoint audit on loopback (openssl s_server; connections counted by a TCP proxy in front of it)',
        '',
        `${'endpoint'.padEnd(36)} ${'tool'.padEnd(18)} ${'s/endpoint'.padStart(10)} ${'connections'.padStart(11)} ${'× hearth'.padStart(9)}  note`,
        ...rows.map((r) => {
          const ratio = r.seconds !== null && r.tool !== 'hearth' ? r.seconds / ours.get(r.endpoint)! : null;
          return `${r.endpoint.padEnd(36)} ${r.tool.padEnd(18)} ${fmt(r.seconds, 3).padStart(10)} ${String(r.connections ?? '—').padStart(11)} ${(ratio === null ? '' : `${ratio.toFixed(0)}×`).padStart(9)}  ${r.note ?? ''}`;
        }),
        '',
        `Throughput: ${throughput.endpoints} endpoint audits (${THROUGHPUT.servers} servers, ${THROUGHPUT.concurrent} at a time, 2 connections per address) in ${throughput.seconds.toFixed(2)} s: ` +
          `${throughput.endpointsPerSecond.toFixed(1)} endpoints/s, median ${throughput.p50Seconds.toFixed(3)} s each, ${throughput.connections} connections, ${throughput.auditsWithErrors} audits with an error result.`,
        'Baseline (CHECKS.md): testssl.sh 34–62 s per host with --fast; the target is hearth ≥ 20× faster.',
      ];
      return { text: lines.join('\n'), data: { perEndpoint: rows, throughput } };
    } finally {
      await Promise.all(started.map((p) => p.stop()));
    }
  },
};

// `node --experimental-strip-types bench/checks.ts` runs this benchmark alone.
if (import.meta.filename === process.argv[1] && existsSync(resolve(root, 'dist/checks/tls/endpoint.js'))) {
  const r = await benchmark.run((line) => process.stderr.write(`${line}\n`));
  process.stdout.write(`${r.text}\n`);
}
