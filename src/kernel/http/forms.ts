// Form and query parsing with zod, reported as field messages (i18n keys).
import type { z } from 'zod';
import { type FieldMessage, validationFailed } from '../errors.js';
import { catalogs, sourceLocale } from '../i18n/i18n.js';

const SECRET_FIELDS = /pass|secret|token|code|_csrf/i;

/** The submitted values worth showing again: strings only, never secrets. */
export function safeValues(body: unknown): Record<string, string> {
  if (!body || typeof body !== 'object') return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    if (SECRET_FIELDS.test(k)) continue;
    if (typeof v === 'string') out[k] = v.slice(0, 10_000);
  }
  return out;
}

function messageFor(issue: z.core.$ZodIssue): FieldMessage {
  if (issue.message && issue.message in catalogs[sourceLocale]!) return { key: issue.message };
  switch (issue.code) {
    case 'too_small':
      return Number(issue.minimum) <= 1 && issue.origin === 'string'
        ? { key: 'form.required' }
        : { key: 'form.tooShort', values: { min: Number(issue.minimum) } };
    case 'too_big':
      return { key: 'form.tooLong', values: { max: Number(issue.maximum) } };
    case 'invalid_format':
      return { key: issue.format === 'email' ? 'form.invalidEmail' : issue.format === 'url' ? 'form.invalidUrl' : 'form.invalid' };
    case 'invalid_value':
      return { key: 'form.invalidChoice' };
    case 'invalid_type':
      return { key: issue.input === undefined ? 'form.required' : 'form.invalid' };
    default:
      return { key: 'form.invalid' };
  }
}

/** Parse or throw a 422 whose details name each failing field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const fields: Record<string, FieldMessage> = {};
  for (const issue of result.error.issues) {
    const name = issue.path.map(String).join('.') || '_form';
    fields[name] ??= messageFor(issue);
  }
  throw validationFailed(fields);
}
