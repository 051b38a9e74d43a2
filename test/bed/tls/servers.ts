// TLS servers for the test bed: `openssl s_server` with one scenario's
// options, and small Node servers for what s_server cannot be (a server that
// stalls, one that answers garbage, STARTTLS on SMTP, IMAP and POP3).
// Everything listens on 127.0.0.x at a random high port and is stopped by the
// test that started it.
import { writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { createSecureContext, TLSSocket } from 'node:tls';
import { readFileSync } from 'node:fs';
import { SMTPServer } from 'smtp-server';
import { freePort, startProcess, tcpListening, type BedProcess } from '../bed.js';
import type { LeafName, TestCa } from '../ca.js';

export const TLS_BED_BINARIES = ['openssl'];

export interface BedServer {
  address: string;
  port: number;
  stop(): Promise<void>;
  output(): string;
}

export interface OpensslServerOptions {
  leaf: LeafName;
  /** s_server options beyond -accept/-cert/-key/-cert_chain. */
  args?: string[];
  /** Staple the leaf's prepared OCSP response. */
  staple?: boolean;
  /** Turn extended_master_secret off (through an OpenSSL config section; s_server has no flag for it). */
  noEms?: boolean;
  address: string;
}

const NO_EMS_CNF = `openssl_conf = init
[init]
ssl_conf = ssl_module
[ssl_module]
noems = noems_sect
[noems_sect]
Options = -ExtendedMasterSecret
`;

/**
 * `openssl s_server` in its plain mode (not -www: that mode buffers output, so
 * TLS 1.3 session tickets would only leave with an HTTP answer). Plain mode
 * stops at the end of its input, so stdin stays open.
 */
export async function startOpensslServer(ca: TestCa, o: OpensslServerOptions): Promise<BedServer> {
  const leaf = ca.leaves[o.leaf];
  const port = await freePort([o.address]);
  const accept = o.address.includes(':') ? `[${o.address}]:${port}` : `${o.address}:${port}`;
  const args = ['s_server', '-accept', accept, '-cert', leaf.cert, '-key', leaf.key, '-quiet'];
  if (leaf.chain) args.push('-cert_chain', leaf.chain);
  if (o.staple) {
    if (!leaf.ocsp) throw new Error(`leaf ${o.leaf} has no OCSP response to staple`);
    args.push('-status_file', leaf.ocsp);
  }
  const env: Record<string, string> = {};
  if (o.noEms) {
    const cnf = join(ca.dir, 'no-ems.cnf');
    writeFileSync(cnf, NO_EMS_CNF);
    env.OPENSSL_CONF = cnf;
    args.push('-ssl_config', 'noems');
  }
  args.push(...(o.args ?? []));
  const proc: BedProcess = await startProcess('openssl', args, {
    env,
    stdin: 'pipe',
    name: `openssl s_server (${o.leaf})`,
    ready: () => tcpListening(o.address, port),
  });
  return { address: o.address, port, stop: () => proc.stop(), output: () => proc.output() };
}

async function listen(server: Server, address: string): Promise<number> {
  const port = await freePort([address]);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, address, () => resolve());
  });
  return port;
}

function nodeServer(address: string, onSocket: (s: Socket) => void): Promise<BedServer> {
  const sockets = new Set<Socket>();
  const server = createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => {});
    onSocket(s);
  });
  return listen(server, address).then((port) => ({
    address,
    port,
    output: () => '',
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  }));
}

/** Accepts connections and never says a word. */
export function startStallingServer(address: string): Promise<BedServer> {
  return nodeServer(address, () => {});
}

/** Answers the ClientHello with bytes that are not TLS. */
export function startGarbageServer(address: string): Promise<BedServer> {
  return nodeServer(address, (s) => {
    s.once('data', () => s.write(Buffer.from('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n')));
  });
}

/** TLS options the Node servers share: ECDHE with AEAD only, server order, X25519/P-256. */
function nodeTlsContext(ca: TestCa, leaf: LeafName) {
  const files = ca.leaves[leaf];
  const cert = readFileSync(files.cert, 'utf8') + (files.chain ? readFileSync(files.chain, 'utf8') : '');
  return {
    key: readFileSync(files.key),
    cert,
    ciphers: 'ECDHE+AESGCM:ECDHE+CHACHA20',
    ecdhCurve: 'X25519:P-256',
    honorCipherOrder: true,
    minVersion: 'TLSv1.2' as const,
  };
}

/** SMTP (smtp-server) with or without STARTTLS. */
export async function startSmtpServer(ca: TestCa, address: string, o: { leaf: LeafName; starttls: boolean }): Promise<BedServer> {
  const server = new SMTPServer({
    ...nodeTlsContext(ca, o.leaf),
    disabledCommands: o.starttls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
    authOptional: true,
    // No reverse DNS lookup of the client: the bed never asks a resolver outside loopback.
    disableReverseLookup: true,
    logger: false,
    closeTimeout: 500,
    banner: 'Hearth test bed',
  });
  server.on('error', () => {});
  const port = await listen(server.server, address);
  return { address, port, output: () => '', stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Just enough IMAP or POP3 to reach STARTTLS/STLS, then TLS; nothing after. */
export function startMailboxServer(ca: TestCa, address: string, o: { leaf: LeafName; protocol: 'imap' | 'pop3' }): Promise<BedServer> {
  const context = createSecureContext(nodeTlsContext(ca, o.leaf));
  return nodeServer(address, (s) => {
    s.write(o.protocol === 'imap' ? '* OK [CAPABILITY IMAP4rev1 STARTTLS] Hearth test bed\r\n' : '+OK Hearth test bed\r\n');
    let buf = '';
    const onData = (chunk: Buffer) => {
      buf += chunk.toString('latin1');
      const i = buf.indexOf('\n');
      if (i < 0) return;
      const line = buf.slice(0, i).trim();
      buf = '';
      const tag = line.split(' ')[0];
      if (o.protocol === 'imap' && /^\S+ STARTTLS$/i.test(line)) s.write(`${tag} OK Begin TLS negotiation now\r\n`);
      else if (o.protocol === 'pop3' && /^STLS$/i.test(line)) s.write('+OK Begin TLS negotiation\r\n');
      else {
        s.write(o.protocol === 'imap' ? `${tag} BAD only STARTTLS here\r\n` : '-ERR only STLS here\r\n');
        return;
      }
      s.off('data', onData);
      const tls = new TLSSocket(s, { isServer: true, secureContext: context });
      tls.on('error', () => {});
    };
    s.on('data', onData);
  });
}
