// zod input schemas for forms and the JSON API. Amounts stay strings here: only
// the service knows the currency's precision, and refuses "12.345 EUR" itself.
import { z } from 'zod';
import { isLanguage } from '../../kernel/text/index.js';
import { urgencies } from './solidarity.tables.js';

export const INCOME_CATEGORIES = ['dues', 'donations', 'outside_grants', 'other'] as const;
export const EXPENSE_CATEGORIES = ['hosting', 'fees', 'travel', 'events', 'services', 'other'] as const;
export type IncomeCategory = (typeof INCOME_CATEGORIES)[number];
export type ExpenseCategory = (typeof EXPENSE_CATEGORIES)[number];

const required = { error: 'form.required' };
/** A form's hidden key, or an API client's: letters, digits and - _ : . only. */
export const keySchema = z
  .string()
  .trim()
  .min(8, { error: 'error.LEDGER_KEY_INVALID' })
  .max(100, { error: 'error.LEDGER_KEY_INVALID' })
  .regex(/^[A-Za-z0-9_.:-]+$/, { error: 'error.LEDGER_KEY_INVALID' });
const currency = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, { error: 'error.LEDGER_CURRENCY_UNKNOWN' });
const amount = z.string().trim().min(1, required).max(40);
const day = z.string().trim().min(1, required).max(10);
const reference = z.string().trim().max(300).optional().default('');
const memo = z.string().trim().max(1000).optional().default('');
const langSchema = z
  .string()
  .trim()
  .toLowerCase()
  .refine((v) => isLanguage(v), { error: 'error.TEXT_UNKNOWN_LANGUAGE' });
const yes = z
  .union([z.literal('yes'), z.literal(''), z.boolean()])
  .optional()
  .transform((v) => v === 'yes' || v === true);

export const incomeSchema = z.object({
  key: keySchema,
  category: z.enum(INCOME_CATEGORIES, { error: 'form.invalidChoice' }),
  /** For dues: the paying organisation's short name. */
  org: z.string().trim().max(40).optional().default(''),
  currency,
  amount,
  occurredOn: day,
  reference,
  memo,
});
export type IncomeInput = z.output<typeof incomeSchema>;

export const expenseSchema = z.object({
  key: keySchema,
  category: z.enum(EXPENSE_CATEGORIES, { error: 'form.invalidChoice' }),
  currency,
  amount,
  occurredOn: day,
  reference,
  memo,
});
export type ExpenseInput = z.output<typeof expenseSchema>;

export const exchangeSchema = z.object({
  key: keySchema,
  fromCurrency: currency,
  fromAmount: amount,
  toCurrency: currency,
  toAmount: amount,
  occurredOn: day,
  reference,
  memo,
});
export type ExchangeInput = z.output<typeof exchangeSchema>;

export const reverseSchema = z.object({
  key: keySchema,
  memo: z.string().trim().min(1, required).max(1000),
});
export type ReverseInput = z.output<typeof reverseSchema>;

export const treasurerSchema = z.object({ email: z.string().trim().toLowerCase().min(1, required).max(254) });

export const thresholdSchema = z.object({
  thresholdCurrency: currency,
  // '' removes the threshold: every disbursement in that currency then needs two treasurers.
  threshold: z.string().trim().max(40).optional().default(''),
});

export const bandSchema = z.object({
  name: z.string().trim().min(1, required).max(120),
  basis: z.enum(['budget', 'ppp'], { error: 'form.invalidChoice' }),
  budgetMin: z.string().trim().max(40).optional().default(''),
  budgetMax: z.string().trim().max(40).optional().default(''),
  pppGroup: z.string().trim().max(2).optional().default(''),
  currency,
  suggested: amount,
  period: z.enum(['year', 'quarter', 'month'], { error: 'form.invalidChoice' }),
});
export type BandInput = z.output<typeof bandSchema>;

export const duesChoiceSchema = z.object({
  band: z.string().trim().min(1, { error: 'solidarity.dues.chooseBand' }).max(40),
  undisclosed: yes,
});
export type DuesChoiceInput = z.output<typeof duesChoiceSchema>;

export const aidRequestSchema = z.object({
  org: z.string().trim().min(1, required).max(40),
  title: z.string().trim().min(1, required).max(200),
  lang: langSchema,
  purpose: z.string().trim().min(1, required).max(10_000),
  currency,
  amount,
  urgency: z.enum(urgencies, { error: 'form.invalidChoice' }),
  timeline: z.string().trim().min(1, required).max(2000),
  reportPlan: z.string().trim().min(1, required).max(2000),
  undisclosed: yes,
});
export type AidRequestInput = z.output<typeof aidRequestSchema>;

export const disbursementSchema = z.object({
  key: keySchema,
  amount,
  occurredOn: day,
  reference,
  memo,
});
export type DisbursementInput = z.output<typeof disbursementSchema>;

export const reportSchema = z.object({
  lang: langSchema,
  report: z.string().trim().min(1, required).max(10_000),
});
export type ReportInput = z.output<typeof reportSchema>;

export const confirmSchema = z.object({ confirm: z.literal('yes', { error: 'form.required' }) });
