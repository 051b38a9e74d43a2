// Full handshakes with node:tls, for what a raw probe cannot see: client-
// initiated renegotiation (TLS-08), the TLS 1.3 session ticket's early-data
// allowance (TLS-09), and the certificate chain and OCSP staple of servers that
// speak only TLS 1.3 (their Certificate is encrypted).
//
// These connections lower OpenSSL's security level (SECLEVEL=0, TLS 1.0
// allowed, legacy servers without RFC 5746 accepted) so weak servers can still
// be measured. They verify nothing and send no data, except one HEAD request
// on HTTPS (see tls13Session). The setting lives in contexts made here, used
// by nothing else: Hearth's other connections keep Node's defaults.
import { constants } from 'node:crypto';
import { createSecureContext, connect as tlsConnect, type SecureContext, type TLSSocket } from 'node:tls';
import { isIP } from 'node:net';
import { openForTls, type ProbeEnv, type ProbeTarget } from './probe.js';
import { maxEarlyData } from './session.js';

type NodeVersion = 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';

/** OpenSSL's "4047…:error:0A000153:SSL routines:ssl3_read_bytes:no renegotiation:…" → "no renegotiation". */
export function tidyError(message: string): string {
  const m = /error:[0-9A-F]+:[^:]*:[^:]*:([^:]+)/.exec(message);
  return (m ? m[1]! : message).replace(/\s*\n\s*/g, ' ').trim();
}

const contexts = new Map<string, SecureContext>();

/** Destroys a socket and resolves once it is closed, so the limiter's slot is only then given back. */
function destroyed(socket: TLSSocket): Promise<void> {
  if (socket.closed) return Promise.resolve();
  return new Promise((resolve) => {
    socket.once('close', () => resolve());
    socket.destroy();
  });
}

/** A probing-only context: every cipher, security level 0, and no trust store (so the peer's chain is what it sent). */
function probingContext(minVersion: NodeVersion, maxVersion: NodeVersion): SecureContext {
  const key = `${minVersion}-${maxVersion}`;
  let ctx = contexts.get(key);
  if (!ctx) {
    // Legacy server connect: still measure servers that lack RFC 5746 (TLS-07 fails them separately).
    ctx = createSecureContext({ minVersion, maxVersion, ciphers: 'ALL:COMPLEMENTOFALL:@SECLEVEL=0', ca: [], secureOptions: constants.SSL_OP_LEGACY_SERVER_CONNECT });
    contexts.set(key, ctx);
  }
  return ctx;
}

interface Connected {
  socket: TLSSocket;
  ocsp?: Buffer;
}

/** Connects (STARTTLS first if needed) and completes a handshake, within the timeout. */
async function handshake(
  target: ProbeTarget,
  env: ProbeEnv,
  serverName: string | undefined,
  minVersion: NodeVersion,
  maxVersion: NodeVersion,
  onSession?: (s: Buffer) => void,
): Promise<Connected | { error: string }> {
  const opened = await openForTls(target, env.timeoutMs);
  if ('kind' in opened) return { error: opened.reason };
  return new Promise((resolve) => {
    let ocsp: Buffer | undefined;
    const socket = tlsConnect({
      socket: opened.socket,
      secureContext: probingContext(minVersion, maxVersion),
      rejectUnauthorized: false,
      requestOCSP: true,
      ...(serverName && isIP(serverName) === 0 ? { servername: serverName } : {}),
    });
    const timer = setTimeout(() => done({ error: `no completed handshake within ${env.timeoutMs} ms` }), env.timeoutMs);
    let settled = false;
    const done = (r: Connected | { error: string }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if ('error' in r) void destroyed(socket).then(() => resolve(r));
      else resolve(r);
    };
    socket.on('OCSPResponse', (resp: Buffer) => {
      if (resp?.length) ocsp = Buffer.from(resp);
    });
    if (onSession) socket.on('session', onSession);
    socket.once('secureConnect', () => done(ocsp ? { socket, ocsp } : { socket }));
    socket.on('error', (err) => done({ error: tidyError(err.message) }));
    socket.on('close', () => done({ error: 'the connection closed during the handshake' }));
  });
}

export type RenegotiationResult = { outcome: 'allowed' | 'refused'; detail: string; protocol: string } | { outcome: 'error'; detail: string };

/** TLS-08: complete a TLS ≤ 1.2 handshake, then ask for a new one from our side. */
export async function tryRenegotiation(target: ProbeTarget, env: ProbeEnv, serverName: string | undefined, version: NodeVersion): Promise<RenegotiationResult> {
  if (!env.budget.take()) return { outcome: 'error', detail: 'the handshake budget for this endpoint is spent' };
  return env.limiter.with(target.address, async () => {
    const c = await handshake(target, env, serverName, 'TLSv1', version);
    if ('error' in c) return { outcome: 'error', detail: `the ${version} handshake failed: ${c.error}` };
    const socket = c.socket;
    const protocol = socket.getProtocol() ?? version;
    return new Promise<RenegotiationResult>((resolve) => {
      let settled = false;
      const done = (r: RenegotiationResult) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        void destroyed(socket).then(() => resolve(r));
      };
      // A server that neither renegotiates nor answers has not renegotiated.
      const timer = setTimeout(() => done({ outcome: 'refused', detail: `no renegotiation within ${env.timeoutMs} ms`, protocol }), env.timeoutMs);
      socket.removeAllListeners('error');
      socket.removeAllListeners('close');
      socket.on('error', (err) => done({ outcome: 'refused', detail: tidyError(err.message), protocol }));
      socket.on('close', () => done({ outcome: 'refused', detail: 'the server closed the connection', protocol }));
      socket.resume();
      const started = socket.renegotiate({ rejectUnauthorized: false }, (err) => {
        if (err) done({ outcome: 'refused', detail: tidyError(err.message), protocol });
        else done({ outcome: 'allowed', detail: 'the server completed a renegotiation we started', protocol });
      });
      if (!started) done({ outcome: 'error', detail: 'could not start a renegotiation on this connection' });
    });
  });
}

export interface Tls13Session {
  protocol: string;
  /** The chain as the server sent it, leaf first. */
  chain: Buffer[];
  ocsp?: Buffer;
  /** From the first session ticket: undefined when none came within the wait. */
  maxEarlyData?: number;
  ticketError?: string;
}

/**
 * A TLS 1.3 handshake that waits briefly for a session ticket (TLS-09) and keeps
 * the chain and staple. On HTTPS it sends one HEAD request: some servers only
 * send their tickets along with their first response.
 */
export async function tls13Session(
  target: ProbeTarget,
  env: ProbeEnv,
  serverName: string | undefined,
  ticketWaitMs: number,
  httpHost?: string,
): Promise<Tls13Session | { error: string }> {
  if (!env.budget.take()) return { error: 'the handshake budget for this endpoint is spent' };
  return env.limiter.with(target.address, async () => {
    let resolveTicket: (s: Buffer) => void = () => {};
    const ticket = new Promise<Buffer>((r) => (resolveTicket = r));
    const c = await handshake(target, env, serverName, 'TLSv1.3', 'TLSv1.3', (s) => resolveTicket(s));
    if ('error' in c) return c;
    const socket = c.socket;
    try {
      const out: Tls13Session = { protocol: socket.getProtocol() ?? 'TLSv1.3', chain: peerChain(socket) };
      if (c.ocsp) out.ocsp = c.ocsp;
      socket.resume();
      if (httpHost) socket.write(`HEAD / HTTP/1.1\r\nHost: ${httpHost}\r\nUser-Agent: hearth-check\r\nConnection: close\r\n\r\n`);
      let timer: NodeJS.Timeout | undefined;
      const ended = new Promise<undefined>((r) => socket.once('end', () => setTimeout(() => r(undefined), 20)));
      const session = await Promise.race([ticket, ended, new Promise<undefined>((r) => (timer = setTimeout(() => r(undefined), ticketWaitMs)))]);
      clearTimeout(timer);
      if (session) {
        try {
          out.maxEarlyData = maxEarlyData(session);
        } catch (err) {
          out.ticketError = (err as Error).message;
        }
      }
      return out;
    } finally {
      await destroyed(socket);
    }
  });
}

/** The certificates the peer sent, leaf first (the probing context has no trust store to add to them). */
function peerChain(socket: TLSSocket): Buffer[] {
  const out: Buffer[] = [];
  let cert = socket.getPeerCertificate(true);
  const seen = new Set<string>();
  while (cert && cert.raw && out.length < 16) {
    const fp = cert.fingerprint256;
    if (seen.has(fp)) break;
    seen.add(fp);
    out.push(Buffer.from(cert.raw));
    cert = cert.issuerCertificate;
  }
  return out;
}
