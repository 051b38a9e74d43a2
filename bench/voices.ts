// Voices under load, on loopback only:
//   1. sustained anonymous answers per second, through `node dist/main.js serve`,
//      each POST carrying its own signed form token (verified, then marked used
//      in the answer's transaction), on SQLite and, when reachable, PostgreSQL;
//   2. the public report of a campaign with 100,000 answers, beside a bare
//      Fastify sending the very same bytes (bench/lib/static-server.ts).
// Tokens are minted with the server's own secret, as the form page would, a few
// seconds before the load starts (the minimum fill time). The report's campaign
// is topped up to 100,000 answers by bulk inserts in the same shape the service
// writes (the answer rows, their values and texts, and the tallies), since
// sending them over HTTP would take minutes. Every process started here is
// stopped before the benchmark returns.
import http from 'node:http';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import type { Benchmark } from './lib/types.ts';
import type * as HttpBench from './http.ts';
import type { LoadFigures } from './http.ts';
import type * as ConfigModule from '../src/config.ts';
import type * as BootModule from '../src/kernel/boot.ts';
import type * as ActorModule from '../src/kernel/auth/actor.ts';
import type * as FederationModule from '../src/modules/federation/federation.service.ts';
import type * as SettingsModule from '../src/kernel/settings.ts';
import type * as SeedModule from '../src/modules/voices/voices.seed.ts';
import type * as ServiceModule from '../src/modules/voices/voices.service.ts';
import type * as GuardModule from '../src/modules/voices/voices.guard.ts';
import type { VoiceAnswersTable, VoiceAnswerValuesTable } from '../src/modules/voices/voices.tables.ts';
import type { TextsTable } from '../src/kernel/db/kernel.tables.ts';

const root = resolve(import.meta.dirname, '..');
const HEARTH_LOG_LEVEL = 'warn';
const REPORT_ANSWERS = 100_000;
const POSTGRES_URL = process.env.HEARTH_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const load = async <T>(path: string) => (await import(new URL(`../dist/${path}`, import.meta.url).href)) as T;
const { fmt, freePort, get, hammer, hearthArgs, LOAD, ratio, spawnNode, stop, stopAll, table, untilHealthy } = (await import(
  new URL('./http.ts', import.meta.url).href
)) as typeof HttpBench;

interface Seeded {
  campaignId: string;
  secret: string;
  questions: { text: string; single: string; choices: string[]; scale: string };
}

async function seed(databaseUrl: string): Promise<Seeded> {
  const { loadConfig } = await load<typeof ConfigModule>('config.js');
  const { createDeps } = await load<typeof BootModule>('kernel/boot.js');
  const { systemActor } = await load<typeof ActorModule>('kernel/auth/actor.js');
  const { createOrganisation } = await load<typeof FederationModule>('modules/federation/federation.service.js');
  const { setSetting } = await load<typeof SettingsModule>('kernel/settings.js');
  const { seedSurvey } = await load<typeof SeedModule>('modules/voices/voices.seed.js');
  const { resolveScope, GLOBAL_BUDGET_SETTING } = await load<typeof ServiceModule>('modules/voices/voices.service.js');
  const { deps, handle } = await createDeps(loadConfig({ DATABASE_URL: databaseUrl, HEARTH_LOG_LEVEL: 'silent' }));
  try {
    const actor = systemActor('bench');
    await createOrganisation(deps, actor, { name: 'Bench collective', slug: 'bench' });
    // Unmoderated, so every answer also updates the report's tallies; budgets out of the way.
    const s = await seedSurvey(deps, actor, await resolveScope(deps.db, 'bench'), { moderated: false, hourlyBudget: 100_000 });
    await setSetting(deps.db, GLOBAL_BUDGET_SETTING, '100000000');
    return { campaignId: s.id, secret: deps.secret, questions: { text: s.questions.text.id, single: s.questions.single.id, choices: s.questions.single.choices, scale: s.questions.scale.id } };
  } finally {
    await handle.close();
  }
}

/** Form tokens as the server issues them, minted now: usable once MIN_FILL has passed. */
async function mint(seeded: Seeded, count: number): Promise<string[]> {
  const { FormTokens } = await load<typeof GuardModule>('modules/voices/voices.guard.js');
  const tokens = new FormTokens(seeded.secret, { now: () => new Date() });
  return Array.from({ length: count }, () => tokens.issue(seeded.campaignId));
}

function post(url: string, body: string, agent: http.Agent): Promise<number> {
  return new Promise((done, fail) => {
    const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => done(res.statusCode ?? 0));
      res.on('error', fail);
    });
    req.setTimeout(LOAD.requestTimeoutMs, () => req.destroy(new Error('request timed out')));
    req.on('error', fail);
    req.end(body);
  });
}

/** Answers for `durationMs` over LOAD.connections keep-alive connections, one unused token each; 303 is success. */
async function answerLoad(origin: string, seeded: Seeded, tokens: string[], durationMs: number): Promise<LoadFigures> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: LOAD.connections });
  const q = seeded.questions;
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const t0 = performance.now();
  const end = t0 + durationMs;
  const connection = async () => {
    while (performance.now() < end && next < tokens.length) {
      const i = next++;
      const body = new URLSearchParams({
        form: tokens[i]!,
        lang: ['en', 'ar', 'cs'][i % 3]!,
        homepage: '',
        [`q_${q.text}`]: `We need an onion address and encrypted backups (${i}).`,
        [`q_${q.single}`]: q.choices[i % 3]!,
        [`q_${q.scale}`]: String(1 + (i % 5)),
      }).toString();
      const s = performance.now();
      try {
        const status = await post(`${origin}/voices/${seeded.campaignId}`, body, agent);
        if (status === 303) latencies.push(performance.now() - s);
        else errors++;
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: LOAD.connections }, connection));
  const seconds = (performance.now() - t0) / 1000;
  agent.destroy();
  const sorted = Float64Array.from(latencies).sort();
  const pct = (p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! : Number.NaN);
  return { requestsPerSecond: latencies.length / seconds, p50Ms: pct(0.5), p99Ms: pct(0.99), requests: latencies.length, errors, seconds };
}

async function countAnswers(databaseUrl: string, campaignId: string): Promise<number> {
  const { loadConfig } = await load<typeof ConfigModule>('config.js');
  const { createDeps } = await load<typeof BootModule>('kernel/boot.js');
  const { deps, handle } = await createDeps(loadConfig({ DATABASE_URL: databaseUrl, HEARTH_LOG_LEVEL: 'silent' }), { migrate: false });
  try {
    const r = await deps.db.selectFrom('voice_answers').select((eb) => eb.fn.countAll<number>().as('n')).where('campaign_id', '=', campaignId).executeTakeFirstOrThrow();
    return Number(r.n);
  } finally {
    await handle.close();
  }
}

/** Tops the campaign up to `target` accepted answers, in the shape submitAnswer writes, 2,000 per transaction. */
async function topUp(databaseUrl: string, seeded: Seeded, target: number, progress: (line: string) => void): Promise<void> {
  const { loadConfig } = await load<typeof ConfigModule>('config.js');
  const { createDeps } = await load<typeof BootModule>('kernel/boot.js');
  const { deps, handle } = await createDeps(loadConfig({ DATABASE_URL: databaseUrl, HEARTH_LOG_LEVEL: 'silent' }), { migrate: false });
  const { sql } = await import('kysely');
  try {
    const have = await countAnswers(databaseUrl, seeded.campaignId);
    const q = seeded.questions;
    const hour = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000).toISOString();
    for (let done = have; done < target; ) {
      const n = Math.min(2_000, target - done);
      const answers: VoiceAnswersTable[] = [];
      const values: VoiceAnswerValuesTable[] = [];
      const texts: TextsTable[] = [];
      const counts = new Map<string, number>();
      const bump = (question: string, value: string) => counts.set(`${question}\n${value}`, (counts.get(`${question}\n${value}`) ?? 0) + 1);
      for (let k = 0; k < n; k++) {
        const i = done + k;
        const id = `bench${String(i).padStart(21, '0')}`;
        const lang = ['en', 'ar', 'cs'][i % 3]!;
        answers.push({ id, campaign_id: seeded.campaignId, org_id: null, lang, status: 'accepted', verified: 0, received_at: hour, moderated_at: null, moderated_by: null });
        values.push({ answer_id: id, question_id: q.single, value: q.choices[i % 3]! }, { answer_id: id, question_id: q.scale, value: String(1 + (i % 5)) });
        texts.push({ owner_type: 'voice_answer', owner_id: id, field: `q.${q.text}`, lang, body: `Answer ${i}: more privacy.`, is_source: 1, translator: null, machine: 0, created_by: null, updated_at: hour });
        bump('', '');
        bump(q.text, '');
        bump(q.single, '');
        bump(q.scale, '');
        bump(q.single, q.choices[i % 3]!);
        bump(q.scale, String(1 + (i % 5)));
      }
      await deps.db.transaction().execute(async (trx) => {
        const org = await trx.selectFrom('voice_campaigns').select('org_id').where('id', '=', seeded.campaignId).executeTakeFirstOrThrow();
        for (let s = 0; s < answers.length; s += 400) {
          await trx.insertInto('voice_answers').values(answers.slice(s, s + 400).map((a) => ({ ...a, org_id: org.org_id }))).execute();
          await trx.insertInto('voice_answer_values').values(values.slice(2 * s, 2 * s + 800)).execute();
          await trx.insertInto('texts').values(texts.slice(s, s + 400)).execute();
        }
        for (const [key, delta] of counts) {
          const [question_id, value] = key.split('\n') as [string, string];
          await trx
            .insertInto('voice_tallies')
            .values({ campaign_id: seeded.campaignId, question_id, value, n: delta })
            .onConflict((oc) => oc.columns(['campaign_id', 'question_id', 'value']).doUpdateSet({ n: sql`voice_tallies.n + ${delta}` }))
            .execute();
        }
      });
      done += n;
      if (done % 20_000 === 0 || done === target) progress(`  ${done} answers in the campaign`);
    }
  } finally {
    await handle.close();
  }
}

async function postgresSchema(): Promise<{ url: string; drop(): Promise<void> } | undefined> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
  } catch {
    return undefined;
  }
  const schema = `bench_voices_${Date.now().toString(36)}`;
  await client.query(`create schema ${schema}`);
  await client.end();
  return {
    url: `${POSTGRES_URL}?schema=${schema}`,
    async drop() {
      const c = new pg.Client({ connectionString: POSTGRES_URL });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      await c.end();
    },
  };
}

export const benchmark: Benchmark = {
  name: 'voices',
  async run(progress) {
    if (!statSync(join(root, 'dist', 'main.js'), { throwIfNoEntry: false })) throw new Error('dist/main.js is missing: run `npm run build` (npm run bench does)');
    const tmp = mkdtempSync(join(tmpdir(), 'hearth-bench-voices-'));
    const cleanups: (() => Promise<void>)[] = [];
    const interrupted = () =>
      void stopAll().finally(() => {
        rmSync(tmp, { recursive: true, force: true });
        process.exit(130);
      });
    process.once('SIGINT', interrupted);
    const environment = { node: process.version, cpus: availableParallelism(), loadAverage: loadavg()[0]!, ...LOAD };
    try {
      const engines: { engine: string; url: string }[] = [{ engine: 'sqlite', url: `sqlite:${join(tmp, 'hearth.sqlite')}` }];
      const pgSchema = await postgresSchema();
      if (pgSchema) {
        cleanups.push(() => pgSchema.drop());
        engines.push({ engine: 'postgres', url: pgSchema.url });
      } else progress(`  PostgreSQL not reachable at ${POSTGRES_URL}: SQLite only`);

      const answerRows: Array<{ engine: string; stored: number } & LoadFigures> = [];
      let sqlite: { seeded: Seeded; url: string } | undefined;
      for (const { engine, url } of engines) {
        progress(`  ${engine}: seeding a survey in three languages`);
        const seeded = await seed(url);
        const port = await freePort();
        const hearth = spawnNode('hearth serve', port, hearthArgs(port), { DATABASE_URL: url, HEARTH_BASE_URL: `http://127.0.0.1:${port}`, HEARTH_LOG_LEVEL, HEARTH_JOBS: '0' });
        await untilHealthy(hearth, performance.now());
        const before = await countAnswers(url, seeded.campaignId);
        // Enough tokens for a fast server; each is used once.
        const warm = await mint(seeded, 20_000);
        const measured = await mint(seeded, 60_000);
        progress(`  ${engine}: waiting out the minimum fill time of the tokens`);
        await new Promise((r) => setTimeout(r, 3_500));
        progress(`  ${engine}: answers, ${LOAD.warmupMs / 1000} s warm-up, ${LOAD.durationMs / 1000} s measured`);
        await answerLoad(hearth.origin, seeded, warm, LOAD.warmupMs);
        const afterWarm = await countAnswers(url, seeded.campaignId);
        const figures = await answerLoad(hearth.origin, seeded, measured, LOAD.durationMs);
        await stop(hearth.child);
        const stored = (await countAnswers(url, seeded.campaignId)) - afterWarm;
        // Every 303 is a stored answer: nothing accepted is lost, nothing counted twice.
        if (stored !== figures.requests) throw new Error(`${engine}: ${figures.requests} answers acknowledged, ${stored} stored`);
        void before;
        answerRows.push({ engine, stored, ...figures });
        if (engine === 'sqlite') sqlite = { seeded, url };
      }

      // The report with 100,000 answers (SQLite), beside the same bytes from a bare Fastify.
      progress(`  topping the SQLite campaign up to ${REPORT_ANSWERS} answers`);
      await topUp(sqlite!.url, sqlite!.seeded, REPORT_ANSWERS, progress);
      const port = await freePort();
      const hearth = spawnNode('hearth serve', port, hearthArgs(port), { DATABASE_URL: sqlite!.url, HEARTH_BASE_URL: `http://127.0.0.1:${port}`, HEARTH_LOG_LEVEL, HEARTH_JOBS: '0' });
      await untilHealthy(hearth, performance.now());
      const path = `/voices/${sqlite!.seeded.campaignId}/report?lang=en`;
      const page = await get(hearth.origin + path, false, true);
      if (page.status !== 200) throw new Error(`the report answered ${page.status}`);
      const total = /([\d,]+) answers counted/.exec(page.body)?.[1]?.replace(/,/g, '');
      if (Number(total) < REPORT_ANSWERS) throw new Error(`the report counts ${total} answers, not ${REPORT_ANSWERS} or more`);
      const bodyFile = join(tmp, 'report.body');
      writeFileSync(bodyFile, page.body);
      const barePort = await freePort();
      const bare = spawnNode('bare Fastify', barePort, ['bench/lib/static-server.ts', String(barePort), JSON.stringify([{ path: '/r', file: bodyFile, type: 'text/html; charset=utf-8' }])]);
      await untilHealthy(bare, performance.now());
      const reportRows: Array<{ server: string } & LoadFigures> = [];
      for (const [server, url] of [
        [hearth.name, hearth.origin + path],
        [bare.name, `${bare.origin}/r`],
      ] as const) {
        progress(`  report on ${server}: ${LOAD.warmupMs / 1000} s warm-up, ${LOAD.durationMs / 1000} s measured`);
        await hammer(url, LOAD.warmupMs);
        reportRows.push({ server, ...(await hammer(url, LOAD.durationMs)) });
      }
      await Promise.all([stop(hearth.child), stop(bare.child)]);

      const bytes = Buffer.byteLength(page.body);
      const a = answerRows.map((r) => [r.engine, fmt(r.requestsPerSecond, 0), fmt(r.p50Ms), fmt(r.p99Ms), String(r.requests), String(r.stored), String(r.errors)]);
      const [h, b] = reportRows as [(typeof reportRows)[0], (typeof reportRows)[0]];
      const rep = [
        ...reportRows.map((r) => [r.server, String(bytes), fmt(r.requestsPerSecond, 0), fmt(r.p50Ms), fmt(r.p99Ms), String(r.requests), String(r.errors)]),
        ['hearth ÷ bare', '', ratio(h.requestsPerSecond, b.requestsPerSecond), ratio(h.p50Ms, b.p50Ms), ratio(h.p99Ms, b.p99Ms), '', ''],
      ];
      const text = [
        `Voices on 127.0.0.1: ${LOAD.connections} keep-alive connections, ${LOAD.durationMs / 1000} s measured after ${LOAD.warmupMs / 1000} s warm-up`,
        `Node ${environment.node}, ${environment.cpus} CPUs, load average ${environment.loadAverage.toFixed(2)} at start (the client shares the machine)`,
        'Answers: POST /voices/:id with a fresh signed token each (verified; marked used with the answer, its values, text and tallies in one transaction, shared by answers arriving together; 303 = stored)',
        '',
        table(['engine', 'answers/s', 'p50 ms', 'p99 ms', 'acknowledged', 'stored', 'errors'], a, 'lrrrrrr'),
        '',
        `Report of a campaign with ${total} answers (SQLite), beside a bare Fastify sending the same ${bytes} bytes`,
        '',
        table(['GET report', 'bytes', 'req/s', 'p50 ms', 'p99 ms', 'requests', 'errors'], rep, 'lrrrrrr'),
        '',
      ].join('\n');
      return { text, data: { environment, answers: answerRows, report: { answers: Number(total), bytes, rows: reportRows } } };
    } finally {
      await stopAll();
      for (const c of cleanups) await c().catch(() => {});
      process.removeListener('SIGINT', interrupted);
      rmSync(tmp, { recursive: true, force: true });
    }
  },
};
