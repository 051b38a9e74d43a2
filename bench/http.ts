// HTTP figures of a real Hearth (`node dist/main.js serve` on a fresh SQLite
// file) beside baselines, on loopback only:
// - throughput and p50/p99 latency of GET /login and GET /healthz, beside a bare
//   Fastify (bench/lib/bare-server.ts) sending the very bytes Hearth sent;
// - cold start, from spawning the process to the first 200 on /healthz, beside
//   a bare node:http server.
// The load generator is a fixed number of keep-alive connections, each sending
// one request at a time. Every loop is bounded in count and in time, and every
// process started here is stopped before the benchmark returns. The helpers are
// exported for the other HTTP benchmarks (bench/federation.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Benchmark } from './lib/types.ts';

const root = resolve(import.meta.dirname, '..');
const HOST = '127.0.0.1';
export const LOAD = { connections: 10, warmupMs: 1_000, durationMs: 5_000, maxRequests: 250_000, requestTimeoutMs: 10_000 };
const COLD_RUNS = 3;
const READY_TIMEOUT_MS = 20_000;
const POLL_MS = 5;
const STOP_TIMEOUT_MS = 5_000;
const HEARTH_LOG_LEVEL = 'warn';

export interface LoadFigures {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  errors: number;
  seconds: number;
}

export interface Server {
  name: string;
  origin: string;
  child: ChildProcess;
  output(): string;
}

// ── Processes ────────────────────────────────────────────────────────────

const running = new Set<ChildProcess>();

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, HOST, () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
  });
}

/** A Node child with a clean environment: nothing of the caller's DATABASE_URL or HEARTH_* leaks in. */
export function spawnNode(name: string, port: number, args: string[], env: Record<string, string> = {}): Server {
  const child = spawn(process.execPath, args, { cwd: root, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-2_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  return { name, origin: `http://${HOST}:${port}`, child, output: () => tail };
}

export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGTERM');
  const clean = await Promise.race([exited.then(() => true), sleep(STOP_TIMEOUT_MS).then(() => false)]);
  if (!clean) {
    child.kill('SIGKILL');
    await Promise.race([exited, sleep(STOP_TIMEOUT_MS)]);
  }
}

export const stopAll = () => Promise.all([...running].map(stop));

// ── HTTP ─────────────────────────────────────────────────────────────────

export function get(url: string, agent: http.Agent | false, keepBody = false): Promise<{ status: number; body: string }> {
  return new Promise((done, fail) => {
    const req = http.get(url, { agent }, (res) => {
      const chunks: Buffer[] = [];
      if (keepBody) res.on('data', (c: Buffer) => chunks.push(c));
      else res.resume();
      res.on('end', () => done({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', fail);
    });
    req.setTimeout(LOAD.requestTimeoutMs, () => req.destroy(new Error('request timed out')));
    req.on('error', fail);
  });
}

/** Milliseconds from `since` to the first 200 on /healthz; polls every few ms, up to a deadline. */
export async function untilHealthy(server: Server, since: number): Promise<number> {
  const deadline = since + READY_TIMEOUT_MS;
  while (performance.now() < deadline) {
    if (server.child.exitCode !== null) throw new Error(`${server.name} exited early:\n${server.output()}`);
    const ok = await get(`${server.origin}/healthz`, false).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return performance.now() - since;
    await sleep(POLL_MS);
  }
  throw new Error(`${server.name} did not answer 200 on /healthz within ${READY_TIMEOUT_MS} ms:\n${server.output()}`);
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * (sorted.length - 1)))]!;
}

/** Fixed connections for a fixed time, at most LOAD.maxRequests requests. */
export async function hammer(url: string, durationMs: number): Promise<LoadFigures> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: LOAD.connections });
  const latencies = new Float64Array(LOAD.maxRequests);
  let started = 0;
  let ok = 0;
  let errors = 0;
  const t0 = performance.now();
  const end = t0 + durationMs;
  const connection = async () => {
    while (performance.now() < end && started < LOAD.maxRequests) {
      started++;
      const s = performance.now();
      try {
        const { status } = await get(url, agent);
        if (status === 200) latencies[ok++] = performance.now() - s;
        else errors++;
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: LOAD.connections }, connection));
  const seconds = (performance.now() - t0) / 1000;
  agent.destroy();
  const sorted = latencies.subarray(0, ok).sort();
  return { requestsPerSecond: ok / seconds, p50Ms: percentile(sorted, 0.5), p99Ms: percentile(sorted, 0.99), requests: ok, errors, seconds };
}

// ── The benchmark ────────────────────────────────────────────────────────

export function hearthArgs(port: number): string[] {
  return ['dist/main.js', 'serve', '--host', HOST, '--port', String(port)];
}
function hearthEnv(dir: string, port: number): Record<string, string> {
  return { DATABASE_URL: `sqlite:${join(dir, 'hearth.sqlite')}`, HEARTH_BASE_URL: `http://${HOST}:${port}`, HEARTH_LOG_LEVEL };
}

async function coldStart(tmp: string, progress: (line: string) => void) {
  const hearth: number[] = [];
  const baseline: number[] = [];
  // Alternating the two spreads any background noise over both.
  for (let run = 1; run <= COLD_RUNS; run++) {
    const dir = mkdtempSync(join(tmp, 'cold-'));
    let port = await freePort();
    let since = performance.now();
    const h = spawnNode('hearth serve', port, hearthArgs(port), hearthEnv(dir, port));
    hearth.push(await untilHealthy(h, since));
    await stop(h.child);

    port = await freePort();
    since = performance.now();
    const b = spawnNode('node http baseline', port, ['-e', `require('http').createServer((q,s)=>s.end('ok')).listen(${port}, '${HOST}')`]);
    baseline.push(await untilHealthy(b, since));
    await stop(b.child);
    progress(`  cold start ${run}/${COLD_RUNS}: hearth ${hearth.at(-1)!.toFixed(0)} ms, baseline ${baseline.at(-1)!.toFixed(0)} ms`);
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return { hearth: { meanMs: mean(hearth), runsMs: hearth }, baseline: { meanMs: mean(baseline), runsMs: baseline } };
}

async function throughput(tmp: string, progress: (line: string) => void) {
  const hearthPort = await freePort();
  const hearth = spawnNode('hearth serve', hearthPort, hearthArgs(hearthPort), hearthEnv(mkdtempSync(join(tmp, 'load-')), hearthPort));
  await untilHealthy(hearth, performance.now());

  // The bytes a first-time visitor gets, captured once and served verbatim by the baseline.
  const login = await get(`${hearth.origin}/login`, false, true);
  const healthz = await get(`${hearth.origin}/healthz`, false, true);
  if (login.status !== 200 || healthz.status !== 200) throw new Error(`hearth answered ${login.status} on /login, ${healthz.status} on /healthz`);
  const loginFile = join(tmp, 'login.html');
  const healthzFile = join(tmp, 'healthz.json');
  writeFileSync(loginFile, login.body);
  writeFileSync(healthzFile, healthz.body);

  const barePort = await freePort();
  const bare = spawnNode('bare Fastify', barePort, ['bench/lib/bare-server.ts', String(barePort), loginFile, healthzFile]);
  await untilHealthy(bare, performance.now());
  const check = await get(`${bare.origin}/login`, false, true);
  if (check.body !== login.body) throw new Error('the baseline does not send the bytes Hearth sent');

  const rows: Array<{ route: string; server: string } & LoadFigures> = [];
  for (const route of ['/login', '/healthz']) {
    for (const server of [hearth, bare]) {
      progress(`  GET ${route} on ${server.name}: ${LOAD.warmupMs / 1000} s warm-up, ${LOAD.durationMs / 1000} s measured`);
      await hammer(server.origin + route, LOAD.warmupMs);
      rows.push({ route, server: server.name, ...(await hammer(server.origin + route, LOAD.durationMs)) });
    }
  }
  await Promise.all([stop(hearth.child), stop(bare.child)]);
  return { loginBytes: Buffer.byteLength(login.body), rows };
}

// ── Output ───────────────────────────────────────────────────────────────

/** `align` has one letter per column: l(eft) or r(ight). */
export function table(head: string[], rows: string[][], align: string): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => (align[i] === 'r' ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('   ')
      .trimEnd();
  return [line(head), ...rows.map(line)].join('\n');
}

export const fmt = (n: number, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : '–');
export const ratio = (a: number, b: number) => (b > 0 && Number.isFinite(a) ? `${(a / b).toFixed(2)}×` : '–');

export const benchmark: Benchmark = {
  name: 'http',
  async run(progress) {
    if (!existsSync(join(root, 'dist', 'main.js'))) throw new Error('dist/main.js is missing: run `npm run build` (npm run bench does)');
    const tmp = mkdtempSync(join(tmpdir(), 'hearth-bench-'));
    const interrupted = () =>
      void stopAll().finally(() => {
        rmSync(tmp, { recursive: true, force: true });
        process.exit(130);
      });
    process.once('SIGINT', interrupted);
    const environment = { node: process.version, cpus: availableParallelism(), loadAverage: loadavg()[0]!, ...LOAD, hearthLogLevel: HEARTH_LOG_LEVEL };
    try {
      progress(`  cold start, ${COLD_RUNS} runs each`);
      const cold = await coldStart(tmp, progress);
      const load = await throughput(tmp, progress);

      const byRoute = (route: string, server: string) => load.rows.find((r) => r.route === route && r.server === server)!;
      const loadRows: string[][] = [];
      for (const route of ['/login', '/healthz']) {
        const h = byRoute(route, 'hearth serve');
        const b = byRoute(route, 'bare Fastify');
        for (const r of [h, b]) loadRows.push([route, r.server, fmt(r.requestsPerSecond, 0), fmt(r.p50Ms), fmt(r.p99Ms), String(r.requests), String(r.errors)]);
        loadRows.push([route, 'hearth ÷ bare', ratio(h.requestsPerSecond, b.requestsPerSecond), ratio(h.p50Ms, b.p50Ms), ratio(h.p99Ms, b.p99Ms), '', '']);
      }
      const text = [
        `HTTP on ${HOST}: ${LOAD.connections} keep-alive connections, ${LOAD.durationMs / 1000} s per target after ${LOAD.warmupMs / 1000} s warm-up`,
        `Node ${environment.node}, ${environment.cpus} CPUs, load average ${environment.loadAverage.toFixed(2)} at start (the client shares the machine)`,
        `hearth serve: dist/main.js, fresh SQLite file, jobs on, log level ${HEARTH_LOG_LEVEL}`,
        `bare Fastify: one route per path, sending the same ${load.loginBytes}-byte login page and /healthz body`,
        '',
        table(['GET', 'server', 'req/s', 'p50 ms', 'p99 ms', 'requests', 'errors'], loadRows, 'llrrrrr'),
        '',
        `Cold start: spawn → first 200 on /healthz (polled every ${POLL_MS} ms), mean of ${COLD_RUNS}`,
        '',
        table(
          ['server', 'mean ms', 'runs ms'],
          [
            ['hearth serve (fresh SQLite, migrations)', fmt(cold.hearth.meanMs, 1), cold.hearth.runsMs.map((x) => x.toFixed(0)).join(', ')],
            ['node -e http.createServer (baseline)', fmt(cold.baseline.meanMs, 1), cold.baseline.runsMs.map((x) => x.toFixed(0)).join(', ')],
            ['hearth ÷ baseline', ratio(cold.hearth.meanMs, cold.baseline.meanMs), ''],
          ],
          'lrl',
        ),
        '',
      ].join('\n');
      return { text, data: { environment, load: load.rows, loginBytes: load.loginBytes, coldStart: cold } };
    } finally {
      await stopAll();
      process.removeListener('SIGINT', interrupted);
      rmSync(tmp, { recursive: true, force: true });
    }
  },
};
