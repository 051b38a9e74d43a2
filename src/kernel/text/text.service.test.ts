import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KyselyPlugin } from 'kysely';
import { engines } from '../../../test/helpers/db.js';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { makePerson, unique, type TestPerson } from '../../../test/factories/index.js';
import { AppError } from '../errors.js';
import { toTimestamp } from '../time.js';
import { deleteTexts, deleteTranslation, listTranslations, pickText, setText, type SetTextInput } from './text.service.js';

describe.each(engines)('multilingual text (%s)', (engine) => {
  let t: TestApp;
  let ana: TestPerson;
  beforeAll(async () => {
    t = await createTestApp(engine);
    ana = await makePerson(t.deps, { name: 'Ana' });
  });
  afterAll(async () => t.close());

  const owner = () => ({ ownerType: 'test.org', ownerId: unique('org') });
  const save = (input: Omit<SetTextInput, 'by'> & { by?: string | null }) =>
    t.deps.db.transaction().execute((trx) => setText(trx, { by: ana.id, ...input }));
  const code = (p: Promise<unknown>) =>
    p.then(
      () => 'ok',
      (e: AppError) => e.code,
    );

  it('keeps a source and two translations, and shows each reader their language or the source', async () => {
    const o = owner();
    await save({ ...o, field: 'description', lang: 'es', body: 'Servidor feminista de correo.' });
    await save({ ...o, field: 'description', lang: 'en', body: 'Feminist mail server.', translator: 'Ana Lima' });
    await save({ ...o, field: 'description', lang: 'fr', body: 'Serveur de courrier féministe.', machine: true });

    const versions = await listTranslations(t.deps.db, o, 'description');
    expect(versions.map((v) => [v.lang, v.isSource, v.translator, v.machine, v.createdBy])).toEqual([
      ['es', true, null, false, ana.id],
      ['en', false, 'Ana Lima', false, ana.id],
      ['fr', false, null, true, ana.id],
    ]);

    const en = (await pickText(t.deps.db, 'test.org', [o.ownerId], 'description', 'en')).get(o.ownerId);
    expect(en).toEqual({
      body: 'Feminist mail server.',
      lang: 'en',
      isSource: false,
      translator: 'Ana Lima',
      machine: false,
      fallback: false,
      available: ['es', 'en', 'fr'],
    });
    const es = (await pickText(t.deps.db, 'test.org', [o.ownerId], 'description', 'es')).get(o.ownerId)!;
    expect(es).toMatchObject({ body: 'Servidor feminista de correo.', isSource: true, fallback: false });

    // No German version: the source, flagged so the page can say so.
    const de = (await pickText(t.deps.db, 'test.org', [o.ownerId], 'description', 'de')).get(o.ownerId)!;
    expect(de).toMatchObject({ body: 'Servidor feminista de correo.', lang: 'es', isSource: true, fallback: true });
    const fr = (await pickText(t.deps.db, 'test.org', [o.ownerId], 'description', 'fr')).get(o.ownerId)!;
    expect(fr).toMatchObject({ lang: 'fr', machine: true, translator: null, fallback: false });

    // Another field of the same owner is a separate text.
    expect((await pickText(t.deps.db, 'test.org', [o.ownerId], 'summary', 'en')).size).toBe(0);
  });

  it('picks for many owners with a single query', async () => {
    const owners = Array.from({ length: 40 }, () => owner());
    for (const [i, o] of owners.entries()) {
      if (i % 10 === 9) continue; // some owners have no text at all
      await save({ ...o, field: 'description', lang: i % 2 ? 'ar' : 'pt', body: `source ${i}` });
      if (i % 3 === 0) await save({ ...o, field: 'description', lang: 'en', body: `english ${i}`, translator: 'T' });
    }
    let queries = 0;
    const counter: KyselyPlugin = {
      transformQuery: (args) => {
        queries++;
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    const picked = await pickText(
      t.deps.db.withPlugin(counter),
      'test.org',
      owners.map((o) => o.ownerId),
      'description',
      'en',
    );
    expect(queries).toBe(1);
    expect(picked.size).toBe(36);
    for (const [i, o] of owners.entries()) {
      const p = picked.get(o.ownerId);
      if (i % 10 === 9) expect(p).toBeUndefined();
      else if (i % 3 === 0) expect(p).toMatchObject({ body: `english ${i}`, fallback: false, available: [i % 2 ? 'ar' : 'pt', 'en'] });
      else expect(p).toMatchObject({ body: `source ${i}`, lang: i % 2 ? 'ar' : 'pt', fallback: true });
    }
    expect((await pickText(t.deps.db, 'test.org', [], 'description', 'en')).size).toBe(0);
  });

  it('picks the same from versions already loaded', async () => {
    const o = owner();
    await save({ ...o, field: 'description', lang: 'ca', body: 'Cooperativa' });
    await save({ ...o, field: 'description', lang: 'en', body: 'Cooperative', translator: 'Jo' });
    const versions = await listTranslations(t.deps.db, o, 'description');
    for (const reader of ['en', 'ca', 'it']) {
      expect(await pickText(versions, 'test.org', [o.ownerId], 'description', reader)).toEqual(await pickText(t.deps.db, 'test.org', [o.ownerId], 'description', reader));
    }
  });

  it('replaces a translation in place', async () => {
    const o = owner();
    await save({ ...o, field: 'description', lang: 'en', body: 'Original text.' });
    await save({ ...o, field: 'description', lang: 'de', body: 'Erste Übersetzung.', machine: true, now: new Date('2026-01-01T00:00:00Z') });
    const other = await makePerson(t.deps);
    await save({ ...o, field: 'description', lang: 'de', body: 'Bessere Übersetzung.\r\nZweite Zeile.', translator: 'Kim', by: other.id, now: new Date('2026-02-01T00:00:00Z') });

    const versions = await listTranslations(t.deps.db, o, 'description');
    expect(versions).toHaveLength(2);
    const de = versions.find((v) => v.lang === 'de')!;
    expect(de).toMatchObject({ body: 'Bessere Übersetzung.\nZweite Zeile.', isSource: false, translator: 'Kim', machine: false, createdBy: other.id });
    expect(toTimestamp(de.updatedAt)).toBe('2026-02-01T00:00:00.000Z');
    // Editing the source keeps it the source.
    await save({ ...o, field: 'description', lang: 'en', body: 'Original text, revised.' });
    expect((await listTranslations(t.deps.db, o, 'description'))[0]).toMatchObject({ lang: 'en', isSource: true, body: 'Original text, revised.' });
  });

  it('keeps exactly one source per owner and field', async () => {
    const o = owner();
    const sources = async () => (await listTranslations(t.deps.db, o, 'description')).filter((v) => v.isSource).map((v) => v.lang);

    // A translation of nothing is refused.
    expect(await code(save({ ...o, field: 'description', lang: 'en', body: 'x', source: false }))).toBe('TEXT_SOURCE_REQUIRED');
    await save({ ...o, field: 'description', lang: 'en', body: 'English original', translator: 'ignored', machine: true });
    expect(await sources()).toEqual(['en']);
    // The source is nobody's translation.
    expect((await listTranslations(t.deps.db, o, 'description'))[0]).toMatchObject({ translator: null, machine: false });

    await save({ ...o, field: 'description', lang: 'es', body: 'Traducción' });
    expect(await sources()).toEqual(['en']);
    // Making Spanish the source turns English into an ordinary version.
    await save({ ...o, field: 'description', lang: 'es', body: 'Original en español', source: true });
    expect(await sources()).toEqual(['es']);
    // A new language can arrive as the source too.
    await save({ ...o, field: 'description', lang: 'pt', body: 'Original em português', source: true });
    expect(await sources()).toEqual(['pt']);
    // The only source cannot become a translation, nor be deleted while others depend on it.
    expect(await code(save({ ...o, field: 'description', lang: 'pt', body: 'x', source: false }))).toBe('TEXT_SOURCE_REQUIRED');
    expect(await code(t.deps.db.transaction().execute((trx) => deleteTranslation(trx, o, 'description', 'pt')))).toBe('TEXT_SOURCE_REQUIRED');
    expect(await sources()).toEqual(['pt']);

    // The database itself refuses a second source written behind the service's back.
    const raw = t.deps.db
      .insertInto('texts')
      .values({ owner_type: o.ownerType, owner_id: o.ownerId, field: 'description', lang: 'it', body: 'x', is_source: 1, translator: null, machine: 0, created_by: null, updated_at: toTimestamp(new Date()) })
      .execute();
    await expect(raw).rejects.toThrow();
    expect(await sources()).toEqual(['pt']);

    expect(await t.deps.db.transaction().execute((trx) => deleteTranslation(trx, o, 'description', 'es'))).toBe(true);
    expect((await listTranslations(t.deps.db, o, 'description')).map((v) => v.lang)).toEqual(['pt', 'en']);
  });

  it.each(['xx', 'english', 'pt-BR', 'zz', '', 'e'])('refuses the unknown language %j and saves nothing', async (lang) => {
    const o = owner();
    const err = await save({ ...o, field: 'description', lang, body: 'Hello' }).catch((e: AppError) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'TEXT_UNKNOWN_LANGUAGE', status: 422, details: { fields: { lang: { key: 'error.TEXT_UNKNOWN_LANGUAGE' } } } });
    expect(await listTranslations(t.deps.db, o, 'description')).toEqual([]);
  });

  it('accepts any ISO 639-1 language, not only the interface ones, in any case', async () => {
    const o = owner();
    await save({ ...o, field: 'description', lang: 'QU', body: 'Runasimi qillqa' });
    await save({ ...o, field: 'description', lang: 'sw', body: 'Maandishi' });
    expect((await listTranslations(t.deps.db, o, 'description')).map((v) => v.lang)).toEqual(['qu', 'sw']);
  });

  it('refuses an empty body or an over-long translator name', async () => {
    const o = owner();
    const empty = await save({ ...o, field: 'description', lang: 'en', body: ' \n ' }).catch((e: AppError) => e);
    expect(empty).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: { body: { key: 'form.required' } } } });
    await save({ ...o, field: 'description', lang: 'en', body: 'ok' });
    const long = await save({ ...o, field: 'description', lang: 'fr', body: 'ok', translator: 'x'.repeat(500) }).catch((e: AppError) => e);
    expect(long).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: { translator: { key: 'form.tooLong' } } } });
  });

  it('deletes every text of an owner and nobody else’s', async () => {
    const [a, b] = [owner(), owner()];
    for (const o of [a, b]) {
      await save({ ...o, field: 'description', lang: 'en', body: 'd' });
      await save({ ...o, field: 'description', lang: 'es', body: 'd' });
      await save({ ...o, field: 'summary', lang: 'en', body: 's' });
    }
    expect(await t.deps.db.transaction().execute((trx) => deleteTexts(trx, a))).toBe(3);
    expect(await listTranslations(t.deps.db, a, 'description')).toEqual([]);
    expect(await listTranslations(t.deps.db, a, 'summary')).toEqual([]);
    expect(await listTranslations(t.deps.db, b, 'description')).toHaveLength(2);
  });
});
