import { z } from 'zod';

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

export const peopleQuerySchema = z.object({
  q: z.preprocess(blank, z.string().trim().max(100).optional()),
  after: z.preprocess(blank, z.string().max(254).optional()),
});

/** 'none' in the form is "no federation role". */
export const fedRoleSchema = z.object({
  role: z.enum(['none', 'coordinator', 'admin'], { error: 'form.invalidChoice' }).transform((r) => (r === 'none' ? null : r)),
});

export const confirmSchema = z.object({ confirm: z.literal('yes') });

export type PeopleQuery = z.output<typeof peopleQuerySchema>;
