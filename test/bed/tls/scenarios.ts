// The TLS test bed's scenarios: one `openssl s_server` configuration each, and
// the verdict every TLS-* and CERT-* check must reach against it.
//
// Debian 12's OpenSSL 3.0 is built with security level 2: TLS 1.0/1.1, SHA-1
// signatures, RSA-1024 keys and 1024-bit DH need `@SECLEVEL=0` in -cipher
// before s_server will offer or load them (see test/bed/README.md).
import { SSLv3, TLSv1, TLSv1_2 } from '../../../src/checks/tls/registry.js';
import type { Status } from '../../../src/checks/types.js';
import type { LeafName, TestCa } from '../ca.js';
import type { FakeTlsConfig } from './fake-server.js';

export interface TlsScenario {
  name: string;
  leaf: LeafName;
  args: (ca: TestCa) => string[];
  staple?: boolean;
  noEms?: boolean;
  kind?: 'https' | 'mail' | 'other';
  /** The verdict of every TLS-* and CERT-* check. */
  expect: Record<string, Status>;
  /** Versions the audit must find, newest first. */
  protocols: string[];
}

const ALL_PASS: Record<string, Status> = Object.fromEntries(
  ['TLS-01', 'TLS-02', 'TLS-03', 'TLS-04', 'TLS-05', 'TLS-06', 'TLS-07', 'TLS-08', 'TLS-09', 'TLS-10', 'TLS-11', 'CERT-01', 'CERT-02', 'CERT-03', 'CERT-04', 'CERT-05'].map((id) => [id, 'pass' as Status]),
);

const verdicts = (changes: Record<string, Status> = {}): Record<string, Status> => ({ ...ALL_PASS, ...changes });

/** A configuration that passes everything: TLS 1.2 and 1.3, ECDHE with AEAD, strong groups, server order. */
export const MODERN = ['-cipher', 'ECDHE+AESGCM:ECDHE+CHACHA20', '-groups', 'X25519:P-256:P-384', '-serverpref', '-no_tls1', '-no_tls1_1'];
const MODERN_LOW = ['-cipher', 'ECDHE+AESGCM:ECDHE+CHACHA20:@SECLEVEL=1', '-groups', 'X25519:P-256:P-384', '-serverpref', '-no_tls1', '-no_tls1_1'];
const BOTH = ['TLSv1.3', 'TLSv1.2'];

export const TLS_SCENARIOS: TlsScenario[] = [
  { name: 'modern and good', leaf: 'good', args: () => MODERN, expect: verdicts(), protocols: BOTH },
  {
    name: 'TLS 1.0 and 1.1 still offered',
    leaf: 'good',
    args: () => ['-cipher', 'ECDHE+AESGCM:ECDHE+AES:@SECLEVEL=0', '-groups', 'X25519:P-256', '-serverpref'],
    // TLS 1.0/1.1 have only CBC suites with SHA-1; at level 0 the server also signs with SHA-1 when asked.
    expect: verdicts({ 'TLS-01': 'fail', 'TLS-02': 'fail', 'TLS-05': 'fail' }),
    protocols: ['TLSv1.3', 'TLSv1.2', 'TLSv1.1', 'TLSv1'],
  },
  {
    name: 'only weak suites (CBC with SHA-1, RSA key exchange), client order',
    leaf: 'good',
    args: () => ['-cipher', 'DES-CBC3-SHA:AES128-SHA:ECDHE-RSA-AES128-SHA:@SECLEVEL=0', '-groups', 'X25519:P-256', '-no_tls1_3', '-no_tls1', '-no_tls1_1'],
    expect: verdicts({ 'TLS-02': 'fail', 'TLS-03': 'fail', 'TLS-05': 'fail' }),
    protocols: ['TLSv1.2'],
  },
  {
    name: 'DHE with a 1024-bit group',
    leaf: 'good',
    args: (ca) => ['-cipher', 'DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384:@SECLEVEL=0', '-dhparam', ca.dh1024, '-serverpref', '-no_tls1_3', '-no_tls1', '-no_tls1_1'],
    expect: verdicts({ 'TLS-02': 'warn', 'TLS-04': 'fail', 'TLS-05': 'fail' }),
    protocols: ['TLSv1.2'],
  },
  {
    name: 'no server cipher preference',
    leaf: 'good',
    args: () => ['-cipher', 'ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-SHA256:ECDHE-RSA-AES256-SHA384', '-groups', 'X25519:P-256', '-no_tls1', '-no_tls1_1'],
    expect: verdicts({ 'TLS-02': 'warn', 'TLS-03': 'fail' }),
    protocols: BOTH,
  },
  {
    name: 'server cipher preference with phase-out suites',
    leaf: 'good',
    args: () => ['-cipher', 'ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-SHA256:ECDHE-RSA-AES256-SHA384', '-groups', 'X25519:P-256', '-serverpref', '-no_tls1', '-no_tls1_1'],
    expect: verdicts({ 'TLS-02': 'warn' }),
    protocols: BOTH,
  },
  {
    name: 'finite-field groups in TLS 1.3',
    leaf: 'good',
    args: () => ['-cipher', 'ECDHE+AESGCM', '-groups', 'X25519:ffdhe3072', '-serverpref', '-no_tls1', '-no_tls1_1'],
    expect: verdicts({ 'TLS-04': 'warn' }),
    protocols: BOTH,
  },
  { name: 'client-initiated renegotiation allowed', leaf: 'good', args: () => [...MODERN, '-client_renegotiation'], expect: verdicts({ 'TLS-08': 'warn' }), protocols: BOTH },
  { name: 'no extended master secret', leaf: 'good', args: () => MODERN, noEms: true, expect: verdicts({ 'TLS-10': 'fail' }), protocols: BOTH },
  { name: '0-RTT early data accepted', leaf: 'good', args: () => [...MODERN, '-early_data', '-max_early_data', '16384'], expect: verdicts({ 'TLS-09': 'info' }), protocols: BOTH },
  { name: 'OCSP staple present', leaf: 'ocsp', args: () => MODERN, staple: true, expect: verdicts(), protocols: BOTH },
  { name: 'OCSP responder named, no staple', leaf: 'ocsp', args: () => MODERN, expect: verdicts({ 'TLS-11': 'info' }), protocols: BOTH },
  { name: 'OCSP staple says revoked', leaf: 'ocsp-revoked', args: () => MODERN, staple: true, expect: verdicts({ 'TLS-11': 'fail' }), protocols: BOTH },
  // TLS 1.3 only: the chain and the staple come from the node:tls handshake (the Certificate message is encrypted).
  { name: 'TLS 1.3 only, stapled', leaf: 'ocsp', args: () => [...MODERN, '-no_tls1_2'], staple: true, expect: verdicts(), protocols: ['TLSv1.3'] },
  // Certificates, on the modern configuration.
  { name: 'certificate: ECDSA P-256', leaf: 'ecdsa', args: () => MODERN, expect: verdicts(), protocols: BOTH },
  { name: 'certificate: expired', leaf: 'expired', args: () => MODERN, expect: verdicts({ 'CERT-05': 'fail' }), protocols: BOTH },
  { name: 'certificate: not yet valid', leaf: 'not-yet-valid', args: () => MODERN, expect: verdicts({ 'CERT-05': 'fail' }), protocols: BOTH },
  { name: 'certificate: wrong name', leaf: 'wrong-name', args: () => MODERN, expect: verdicts({ 'CERT-02': 'fail' }), protocols: BOTH },
  { name: 'certificate: wrong name on an MX', leaf: 'wrong-name', args: () => MODERN, kind: 'mail', expect: verdicts({ 'CERT-02': 'info', 'TLS-09': 'info' }), protocols: BOTH },
  { name: 'certificate: self-signed', leaf: 'self-signed', args: () => MODERN, expect: verdicts({ 'CERT-01': 'fail' }), protocols: BOTH },
  { name: 'certificate: untrusted root', leaf: 'untrusted-root', args: () => MODERN, expect: verdicts({ 'CERT-01': 'fail' }), protocols: BOTH },
  { name: 'certificate: missing intermediate', leaf: 'missing-intermediate', args: () => MODERN, expect: verdicts({ 'CERT-01': 'fail' }), protocols: BOTH },
  { name: 'certificate: RSA-1024 leaf', leaf: 'rsa1024', args: () => MODERN_LOW, expect: verdicts({ 'CERT-03': 'fail' }), protocols: BOTH },
  { name: 'certificate: RSA-2048 leaf', leaf: 'rsa2048', args: () => MODERN, expect: verdicts({ 'CERT-03': 'warn' }), protocols: BOTH },
  // Level 0 (needed to load a SHA-1-signed certificate) would also let the server sign handshakes with SHA-1: -sigalgs keeps TLS-05 apart.
  {
    name: 'certificate: SHA-1-signed leaf',
    leaf: 'sha1',
    args: () => ['-cipher', 'ECDHE+AESGCM:ECDHE+CHACHA20:@SECLEVEL=0', '-sigalgs', 'RSA-PSS+SHA256:RSA+SHA256', '-groups', 'X25519:P-256:P-384', '-serverpref', '-no_tls1', '-no_tls1_1'],
    expect: verdicts({ 'CERT-04': 'fail' }),
    protocols: BOTH,
  },
  { name: 'certificate: expiring in 10 days', leaf: 'expiring-10d', args: () => MODERN, expect: verdicts({ 'CERT-05': 'warn' }), protocols: BOTH },
];

export interface FakeTlsScenario {
  name: string;
  config: (ca: TestCa) => FakeTlsConfig;
  expect: Record<string, Status>;
  protocols: string[];
}

// What no OpenSSL here serves any more comes from the scripted server (fake-server.ts).
// It never completes a handshake, so the full-handshake check (TLS-08) honestly reports "error".
export const FAKE_TLS_SCENARIOS: FakeTlsScenario[] = [
  {
    name: 'legacy server: SSLv2, SSLv3, TLS 1.0, RC4/3DES/EXPORT/anonymous, compression, no RFC 5746, DH-512',
    config: (ca) => ({
      versions: [SSLv3, TLSv1],
      sslv2: true,
      suites: [0x0005, 0x000a, 0x0003, 0x0033, 0x0018],
      serverOrder: false,
      compression: true,
      renegotiationInfo: false,
      extendedMasterSecret: false,
      certificates: ca.leaves.good.served,
      dhBits: 512,
    }),
    expect: verdicts({
      'TLS-01': 'fail',
      'TLS-02': 'fail',
      'TLS-03': 'fail',
      'TLS-04': 'fail',
      'TLS-05': 'info',
      'TLS-06': 'fail',
      'TLS-07': 'fail',
      'TLS-08': 'error',
      'TLS-10': 'info',
    }),
    protocols: ['TLSv1', 'SSLv3', 'SSLv2'],
  },
  {
    name: 'TLS 1.2 with only 3DES, RC4 and RSA key exchange',
    config: (ca) => ({
      versions: [TLSv1_2],
      suites: [0x000a, 0x0005, 0x002f],
      serverOrder: true,
      renegotiationInfo: true,
      extendedMasterSecret: true,
      certificates: ca.leaves.good.served,
    }),
    expect: verdicts({ 'TLS-02': 'fail', 'TLS-04': 'info', 'TLS-05': 'info', 'TLS-08': 'error' }),
    protocols: ['TLSv1.2'],
  },
  {
    name: 'TLS 1.2 signing ECDHE with SHA-1',
    config: (ca) => ({
      versions: [TLSv1_2],
      suites: [0xc02f, 0xc030],
      serverOrder: true,
      renegotiationInfo: true,
      extendedMasterSecret: true,
      certificates: ca.leaves.good.served,
      curves: [29, 23],
      sigalgs: [0x0201],
    }),
    expect: verdicts({ 'TLS-05': 'fail', 'TLS-08': 'error' }),
    protocols: ['TLSv1.2'],
  },
];
