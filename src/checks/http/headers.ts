// Security headers: parsers and the judges of HTTP-03…07. Each judge takes the
// header values as received (every occurrence, in order) and returns a verdict.
import type { Status } from '../types.js';

export interface HeaderVerdict {
  status: Status;
  summary: string;
  facts?: Record<string, unknown>;
}

// ── HSTS (RFC 6797) ─────────────────────────────────────────────────────

export interface Hsts {
  maxAge?: number;
  includeSubDomains: boolean;
  preload: boolean;
  errors: string[];
}

/** Directives separated by ";", each a token with an optional (quoted) value; names are case-insensitive. */
export function parseHsts(value: string): Hsts {
  const out: Hsts = { includeSubDomains: false, preload: false, errors: [] };
  const seen = new Set<string>();
  for (const part of value.split(';')) {
    const d = part.trim();
    if (d === '') continue;
    const m = /^([A-Za-z0-9!#$%&'*+.^_`|~-]+)\s*(?:=\s*(?:"([^"]*)"|([^\s"]*)))?$/.exec(d);
    if (!m) {
      out.errors.push(`"${d}" is not a directive`);
      continue;
    }
    const name = m[1]!.toLowerCase();
    if (seen.has(name)) out.errors.push(`${name} appears more than once`);
    seen.add(name);
    const v = m[2] ?? m[3];
    if (name === 'max-age') {
      if (v !== undefined && /^[0-9]+$/.test(v)) out.maxAge = Number(v);
      else out.errors.push(`max-age=${v ?? ''} is not a number of seconds`);
    } else if (name === 'includesubdomains') out.includeSubDomains = true;
    else if (name === 'preload') out.preload = true;
  }
  if (out.maxAge === undefined && !out.errors.some((e) => e.startsWith('max-age'))) out.errors.push('max-age is missing');
  return out;
}

export const HSTS_GOOD = 31536000;
export const HSTS_SUFFICIENT = 15768000;

/** HTTP-03: only the first header counts (RFC 6797 §8.1). */
export function judgeHsts(values: string[]): HeaderVerdict {
  if (values.length === 0) return { status: 'fail', summary: 'No Strict-Transport-Security header on the first HTTPS response.' };
  const hsts = parseHsts(values[0]!);
  const facts = { header: values[0], maxAge: hsts.maxAge, includeSubDomains: hsts.includeSubDomains, preload: hsts.preload };
  if (hsts.errors.length > 0) return { status: 'fail', summary: `The Strict-Transport-Security header is invalid: ${hsts.errors.join('; ')}.`, facts };
  const age = hsts.maxAge!;
  if (age >= HSTS_GOOD) return { status: 'pass', summary: `HSTS with max-age=${age} (at least a year).`, facts };
  if (age >= HSTS_SUFFICIENT) return { status: 'warn', summary: `HSTS max-age=${age} is shorter than a year.`, facts };
  return { status: 'fail', summary: `HSTS max-age=${age} is shorter than six months.`, facts };
}

// ── Content-Security-Policy (CSP Level 3) ──────────────────────────────

export type Csp = Map<string, string[]>;

/** One serialized policy: directives separated by ";", the first occurrence of a name wins (CSP3 §2.2.1). */
export function parseCsp(value: string): Csp {
  const policy: Csp = new Map();
  for (const part of value.split(';')) {
    const tokens = part.trim().split(/[\t\n\f\r ]+/).filter(Boolean);
    if (tokens.length === 0) continue;
    const name = tokens[0]!.toLowerCase();
    if (!/^[a-z0-9-]+$/.test(name) || policy.has(name)) continue;
    policy.set(name, tokens.slice(1));
  }
  return policy;
}

/** A header may carry several policies separated by commas; each is enforced. */
export const parseCspHeader = (value: string): Csp[] => value.split(',').map(parseCsp).filter((p) => p.size > 0);

const lower = (sources: string[] | undefined) => sources?.map((s) => s.toLowerCase());

/** What a set of enforced policies achieves, criterion by criterion. */
export interface CspAssessment {
  scripts: boolean;
  objectNone: boolean;
  baseUri: boolean;
  frameAncestors: boolean;
  weaknesses: string[];
}

function scriptSourcesOk(sources: string[] | undefined): string | undefined {
  const s = lower(sources);
  if (!s) return 'no script-src or default-src';
  if (s.includes("'unsafe-eval'")) return "scripts allow 'unsafe-eval'";
  // 'unsafe-inline' is ignored by browsers when a nonce or hash is present (CSP2+).
  const nonceOrHash = s.some((x) => /^'(nonce-|sha(256|384|512)-)/.test(x));
  if (s.includes("'unsafe-inline'") && !nonceOrHash) return "scripts allow 'unsafe-inline'";
  if (!s.includes("'strict-dynamic'")) {
    const wide = s.find((x) => x === '*' || x === 'http:' || x === 'https:' || x === 'data:' || x === 'blob:');
    if (wide) return `scripts may come from ${wide}`;
  }
  return undefined;
}

/** Several enforced policies all apply, so each criterion holds when any one policy meets it. */
export function assessCsp(policies: Csp[]): CspAssessment {
  const scriptProblems = policies.map((p) => scriptSourcesOk(p.get('script-src') ?? p.get('default-src')));
  const scripts = scriptProblems.some((x) => x === undefined);
  const objectNone = policies.some((p) => {
    const o = lower(p.get('object-src') ?? p.get('default-src'));
    return o !== undefined && o.length === 1 && o[0] === "'none'";
  });
  const baseUri = policies.some((p) => {
    const b = lower(p.get('base-uri'));
    return b !== undefined && b.length > 0 && !b.some((x) => x === '*' || x === 'http:' || x === 'https:' || x === 'data:');
  });
  const frameAncestors = policies.some((p) => p.has('frame-ancestors') && !lower(p.get('frame-ancestors'))!.includes('*'));
  const weaknesses: string[] = [];
  if (!scripts) weaknesses.push(scriptProblems.find((x) => x !== undefined) ?? 'scripts unrestricted');
  if (!objectNone) weaknesses.push("object-src is not 'none'");
  if (!baseUri) weaknesses.push('base-uri is not restricted');
  if (!frameAncestors) weaknesses.push('frame-ancestors is not set');
  return { scripts, objectNone, baseUri, frameAncestors, weaknesses };
}

/** HTTP-04: every criterion met passes; a weaker policy or none at all warns. */
export function judgeCsp(values: string[], reportOnly: string[] = []): HeaderVerdict {
  if (values.length === 0) {
    if (reportOnly.length > 0) return { status: 'warn', summary: 'Only Content-Security-Policy-Report-Only is sent: nothing is enforced.', facts: { reportOnly } };
    return { status: 'warn', summary: 'No Content-Security-Policy header.' };
  }
  const policies = values.flatMap(parseCspHeader);
  const a = assessCsp(policies);
  const facts = { header: values, weaknesses: a.weaknesses };
  if (a.weaknesses.length === 0) return { status: 'pass', summary: 'A strict Content-Security-Policy is sent.', facts };
  return { status: 'warn', summary: `The Content-Security-Policy is weak: ${a.weaknesses.join('; ')}.`, facts };
}

// ── X-Content-Type-Options, framing, Referrer-Policy ───────────────────

/** HTTP-05. */
export function judgeNosniff(values: string[]): HeaderVerdict {
  if (values.length === 0) return { status: 'warn', summary: 'No X-Content-Type-Options header.' };
  // Browsers read the first value of the (comma-joined) header.
  const first = values.join(',').split(',')[0]!.trim().toLowerCase();
  if (first === 'nosniff') return { status: 'pass', summary: 'X-Content-Type-Options: nosniff is sent.', facts: { header: values } };
  return { status: 'warn', summary: `X-Content-Type-Options is "${values[0]}", not nosniff.`, facts: { header: values } };
}

/** HTTP-06: X-Frame-Options DENY/SAMEORIGIN, or CSP frame-ancestors. */
export function judgeFraming(xfo: string[], csp: string[]): HeaderVerdict {
  const policies = csp.flatMap(parseCspHeader);
  const ancestors = policies.find((p) => p.has('frame-ancestors'))?.get('frame-ancestors');
  if (ancestors && !ancestors.includes('*')) return { status: 'pass', summary: `CSP frame-ancestors ${ancestors.join(' ') || "(empty: 'none')"} protects against framing.`, facts: { frameAncestors: ancestors } };
  const x = xfo.length === 1 ? xfo[0]!.trim().toUpperCase() : undefined;
  if (x === 'DENY' || x === 'SAMEORIGIN') return { status: 'pass', summary: `X-Frame-Options: ${x} protects against framing.`, facts: { xFrameOptions: xfo } };
  if (xfo.length > 0) return { status: 'info', summary: `X-Frame-Options "${xfo.join(', ')}" is not DENY or SAMEORIGIN; pages can be framed.`, facts: { xFrameOptions: xfo } };
  return { status: 'info', summary: 'No framing protection (X-Frame-Options or CSP frame-ancestors).' };
}

const REFERRER_GOOD = ['no-referrer', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin'];
const REFERRER_BAD = ['unsafe-url', 'origin', 'no-referrer-when-downgrade'];
const REFERRER_KNOWN = [...REFERRER_GOOD, ...REFERRER_BAD, 'origin-when-cross-origin'];

/** HTTP-07: the last value a browser recognises wins (Referrer Policy §11.1). */
export function judgeReferrerPolicy(values: string[]): HeaderVerdict {
  if (values.length === 0) return { status: 'warn', summary: 'No Referrer-Policy header (browsers fall back to their default).' };
  const tokens = values.join(',').split(',').map((t) => t.trim().toLowerCase());
  const effective = tokens.filter((t) => REFERRER_KNOWN.includes(t)).at(-1);
  const facts = { header: values, effective };
  if (effective === undefined) return { status: 'warn', summary: `Referrer-Policy "${values.join(', ')}" holds no value browsers know.`, facts };
  if (REFERRER_GOOD.includes(effective)) return { status: 'pass', summary: `Referrer-Policy: ${effective}.`, facts };
  if (REFERRER_BAD.includes(effective)) return { status: 'fail', summary: `Referrer-Policy: ${effective} leaks addresses to other sites.`, facts };
  return { status: 'warn', summary: `Referrer-Policy: ${effective} sends the origin to other sites, even over plain HTTP.`, facts };
}
