// The mail part of the loopback test bed: SMTP servers (the smtp-server package)
// with and without STARTTLS, one that offers AUTH before TLS, an implicit-TLS
// submission server, and tiny IMAP greeters (over TLS, and in clear text with
// LOGIN allowed). Every server of one bed listens at the same ports on its own
// loopback address, as a real mail host would on 25/465/993/143.
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';
import { createServer as createTlsServer, type TLSSocket } from 'node:tls';
import { SMTPServer } from 'smtp-server';
import { freePort } from '../bed.js';
import { GOOD_TLS } from '../web/certs.js';

export interface Credentials {
  key: string;
  cert: string;
}

export interface MailHostSpec {
  address: string;
  /** SMTP on the bed's smtp port: STARTTLS with these credentials, or none when absent. */
  starttls?: Credentials;
  /** Advertise AUTH PLAIN LOGIN before TLS (a password could travel in clear text). */
  authBeforeTls?: boolean;
  /** Implicit-TLS submission (465) with these credentials. */
  submissions?: Credentials;
  /** IMAP over implicit TLS (993) with these credentials. */
  imaps?: Credentials;
  /** IMAP in clear text (143) that allows LOGIN before STARTTLS. */
  imapLoginInClear?: boolean;
}

export interface MailBed {
  ports: { smtp: number; smtps: number; imaps: number; imap: number; submission: number; pop3: number; pop3s: number };
  stop(): Promise<void>;
}

type Closer = () => Promise<void>;

function smtp(address: string, port: number, opts: { tls?: Credentials; authBeforeTls?: boolean }): Promise<Closer> {
  const disabled: string[] = [];
  if (!opts.tls) disabled.push('STARTTLS');
  if (!opts.authBeforeTls) disabled.push('AUTH');
  const server = new SMTPServer({
    secure: false,
    ...(opts.tls ? { key: opts.tls.key, cert: opts.tls.cert, ...GOOD_TLS } : {}),
    disabledCommands: disabled,
    allowInsecureAuth: opts.authBeforeTls === true,
    authOptional: true,
    // No reverse lookups of the client: the bed never asks the system resolver.
    disableReverseLookup: true,
    logger: false,
    closeTimeout: 200,
    // No renegotiation started by clients (TLS-08), on STARTTLS and implicit TLS alike.
    onSecure(socket, _session, callback) {
      (socket as TLSSocket).disableRenegotiation();
      callback();
    },
    onAuth(_auth, _session, callback) {
      callback(new Error('no accounts here'));
    },
    onData(stream, _session, callback) {
      stream.resume();
      stream.on('end', () => callback());
    },
  });
  // The TLS audit's probes (odd versions, ciphers, groups) make handshakes fail on purpose.
  server.on('error', () => {});
  return new Promise((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(port, address, () => {
      server.server.off('error', reject);
      resolve(() => new Promise<void>((done) => server.close(() => done())));
    });
  });
}

/** Calls `onLine` for each line the client sends. */
function lines(socket: Socket | TLSSocket, onLine: (line: string) => void): void {
  socket.setEncoding('latin1');
  socket.on('error', () => socket.destroy());
  let buffer = '';
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl).trim();
      buffer = buffer.slice(nl + 1);
      onLine(line);
    }
  });
}

/** Answers an IMAP greeting and CAPABILITY, then LOGOUT: enough for the checks, nothing more. */
function imapDialogue(socket: Socket | TLSSocket, capabilities: string): void {
  socket.write(`* OK [CAPABILITY ${capabilities}] bed IMAP ready\r\n`);
  lines(socket, (line) => {
    const [tag = '*', command = ''] = line.split(/\s+/);
    if (/^capability$/i.test(command)) socket.write(`* CAPABILITY ${capabilities}\r\n${tag} OK done\r\n`);
    else if (/^logout$/i.test(command)) socket.end(`* BYE\r\n${tag} OK bye\r\n`);
    else socket.write(`${tag} BAD not in the bed\r\n`);
  });
}

/**
 * Implicit-TLS submission: greeting, EHLO and QUIT. (smtp-server wraps implicit
 * TLS sockets itself, too late to refuse renegotiation; a node:tls server can.)
 */
function submissionsDialogue(socket: TLSSocket): void {
  socket.write('220 bed ESMTP ready\r\n');
  lines(socket, (line) => {
    if (/^(EHLO|HELO) /i.test(line)) socket.write('250-bed greets you\r\n250-PIPELINING\r\n250 AUTH PLAIN\r\n');
    else if (/^QUIT/i.test(line)) socket.end('221 bye\r\n');
    else socket.write('502 not in the bed\r\n');
  });
}

function tlsServer(creds: Credentials, dialogue: (s: TLSSocket) => void): NetServer {
  const server = createTlsServer({ key: creds.key, cert: creds.cert, ...GOOD_TLS }, (s) => {
    // No renegotiation started by clients (TLS-08).
    s.disableRenegotiation();
    dialogue(s);
  });
  server.on('tlsClientError', () => {});
  return server;
}

function listen(server: NetServer, address: string, port: number): Promise<Closer> {
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: address, port, exclusive: true }, () => {
      server.off('error', reject);
      resolve(
        () =>
          new Promise<void>((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      );
    });
  });
}

export async function startMailBed(hosts: MailHostSpec[]): Promise<MailBed> {
  const addresses = hosts.map((h) => h.address);
  const ports = {
    smtp: await freePort(addresses),
    smtps: await freePort(addresses),
    imaps: await freePort(addresses),
    imap: await freePort(addresses),
    // Nothing listens on these: the checks must see closed ports.
    submission: await freePort(addresses),
    pop3: await freePort(addresses),
    pop3s: await freePort(addresses),
  };
  const closers: Closer[] = [];
  const stop = async () => {
    await Promise.all(closers.map((c) => c()));
  };
  try {
    for (const h of hosts) {
      closers.push(await smtp(h.address, ports.smtp, { ...(h.starttls ? { tls: h.starttls } : {}), authBeforeTls: h.authBeforeTls === true }));
      if (h.submissions) closers.push(await listen(tlsServer(h.submissions, submissionsDialogue), h.address, ports.smtps));
      if (h.imaps) closers.push(await listen(tlsServer(h.imaps, (s) => imapDialogue(s, 'IMAP4rev1 AUTH=PLAIN')), h.address, ports.imaps));
      if (h.imapLoginInClear) closers.push(await listen(createNetServer((s) => imapDialogue(s, 'IMAP4rev1 STARTTLS')), h.address, ports.imap));
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return { ports, stop };
}
