// The privacy promise, checked the hard way: 1,000 answers from 1,000 source
// addresses (IPv4, and IPv6 in many /64s), then every byte Hearth keeps — the
// SQLite file and its write-ahead log, every table on PostgreSQL, the log
// lines, the /metrics output — is searched for every address in every textual
// form. Zero hits.
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { engines, createTestDatabase, type TestDatabase } from '../../../test/helpers/db.js';
import { testConfig } from '../../../test/helpers/app.js';
import { addMember, makeOrg, makePerson } from '../../../test/factories/index.js';
import { buildApp } from '../../app.js';
import { createDeps, createLogger } from '../../kernel/boot.js';
import type { Deps } from '../../kernel/deps.js';
import { ManualClock } from '../../kernel/time.js';
import { actorFor } from '../../kernel/auth/auth.service.js';
import { postAnswer, seedSurvey, tokenOf, type SeededSurvey } from './voices.seed.js';
import * as svc from './voices.service.js';

const ANSWERS = 1000;

/** 500 IPv4 addresses in the documentation ranges, 500 IPv6 addresses spread over 125 /64s. */
function sources(): string[] {
  const out: string[] = [];
  const v4 = ['192.0.2', '198.51.100', '203.0.113'];
  for (let i = 0; i < ANSWERS / 2; i++) out.push(`${v4[i % 3]}.${1 + (i % 250)}`);
  for (let i = 0; i < ANSWERS / 2; i++) out.push(`2001:db8:${(i % 125).toString(16)}:${(7 + (i % 5)).toString(16)}::${(i + 1).toString(16)}`);
  return out;
}

/** Every way an address could be written down. */
function forms(address: string): string[] {
  if (!address.includes(':')) return [address, `::ffff:${address}`];
  const [head] = address.split('::') as [string];
  const groups = head.split(':');
  const expanded = groups.map((g) => g.padStart(4, '0')).join(':');
  return [address, `${groups.join(':')}:`, `${expanded}:`, `${groups.join(':')}::/64`];
}

describe.each(engines)('no address is kept anywhere (%s)', (engine) => {
  let dir: string;
  let database: TestDatabase;
  let deps: Deps;
  let app: FastifyInstance;
  let survey: SeededSurvey;
  let log = '';
  const clock = new ManualClock(new Date('2026-09-01T12:00:00.000Z'));
  const addresses = sources();

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hearth-privacy-'));
    // A file, not memory: the test reads the database and its write-ahead log as bytes.
    database = await createTestDatabase(engine, { file: join(dir, 'hearth.sqlite') });
    const sink = new Writable({
      write(chunk, _enc, done) {
        log += String(chunk);
        done();
      },
    });
    ({ deps } = await createDeps(testConfig({ HEARTH_LOG_LEVEL: 'trace' }), { handle: database.handle, migrate: false, clock, log: createLogger('trace', sink) }));
    app = await buildApp(deps);
    await app.ready();
    const org = await makeOrg(deps);
    const admin = await makePerson(deps);
    await addMember(deps, org, admin, 'org_admin');
    survey = await seedSurvey(deps, await actorFor(deps.db, admin), await svc.resolveScope(deps.db, org.slug), { moderated: false, hourlyBudget: 5000 });
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('takes 1,000 answers from 1,000 addresses and keeps none of them', { timeout: 120_000 }, async () => {
    const q = survey.questions;
    const tokens: string[] = [];
    for (const address of addresses) {
      const page = await app.inject({ url: `/voices/${survey.id}?lang=${['en', 'ar', 'cs'][tokens.length % 3]}`, remoteAddress: address });
      expect(page.headers['set-cookie']).toBeUndefined();
      tokens.push(tokenOf(page.body));
    }
    clock.advance(10_000);
    for (const [i, address] of addresses.entries()) {
      const res = await postAnswer(
        app,
        `/voices/${survey.id}`,
        {
          form: tokens[i]!,
          lang: ['en', 'ar', 'cs'][i % 3]!,
          homepage: '',
          // Some people write where they are from; that is their choice, not an address of ours.
          // A control: an address a person typed themselves must be found by the search below.
          [`q_${q.text.id}`]: i === 0 ? 'My router is 100.64.9.9 and it is slow.' : `Answer number ${i}: we need more privacy.`,
          [`q_${q.single.id}`]: q.single.choices[i % 3]!,
          [`q_${q.multiple.id}`]: [q.multiple.choices[i % 3]!],
          [`q_${q.scale.id}`]: String(1 + (i % 5)),
        },
        address,
      );
      expect(res.statusCode, `answer ${i} from ${address}`).toBe(303);
      expect(res.headers['set-cookie']).toBeUndefined();
    }
    // Refused attempts and moderators' pages are requests too.
    await app.inject({ method: 'POST', url: `/voices/${survey.id}`, remoteAddress: addresses[3], payload: { form: 'forged', lang: 'en' } });
    await app.inject({ url: `/voices/${survey.id}/report`, remoteAddress: addresses[700] });
    await app.inject({ url: '/no-such-page', remoteAddress: addresses[701] });

    const counted = await deps.db.selectFrom('voice_answers').select((eb) => eb.fn.countAll<number>().as('n')).where('campaign_id', '=', survey.id).executeTakeFirstOrThrow();
    expect(Number(counted.n)).toBe(ANSWERS);

    const metrics = await app.inject({ url: '/metrics' });
    expect(metrics.statusCode).toBe(200);
    expect(log.length).toBeGreaterThan(100_000);

    // Everything stored, read back through SQL: every table, every row.
    let tables = '';
    const names = engine === 'sqlite'
      ? (await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(deps.db)).rows.map((r) => r.name)
      : (await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema()`.execute(deps.db)).rows.map((r) => r.name);
    expect(names).toContain('voice_answers');
    for (const name of names) {
      const rows = await sql`select * from ${sql.table(name)}`.execute(deps.db);
      tables += JSON.stringify(rows.rows);
    }
    expect(tables).toContain('we need more privacy');

    // And the raw bytes of the SQLite database, its write-ahead log and anything else beside it.
    let files = '';
    if (engine === 'sqlite') {
      const present = await readdir(dir);
      expect(present).toContain('hearth.sqlite-wal');
      for (const f of present) files += (await readFile(join(dir, f))).toString('latin1');
      expect(files).toContain('we need more privacy');
    }

    const haystacks = { database: tables.toLowerCase(), files: files.toLowerCase(), log: log.toLowerCase(), metrics: metrics.body.toLowerCase() };
    const hits: string[] = [];
    for (const address of addresses) {
      for (const form of forms(address)) {
        for (const [where, text] of Object.entries(haystacks)) if (text.includes(form.toLowerCase())) hits.push(`${form} in ${where}`);
      }
    }
    expect(hits).toEqual([]);
    // The search itself works: the address one person typed into their answer is found, in the tables and the files.
    expect(haystacks.database).toContain('100.64.9.9');
    if (engine === 'sqlite') expect(haystacks.files).toContain('100.64.9.9');
    // The log still names the requests (so it is not empty by accident), without any address field.
    expect(log).toContain(`/voices/${survey.id}`);
    expect(log).not.toMatch(/remoteAddress|"ip"|x-forwarded-for/i);
  });
});
