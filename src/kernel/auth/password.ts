import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { hash, verify } from '@node-rs/argon2';
import { assetsDir } from '../../paths.js';

// OWASP's minimum for argon2id is m=19 MiB, t=2, p=1; we go a little above.
// algorithm 2 is Argon2id (a const enum in the package's types, not importable under verbatimModuleSyntax).
export const argonParams = { algorithm: 2, memoryCost: 19_456, timeCost: 3, parallelism: 1 } as const;

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

export async function hashPassword(password: string, params = argonParams): Promise<string> {
  return hash(password, params);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** True when the stored hash was made with other parameters than today's. */
export function needsRehash(stored: string, params = argonParams): boolean {
  const m = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(stored);
  if (!m) return true;
  return Number(m[1]) !== params.memoryCost || Number(m[2]) !== params.timeCost || Number(m[3]) !== params.parallelism;
}

let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  common ??= new Set(
    readFileSync(resolve(assetsDir, 'common-passwords.txt'), 'utf8')
      .split('\n')
      .map((l) => l.trim().toLowerCase())
      .filter((l) => l && !l.startsWith('#')),
  );
  return common;
}

/** An i18n key describing what is wrong with a new password, or undefined when it is acceptable. */
export function passwordProblem(password: string, context: string[] = []): string | undefined {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return 'password.tooShort';
  if (length > PASSWORD_MAX) return 'password.tooLong';
  const lower = password.toLowerCase();
  if (commonPasswords().has(lower)) return 'password.common';
  // A password that is just the person's e-mail or name is as good as public.
  if (context.some((c) => c && c.length >= 3 && lower === c.toLowerCase())) return 'password.personal';
  return undefined;
}

// A dummy hash so a login for an unknown e-mail costs the same time as a real one.
let dummy: Promise<string> | undefined;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummy ??= hashPassword('hearth-dummy-password-for-timing');
  await verifyPassword(await dummy, password);
}
