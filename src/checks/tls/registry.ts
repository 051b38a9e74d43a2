// Code points from the IANA TLS registries (cipher suites, supported groups,
// signature schemes, versions) and how the catalogue rates each one.
// Suite properties are derived from the IANA names, which spell out key
// exchange, cipher and MAC.

export const SSLv2 = 0x0002;
export const SSLv3 = 0x0300;
export const TLSv1 = 0x0301;
export const TLSv1_1 = 0x0302;
export const TLSv1_2 = 0x0303;
export const TLSv1_3 = 0x0304;

/** Newest first: the order reports list versions in. */
export const VERSIONS = [TLSv1_3, TLSv1_2, TLSv1_1, TLSv1, SSLv3, SSLv2] as const;

const versionNames: Record<number, string> = {
  [SSLv2]: 'SSLv2',
  [SSLv3]: 'SSLv3',
  [TLSv1]: 'TLSv1',
  [TLSv1_1]: 'TLSv1.1',
  [TLSv1_2]: 'TLSv1.2',
  [TLSv1_3]: 'TLSv1.3',
};

/** Names as Node's tls module spells them ("TLSv1.2"), or hex for anything else. */
export function versionName(v: number): string {
  return versionNames[v] ?? `0x${v.toString(16).padStart(4, '0')}`;
}

// ── Cipher suites ──────────────────────────────────────────────────────────

// One line per suite: code and IANA name. Pseudo-suites (SCSVs) are not here.
const SUITES = `
0001 TLS_RSA_WITH_NULL_MD5
0002 TLS_RSA_WITH_NULL_SHA
0003 TLS_RSA_EXPORT_WITH_RC4_40_MD5
0004 TLS_RSA_WITH_RC4_128_MD5
0005 TLS_RSA_WITH_RC4_128_SHA
0006 TLS_RSA_EXPORT_WITH_RC2_CBC_40_MD5
0007 TLS_RSA_WITH_IDEA_CBC_SHA
0008 TLS_RSA_EXPORT_WITH_DES40_CBC_SHA
0009 TLS_RSA_WITH_DES_CBC_SHA
000A TLS_RSA_WITH_3DES_EDE_CBC_SHA
000B TLS_DH_DSS_EXPORT_WITH_DES40_CBC_SHA
000C TLS_DH_DSS_WITH_DES_CBC_SHA
000D TLS_DH_DSS_WITH_3DES_EDE_CBC_SHA
000E TLS_DH_RSA_EXPORT_WITH_DES40_CBC_SHA
000F TLS_DH_RSA_WITH_DES_CBC_SHA
0010 TLS_DH_RSA_WITH_3DES_EDE_CBC_SHA
0011 TLS_DHE_DSS_EXPORT_WITH_DES40_CBC_SHA
0012 TLS_DHE_DSS_WITH_DES_CBC_SHA
0013 TLS_DHE_DSS_WITH_3DES_EDE_CBC_SHA
0014 TLS_DHE_RSA_EXPORT_WITH_DES40_CBC_SHA
0015 TLS_DHE_RSA_WITH_DES_CBC_SHA
0016 TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA
0017 TLS_DH_anon_EXPORT_WITH_RC4_40_MD5
0018 TLS_DH_anon_WITH_RC4_128_MD5
0019 TLS_DH_anon_EXPORT_WITH_DES40_CBC_SHA
001A TLS_DH_anon_WITH_DES_CBC_SHA
001B TLS_DH_anon_WITH_3DES_EDE_CBC_SHA
002F TLS_RSA_WITH_AES_128_CBC_SHA
0030 TLS_DH_DSS_WITH_AES_128_CBC_SHA
0031 TLS_DH_RSA_WITH_AES_128_CBC_SHA
0032 TLS_DHE_DSS_WITH_AES_128_CBC_SHA
0033 TLS_DHE_RSA_WITH_AES_128_CBC_SHA
0034 TLS_DH_anon_WITH_AES_128_CBC_SHA
0035 TLS_RSA_WITH_AES_256_CBC_SHA
0036 TLS_DH_DSS_WITH_AES_256_CBC_SHA
0037 TLS_DH_RSA_WITH_AES_256_CBC_SHA
0038 TLS_DHE_DSS_WITH_AES_256_CBC_SHA
0039 TLS_DHE_RSA_WITH_AES_256_CBC_SHA
003A TLS_DH_anon_WITH_AES_256_CBC_SHA
003B TLS_RSA_WITH_NULL_SHA256
003C TLS_RSA_WITH_AES_128_CBC_SHA256
003D TLS_RSA_WITH_AES_256_CBC_SHA256
003E TLS_DH_DSS_WITH_AES_128_CBC_SHA256
003F TLS_DH_RSA_WITH_AES_128_CBC_SHA256
0040 TLS_DHE_DSS_WITH_AES_128_CBC_SHA256
0041 TLS_RSA_WITH_CAMELLIA_128_CBC_SHA
0042 TLS_DH_DSS_WITH_CAMELLIA_128_CBC_SHA
0043 TLS_DH_RSA_WITH_CAMELLIA_128_CBC_SHA
0044 TLS_DHE_DSS_WITH_CAMELLIA_128_CBC_SHA
0045 TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA
0046 TLS_DH_anon_WITH_CAMELLIA_128_CBC_SHA
0060 TLS_RSA_EXPORT1024_WITH_RC4_56_MD5
0061 TLS_RSA_EXPORT1024_WITH_RC2_CBC_56_MD5
0062 TLS_RSA_EXPORT1024_WITH_DES_CBC_SHA
0063 TLS_DHE_DSS_EXPORT1024_WITH_DES_CBC_SHA
0064 TLS_RSA_EXPORT1024_WITH_RC4_56_SHA
0065 TLS_DHE_DSS_EXPORT1024_WITH_RC4_56_SHA
0066 TLS_DHE_DSS_WITH_RC4_128_SHA
0067 TLS_DHE_RSA_WITH_AES_128_CBC_SHA256
0068 TLS_DH_DSS_WITH_AES_256_CBC_SHA256
0069 TLS_DH_RSA_WITH_AES_256_CBC_SHA256
006A TLS_DHE_DSS_WITH_AES_256_CBC_SHA256
006B TLS_DHE_RSA_WITH_AES_256_CBC_SHA256
006C TLS_DH_anon_WITH_AES_128_CBC_SHA256
006D TLS_DH_anon_WITH_AES_256_CBC_SHA256
0084 TLS_RSA_WITH_CAMELLIA_256_CBC_SHA
0085 TLS_DH_DSS_WITH_CAMELLIA_256_CBC_SHA
0086 TLS_DH_RSA_WITH_CAMELLIA_256_CBC_SHA
0087 TLS_DHE_DSS_WITH_CAMELLIA_256_CBC_SHA
0088 TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA
0089 TLS_DH_anon_WITH_CAMELLIA_256_CBC_SHA
0096 TLS_RSA_WITH_SEED_CBC_SHA
0097 TLS_DH_DSS_WITH_SEED_CBC_SHA
0098 TLS_DH_RSA_WITH_SEED_CBC_SHA
0099 TLS_DHE_DSS_WITH_SEED_CBC_SHA
009A TLS_DHE_RSA_WITH_SEED_CBC_SHA
009B TLS_DH_anon_WITH_SEED_CBC_SHA
009C TLS_RSA_WITH_AES_128_GCM_SHA256
009D TLS_RSA_WITH_AES_256_GCM_SHA384
009E TLS_DHE_RSA_WITH_AES_128_GCM_SHA256
009F TLS_DHE_RSA_WITH_AES_256_GCM_SHA384
00A0 TLS_DH_RSA_WITH_AES_128_GCM_SHA256
00A1 TLS_DH_RSA_WITH_AES_256_GCM_SHA384
00A2 TLS_DHE_DSS_WITH_AES_128_GCM_SHA256
00A3 TLS_DHE_DSS_WITH_AES_256_GCM_SHA384
00A4 TLS_DH_DSS_WITH_AES_128_GCM_SHA256
00A5 TLS_DH_DSS_WITH_AES_256_GCM_SHA384
00A6 TLS_DH_anon_WITH_AES_128_GCM_SHA256
00A7 TLS_DH_anon_WITH_AES_256_GCM_SHA384
00BA TLS_RSA_WITH_CAMELLIA_128_CBC_SHA256
00BE TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA256
00C0 TLS_RSA_WITH_CAMELLIA_256_CBC_SHA256
00C4 TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA256
1301 TLS_AES_128_GCM_SHA256
1302 TLS_AES_256_GCM_SHA384
1303 TLS_CHACHA20_POLY1305_SHA256
1304 TLS_AES_128_CCM_SHA256
1305 TLS_AES_128_CCM_8_SHA256
C001 TLS_ECDH_ECDSA_WITH_NULL_SHA
C002 TLS_ECDH_ECDSA_WITH_RC4_128_SHA
C003 TLS_ECDH_ECDSA_WITH_3DES_EDE_CBC_SHA
C004 TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA
C005 TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA
C006 TLS_ECDHE_ECDSA_WITH_NULL_SHA
C007 TLS_ECDHE_ECDSA_WITH_RC4_128_SHA
C008 TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA
C009 TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA
C00A TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA
C00B TLS_ECDH_RSA_WITH_NULL_SHA
C00C TLS_ECDH_RSA_WITH_RC4_128_SHA
C00D TLS_ECDH_RSA_WITH_3DES_EDE_CBC_SHA
C00E TLS_ECDH_RSA_WITH_AES_128_CBC_SHA
C00F TLS_ECDH_RSA_WITH_AES_256_CBC_SHA
C010 TLS_ECDHE_RSA_WITH_NULL_SHA
C011 TLS_ECDHE_RSA_WITH_RC4_128_SHA
C012 TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA
C013 TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA
C014 TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA
C015 TLS_ECDH_anon_WITH_NULL_SHA
C016 TLS_ECDH_anon_WITH_RC4_128_SHA
C017 TLS_ECDH_anon_WITH_3DES_EDE_CBC_SHA
C018 TLS_ECDH_anon_WITH_AES_128_CBC_SHA
C019 TLS_ECDH_anon_WITH_AES_256_CBC_SHA
C023 TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256
C024 TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384
C025 TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA256
C026 TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA384
C027 TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256
C028 TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384
C029 TLS_ECDH_RSA_WITH_AES_128_CBC_SHA256
C02A TLS_ECDH_RSA_WITH_AES_256_CBC_SHA384
C02B TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256
C02C TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384
C02D TLS_ECDH_ECDSA_WITH_AES_128_GCM_SHA256
C02E TLS_ECDH_ECDSA_WITH_AES_256_GCM_SHA384
C02F TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256
C030 TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384
C031 TLS_ECDH_RSA_WITH_AES_128_GCM_SHA256
C032 TLS_ECDH_RSA_WITH_AES_256_GCM_SHA384
C03C TLS_RSA_WITH_ARIA_128_CBC_SHA256
C03D TLS_RSA_WITH_ARIA_256_CBC_SHA384
C044 TLS_DHE_RSA_WITH_ARIA_128_CBC_SHA256
C045 TLS_DHE_RSA_WITH_ARIA_256_CBC_SHA384
C048 TLS_ECDHE_ECDSA_WITH_ARIA_128_CBC_SHA256
C049 TLS_ECDHE_ECDSA_WITH_ARIA_256_CBC_SHA384
C04C TLS_ECDHE_RSA_WITH_ARIA_128_CBC_SHA256
C04D TLS_ECDHE_RSA_WITH_ARIA_256_CBC_SHA384
C050 TLS_RSA_WITH_ARIA_128_GCM_SHA256
C051 TLS_RSA_WITH_ARIA_256_GCM_SHA384
C052 TLS_DHE_RSA_WITH_ARIA_128_GCM_SHA256
C053 TLS_DHE_RSA_WITH_ARIA_256_GCM_SHA384
C05C TLS_ECDHE_ECDSA_WITH_ARIA_128_GCM_SHA256
C05D TLS_ECDHE_ECDSA_WITH_ARIA_256_GCM_SHA384
C060 TLS_ECDHE_RSA_WITH_ARIA_128_GCM_SHA256
C061 TLS_ECDHE_RSA_WITH_ARIA_256_GCM_SHA384
C072 TLS_ECDHE_ECDSA_WITH_CAMELLIA_128_CBC_SHA256
C073 TLS_ECDHE_ECDSA_WITH_CAMELLIA_256_CBC_SHA384
C076 TLS_ECDHE_RSA_WITH_CAMELLIA_128_CBC_SHA256
C077 TLS_ECDHE_RSA_WITH_CAMELLIA_256_CBC_SHA384
C07A TLS_RSA_WITH_CAMELLIA_128_GCM_SHA256
C07B TLS_RSA_WITH_CAMELLIA_256_GCM_SHA384
C07C TLS_DHE_RSA_WITH_CAMELLIA_128_GCM_SHA256
C07D TLS_DHE_RSA_WITH_CAMELLIA_256_GCM_SHA384
C086 TLS_ECDHE_ECDSA_WITH_CAMELLIA_128_GCM_SHA256
C087 TLS_ECDHE_ECDSA_WITH_CAMELLIA_256_GCM_SHA384
C08A TLS_ECDHE_RSA_WITH_CAMELLIA_128_GCM_SHA256
C08B TLS_ECDHE_RSA_WITH_CAMELLIA_256_GCM_SHA384
C09C TLS_RSA_WITH_AES_128_CCM
C09D TLS_RSA_WITH_AES_256_CCM
C09E TLS_DHE_RSA_WITH_AES_128_CCM
C09F TLS_DHE_RSA_WITH_AES_256_CCM
C0A0 TLS_RSA_WITH_AES_128_CCM_8
C0A1 TLS_RSA_WITH_AES_256_CCM_8
C0A2 TLS_DHE_RSA_WITH_AES_128_CCM_8
C0A3 TLS_DHE_RSA_WITH_AES_256_CCM_8
C0AC TLS_ECDHE_ECDSA_WITH_AES_128_CCM
C0AD TLS_ECDHE_ECDSA_WITH_AES_256_CCM
C0AE TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8
C0AF TLS_ECDHE_ECDSA_WITH_AES_256_CCM_8
CCA8 TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256
CCA9 TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256
CCAA TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256
`;

/** Signalling values sent in the suite list; never negotiated. */
export const SCSV_RENEGOTIATION = 0x00ff;

export type KeyExchange = 'ECDHE' | 'DHE' | 'RSA' | 'static-DH' | 'static-ECDH' | 'anon' | 'TLS13';
/** How the catalogue (TLS-02) rates a suite: pass, warn ("phase-out") or fail. */
export type Rating = 'good' | 'phase-out' | 'insecure';

export interface Suite {
  code: number;
  name: string;
  kx: KeyExchange;
  /** The key exchange is signed by the server (ECDHE/DHE with RSA, ECDSA or DSS). */
  signedKx: boolean;
  tls13: boolean;
  rating: Rating;
  /** Why it is rated so, for evidence ("3DES", "RSA key exchange", …). */
  because: string;
}

function describe(code: number, name: string): Suite {
  const tls13 = code >= 0x1301 && code <= 0x1305;
  const [kxPart = '', cipherPart = ''] = tls13 ? ['', name.slice(4)] : name.slice(4).split('_WITH_');
  const kx: KeyExchange = tls13
    ? 'TLS13'
    : kxPart.includes('anon')
      ? 'anon'
      : kxPart.startsWith('ECDHE_')
        ? 'ECDHE'
        : kxPart.startsWith('DHE_')
          ? 'DHE'
          : kxPart.startsWith('ECDH_')
            ? 'static-ECDH'
            : kxPart.startsWith('DH_')
              ? 'static-DH'
              : 'RSA';
  const signedKx = kx === 'ECDHE' || kx === 'DHE';
  const aead = /_GCM|_CCM|CHACHA20_POLY1305/.test(cipherPart);
  const macSha1 = /_SHA$/.test(cipherPart);
  const insecure = (because: string): Suite => ({ code, name, kx, signedKx, tls13, rating: 'insecure', because });
  if (tls13) return { code, name, kx, signedKx, tls13, rating: 'good', because: 'TLS 1.3 suite' };
  if (kx === 'anon') return insecure('anonymous key exchange (no authentication)');
  if (/EXPORT/.test(name)) return insecure('EXPORT-grade cipher');
  if (/^NULL/.test(cipherPart)) return insecure('NULL cipher (no encryption)');
  if (/RC4/.test(cipherPart)) return insecure('RC4');
  if (/3DES/.test(cipherPart)) return insecure('3DES (64-bit block)');
  if (/DES|RC2|IDEA/.test(cipherPart)) return insecure('obsolete 64-bit block cipher');
  if (/MD5$/.test(cipherPart)) return insecure('MD5 MAC');
  if (kx === 'RSA') return insecure('RSA key exchange (no forward secrecy)');
  if (kx === 'static-DH' || kx === 'static-ECDH') return insecure('static (EC)DH key exchange (no forward secrecy)');
  if (!aead && macSha1) return insecure('CBC with SHA-1');
  const phaseOut = (because: string): Suite => ({ code, name, kx, signedKx, tls13, rating: 'phase-out', because });
  if (kx === 'DHE') return phaseOut('finite-field DHE key exchange');
  if (!/^(AES|CHACHA20)/.test(cipherPart)) return phaseOut('cipher not in the NCSC-NL lists (Camellia, ARIA, SEED)');
  if (!aead) return phaseOut('CBC with SHA-2');
  return { code, name, kx, signedKx, tls13, rating: 'good', because: 'ECDHE with AEAD' };
}

export const suites: ReadonlyMap<number, Suite> = new Map(
  SUITES.trim()
    .split('\n')
    .map((line): [number, Suite] => {
      const [hex = '', name = ''] = line.split(' ');
      const code = parseInt(hex, 16);
      return [code, describe(code, name)];
    }),
);

export function suiteName(code: number): string {
  return suites.get(code)?.name ?? `0x${code.toString(16).padStart(4, '0')}`;
}

/** The suites worth offering for a version: the five TLS 1.3 ones, or all the others. */
export function suitesFor(version: number): number[] {
  return [...suites.values()].filter((s) => (version === TLSv1_3 ? s.tls13 : !s.tls13)).map((s) => s.code);
}

// SSLv2 cipher kinds are 3 bytes; any answer at all means SSLv2 is spoken.
export const SSLV2_CIPHERS: ReadonlyMap<number, string> = new Map([
  [0x010080, 'SSL_CK_RC4_128_WITH_MD5'],
  [0x020080, 'SSL_CK_RC4_128_EXPORT40_WITH_MD5'],
  [0x030080, 'SSL_CK_RC2_128_CBC_WITH_MD5'],
  [0x040080, 'SSL_CK_RC2_128_CBC_EXPORT40_WITH_MD5'],
  [0x050080, 'SSL_CK_IDEA_128_CBC_WITH_MD5'],
  [0x060040, 'SSL_CK_DES_64_CBC_WITH_MD5'],
  [0x0700c0, 'SSL_CK_DES_192_EDE3_CBC_WITH_MD5'],
]);

// ── Groups (supported_groups) ─────────────────────────────────────────────

export interface Group {
  code: number;
  name: string;
  kind: 'ec' | 'ff' | 'hybrid' | 'pq';
  rating: Rating;
}

// RFC 8422 deprecates every curve but secp256r1/384r1/521r1, X25519 and X448;
// brainpool curves of 256 bits and more are as strong as P-256 (RFC 7027, 8734).
// Finite-field groups: ffdhe2048 fails, larger ones are "phase-out" (the catalogue).
const GROUPS: Array<[number, string, Group['kind'], Rating]> = [
  [1, 'sect163k1', 'ec', 'insecure'],
  [2, 'sect163r1', 'ec', 'insecure'],
  [3, 'sect163r2', 'ec', 'insecure'],
  [4, 'sect193r1', 'ec', 'insecure'],
  [5, 'sect193r2', 'ec', 'insecure'],
  [6, 'sect233k1', 'ec', 'insecure'],
  [7, 'sect233r1', 'ec', 'insecure'],
  [8, 'sect239k1', 'ec', 'insecure'],
  [9, 'sect283k1', 'ec', 'insecure'],
  [10, 'sect283r1', 'ec', 'insecure'],
  [11, 'sect409k1', 'ec', 'insecure'],
  [12, 'sect409r1', 'ec', 'insecure'],
  [13, 'sect571k1', 'ec', 'insecure'],
  [14, 'sect571r1', 'ec', 'insecure'],
  [15, 'secp160k1', 'ec', 'insecure'],
  [16, 'secp160r1', 'ec', 'insecure'],
  [17, 'secp160r2', 'ec', 'insecure'],
  [18, 'secp192k1', 'ec', 'insecure'],
  [19, 'secp192r1', 'ec', 'insecure'],
  [20, 'secp224k1', 'ec', 'insecure'],
  [21, 'secp224r1', 'ec', 'insecure'],
  [22, 'secp256k1', 'ec', 'insecure'],
  [23, 'secp256r1', 'ec', 'good'],
  [24, 'secp384r1', 'ec', 'good'],
  [25, 'secp521r1', 'ec', 'good'],
  [26, 'brainpoolP256r1', 'ec', 'good'],
  [27, 'brainpoolP384r1', 'ec', 'good'],
  [28, 'brainpoolP512r1', 'ec', 'good'],
  [29, 'x25519', 'ec', 'good'],
  [30, 'x448', 'ec', 'good'],
  [31, 'brainpoolP256r1tls13', 'ec', 'good'],
  [32, 'brainpoolP384r1tls13', 'ec', 'good'],
  [33, 'brainpoolP512r1tls13', 'ec', 'good'],
  [0x0100, 'ffdhe2048', 'ff', 'insecure'],
  [0x0101, 'ffdhe3072', 'ff', 'phase-out'],
  [0x0102, 'ffdhe4096', 'ff', 'phase-out'],
  [0x0103, 'ffdhe6144', 'ff', 'phase-out'],
  [0x0104, 'ffdhe8192', 'ff', 'phase-out'],
  [0x0200, 'MLKEM512', 'pq', 'good'],
  [0x0201, 'MLKEM768', 'pq', 'good'],
  [0x0202, 'MLKEM1024', 'pq', 'good'],
  [0x11eb, 'SecP256r1MLKEM768', 'hybrid', 'good'],
  [0x11ec, 'X25519MLKEM768', 'hybrid', 'good'],
  [0x11ed, 'SecP384r1MLKEM1024', 'hybrid', 'good'],
  [0x6399, 'X25519Kyber768Draft00', 'hybrid', 'good'],
];

export const groups: ReadonlyMap<number, Group> = new Map(GROUPS.map(([code, name, kind, rating]) => [code, { code, name, kind, rating }]));

export const X25519 = 29;
export const SECP256R1 = 23;

export function groupName(code: number): string {
  return groups.get(code)?.name ?? `0x${code.toString(16).padStart(4, '0')}`;
}

/** Every known group, weakest rating first within each kind (the probe order does not matter to servers). */
export function groupsWhere(pred: (g: Group) => boolean): number[] {
  return [...groups.values()].filter(pred).map((g) => g.code);
}

/** A custom (non-negotiated) finite-field group of `bits` bits, as TLS 1.2 DHE sends it. */
export function rateDhBits(bits: number): Rating {
  if (bits <= 2048) return 'insecure';
  return 'phase-out';
}

// ── Signature schemes (signature_algorithms) ──────────────────────────────

const SIGALGS: Array<[number, string]> = [
  [0x0101, 'rsa_md5'],
  [0x0102, 'dsa_md5'],
  [0x0103, 'ecdsa_md5'],
  [0x0201, 'rsa_pkcs1_sha1'],
  [0x0202, 'dsa_sha1'],
  [0x0203, 'ecdsa_sha1'],
  [0x0301, 'rsa_sha224'],
  [0x0302, 'dsa_sha224'],
  [0x0303, 'ecdsa_sha224'],
  [0x0401, 'rsa_pkcs1_sha256'],
  [0x0402, 'dsa_sha256'],
  [0x0403, 'ecdsa_secp256r1_sha256'],
  [0x0501, 'rsa_pkcs1_sha384'],
  [0x0502, 'dsa_sha384'],
  [0x0503, 'ecdsa_secp384r1_sha384'],
  [0x0601, 'rsa_pkcs1_sha512'],
  [0x0602, 'dsa_sha512'],
  [0x0603, 'ecdsa_secp521r1_sha512'],
  [0x0804, 'rsa_pss_rsae_sha256'],
  [0x0805, 'rsa_pss_rsae_sha384'],
  [0x0806, 'rsa_pss_rsae_sha512'],
  [0x0807, 'ed25519'],
  [0x0808, 'ed448'],
  [0x0809, 'rsa_pss_pss_sha256'],
  [0x080a, 'rsa_pss_pss_sha384'],
  [0x080b, 'rsa_pss_pss_sha512'],
  [0x081a, 'ecdsa_brainpoolP256r1tls13_sha256'],
  [0x081b, 'ecdsa_brainpoolP384r1tls13_sha384'],
  [0x081c, 'ecdsa_brainpoolP512r1tls13_sha512'],
];

export const sigalgNames: ReadonlyMap<number, string> = new Map(SIGALGS);

export function sigalgName(code: number): string {
  return sigalgNames.get(code) ?? `0x${code.toString(16).padStart(4, '0')}`;
}

/** The hash a TLS 1.2 signature scheme uses: "md5", "sha1", "sha256", …, or "intrinsic" (EdDSA). */
export function sigalgHash(code: number): string {
  const hi = code >> 8;
  if (hi >= 1 && hi <= 6 && (code & 0xff) <= 3) return ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512'][hi - 1]!;
  const name = sigalgNames.get(code);
  if (name === 'ed25519' || name === 'ed448') return 'intrinsic';
  const m = name ? /sha(\d+)$/.exec(name) : null;
  return m ? `sha${m[1]}` : 'unknown';
}

/** What we offer normally: SHA-2 and EdDSA first, legacy hashes last so a server only uses them if it must. */
export const SIGALGS_ALL: number[] = [
  0x0403, 0x0503, 0x0603, 0x0807, 0x0808, 0x0804, 0x0805, 0x0806, 0x0809, 0x080a, 0x080b, 0x0401, 0x0501, 0x0601, 0x081a, 0x081b, 0x081c, 0x0402, 0x0502,
  0x0602, 0x0303, 0x0301, 0x0302, 0x0203, 0x0201, 0x0202, 0x0101,
];

/** Only SHA-1 and MD5: a server that signs with these when asked breaks RFC 9155. */
export const SIGALGS_LEGACY: number[] = [0x0203, 0x0201, 0x0202, 0x0101, 0x0103];
