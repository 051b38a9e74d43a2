// Certificates for the web and mail beds, issued by the test CA's intermediate
// (test/bed/ca.ts) for exactly the names a scenario serves. Made with Debian's
// openssl in a temporary directory; the CA's own directory is only read.
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { randomBytes } from 'node:crypto';
import type { TestCa } from '../ca.js';
import { tempDir } from '../bed.js';

const run = promisify(execFile);

export interface BedCertificate {
  key: string;
  /** Leaf then intermediate (PEM), as a server sends them. */
  cert: string;
  /** The leaf alone, DER (for TLSA records). */
  leafDer: Buffer;
}

/** An ECDSA P-256 leaf for `names`, valid from yesterday for 90 days, chained to the test root. */
export async function issueBedCertificate(ca: TestCa, names: string[]): Promise<BedCertificate> {
  const dir = tempDir('hearth-bed-cert-');
  try {
    const o = async (...args: string[]) => {
      try {
        await run('openssl', args, { cwd: dir.path });
      } catch (err) {
        throw new Error(`openssl ${args[0]} failed: ${(err as { stderr?: string }).stderr ?? String(err)}`);
      }
    };
    const san = names.map((n) => `DNS:${n}`).join(',');
    writeFileSync(
      join(dir.path, 'ext.cnf'),
      ['basicConstraints = critical,CA:false', 'keyUsage = critical,digitalSignature', 'extendedKeyUsage = serverAuth', `subjectAltName = ${san}`, ''].join('\n'),
    );
    await o('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', 'leaf.key');
    await o('req', '-new', '-key', 'leaf.key', '-subj', `/O=Hearth test/CN=${names[0]}`, '-out', 'leaf.csr');
    await o(
      'x509', '-req', '-in', 'leaf.csr', '-CA', join(ca.dir, 'inter.crt'), '-CAkey', join(ca.dir, 'inter.key'),
      // A random serial: the CA's serial file belongs to the CA's generator.
      '-set_serial', `0x${randomBytes(12).toString('hex')}`, '-days', '90', '-sha256', '-extfile', 'ext.cnf', '-out', 'leaf.crt',
    );
    const leaf = readFileSync(join(dir.path, 'leaf.crt'), 'utf8');
    const inter = readFileSync(join(ca.dir, 'inter.crt'), 'utf8');
    const der = Buffer.from(leaf.replace(/-----(BEGIN|END) CERTIFICATE-----|\s+/g, ''), 'base64');
    return { key: readFileSync(join(dir.path, 'leaf.key'), 'utf8'), cert: leaf + inter, leafDer: der };
  } finally {
    dir.remove();
  }
}

/** TLS settings every bed server uses: what TLS-01…10 call good (TLS 1.2/1.3, ECDHE with AEAD, server order). */
export const GOOD_TLS = {
  minVersion: 'TLSv1.2' as const,
  ciphers: 'ECDHE+AESGCM:ECDHE+CHACHA20',
  ecdhCurve: 'X25519:P-256:P-384',
  honorCipherOrder: true,
};
