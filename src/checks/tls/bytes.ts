// Reading and writing the length-prefixed structures of TLS (RFC 8446 §3).
// Every way input can be malformed ends in a TlsParseError, so callers can tell
// "the server sent something broken" from a bug in our code.

/** The peer sent bytes that are not a well-formed TLS (or SSLv2) message. */
export class TlsParseError extends Error {
  override readonly name = 'TlsParseError';
}

/** A cursor over a slice of a buffer; reads past its end throw TlsParseError. */
export class Reader {
  private pos: number;

  constructor(
    private readonly buf: Buffer,
    /** Named in error messages: "ServerHello", "extension 51", … */
    readonly what = 'message',
    start = 0,
    private readonly end = buf.length,
  ) {
    this.pos = start;
  }

  get remaining(): number {
    return this.end - this.pos;
  }

  get offset(): number {
    return this.pos;
  }

  private need(n: number): void {
    if (n > this.remaining) throw new TlsParseError(`${this.what}: needs ${n} more byte(s), ${this.remaining} left`);
  }

  u8(): number {
    this.need(1);
    return this.buf[this.pos++]!;
  }

  u16(): number {
    this.need(2);
    const v = this.buf.readUInt16BE(this.pos);
    this.pos += 2;
    return v;
  }

  u24(): number {
    this.need(3);
    const v = this.buf.readUIntBE(this.pos, 3);
    this.pos += 3;
    return v;
  }

  /** A copy of the next n bytes (copies keep a parsed message from pinning a large receive buffer). */
  bytes(n: number): Buffer {
    this.need(n);
    const out = Buffer.from(this.buf.subarray(this.pos, this.pos + n));
    this.pos += n;
    return out;
  }

  /** The next vector whose length is in the first `lenBytes` bytes, as its own Reader. */
  vec(lenBytes: 1 | 2 | 3, what = this.what): Reader {
    const n = lenBytes === 1 ? this.u8() : lenBytes === 2 ? this.u16() : this.u24();
    this.need(n);
    const sub = new Reader(this.buf, what, this.pos, this.pos + n);
    this.pos += n;
    return sub;
  }

  /** The rest of this reader's bytes. */
  rest(): Buffer {
    return this.bytes(this.remaining);
  }

  /** Throws when bytes are left over: a length field and its content disagree. */
  done(): void {
    if (this.remaining !== 0) throw new TlsParseError(`${this.what}: ${this.remaining} unexpected trailing byte(s)`);
  }
}

export function u8(n: number): Buffer {
  return Buffer.from([n & 0xff]);
}

export function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n & 0xffff);
  return b;
}

export function u24(n: number): Buffer {
  const b = Buffer.alloc(3);
  b.writeUIntBE(n, 0, 3);
  return b;
}

/** `parts` prefixed with their total length in `lenBytes` bytes. */
export function vec(lenBytes: 1 | 2 | 3, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  const max = lenBytes === 1 ? 0xff : lenBytes === 2 ? 0xffff : 0xffffff;
  if (body.length > max) throw new RangeError(`vector of ${body.length} bytes does not fit a ${lenBytes}-byte length`);
  const len = lenBytes === 1 ? u8(body.length) : lenBytes === 2 ? u16(body.length) : u24(body.length);
  return Buffer.concat([len, body]);
}

/** A list of 16-bit values with a 2-byte length (cipher suites, groups, signature algorithms). */
export function list16(values: readonly number[], lenBytes: 1 | 2 = 2): Buffer {
  return vec(lenBytes, ...values.map(u16));
}

/** Bits in a big-endian unsigned integer, leading zero bytes ignored. */
export function bitLength(n: Buffer): number {
  let i = 0;
  while (i < n.length && n[i] === 0) i++;
  if (i === n.length) return 0;
  return (n.length - i - 1) * 8 + (32 - Math.clz32(n[i]!));
}
