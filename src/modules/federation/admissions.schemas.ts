import { z } from 'zod';

/** "BR, pt mx" → ["BR", "PT", "MX"]: any separator, duplicates dropped (as on the profile form). */
function codes(raw: string, upper: boolean): string[] {
  const parts = raw
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map((s) => (upper ? s.toUpperCase() : s.toLowerCase()));
  return [...new Set(parts)];
}

const codeList = (upper: boolean) =>
  z
    .string()
    .trim()
    .min(1, { error: 'form.required' })
    .max(1000)
    .transform((v) => codes(v, upper));

// Codes are checked against the lists in the service, which names the unknown ones.
export const applicationSchema = z.object({
  orgName: z.string().trim().min(1, { error: 'form.required' }).max(120),
  serves: z.string().trim().min(1, { error: 'form.required' }).max(2000),
  countries: codeList(true),
  languages: codeList(false),
  contactName: z.string().trim().min(1, { error: 'form.required' }).max(100),
  contactEmail: z.string().trim().toLowerCase().max(254).pipe(z.email({ error: 'form.invalidEmail' })),
  charter: z.literal('yes', { error: 'admission.charterRequired' }),
  // The spam trap: hidden from people, filled in by bots. Checked in the service.
  website: z.string().max(500).optional().default(''),
});

export type ApplicationInput = z.output<typeof applicationSchema>;
