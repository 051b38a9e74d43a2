import { z } from 'zod';
import { isLanguage, TEXT_MAX_LENGTH, TRANSLATOR_MAX_LENGTH } from '../../kernel/text/index.js';

export const TITLE_MAX = 200;

const lang = z
  .string()
  .trim()
  .toLowerCase()
  .refine((v) => isLanguage(v), { error: 'error.TEXT_UNKNOWN_LANGUAGE' })
  .describe('ISO 639-1 code of the language this version is written in');
const title = z.string().trim().min(1, { error: 'form.required' }).max(TITLE_MAX);
const body = z.string().trim().min(1, { error: 'form.required' }).max(TEXT_MAX_LENGTH).describe('Markdown');
const translator = z.string().trim().max(TRANSLATOR_MAX_LENGTH);

/** The form: `org` is an organisation's short name, or empty for the whole federation. */
export const newAnnouncementFormSchema = z.object({
  org: z.string().trim().max(40).optional().default(''),
  lang,
  title,
  body,
});

export const newAnnouncementApiSchema = z.object({
  org: z.string().max(40).nullable().describe("An organisation's short name, or null for a federation-wide announcement"),
  lang,
  title,
  body,
});

export const editAnnouncementSchema = z.object({ title, body });

export const announcementTranslationFormSchema = z.object({
  lang,
  title,
  body,
  translator: translator.optional().transform((v) => (v ? v : null)),
  machine: z
    .literal('yes')
    .optional()
    .transform((v) => v === 'yes'),
});

export const announcementTranslationApiSchema = z.object({
  title,
  body,
  translator: translator.nullable().optional().describe('Who translated it, credited under the text'),
  machine: z.boolean().optional().describe('A machine translation: credited apart from human work'),
});

export const confirmSchema = z.object({ confirm: z.literal('yes', { error: 'form.required' }) });

export type NewAnnouncementInput = { org: string | null; lang: string; title: string; body: string };
export type EditAnnouncementInput = z.output<typeof editAnnouncementSchema>;
export type AnnouncementTranslationInput = { lang: string; title: string; body: string; translator: string | null; machine: boolean };
