import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, createTestDatabase, type TestDatabase } from '../../../test/helpers/db.js';
import { testConfig } from '../../../test/helpers/app.js';
import { makeOrg, makePerson, type TestPerson } from '../../../test/factories/index.js';
import { createDeps } from '../boot.js';
import type { Deps } from '../deps.js';
import { type Actor, anonymous } from '../auth/actor.js';
import { actorFor } from '../auth/auth.service.js';
import { AppError } from '../errors.js';
import { parseInput } from '../http/forms.js';
import { audit } from './audit.js';
import { auditQuerySchema } from './audit.schemas.js';
import { listAuditForAdmin, startOfDayIn } from './audit.service.js';

describe('startOfDayIn', () => {
  it('finds local midnight as an instant', () => {
    expect(startOfDayIn('2026-01-15', 'UTC').toISOString()).toBe('2026-01-15T00:00:00.000Z');
    expect(startOfDayIn('2026-01-15', 'America/Sao_Paulo').toISOString()).toBe('2026-01-15T03:00:00.000Z');
    expect(startOfDayIn('2026-01-15', 'Asia/Tokyo').toISOString()).toBe('2026-01-14T15:00:00.000Z');
    expect(startOfDayIn('2026-12-31', 'UTC', 1).toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });

  it('uses the offset of the day itself when clocks change', () => {
    // Madrid moves to summer time in the night of 29 March 2026.
    expect(startOfDayIn('2026-03-29', 'Europe/Madrid').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(startOfDayIn('2026-03-29', 'Europe/Madrid', 1).toISOString()).toBe('2026-03-29T22:00:00.000Z');
  });
});

describe('the audit filter schema', () => {
  const fieldsOf = (q: Record<string, string>) => {
    try {
      parseInput(auditQuerySchema, q);
      return {};
    } catch (err) {
      return (err as AppError).details.fields;
    }
  };

  it('treats empty fields as no filter', () => {
    expect(parseInput(auditQuerySchema, { action: '', email: ' ', org: '', from: '', to: '', before: '' })).toEqual({});
  });

  it('refuses days that are not yyyy-mm-dd or do not exist, and an end before the start', () => {
    expect(fieldsOf({ from: '08/03/2026' })).toEqual({ from: { key: 'admin.audit.dateInvalid' } });
    expect(fieldsOf({ to: '2026-02-30' })).toEqual({ to: { key: 'admin.audit.dateInvalid' } });
    expect(fieldsOf({ from: '2026-03-09', to: '2026-03-08' })).toEqual({ to: { key: 'admin.audit.dateOrder' } });
    expect(fieldsOf({ before: 'abc' })).toHaveProperty('before');
  });
});

describe.each(engines)('listAuditForAdmin (%s)', (engine) => {
  let tdb: TestDatabase;
  let deps: Deps;
  let admin: Actor;
  let plain: TestPerson;
  beforeAll(async () => {
    tdb = await createTestDatabase(engine);
    ({ deps } = await createDeps(testConfig(), { handle: tdb.handle, migrate: false }));
    admin = await actorFor(deps.db, await makePerson(deps, { fedRole: 'admin' }));
    plain = await makePerson(deps, { name: 'Rosa Plain' });
  });
  afterAll(async () => tdb.drop());

  it('refuses anyone but federation admins', async () => {
    const query = parseInput(auditQuerySchema, {});
    for (const who of [anonymous, await actorFor(deps.db, plain)]) {
      await expect(listAuditForAdmin(deps, who, query, 'UTC')).rejects.toMatchObject({ code: 'FORBIDDEN', status: 403 });
    }
  });

  it('filters by the e-mail address of who acted and names them', async () => {
    const actor = await actorFor(deps.db, plain);
    await deps.db.transaction().execute((trx) => audit(trx, actor, 'svc.by.plain', { targetType: 'person', targetId: plain.id }));
    const page = await listAuditForAdmin(deps, admin, parseInput(auditQuerySchema, { email: plain.email.toUpperCase() }), 'UTC');
    expect(page.entries.map((e) => e.action)).toEqual(['svc.by.plain']);
    expect(page.people.get(plain.id)).toBe('Rosa Plain');
  });

  it('filters by organisation short name and names the organisation', async () => {
    const org = await makeOrg(deps, { name: 'Red Comunitaria' });
    const page = await listAuditForAdmin(deps, admin, parseInput(auditQuerySchema, { org: org.slug }), 'UTC');
    expect(page.entries.map((e) => e.action)).toEqual(['federation.org.created']);
    expect(page.orgs.get(org.id)?.name).toBe('Red Comunitaria');
  });

  it('reports an unknown e-mail address and short name as field errors', async () => {
    const err = await listAuditForAdmin(deps, admin, parseInput(auditQuerySchema, { email: 'nobody@example.org', org: 'no-such-org' }), 'UTC').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(422);
    expect((err as AppError).details.fields).toEqual({ email: { key: 'admin.audit.noSuchPerson' }, org: { key: 'admin.audit.noSuchOrg' } });
  });

  it('reads from/to as days in the reader’s time zone, the last day included', async () => {
    await deps.db.transaction().execute(async (trx) => {
      for (const i of [1, 2, 3]) await audit(trx, admin, 'svc.dated', { data: { i } });
    });
    const times = { 1: '2026-03-07T22:30:00.000Z', 2: '2026-03-08T12:00:00.000Z', 3: '2026-03-09T03:30:00.000Z' };
    for (const [i, at] of Object.entries(times)) {
      await deps.db.updateTable('audit_log').set({ at }).where('action', '=', 'svc.dated').where('data', 'like', `%"i":${i}%`).execute();
    }
    const day = parseInput(auditQuerySchema, { action: 'svc.dated', from: '2026-03-08', to: '2026-03-08' });
    const inUtc = await listAuditForAdmin(deps, admin, day, 'UTC');
    expect(inUtc.entries.map((e) => e.data.i)).toEqual([2]);
    // 8 March in Tokyo runs from 15:00 UTC on the 7th to 15:00 UTC on the 8th.
    const inTokyo = await listAuditForAdmin(deps, admin, day, 'Asia/Tokyo');
    expect(inTokyo.entries.map((e) => e.data.i)).toEqual([2, 1]);
  });
});
