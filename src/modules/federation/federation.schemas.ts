import { z } from 'zod';

export const slugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(2, { error: 'org.slugInvalid' })
  .max(40, { error: 'org.slugInvalid' })
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, { error: 'org.slugInvalid' });

export const createOrgSchema = z.object({
  name: z.string().trim().min(1, { error: 'form.required' }).max(120),
  slug: slugSchema,
});

export const roleSchema = z.enum(['org_admin', 'member'], { error: 'form.invalidChoice' });

export const inviteSchema = z.object({
  email: z.string().trim().toLowerCase().max(254).pipe(z.email({ error: 'form.invalidEmail' })),
  role: roleSchema,
});

export const memberRoleSchema = z.object({ role: roleSchema });

export type CreateOrgInput = z.output<typeof createOrgSchema>;
export type InviteInput = z.output<typeof inviteSchema>;
