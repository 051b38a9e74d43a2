import { open, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { exportLedger, verifyLedger, type LedgerVerifyResult } from '../modules/solidarity/index.js';
import type { Command } from './cli.js';
import { CliError, usageError, withDeps, write, writeJson } from './support.js';

const USAGE = 'hearth ledger verify [--json]\nhearth ledger export [--out FILE] [--format csv|json]';

function describeProblem(r: Extract<LedgerVerifyResult, { ok: false }>): string {
  const where = r.seq !== undefined ? ` at transaction #${r.seq}` : '';
  const account = r.account ? ` (account ${r.account})` : '';
  const detail = r.detail && r.detail !== 'head' ? `: ${r.detail}` : '';
  const what = {
    modified: 'a transaction or its postings no longer match its hash',
    deleted: 'a transaction is missing',
    reordered: 'transactions were moved',
    unbalanced: 'postings do not sum to zero per currency',
    currency: 'a posting is in another currency than its account',
    balance: "an account's kept balance differs from its postings",
    summary: "the report's monthly totals differ from the postings",
    truncated: 'the newest transactions are missing',
  }[r.problem];
  return `ledger broken${where}${account}: ${what}${detail} (${r.count} intact before it)`;
}

export const ledger: Command = {
  summary: "check the fund's ledger, or export it",
  usage: USAGE,
  details: `verify   recomputes the hash chain from the first transaction and every account's
         balance from the postings, and reports the first inconsistency: a modified,
         deleted or moved transaction, postings that do not balance, a kept balance
         that differs, or missing newest transactions. Record the printed head hash
         elsewhere and compare it the next time.
  --json print the result as JSON: {"ok":true,"transactions":N,"accounts":N,"head":"…"}
         or {"ok":false,"problem":"…","count":N,"seq":S,"account":"…"}

export   writes every transaction in chain order: CSV (one line per posting, amounts
         in the currency's decimal form and in minor units) or JSON.
  --format csv|json   default json
  --out FILE          write to FILE (never over an existing one) instead of standard output

Exit status: 0 intact / written, 1 broken / failed, 2 wrong arguments.`,
  async run(args, io, config) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: { json: { type: 'boolean' }, out: { type: 'string' }, format: { type: 'string' } },
    });
    const [sub, ...extra] = positionals;
    if (sub === undefined) throw usageError(USAGE, 'which subcommand?');
    if (extra.length > 0 || (sub !== 'verify' && sub !== 'export')) throw usageError(USAGE, `unknown subcommand "${positionals.join(' ')}"`);

    if (sub === 'verify') {
      if (values.out !== undefined || values.format !== undefined) throw usageError(USAGE, '--out and --format belong to export');
      const result = await withDeps(config(), io, (deps) => verifyLedger(deps.db));
      if (values.json) await writeJson(io, result);
      else if (result.ok) await write(io.stdout, `ledger intact: ${result.transactions} transactions, ${result.accounts} accounts, head ${result.head}\n`);
      else await write(io.stdout, `${describeProblem(result)}\n`);
      return result.ok ? 0 : 1;
    }

    if (values.json) throw usageError(USAGE, '--json belongs to verify (use --format json)');
    const format = values.format ?? 'json';
    if (format !== 'csv' && format !== 'json') throw usageError(USAGE, `--format must be csv or json, not "${format}"`);
    const cfg = config();
    const out = values.out === undefined ? undefined : resolve(values.out);
    const file = out
      ? await open(out, 'wx', 0o600).catch((err: NodeJS.ErrnoException) => {
          throw err.code === 'EEXIST' ? new CliError(`${out} already exists; choose another --out`) : err;
        })
      : undefined;
    try {
      const sink = file ? (chunk: string) => file.write(chunk).then(() => undefined) : (chunk: string) => write(io.stdout, chunk);
      // One snapshot: transactions posted meanwhile are either all in or not at all.
      const n = await withDeps(cfg, io, (deps) =>
        deps.db
          .transaction()
          .setIsolationLevel('repeatable read')
          .setAccessMode('read only')
          .execute((trx) => exportLedger(trx, format, sink, deps.clock.now())),
      );
      if (file) {
        await file.close();
        await write(io.stdout, `exported ${n} transactions to ${out} (${format})\n`);
      }
      return 0;
    } catch (err) {
      if (file) {
        await file.close();
        await rm(out!, { force: true });
      }
      throw err;
    }
  },
};
