// The plain-text preamble before a TLS handshake on SMTP (RFC 3207), IMAP
// (RFC 9051 §6.2.1) and POP3 (RFC 2595): greeting, capability, STARTTLS.
import type { Socket } from 'node:net';

export type StartTlsProtocol = 'smtp' | 'imap' | 'pop3';

export class StartTlsError extends Error {
  override readonly name = 'StartTlsError';
  constructor(
    message: string,
    /** not-offered: the server does not advertise STARTTLS; refused: it said no; protocol: it said something else. */
    readonly kind: 'not-offered' | 'refused' | 'protocol' | 'timeout' | 'closed',
  ) {
    super(message);
  }
}

const MAX_LINE = 4096;
const MAX_LINES = 200;

/** Reads CRLF-terminated lines from a socket, each within the timeout. */
class LineReader {
  private buf = '';
  private lines: string[] = [];
  private waiter: { resolve: (l: string) => void; reject: (e: Error) => void } | undefined;
  private failure: Error | undefined;
  private count = 0;
  private readonly onData = (chunk: Buffer) => {
    this.buf += chunk.toString('latin1');
    let i: number;
    while ((i = this.buf.indexOf('\n')) >= 0) {
      this.lines.push(this.buf.slice(0, i).replace(/\r$/, ''));
      this.buf = this.buf.slice(i + 1);
    }
    if (this.buf.length > MAX_LINE) this.fail(new StartTlsError('line too long', 'protocol'));
    this.wake();
  };
  private readonly onEnd = () => this.fail(new StartTlsError('the server closed the connection', 'closed'));

  constructor(
    private readonly socket: Socket,
    private readonly timeoutMs: number,
  ) {
    socket.on('data', this.onData);
    socket.on('end', this.onEnd);
    socket.on('close', this.onEnd);
  }

  private fail(e: Error): void {
    this.failure ??= e;
    this.wake();
  }

  private wake(): void {
    const w = this.waiter;
    if (!w) return;
    if (this.lines.length) {
      this.waiter = undefined;
      w.resolve(this.lines.shift()!);
    } else if (this.failure) {
      this.waiter = undefined;
      w.reject(this.failure);
    }
  }

  next(): Promise<string> {
    if (++this.count > MAX_LINES) return Promise.reject(new StartTlsError('too many lines', 'protocol'));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        reject(new StartTlsError(`no answer within ${this.timeoutMs} ms`, 'timeout'));
      }, this.timeoutMs);
      this.waiter = {
        resolve: (l) => {
          clearTimeout(timer);
          resolve(l);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      };
      this.wake();
    });
  }

  /** Stop reading; throws when the server already sent more (a STARTTLS injection risk, RFC 3207 §5). */
  detach(): void {
    this.socket.pause();
    this.socket.off('data', this.onData);
    this.socket.off('end', this.onEnd);
    this.socket.off('close', this.onEnd);
    if (this.buf.length || this.lines.length) throw new StartTlsError('the server sent data after agreeing to STARTTLS', 'protocol');
  }
}

/** An SMTP reply: all lines up to the one with a space after the code. */
async function smtpReply(lr: LineReader, transcript: string[]): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  for (;;) {
    const line = await lr.next();
    transcript.push(`S: ${line}`);
    const m = /^(\d{3})([ -])(.*)$/.exec(line);
    if (!m) throw new StartTlsError(`not an SMTP reply: ${line.slice(0, 80)}`, 'protocol');
    lines.push(m[3]!);
    if (m[2] === ' ') return { code: Number(m[1]), lines };
  }
}

function send(socket: Socket, text: string, transcript: string[]): void {
  transcript.push(`C: ${text}`);
  socket.write(`${text}\r\n`);
}

/**
 * Runs the protocol's STARTTLS dialogue on a connected socket. On success the
 * socket is paused with nothing buffered: the next bytes belong to TLS.
 * Returns the dialogue, for evidence.
 */
export async function negotiateStartTls(socket: Socket, proto: StartTlsProtocol, timeoutMs: number): Promise<string[]> {
  const transcript: string[] = [];
  const lr = new LineReader(socket, timeoutMs);
  try {
    if (proto === 'smtp') {
      const greeting = await smtpReply(lr, transcript);
      if (greeting.code !== 220) throw new StartTlsError(`SMTP greeting ${greeting.code}`, 'protocol');
      const local = socket.localAddress ?? '127.0.0.1';
      send(socket, `EHLO ${local.includes(':') ? `[IPv6:${local}]` : `[${local}]`}`, transcript);
      const ehlo = await smtpReply(lr, transcript);
      if (ehlo.code !== 250) throw new StartTlsError(`EHLO answered ${ehlo.code}`, 'protocol');
      if (!ehlo.lines.some((l) => /^STARTTLS\b/i.test(l))) throw new StartTlsError('the server does not offer STARTTLS', 'not-offered');
      send(socket, 'STARTTLS', transcript);
      const go = await smtpReply(lr, transcript);
      if (go.code !== 220) throw new StartTlsError(`STARTTLS answered ${go.code}`, 'refused');
    } else if (proto === 'imap') {
      const greeting = await lr.next();
      transcript.push(`S: ${greeting}`);
      if (!/^\* (OK|PREAUTH)\b/i.test(greeting)) throw new StartTlsError(`IMAP greeting: ${greeting.slice(0, 80)}`, 'protocol');
      send(socket, 'a1 STARTTLS', transcript);
      for (;;) {
        const line = await lr.next();
        transcript.push(`S: ${line}`);
        if (line.startsWith('* ')) continue; // untagged data may come first
        if (/^a1 OK\b/i.test(line)) break;
        if (/^a1 (NO|BAD)\b/i.test(line)) throw new StartTlsError(`STARTTLS refused: ${line.slice(0, 80)}`, /BAD/i.test(line) ? 'not-offered' : 'refused');
        throw new StartTlsError(`unexpected IMAP line: ${line.slice(0, 80)}`, 'protocol');
      }
    } else {
      const greeting = await lr.next();
      transcript.push(`S: ${greeting}`);
      if (!/^\+OK\b/.test(greeting)) throw new StartTlsError(`POP3 greeting: ${greeting.slice(0, 80)}`, 'protocol');
      send(socket, 'STLS', transcript);
      const go = await lr.next();
      transcript.push(`S: ${go}`);
      if (!/^\+OK\b/.test(go)) throw new StartTlsError(`STLS refused: ${go.slice(0, 80)}`, 'not-offered');
    }
    lr.detach();
    return transcript;
  } catch (err) {
    try {
      lr.detach();
    } catch {
      // the first error is the one that matters
    }
    throw err;
  }
}
