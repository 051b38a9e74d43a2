// Driver errors → AppError, in one place (SQLite and PostgreSQL word them differently).
import { AppError } from '../errors.js';

interface DriverError {
  code?: string;
  message?: string;
  detail?: string;
  constraint?: string;
}

/** Column named by a unique violation, or undefined when the error is something else. */
export function uniqueViolationColumn(err: unknown): string | undefined {
  const e = err as DriverError;
  if (e?.code === '23505') {
    const m = /Key \(([^)]+)\)=/.exec(e.detail ?? '');
    return m?.[1]?.split(',').pop()?.trim() ?? e.constraint ?? 'unknown';
  }
  if (e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    const m = /constraint failed: (.+)$/.exec(e.message ?? '');
    return m?.[1]?.split(',').pop()?.trim().split('.').pop() ?? 'unknown';
  }
  return undefined;
}

export function isForeignKeyViolation(err: unknown): boolean {
  const e = err as DriverError;
  return e?.code === '23503' || e?.code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

/**
 * Translate a driver error into an AppError when it is one a person caused
 * (a duplicate value); everything else is rethrown untouched.
 * `fields` maps a column to the form field and error code to report.
 */
export function translateDbError(err: unknown, fields: Record<string, { field: string; code: string }> = {}): never {
  const column = uniqueViolationColumn(err);
  if (column !== undefined) {
    const known = fields[column];
    const code = known?.code ?? 'ALREADY_EXISTS';
    const field = known?.field ?? column;
    throw new AppError(code, 409, { fields: { [field]: { key: `error.${code}` } } });
  }
  throw err;
}
