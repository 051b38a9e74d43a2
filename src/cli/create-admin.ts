import { parseArgs } from 'node:util';
import { createAdminFromCli } from '../kernel/auth/auth.service.js';
import { setupSchema } from '../kernel/auth/auth.schemas.js';
import type { Command } from './cli.js';
import { generatePassword, passwordOrAccountError, readFirstLine, usageError, withDeps, write, writeJson } from './support.js';

const usage = 'hearth create-admin --email E --name N [--password-stdin] [--json]';
const input = setupSchema.pick({ email: true, displayName: true });

export const createAdmin: Command = {
  summary: 'create a federation admin account',
  usage,
  details: `Creates an account with the federation admin role, for a first admin or when the
web setup link is not an option.

  --email E          the admin's e-mail address (used to sign in)
  --name N           the name shown to others
  --password-stdin   read the password from the first line of standard input;
                     without it a strong random password is made and printed once
  --json             print {"id", "email", "displayName", "fedRole", "password"?} instead of text

The admin must set up two-step verification (TOTP) at first sign-in.

Exit status: 0 created, 1 refused (e-mail in use, password too short or too common),
2 wrong arguments, 78 invalid configuration.`,
  async run(args, io, config) {
    const { values } = parseArgs({
      args,
      options: { email: { type: 'string' }, name: { type: 'string' }, 'password-stdin': { type: 'boolean' }, json: { type: 'boolean' } },
      strict: true,
      allowPositionals: false,
    });
    if (values.email === undefined) throw usageError(usage, 'missing --email');
    if (values.name === undefined) throw usageError(usage, 'missing --name');
    const parsed = input.safeParse({ email: values.email, displayName: values.name });
    if (!parsed.success) {
      const field = parsed.error.issues[0]?.path[0] === 'email' ? '--email: not a valid e-mail address' : '--name: must be 1 to 100 characters';
      throw usageError(usage, field);
    }
    const cfg = config();
    const generated = values['password-stdin'] ? undefined : generatePassword();
    const password = generated ?? (await readFirstLine(io));
    const person = await withDeps(cfg, io, (deps) =>
      createAdminFromCli(deps, { email: parsed.data.email, displayName: parsed.data.displayName, password }).catch(passwordOrAccountError),
    );
    if (values.json) {
      await writeJson(io, {
        id: person.id,
        email: person.email,
        displayName: person.displayName,
        fedRole: person.fedRole,
        ...(generated ? { password: generated } : {}),
        mustEnrolTotp: true,
      });
      return 0;
    }
    const lines = [`Created federation admin ${JSON.stringify(person.displayName)} <${person.email}>.`];
    if (generated) {
      lines.push('', `  Password: ${generated}`, '', 'This password is shown only now. Pass it on safely; it should be changed after the first sign-in.');
    }
    lines.push('At first sign-in the admin must set up two-step verification (TOTP) with an authenticator app.');
    await write(io.stdout, `${lines.join('\n')}\n`);
    return 0;
  },
};
