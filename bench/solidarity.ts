// The solidarity fund, on loopback only:
//   - ledger posts per second through postTransaction (chain lock, row locks,
//     idempotency check, balances, audit entry, one COMMIT each) on a SQLite file
//     and on PostgreSQL (one writer, and four writers at once);
//   - `verifyLedger` over 100,000 transactions;
//   - the public transparency page (/fund) of `node dist/main.js serve` over those
//     100,000 transactions, beside a bare Fastify (bench/lib/static-server.ts)
//     sending the very bytes Hearth sent.
// The 100,000 transactions are seeded straight into the tables as a valid chain
// (hashes, fingerprints, balances, head computed with the ledger's own code), far
// faster than posting them one by one; verify then proves the seed is a ledger
// Hearth accepts. Every loop is bounded in count and time, and every process and
// schema made here is removed before the benchmark returns.
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Benchmark } from './lib/types.ts';
import type * as HttpBench from './http.ts';
import type { LoadFigures } from './http.ts';
import type * as ConfigModule from '../src/config.ts';
import type * as BootModule from '../src/kernel/boot.ts';
import type * as ConnectModule from '../src/kernel/db/connect.ts';
import type * as MigrateModule from '../src/kernel/db/migrate.ts';
import type * as ActorModule from '../src/kernel/auth/actor.ts';
import type * as TimeModule from '../src/kernel/time.ts';
import type * as FederationModule from '../src/modules/federation/federation.service.ts';
import type * as LedgerModule from '../src/modules/solidarity/ledger.service.ts';
import type * as CoreModule from '../src/modules/solidarity/ledger.core.ts';

const root = resolve(import.meta.dirname, '..');
const TRANSACTIONS = 100_000;
const ORGS = 30;
const GRANTS = 40;
const POST_SECONDS = 3;
const POST_MAX = 20_000;
const HEARTH_LOG_LEVEL = 'warn';
const postgresUrl = process.env.HEARTH_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const load = async <T>(path: string) => (await import(new URL(`../dist/${path}`, import.meta.url).href)) as T;
const { fmt, freePort, get, hammer, hearthArgs, LOAD, ratio, spawnNode, stop, stopAll, table, untilHealthy } = (await import(
  new URL('./http.ts', import.meta.url).href
)) as typeof HttpBench;

const CURRENCIES = ['EUR', 'USD', 'BRL'] as const;

// ── Posting ──────────────────────────────────────────────────────────────

interface PostFigures {
  engine: string;
  writers: number;
  posts: number;
  seconds: number;
  postsPerSecond: number;
}

/** Balanced transactions posted by `writers` loops at once for a bounded time; each its own COMMIT. */
async function postFor(db: ConnectModule.Db, engine: string, writers: number): Promise<PostFigures> {
  const { postTransaction } = await load<typeof LedgerModule>('modules/solidarity/ledger.service.js');
  const { systemActor } = await load<typeof ActorModule>('kernel/auth/actor.js');
  const { systemClock } = await load<typeof TimeModule>('kernel/time.js');
  const actor = systemActor('bench');
  const run = randomBytes(4).toString('hex');
  let posts = 0;
  const t0 = performance.now();
  const end = t0 + POST_SECONDS * 1000;
  const writer = async (w: number) => {
    for (let i = 0; performance.now() < end && posts < POST_MAX; i++) {
      const currency = CURRENCIES[i % 3]!;
      await db.transaction().execute((trx) =>
        postTransaction(trx, actor, systemClock, {
          key: `bench-${run}-${w}-${i}`,
          kind: 'income',
          occurredOn: '2026-06-01',
          category: 'donations',
          postings: [
            { account: { kind: 'fund', currency }, amountMinor: 100 + i },
            { account: { kind: 'income', category: 'donations', currency }, amountMinor: -(100 + i) },
          ],
        }),
      );
      posts++;
    }
  };
  await Promise.all(Array.from({ length: writers }, (_, w) => writer(w)));
  const seconds = (performance.now() - t0) / 1000;
  return { engine, writers, posts, seconds, postsPerSecond: posts / seconds };
}

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function postingFigures(tmp: string, progress: (line: string) => void): Promise<PostFigures[]> {
  const { connectDatabase } = await load<typeof ConnectModule>('kernel/db/connect.js');
  const { migrateToLatest } = await load<typeof MigrateModule>('kernel/db/migrate.js');
  const out: PostFigures[] = [];
  progress(`  posting on a SQLite file for ${POST_SECONDS} s (WAL, synchronous=FULL)`);
  const sqlite = connectDatabase(`sqlite:${join(tmp, 'posts.sqlite')}`);
  try {
    await migrateToLatest(sqlite.db);
    out.push(await postFor(sqlite.db, 'SQLite file', 1));
  } finally {
    await sqlite.close();
  }
  if (!(await postgresReachable())) {
    progress(`  PostgreSQL not reachable at ${postgresUrl}: skipped`);
    return out;
  }
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  const handle = connectDatabase(postgresUrl, { schema, poolSize: 4 });
  try {
    await migrateToLatest(handle.db);
    for (const writers of [1, 4]) {
      progress(`  posting on PostgreSQL with ${writers} writer(s) for ${POST_SECONDS} s`);
      out.push(await postFor(handle.db, 'PostgreSQL', writers));
    }
  } finally {
    await handle.close();
    await admin.query(`drop schema if exists ${schema} cascade`);
    await admin.end();
  }
  return out;
}

// ── The 100,000-transaction ledger ───────────────────────────────────────

/** Fills `file` with organisations (through the service), granted requests and a valid chain of TRANSACTIONS. */
export async function seed(file: string, progress: (line: string) => void): Promise<{ seconds: number; verifySeconds: number; verified: unknown }> {
  const { loadConfig } = await load<typeof ConfigModule>('config.js');
  const { createDeps } = await load<typeof BootModule>('kernel/boot.js');
  const { systemActor } = await load<typeof ActorModule>('kernel/auth/actor.js');
  const { createOrganisation } = await load<typeof FederationModule>('modules/federation/federation.service.js');
  const { accountCode, verifyLedger, HEAD_SETTING } = await load<typeof LedgerModule>('modules/solidarity/ledger.service.js');
  const { GENESIS, fingerprint, transactionHash } = await load<typeof CoreModule>('modules/solidarity/ledger.core.js');

  const t0 = performance.now();
  const { deps, handle } = await createDeps(loadConfig({ DATABASE_URL: `sqlite:${file}`, HEARTH_LOG_LEVEL: 'silent' }));
  try {
    const orgs: { id: string }[] = [];
    for (let i = 0; i < ORGS; i++) orgs.push(await createOrganisation(deps, systemActor('bench'), { name: `Collective ${i}`, slug: `member-${String(i).padStart(2, '0')}` }));
    const now = new Date().toISOString();
    const accounts = new Map<string, { id: string; code: string; kind: string; category: string | null; currency: string; org_id: string | null; balance_minor: number }>();
    const account = (spec: LedgerModule.AccountSpec) => {
      const code = accountCode(spec);
      let a = accounts.get(code);
      if (!a) {
        const category = spec.kind === 'income' || spec.kind === 'expense' ? spec.category : spec.kind === 'dues' ? 'dues' : spec.kind === 'grant' ? 'grant' : null;
        const orgId = spec.kind === 'dues' || spec.kind === 'grant' ? spec.orgId : null;
        accounts.set(code, (a = { id: randomBytes(13).toString('hex'), code, kind: spec.kind, category, currency: spec.currency, org_id: orgId, balance_minor: 0 }));
      }
      return a;
    };
    const requests = Array.from({ length: GRANTS }, (_, g) => ({ id: `bench-request-${g}`, org: orgs[g % ORGS]!, currency: CURRENCIES[g % 3]!, amount: 50_000 + g * 1000 }));
    const monthly = new Map<string, number>();
    const txRows: Record<string, unknown>[] = [];
    const postingRows: Record<string, unknown>[] = [];
    let prev = GENESIS;
    const day = (i: number) => new Date(Date.UTC(2024, 0, 1) + Math.floor((i / TRANSACTIONS) * 1000) * 86_400_000).toISOString().slice(0, 10);
    for (let i = 0; i < TRANSACTIONS; i++) {
      const seq = i + 1;
      const currency = CURRENCIES[i % 3]!;
      const org = orgs[i % ORGS]!;
      const amount = 1000 + (i % 977) * 10;
      let kind: string;
      let category: string | null;
      let orgId: string | null = null;
      let postings: { account: LedgerModule.AccountSpec; amountMinor: number }[];
      if (i < GRANTS) {
        const r = requests[i]!;
        kind = 'allocation';
        category = 'grants';
        orgId = r.org.id;
        postings = [
          { account: { kind: 'grant', requestId: r.id, orgId: r.org.id, currency: r.currency }, amountMinor: r.amount },
          { account: { kind: 'fund', currency: r.currency }, amountMinor: -r.amount },
        ];
      } else if (i % 10 < 4) {
        kind = 'income';
        category = 'donations';
        postings = [
          { account: { kind: 'fund', currency }, amountMinor: amount },
          { account: { kind: 'income', category: 'donations', currency }, amountMinor: -amount },
        ];
      } else if (i % 10 < 7) {
        kind = 'dues';
        category = 'dues';
        orgId = org.id;
        postings = [
          { account: { kind: 'fund', currency }, amountMinor: amount },
          { account: { kind: 'dues', orgId: org.id, currency }, amountMinor: -amount },
        ];
      } else if (i % 10 < 9) {
        kind = 'expense';
        category = (['hosting', 'fees', 'travel'] as const)[i % 3]!;
        postings = [
          { account: { kind: 'expense', category, currency }, amountMinor: Math.floor(amount / 3) },
          { account: { kind: 'fund', currency }, amountMinor: -Math.floor(amount / 3) },
        ];
      } else {
        const r = requests[i % GRANTS]!;
        kind = 'disbursement';
        category = 'grants';
        orgId = r.org.id;
        postings = [
          { account: { kind: 'expense', category: 'grants', currency: r.currency }, amountMinor: 10 },
          { account: { kind: 'grant', requestId: r.id, orgId: r.org.id, currency: r.currency }, amountMinor: -10 },
        ];
      }
      const content = { kind, occurredOn: day(i), orgId, category, reference: null, memo: null, reversesId: null, details: {}, postings: postings.map((p) => ({ accountId: accountCode(p.account), amountMinor: p.amountMinor })) };
      const row = {
        seq,
        id: `bench-tx-${seq}`,
        idempotency_key: `bench-seed-${seq}`,
        fingerprint: fingerprint(content),
        kind,
        occurred_on: content.occurredOn,
        recorded_at: now,
        recorded_by: null,
        org_id: orgId,
        category,
        reference: null,
        memo: null,
        reverses_id: null,
        details: '{}',
        prev_hash: prev,
      };
      const lines = postings.map((p) => {
        const a = account(p.account);
        a.balance_minor += p.amountMinor;
        if (a.kind === 'income' || a.kind === 'dues' || a.kind === 'expense') {
          const k = `${content.occurredOn.slice(0, 7)}|${a.id}|${orgId ?? ''}`;
          monthly.set(k, (monthly.get(k) ?? 0) + p.amountMinor);
        }
        return { accountId: a.id, accountCode: a.code, currency: a.currency, amountMinor: p.amountMinor };
      });
      const hash = transactionHash(row, lines);
      prev = hash;
      txRows.push({ ...row, hash });
      lines.forEach((l, n) => postingRows.push({ transaction_id: row.id, line: n + 1, account_id: l.accountId, currency: l.currency, amount_minor: l.amountMinor }));
    }
    await deps.db.transaction().execute(async (trx) => {
      await trx.insertInto('ledger_accounts').values([...accounts.values()].map((a) => ({ ...a, kind: a.kind as 'fund', created_at: now }))).execute();
      for (let i = 0; i < txRows.length; i += 500) await trx.insertInto('ledger_transactions').values(txRows.slice(i, i + 500) as never).execute();
      for (let i = 0; i < postingRows.length; i += 1000) await trx.insertInto('ledger_postings').values(postingRows.slice(i, i + 1000) as never).execute();
      const months = [...monthly].map(([k, total]) => {
        const [month, account_id, org_key] = k.split('|') as [string, string, string];
        return { month, account_id, org_key, total_minor: total };
      });
      for (let i = 0; i < months.length; i += 1000) await trx.insertInto('ledger_monthly').values(months.slice(i, i + 1000)).execute();
      await trx.insertInto('settings').values({ key: HEAD_SETTING, value: `${TRANSACTIONS} ${prev}` }).execute();
      for (const r of requests) {
        const grant = accounts.get(`grant:${r.id}`)!;
        await trx
          .insertInto('aid_requests')
          .values({
            id: r.id,
            org_id: r.org.id,
            title: `Grant ${r.id.slice(-2)} for servers`,
            amount_minor: r.amount,
            currency: r.currency,
            urgency: 'soon',
            timeline: 'A month',
            report_plan: 'A note',
            undisclosed: Number(r.id.slice(-1)) % 4 === 0 ? 1 : 0,
            status: 'granted',
            proposal_id: null,
            grant_account_id: grant.id,
            created_by: null,
            created_at: now,
            updated_at: now,
            decided_at: now,
            reported_at: null,
          })
          .execute();
        await trx
          .insertInto('texts')
          .values({ owner_type: 'aid_request', owner_id: r.id, field: 'purpose', lang: 'en', body: 'Replacing a mail server after a flood.', is_source: 1, translator: null, machine: 0, created_by: null, updated_at: now })
          .execute();
      }
    });
    const seconds = (performance.now() - t0) / 1000;
    progress(`  seeded ${TRANSACTIONS} transactions in ${seconds.toFixed(1)} s; verifying`);
    const v0 = performance.now();
    const verified = await verifyLedger(deps.db);
    const verifySeconds = (performance.now() - v0) / 1000;
    if (!(verified as { ok: boolean }).ok) throw new Error(`the seeded ledger does not verify: ${JSON.stringify(verified)}`);
    return { seconds, verifySeconds, verified };
  } finally {
    await handle.close();
    deps.mail.close();
  }
}

export const benchmark: Benchmark = {
  name: 'solidarity',
  async run(progress) {
    if (!statSync(join(root, 'dist', 'main.js'), { throwIfNoEntry: false })) throw new Error('dist/main.js is missing: run `npm run build` (npm run bench does)');
    const tmp = mkdtempSync(join(tmpdir(), 'hearth-bench-fund-'));
    const interrupted = () =>
      void stopAll().finally(() => {
        rmSync(tmp, { recursive: true, force: true });
        process.exit(130);
      });
    process.once('SIGINT', interrupted);
    const environment = { node: process.version, cpus: availableParallelism(), loadAverage: loadavg()[0]!, ...LOAD, transactions: TRANSACTIONS, postSeconds: POST_SECONDS };
    try {
      const posting = await postingFigures(tmp, progress);

      const file = join(tmp, 'hearth.sqlite');
      progress(`  seeding ${TRANSACTIONS} transactions (${ORGS} organisations, ${GRANTS} grants, 3 currencies, 3 years)`);
      const seeded = await seed(file, progress);

      const port = await freePort();
      const hearth = spawnNode('hearth serve', port, hearthArgs(port), { DATABASE_URL: `sqlite:${file}`, HEARTH_BASE_URL: `http://127.0.0.1:${port}`, HEARTH_LOG_LEVEL });
      await untilHealthy(hearth, performance.now());
      const page = await get(`${hearth.origin}/fund`, false, true);
      if (page.status !== 200) throw new Error(`hearth answered ${page.status} on /fund`);
      const bodyFile = join(tmp, 'fund.body');
      writeFileSync(bodyFile, page.body);
      const bytes = Buffer.byteLength(page.body);
      const barePort = await freePort();
      const bare = spawnNode('bare Fastify', barePort, ['bench/lib/static-server.ts', String(barePort), JSON.stringify([{ path: '/fund', file: bodyFile, type: 'text/html; charset=utf-8' }])]);
      await untilHealthy(bare, performance.now());
      const rows: Array<{ server: string } & LoadFigures> = [];
      for (const server of [hearth, bare]) {
        progress(`  /fund on ${server.name}: ${LOAD.warmupMs / 1000} s warm-up, ${LOAD.durationMs / 1000} s measured`);
        await hammer(`${server.origin}/fund`, LOAD.warmupMs);
        rows.push({ server: server.name, ...(await hammer(`${server.origin}/fund`, LOAD.durationMs)) });
      }
      await Promise.all([stop(hearth.child), stop(bare.child)]);

      const h = rows[0]!;
      const b = rows[1]!;
      const text = [
        `Solidarity fund on 127.0.0.1 — Node ${environment.node}, ${environment.cpus} CPUs, load average ${environment.loadAverage.toFixed(2)} at start`,
        '',
        `Ledger posts (postTransaction, one COMMIT each, ${POST_SECONDS} s per row, at most ${POST_MAX} posts):`,
        table(
          ['engine', 'writers', 'posts', 'posts/s'],
          posting.map((p) => [p.engine, String(p.writers), String(p.posts), fmt(p.postsPerSecond, 0)]),
          'lrrr',
        ),
        '',
        `Seeded ${TRANSACTIONS} transactions as a valid chain in ${seeded.seconds.toFixed(1)} s; verifyLedger over them: ${seeded.verifySeconds.toFixed(2)} s`,
        '',
        `GET /fund over those ${TRANSACTIONS} transactions (${bytes} bytes), ${LOAD.connections} keep-alive connections, ${LOAD.durationMs / 1000} s after ${LOAD.warmupMs / 1000} s warm-up:`,
        table(
          ['server', 'req/s', 'p50 ms', 'p99 ms', 'requests', 'errors'],
          [
            ...rows.map((r) => [r.server, fmt(r.requestsPerSecond, 0), fmt(r.p50Ms), fmt(r.p99Ms), String(r.requests), String(r.errors)]),
            ['hearth ÷ bare', ratio(h.requestsPerSecond, b.requestsPerSecond), ratio(h.p50Ms, b.p50Ms), ratio(h.p99Ms, b.p99Ms), '', ''],
          ],
          'lrrrrr',
        ),
        '',
      ].join('\n');
      return { text, data: { environment, posting, seed: { seconds: seeded.seconds, verifySeconds: seeded.verifySeconds }, fund: { bytes, rows } } };
    } finally {
      await stopAll();
      process.removeListener('SIGINT', interrupted);
      rmSync(tmp, { recursive: true, force: true });
    }
  },
};
