// GOV_* error codes: stable, they appear in the JSON API and map to i18n keys error.<CODE>.
import { AppError } from '../../kernel/errors.js';

export const proposalNotFound = () => new AppError('GOV_PROPOSAL_NOT_FOUND', 404);
/** `closesAt` as epoch milliseconds, so that the message shows it in the reader's zone. */
export const proposalClosed = (closesAt: Date) => new AppError('GOV_PROPOSAL_CLOSED', 409, {}, { closesAt: closesAt.getTime() });
export const notOpenYet = (opensAt: Date) => new AppError('GOV_NOT_OPEN_YET', 409, {}, { opensAt: opensAt.getTime() });
export const stillOpen = () => new AppError('GOV_STILL_OPEN', 409);
export const orgNotActive = () => new AppError('GOV_ORG_NOT_ACTIVE', 409);
export const reasonRequired = () => new AppError('GOV_REASON_REQUIRED', 422, { fields: { reason: { key: 'gov.position.reasonRequired' } } });
export const commentChanged = () => new AppError('GOV_COMMENT_CHANGED', 409);
export const commentNotFound = () => new AppError('GOV_COMMENT_NOT_FOUND', 404);
export const notAMember = () => new AppError('GOV_NOT_A_MEMBER', 422, { fields: { person: { key: 'error.GOV_NOT_A_MEMBER' } } });
