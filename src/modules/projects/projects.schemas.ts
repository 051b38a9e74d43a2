import { z } from 'zod';
import { isLanguage, TEXT_MAX_LENGTH, TRANSLATOR_MAX_LENGTH } from '../../kernel/text/index.js';
import { slugSchema } from '../federation/federation.schemas.js';

const lang = z
  .string()
  .trim()
  .toLowerCase()
  .refine((v) => isLanguage(v), { error: 'error.TEXT_UNKNOWN_LANGUAGE' })
  .describe('ISO 639-1 code');
const name = z.string().trim().min(1, { error: 'form.required' }).max(120);
const description = z.string().trim().min(1, { error: 'form.required' }).max(TEXT_MAX_LENGTH).describe('Markdown');
const status = z.enum(['idea', 'active', 'paused', 'done'], { error: 'form.invalidChoice' });
const orgSlug = z.string().trim().min(1, { error: 'form.required' }).max(40).describe("An organisation's short name");
// A real calendar day, yyyy-mm-dd.
const day = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'projects.dayInvalid' })
  .refine((d) => {
    const t = new Date(`${d}T00:00:00Z`);
    return !Number.isNaN(t.getTime()) && t.toISOString().startsWith(d);
  }, { error: 'projects.dayInvalid' })
  .describe('yyyy-mm-dd');
const milestoneTitle = z.string().trim().min(1, { error: 'form.required' }).max(200);

export const newProjectSchema = z.object({
  org: orgSlug.describe('The organisation that starts and coordinates it'),
  name,
  slug: slugSchema.describe('Short name for addresses'),
  status: status.optional().default('idea'),
  lang,
  description,
});

export const editProjectSchema = z.object({ name, status, description });
export const editProjectApiSchema = z.object({ name: name.optional(), status: status.optional(), description: description.optional().describe('The original (source) version') });

export const projectTranslationApiSchema = z.object({
  body: description,
  translator: z.string().trim().max(TRANSLATOR_MAX_LENGTH).nullable().optional(),
  machine: z.boolean().optional(),
});

export const joinSchema = z.object({ org: orgSlug });
export const roleSchema = z.object({ role: z.enum(['coordinator', 'participant'], { error: 'form.invalidChoice' }) });
export const contactSchema = z.object({ personId: z.string().trim().min(1, { error: 'form.required' }).max(40) });
export const milestoneSchema = z.object({ title: milestoneTitle, dueOn: day });
export const milestoneDoneSchema = z.object({ done: z.enum(['yes', 'no'], { error: 'form.invalidChoice' }) });
export const milestonePatchSchema = z.object({ title: milestoneTitle.optional(), dueOn: day.optional(), done: z.boolean().optional() });
export const proposalLinkSchema = z.object({ proposalId: z.string().trim().min(1, { error: 'form.required' }).max(40) });
export const confirmSchema = z.object({ confirm: z.literal('yes', { error: 'form.required' }) });

export type NewProjectInput = z.output<typeof newProjectSchema>;
export type EditProjectInput = z.output<typeof editProjectApiSchema>;
export type MilestoneInput = z.output<typeof milestoneSchema>;
export type MilestonePatch = z.output<typeof milestonePatchSchema>;
