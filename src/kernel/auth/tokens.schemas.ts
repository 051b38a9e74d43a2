import { z } from 'zod';
import { PASSWORD_MAX } from './password.js';
import { TOKEN_SCOPES } from './tokens.policy.js';

/** Expiry choices offered on the page, in days; the API accepts any whole number of days up to a year. */
export const TOKEN_EXPIRY_DAYS = [7, 30, 90, 365] as const;
export const TOKEN_MAX_DAYS = 366;

const name = z.string().trim().min(1, { error: 'form.required' }).max(80);
const scope = z.enum(TOKEN_SCOPES, { error: 'form.invalidChoice' });
const current = z.string().min(1, { error: 'form.required' }).max(PASSWORD_MAX * 4, { error: 'password.tooLong' });

/** The page's form: a select of expiry choices, 'never' for no expiry. */
export const createTokenFormSchema = z
  .object({
    name,
    scope,
    expires: z.enum(['7', '30', '90', '365', 'never'], { error: 'form.invalidChoice' }),
    current,
  })
  .transform(({ expires, ...rest }) => ({ ...rest, expiresInDays: expires === 'never' ? null : Number(expires) }));

export const createTokenApiSchema = z.object({
  name,
  scope,
  expiresInDays: z.number().int().min(1).max(TOKEN_MAX_DAYS).nullable().describe('Days until the token stops working; null for never.'),
  current: current.describe('Your current password: creating a credential needs it.'),
});

export const revokeTokenSchema = z.object({ current });

export type CreateTokenInput = z.output<typeof createTokenApiSchema>;
