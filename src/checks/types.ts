// The check engine's shared vocabulary. Pure data: no database, no HTTP server.
// Every check module (tls/ cert/ http/ dns/ mail/ ipv6/) produces CheckResults.
import type { ConnectionLimiter } from './net/limiter.js';

export type Status = 'pass' | 'warn' | 'fail' | 'info' | 'error';
export type Category = 'tls' | 'cert' | 'http' | 'dns' | 'mail' | 'ipv6';

/** What was sent and what came back, in short, so a member can see why. */
export interface Evidence {
  sent?: string;
  received?: string;
  /** Small structured facts (versions offered, header values, record texts). */
  facts?: Record<string, unknown>;
}

export interface CheckResult {
  /** Catalogue id, e.g. "TLS-01". */
  id: string;
  category: Category;
  status: Status;
  /** What was checked: "example.org", "mail.example.org:25 (192.0.2.1)". */
  target: string;
  /** One English sentence saying what was found (the CLI shows it; the web translates by id + status). */
  summary: string;
  evidence: Evidence;
  /** For status "error": why the check could not run. */
  reason?: string;
}

/** Where a name is resolved: a configured resolver, or the system's. */
export interface ResolverAddress {
  host: string;
  port: number;
}

export interface AuditOptions {
  /** Which groups to run; all when undefined. */
  only?: 'web' | 'mail' | 'dns' | 'ipv6';
  /** Every name the audit needs is resolved through this server; the system resolver otherwise. */
  resolver?: ResolverAddress;
  /** Extra trust anchors (PEM) for CERT-01, added to the system roots. */
  ca?: string[];
  /** At most this many connections at once per IP address (politeness). Default 2. */
  concurrency: number;
  /** Connect and per-exchange timeout, milliseconds. Default 5000. */
  timeoutMs: number;
  /** Test every address of each name, not only the first IPv4 and the first IPv6. */
  allAddresses: boolean;
  /** Ports to use instead of the standard ones (the loopback test bed runs services on high ports). */
  ports?: Partial<Record<'https' | 'http' | 'smtp' | 'submission' | 'smtps' | 'imaps' | 'pop3s' | 'imap' | 'pop3' | 'dns', number>>;
  /** Called as work progresses, for the CLI's progress line. */
  onProgress?: (p: { target: string; done: number; total: number }) => void;
  /** DKIM selectors the owner declares (MAIL-08 checks each key); without them only `_domainkey` is looked at. */
  dkimSelectors?: string[];
  /**
   * Also connect to loopback, private and other non-public addresses (a test bed,
   * an internal network). Off by default: a scan only touches public unicast addresses.
   */
  allowPrivate?: boolean;
  /** The whole audit's time budget, milliseconds; checks still running then end as "error". Default: max(60 s, 12 × timeoutMs). */
  budgetMs?: number;
  /** The clock for expiry judgements (certificates, security.txt); now by default. */
  now?: Date;
  /**
   * A politeness limiter shared with other audits (the hub's posture scans share
   * one per process, so concurrent scans keep one budget per target address).
   * `concurrency` is then the shared limiter's, not this option's.
   */
  limiter?: ConnectionLimiter;
}

export interface CategoryScore {
  category: Category;
  /** Points ÷ maximum, 0..1; undefined when nothing in the category was scored. */
  score: number | undefined;
  counts: Record<Status, number>;
}

export interface AuditReport {
  /** Versioned; the JSON Schema is docs/check-report.schema.json. */
  format: 'hearth-check';
  version: 1;
  domain: string;
  startedAt: string;
  durationMs: number;
  options: { only?: string; resolver?: string; allAddresses: boolean };
  results: CheckResult[];
  categories: CategoryScore[];
  /** Mean of the categories that apply; undefined when none does. */
  overall: number | undefined;
  /** How many TCP connections the audit opened (politeness, and the benchmark). */
  connections: number;
}
