// Input schemas of the voices module (forms and JSON), and their inferred types.
import { z } from 'zod';
import { isLanguage, TEXT_MAX_LENGTH } from '../../kernel/text/index.js';
import { NEED_STATUSES, QUESTION_KINDS, type NeedStatus, type QuestionKind } from './voices.tables.js';

export const TITLE_MAX = 200;
export const PROMPT_MAX = 1000;
export const CHOICE_MAX = 200;
export const CHOICES_MAX = 30;
export const SCALE_LABEL_MAX = 100;
/** The longest free-text answer to one question. */
export const ANSWER_MAX = 5000;
export const QUOTE_MAX = 1000;
export const TAG_MAX = 40;
export const TAGS_MAX = 12;
export const BUDGET_MAX = 100_000;

const lang = z
  .string()
  .trim()
  .toLowerCase()
  .refine((v) => isLanguage(v), { error: 'error.TEXT_UNKNOWN_LANGUAGE' });
const yes = z
  .union([z.literal('yes'), z.boolean()])
  .optional()
  .transform((v) => v === 'yes' || v === true);
/** A calendar day, yyyy-mm-dd, or empty for none. */
const day = z
  .string()
  .trim()
  .regex(/^(\d{4}-\d{2}-\d{2})?$/, { error: 'form.invalid' })
  .refine((v) => v === '' || !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), { error: 'form.invalid' })
  .optional()
  .transform((v) => (v ? v : null));

/** Tags typed as "housing, tor, e-mail": lower case, letters, digits, - and _ only. */
export const tagsField = z
  .string()
  .max(TAGS_MAX * (TAG_MAX + 2))
  .optional()
  .transform((v, ctx) => {
    const tags = [...new Set((v ?? '').split(/[,\n]/).map((t) => t.trim().toLowerCase().replace(/\s+/g, '-')).filter(Boolean))];
    if (tags.length > TAGS_MAX || tags.some((t) => t.length > TAG_MAX || !/^[\p{L}\p{N}_-]+$/u.test(t))) {
      ctx.addIssue({ code: 'custom', message: 'voices.tags.invalid' });
      return z.NEVER;
    }
    return tags;
  });

const campaignFields = {
  title: z.string().trim().min(1, { error: 'form.required' }).max(TITLE_MAX),
  intro: z.string().trim().max(TEXT_MAX_LENGTH).optional().default(''),
  access: z.enum(['public', 'private']).default('public'),
  moderated: yes,
  opensOn: day,
  closesOn: day,
  hourlyBudget: z.coerce.number().int().min(1).max(BUDGET_MAX).default(1000),
};

export const newCampaignSchema = z.object({ ...campaignFields, lang }).refine((v) => !v.opensOn || !v.closesOn || v.opensOn <= v.closesOn, {
  path: ['closesOn'],
  error: 'voices.campaign.closesBeforeOpens',
});
export type NewCampaignInput = z.output<typeof newCampaignSchema>;

export const editCampaignSchema = z.object(campaignFields).refine((v) => !v.opensOn || !v.closesOn || v.opensOn <= v.closesOn, {
  path: ['closesOn'],
  error: 'voices.campaign.closesBeforeOpens',
});
export type EditCampaignInput = z.output<typeof editCampaignSchema>;

export const questionSchema = z
  .object({
    kind: z.enum(QUESTION_KINDS as [QuestionKind, ...QuestionKind[]]),
    required: yes,
    prompt: z.string().trim().min(1, { error: 'form.required' }).max(PROMPT_MAX),
    /** One choice per line (single and multiple choice). */
    choices: z.union([z.string().max(CHOICES_MAX * (CHOICE_MAX + 2)), z.array(z.string().max(CHOICE_MAX)).max(CHOICES_MAX)]).optional(),
    low: z.string().trim().max(SCALE_LABEL_MAX).optional().default(''),
    high: z.string().trim().max(SCALE_LABEL_MAX).optional().default(''),
  })
  .transform((v, ctx) => {
    const list = (typeof v.choices === 'string' ? v.choices.split(/\r?\n/) : (v.choices ?? [])).map((c) => c.trim()).filter(Boolean);
    if (v.kind === 'single' || v.kind === 'multiple') {
      if (list.length < 2) ctx.addIssue({ code: 'custom', path: ['choices'], message: 'voices.question.twoChoices' });
      if (list.length > CHOICES_MAX || list.some((c) => c.length > CHOICE_MAX)) ctx.addIssue({ code: 'custom', path: ['choices'], message: 'voices.question.choicesTooMany' });
    }
    return { kind: v.kind, required: v.required, prompt: v.prompt, choices: v.kind === 'single' || v.kind === 'multiple' ? list : [], low: v.low, high: v.high };
  });
export type QuestionInput = z.output<typeof questionSchema>;

export const answerStatusSchema = z.object({ status: z.enum(['pending', 'accepted', 'spam']) });
export const answerTagsSchema = z.object({ tags: tagsField });

export const quoteSchema = z.object({
  questionId: z.string().min(1).max(40),
  excerpt: z.string().trim().min(1, { error: 'form.required' }).max(QUOTE_MAX),
});
export type QuoteInput = z.output<typeof quoteSchema>;

const needFields = {
  title: z.string().trim().min(1, { error: 'form.required' }).max(TITLE_MAX),
  description: z.string().trim().max(TEXT_MAX_LENGTH).optional().default(''),
  tags: tagsField,
};
export const newNeedSchema = z.object({ ...needFields, lang });
export type NewNeedInput = z.output<typeof newNeedSchema>;

export const editNeedSchema = z
  .object({
    ...needFields,
    status: z.enum(NEED_STATUSES as [NeedStatus, ...NeedStatus[]]),
    reason: z.string().trim().max(TEXT_MAX_LENGTH).optional().default(''),
  })
  .refine((v) => v.status !== 'declined' || v.reason !== '', { path: ['reason'], error: 'error.VOICES_REASON_REQUIRED' });
export type EditNeedInput = z.output<typeof editNeedSchema>;

/** From an answer's page: back an existing need (its id), or start one ('new' with a title). */
export const linkNeedSchema = z
  .object({
    need: z.string().min(1, { error: 'form.required' }).max(40),
    title: z.string().trim().max(TITLE_MAX).optional().default(''),
    description: z.string().trim().max(TEXT_MAX_LENGTH).optional().default(''),
    tags: tagsField,
    lang: z.string().trim().toLowerCase().optional().default(''),
  })
  .superRefine((v, ctx) => {
    if (v.need !== 'new') return;
    if (v.title === '') ctx.addIssue({ code: 'custom', path: ['title'], message: 'form.required' });
    if (!isLanguage(v.lang)) ctx.addIssue({ code: 'custom', path: ['lang'], message: 'error.TEXT_UNKNOWN_LANGUAGE' });
  });
export type LinkNeedInput = z.output<typeof linkNeedSchema>;

export const mergeNeedSchema = z.object({ into: z.string().min(1).max(40) });
export const projectLinkSchema = z.object({ project: z.string().trim().min(1, { error: 'form.required' }).max(40) });
export const proposalLinkSchema = z.object({ proposalId: z.string().trim().min(1, { error: 'form.required' }).max(40) });
export const moderatorSchema = z.object({ person: z.string().min(1, { error: 'form.required' }).max(40) });
export const confirmSchema = z.object({ confirm: z.literal('yes', { error: 'form.required' }) });
