// security.txt (RFC 9116): fields, an optional OpenPGP cleartext signature,
// and the judge of HTTP-08.
import type { HeaderVerdict } from './headers.js';

export interface SecurityTxt {
  contact: string[];
  expires: string[];
  fields: Array<{ name: string; value: string }>;
  errors: string[];
}

/** Parses the file; never throws. A cleartext-signed file is read between its armour lines. */
export function parseSecurityTxt(text: string): SecurityTxt {
  const out: SecurityTxt = { contact: [], expires: [], fields: [], errors: [] };
  let lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const begin = lines.findIndex((l) => l.trim() === '-----BEGIN PGP SIGNED MESSAGE-----');
  if (begin >= 0) {
    // Armour headers ("Hash: …") end at the first empty line; the signature block ends the text.
    let start = begin + 1;
    while (start < lines.length && lines[start]!.trim() !== '') start++;
    const end = lines.findIndex((l) => l.trim() === '-----BEGIN PGP SIGNATURE-----');
    lines = lines.slice(start + 1, end < 0 ? undefined : end).map((l) => l.replace(/^- /, ''));
  }
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const m = /^([A-Za-z0-9-]+):\s*(.*)$/.exec(line);
    if (!m) {
      out.errors.push(`"${line.slice(0, 40)}" is not a "Field: value" line`);
      continue;
    }
    const name = m[1]!.toLowerCase();
    const value = m[2]!.trim();
    out.fields.push({ name, value });
    if (name === 'contact') out.contact.push(value);
    else if (name === 'expires') out.expires.push(value);
  }
  return out;
}

// RFC 3339 date-time as RFC 9116 §2.5.5 requires (e.g. 2026-01-31T23:00:00.000Z).
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
/** Our tolerance for "less than a year": 366 days, so a file renewed on the same date each year passes. */
export const SECURITY_TXT_MAX_AHEAD_MS = 366 * 24 * 3600 * 1000;

/** HTTP-08 from a fetched file (undefined when there was none to fetch). */
export function judgeSecurityTxt(file: { status: number; contentType?: string; body: string } | undefined, now: Date): HeaderVerdict {
  if (!file || file.status !== 200) return { status: 'warn', summary: `No /.well-known/security.txt${file ? ` (HTTP ${file.status})` : ''}.` };
  if (/^\s*</.test(file.body) || /html/i.test(file.contentType ?? '')) return { status: 'warn', summary: '/.well-known/security.txt answers with an HTML page, not a security.txt file.' };
  const parsed = parseSecurityTxt(file.body);
  const facts = { contact: parsed.contact, expires: parsed.expires, errors: parsed.errors };
  const problems: string[] = [...parsed.errors.slice(0, 2)];
  if (parsed.contact.length === 0) problems.push('no Contact field');
  if (parsed.expires.length === 0) problems.push('no Expires field');
  else if (parsed.expires.length > 1) problems.push('more than one Expires field');
  else {
    const value = parsed.expires[0]!;
    const at = RFC3339.test(value) ? Date.parse(value) : Number.NaN;
    if (Number.isNaN(at)) problems.push(`Expires "${value}" is not an RFC 3339 date-time`);
    else if (at <= now.getTime()) problems.push(`it expired on ${value}`);
    else if (at - now.getTime() > SECURITY_TXT_MAX_AHEAD_MS) problems.push(`Expires ${value} is more than a year ahead`);
  }
  if (problems.length > 0) return { status: 'warn', summary: `security.txt: ${problems.join('; ')}.`, facts };
  return { status: 'pass', summary: `security.txt names ${parsed.contact.length} contact${parsed.contact.length === 1 ? '' : 's'} and expires ${parsed.expires[0]}.`, facts };
}
