import { parseArgs } from 'node:util';
import { verifyAuditLog } from '../kernel/audit/audit.js';
import type { Command } from './cli.js';
import { usageError, withDeps, write, writeJson } from './support.js';

const USAGE = 'hearth audit verify [--json]';

export const audit: Command = {
  summary: 'check that the audit log is intact and print its head hash',
  usage: USAGE,
  details: `Walks the audit log from its first entry and reports the first entry that was
modified, deleted or moved. Removing the newest entries leaves a valid chain, so
record the printed head hash somewhere else and compare it the next time.

  --json   print the result as JSON: {"ok":true,"count":N,"head":"…"}
           or {"ok":false,"count":N,"seq":S,"problem":"modified|deleted|reordered"}

Exit status: 0 intact, 1 broken, 2 wrong arguments.`,
  async run(args, io, config) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, strict: true, options: { json: { type: 'boolean' } } });
    const [sub, ...extra] = positionals;
    if (sub === undefined) throw usageError(USAGE, 'which subcommand?');
    if (sub !== 'verify' || extra.length > 0) throw usageError(USAGE, `unknown subcommand "${positionals.join(' ')}"`);
    const result = await withDeps(config(), io, (deps) => verifyAuditLog(deps.db));
    if (values.json) await writeJson(io, result);
    else if (result.ok) await write(io.stdout, `audit log intact: ${result.count} entries, head ${result.head}\n`);
    else await write(io.stdout, `audit log broken at entry #${result.seq}: ${result.problem}\n`);
    return result.ok ? 0 : 1;
  },
};
