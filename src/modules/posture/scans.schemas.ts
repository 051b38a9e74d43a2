// What org-admins submit about assets and scans.
import { z } from 'zod';
import { AuditInputError, normalizeDomain } from '../../checks/audit-support.js';
import { VERIFY_METHODS } from './scans.tables.js';

/** Test-bed names and names that never exist publicly: refused unless HEARTH_NET_ALLOW_PRIVATE is on. */
export const RESERVED_SUFFIXES = ['test', 'localhost', 'invalid', 'example', 'local', 'internal', 'home.arpa', 'lan', 'onion'];

/** A domain as people type it (IDN, trailing dot, upper case) → its ASCII form, or a field error. */
export const domainField = z
  .string()
  .trim()
  .min(1, { error: 'form.required' })
  .max(253, { error: 'posture.asset.domainInvalid' })
  .transform((v, ctx) => {
    try {
      return normalizeDomain(v.replace(/^https?:\/\//i, '').replace(/\/.*$/, ''));
    } catch (err) {
      if (!(err instanceof AuditInputError)) throw err;
      ctx.addIssue({ code: 'custom', message: 'posture.asset.domainInvalid' });
      return z.NEVER;
    }
  });

/** A DKIM selector: labels of letters, digits, hyphens and underscores. */
export const SELECTOR = /^[A-Za-z0-9_-]{1,63}(\.[A-Za-z0-9_-]{1,63})*$/;

// Typed as one field (space- or comma-separated): its message belongs to that field.
const selectors = z
  .string()
  .max(400)
  .default('')
  .transform((v) => v.split(/[\s,]+/).filter(Boolean))
  .refine((list) => list.length <= 10 && list.every((x) => SELECTOR.test(x)), { error: 'posture.asset.selectorsInvalid' });

export const declareAssetSchema = z.object({ domain: domainField, dkimSelectors: selectors });
export type DeclareAssetInput = z.output<typeof declareAssetSchema>;

export const assetSettingsSchema = z.object({ dkimSelectors: selectors });
export type AssetSettingsInput = z.output<typeof assetSettingsSchema>;

export const verifySchema = z.object({ method: z.enum(VERIFY_METHODS, { error: 'form.invalidChoice' }) });
export type VerifyInput = z.output<typeof verifySchema>;

export const INTERVALS = [1, 7, 14, 30] as const;
export const scanSettingsSchema = z.object({
  intervalDays: z.coerce
    .number({ error: 'form.invalidChoice' })
    .int({ error: 'form.invalidChoice' })
    .refine((n) => (INTERVALS as readonly number[]).includes(n), { error: 'form.invalidChoice' }),
});
export type ScanSettingsInput = z.output<typeof scanSettingsSchema>;

export const confirmSchema = z.object({ confirm: z.literal('yes', { error: 'form.required' }) });
