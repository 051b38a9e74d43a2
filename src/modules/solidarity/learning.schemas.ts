// zod schemas for editing, cancelling and translating trainings, skills,
// mentorships and requests for a mentor: the forms' and the JSON API's.
// The services check what needs the database or a time zone.
import { z } from 'zod';
import { TEXT_MAX_LENGTH, TRANSLATOR_MAX_LENGTH, translationSchema } from '../../kernel/text/index.js';

const required = { error: 'form.required' };
const title = z.string().trim().min(1, required).max(200);
const description = z.string().trim().min(1, required).max(10_000);
const wall = z.string().trim().min(1, required).max(20);

// ── Forms ────────────────────────────────────────────────────────────────

export const trainingEditSchema = z.object({
  title,
  description,
  startsAt: wall,
  endsAt: wall,
  timeZone: z.string().trim().min(1, required).max(64),
  onlineUrl: z.string().trim().max(500).optional().default(''),
  place: z.string().trim().max(300).optional().default(''),
  languages: z.string().trim().max(200),
  capacity: z.string().trim().max(6).optional().default(''),
});

/** Cancelling asks for a confirmation; the note to registered people is optional. */
export const cancelTrainingSchema = z.object({
  confirm: z.literal('yes', { error: 'solidarity.training.confirmCancel' }),
  reason: z.string().trim().max(2000).optional().default(''),
});

/** The kernel's translation fields (language, body = the description, translator, machine) plus the title. */
export const trainingTranslationSchema = translationSchema.extend({ title });

export const askMentorSchema = z.object({
  org: z.string().trim().max(40).optional().default(''),
  skill: z.string().trim().min(1, required).max(40),
  languages: z.string().trim().max(200),
  goals: z.string().trim().min(1, required).max(2000),
});

export const takeUpSchema = z.object({ goals: z.string().trim().max(2000).optional().default('') });

export const AID_TEXT_FIELDS = ['purpose', 'report'] as const;
/** A translation of an aid request's purpose or of its report. */
export const aidTranslationSchema = translationSchema.extend({ field: z.enum(AID_TEXT_FIELDS, { error: 'form.invalidChoice' }) });

// ── JSON API ─────────────────────────────────────────────────────────────

const wallApi = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/)
  .describe("Wall-clock time in `timeZone`, yyyy-mm-ddThh:mm (e.g. 2030-03-10T18:30)");
const languagesApi = z.array(z.string().max(10)).min(1).max(20).describe('ISO 639-1 codes');

export const trainingApiSchema = z.object({
  org: z.string().max(40).nullable().optional().describe("The organising organisation's short name; null or absent for the federation (coordinators and admins)"),
  lang: z.string().max(10).describe('Language of the title and description (ISO 639-1)'),
  title: z.string().trim().min(1).max(200),
  description: z.string().trim().min(1).max(10_000).describe('Markdown'),
  startsAt: wallApi,
  endsAt: wallApi,
  timeZone: z.string().max(64).describe("The organiser's zone, e.g. America/Sao_Paulo"),
  onlineUrl: z.string().max(500).optional().describe('https only'),
  place: z.string().max(300).optional(),
  languages: languagesApi.describe('Languages spoken (ISO 639-1)'),
  capacity: z.number().int().min(1).max(100_000).nullable().optional().describe('null or absent: no limit'),
});

export const trainingPatchApiSchema = z.object({
  title: z.string().trim().min(1).max(200).optional().describe('In its original language'),
  description: z.string().trim().min(1).max(10_000).optional().describe('In its original language'),
  startsAt: wallApi.optional(),
  endsAt: wallApi.optional(),
  timeZone: z.string().max(64).optional().describe('Given alone, the same wall-clock times are read in the new zone'),
  onlineUrl: z.string().max(500).optional().describe("'' removes it"),
  place: z.string().max(300).optional().describe("'' removes it"),
  languages: languagesApi.optional(),
  capacity: z.number().int().min(1).max(100_000).nullable().optional().describe('null: no limit'),
});

export const cancelTrainingApiSchema = z.object({ reason: z.string().max(2000).optional().default('').describe('Sent to registered people beside the notice') });

export const trainingTranslationApiSchema = z.object({
  title: z.string().trim().min(1).max(200),
  description: z.string().trim().min(1).max(TEXT_MAX_LENGTH),
  translator: z.string().max(TRANSLATOR_MAX_LENGTH).nullable().optional().describe('Who translated it, credited under the text'),
  machine: z.boolean().optional().describe('A machine translation, shown as such'),
});

export const skillApiSchema = z.object({
  org: z.string().max(40).optional().describe("An organisation's short name (its org-admins); absent for your own"),
  languages: languagesApi.describe('Languages it can be taught or learnt in'),
  note: z.string().max(500).optional().default(''),
});

export const startMentorshipApiSchema = z.object({
  menteeId: z.string().min(1).max(40).describe('A person who said they need the skill'),
  skill: z.string().min(1).max(40).describe('A skill you offer'),
  goals: z.string().trim().min(1).max(2000),
});

export const sessionApiSchema = z.object({ heldOn: z.string().max(10).describe('yyyy-mm-dd'), note: z.string().trim().min(1).max(2000) });
export const endMentorshipApiSchema = z.object({ endNote: z.string().trim().min(1).max(2000) });

export const askMentorApiSchema = z.object({
  org: z.string().max(40).optional().describe("Ask on behalf of this organisation (its org-admins); absent for yourself"),
  skill: z.string().min(1).max(40),
  languages: languagesApi.describe('Languages you can work in'),
  goals: z.string().trim().min(1).max(2000),
});

export const takeUpApiSchema = z.object({ goals: z.string().max(2000).optional().describe("The mentorship's goals; absent: the request's") });

export const textTranslationApiSchema = z.object({
  body: z.string().trim().min(1).max(TEXT_MAX_LENGTH),
  translator: z.string().max(TRANSLATOR_MAX_LENGTH).nullable().optional().describe('Who translated it, credited under the text'),
  machine: z.boolean().optional().describe('A machine translation, shown as such'),
});
