// Plain-text mail protocol dialogues on a raw socket, before any TLS: what an
// SMTP, IMAP or POP3 server advertises to anyone who connects (MAIL-02, MAIL-11).
import { connect, type Socket } from 'node:net';
import type { ConnectionLimiter } from '../net/limiter.js';

export class DialogueError extends Error {
  constructor(
    message: string,
    readonly kind: 'refused' | 'timeout' | 'closed' | 'protocol' | 'other',
  ) {
    super(message);
  }
}

const MAX_REPLY = 64 * 1024;

/** A line-oriented conversation with one server: read until a predicate says the reply is complete. */
class Conversation {
  private buffer = '';
  private waiter: { done: (line: string) => boolean; resolve: (lines: string[]) => void; reject: (e: Error) => void; lines: string[] } | undefined;
  private failure: Error | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly socket: Socket,
    private readonly timeoutMs: number,
  ) {
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      this.buffer += chunk;
      if (this.buffer.length > MAX_REPLY) this.fail(new DialogueError('the server sent an over-long reply', 'protocol'));
      else this.pump();
    });
    socket.on('error', (err) => this.fail(classify(err)));
    socket.on('close', () => this.fail(new DialogueError('the server closed the connection', 'closed')));
  }

  private fail(err: Error) {
    this.failure ??= err;
    const w = this.waiter;
    this.waiter = undefined;
    clearTimeout(this.timer);
    w?.reject(this.failure);
    this.socket.destroy();
  }

  private pump() {
    const w = this.waiter;
    if (!w) return;
    let nl: number;
    while ((nl = this.buffer.indexOf('\n')) >= 0) {
      const line = this.buffer.slice(0, nl).replace(/\r$/, '');
      this.buffer = this.buffer.slice(nl + 1);
      w.lines.push(line);
      if (w.done(line)) {
        this.waiter = undefined;
        clearTimeout(this.timer);
        w.resolve(w.lines);
        return;
      }
    }
  }

  read(done: (line: string) => boolean): Promise<string[]> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiter = { done, resolve, reject, lines: [] };
      this.timer = setTimeout(() => this.fail(new DialogueError(`no reply within ${this.timeoutMs / 1000} s`, 'timeout')), this.timeoutMs);
      this.pump();
    });
  }

  send(line: string): void {
    if (!this.failure) this.socket.write(`${line}\r\n`);
  }

  close(): void {
    this.socket.destroy();
  }
}

function classify(err: unknown): DialogueError {
  if (err instanceof DialogueError) return err;
  const code = (err as { code?: string }).code;
  if (code === 'ECONNREFUSED') return new DialogueError('connection refused', 'refused');
  if (code === 'ECONNRESET') return new DialogueError('connection reset by the server', 'closed');
  return new DialogueError((err as Error).message || code || 'connection failed', 'other');
}

export interface DialogueContext {
  limiter: ConnectionLimiter;
  timeoutMs: number;
}

async function converse<T>(ctx: DialogueContext, address: string, port: number, fn: (c: Conversation, socket: Socket) => Promise<T>): Promise<T> {
  return ctx.limiter.with(address, async () => {
    const socket = connect({ host: address, port });
    const conversation = new Conversation(socket, ctx.timeoutMs);
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          socket.destroy();
          reject(new DialogueError(`could not connect within ${ctx.timeoutMs / 1000} s`, 'timeout'));
        }, ctx.timeoutMs);
        socket.once('connect', () => {
          clearTimeout(timer);
          resolve();
        });
        socket.once('error', (err) => {
          clearTimeout(timer);
          reject(classify(err));
        });
      });
      return await fn(conversation, socket);
    } finally {
      conversation.close();
    }
  });
}

// ── SMTP (RFC 5321, RFC 3207) ──────────────────────────────────────────

export interface SmtpGreeting {
  banner: string;
  /** EHLO keywords, upper case, with their parameters ("AUTH PLAIN LOGIN"). */
  extensions: string[];
  starttls: boolean;
  /** SASL mechanisms offered before TLS (empty when none). */
  authBeforeTls: string[];
}

/** A complete SMTP reply ends with a line "NNN " (or just "NNN"). */
const smtpEnd = (line: string) => /^\d{3}(?: |$)/.test(line);

/** Parses the lines of an EHLO reply into keywords (RFC 5321 §4.1.1.1). */
export function parseEhlo(lines: string[]): Pick<SmtpGreeting, 'extensions' | 'starttls' | 'authBeforeTls'> {
  const extensions = lines.slice(1).map((l) => l.slice(4).trim().toUpperCase()).filter(Boolean);
  const auth = extensions.find((e) => e === 'AUTH' || e.startsWith('AUTH ') || e.startsWith('AUTH='));
  return {
    extensions,
    starttls: extensions.some((e) => e === 'STARTTLS'),
    authBeforeTls: auth ? auth.slice(5).split(/\s+/).filter(Boolean) : [],
  };
}

const ehloName = (socket: Socket) => {
  const local = socket.localAddress ?? '127.0.0.1';
  return local.includes(':') ? `[IPv6:${local.replace(/^::ffff:/, '')}]` : `[${local}]`;
};

/** Reads the banner, says EHLO, and quits: what the server offers before TLS. */
export function smtpGreeting(ctx: DialogueContext, address: string, port: number): Promise<SmtpGreeting> {
  return converse(ctx, address, port, async (c, socket) => {
    const banner = await c.read(smtpEnd);
    if (!/^220/.test(banner.at(-1) ?? '')) throw new DialogueError(`the server did not greet with 220: ${(banner.at(-1) ?? '').slice(0, 80)}`, 'protocol');
    c.send(`EHLO ${ehloName(socket)}`);
    const ehlo = await c.read(smtpEnd);
    if (!/^250/.test(ehlo.at(-1) ?? '')) throw new DialogueError(`EHLO was refused: ${(ehlo.at(-1) ?? '').slice(0, 80)}`, 'protocol');
    c.send('QUIT');
    return { banner: banner.join(' ').slice(0, 200), ...parseEhlo(ehlo) };
  });
}

// ── IMAP (RFC 9051) and POP3 (RFC 2449) ────────────────────────────────

export interface ClientGreeting {
  capabilities: string[];
  starttls: boolean;
  /** The server would accept a password before TLS. */
  authBeforeTls: boolean;
}

/** IMAP: a LOGIN that is not disabled, or an AUTH= mechanism, before TLS. */
export function judgeImapCapabilities(caps: string[]): ClientGreeting {
  const upper = caps.map((c) => c.toUpperCase());
  return {
    capabilities: upper,
    starttls: upper.includes('STARTTLS'),
    authBeforeTls: !upper.includes('LOGINDISABLED') || upper.some((c) => c.startsWith('AUTH=')),
  };
}

export function imapGreeting(ctx: DialogueContext, address: string, port: number): Promise<ClientGreeting> {
  return converse(ctx, address, port, async (c) => {
    const greeting = (await c.read(() => true))[0] ?? '';
    if (!/^\* (OK|PREAUTH)/i.test(greeting)) throw new DialogueError(`not an IMAP greeting: ${greeting.slice(0, 80)}`, 'protocol');
    c.send('h1 CAPABILITY');
    const lines = await c.read((l) => /^h1 /i.test(l));
    c.send('h2 LOGOUT');
    const capLine = lines.find((l) => /^\* CAPABILITY /i.test(l)) ?? '';
    return judgeImapCapabilities(capLine.split(/\s+/).slice(2));
  });
}

/** POP3: USER or a SASL mechanism advertised before TLS. */
export function judgePop3Capabilities(caps: string[]): ClientGreeting {
  const upper = caps.map((c) => c.trim().toUpperCase()).filter(Boolean);
  return {
    capabilities: upper,
    starttls: upper.includes('STLS'),
    authBeforeTls: upper.includes('USER') || upper.some((c) => /^SASL \S/.test(c)),
  };
}

export function pop3Greeting(ctx: DialogueContext, address: string, port: number): Promise<ClientGreeting> {
  return converse(ctx, address, port, async (c) => {
    const greeting = (await c.read(() => true))[0] ?? '';
    if (!/^\+OK/.test(greeting)) throw new DialogueError(`not a POP3 greeting: ${greeting.slice(0, 80)}`, 'protocol');
    c.send('CAPA');
    const first = (await c.read(() => true))[0] ?? '';
    const caps = first.startsWith('+OK') ? (await c.read((l) => l === '.')).slice(0, -1) : [];
    c.send('QUIT');
    return judgePop3Capabilities(caps);
  });
}

/** Whether anything accepts a TCP connection at address:port (closed at once). */
export interface TcpProbe {
  open: boolean;
  /** No answer at all (filtered?): closed or not is unknown. */
  timedOut?: boolean;
  reason?: string;
}

export function tcpOpen(ctx: DialogueContext, address: string, port: number): Promise<TcpProbe> {
  return ctx.limiter.with(address, () =>
    new Promise<TcpProbe>((resolve) => {
      const socket = connect({ host: address, port });
      const done = (r: TcpProbe) => {
        clearTimeout(timer);
        socket.destroy();
        resolve(r);
      };
      const timer = setTimeout(() => done({ open: false, timedOut: true, reason: `no answer within ${ctx.timeoutMs / 1000} s` }), ctx.timeoutMs);
      socket.once('connect', () => done({ open: true }));
      socket.once('error', (err) => done({ open: false, reason: classify(err).message }));
    }),
  );
}
