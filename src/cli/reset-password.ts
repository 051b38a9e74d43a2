import { parseArgs } from 'node:util';
import { resetPasswordFromCli } from '../kernel/auth/auth.service.js';
import type { Command } from './cli.js';
import { generatePassword, passwordOrAccountError, readFirstLine, usageError, withDeps, write, writeJson } from './support.js';

const usage = 'hearth reset-password --email E [--password-stdin] [--json]';

export const resetPassword: Command = {
  summary: "set a new password for an account and end all of its sessions",
  usage,
  details: `For someone locked out when e-mail is not set up. Every session of the account ends,
so whoever was signed in with the old password is signed out. Two-step verification
stays as it was.

  --email E          the account's e-mail address
  --password-stdin   read the new password from the first line of standard input;
                     without it a strong random password is made and printed once
  --json             print {"id", "email", "sessionsEnded", "password"?} instead of text

Exit status: 0 done, 1 refused (no such account, password too short or too common),
2 wrong arguments, 78 invalid configuration.`,
  async run(args, io, config) {
    const { values } = parseArgs({
      args,
      options: { email: { type: 'string' }, 'password-stdin': { type: 'boolean' }, json: { type: 'boolean' } },
      strict: true,
      allowPositionals: false,
    });
    const email = values.email?.trim();
    if (!email) throw usageError(usage, 'missing --email');
    const cfg = config();
    const generated = values['password-stdin'] ? undefined : generatePassword();
    const password = generated ?? (await readFirstLine(io));
    const { person, sessionsEnded } = await withDeps(cfg, io, (deps) => resetPasswordFromCli(deps, email, password).catch(passwordOrAccountError));
    if (values.json) {
      await writeJson(io, { id: person.id, email: person.email, sessionsEnded, ...(generated ? { password: generated } : {}) });
      return 0;
    }
    const lines = [
      `New password set for ${JSON.stringify(person.displayName)} <${person.email}>; ${sessionsEnded} session${sessionsEnded === 1 ? '' : 's'} ended.`,
    ];
    if (generated) {
      lines.push('', `  Password: ${generated}`, '', 'This password is shown only now. Pass it on safely; it should be changed after signing in.');
    }
    if (person.status !== 'active') lines.push('Note: this account is suspended; it cannot sign in until a federation admin reinstates it.');
    await write(io.stdout, `${lines.join('\n')}\n`);
    return 0;
  },
};
