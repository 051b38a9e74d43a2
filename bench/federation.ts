// The public federation under load, on loopback only: a fresh SQLite file is
// filled through Hearth's own services (200 organisations × 10 services ×
// 3 languages), then `node dist/main.js serve` answers
//   - the directory, unfiltered (first page) and filtered (language + service kind),
//   - /federation.json (every member, every translation, every service),
// beside a bare Fastify (bench/lib/static-server.ts) sending the very bytes Hearth
// sent for each. Loads are bounded in time and count (bench/http.ts's generator);
// every process started here is stopped before the benchmark returns.
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Benchmark } from './lib/types.ts';
import type * as HttpBench from './http.ts';
import type { LoadFigures } from './http.ts';
import type * as ConfigModule from '../src/config.ts';
import type * as BootModule from '../src/kernel/boot.ts';
import type * as ActorModule from '../src/kernel/auth/actor.ts';
import type * as FederationModule from '../src/modules/federation/federation.service.ts';
import type * as ProfileModule from '../src/modules/federation/profile.service.ts';
import type * as ServicesModule from '../src/modules/federation/services.service.ts';
import type { ServiceInput } from '../src/modules/federation/services.schemas.ts';

const root = resolve(import.meta.dirname, '..');
const ORGS = 200;
const SERVICES_PER_ORG = 10;
const HEARTH_LOG_LEVEL = 'warn';

// The compiled application, loaded at run time (npm run bench builds dist/ first).
const load = async <T>(path: string) => (await import(new URL(`../dist/${path}`, import.meta.url).href)) as T;
// The load generator and process helpers of bench/http.ts (a computed specifier, as bench/run.ts loads benchmarks).
const { fmt, freePort, get, hammer, hearthArgs, LOAD, ratio, spawnNode, stop, stopAll, table, untilHealthy } = (await import(
  new URL('./http.ts', import.meta.url).href
)) as typeof HttpBench;

const KINDS: ServiceInput['kind'][] = ['mail', 'web_hosting', 'mailing_lists', 'chat_xmpp', 'chat_matrix', 'vpn', 'files', 'video_calls', 'pads', 'dns', 'mirrors', 'other'];
const POLICIES: ServiceInput['registration'][] = ['open', 'invitation', 'movement_members', 'closed'];
const LANGS = ['es', 'pt', 'en', 'fr', 'de', 'ca', 'it', 'ar'];
const COUNTRIES = ['MX', 'AR', 'BR', 'ES', 'DE', 'FR', 'IT', 'CO', 'CL', 'PE', 'MA', 'TN'];

/** Fills `file` through the services, as org-admins would; returns seconds taken. */
async function seed(file: string, progress: (line: string) => void): Promise<number> {
  const { loadConfig } = await load<typeof ConfigModule>('config.js');
  const { createDeps } = await load<typeof BootModule>('kernel/boot.js');
  const { systemActor } = await load<typeof ActorModule>('kernel/auth/actor.js');
  const { createOrganisation } = await load<typeof FederationModule>('modules/federation/federation.service.js');
  const { updateProfile, saveTranslation } = await load<typeof ProfileModule>('modules/federation/profile.service.js');
  const { createService } = await load<typeof ServicesModule>('modules/federation/services.service.js');

  const t0 = performance.now();
  const { deps, handle } = await createDeps(loadConfig({ DATABASE_URL: `sqlite:${file}`, HEARTH_LOG_LEVEL: 'silent' }));
  const actor = systemActor('bench');
  try {
    for (let i = 0; i < ORGS; i++) {
      const slug = `member-${String(i).padStart(3, '0')}`;
      const name = `Collective ${i}`;
      await createOrganisation(deps, actor, { name, slug });
      const langs = [LANGS[i % LANGS.length]!, LANGS[(i + 1) % LANGS.length]!, LANGS[(i + 3) % LANGS.length]!];
      await updateProfile(deps, actor, slug, {
        name,
        slug,
        sourceLang: langs[0]!,
        summary: `Mail, lists and chat for social movements, collective number ${i}.`,
        description: `We are a **cooperative** host founded by activists.\n\n- e-mail\n- mailing lists\n- chat\n\nMember ${i} of the federation.`,
        countries: [COUNTRIES[i % COUNTRIES.length]!, COUNTRIES[(i + 5) % COUNTRIES.length]!],
        region: `Region ${i % 17}`,
        languages: langs,
        founded: 1995 + (i % 30),
        website: `https://${slug}.example.org/`,
        contactEmail: `contact@${slug}.example.org`,
        securityContact: `https://${slug}.example.org/.well-known/security.txt`,
        openpgpKey: null,
        donationUrl: `https://${slug}.example.org/donate`,
      });
      for (const lang of langs.slice(1)) {
        for (const field of ['summary', 'description'] as const) {
          await saveTranslation(deps, actor, slug, { field, lang, body: `(${lang}) ${field} of collective ${i}, translated.`, translator: 'Bench', machine: lang === langs[2] });
        }
      }
      for (let s = 0; s < SERVICES_PER_ORG; s++) {
        await createService(deps, actor, slug, {
          kind: KINDS[(i + s) % KINDS.length]!,
          name: `Service ${s}`,
          url: `https://s${s}.${slug}.example.org/`,
          software: 'Software',
          softwareVersion: `${1 + (s % 4)}.${i % 10}`,
          registration: POLICIES[(i + s) % POLICIES.length]!,
          status: 'active',
          countries: [COUNTRIES[(i + s) % COUNTRIES.length]!],
        });
      }
      if ((i + 1) % 50 === 0) progress(`  seeded ${i + 1}/${ORGS} organisations`);
    }
  } finally {
    await handle.close();
  }
  return (performance.now() - t0) / 1000;
}

const TARGETS = [
  { name: 'directory, unfiltered', path: '/directory', baseline: '/a', type: 'text/html; charset=utf-8' },
  { name: 'directory, filtered', path: '/directory?lang=pt&kind=vpn', baseline: '/b', type: 'text/html; charset=utf-8' },
  { name: '/federation.json', path: '/federation.json', baseline: '/c', type: 'application/json; charset=utf-8' },
] as const;

export const benchmark: Benchmark = {
  name: 'federation',
  async run(progress) {
    if (!statSync(join(root, 'dist', 'main.js'), { throwIfNoEntry: false })) throw new Error('dist/main.js is missing: run `npm run build` (npm run bench does)');
    const tmp = mkdtempSync(join(tmpdir(), 'hearth-bench-fed-'));
    const interrupted = () =>
      void stopAll().finally(() => {
        rmSync(tmp, { recursive: true, force: true });
        process.exit(130);
      });
    process.once('SIGINT', interrupted);
    const environment = { node: process.version, cpus: availableParallelism(), loadAverage: loadavg()[0]!, ...LOAD, orgs: ORGS, servicesPerOrg: SERVICES_PER_ORG, languagesPerOrg: 3 };
    try {
      const file = join(tmp, 'hearth.sqlite');
      progress(`  seeding ${ORGS} organisations × ${SERVICES_PER_ORG} services × 3 languages through the services`);
      const seedSeconds = await seed(file, progress);

      const port = await freePort();
      const hearth = spawnNode('hearth serve', port, hearthArgs(port), { DATABASE_URL: `sqlite:${file}`, HEARTH_BASE_URL: `http://127.0.0.1:${port}`, HEARTH_LOG_LEVEL });
      await untilHealthy(hearth, performance.now());

      // The bytes Hearth sends for each target, served verbatim by the baseline.
      const captured = [];
      for (const target of TARGETS) {
        const res = await get(hearth.origin + target.path, false, true);
        if (res.status !== 200) throw new Error(`hearth answered ${res.status} on ${target.path}`);
        const bodyFile = join(tmp, `${target.baseline.slice(1)}.body`);
        writeFileSync(bodyFile, res.body);
        captured.push({ path: target.baseline, file: bodyFile, type: target.type, bytes: Buffer.byteLength(res.body) });
      }
      const fed = captured[2]!;
      const members = (JSON.parse((await get(hearth.origin + '/federation.json', false, true)).body) as { members: unknown[] }).members.length;
      if (members !== ORGS) throw new Error(`/federation.json lists ${members} members, not ${ORGS}`);

      const barePort = await freePort();
      const bare = spawnNode('bare Fastify', barePort, ['bench/lib/static-server.ts', String(barePort), JSON.stringify(captured.map(({ path, file, type }) => ({ path, file, type })))]);
      await untilHealthy(bare, performance.now());

      const rows: Array<{ target: string; server: string; bytes: number } & LoadFigures> = [];
      for (const [i, target] of TARGETS.entries()) {
        for (const [server, url] of [
          [hearth.name, hearth.origin + target.path],
          [bare.name, bare.origin + target.baseline],
        ] as const) {
          progress(`  ${target.name} on ${server}: ${LOAD.warmupMs / 1000} s warm-up, ${LOAD.durationMs / 1000} s measured`);
          await hammer(url, LOAD.warmupMs);
          rows.push({ target: target.name, server, bytes: captured[i]!.bytes, ...(await hammer(url, LOAD.durationMs)) });
        }
      }
      await Promise.all([stop(hearth.child), stop(bare.child)]);

      const out: string[][] = [];
      for (const target of TARGETS) {
        const h = rows.find((r) => r.target === target.name && r.server === hearth.name)!;
        const b = rows.find((r) => r.target === target.name && r.server === bare.name)!;
        for (const r of [h, b]) out.push([target.name, r.server, String(r.bytes), fmt(r.requestsPerSecond, 0), fmt(r.p50Ms), fmt(r.p99Ms), String(r.requests), String(r.errors)]);
        out.push([target.name, 'hearth ÷ bare', '', ratio(h.requestsPerSecond, b.requestsPerSecond), ratio(h.p50Ms, b.p50Ms), ratio(h.p99Ms, b.p99Ms), '', '']);
      }
      const text = [
        `Federation on 127.0.0.1: ${ORGS} organisations × ${SERVICES_PER_ORG} services × 3 languages, seeded through the services in ${seedSeconds.toFixed(1)} s`,
        `${LOAD.connections} keep-alive connections, ${LOAD.durationMs / 1000} s per target after ${LOAD.warmupMs / 1000} s warm-up`,
        `Node ${environment.node}, ${environment.cpus} CPUs, load average ${environment.loadAverage.toFixed(2)} at start (the client shares the machine)`,
        `hearth serve: dist/main.js on that SQLite file, log level ${HEARTH_LOG_LEVEL}; bare Fastify: the same bytes from memory (/federation.json is ${fed.bytes} bytes)`,
        '',
        table(['GET', 'server', 'bytes', 'req/s', 'p50 ms', 'p99 ms', 'requests', 'errors'], out, 'llrrrrrr'),
        '',
      ].join('\n');
      return { text, data: { environment, seedSeconds, rows } };
    } finally {
      await stopAll();
      process.removeListener('SIGINT', interrupted);
      rmSync(tmp, { recursive: true, force: true });
    }
  },
};
