// MTA-STS (RFC 8461): the _mta-sts TXT record, the policy file, and whether
// the policy's mx patterns cover every MX host. TLS-RPT (RFC 8460) record too.

export interface StsRecord {
  id?: string;
  errors: string[];
}

export const isStsRecord = (txt: string) => /^v=STSv1\s*(;|$)/.test(txt);

/** `v=STSv1; id=…` with id 1–32 letters and digits (§3.1). */
export function parseStsRecord(txt: string): StsRecord {
  const errors: string[] = [];
  const fields = txt.split(';').map((f) => f.trim()).filter(Boolean);
  const out: StsRecord = { errors };
  for (const f of fields.slice(1)) {
    const m = /^([A-Za-z0-9_.-]+)=(.*)$/.exec(f);
    if (!m) errors.push(`"${f}" is not a field=value pair`);
    else if (m[1] === 'id') out.id = m[2]!;
  }
  if (out.id === undefined) errors.push('id= is missing');
  else if (!/^[A-Za-z0-9]{1,32}$/.test(out.id)) errors.push(`id=${out.id} must be 1 to 32 letters and digits`);
  return out;
}

export interface StsPolicy {
  version?: string;
  mode?: 'enforce' | 'testing' | 'none';
  mx: string[];
  maxAge?: number;
  errors: string[];
}

/** The policy file: "key: value" lines (§3.2). */
export function parseStsPolicy(text: string): StsPolicy {
  const errors: string[] = [];
  const policy: StsPolicy = { mx: [], errors };
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0) {
      errors.push(`"${line.slice(0, 40)}" is not a key: value line`);
      continue;
    }
    const key = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (key === 'version') policy.version = value;
    else if (key === 'mode') {
      if (value === 'enforce' || value === 'testing' || value === 'none') policy.mode = value;
      else errors.push(`mode: ${value} is not enforce, testing or none`);
    } else if (key === 'mx') policy.mx.push(value.toLowerCase().replace(/\.$/, ''));
    else if (key === 'max_age') {
      if (/^[0-9]{1,10}$/.test(value) && Number(value) <= 31557600) policy.maxAge = Number(value);
      else errors.push(`max_age: ${value} is not a number of seconds up to 31557600`);
    }
  }
  if (policy.version !== 'STSv1') errors.push(policy.version === undefined ? 'version: is missing' : `version: ${policy.version} is not STSv1`);
  if (policy.mode === undefined && !errors.some((e) => e.startsWith('mode:'))) errors.push('mode: is missing');
  if (policy.maxAge === undefined && !errors.some((e) => e.startsWith('max_age:'))) errors.push('max_age: is missing');
  if (policy.mode !== 'none' && policy.mx.length === 0) errors.push('no mx: line');
  return policy;
}

/** An mx pattern matches a host exactly, or "*.example.org" matches one extra leftmost label (§4.1). */
export function mxPatternMatches(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase().replace(/\.$/, '');
  const h = host.toLowerCase().replace(/\.$/, '');
  if (!p.startsWith('*.')) return p === h;
  const dot = h.indexOf('.');
  return dot > 0 && h.slice(dot + 1) === p.slice(2);
}

/** MX hosts that no pattern of the policy covers. */
export const uncoveredMx = (policy: StsPolicy, mxHosts: string[]) => mxHosts.filter((h) => !policy.mx.some((p) => mxPatternMatches(p, h)));

export interface TlsRpt {
  rua: string[];
  errors: string[];
}

export const isTlsRptRecord = (txt: string) => /^v=TLSRPTv1\s*(;|$)/.test(txt);

/** `v=TLSRPTv1; rua=mailto:…,https://…` (RFC 8460 §3). */
export function parseTlsRpt(txt: string): TlsRpt {
  const errors: string[] = [];
  const out: TlsRpt = { rua: [], errors };
  for (const f of txt.split(';').map((x) => x.trim()).filter(Boolean).slice(1)) {
    const m = /^([A-Za-z0-9_.-]+)=(.*)$/.exec(f);
    if (!m) errors.push(`"${f}" is not a field=value pair`);
    else if (m[1] === 'rua') out.rua.push(...m[2]!.split(',').map((u) => u.trim()).filter(Boolean));
  }
  if (out.rua.length === 0) errors.push('rua= is missing');
  for (const u of out.rua) if (!/^(mailto:[^@\s]+@[^@\s]+|https:\/\/\S+)$/i.test(u)) errors.push(`rua "${u}" is not a mailto: or https: URI`);
  return out;
}
