// SPF (RFC 7208): a parser that collects every syntax error instead of stopping
// at the first, and an evaluator that walks include/redirect to count the
// DNS-querying terms a receiver meets in the worst case (no term matches).
import { isIPv4, isIPv6 } from 'node:net';

export type Qualifier = '+' | '-' | '~' | '?';
const MECHANISMS = ['all', 'include', 'a', 'mx', 'ptr', 'ip4', 'ip6', 'exists'] as const;
export type MechanismName = (typeof MECHANISMS)[number];

export interface SpfMechanism {
  kind: 'mechanism';
  qualifier: Qualifier;
  name: MechanismName;
  /** The domain-spec or network, as written. */
  value?: string;
  text: string;
}
export interface SpfModifier {
  kind: 'modifier';
  name: string;
  value: string;
  text: string;
}
export type SpfTerm = SpfMechanism | SpfModifier;

export interface ParsedSpf {
  terms: SpfTerm[];
  /** Syntax errors: each makes the record a permerror (RFC 7208 §4.6). */
  errors: string[];
}

/** Lookup limits of RFC 7208 §4.6.4. */
export const SPF_LOOKUP_LIMIT = 10;
export const SPF_VOID_LIMIT = 2;

/** A TXT string is an SPF record when it starts with "v=spf1" followed by a space or nothing (§4.5). */
export const isSpfRecord = (txt: string) => /^v=spf1( |$)/i.test(txt);

const TOPLABEL = /^(?=[a-z0-9-]*[a-z])[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;
const MACRO = /^%\{[slodiphcrtv][0-9]*r?[.\-+,/_=]*\}/i;

/** Checks a domain-spec (§7.1): a macro-string ending in ".toplabel" or a macro. Returns an error or undefined. */
export function domainSpecError(spec: string, explanation = false): string | undefined {
  if (spec === '') return 'empty domain';
  let i = 0;
  let endsWithMacro = false;
  while (i < spec.length) {
    const c = spec[i]!;
    const code = c.charCodeAt(0);
    if (code < 0x21 || code > 0x7e) return `invalid character in "${spec}"`;
    if (c !== '%') {
      endsWithMacro = false;
      i++;
      continue;
    }
    const next = spec[i + 1];
    if (next === '%' || next === '_' || next === '-') {
      endsWithMacro = false;
      i += 2;
      continue;
    }
    const m = MACRO.exec(spec.slice(i));
    if (!m) return `invalid macro in "${spec}"`;
    if (!explanation && /^%\{[crt]/i.test(m[0])) return `macro ${m[0]} is allowed only in exp= texts`;
    i += m[0].length;
    endsWithMacro = true;
  }
  if (endsWithMacro) return undefined;
  const trimmed = spec.endsWith('.') ? spec.slice(0, -1) : spec;
  const dot = trimmed.lastIndexOf('.');
  if (dot < 0) return `"${spec}" is not a fully qualified domain`;
  if (!TOPLABEL.test(trimmed.slice(dot + 1))) return `"${spec}" does not end in a valid top label`;
  if (trimmed.length > 253) return `"${spec.slice(0, 30)}…" is too long`;
  return undefined;
}

const hasMacro = (spec: string) => /%\{/.test(spec);

function cidrError(text: string, max: number): string | undefined {
  if (!/^(0|[1-9][0-9]{0,2})$/.test(text) || Number(text) > max) return `invalid prefix length /${text}`;
  return undefined;
}

/** dual-cidr-length (§5.6): "/n4", "//n6" or "/n4//n6" after a domain-spec. */
function splitDualCidr(value: string): { spec: string; error?: string } {
  const m = /^(.*?)(?:\/([0-9]+))?(?:\/\/([0-9]+))?$/.exec(value)!;
  const error = (m[2] !== undefined ? cidrError(m[2], 32) : undefined) ?? (m[3] !== undefined ? cidrError(m[3], 128) : undefined);
  return error ? { spec: m[1]!, error } : { spec: m[1]! };
}

/** Parses one SPF record; never throws. */
export function parseSpf(record: string): ParsedSpf {
  const errors: string[] = [];
  const terms: SpfTerm[] = [];
  if (!isSpfRecord(record)) return { terms, errors: ['the record does not start with "v=spf1"'] };
  // Terms are separated by one or more spaces; other whitespace is a syntax error.
  const body = record.slice(6);
  if (/[^\x20-\x7e]/.test(body)) errors.push('the record contains characters other than printable ASCII and spaces');
  const seen = new Set<string>();
  for (const text of body.split(' ').filter((t) => t !== '')) {
    const modifier = /^([a-z][a-z0-9_.-]*)=(.*)$/i.exec(text);
    if (modifier) {
      const name = modifier[1]!.toLowerCase();
      const value = modifier[2]!;
      if ((name === 'redirect' || name === 'exp') && seen.has(name)) errors.push(`${name}= appears more than once`);
      seen.add(name);
      if (name === 'redirect' || name === 'exp') {
        const e = domainSpecError(value);
        if (e) errors.push(`${name}=: ${e}`);
      } else if (/%(?![{%_-])/.test(value)) {
        errors.push(`${name}=: invalid macro`);
      }
      terms.push({ kind: 'modifier', name, value, text });
      continue;
    }
    const m = /^([+\-~?]?)([a-z0-9]+)([:/].*)?$/i.exec(text);
    const name = m?.[2]?.toLowerCase();
    if (!m || !name || !(MECHANISMS as readonly string[]).includes(name)) {
      errors.push(`unknown term "${text}"`);
      continue;
    }
    const qualifier = (m[1] || '+') as Qualifier;
    const rest = m[3] ?? '';
    const mech: SpfMechanism = { kind: 'mechanism', qualifier, name: name as MechanismName, text };
    const arg = rest.startsWith(':') ? rest.slice(1) : undefined;
    switch (mech.name) {
      case 'all':
        if (rest !== '') errors.push(`"${text}": all takes no argument`);
        break;
      case 'include':
      case 'exists': {
        if (arg === undefined) {
          errors.push(`"${text}": ${mech.name} needs a domain`);
          break;
        }
        const e = domainSpecError(arg);
        if (e) errors.push(`"${text}": ${e}`);
        mech.value = arg;
        break;
      }
      case 'a':
      case 'mx': {
        if (rest !== '' && !rest.startsWith(':') && !rest.startsWith('/')) {
          errors.push(`unknown term "${text}"`);
          break;
        }
        const { spec, error } = splitDualCidr(arg ?? rest);
        if (error) errors.push(`"${text}": ${error}`);
        if (arg !== undefined) {
          const e = domainSpecError(spec);
          if (e) errors.push(`"${text}": ${e}`);
          mech.value = spec;
        }
        break;
      }
      case 'ptr':
        if (rest !== '' && arg === undefined) errors.push(`unknown term "${text}"`);
        if (arg !== undefined) {
          const e = domainSpecError(arg);
          if (e) errors.push(`"${text}": ${e}`);
          mech.value = arg;
        }
        break;
      case 'ip4':
      case 'ip6': {
        if (arg === undefined) {
          errors.push(`"${text}": ${mech.name} needs a network`);
          break;
        }
        const slash = arg.indexOf('/');
        const net = slash < 0 ? arg : arg.slice(0, slash);
        const len = slash < 0 ? undefined : arg.slice(slash + 1);
        const valid = mech.name === 'ip4' ? isIPv4(net) && /^[0-9.]+$/.test(net) : isIPv6(net);
        if (!valid) errors.push(`"${text}": "${net}" is not an ${mech.name === 'ip4' ? 'IPv4' : 'IPv6'} address`);
        if (len !== undefined) {
          const e = cidrError(len, mech.name === 'ip4' ? 32 : 128);
          if (e) errors.push(`"${text}": ${e}`);
        }
        mech.value = arg;
        break;
      }
    }
    terms.push(mech);
  }
  return { terms, errors };
}

/** The DNS answers the evaluator needs; rcode as the resolver reports it ("NOERROR", "NXDOMAIN", …). */
export interface SpfDns {
  txt(name: string): Promise<{ rcode: string; records: string[] }>;
  mx(name: string): Promise<{ rcode: string; hosts: string[] }>;
  addresses(name: string): Promise<{ rcode: string; count: number }>;
}

export interface SpfEvaluation {
  domain: string;
  /** Every SPF record found at the domain itself. */
  records: string[];
  /** DNS-querying terms counted through include and redirect. */
  lookups: number;
  voidLookups: number;
  /** Problems that make receivers treat the policy as a permanent error, or make it useless. */
  errors: string[];
  /** Worth knowing, not wrong in itself (macros not followed, ptr, terms after all). */
  notes: string[];
  /** The qualifier of the `all` that ends the policy (through redirect), if any. */
  all?: Qualifier;
  /** Each record visited, for the evidence. */
  visited: Array<{ domain: string; record?: string }>;
}

/**
 * Walks the domain's SPF policy. Counts every include, a, mx, ptr, exists and
 * redirect (the limit of 10 applies to the whole walk) and void lookups (limit 2).
 */
export async function evaluateSpf(domain: string, dns: SpfDns): Promise<SpfEvaluation> {
  const ev: SpfEvaluation = { domain, records: [], lookups: 0, voidLookups: 0, errors: [], notes: [], visited: [] };
  let overLimit = false;
  const count = (): boolean => {
    ev.lookups++;
    if (ev.lookups > SPF_LOOKUP_LIMIT && !overLimit) {
      overLimit = true;
      ev.errors.push(`more than ${SPF_LOOKUP_LIMIT} DNS-querying terms`);
    }
    return !overLimit;
  };
  const voided = (what: string) => {
    ev.voidLookups++;
    if (ev.voidLookups === SPF_VOID_LIMIT + 1) ev.errors.push(`more than ${SPF_VOID_LIMIT} lookups return nothing (the last: ${what})`);
  };

  // Returns the qualifier of the record's final `all` (through its redirect).
  async function walk(name: string, via: 'top' | 'include' | 'redirect'): Promise<Qualifier | undefined> {
    const answer = await dns.txt(name);
    const records = answer.records.filter(isSpfRecord);
    if (via === 'top') ev.records = records;
    if (records.length === 0) {
      if (via !== 'top') {
        voided(`${via} ${name}`);
        ev.errors.push(`${via}:${name} has no SPF record`);
      }
      ev.visited.push({ domain: name });
      return undefined;
    }
    if (records.length > 1) {
      ev.errors.push(`${name} has ${records.length} SPF records`);
      return undefined;
    }
    const record = records[0]!;
    ev.visited.push({ domain: name, record });
    const parsed = parseSpf(record);
    for (const e of parsed.errors) ev.errors.push(`${name}: ${e}`);
    if (parsed.errors.length > 0) return undefined;

    let all: Qualifier | undefined;
    let redirect: string | undefined;
    for (const term of parsed.terms) {
      if (term.kind === 'modifier') {
        if (term.name === 'redirect') redirect = term.value;
        continue;
      }
      if (all !== undefined) {
        ev.notes.push(`${name}: "${term.text}" comes after "all" and is never used`);
        continue;
      }
      const target = term.value ?? name;
      switch (term.name) {
        case 'all':
          all = term.qualifier;
          break;
        case 'ip4':
        case 'ip6':
          break;
        case 'include': {
          if (!count()) return all;
          if (hasMacro(target)) {
            ev.notes.push(`${name}: include:${target} uses macros and was not followed`);
            break;
          }
          const inner = await walk(target, 'include');
          // An included policy that passes everyone makes the include pass everyone.
          if (inner === '+' && term.qualifier === '+') ev.errors.push(`include:${target} ends in +all, so anyone passes`);
          break;
        }
        case 'ptr':
          if (!count()) return all;
          ev.notes.push(`${name}: ptr is slow and unreliable; RFC 7208 says not to use it`);
          break;
        case 'a':
        case 'exists': {
          if (!count()) return all;
          if (hasMacro(target)) break;
          const r = await dns.addresses(target);
          if (r.count === 0) voided(`${term.name}:${target}`);
          break;
        }
        case 'mx': {
          if (!count()) return all;
          if (hasMacro(target)) break;
          const r = await dns.mx(target);
          if (r.hosts.length === 0) voided(`mx:${target}`);
          if (r.hosts.length > SPF_LOOKUP_LIMIT) ev.errors.push(`mx:${target} has more than ${SPF_LOOKUP_LIMIT} MX hosts`);
          break;
        }
      }
      if (overLimit) return all;
    }
    if (all !== undefined) {
      if (redirect !== undefined) ev.notes.push(`${name}: redirect= is ignored because the record has "all"`);
      return all;
    }
    if (redirect !== undefined) {
      if (!count()) return undefined;
      if (hasMacro(redirect)) {
        ev.notes.push(`${name}: redirect=${redirect} uses macros and was not followed`);
        return undefined;
      }
      return walk(redirect, 'redirect');
    }
    return undefined;
  }

  const top = await walk(domain, 'top');
  if (top !== undefined) ev.all = top;
  return ev;
}

export interface Verdict {
  status: 'pass' | 'warn' | 'fail';
  summary: string;
}

/** MAIL-06: exactly one record, valid, ≤ 10 lookups, ≤ 2 void lookups, ending in ~all or -all. */
export function judgeSpf(ev: SpfEvaluation): Verdict {
  if (ev.records.length === 0) return { status: 'fail', summary: `${ev.domain} publishes no SPF record.` };
  if (ev.records.length > 1) return { status: 'fail', summary: `${ev.domain} publishes ${ev.records.length} SPF records; receivers treat that as an error.` };
  if (ev.errors.length > 0) return { status: 'fail', summary: `The SPF policy is broken: ${ev.errors.slice(0, 3).join('; ')}.` };
  if (ev.all === '+') return { status: 'fail', summary: 'The SPF policy ends in +all: anyone may send as this domain.' };
  if (ev.all === '?') return { status: 'fail', summary: 'The SPF policy ends in ?all: it says nothing about other senders.' };
  if (ev.all === undefined) return { status: 'fail', summary: 'The SPF policy has no "all" at the end, so other senders get a neutral result.' };
  return { status: 'pass', summary: `One valid SPF record ending in ${ev.all}all, with ${ev.lookups} DNS-querying term${ev.lookups === 1 ? '' : 's'}.` };
}
