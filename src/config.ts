// The only reader of the environment. Every setting is parsed here once,
// every problem is reported at the same time, and the result is frozen.
import { z } from 'zod';

const bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'])
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

const port = z.coerce.number().int().min(0).max(65535);

const schema = z.object({
  HEARTH_PORT: port.default(8080),
  HEARTH_HOST: z.string().min(1).default('localhost'),
  HEARTH_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  DATABASE_URL: z
    .string()
    .regex(/^(sqlite:.+|postgres(ql)?:\/\/.+)$/, 'must be sqlite:PATH or postgres://…')
    .default('sqlite:./data/hearth.sqlite'),
  HEARTH_TRUST_PROXY: z.string().default(''),
  HEARTH_HSTS: z.enum(['auto', 'on', 'off']).default('auto'),
  HEARTH_METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  HEARTH_SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  HEARTH_MAIL_FROM: z.string().min(3).default('Hearth <hearth@localhost>'),
  HEARTH_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HEARTH_SESSION_IDLE_MINUTES: z.coerce.number().int().min(5).max(60 * 24 * 30).default(60 * 24 * 2),
  HEARTH_SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(24 * 90).default(24 * 14),
  HEARTH_JOBS: bool.default(true),
  HEARTH_DEFAULT_LOCALE: z.string().default('en'),
  HEARTH_DEFAULT_TIMEZONE: z.string().default('UTC'),
  HEARTH_NET_ALLOW_PRIVATE: bool.default(false),
});

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly baseUrl: string;
  readonly secure: boolean;
  readonly databaseUrl: string;
  readonly trustProxy: boolean | string[];
  readonly hsts: 'auto' | 'on' | 'off';
  readonly metricsToken: string | undefined;
  readonly smtpUrl: string | undefined;
  readonly mailFrom: string;
  readonly logLevel: string;
  readonly sessionIdleMs: number;
  readonly sessionMaxMs: number;
  readonly jobs: boolean;
  readonly defaultLocale: string;
  readonly defaultTimeZone: string;
  /** Test beds only: outbound requests may reach loopback and private addresses. */
  readonly netAllowPrivate: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration: ${problems.join('; ')}`);
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings mean "unset" so that `FOO= hearth serve` falls back to defaults.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const baseUrl = (e.HEARTH_BASE_URL ?? `http://localhost:${e.HEARTH_PORT}`).replace(/\/+$/, '');
  const trust = e.HEARTH_TRUST_PROXY.trim();
  return Object.freeze({
    port: e.HEARTH_PORT,
    host: e.HEARTH_HOST,
    baseUrl,
    secure: baseUrl.startsWith('https:'),
    databaseUrl: e.DATABASE_URL,
    trustProxy: trust === '' ? false : trust === 'true' ? true : trust.split(',').map((s) => s.trim()),
    hsts: e.HEARTH_HSTS,
    metricsToken: e.HEARTH_METRICS_TOKEN,
    smtpUrl: e.HEARTH_SMTP_URL,
    mailFrom: e.HEARTH_MAIL_FROM,
    logLevel: e.HEARTH_LOG_LEVEL,
    sessionIdleMs: e.HEARTH_SESSION_IDLE_MINUTES * 60_000,
    sessionMaxMs: e.HEARTH_SESSION_MAX_HOURS * 3_600_000,
    jobs: e.HEARTH_JOBS,
    defaultLocale: e.HEARTH_DEFAULT_LOCALE,
    defaultTimeZone: e.HEARTH_DEFAULT_TIMEZONE,
    netAllowPrivate: e.HEARTH_NET_ALLOW_PRIVATE,
  });
}

/** Variables documented in the README; kept here so the docs test can compare. */
export const configKeys = Object.keys(schema.shape);
