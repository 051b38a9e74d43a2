import { z } from 'zod';
import { isLanguage } from './languages.js';
import { TEXT_MAX_LENGTH, TRANSLATOR_MAX_LENGTH } from './text.service.js';

/** The fields <TranslationFields> posts: language, body, translator, machine. */
export const translationSchema = z.object({
  lang: z
    .string()
    .trim()
    .toLowerCase()
    .refine((v) => isLanguage(v), { error: 'error.TEXT_UNKNOWN_LANGUAGE' }),
  body: z.string().trim().min(1, { error: 'form.required' }).max(TEXT_MAX_LENGTH),
  translator: z
    .string()
    .trim()
    .max(TRANSLATOR_MAX_LENGTH)
    .optional()
    .transform((v) => (v ? v : null)),
  machine: z
    .literal('yes')
    .optional()
    .transform((v) => v === 'yes'),
});

export type TranslationInput = z.output<typeof translationSchema>;
