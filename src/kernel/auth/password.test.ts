import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { argonParams, hashPassword, needsRehash, passwordProblem, PASSWORD_MAX, PASSWORD_MIN, verifyPassword } from './password.js';
import { assetsDir } from '../../paths.js';

describe('passwordProblem', () => {
  it('refuses a password shorter than the minimum, counting characters rather than UTF-16 units', () => {
    expect(PASSWORD_MIN).toBe(8);
    expect(passwordProblem('seven77')).toBe('password.tooShort');
    // Seven emoji are fourteen UTF-16 units but still seven characters.
    expect(passwordProblem('🔥🌊🌱🪐🦊🎈🧭')).toBe('password.tooShort');
    expect(passwordProblem('🔥🌊🌱🪐🦊🎈🧭🍄')).toBeUndefined();
  });

  it('accepts 128 characters and refuses 129', () => {
    expect(PASSWORD_MAX).toBe(128);
    const base = 'lantern river copper ';
    const long = base.repeat(10).slice(0, 128);
    expect([...long]).toHaveLength(128);
    expect(passwordProblem(long)).toBeUndefined();
    expect(passwordProblem(long + 'x')).toBe('password.tooLong');
  });

  it('refuses a listed common password whatever its letter case', () => {
    expect(passwordProblem('password123')).toBe('password.common');
    expect(passwordProblem('PassWord123')).toBe('password.common');
    expect(passwordProblem('QWERTYUIOP')).toBe('password.common');
  });

  it('refuses the common passwords of the languages Hearth speaks', () => {
    for (const p of ['Contraseña', 'senha123', 'MotDePasse', 'Passwort1', 'ciao1234', 'heslo123', 'bismillah']) {
      expect(passwordProblem(p), p).toBe('password.common');
    }
  });

  it("refuses the person's own e-mail address or name, whatever the case", () => {
    const context = ['ada.lovelace@example.org', 'Ada Lovelace'];
    expect(passwordProblem('Ada.Lovelace@Example.org', context)).toBe('password.personal');
    expect(passwordProblem('ada lovelace', context)).toBe('password.personal');
    // Only an exact match is refused; a passphrase that mentions the name is fine.
    expect(passwordProblem('ada lovelace wrote the first program', context)).toBeUndefined();
  });

  it('accepts a passphrase of a few unrelated words', () => {
    expect(passwordProblem('plum kettle under seventeen lanterns', ['someone@example.org', 'Someone'])).toBeUndefined();
  });
});

describe('the shipped list of common passwords', () => {
  const lines = readFileSync(resolve(assetsDir, 'common-passwords.txt'), 'utf8').split('\n').filter(Boolean);
  const entries = lines.filter((l) => !l.startsWith('#'));

  it('starts with a comment saying what it is', () => {
    expect(lines[0]).toMatch(/^# .*common.*passwords/i);
  });

  it('holds a few thousand lower-case entries, none shorter than the minimum, no duplicates', () => {
    expect(entries.length).toBeGreaterThanOrEqual(2000);
    expect(entries.length).toBeLessThanOrEqual(5000);
    expect(entries.filter((e) => e !== e.toLowerCase() || e !== e.trim() || [...e].length < PASSWORD_MIN)).toEqual([]);
    expect(new Set(entries).size).toBe(entries.length);
  });
});

describe('needsRehash', () => {
  // argonParams is typed with its literal values; other parameters are what this test is about.
  type Params = typeof argonParams;
  const params = (p: { algorithm?: number; memoryCost: number; timeCost: number; parallelism: number }) => ({ ...argonParams, ...p }) as unknown as Params;
  // Cheap parameters keep the test fast; the logic is the same.
  const cheap = params({ memoryCost: 1024, timeCost: 1, parallelism: 1 });

  it("is false for a hash made with today's parameters", async () => {
    const stored = await hashPassword('plum kettle under seventeen lanterns');
    expect(needsRehash(stored)).toBe(false);
    expect(await verifyPassword(stored, 'plum kettle under seventeen lanterns')).toBe(true);
  });

  it('is true when memory, time or parallelism changed', async () => {
    const stored = await hashPassword('plum kettle under seventeen lanterns', cheap);
    expect(needsRehash(stored, cheap)).toBe(false);
    expect(needsRehash(stored)).toBe(true);
    expect(needsRehash(stored, params({ ...cheap, memoryCost: 2048 }))).toBe(true);
    expect(needsRehash(stored, params({ ...cheap, timeCost: 2 }))).toBe(true);
    expect(needsRehash(stored, params({ ...cheap, parallelism: 2 }))).toBe(true);
  });

  it('is true for anything that is not an argon2id hash', async () => {
    const argon2i = await hashPassword('plum kettle under seventeen lanterns', params({ ...cheap, algorithm: 1 }));
    expect(argon2i.startsWith('$argon2i$')).toBe(true);
    expect(needsRehash(argon2i, cheap)).toBe(true);
    expect(needsRehash('$2b$12$abcdefghijklmnopqrstuv', cheap)).toBe(true);
    expect(needsRehash('', cheap)).toBe(true);
  });
});
