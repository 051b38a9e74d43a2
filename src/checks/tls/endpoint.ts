// One TLS endpoint audited: raw handshakes learn what the server offers
// (scan.ts), two full node:tls handshakes cover renegotiation, 0-RTT and
// TLS 1.3-only chains (full.ts), then TLS-01…11 and CERT-01…05 are judged.
// Every connection goes through the caller's ConnectionLimiter, and one
// endpoint never costs more than `maxHandshakes` connections.
import { endpointTarget, errorResult } from '../audit-support.js';
import { auditCertificates } from '../cert/checks.js';
import type { Resolver } from '../dns/resolver.js';
import type { ConnectionLimiter } from '../net/limiter.js';
import type { CheckResult } from '../types.js';
import { type RenegotiationResult, type Tls13Session, tls13Session, tryRenegotiation } from './full.js';
import { judgeTls } from './judge.js';
import { Budget, type ProbeEnv, type ProbeTarget } from './probe.js';
import { SSLv3, TLSv1, TLSv1_1, TLSv1_2, TLSv1_3, versionName, VERSIONS } from './registry.js';
import { scanServer } from './scan.js';

export interface TlsEndpoint {
  /** The name sent as SNI and matched against the certificate. */
  host: string;
  address: string;
  port: number;
  starttls?: 'smtp' | 'imap' | 'pop3';
  kind: 'https' | 'mail' | 'other';
  /** The MX publishes DANE-TA (usage 2) TLSA records: chain and name are judged, not only reported. */
  dane?: boolean;
}

export interface TlsContext {
  limiter: ConnectionLimiter;
  /** Connect and per-exchange timeout. */
  timeoutMs: number;
  /** Extra trust anchors (PEM) beside the system roots. */
  ca?: string[];
  now?: Date;
  resolver?: Resolver;
  /** At most this many handshakes for the endpoint (politeness). Default 60. */
  maxHandshakes?: number;
}

export interface TlsFacts {
  handshakeOk: boolean;
  /** Versions the server negotiated, newest first, e.g. ["TLSv1.3", "TLSv1.2"]. */
  protocols: string[];
  leafDer?: Buffer;
  chainDer?: Buffer[];
  error?: string;
  /** How STARTTLS went, when the endpoint uses it. */
  starttls?: 'ok' | 'not-offered' | 'failed';
  /** Handshakes this endpoint cost. */
  handshakes?: number;
  /** One line per handshake: what was offered and what came back. */
  log?: string[];
}

export const TLS_IDS = ['TLS-01', 'TLS-02', 'TLS-03', 'TLS-04', 'TLS-05', 'TLS-06', 'TLS-07', 'TLS-08', 'TLS-09', 'TLS-10', 'TLS-11'];
export const CERT_IDS = ['CERT-01', 'CERT-02', 'CERT-03', 'CERT-04', 'CERT-05'];

const DEFAULT_MAX_HANDSHAKES = 60;
const FULL_HANDSHAKES = 2;
/** How long to wait for a TLS 1.3 session ticket after the handshake. */
const TICKET_WAIT_MS = 1_000;

function hostHeader(ep: TlsEndpoint): string {
  const host = ep.host.includes(':') ? `[${ep.host}]` : ep.host;
  return ep.port === 443 ? host : `${host}:${ep.port}`;
}

export async function auditTlsEndpoint(ep: TlsEndpoint, ctx: TlsContext): Promise<{ results: CheckResult[]; facts: TlsFacts }> {
  const target = endpointTarget(ep.host, ep.port, ep.address);
  const now = ctx.now ?? new Date();
  // Two handshakes are kept for the full handshakes that come last (renegotiation, TLS 1.3 session).
  const max = Math.max(ctx.maxHandshakes ?? DEFAULT_MAX_HANDSHAKES, 4);
  const budget = new Budget(max - FULL_HANDSHAKES);
  const fullBudget = new Budget(FULL_HANDSHAKES);
  const env: ProbeEnv = { limiter: ctx.limiter, timeoutMs: ctx.timeoutMs, budget };
  const fullEnv: ProbeEnv = { ...env, budget: fullBudget };
  const spent = () => budget.used + fullBudget.used;
  const probeTarget: ProbeTarget = ep.starttls ? { address: ep.address, port: ep.port, starttls: ep.starttls } : { address: ep.address, port: ep.port };
  const serverName = ep.host;
  // A whole-endpoint deadline: after it, no new handshake starts (those under way end by their own timeout).
  const deadline = setTimeout(() => {
    budget.close();
    fullBudget.close();
  }, Math.max(ctx.timeoutMs * 8, 10_000));
  try {
    const scan = await scanServer({ target: probeTarget, serverName, env });
    if (scan.fatal) {
      const reason = `no TLS handshake with ${target}: ${scan.fatal}`;
      const facts: TlsFacts = { handshakeOk: false, protocols: [], error: scan.fatal, handshakes: spent(), log: scan.log };
      if (ep.starttls && scan.fatalStage !== 'connect') {
        facts.starttls = scan.fatalStage === 'tls' ? 'ok' : scan.starttlsFailure === 'not-offered' ? 'not-offered' : 'failed';
      }
      return { results: [...TLS_IDS, ...CERT_IDS].map((id) => errorResult(id, target, reason)), facts };
    }

    const offered = (x: number) => scan.versions.get(x)?.offered === true;
    const reneg = [TLSv1_2, TLSv1_1, TLSv1].find(offered);
    const needChain = !scan.certificates;
    // One after the other, renegotiation last: a server may take its time to recover from a refused one.
    let session13: Tls13Session | { error: string } | undefined;
    if (offered(TLSv1_3) && (ep.kind === 'https' || needChain || !scan.stapleKnown)) {
      // The ticket matters only for 0-RTT (TLS-09), judged on HTTPS; mail servers need not be waited for.
      const ticketWait = ep.kind === 'https' ? Math.min(TICKET_WAIT_MS, ctx.timeoutMs) : 0;
      session13 = await tls13Session(probeTarget, fullEnv, serverName, ticketWait, ep.kind === 'https' ? hostHeader(ep) : undefined);
    }
    let renegotiation: RenegotiationResult | undefined;
    if (reneg) renegotiation = await tryRenegotiation(probeTarget, fullEnv, serverName, versionName(reneg) as 'TLSv1' | 'TLSv1.1' | 'TLSv1.2');

    const chainDer = scan.certificates ?? (session13 && !('error' in session13) && session13.chain.length ? session13.chain : undefined);
    const certs = chainDer
      ? auditCertificates({ chain: chainDer, host: ep.host, kind: ep.kind, dane: ep.dane, ca: ctx.ca, now, target })
      : { results: CERT_IDS.map((id) => errorResult(id, target, offered(SSLv3) ? 'no certificate could be read (only SSLv3 answered)' : 'no certificate could be read')) };
    const tlsResults = judgeTls({
      target,
      kind: ep.kind,
      scan,
      ...(renegotiation ? { renegotiation } : {}),
      ...(session13 ? { session13 } : {}),
      ...('leaf' in certs && certs.leaf ? { leaf: certs.leaf } : {}),
      ...('issuer' in certs && certs.issuer ? { issuer: certs.issuer } : {}),
      now,
    });
    const protocols = VERSIONS.filter(offered).map(versionName);
    const facts: TlsFacts = {
      handshakeOk: protocols.length > 0 && chainDer !== undefined,
      protocols,
      handshakes: spent(),
      log: scan.log,
    };
    if (ep.starttls) facts.starttls = 'ok';
    if (chainDer) {
      facts.chainDer = chainDer;
      facts.leafDer = chainDer[0]!;
    } else {
      facts.error = 'no certificate could be read';
    }
    return { results: [...tlsResults, ...certs.results], facts };
  } finally {
    clearTimeout(deadline);
  }
}
