import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { link, mkdir, open, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { connectDatabase, splitSchema } from '../kernel/db/connect.js';
import type { Command } from './cli.js';
import { CliError, isTerminal, write, writeJson } from './support.js';

// Exit status when the engine cannot be backed up by Hearth itself (PostgreSQL):
// not 0, so a backup script notices that nothing was written.
const EXIT_NOT_SUPPORTED = 3;

const pad = (n: number) => String(n).padStart(2, '0');

/** hearth-YYYYMMDD-HHMMSS.sqlite in UTC, so names sort in time order wherever the server is. */
export function backupFileName(d: Date): string {
  const date = `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`;
  const time = `${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;
  return `hearth-${date}-${time}.sqlite`;
}

function humanSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let n = bytes / 1024;
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return `${n.toFixed(1)} ${units[i]}`;
}

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** DATABASE_URL without its password and Hearth's own ?schema= parameter. */
export function urlWithoutPassword(url: string): { url: string; schema: string | undefined } {
  const split = splitSchema(url);
  try {
    const u = new URL(split.url);
    u.password = '';
    return { url: u.toString(), schema: split.schema };
  } catch {
    return { url: split.url.replace(/^(postgres(?:ql)?:\/\/[^:@/]*):[^@/]*@/, '$1@'), schema: split.schema };
  }
}

function pgDumpAdvice(databaseUrl: string, now: Date): { command: string; text: string } {
  const { url, schema } = urlWithoutPassword(databaseUrl);
  const file = backupFileName(now).replace(/\.sqlite$/, '.dump');
  const command = ['pg_dump', '--format=custom', `--file=${file}`, ...(schema ? [`--schema=${schema}`] : []), shellQuote(url)].join(' ');
  const text = [
    'This Hearth runs on PostgreSQL: `hearth backup` copies SQLite databases only.',
    'Back up PostgreSQL with pg_dump, for example:',
    '',
    `  ${command}`,
    '',
    'pg_dump asks for the password, or takes it from PGPASSWORD or ~/.pgpass. Restore with pg_restore.',
    '',
  ].join('\n');
  return { command, text };
}

export const backup: Command = {
  summary: 'make a consistent copy of the live SQLite database',
  usage: 'hearth backup [--out FILE] [--json]',
  details: `Copies the SQLite database with SQLite's online backup API while Hearth keeps running:
the copy is one consistent moment, whatever is being written meanwhile. The file is
readable by its owner only (it holds password hashes and two-step secrets) and an
existing file is never overwritten.

  --out FILE   where to write (default: backups/hearth-YYYYMMDD-HHMMSS.sqlite beside the
               database, in UTC; ./data/backups/ with the default DATABASE_URL)
  --json       print {"file", "bytes"} instead of text

On PostgreSQL nothing is written: the command explains how to use pg_dump instead.

Exit status: 0 written, 1 failed (file exists, no database), 2 wrong arguments,
3 PostgreSQL (use pg_dump), 78 invalid configuration.`,
  async run(args, io, config) {
    const { values } = parseArgs({ args, options: { out: { type: 'string' }, json: { type: 'boolean' } }, strict: true, allowPositionals: false });
    const { databaseUrl } = config();
    if (!databaseUrl.startsWith('sqlite:')) {
      const advice = pgDumpAdvice(databaseUrl, new Date());
      if (values.json) await writeJson(io, { engine: 'postgres', written: false, command: advice.command });
      else await write(io.stdout, advice.text);
      return EXIT_NOT_SUPPORTED;
    }
    const path = databaseUrl.slice('sqlite:'.length);
    if (path === ':memory:') throw new CliError('the database is in memory: there is nothing to back up');
    const source = resolve(path);
    // Connecting would create an empty database; a backup of nothing helps no one.
    if (!existsSync(source)) throw new CliError(`there is no database at ${source}`);
    const out = resolve(values.out ?? join(dirname(source), 'backups', backupFileName(new Date())));
    if (out === source) throw new CliError('the backup cannot replace the database itself');
    if (existsSync(out)) throw new CliError(`${out} already exists; backups never overwrite a file (choose another --out)`);

    await mkdir(dirname(out), { recursive: true, mode: 0o700 });
    // Written under a temporary name, then linked into place: a half-written copy never
    // carries the final name, and link() refuses to replace a file made meanwhile.
    const partial = `${out}.partial-${randomBytes(4).toString('hex')}`;
    // Created empty with owner-only access before SQLite fills it.
    await (await open(partial, 'wx', 0o600)).close();
    const handle = connectDatabase(databaseUrl);
    const progress = isTerminal(io.stderr) && !values.json;
    try {
      if (!handle.backup) throw new CliError('this database cannot be backed up by Hearth');
      await handle.backup(partial, {
        onProgress: progress
          ? ({ totalPages, remainingPages }) => {
              const pct = totalPages > 0 ? Math.floor(((totalPages - remainingPages) / totalPages) * 100) : 100;
              io.stderr.write(`\rbacking up… ${pct}%`);
            }
          : undefined,
      });
      if (progress) io.stderr.write('\r\x1b[K');
      await link(partial, out).catch((err: NodeJS.ErrnoException) => {
        throw err.code === 'EEXIST' ? new CliError(`${out} already exists; backups never overwrite a file (choose another --out)`) : err;
      });
    } finally {
      await rm(partial, { force: true });
      await rm(`${partial}-journal`, { force: true });
      await handle.close();
    }
    const { size } = await stat(out);
    if (values.json) await writeJson(io, { file: out, bytes: size });
    else await write(io.stdout, `backup written to ${out} (${humanSize(size)})\n`);
    return 0;
  },
};
