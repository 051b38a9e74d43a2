import { z } from 'zod';
import { isLocale, timeZones } from '../i18n/i18n.js';
import { PASSWORD_MAX } from './password.js';

const email = z.string().trim().toLowerCase().max(254, { error: 'form.tooLong' }).pipe(z.email({ error: 'form.invalidEmail' }));
// Strength is judged by passwordProblem(); here only presence and an upper bound.
const password = z.string().min(1, { error: 'form.required' }).max(PASSWORD_MAX * 4, { error: 'password.tooLong' });
const name = z.string().trim().min(1, { error: 'form.required' }).max(100);
const code = z.string().trim().min(1, { error: 'form.required' }).max(64);

export const loginSchema = z.object({ email, password, next: z.string().max(500).optional() });
export const mfaSchema = z.object({ code });
export const setupSchema = z.object({ displayName: name, email, password });
export const profileSchema = z.object({
  displayName: name,
  pronouns: z.string().trim().max(40).optional().default(''),
  locale: z.string().refine((l) => isLocale(l), { error: 'form.invalidChoice' }),
  timeZone: z.string().refine((tz) => timeZones().includes(tz), { error: 'form.invalidChoice' }),
});
export const passwordChangeSchema = z.object({
  current: password,
  password,
  keepSession: z.literal('yes').optional(),
});
export const emailChangeSchema = z.object({ current: password, email });
export const totpConfirmSchema = z.object({ current: password, code });
export const totpDisableSchema = z.object({ current: password, code });
export const reauthSchema = z.object({ current: password });
export const forgotSchema = z.object({ email });
export const resetSchema = z.object({ password });
export const registerSchema = z.object({ displayName: name, password });

export type ProfileInput = z.output<typeof profileSchema>;
