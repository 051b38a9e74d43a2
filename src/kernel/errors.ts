// One error type for everything a person or client may be told about.
// `code` is stable (it appears in the JSON API) and doubles as the i18n key
// `error.<code>`; `details.fields` maps form fields to i18n keys.

/** A message about one form field: an i18n key and its ICU values. */
export interface FieldMessage {
  key: string;
  values?: Record<string, string | number>;
}

export interface ErrorDetails {
  fields?: Record<string, FieldMessage>;
  [key: string]: unknown;
}

export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly details: ErrorDetails = {},
    /** ICU values for the message of `error.<code>`. */
    readonly values: Record<string, string | number> = {},
  ) {
    super(code);
    this.name = 'AppError';
  }
}

export const notFound = (what = 'NOT_FOUND') => new AppError(what, 404);
export const forbidden = (code = 'FORBIDDEN') => new AppError(code, 403);
export const unauthenticated = () => new AppError('UNAUTHENTICATED', 401);
export const conflict = (code: string, field?: string) =>
  new AppError(code, 409, field ? { fields: { [field]: { key: `error.${code}` } } } : {});
/** `fields` maps a field to an i18n key, or to a key with values. */
export const validationFailed = (fields: Record<string, string | FieldMessage>, code = 'VALIDATION_FAILED') =>
  new AppError(code, 422, {
    fields: Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, typeof v === 'string' ? { key: v } : v])),
  });
export const tooManyRequests = (retryAfterSeconds: number) =>
  new AppError('RATE_LIMITED', 429, { retryAfter: retryAfterSeconds }, { seconds: retryAfterSeconds });
export const badRequest = (code = 'BAD_REQUEST') => new AppError(code, 400);
