// Inputs of the profile: the HTML form (strings) and the JSON API (typed
// values) both end as ProfileInput. Codes of countries and languages are
// checked against the lists in the service, so both routes report unknown
// codes the same way, naming them.
import { z } from 'zod';
import { slugSchema } from './federation.schemas.js';
import { OPENPGP_MAX_LENGTH } from './profile.openpgp.js';

export const SUMMARY_MAX = 300;
export const DESCRIPTION_MAX = 10_000;
export const FOUNDED_MIN = 1900;

const blankToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v);

/** http or https only: javascript:, data:, file: and the rest are refused. */
export const webUrl = z
  .string()
  .trim()
  .max(500, { error: 'form.tooLong' })
  .pipe(z.url({ protocol: /^https?$/, hostname: /^[^\s/]+$/, error: 'form.invalidUrl' }));

export const emailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email({ error: 'form.invalidEmail' }));

/** An e-mail address or an http(s) URL (a security.txt, a contact form). */
export const securityContactSchema = z
  .string()
  .trim()
  .max(500)
  .refine((v) => emailSchema.safeParse(v).success || webUrl.safeParse(v).success, { error: 'profile.securityContactInvalid' });

const optional = <S extends z.ZodType>(s: S) => z.preprocess(blankToNull, s.nullable()).default(null);

/** "DE, fr mx" → ["DE", "FR", "MX"]: any separator, duplicates dropped. */
export function splitCodes(raw: string, upper: boolean): string[] {
  const parts = raw
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => (upper ? s.toUpperCase() : s.toLowerCase()));
  return [...new Set(parts)];
}

const foundedForm = z.preprocess(
  blankToNull,
  z
    .string()
    .regex(/^\d{4}$/, { error: 'profile.foundedInvalid' })
    .transform(Number)
    .nullable(),
);

export const profileFormSchema = z.object({
  name: z.string().trim().min(1, { error: 'form.required' }).max(120),
  slug: slugSchema,
  sourceLang: z.string().trim().toLowerCase().min(1, { error: 'form.required' }).max(10),
  summary: z.string().trim().max(SUMMARY_MAX).default(''),
  description: z.string().trim().max(DESCRIPTION_MAX).default(''),
  countries: z.string().max(1000).default('').transform((v) => splitCodes(v, true)),
  region: optional(z.string().trim().max(200)),
  languages: z.string().max(1000).default('').transform((v) => splitCodes(v, false)),
  founded: foundedForm.default(null),
  website: optional(webUrl),
  contactEmail: optional(emailSchema),
  securityContact: optional(securityContactSchema),
  openpgpKey: optional(z.string().trim().max(OPENPGP_MAX_LENGTH)),
  donationUrl: optional(webUrl),
});

export const profileApiSchema = z.object({
  name: z.string().trim().min(1).max(120),
  slug: slugSchema,
  sourceLang: z.string().trim().toLowerCase().min(1).max(10),
  summary: z.string().trim().max(SUMMARY_MAX).default(''),
  description: z.string().trim().max(DESCRIPTION_MAX).default(''),
  countries: z.array(z.string().trim().toUpperCase().max(2)).max(250).default([]),
  region: z.string().trim().max(200).nullable().default(null),
  languages: z.array(z.string().trim().toLowerCase().max(3)).max(200).default([]),
  founded: z.number().int().nullable().default(null),
  website: webUrl.nullable().default(null),
  contactEmail: emailSchema.nullable().default(null),
  securityContact: securityContactSchema.nullable().default(null),
  openpgpKey: z.string().trim().max(OPENPGP_MAX_LENGTH).nullable().default(null),
  donationUrl: webUrl.nullable().default(null),
});

export interface ProfileInput {
  name: string;
  slug: string;
  sourceLang: string;
  summary: string;
  description: string;
  countries: string[];
  region: string | null;
  languages: string[];
  founded: number | null;
  website: string | null;
  contactEmail: string | null;
  securityContact: string | null;
  openpgpKey: string | null;
  donationUrl: string | null;
}

// The same shape, so either parse result is a ProfileInput.
export type ProfileFormOutput = z.output<typeof profileFormSchema>;
export type ProfileApiOutput = z.output<typeof profileApiSchema>;

export const TEXT_FIELDS = ['summary', 'description'] as const;
export type ProfileTextField = (typeof TEXT_FIELDS)[number];

export const translationFormSchema = z.object({
  field: z.enum(TEXT_FIELDS, { error: 'form.invalidChoice' }),
  lang: z.string().trim().toLowerCase().min(1, { error: 'form.required' }).max(10),
  body: z.string().trim().min(1, { error: 'form.required' }).max(DESCRIPTION_MAX),
  translator: optional(z.string().trim().max(120)),
  machine: z.preprocess((v) => v === 'yes' || v === 'on' || v === true, z.boolean()).default(false),
});
export type TranslationInput = z.output<typeof translationFormSchema>;

export const translationRemoveSchema = z.object({
  field: z.enum(TEXT_FIELDS, { error: 'form.invalidChoice' }),
  lang: z.string().trim().toLowerCase().min(1).max(10),
});

export const selfDescUrlSchema = z.object({ url: optional(webUrl) });
export const selfDescDecisionSchema = z.object({ version: z.string().regex(/^[0-9a-f]{64}$/, { error: 'form.invalid' }) });
