import { AppError } from '../../kernel/errors.js';

export const practiceNotFound = () => new AppError('POSTURE_PRACTICE_NOT_FOUND', 404);
export const versionNotFound = () => new AppError('POSTURE_VERSION_NOT_FOUND', 404);
export const notSelfAssessed = () => new AppError('POSTURE_NOT_SELF_ASSESSED', 409);
export const evidenceUrl = () => new AppError('POSTURE_EVIDENCE_URL', 422, { fields: { evidenceUrl: { key: 'error.POSTURE_EVIDENCE_URL' } } });
export const noChange = () => new AppError('POSTURE_BASELINE_NO_CHANGE', 422, { fields: { _form: { key: 'error.POSTURE_BASELINE_NO_CHANGE' } } });
export const sourceLanguage = () => new AppError('POSTURE_SOURCE_LANGUAGE', 422, { fields: { lang: { key: 'error.POSTURE_SOURCE_LANGUAGE' } } });
export const helpNotFound = () => new AppError('POSTURE_HELP_NOT_FOUND', 404);
export const notAGap = () => new AppError('POSTURE_HELP_NOT_A_GAP', 409);
export const helpAlreadyOpen = () => new AppError('POSTURE_HELP_ALREADY_OPEN', 409);
export const helpClosed = () => new AppError('POSTURE_HELP_CLOSED', 409);
export const ownRequest = () => new AppError('POSTURE_HELP_OWN_REQUEST', 409, { fields: { org: { key: 'error.POSTURE_HELP_OWN_REQUEST' } } });
export const notInBaseline = () => new AppError('POSTURE_NOT_IN_BASELINE', 409);
