import { z } from 'zod';
import { isLanguage, translationSchema } from '../../kernel/text/index.js';
import { positionKinds, type ProposalKind } from './governance.tables.js';
import { isTimeZone, parseWallTime, zonedToInstant } from './governance.time.js';

export const TITLE_MAX = 200;
export const BODY_MAX = 20_000;
export const REASON_MAX = 2_000;
export const COMMENT_MAX = 10_000;

const required = { error: 'form.required' };
export const langSchema = z.string().trim().toLowerCase().refine((v) => isLanguage(v), { error: 'error.TEXT_UNKNOWN_LANGUAGE' });
const timeZoneSchema = z.string().trim().max(64).refine((v) => isTimeZone(v), { error: 'gov.form.timeZoneInvalid' });
const title = z.string().trim().min(1, required).max(TITLE_MAX);
const body = z.string().trim().min(1, required).max(BODY_MAX);

/** Kinds anyone allowed may open directly; admissions are opened from an application. */
export const openableKinds = ['general', 'funding', 'baseline_change'] as const satisfies readonly ProposalKind[];

/** What the services take: instants already resolved from the author's zone. */
export interface CreateProposalInput {
  title: string;
  body: string;
  lang: string;
  kind: ProposalKind;
  authorOrgId: string | null;
  opensAt: Date | undefined;
  closesAt: Date;
  timeZone: string;
}

const wallTime = z.string().trim().max(40);
const timeFields = {
  // Each field checked on its own, so every mistake shows at once.
  opensAt: wallTime.optional().default('').refine((v) => v === '' || !!parseWallTime(v), { error: 'gov.form.timeInvalid' }),
  closesAt: wallTime.min(1, required).refine((v) => !!parseWallTime(v), { error: 'gov.form.timeInvalid' }),
  timeZone: timeZoneSchema,
};

/** Wall-clock times of a form (already checked), resolved in the chosen zone. */
function resolveTimes(v: { opensAt: string; closesAt: string; timeZone: string }) {
  const opens = v.opensAt === '' ? undefined : parseWallTime(v.opensAt);
  return {
    opensAt: opens ? zonedToInstant(opens, v.timeZone) : undefined,
    closesAt: zonedToInstant(parseWallTime(v.closesAt)!, v.timeZone),
    timeZone: v.timeZone,
  };
}

/**
 * Title, body, language and times: the fields <ProposalFields> posts. Modules
 * that open proposals of their own kind (admissions) parse their form with it.
 */
export const proposalFieldsSchema = z.object({ title, body, lang: langSchema, ...timeFields }).transform((v) => ({
  title: v.title,
  body: v.body,
  lang: v.lang,
  ...resolveTimes(v),
}));

export const proposalFormSchema = z
  .object({
    title,
    body,
    lang: langSchema,
    kind: z.enum(openableKinds, { error: 'form.invalidChoice' }),
    // '' is the federation as a whole.
    authorOrg: z.string().trim().max(40).optional().default(''),
    ...timeFields,
  })
  .transform(
    (v): CreateProposalInput => ({
      title: v.title,
      body: v.body,
      lang: v.lang,
      kind: v.kind,
      authorOrgId: v.authorOrg === '' ? null : v.authorOrg,
      ...resolveTimes(v),
    }),
  );

/** The JSON API takes instants with their offset; the zone only tells readers where the author is. */
export const proposalApiSchema = z.object({
  title,
  body,
  lang: langSchema,
  kind: z.enum(openableKinds),
  authorOrgId: z.string().max(40).nullable().optional(),
  opensAt: z.iso.datetime({ offset: true }).optional(),
  closesAt: z.iso.datetime({ offset: true }),
  timeZone: timeZoneSchema.optional(),
});

export const positionFormSchema = z.object({
  org: z.string().trim().min(1, required).max(40),
  position: z.enum(positionKinds, { error: 'gov.form.choosePosition' }),
  reason: z.string().trim().max(REASON_MAX).optional().default(''),
});

export const positionApiSchema = z.object({
  orgId: z.string().min(1).max(40),
  position: z.enum(positionKinds),
  reason: z.string().trim().max(REASON_MAX).optional(),
});

export interface PositionInput {
  orgId: string;
  position: (typeof positionKinds)[number];
  reason: string;
}

export const outcomeFormSchema = z.object({
  lang: langSchema,
  statement: z.string().trim().min(1, required).max(BODY_MAX),
});

/** A translation of title and body: the kernel's translation fields plus the title. */
export const translationFormSchema = translationSchema.extend({ title });

export const commentFormSchema = z.object({
  body: z.string().trim().min(1, required).max(COMMENT_MAX),
});

export const commentEditSchema = commentFormSchema.extend({
  version: z.coerce.number().int().min(1),
});

export const delegateFormSchema = z.object({
  person: z.string().trim().min(1, { error: 'gov.delegates.choose' }).max(40),
});

export const quorumFormSchema = z.object({
  // '' returns to the default (half of the active organisations).
  quorum: z
    .string()
    .trim()
    .max(6)
    .regex(/^(\d{1,4})?$/, { error: 'gov.settings.quorumInvalid' })
    .transform((v) => (v === '' ? null : Number(v)))
    .refine((v) => v === null || v >= 1, { error: 'gov.settings.quorumInvalid' }),
});

export type CommentInput = z.output<typeof commentFormSchema>;
export type OutcomeInput = z.output<typeof outcomeFormSchema>;
export type TranslationInput = z.output<typeof translationFormSchema>;
