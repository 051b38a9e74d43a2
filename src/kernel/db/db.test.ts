import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, createTestDatabase, type TestDatabase } from '../../../test/helpers/db.js';
import { AppError } from '../errors.js';
import { translateDbError } from './errors.js';
import { newId } from '../ids.js';
import { fromTimestamp, toTimestamp } from '../time.js';

describe.each(engines)('database kernel (%s)', (engine) => {
  let d: TestDatabase;
  beforeAll(async () => {
    d = await createTestDatabase(engine);
  });
  afterAll(async () => d.drop());

  const org = (slug: string) => ({ id: newId(), slug, name: slug, status: 'active' as const, created_at: toTimestamp(new Date()), updated_at: toTimestamp(new Date()) });

  it('turns a unique violation into a 409 naming the field', async () => {
    const slug = `dup-${Date.now()}`;
    await d.handle.db.insertInto('organisations').values(org(slug)).execute();
    const driverError = await d.handle.db.insertInto('organisations').values(org(slug)).execute().then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(driverError).toBeDefined();
    let translated: unknown;
    try {
      translateDbError(driverError, { slug: { field: 'slug', code: 'ORG_SLUG_TAKEN' } });
    } catch (err) {
      translated = err;
    }
    expect(translated).toBeInstanceOf(AppError);
    expect((translated as AppError).status).toBe(409);
    expect((translated as AppError).code).toBe('ORG_SLUG_TAKEN');
    expect((translated as AppError).details.fields).toEqual({ slug: { key: 'error.ORG_SLUG_TAKEN' } });
  });

  it('leaves nothing behind when a transaction fails half-way', async () => {
    const slug = `half-${Date.now()}`;
    await expect(
      d.handle.db.transaction().execute(async (trx) => {
        await trx.insertInto('organisations').values(org(slug)).execute();
        throw new Error('something failed after the first write');
      }),
    ).rejects.toThrow('something failed');
    expect(await d.handle.db.selectFrom('organisations').select('id').where('slug', '=', slug).executeTakeFirst()).toBeUndefined();
  });

  it('stores timestamps the same way on both engines, in time order', async () => {
    const a = new Date('2026-03-01T10:00:00.000Z');
    const b = new Date('2026-03-01T10:00:00.001Z');
    await d.handle.db.insertInto('settings').values([{ key: 'ts-a', value: toTimestamp(a) }, { key: 'ts-b', value: toTimestamp(b) }]).execute();
    const rows = await d.handle.db.selectFrom('settings').select('value').where('key', 'in', ['ts-a', 'ts-b']).orderBy('value', 'desc').execute();
    expect(rows.map((r) => fromTimestamp(r.value).getTime())).toEqual([b.getTime(), a.getTime()]);
  });

  it('enforces foreign keys', async () => {
    await expect(
      d.handle.db.insertInto('memberships').values({ org_id: 'missing', person_id: 'missing', role: 'member', created_at: toTimestamp(new Date()) }).execute(),
    ).rejects.toThrow();
  });
});
