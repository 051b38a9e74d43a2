// Building the served chain up to a trust anchor (RFC 5280 §6, in the small):
// each step finds a certificate whose subject is the current one's issuer and
// whose key verifies its signature — first among the trust anchors, then among
// the certificates the server sent. Anchors are the system roots (Node's
// bundled Mozilla list and the operating system's store) plus any extra PEM
// anchors the caller passes.
import { getCACertificates } from 'node:tls';
import { type CertInfo, parseCertificate } from './x509.js';
import { verifySignature } from './verify.js';

export class AnchorStore {
  private readonly bySubject = new Map<string, CertInfo[]>();
  private readonly exact = new Set<string>();

  constructor(
    certs: Iterable<CertInfo>,
    readonly label: string,
  ) {
    for (const c of certs) this.add(c);
  }

  add(c: CertInfo): void {
    const key = c.subject.toString('base64');
    const list = this.bySubject.get(key) ?? [];
    list.push(c);
    this.bySubject.set(key, list);
    this.exact.add(c.der.toString('base64'));
  }

  has(c: CertInfo): boolean {
    return this.exact.has(c.der.toString('base64'));
  }

  issuersOf(c: CertInfo): CertInfo[] {
    return this.bySubject.get(c.issuer.toString('base64')) ?? [];
  }
}

/** Every certificate in PEM text (one or many blocks); blocks that do not parse are skipped. */
export function certsFromPem(pem: string): CertInfo[] {
  const out: CertInfo[] = [];
  for (const m of pem.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)) {
    try {
      out.push(parseCertificate(Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64')));
    } catch {
      // One broken root in a system store must not stop the audit.
    }
  }
  return out;
}

let systemStore: AnchorStore | undefined;

/** The system roots, parsed once per process. */
export function systemAnchors(): AnchorStore {
  if (!systemStore) {
    const pems = new Set<string>();
    for (const kind of ['bundled', 'system'] as const) {
      try {
        for (const p of getCACertificates(kind)) pems.add(p);
      } catch {
        // A platform without a readable system store still has the bundled roots.
      }
    }
    systemStore = new AnchorStore(
      [...pems].flatMap((p) => certsFromPem(p)),
      'system roots',
    );
  }
  return systemStore;
}

export type ChainStatus = 'trusted' | 'self-signed' | 'untrusted-root' | 'incomplete';

export interface ChainResult {
  status: ChainStatus;
  /** Leaf first, then each issuer found; ends with the anchor when trusted. */
  path: CertInfo[];
  /** Which store the anchor came from. */
  anchorFrom?: string;
  /** Problems along an otherwise complete path: expired or non-CA intermediates. */
  problems: string[];
  /** The issuer named by the last certificate of an incomplete chain. */
  missingIssuer?: string;
}

const MAX_DEPTH = 10;

/** Builds and checks the path from `served[0]` (the leaf) to an anchor in one of `stores`. */
export function buildChain(served: CertInfo[], stores: AnchorStore[], now: Date): ChainResult {
  const leaf = served[0];
  if (!leaf) throw new RangeError('buildChain needs at least the leaf');
  const path: CertInfo[] = [leaf];
  const problems: string[] = [];
  const used = new Set<CertInfo>([leaf]);
  const signs = (issuer: CertInfo, child: CertInfo) => child.issuer.equals(issuer.subject) && verifySignature(child.tbs, child.signature, child.signatureValue, issuer.key.spki);
  const checkCa = (c: CertInfo, anchor: boolean) => {
    if (!c.ca && !anchor) problems.push(`"${c.subjectText}" signs certificates but is not a CA certificate`);
    if (!anchor && (c.notAfter < now || c.notBefore > now)) problems.push(`intermediate "${c.subjectText}" is outside its validity (${c.notBefore.toISOString()} – ${c.notAfter.toISOString()})`);
  };
  let current = leaf;
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    const asAnchor = stores.find((s) => s.has(current));
    if (asAnchor) return { status: 'trusted', path, anchorFrom: asAnchor.label, problems };
    for (const store of stores) {
      const anchor = store.issuersOf(current).find((a) => signs(a, current));
      if (anchor) {
        path.push(anchor);
        checkCa(anchor, true);
        return { status: 'trusted', path, anchorFrom: store.label, problems };
      }
    }
    const next = served.find((c) => !used.has(c) && signs(c, current));
    if (next) {
      used.add(next);
      path.push(next);
      checkCa(next, false);
      current = next;
      continue;
    }
    if (current.selfIssued && signs(current, current)) {
      return { status: current === leaf ? 'self-signed' : 'untrusted-root', path, problems };
    }
    return { status: 'incomplete', path, problems, missingIssuer: current.issuerText };
  }
  problems.push(`the chain is longer than ${MAX_DEPTH} certificates`);
  return { status: 'incomplete', path, problems, missingIssuer: current.issuerText };
}
