// Pieces every /api/v1 route shares in the OpenAPI document at /api/docs:
// the error body, the security schemes and how a route names them.
import { z } from 'zod';

/** Every error the API returns: a stable code, a message in the caller's language, and details (fields for 422). */
export const errorBody = z
  .object({
    error: z.object({
      code: z.string().describe('Stable error code, e.g. TOKEN_SCOPE or VALIDATION_FAILED'),
      message: z.string(),
      details: z.record(z.string(), z.unknown()),
    }),
  })
  .describe('Error');

/** The error responses a route may give, for its `response` schema. */
export function errors<S extends number>(...statuses: S[]): Record<S, typeof errorBody> {
  return Object.fromEntries(statuses.map((s) => [s, errorBody])) as Record<S, typeof errorBody>;
}

export const securitySchemes = {
  bearerAuth: {
    type: 'http',
    scheme: 'bearer',
    description:
      'A personal API token (hearth_…), made on the account page. Scope "read" allows GET; "write" also allows changes. ' +
      'A missing, unknown, revoked or expired token is refused with 401, a token used beyond its scope with 403 TOKEN_SCOPE.',
  },
  sessionCookie: {
    type: 'apiKey',
    in: 'cookie',
    name: 'hearth_session',
    description: 'A browser session (the cookie is __Host-hearth_session over HTTPS); changes also need the X-CSRF-Token header.',
  },
} as const;

/** Routes that need someone signed in: the document's default. */
export const signedIn: Record<string, string[]>[] = [{ bearerAuth: [] }, { sessionCookie: [] }];
/** Public routes that show more (drafts, say) to someone signed in. */
export const optionalAuth: Record<string, string[]>[] = [{}, ...signedIn];
