// A small DER reader (X.690) for what the checks need from certificates, OCSP
// responses and TLS session blobs. Malformed input throws DerParseError only.

export class DerParseError extends Error {
  override readonly name = 'DerParseError';
}

export interface DerNode {
  /** Tag class: 0 universal, 1 application, 2 context-specific, 3 private. */
  cls: number;
  constructed: boolean;
  /** Tag number (low-tag form only: every tag we read is below 31). */
  tag: number;
  /** The whole element, header included (what signatures are computed over). */
  raw: Buffer;
  /** The content octets. */
  value: Buffer;
}

export const Tag = {
  boolean: 1,
  integer: 2,
  bitString: 3,
  octetString: 4,
  null: 5,
  oid: 6,
  enumerated: 10,
  utf8String: 12,
  sequence: 16,
  set: 17,
  printableString: 19,
  ia5String: 22,
  utcTime: 23,
  generalizedTime: 24,
} as const;

const MAX_DEPTH_BYTES = 16 * 1024 * 1024;

/** Reads consecutive DER elements from a buffer. */
export class Der {
  private pos = 0;
  constructor(
    private readonly buf: Buffer,
    readonly what = 'DER',
  ) {}

  get remaining(): number {
    return this.buf.length - this.pos;
  }

  /** The next element, or throws when none is left or it is malformed. */
  next(): DerNode {
    const start = this.pos;
    const b = this.buf;
    if (this.remaining < 2) throw new DerParseError(`${this.what}: truncated element header`);
    const id = b[this.pos++]!;
    const cls = id >> 6;
    const constructed = (id & 0x20) !== 0;
    const tag = id & 0x1f;
    if (tag === 0x1f) throw new DerParseError(`${this.what}: high tag numbers are not supported`);
    let len = b[this.pos++]!;
    if (len & 0x80) {
      const n = len & 0x7f;
      if (n === 0) throw new DerParseError(`${this.what}: indefinite length is not DER`);
      if (n > 4) throw new DerParseError(`${this.what}: length of ${n} bytes`);
      if (this.remaining < n) throw new DerParseError(`${this.what}: truncated length`);
      len = 0;
      for (let i = 0; i < n; i++) len = len * 256 + b[this.pos++]!;
      if (len < 0x80 || (n > 1 && b[this.pos - n] === 0)) throw new DerParseError(`${this.what}: length not in minimal form`);
    }
    if (len > MAX_DEPTH_BYTES || len > this.remaining) throw new DerParseError(`${this.what}: element of ${len} bytes overruns its container`);
    const value = b.subarray(this.pos, this.pos + len);
    this.pos += len;
    return { cls, constructed, tag, raw: b.subarray(start, this.pos), value };
  }

  /** The next element, which must be universal `tag`. */
  expect(tag: number, what = this.what): DerNode {
    const n = this.next();
    if (n.cls !== 0 || n.tag !== tag) throw new DerParseError(`${what}: expected universal tag ${tag}, got class ${n.cls} tag ${n.tag}`);
    return n;
  }

  /** The next element if it is context-specific [tag]; nothing is consumed otherwise. */
  optional(contextTag: number): DerNode | undefined {
    if (this.remaining === 0) return undefined;
    const id = this.buf[this.pos]!;
    if (id >> 6 !== 2 || (id & 0x1f) !== contextTag) return undefined;
    return this.next();
  }

  peekIsContext(contextTag: number): boolean {
    if (this.remaining === 0) return false;
    const id = this.buf[this.pos]!;
    return id >> 6 === 2 && (id & 0x1f) === contextTag;
  }

  done(): void {
    if (this.remaining !== 0) throw new DerParseError(`${this.what}: ${this.remaining} trailing byte(s)`);
  }
}

/** A reader over a constructed element's content. */
export function inner(node: DerNode, what?: string): Der {
  if (!node.constructed) throw new DerParseError(`${what ?? 'DER'}: expected a constructed element`);
  return new Der(node.value, what);
}

/** Decodes an OBJECT IDENTIFIER's content to dotted form. */
export function oidToString(value: Buffer): string {
  if (value.length === 0) throw new DerParseError('empty OID');
  const parts: number[] = [];
  let n = 0;
  for (let i = 0; i < value.length; i++) {
    const byte = value[i]!;
    if (n === 0 && byte === 0x80) throw new DerParseError('OID arc not in minimal form');
    n = n * 128 + (byte & 0x7f);
    if (n > Number.MAX_SAFE_INTEGER / 256) throw new DerParseError('OID arc too large');
    if ((byte & 0x80) === 0) {
      if (parts.length === 0) parts.push(n < 80 ? Math.floor(n / 40) : 2, n < 80 ? n % 40 : n - 80);
      else parts.push(n);
      n = 0;
    } else if (i === value.length - 1) {
      throw new DerParseError('OID ends inside an arc');
    }
  }
  return parts.join('.');
}

export function readOid(d: Der, what?: string): string {
  return oidToString(d.expect(Tag.oid, what).value);
}

/** A non-negative INTEGER as a number (for small values: versions, lengths, statuses). */
export function smallInt(node: DerNode): number {
  if (node.value.length === 0 || node.value.length > 6) throw new DerParseError('integer out of range');
  let n = 0;
  for (const b of node.value) n = n * 256 + b;
  return n;
}

/** UTCTime or GeneralizedTime (RFC 5280 §4.1.2.5 forms: seconds, "Z"). */
export function readTime(node: DerNode): Date {
  const s = node.value.toString('latin1');
  let m: RegExpExecArray | null;
  let year: number;
  if (node.tag === Tag.utcTime && (m = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(s))) {
    const yy = Number(m[1]);
    year = yy >= 50 ? 1900 + yy : 2000 + yy;
  } else if (node.tag === Tag.generalizedTime && (m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.\d+)?Z$/.exec(s))) {
    year = Number(m[1]);
  } else {
    throw new DerParseError(`not a DER time: ${JSON.stringify(s.slice(0, 20))}`);
  }
  const t = Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  if (Number.isNaN(t)) throw new DerParseError('invalid date');
  return new Date(t);
}

/** An AlgorithmIdentifier: its OID and the raw parameters element, if any. */
export function readAlgorithm(d: Der, what = 'AlgorithmIdentifier'): { oid: string; params?: DerNode } {
  const seq = inner(d.expect(Tag.sequence, what), what);
  const oid = readOid(seq, what);
  const params = seq.remaining ? seq.next() : undefined;
  seq.done();
  return params ? { oid, params } : { oid };
}
