// Posture scanning at hub scale, on loopback only:
// - 200 organisations each declare a domain of the bench's own test bed (200
//   unsigned zones under `test.`, web hosts spread over 20 loopback addresses),
//   prove control by DNS record for real, and the hourly planning queues 200
//   scans that WORKERS in-process job workers run through the job queue, sharing
//   the process's politeness budget (2 connections per target address): total
//   time, scans per minute, peak memory, and the peak number of connections any
//   one address saw. Beside it, the engine alone (runAudit, no queue and no
//   database) on a sample of the same domains with the same concurrency.
// - The pages of one organisation with a year of weekly scans (52): its
//   scorecard (when the baseline's page is there), a domain's page and a scan's
//   page, served by `node dist/main.js serve`, beside a bare Fastify sending the
//   same bytes.
// Every loop is bounded in count and time, and every server started is stopped.
// Needs dist/ (npm run bench builds it) and the DNS bed's Debian packages
// (knot, unbound, ldnsutils) and openssl.
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Benchmark } from './lib/types.ts';
import type * as HttpBench from './http.ts';
import type { LoadFigures } from './http.ts';

const root = resolve(import.meta.dirname, '..');
const ASSETS = 200;
const WORKERS = 4;
const WEB_ADDRESSES = 20;
const ENGINE_SAMPLE = 40;
const SCAN_PHASE_LIMIT_MS = 15 * 60_000;
const WEEKS = 52;
const HEARTH_LOG_LEVEL = 'warn';

const { fmt, freePort, hearthArgs, LOAD, ratio, spawnNode, stop, stopAll, table, untilHealthy } = (await import(new URL('./http.ts', import.meta.url).href)) as typeof HttpBench;

// Compiled application (dist/) and the test bed's TypeScript helpers, loaded at run time.
const dist = async <T>(path: string) => (await import(new URL(`../dist/${path}`, import.meta.url).href)) as T;
const bedTs = async <T>(path: string) => (await import(new URL(`../test/bed/${path}`, import.meta.url).href)) as T;

interface MemorySampler {
  stop(): { peakRssMb: number; peakHeapMb: number };
}

/** Heap in use after a full collection: what the scans left behind. */
function heapAfterGcMb(): number {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

function sampleMemory(): MemorySampler {
  let peakRss = process.memoryUsage().rss;
  let peakHeap = process.memoryUsage().heapUsed;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 50);
  return {
    stop() {
      clearInterval(timer);
      return { peakRssMb: peakRss / 2 ** 20, peakHeapMb: peakHeap / 2 ** 20 };
    },
  };
}

/** Fixed keep-alive connections for a fixed time, with a session cookie (bench/http.ts's hammer sends none). */
async function hammer(url: string, cookie: string, durationMs: number): Promise<LoadFigures> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: LOAD.connections });
  const latencies: number[] = [];
  let errors = 0;
  let started = 0;
  const t0 = performance.now();
  const end = t0 + durationMs;
  const one = () =>
    new Promise<number>((done, fail) => {
      const req = http.get(url, { agent, headers: { cookie } }, (res) => {
        res.resume();
        res.on('end', () => done(res.statusCode ?? 0));
      });
      req.setTimeout(LOAD.requestTimeoutMs, () => req.destroy(new Error('timed out')));
      req.on('error', fail);
    });
  await Promise.all(
    Array.from({ length: LOAD.connections }, async () => {
      while (performance.now() < end && started < LOAD.maxRequests) {
        started++;
        const s = performance.now();
        try {
          if ((await one()) === 200) latencies.push(performance.now() - s);
          else errors++;
        } catch {
          errors++;
        }
      }
    }),
  );
  agent.destroy();
  const seconds = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * (latencies.length - 1)))] ?? Number.NaN;
  return { requestsPerSecond: latencies.length / seconds, p50Ms: pct(0.5), p99Ms: pct(0.99), requests: latencies.length, errors, seconds };
}

const domainOf = (i: number) => `m${String(i).padStart(3, '0')}.test`;
const webAddress = (i: number) => `127.0.80.${10 + (i % WEB_ADDRESSES)}`;

interface ScanPhase {
  assets: number;
  proofSeconds: number;
  queued: number;
  done: number;
  failed: number;
  totalSeconds: number;
  scansPerMinute: number;
  meanScanSeconds: number;
  p95ScanSeconds: number;
  connections: number;
  peakPerAddress: number;
  rssBeforeMb: number;
  heapBeforeMb: number;
  heapAfterMb: number;
  peakRssMb: number;
  peakHeapMb: number;
  databaseMb: number;
  statuses: Record<string, number>;
  engine: { scans: number; totalSeconds: number; scansPerMinute: number; meanScanSeconds: number };
  resultRowsPerScan: number;
  sampleResults: Array<{ id: string; category: string; status: string; target: string; summary: string; evidence: string }>;
}

async function scanPhase(file: string, progress: (line: string) => void): Promise<ScanPhase> {
  const { loadConfig } = await dist<typeof import('../src/config.ts')>('config.js');
  const { createDeps } = await dist<typeof import('../src/kernel/boot.ts')>('kernel/boot.js');
  const { registerJobs } = await dist<typeof import('../src/app.ts')>('app.js');
  const { startWorker } = await dist<typeof import('../src/kernel/jobs/worker.ts')>('kernel/jobs/worker.js');
  const { systemActor } = await dist<typeof import('../src/kernel/auth/actor.ts')>('kernel/auth/actor.js');
  const { createOrganisation } = await dist<typeof import('../src/modules/federation/federation.service.ts')>('modules/federation/federation.service.js');
  const assetsSvc = await dist<typeof import('../src/modules/posture/assets.service.ts')>('modules/posture/assets.service.js');
  const scansSvc = await dist<typeof import('../src/modules/posture/scans.service.ts')>('modules/posture/scans.service.js');
  const repo = await dist<typeof import('../src/modules/posture/scans.repository.ts')>('modules/posture/scans.repository.js');
  const { sharedLimiter } = await dist<typeof import('../src/modules/posture/scans.env.ts')>('modules/posture/scans.env.js');
  const { runAudit } = await dist<typeof import('../src/checks/audit.ts')>('checks/audit.js');
  const { ConnectionLimiter } = await dist<typeof import('../src/checks/net/limiter.ts')>('checks/net/limiter.js');
  const { addressesOf, createResolver } = await dist<typeof import('../src/checks/dns/resolver.ts')>('checks/dns/resolver.js');
  const { startDnsBed } = await bedTs<typeof import('../test/bed/dns/dns-bed.ts')>('dns/dns-bed.ts');
  const { startWebBed } = await bedTs<typeof import('../test/bed/web/web-bed.ts')>('web/web-bed.ts');
  const { issueBedCertificate } = await bedTs<typeof import('../test/bed/web/certs.ts')>('web/certs.ts');
  const { GOOD_HEADERS } = await bedTs<typeof import('../test/bed/web/domain-bed.ts')>('web/domain-bed.ts');
  const { testCa } = await bedTs<typeof import('../test/bed/ca.ts')>('ca.ts');

  const config = loadConfig({ DATABASE_URL: `sqlite:${file}`, HEARTH_LOG_LEVEL: 'silent', HEARTH_NET_ALLOW_PRIVATE: '1', HEARTH_JOBS: '0' });
  // Mail is accepted and dropped: the benchmark measures scans, not an SMTP server.
  const mail = { enabled: true, send: async () => {}, close: () => {} };
  const { deps, handle } = await createDeps(config, { mail });
  registerJobs(deps);
  const stops: Array<() => Promise<void>> = [];
  try {
    progress(`  ${ASSETS} organisations declare ${ASSETS} domains`);
    const actor = systemActor('bench');
    const tokens: string[] = [];
    const assetIds: string[] = [];
    for (let i = 0; i < ASSETS; i++) {
      const slug = `scan-${String(i).padStart(3, '0')}`;
      await createOrganisation(deps, actor, { name: `Collective ${i}`, slug });
      const a = await assetsSvc.declareAsset(deps, actor, slug, { domain: domainOf(i), dkimSelectors: [] });
      tokens.push(a.challengeToken!);
      assetIds.push(a.id);
    }

    progress(`  starting the bed: ${ASSETS} zones, web on ${WEB_ADDRESSES} loopback addresses`);
    const ca = await testCa();
    const names = Array.from({ length: ASSETS }, (_, i) => domainOf(i));
    const cert = await issueBedCertificate(ca, names);
    const securityTxt = { headers: { 'content-type': 'text/plain' }, body: `Contact: mailto:security@example.test\nExpires: ${new Date(Date.now() + 200 * 86_400_000).toISOString()}\n` };
    const site = { home: { headers: GOOD_HEADERS, body: '<!doctype html><title>bench</title>' }, paths: { '/.well-known/security.txt': securityTxt } };
    const web = await startWebBed({
      addresses: Array.from({ length: WEB_ADDRESSES }, (_, i) => webAddress(i)),
      credentials: cert,
      sites: Object.fromEntries(names.map((n) => [n, site])),
    });
    stops.push(() => web.stop());
    const dns = await startDnsBed({
      zones: Object.fromEntries(
        names.map((n, i) => [
          n,
          {
            signed: false,
            records: [
              { name: '@', type: 'A', data: webAddress(i) },
              { name: '@', type: 'MX', data: '0 .' },
              { name: '@', type: 'TXT', data: 'v=spf1 -all' },
              { name: '_dmarc', type: 'TXT', data: 'v=DMARC1; p=reject' },
              { name: '_hearth-challenge', type: 'TXT', data: tokens[i]! },
            ],
          },
        ]),
      ),
    });
    stops.push(() => dns.stop());
    const resolver = createResolver({ server: dns.resolver, timeoutMs: 3000, limiter: new ConnectionLimiter(16) });
    deps.scans = { resolver: dns.resolver, ports: { https: web.httpsPort, http: web.httpPort, dns: dns.port }, ca: [ca.rootPem], timeoutMs: 3000 };
    deps.net = {
      lookup: async (host) => {
        const { v4, v6 } = await addressesOf(resolver, host);
        return [...v4.map((address) => ({ address, family: 4 })), ...v6.map((address) => ({ address, family: 6 }))];
      },
      allowedPorts: [web.httpsPort, web.httpPort],
    };

    progress(`  proving control of ${ASSETS} domains by DNS record`);
    const p0 = performance.now();
    for (let i = 0; i < ASSETS; i++) await assetsSvc.verifyAsset(deps, actor, `scan-${String(i).padStart(3, '0')}`, assetIds[i]!, 'dns');
    const proofSeconds = (performance.now() - p0) / 1000;

    // Watch the shared budget: the most connections any one address had open at once.
    const limiter = sharedLimiter();
    const active = new Map<string, number>();
    let peakPerAddress = 0;
    const original = limiter.with.bind(limiter);
    limiter.with = async <T>(address: string, fn: () => Promise<T>): Promise<T> =>
      original(address, async () => {
        const n = (active.get(address) ?? 0) + 1;
        active.set(address, n);
        peakPerAddress = Math.max(peakPerAddress, n);
        try {
          return await fn();
        } finally {
          active.set(address, active.get(address)! - 1);
        }
      });

    progress(`  the planning queues the scans; ${WORKERS} workers run them`);
    const heapBeforeMb = heapAfterGcMb();
    const rssBeforeMb = process.memoryUsage().rss / 2 ** 20;
    const memory = sampleMemory();
    const t0 = performance.now();
    const queued = await scansSvc.planDueScans(deps);
    const workers = Array.from({ length: WORKERS }, (_, i) => startWorker({ db: deps.db, clock: deps.clock, log: deps.log, registry: deps.jobs, metrics: deps.metrics, id: `bench-${i}` }, false));
    const limit = setTimeout(() => void Promise.all(workers.map((w) => w.stop())), SCAN_PHASE_LIMIT_MS);
    const ticker = setInterval(() => {
      void deps.db
        .selectFrom('posture_scans')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', 'in', ['done', 'failed', 'skipped'])
        .executeTakeFirst()
        .then((r) => progress(`    ${Number(r?.n ?? 0)}/${queued.length} scans finished, ${((performance.now() - t0) / 1000).toFixed(0)} s`));
    }, 15_000);
    await Promise.all(workers.map((w) => w.drain(10_000)));
    clearTimeout(limit);
    clearInterval(ticker);
    const totalSeconds = (performance.now() - t0) / 1000;
    const mem = memory.stop();
    limiter.with = original;
    const heapAfterMb = heapAfterGcMb();

    const scans = await deps.db.selectFrom('posture_scans').selectAll().execute();
    const done = scans.filter((s) => s.status === 'done');
    const durations = done.map((s) => Number(s.duration_ms) / 1000).sort((a, b) => a - b);
    const resultRows = await deps.db.selectFrom('posture_results').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const statusRows = await deps.db.selectFrom('posture_results').select((eb) => ['status', eb.fn.countAll<number>().as('n')]).groupBy('status').execute();
    const statuses = Object.fromEntries(['pass', 'warn', 'fail', 'info', 'error'].map((st) => [st, Number(statusRows.find((r) => r.status === st)?.n ?? 0)]));
    const sampleScan = done[0]!;
    const sampleResults = await deps.db.selectFrom('posture_results').select(['check_id as id', 'category', 'status', 'target', 'summary', 'evidence']).where('scan_id', '=', sampleScan.id).execute();

    progress(`  the engine alone: ${ENGINE_SAMPLE} of the domains, ${WORKERS} at a time, one shared limiter`);
    const engineLimiter = new ConnectionLimiter(2);
    const e0 = performance.now();
    const engineDurations: number[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: WORKERS }, async () => {
        while (next < ENGINE_SAMPLE) {
          const i = next++;
          const s = performance.now();
          await runAudit(domainOf(i), {
            resolver: dns.resolver,
            ports: deps.scans!.ports!,
            ca: [ca.rootPem],
            timeoutMs: 3000,
            concurrency: 2,
            allAddresses: false,
            allowPrivate: true,
            limiter: engineLimiter,
          });
          engineDurations.push((performance.now() - s) / 1000);
        }
      }),
    );
    const engineSeconds = (performance.now() - e0) / 1000;

    return {
      assets: ASSETS,
      proofSeconds,
      queued: queued.length,
      done: done.length,
      failed: scans.length - done.length,
      totalSeconds,
      scansPerMinute: (done.length / totalSeconds) * 60,
      meanScanSeconds: durations.reduce((a, b) => a + b, 0) / Math.max(1, durations.length),
      p95ScanSeconds: durations[Math.floor(0.95 * (durations.length - 1))] ?? Number.NaN,
      connections: done.reduce((n, s) => n + Number(s.connections ?? 0), 0),
      peakPerAddress,
      rssBeforeMb,
      heapBeforeMb,
      heapAfterMb,
      ...mem,
      statuses,
      databaseMb: statSync(file).size / 2 ** 20,
      engine: {
        scans: ENGINE_SAMPLE,
        totalSeconds: engineSeconds,
        scansPerMinute: (ENGINE_SAMPLE / engineSeconds) * 60,
        meanScanSeconds: engineDurations.reduce((a, b) => a + b, 0) / engineDurations.length,
      },
      resultRowsPerScan: Number(resultRows.n) / Math.max(1, done.length),
      sampleResults,
    };
  } finally {
    for (const s of stops.reverse()) await s().catch(() => {});
    await handle.close();
  }
}

/** One organisation with a year of weekly scans (results copied from a real scan, HTTP-03 fixed half-way), and a member's session. */
async function seedYear(file: string, sample: ScanPhase['sampleResults']): Promise<{ slug: string; assetId: string; scanId: string; cookie: string; readers: { latestResultsMs: number; yearOfHistoryMs: number } }> {
  const { loadConfig } = await dist<typeof import('../src/config.ts')>('config.js');
  const { createDeps } = await dist<typeof import('../src/kernel/boot.ts')>('kernel/boot.js');
  const { systemActor } = await dist<typeof import('../src/kernel/auth/actor.ts')>('kernel/auth/actor.js');
  const { createOrganisation } = await dist<typeof import('../src/modules/federation/federation.service.ts')>('modules/federation/federation.service.js');
  const { createPerson, createSession } = await dist<typeof import('../src/kernel/auth/auth.service.ts')>('kernel/auth/auth.service.js');
  const assetsSvc = await dist<typeof import('../src/modules/posture/assets.service.ts')>('modules/posture/assets.service.js');
  const repo = await dist<typeof import('../src/modules/posture/scans.repository.ts')>('modules/posture/scans.repository.js');
  const { newId } = await dist<typeof import('../src/kernel/ids.ts')>('kernel/ids.js');

  const { deps, handle } = await createDeps(loadConfig({ DATABASE_URL: `sqlite:${file}`, HEARTH_LOG_LEVEL: 'silent', HEARTH_NET_ALLOW_PRIVATE: '1' }));
  try {
    const actor = systemActor('bench');
    const slug = 'a-year-of-scans';
    const org = await createOrganisation(deps, actor, { name: 'A year of scans', slug });
    const asset = await assetsSvc.declareAsset(deps, actor, slug, { domain: 'year.test', dkimSelectors: [] });
    const now = Date.now();
    await repo.updateAsset(deps.db, asset.id, { verified_method: 'dns', verified_at: new Date(now - 400 * 86_400_000).toISOString(), verify_checked_at: new Date(now).toISOString() });
    let last = '';
    for (let w = WEEKS - 1; w >= 0; w--) {
      const at = new Date(now - w * 7 * 86_400_000).toISOString();
      const id = newId();
      const rows = sample.map((r) => ({
        id: newId(),
        scan_id: id,
        check_id: r.id,
        category: r.category,
        // The first half of the year fails HSTS, then it is fixed: the trend moves.
        status: (r.id === 'HTTP-03' && w >= WEEKS / 2 ? 'fail' : r.status) as 'pass',
        target: r.target.replace(/m\d{3}\.test/g, 'year.test'),
        summary: r.summary,
        evidence: r.evidence,
      }));
      const counts = { pass: 0, warn: 0, fail: 0, info: 0, error: 0 };
      for (const r of rows) counts[r.status]++;
      await repo.insertScan(deps.db, {
        id, org_id: org.id, asset_id: asset.id, trigger: 'schedule', status: 'done', requested_by: null, created_at: at, started_at: at, finished_at: at,
        duration_ms: 1500, pass_count: counts.pass, warn_count: counts.warn, fail_count: counts.fail, info_count: counts.info, error_count: counts.error,
        score_permille: 900, connections: 100, error: null,
      });
      await repo.insertResults(deps.db, rows);
      last = id;
    }
    const person = await deps.db.transaction().execute((trx) => createPerson(deps, trx, actor, { displayName: 'Bench Member', email: 'bench@example.org', password: 'bench lantern orchard voyage' }));
    await deps.db.insertInto('memberships').values({ org_id: org.id, person_id: person.id, role: 'org_admin', created_at: new Date().toISOString() }).execute();
    const token = await createSession(deps, person.id, false);
    // What the scorecard reads, alone: the latest results and a year of history, 30 calls each.
    const { latestResultsFor, scanHistory } = await dist<typeof import('../src/modules/posture/scans.service.ts')>('modules/posture/scans.service.js');
    const time = async (fn: () => Promise<unknown>) => {
      await fn();
      const t0 = performance.now();
      for (let i = 0; i < 30; i++) await fn();
      return (performance.now() - t0) / 30;
    };
    const readers = {
      latestResultsMs: await time(() => latestResultsFor(deps.db, org.id)),
      yearOfHistoryMs: await time(() => scanHistory(deps.db, org.id, new Date(now - 366 * 86_400_000))),
    };
    return { slug, assetId: asset.id, scanId: last, cookie: `hearth_session=${token}`, readers };
  } finally {
    await handle.close();
  }
}

async function pagePhase(tmp: string, file: string, seeded: Awaited<ReturnType<typeof seedYear>>, progress: (line: string) => void) {
  const port = await freePort();
  const hearth = spawnNode('hearth serve', port, hearthArgs(port), { DATABASE_URL: `sqlite:${file}`, HEARTH_BASE_URL: `http://127.0.0.1:${port}`, HEARTH_LOG_LEVEL, HEARTH_JOBS: '0' });
  await untilHealthy(hearth, performance.now());
  const pages = [
    { name: 'scorecard (baseline)', path: `/orgs/${seeded.slug}/posture` },
    { name: 'domain page', path: `/orgs/${seeded.slug}/posture/assets/${seeded.assetId}` },
    { name: 'scan page', path: `/orgs/${seeded.slug}/posture/scans/${seeded.scanId}` },
  ];
  const captured: Array<{ name: string; path: string; file: string; type: string; bytes: number; status: number }> = [];
  for (const p of pages) {
    const res = await new Promise<{ status: number; body: Buffer }>((done, fail) => {
      http
        .get(`${hearth.origin}${p.path}`, { headers: { cookie: seeded.cookie } }, (r) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => done({ status: r.statusCode ?? 0, body: Buffer.concat(chunks) }));
        })
        .on('error', fail);
    });
    const f = join(tmp, `${captured.length}.html`);
    writeFileSync(f, res.body);
    captured.push({ ...p, file: f, type: 'text/html; charset=utf-8', bytes: res.body.length, status: res.status });
  }
  const served = captured.filter((c) => c.status === 200);
  const barePort = await freePort();
  const bare = spawnNode('bare Fastify', barePort, ['bench/lib/static-server.ts', String(barePort), JSON.stringify(served.map(({ path, file, type }) => ({ path, file, type })))]);
  await untilHealthy(bare, performance.now());
  const rows: Array<{ page: string; server: string; bytes: number } & LoadFigures> = [];
  for (const c of served) {
    for (const server of [hearth, bare]) {
      progress(`  GET ${c.name} on ${server.name}: ${LOAD.warmupMs / 1000} s warm-up, ${LOAD.durationMs / 1000} s measured`);
      await hammer(server.origin + c.path, seeded.cookie, LOAD.warmupMs);
      rows.push({ page: c.name, server: server.name, bytes: c.bytes, ...(await hammer(server.origin + c.path, seeded.cookie, LOAD.durationMs)) });
    }
  }
  await Promise.all([stop(hearth.child), stop(bare.child)]);
  return { rows, missing: captured.filter((c) => c.status !== 200).map((c) => `${c.name} answered ${c.status}`) };
}

export const benchmark: Benchmark = {
  name: 'posture',
  async run(progress) {
    if (!existsSync(join(root, 'dist', 'modules', 'posture', 'scans.service.js'))) throw new Error('dist/ lacks posture: run `npm run build` (npm run bench does)');
    const tmp = mkdtempSync(join(tmpdir(), 'hearth-bench-posture-'));
    const environment = { node: process.version, cpus: availableParallelism(), loadAverage: loadavg()[0]!, assets: ASSETS, workers: WORKERS, webAddresses: WEB_ADDRESSES, weeks: WEEKS, ...LOAD };
    try {
      const file = join(tmp, 'hearth.sqlite');
      const scans = await scanPhase(file, progress);
      progress(`  a year of weekly scans (${WEEKS}) for one organisation`);
      const seeded = await seedYear(file, scans.sampleResults);
      const pages = await pagePhase(tmp, file, seeded, progress);
      const { sampleResults: _omit, ...scanFigures } = scans;
      const pageRows: string[][] = [];
      for (const name of [...new Set(pages.rows.map((r) => r.page))]) {
        const h = pages.rows.find((r) => r.page === name && r.server === 'hearth serve')!;
        const b = pages.rows.find((r) => r.page === name && r.server === 'bare Fastify')!;
        for (const r of [h, b]) pageRows.push([name, r.server, String(r.bytes), fmt(r.requestsPerSecond, 0), fmt(r.p50Ms), fmt(r.p99Ms), String(r.requests), String(r.errors)]);
        pageRows.push([name, 'hearth ÷ bare', '', ratio(h.requestsPerSecond, b.requestsPerSecond), ratio(h.p50Ms, b.p50Ms), ratio(h.p99Ms, b.p99Ms), '', '']);
      }
      const text = [
        `Posture scans on loopback: ${ASSETS} organisations, one proved domain each (unsigned zones; web on ${WEB_ADDRESSES} addresses; Null MX)`,
        `Node ${environment.node}, ${environment.cpus} CPUs, load average ${environment.loadAverage.toFixed(2)} at start (the bed's servers share the machine)`,
        '',
        table(
          ['what', 'through the job queue', `engine alone (${ENGINE_SAMPLE} of them)`],
          [
            ['scans finished', `${scans.done} of ${scans.queued} (${scans.failed} not done)`, String(scans.engine.scans)],
            ['total time', `${fmt(scans.totalSeconds, 1)} s`, `${fmt(scans.engine.totalSeconds, 1)} s`],
            ['scans per minute', fmt(scans.scansPerMinute, 1), fmt(scans.engine.scansPerMinute, 1)],
            ['mean time per scan', `${fmt(scans.meanScanSeconds)} s (p95 ${fmt(scans.p95ScanSeconds)} s)`, `${fmt(scans.engine.meanScanSeconds)} s`],
            ['queue ÷ engine, per minute', ratio(scans.scansPerMinute, scans.engine.scansPerMinute), ''],
          ],
          'lll',
        ),
        '',
        `${WORKERS} workers in one process, one politeness budget (2 per address): peak connections seen by any one address ${scans.peakPerAddress}`,
        `connections opened ${scans.connections} (${fmt(scans.connections / Math.max(1, scans.done), 0)} per scan); ${fmt(scans.resultRowsPerScan, 0)} results stored per scan`,
        `results stored: ${Object.entries(scans.statuses).map(([k, v]) => `${v} ${k}`).join(', ')}`,
        `peak memory during the scans (this process also runs the bed's web servers): RSS ${fmt(scans.peakRssMb, 0)} MiB (${fmt(scans.rssBeforeMb, 0)} MiB before them), heap ${fmt(scans.peakHeapMb, 0)} MiB`,
        `heap after a full collection: ${fmt(scans.heapBeforeMb, 0)} MiB before the scans, ${fmt(scans.heapAfterMb, 0)} MiB after them; database ${fmt(scans.databaseMb, 1)} MiB after them`,
        `proving control of ${ASSETS} domains by DNS record, one after another: ${fmt(scans.proofSeconds, 1)} s`,
        '',
        `Pages with a year of weekly scans (${WEEKS}), hearth serve vs a bare Fastify sending the same bytes, ${LOAD.connections} connections, ${LOAD.durationMs / 1000} s each`,
        '',
        table(['page', 'server', 'bytes', 'req/s', 'p50 ms', 'p99 ms', 'requests', 'errors'], pageRows, 'llrrrrrr'),
        ...(pages.missing.length ? ['', `not measured: ${pages.missing.join('; ')}`] : []),
        '',
        `what the scorecard reads, in-process, mean of 30 calls: latestResultsFor ${fmt(seeded.readers.latestResultsMs)} ms, scanHistory over the year ${fmt(seeded.readers.yearOfHistoryMs)} ms`,
        '',
      ].join('\n');
      return { text, data: { environment, scans: scanFigures, pages: pages.rows, notMeasured: pages.missing, scorecardReads: seeded.readers } };
    } finally {
      await stopAll();
      rmSync(tmp, { recursive: true, force: true });
    }
  },
};
