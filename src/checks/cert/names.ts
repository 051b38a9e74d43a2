// Does a certificate name the host? RFC 9525: only subjectAltName counts (no
// fallback to the subject's CN); a wildcard is allowed only as the whole
// left-most label, matches exactly one label, and never a bare public suffix.
import { isIP } from 'node:net';
import { domainToASCII } from 'node:url';

function canonicalIp(ip: string): string {
  return isIP(ip) === 6 ? new URL(`http://[${ip}]/`).hostname : ip;
}

function canonicalName(name: string): string {
  const lower = name.toLowerCase().replace(/\.$/, '');
  return /[^\x00-\x7f]/.test(lower) ? domainToASCII(lower) || lower : lower;
}

/** Whether one presented DNS-ID matches the reference name (both lower-case A-labels). */
export function dnsIdMatches(presented: string, reference: string): boolean {
  const p = canonicalName(presented);
  const r = canonicalName(reference);
  if (p === '' || r === '') return false;
  if (!p.includes('*')) return p === r;
  const [first, ...rest] = p.split('.');
  if (first !== '*' || rest.some((l) => l.includes('*') || l === '')) return false;
  // "*.example" would cover a whole top-level domain.
  if (rest.length < 2) return false;
  const labels = r.split('.');
  if (labels.length !== rest.length + 1 || labels[0] === '') return false;
  return labels.slice(1).join('.') === rest.join('.');
}

export interface NameMatch {
  match: boolean;
  /** The SAN entry that matched. */
  matchedBy?: string;
}

export function matchHost(host: string, san: { dns: string[]; ip: string[] } | undefined): NameMatch {
  if (!san) return { match: false };
  const h = host.replace(/^\[|\]$/g, '');
  if (isIP(h)) {
    const want = canonicalIp(h);
    const hit = san.ip.find((ip) => isIP(ip) && canonicalIp(ip) === want);
    return hit ? { match: true, matchedBy: `IP:${hit}` } : { match: false };
  }
  const hit = san.dns.find((d) => dnsIdMatches(d, h));
  return hit ? { match: true, matchedBy: `DNS:${hit}` } : { match: false };
}
