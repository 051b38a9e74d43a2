// TLSA matching (MAIL-04) on a real chain from the test CA: every selector and
// matching type, DANE-EE against the leaf, DANE-TA against what follows it.
import { createHash, X509Certificate } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { bedAvailable } from '../../../test/bed/bed.js';
import { hasOpenssl, testCa } from '../../../test/bed/ca.js';
import { associationMatches, matchTlsa, tlsaFromRecord, usableForSmtp, type Tlsa } from './tlsa.js';

const available = bedAvailable('test CA', hasOpenssl() ? [] : ['openssl']);

const spki = (der: Buffer) => new X509Certificate(der).publicKey.export({ type: 'spki', format: 'der' });
const digest = (alg: 'sha256' | 'sha512', b: Buffer) => createHash(alg).update(b).digest();

describe.skipIf(!available)('TLSA records against a served chain', () => {
  let leaf: Buffer;
  let inter: Buffer;
  beforeAll(async () => {
    [leaf, inter] = (await testCa()).leaves.good.served as [Buffer, Buffer];
  });

  it('matches each selector (0 whole certificate, 1 public key) with each matching type (0 exact, 1 SHA-256, 2 SHA-512)', () => {
    const cases: Array<[number, number, Buffer]> = [
      [0, 0, leaf],
      [0, 1, digest('sha256', leaf)],
      [0, 2, digest('sha512', leaf)],
      [1, 0, spki(leaf)],
      [1, 1, digest('sha256', spki(leaf))],
      [1, 2, digest('sha512', spki(leaf))],
    ];
    for (const [selector, matchingType, data] of cases) {
      expect(associationMatches({ usage: 3, selector, matchingType, data }, leaf), `${selector} ${matchingType}`).toBe(true);
      expect(associationMatches({ usage: 3, selector, matchingType, data }, inter), `${selector} ${matchingType} on another certificate`).toBe(false);
    }
    // Unknown selectors and matching types never match.
    expect(associationMatches({ usage: 3, selector: 2, matchingType: 0, data: leaf }, leaf)).toBe(false);
    expect(associationMatches({ usage: 3, selector: 0, matchingType: 3, data: leaf }, leaf)).toBe(false);
  });

  it('DANE-EE(3) looks at the leaf, DANE-TA(2) at the certificates after it', () => {
    const ee: Tlsa = { usage: 3, selector: 1, matchingType: 1, data: digest('sha256', spki(leaf)) };
    const ta: Tlsa = { usage: 2, selector: 1, matchingType: 1, data: digest('sha256', spki(inter)) };
    const taOnLeaf: Tlsa = { usage: 2, selector: 1, matchingType: 1, data: digest('sha256', spki(leaf)) };
    expect(matchTlsa([ee], leaf, [leaf, inter]).matching).toEqual([ee]);
    expect(matchTlsa([ta], leaf, [leaf, inter]).matching).toEqual([ta]);
    expect(matchTlsa([taOnLeaf], leaf, [leaf, inter]).matching).toEqual([]);
    // The trust anchor must be in the served chain.
    expect(matchTlsa([ta], leaf, [leaf]).matching).toEqual([]);
  });

  it('ignores PKIX usages (0, 1) for SMTP and reports a mismatch', () => {
    const pkix: Tlsa = { usage: 1, selector: 1, matchingType: 1, data: digest('sha256', spki(leaf)) };
    expect(usableForSmtp(pkix)).toBe(false);
    expect(matchTlsa([pkix], leaf, [leaf, inter])).toEqual({ matching: [], usable: [] });
    const stale: Tlsa = { usage: 3, selector: 1, matchingType: 1, data: Buffer.alloc(32) };
    expect(matchTlsa([stale], leaf, [leaf, inter])).toEqual({ matching: [], usable: [stale] });
  });

  it('reads records as the DNS client decodes them, and nothing else', () => {
    expect(tlsaFromRecord({ usage: 3, selector: 1, matchingType: 1, certificate: Buffer.from([1, 2]) })).toEqual({ usage: 3, selector: 1, matchingType: 1, data: Buffer.from([1, 2]) });
    expect(tlsaFromRecord({ usage: '3', selector: 1, matchingType: 1, certificate: Buffer.alloc(1) })).toBeUndefined();
    expect(tlsaFromRecord(null)).toBeUndefined();
  });
});
