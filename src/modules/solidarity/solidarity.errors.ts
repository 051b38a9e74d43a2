// SOLIDARITY_* and LEDGER_* error codes: stable, in the JSON API, and i18n keys `error.<CODE>`.
import { AppError } from '../../kernel/errors.js';
import type { AmountProblem } from './currencies.js';

const field = (name: string, code: string, values?: Record<string, string | number>) => ({
  fields: { [name]: { key: `error.${code}`, ...(values ? { values } : {}) } },
});

/** An amount a person typed that the ledger cannot take exactly. */
export function amountRefused(problem: AmountProblem, currency: string, name = 'amount'): AppError {
  const code = {
    format: 'LEDGER_AMOUNT_FORMAT',
    precision: 'LEDGER_AMOUNT_PRECISION',
    zero: 'LEDGER_AMOUNT_NOT_POSITIVE',
    negative: 'LEDGER_AMOUNT_NOT_POSITIVE',
    tooLarge: 'LEDGER_AMOUNT_TOO_LARGE',
    currency: 'LEDGER_CURRENCY_UNKNOWN',
  }[problem];
  return new AppError(code, 422, field(problem === 'currency' ? 'currency' : name, code, { currency }), { currency });
}

export const currencyUnknown = (name = 'currency') => new AppError('LEDGER_CURRENCY_UNKNOWN', 422, field(name, 'LEDGER_CURRENCY_UNKNOWN'));
export const dayInvalid = (name = 'occurredOn') => new AppError('LEDGER_DAY_INVALID', 422, field(name, 'LEDGER_DAY_INVALID'));
/** The same idempotency key with different content: never posted, never silently merged. */
export const idempotencyConflict = () => new AppError('LEDGER_IDEMPOTENCY_CONFLICT', 409);
export const unbalanced = (problem: string) => new AppError('LEDGER_UNBALANCED', 422, { problem });
/** A grant (or the fund) that cannot cover the amount; `available` in the currency's decimal form. */
export const insufficient = (available: string, currency: string) =>
  new AppError('LEDGER_INSUFFICIENT', 409, { available, currency }, { available, currency });
export const transactionNotFound = () => new AppError('LEDGER_TRANSACTION_NOT_FOUND', 404);
export const alreadyReversed = () => new AppError('LEDGER_ALREADY_REVERSED', 409);
export const reversalOfReversal = () => new AppError('LEDGER_REVERSAL_OF_REVERSAL', 409);

export const notTreasurer = () => new AppError('SOLIDARITY_NOT_TREASURER', 403);
export const ownOrganisation = () => new AppError('SOLIDARITY_OWN_ORGANISATION', 403);
export const sameTreasurer = () => new AppError('SOLIDARITY_SAME_TREASURER', 403);
export const requestNotFound = () => new AppError('SOLIDARITY_REQUEST_NOT_FOUND', 404);
export const requestWrongState = () => new AppError('SOLIDARITY_REQUEST_WRONG_STATE', 409);
export const disbursementNotFound = () => new AppError('SOLIDARITY_DISBURSEMENT_NOT_FOUND', 404);
export const disbursementNotPending = () => new AppError('SOLIDARITY_DISBURSEMENT_NOT_PENDING', 409);
export const bandNotFound = () => new AppError('SOLIDARITY_BAND_NOT_FOUND', 404, field('band', 'SOLIDARITY_BAND_NOT_FOUND'));
export const treasurerSelf = () => new AppError('SOLIDARITY_TREASURER_SELF', 403);
export const personNotFound = () => new AppError('SOLIDARITY_PERSON_NOT_FOUND', 422, field('email', 'SOLIDARITY_PERSON_NOT_FOUND'));
export const alreadyTreasurer = () => new AppError('SOLIDARITY_ALREADY_TREASURER', 409, field('email', 'SOLIDARITY_ALREADY_TREASURER'));
export const notATreasurer = () => new AppError('SOLIDARITY_TREASURER_NOT_FOUND', 404);
