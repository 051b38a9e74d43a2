// A real SMTP server on loopback for tests: it keeps every message it accepts,
// can refuse on demand (to test retries), and can be stopped and started again
// on the same port (to test a server that is down).
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

export interface ReceivedMail {
  /** Envelope recipients (RCPT TO). */
  rcptTo: string[];
  /** Header fields, names in lower case, encoded words decoded. */
  headers: Record<string, string>;
  to: string;
  subject: string;
  /** The text body, transfer encoding undone. */
  text: string;
  raw: string;
}

/** What the server answers to RCPT TO: accept, a temporary (4xx) or a permanent (5xx) refusal. */
export type SmtpMode = 'accept' | 'temporary' | 'permanent';

export interface TestSmtpServer {
  /** smtp://127.0.0.1:PORT, for HEARTH_SMTP_URL. */
  readonly url: string;
  readonly port: number;
  readonly received: ReceivedMail[];
  mode: SmtpMode;
  /** Messages received for one address. */
  to(address: string): ReceivedMail[];
  /** Stop listening (the server is "down"); start() brings it back on the same port. */
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

export async function startSmtpServer(): Promise<TestSmtpServer> {
  let port = 0;
  let server: SMTPServer | undefined;
  const received: ReceivedMail[] = [];
  const state = { mode: 'accept' as SmtpMode };

  const options: SMTPServerOptions = {
    // Plain SMTP on loopback: no STARTTLS to negotiate, no login asked.
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    closeTimeout: 1000,
    onRcptTo(_address, _session, callback) {
      if (state.mode === 'accept') return callback();
      const err = Object.assign(new Error(state.mode === 'temporary' ? 'Mailbox busy, try again later' : 'No such user here'), {
        responseCode: state.mode === 'temporary' ? 451 : 550,
      });
      return callback(err);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('error', callback);
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        received.push({ ...parseMessage(raw), rcptTo: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  };

  async function start(): Promise<void> {
    server = new SMTPServer(options);
    await new Promise<void>((resolve, reject) => {
      server!.server.once('error', reject);
      server!.listen(port, '127.0.0.1', () => {
        server!.server.off('error', reject);
        resolve();
      });
    });
    port = (server.server.address() as AddressInfo).port;
  }

  async function stop(): Promise<void> {
    const s = server;
    server = undefined;
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  await start();
  return {
    get url() {
      return `smtp://127.0.0.1:${port}`;
    },
    get port() {
      return port;
    },
    received,
    get mode() {
      return state.mode;
    },
    set mode(m: SmtpMode) {
      state.mode = m;
    },
    to: (address) => received.filter((m) => m.rcptTo.includes(address)),
    stop,
    start,
    close: stop,
  };
}

/** Enough of RFC 5322/2045/2047 for the single-part text messages Hearth sends. */
export function parseMessage(raw: string): Omit<ReceivedMail, 'rcptTo' | 'raw'> {
  const split = raw.indexOf('\r\n\r\n');
  const head = split >= 0 ? raw.slice(0, split) : raw;
  const body = split >= 0 ? raw.slice(split + 4) : '';
  const headers: Record<string, string> = {};
  // Unfold continuation lines, then split "Name: value".
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = decodeWords(line.slice(colon + 1).trim());
  }
  const type = headers['content-type'] ?? 'text/plain';
  if (type.toLowerCase().startsWith('multipart/')) throw new Error(`test SMTP server: multipart messages are not parsed (${type})`);
  const charset = /charset="?([^";]+)"?/i.exec(type)?.[1]?.toLowerCase() ?? 'utf-8';
  const encoding = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  const bytes =
    encoding === 'quoted-printable' ? decodeQuotedPrintable(body) : encoding === 'base64' ? Buffer.from(body.replace(/\s+/g, ''), 'base64') : Buffer.from(body, 'utf8');
  const text = new TextDecoder(charset).decode(bytes).replace(/\r\n/g, '\n').replace(/\n$/, '');
  return { headers, to: headers.to ?? '', subject: headers.subject ?? '', text };
}

export function decodeQuotedPrintable(s: string): Buffer {
  // Soft line breaks ("=" at the end of a line) join lines; "=XX" is one byte.
  const joined = s.replace(/=\r?\n/g, '');
  const out: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const hex = joined.slice(i + 1, i + 3);
    if (joined[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      out.push(parseInt(hex, 16));
      i += 2;
    } else {
      out.push(...Buffer.from(joined[i]!, 'utf8'));
    }
  }
  return Buffer.from(out);
}

/** RFC 2047 encoded words (=?charset?B|Q?…?=), used for non-ASCII subjects. */
function decodeWords(value: string): string {
  return value
    .replace(/(\?=)\s+(=\?)/g, '$1$2') // whitespace between encoded words is not part of the text
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_m, charset: string, enc: string, data: string) => {
      const bytes = enc.toUpperCase() === 'B' ? Buffer.from(data, 'base64') : decodeQuotedPrintable(data.replace(/_/g, ' '));
      return new TextDecoder(charset.toLowerCase()).decode(bytes);
    });
}
