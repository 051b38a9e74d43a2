// TLSA records (RFC 6698) against the chain a server presents (RFC 7671, and
// RFC 7672 for SMTP: only DANE-TA(2) and DANE-EE(3) are usable there).
import { createHash, X509Certificate } from 'node:crypto';

export interface Tlsa {
  usage: number;
  selector: number;
  matchingType: number;
  /** The association data (certificate, key or digest). */
  data: Buffer;
}

/** A TLSA record as dns-packet decodes it ({ usage, selector, matchingType, certificate }), or undefined. */
export function tlsaFromRecord(data: unknown): Tlsa | undefined {
  const d = data as { usage?: unknown; selector?: unknown; matchingType?: unknown; certificate?: unknown } | null;
  if (!d || typeof d.usage !== 'number' || typeof d.selector !== 'number' || typeof d.matchingType !== 'number' || !Buffer.isBuffer(d.certificate)) return undefined;
  return { usage: d.usage, selector: d.selector, matchingType: d.matchingType, data: d.certificate };
}

export const tlsaText = (t: Tlsa) => `${t.usage} ${t.selector} ${t.matchingType} ${t.data.toString('hex').slice(0, 64)}${t.data.length > 32 ? '…' : ''}`;

/** Usable for SMTP: DANE-TA(2) or DANE-EE(3), selector 0/1, matching type 0/1/2. */
export const usableForSmtp = (t: Tlsa) => (t.usage === 2 || t.usage === 3) && (t.selector === 0 || t.selector === 1) && t.matchingType <= 2;

/** What selector `selector` picks from a DER certificate: the whole certificate (0) or its SubjectPublicKeyInfo (1). */
export function selected(certDer: Buffer, selector: number): Buffer | undefined {
  if (selector === 0) return certDer;
  if (selector !== 1) return undefined;
  try {
    return new X509Certificate(certDer).publicKey.export({ type: 'spki', format: 'der' });
  } catch {
    return undefined;
  }
}

export function associationMatches(t: Tlsa, certDer: Buffer): boolean {
  const content = selected(certDer, t.selector);
  if (!content) return false;
  const digest =
    t.matchingType === 0 ? content : t.matchingType === 1 ? createHash('sha256').update(content).digest() : t.matchingType === 2 ? createHash('sha512').update(content).digest() : undefined;
  return digest !== undefined && digest.equals(t.data);
}

export interface TlsaMatch {
  /** The records that match the chain. */
  matching: Tlsa[];
  usable: Tlsa[];
}

/**
 * Which usable records match: DANE-EE(3) against the leaf, DANE-TA(2) against
 * any certificate the server sent after the leaf (the trust anchor must be in the chain).
 */
export function matchTlsa(records: Tlsa[], leafDer: Buffer, chainDer: Buffer[] = []): TlsaMatch {
  const usable = records.filter(usableForSmtp);
  const issuers = chainDer.filter((c) => !c.equals(leafDer));
  const matching = usable.filter((t) => (t.usage === 3 ? associationMatches(t, leafDer) : issuers.some((c) => associationMatches(t, c))));
  return { matching, usable };
}
