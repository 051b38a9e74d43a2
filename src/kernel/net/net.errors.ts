import { AppError } from '../errors.js';

// Stable codes for everything that can go wrong with an outbound request. They
// appear in the JSON API and map to i18n keys `error.<code>`, so a caller can
// tell a person exactly why their URL could not be fetched.
export type NetErrorCode =
  | 'NET_BAD_URL'
  | 'NET_FORBIDDEN_ADDRESS'
  | 'NET_TIMEOUT'
  | 'NET_TOO_LARGE'
  | 'NET_TOO_MANY_REDIRECTS'
  | 'NET_DNS'
  | 'NET_CONNECT';

// A URL the person gave is wrong (422); the remote side failed or misbehaved (502/504).
const statusOf: Record<NetErrorCode, number> = {
  NET_BAD_URL: 422,
  NET_FORBIDDEN_ADDRESS: 422,
  NET_TIMEOUT: 504,
  NET_TOO_LARGE: 502,
  NET_TOO_MANY_REDIRECTS: 502,
  NET_DNS: 502,
  NET_CONNECT: 502,
};

export class NetError extends AppError {
  declare readonly code: NetErrorCode;

  constructor(code: NetErrorCode, details: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super(code, statusOf[code], details);
    this.name = 'NetError';
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}

export const isNetError = (e: unknown): e is NetError => e instanceof NetError;
