// POSTURE_* error codes of scanning: stable, they appear in the JSON API and map to i18n keys error.<CODE>.
import { AppError } from '../../kernel/errors.js';

export const assetNotFound = () => new AppError('POSTURE_ASSET_NOT_FOUND', 404);
export const scanNotFound = () => new AppError('POSTURE_SCAN_NOT_FOUND', 404);
export const noticeNotFound = () => new AppError('POSTURE_NOTICE_NOT_FOUND', 404);
export const domainTaken = () => new AppError('POSTURE_DOMAIN_TAKEN', 409, { fields: { domain: { key: 'error.POSTURE_DOMAIN_TAKEN' } } });
/** Scans and proofs need a verified domain whose proof still holds. */
export const notVerified = () => new AppError('POSTURE_NOT_VERIFIED', 409);
export const scanPending = () => new AppError('POSTURE_SCAN_PENDING', 409);
/** Too many scans on demand: `retryAfter` seconds until the next one is allowed. */
export const tooManyScans = (limit: number, retryAfter: number) =>
  new AppError('POSTURE_SCAN_RATE_LIMITED', 429, { retryAfter }, { limit, minutes: Math.max(1, Math.ceil(retryAfter / 60)) });
/** A name that never exists publicly (.test, .localhost, …): refused unless the test-bed setting is on. */
export const domainReserved = () => new AppError('POSTURE_DOMAIN_RESERVED', 422, { fields: { domain: { key: 'error.POSTURE_DOMAIN_RESERVED' } } });
export const tooManyAssets = (max: number) => new AppError('POSTURE_TOO_MANY_ASSETS', 409, {}, { max });

/** Why a proof of control failed; the message says what Hearth looked for and what it found. */
export type ProofErrorCode =
  | 'POSTURE_PROOF_NOT_FOUND'
  | 'POSTURE_PROOF_WRONG_TOKEN'
  | 'POSTURE_PROOF_REDIRECT'
  | 'POSTURE_PROOF_UNREACHABLE'
  | 'POSTURE_PRIVATE_ADDRESS';

export const proofFailed = (code: ProofErrorCode, values: Record<string, string | number>) => new AppError(code, 422, {}, values);
