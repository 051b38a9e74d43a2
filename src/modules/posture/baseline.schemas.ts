// Input of the baseline side of posture: forms and JSON bodies.
import { z } from 'zod';
import { isLanguage, translationSchema } from '../../kernel/text/index.js';
import { TEXT_FIELDS } from './baseline/index.js';
import { ANSWERS, VISIBILITIES } from './baseline.tables.js';

export const NOTE_MAX = 2_000;
export const URL_MAX = 500;

/** An evidence link: http or https only (no javascript:, data:, file: or mailto:), nothing else stored. */
export function isHttpUrl(value: string): boolean {
  if (value.length > URL_MAX) return false;
  try {
    const u = new URL(value);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
}

const note = z.string().trim().max(NOTE_MAX).optional().default('');
const evidenceUrl = z
  .string()
  .trim()
  .max(URL_MAX, { error: 'error.POSTURE_EVIDENCE_URL' })
  .optional()
  .default('')
  .refine((v) => v === '' || isHttpUrl(v), { error: 'error.POSTURE_EVIDENCE_URL' });

export const answerSchema = z.object({
  answer: z.enum(ANSWERS, { error: 'baseline.answer.choose' }),
  note,
  evidenceUrl,
});
export type AnswerInput = z.output<typeof answerSchema>;

export const answerApiSchema = z.object({
  answer: z.enum(ANSWERS).describe('yes, partly, no, or na (not applicable)'),
  note: z.string().trim().max(NOTE_MAX).optional().describe('What the organisation does, or plans to do'),
  evidenceUrl: z.string().trim().max(URL_MAX).optional().describe('A link to evidence: http or https only'),
});

export const visibilitySchema = z.object({ visibility: z.enum(VISIBILITIES, { error: 'form.invalidChoice' }) });

const langField = z
  .string()
  .trim()
  .toLowerCase()
  .max(10)
  .refine((v) => isLanguage(v), { error: 'error.TEXT_UNKNOWN_LANGUAGE' });

export const helpRequestSchema = z.object({ note, lang: langField.optional() });
export type HelpRequestInput = z.output<typeof helpRequestSchema>;

export const helpRequestApiSchema = z.object({
  practiceId: z.string().max(60),
  note: z.string().trim().max(NOTE_MAX).optional(),
  lang: z.string().max(10).optional().describe('The language of the note (ISO 639-1); the caller’s language by default'),
});

export const offerSchema = z.object({
  org: z.string().trim().min(1, { error: 'baseline.help.chooseOrg' }).max(60),
  message: note,
});
export type OfferInput = z.output<typeof offerSchema>;

export const closeRequestSchema = z.object({ outcome: z.enum(['resolved', 'withdrawn'], { error: 'form.invalidChoice' }) });

/** Checkboxes named `practice`: absent, one value, or several. */
export const canHelpSchema = z.object({
  practice: z
    .union([z.string().max(60), z.array(z.string().max(60)).max(200)])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v])),
});

export const canHelpApiSchema = z.object({ practiceIds: z.array(z.string().max(60)).max(200).describe('Every practice your organisation can help others with') });

/** A translation of one text of a practice: the kernel's translation fields plus which text. */
export const practiceTranslationSchema = translationSchema.extend({ field: z.enum(TEXT_FIELDS, { error: 'form.invalidChoice' }) });
export type PracticeTranslationInput = z.output<typeof practiceTranslationSchema>;

export const practiceTranslationApiSchema = z.object({
  body: z.string().trim().min(1).max(50_000).describe('Markdown for the guide; plain text otherwise'),
  translator: z.string().trim().max(120).optional(),
  machine: z.boolean().optional(),
});

/** A baseline change as the JSON API takes it; the rules of added or updated practices come from the shipped catalogue. */
export const changeOpSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('add'), practiceId: z.string().max(60), weight: z.number().int().min(1).max(3).optional() }),
  z.object({ op: z.literal('retire'), practiceId: z.string().max(60) }),
  z.object({ op: z.literal('weight'), practiceId: z.string().max(60), weight: z.number().int().min(1).max(3) }),
  z.object({ op: z.literal('update'), practiceId: z.string().max(60) }),
]);
export type ChangeOp = z.output<typeof changeOpSchema>;
