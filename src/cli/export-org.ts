import { open, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { systemActor } from '../kernel/auth/actor.js';
import { AppError } from '../kernel/errors.js';
import { exportOrganisation } from '../modules/federation/index.js';
import type { Command } from './cli.js';
import { CliError, usageError, withDeps, write } from './support.js';

const usage = 'hearth export-org SLUG [--out FILE]';

export const exportOrg: Command = {
  summary: "write all of an organisation's data as JSON",
  usage,
  details: `Everything Hearth holds about one organisation (its short name is SLUG): the
organisation, its members' public profile fields and roles, its invitations, its audit
entries and each module's data. Never password hashes, two-step secrets, session data
or invitation tokens. The export itself is recorded in the audit log.

  --out FILE   write to FILE (readable by its owner only; an existing file is never
               overwritten) instead of standard output

Exit status: 0 written, 1 failed (no such organisation, file exists), 2 wrong arguments,
78 invalid configuration.`,
  async run(args, io, config) {
    const { values, positionals } = parseArgs({ args, options: { out: { type: 'string' } }, strict: true, allowPositionals: true });
    if (positionals.length !== 1) throw usageError(usage, positionals.length === 0 ? 'missing SLUG' : 'give exactly one SLUG');
    const slug = positionals[0]!;
    const cfg = config();
    const out = values.out === undefined ? undefined : resolve(values.out);
    // Personal data: owner-only, and never over an existing file. Opened first so a
    // refusal comes before any work (and before the export is recorded in the audit log).
    const file = out
      ? await open(out, 'wx', 0o600).catch((err: NodeJS.ErrnoException) => {
          throw err.code === 'EEXIST' ? new CliError(`${out} already exists; choose another --out`) : err;
        })
      : undefined;
    let data;
    try {
      data = await withDeps(cfg, io, (deps) =>
        exportOrganisation(deps, systemActor('cli'), slug).catch((err: unknown) => {
          if (err instanceof AppError && err.code === 'ORG_NOT_FOUND') throw new CliError(`there is no organisation with the short name "${slug}"`);
          throw err;
        }),
      );
      const json = `${JSON.stringify(data, null, 2)}\n`;
      if (!file) {
        await write(io.stdout, json);
        return 0;
      }
      await file.writeFile(json, 'utf8');
    } catch (err) {
      if (file) {
        await file.close();
        await rm(out!, { force: true });
      }
      throw err;
    }
    await file.close();
    const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
    await write(
      io.stdout,
      `exported ${JSON.stringify(data.organisation.name)} to ${out}: ${n(data.members.length, 'member', 'members')}, ` +
        `${n(data.invitations.length, 'invitation', 'invitations')}, ${n(data.audit.length, 'audit entry', 'audit entries')}\n`,
    );
    return 0;
  },
};
