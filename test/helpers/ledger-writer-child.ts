// A ledger writer in its own process, for the crash test: posts transactions
// as fast as it can and prints each idempotency key after its COMMIT returned.
// Usage: ledger-writer-child.ts DATABASE_URL SCHEMA|- RUN
// Prints "ready" once connected; never stops by itself (the test kills it).
import { systemActor } from '../../src/kernel/auth/actor.js';
import { connectDatabase } from '../../src/kernel/db/connect.js';
import { systemClock } from '../../src/kernel/time.js';
import { postTransaction } from '../../src/modules/solidarity/ledger.service.js';

const [url, schema, run] = process.argv.slice(2);
if (!url || !schema || !run) throw new Error('usage: ledger-writer-child.ts DATABASE_URL SCHEMA|- RUN');

const handle = connectDatabase(url, schema === '-' ? {} : { schema, poolSize: 2 });
const actor = systemActor('crash-test');
process.stdout.write('ready\n');
for (let i = 0; ; i++) {
  const key = `${run}-${i}`;
  const minor = 100 + (i % 97);
  // Four postings in two currencies, so a half-written transaction could not pass for a whole one.
  await handle.db.transaction().execute((trx) =>
    postTransaction(trx, actor, systemClock, {
      key,
      kind: 'exchange',
      occurredOn: '2026-03-01',
      details: { rate: '2', rateDate: '2026-03-01' },
      postings: [
        { account: { kind: 'exchange', currency: 'EUR' }, amountMinor: minor },
        { account: { kind: 'fund', currency: 'EUR' }, amountMinor: -minor },
        { account: { kind: 'fund', currency: 'JPY' }, amountMinor: 2 * minor },
        { account: { kind: 'exchange', currency: 'JPY' }, amountMinor: -2 * minor },
      ],
    }),
  );
  process.stdout.write(`${key}\n`);
}
