import { z } from 'zod';

// A GET form sends every field, empty ones as ''. Empty means "no filter".
const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** A calendar day written yyyy-mm-dd that exists (no 2026-02-30). */
export function isCalendarDay(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

const day = z.string().trim().max(10, { error: 'admin.audit.dateInvalid' }).refine(isCalendarDay, { error: 'admin.audit.dateInvalid' });

export const auditQuerySchema = z
  .object({
    action: z.preprocess(blank, z.string().trim().max(100).optional()),
    email: z.preprocess(blank, z.string().trim().toLowerCase().max(254).pipe(z.email({ error: 'form.invalidEmail' })).optional()),
    org: z.preprocess(blank, z.string().trim().toLowerCase().max(40).optional()),
    from: z.preprocess(blank, day.optional()),
    to: z.preprocess(blank, day.optional()),
    before: z.preprocess(blank, z.coerce.number().int().positive().optional()),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { error: 'admin.audit.dateOrder', path: ['to'] });

export type AuditQuery = z.output<typeof auditQuerySchema>;
