// DMARC (RFC 7489 §6.3): the record at _dmarc.<domain>, parsed tag by tag.

export interface Dmarc {
  policy?: 'none' | 'quarantine' | 'reject';
  subdomainPolicy?: 'none' | 'quarantine' | 'reject';
  pct: number;
  rua: string[];
  tags: Record<string, string>;
  /** Why the record is invalid (receivers then ignore it), empty when valid. */
  errors: string[];
}

const POLICIES = ['none', 'quarantine', 'reject'] as const;
type Policy = (typeof POLICIES)[number];
const isPolicy = (v: string | undefined): v is Policy => v !== undefined && (POLICIES as readonly string[]).includes(v);

/** Only TXT records that begin with "v=DMARC1" count (§6.6.3); others at the name are ignored. */
export const isDmarcRecord = (txt: string) => /^v\s*=\s*DMARC1\s*(;|$)/.test(txt);

export function parseDmarc(record: string): Dmarc {
  const errors: string[] = [];
  const tags: Record<string, string> = {};
  const parts = record.split(';').map((p) => p.trim());
  if (parts.at(-1) === '') parts.pop();
  parts.forEach((part, i) => {
    const eq = part.indexOf('=');
    if (eq <= 0) {
      errors.push(`"${part}" is not a tag=value pair`);
      return;
    }
    const name = part.slice(0, eq).trim().toLowerCase();
    const value = part.slice(eq + 1).trim();
    if (i === 0 && (name !== 'v' || value !== 'DMARC1')) errors.push('the record must begin with v=DMARC1');
    if (Object.hasOwn(tags, name)) errors.push(`${name}= appears more than once`);
    tags[name] = value;
  });
  const p = tags.p?.toLowerCase();
  const sp = tags.sp?.toLowerCase();
  const out: Dmarc = { pct: 100, rua: [], tags, errors };
  if (p === undefined) errors.push('p= (the policy) is missing');
  else if (!isPolicy(p)) errors.push(`p=${tags.p} is not none, quarantine or reject`);
  else out.policy = p;
  if (sp !== undefined) {
    if (isPolicy(sp)) out.subdomainPolicy = sp;
    else errors.push(`sp=${tags.sp} is not none, quarantine or reject`);
  }
  if (tags.pct !== undefined) {
    if (/^[0-9]{1,3}$/.test(tags.pct) && Number(tags.pct) <= 100) out.pct = Number(tags.pct);
    else errors.push(`pct=${tags.pct} is not a number from 0 to 100`);
  }
  for (const tag of ['adkim', 'aspf'] as const) {
    const v = tags[tag]?.toLowerCase();
    if (v !== undefined && v !== 'r' && v !== 's') errors.push(`${tag}=${tags[tag]} is not r or s`);
  }
  if (tags.rua !== undefined) {
    out.rua = tags.rua.split(',').map((u) => u.trim()).filter(Boolean);
    for (const u of out.rua) if (!/^(mailto|https?):/i.test(u)) errors.push(`rua= address "${u}" is not a mailto: or https: URI`);
  }
  return out;
}

export interface DmarcVerdict {
  status: 'pass' | 'warn' | 'fail';
  summary: string;
  parsed?: Dmarc;
}

/** MAIL-07: p=quarantine or reject passes (a pct below 100 warns — our choice), p=none warns, missing or invalid fails. */
export function judgeDmarc(domain: string, txt: string[]): DmarcVerdict {
  const records = txt.filter(isDmarcRecord);
  if (records.length === 0) return { status: 'fail', summary: `_dmarc.${domain} has no DMARC record.` };
  if (records.length > 1) return { status: 'fail', summary: `_dmarc.${domain} has ${records.length} DMARC records; receivers ignore them all.` };
  const parsed = parseDmarc(records[0]!);
  if (parsed.errors.length > 0) return { status: 'fail', summary: `The DMARC record is invalid: ${parsed.errors.slice(0, 3).join('; ')}.`, parsed };
  if (parsed.policy === 'none') return { status: 'warn', summary: 'DMARC is published with p=none: receivers only report, they do not act.', parsed };
  if (parsed.pct < 100) return { status: 'warn', summary: `DMARC p=${parsed.policy} applies to only ${parsed.pct} % of failing mail.`, parsed };
  return { status: 'pass', summary: `DMARC is published with p=${parsed.policy}.`, parsed };
}
