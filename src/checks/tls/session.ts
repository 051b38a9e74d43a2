// How much early data (0-RTT) a TLS 1.3 server allows, read from the session
// Node hands us after the server's NewSessionTicket. Node wraps OpenSSL's
// SSL_SESSION encoding in a small header; in that encoding max_early_data is
// the context-specific field [15] (checked against `openssl sess_id -text`).
import { Der, DerParseError, inner, smallInt, Tag } from '../cert/der.js';

const MAGIC = Buffer.from('\0nodejs:tls:session:', 'latin1');

/** The DER SSL_SESSION inside what tls.TLSSocket's 'session' event gives. */
export function sessionDer(session: Buffer): Buffer {
  if (session.subarray(0, MAGIC.length).equals(MAGIC)) {
    const end = session.indexOf(0, MAGIC.length);
    if (end < 0 || end + 3 > session.length) throw new DerParseError('session: truncated header');
    const nameLen = session.readUInt16BE(end + 1);
    const start = end + 3 + nameLen;
    if (start >= session.length) throw new DerParseError('session: truncated header');
    return session.subarray(start);
  }
  return session;
}

/** max_early_data of a TLS 1.3 session: 0 when the server allows no early data. */
export function maxEarlyData(session: Buffer): number {
  const top = new Der(sessionDer(session), 'SSL_SESSION');
  const seq = inner(top.expect(Tag.sequence), 'SSL_SESSION');
  while (seq.remaining) {
    const n = seq.next();
    if (n.cls === 2 && n.tag === 15) return smallInt(inner(n, 'max_early_data').expect(Tag.integer));
  }
  return 0;
}
