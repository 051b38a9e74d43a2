// One raw handshake attempt: connect (through the limiter), run STARTTLS if
// asked, send our ClientHello, and read the server's first flight in the clear
// until ServerHelloDone (TLS ≤ 1.2), the ServerHello (TLS 1.3), an alert, or
// the timeout. We never finish a handshake: once we know what the server chose,
// the socket is closed.
import { connect, type Socket } from 'node:net';
import type { ConnectionLimiter } from '../net/limiter.js';
import { TlsParseError } from './bytes.js';
import {
  type Alert,
  ContentType,
  HandshakeReader,
  HandshakeType,
  isSslv2Error,
  looksLikeSslv2,
  parseAlert,
  parseCertificate,
  parseCertificateStatus,
  parseServerHello,
  parseServerKeyExchange,
  parseSslv2ServerHello,
  RecordReader,
  type ServerHello,
  type ServerKeyExchange,
  type Sslv2ServerHello,
} from './messages.js';
import { suites, TLSv1_3 } from './registry.js';
import { negotiateStartTls, StartTlsError, type StartTlsProtocol } from './starttls.js';

export interface ProbeTarget {
  address: string;
  port: number;
  starttls?: StartTlsProtocol;
}

/** The most handshakes one endpoint may cost (politeness). */
export class Budget {
  used = 0;
  private closed = false;
  constructor(readonly max: number) {}
  take(): boolean {
    if (this.closed || this.used >= this.max) return false;
    this.used++;
    return true;
  }
  /** No further handshakes (the endpoint's deadline passed). */
  close(): void {
    this.closed = true;
  }
  get left(): number {
    return this.closed ? 0 : this.max - this.used;
  }
}

export interface ProbeEnv {
  limiter: ConnectionLimiter;
  timeoutMs: number;
  budget: Budget;
}

export type ProbeOutcome =
  | {
      kind: 'hello';
      hello: ServerHello;
      certificates?: Buffer[];
      ske?: ServerKeyExchange;
      ocsp?: Buffer;
      /** The whole first flight arrived (ServerHelloDone, or a TLS 1.3 ServerHello / HRR). */
      complete: boolean;
    }
  | { kind: 'alert'; alert: Alert }
  /** The server closed or reset the connection without answering: a refusal. */
  | { kind: 'closed' }
  | { kind: 'sslv2'; hello: Sslv2ServerHello }
  | { kind: 'error'; stage: 'connect' | 'starttls' | 'tls'; reason: string; timeout?: boolean; starttls?: StartTlsError['kind'] }
  /** Not attempted: the endpoint's handshake budget is spent. */
  | { kind: 'skipped' };

const MAX_BYTES = 512 * 1024;

/** How a suite's ServerKeyExchange is laid out, if it sends one. */
function skeLayout(suite: number): { kx: 'ecdhe' | 'dhe' | 'rsa-export'; signed: boolean } | undefined {
  const s = suites.get(suite);
  if (!s) return undefined;
  if (s.kx === 'ECDHE') return { kx: 'ecdhe', signed: true };
  if (s.kx === 'DHE') return { kx: 'dhe', signed: true };
  if (s.kx === 'anon') return { kx: s.name.includes('ECDH_anon') ? 'ecdhe' : 'dhe', signed: false };
  if (s.kx === 'RSA' && s.name.includes('EXPORT')) return { kx: 'rsa-export', signed: true };
  return undefined;
}

/** Opens a TCP connection within the timeout. */
function open(target: ProbeTarget, timeoutMs: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: target.address, port: target.port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(Object.assign(new Error(`connect timed out after ${timeoutMs} ms`), { timeout: true }));
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.setNoDelay(true);
      resolve(socket);
    });
    socket.once('error', (err) => {
      clearTimeout(timer);
      socket.destroy();
      reject(err);
    });
  });
}

/** An open connection, ready for TLS bytes (STARTTLS done if asked). Errors carry the stage. */
export async function openForTls(
  target: ProbeTarget,
  timeoutMs: number,
): Promise<{ socket: Socket; transcript: string[] } | Extract<ProbeOutcome, { kind: 'error' }>> {
  let socket: Socket;
  try {
    socket = await open(target, timeoutMs);
  } catch (err) {
    return { kind: 'error', stage: 'connect', reason: errText(err), timeout: (err as { timeout?: boolean }).timeout === true };
  }
  if (!target.starttls) return { socket, transcript: [] };
  // A late socket error (reset) must not become an unhandled 'error' event.
  const swallow = () => {};
  socket.on('error', swallow);
  try {
    const transcript = await negotiateStartTls(socket, target.starttls, timeoutMs);
    socket.off('error', swallow);
    return { socket, transcript };
  } catch (err) {
    socket.destroy();
    const kind = err instanceof StartTlsError ? err.kind : 'protocol';
    return { kind: 'error', stage: 'starttls', reason: `${target.starttls.toUpperCase()} STARTTLS: ${errText(err)}`, timeout: kind === 'timeout', starttls: kind };
  }
}

function errText(err: unknown): string {
  if (err instanceof Error) return (err as { code?: string }).code ? `${err.message}` : err.message;
  return String(err);
}

/**
 * Sends `hello` and reads the answer. `sslv2` expects an SSLv2 SERVER-HELLO
 * (or a TLS alert / a closed connection from a server that does not speak it).
 */
export async function probe(target: ProbeTarget, env: ProbeEnv, hello: Buffer, mode: 'tls' | 'sslv2' = 'tls'): Promise<ProbeOutcome> {
  if (!env.budget.take()) return { kind: 'skipped' };
  return env.limiter.with(target.address, async () => {
    const opened = await openForTls(target, env.timeoutMs);
    if ('kind' in opened) return opened;
    return exchange(opened.socket, hello, mode, env.timeoutMs);
  });
}

/** Writes the hello on a connected socket and reads the first flight; always destroys the socket. */
export function exchange(socket: Socket, hello: Buffer, mode: 'tls' | 'sslv2', timeoutMs: number): Promise<ProbeOutcome> {
  return new Promise<ProbeOutcome>((resolve) => {
    const records = new RecordReader();
    const handshakes = new HandshakeReader();
    let sh: ServerHello | undefined;
    let certificates: Buffer[] | undefined;
    let ske: ServerKeyExchange | undefined;
    let ocsp: Buffer | undefined;
    let received = 0;
    let raw = Buffer.alloc(0);
    let decided: 'tls' | 'sslv2' | undefined = mode === 'tls' ? 'tls' : undefined;
    let finished = false;

    const finish = (o: ProbeOutcome) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      socket.removeAllListeners('data');
      socket.on('error', () => {});
      // The connection slot is given back only once the socket is really closed.
      if (socket.closed) resolve(o);
      else {
        socket.once('close', () => resolve(o));
        socket.destroy();
      }
    };
    const partial = (): ProbeOutcome | undefined => (sh ? { kind: 'hello', hello: sh, certificates, ske, ocsp, complete: false } : undefined);

    const timer = setTimeout(() => {
      finish(partial() ?? { kind: 'error', stage: 'tls', reason: `no answer to the ClientHello within ${timeoutMs} ms`, timeout: true });
    }, timeoutMs);

    const onMessage = (type: number, body: Buffer): boolean => {
      if (!sh) {
        if (type !== HandshakeType.serverHello) throw new TlsParseError(`expected ServerHello, got handshake message ${type}`);
        sh = parseServerHello(body);
        if (sh.helloRetryRequest || sh.version === TLSv1_3) {
          finish({ kind: 'hello', hello: sh, complete: true });
          return true;
        }
        return false;
      }
      switch (type) {
        case HandshakeType.certificate:
          certificates = parseCertificate(body);
          return false;
        case HandshakeType.serverKeyExchange: {
          const layout = skeLayout(sh.suite);
          if (layout) ske = parseServerKeyExchange(body, layout.kx, sh.version, layout.signed);
          return false;
        }
        case HandshakeType.certificateStatus:
          ocsp = parseCertificateStatus(body);
          return false;
        case HandshakeType.serverHelloDone:
          finish({ kind: 'hello', hello: sh, certificates, ske, ocsp, complete: true });
          return true;
        default:
          return false; // CertificateRequest and the like: not needed
      }
    };

    const onData = (chunk: Buffer) => {
      if (finished) return;
      received += chunk.length;
      try {
        if (received > MAX_BYTES) throw new TlsParseError(`more than ${MAX_BYTES} bytes before the handshake settled`);
        if (decided === undefined) {
          raw = Buffer.concat([raw, chunk]);
          if (raw.length < 3) return;
          decided = looksLikeSslv2(raw) ? 'sslv2' : 'tls';
          chunk = raw;
        }
        if (decided === 'sslv2') {
          raw = raw === chunk ? raw : Buffer.concat([raw, chunk]);
          if (isSslv2Error(raw)) return finish({ kind: 'closed' });
          const v2 = parseSslv2ServerHello(raw);
          if (v2) finish({ kind: 'sslv2', hello: v2 });
          return;
        }
        for (const rec of records.push(chunk)) {
          if (rec.type === ContentType.alert) {
            const alert = parseAlert(rec.fragment);
            finish(partial() ?? { kind: 'alert', alert });
            return;
          }
          if (rec.type === ContentType.handshake) {
            for (const m of handshakes.push(rec.fragment)) if (onMessage(m.type, m.body)) return;
          } else if (!sh) {
            throw new TlsParseError(`content type ${rec.type} before the ServerHello`);
          }
        }
      } catch (err) {
        const reason = err instanceof TlsParseError ? `malformed answer: ${err.message}` : errText(err);
        finish({ kind: 'error', stage: 'tls', reason });
      }
    };

    socket.on('data', onData);
    socket.on('error', () => finish(partial() ?? { kind: 'closed' }));
    socket.on('close', () => finish(partial() ?? { kind: 'closed' }));
    socket.resume();
    socket.write(hello);
  });
}
