// A throwaway PKI for the test bed, made with Debian's `openssl` (node:crypto
// cannot sign certificates): a root and an intermediate we trust (pass
// `rootPem` as an extra anchor), a second root we do not, and one leaf per
// certificate case the checks must tell apart. Explicit validity dates come
// from `openssl ca -startdate/-enddate`, which OpenSSL 3.0 has (`x509
// -not_before` arrived only in 3.4). OCSP responses are made by `openssl ocsp`
// answering a request from the CA's own index.
//
// The files are cached on disk for an hour (keyed by this file's content), so
// the test files of one run share them; each run of the generator writes to a
// fresh directory and renames it into place, so parallel workers never see a
// half-made CA.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The name every leaf is issued for (and the SNI the tests send). */
export const BED_HOST = 'tls.hearth.test';

export const LEAVES = [
  'good', // RSA 3072, SHA-256, valid for a year, chain root → intermediate → leaf
  'ecdsa', // ECDSA P-256
  'expired',
  'not-yet-valid',
  'wrong-name',
  'self-signed',
  'untrusted-root', // from another root, served with its intermediate and root
  'missing-intermediate', // served without the intermediate
  'rsa1024',
  'rsa2048',
  'sha1', // signed by the intermediate with SHA-1
  'expiring-10d',
  'ocsp', // like good, with an OCSP responder URL; ocsp.der staples "good"
  'ocsp-revoked', // ocsp.der staples "revoked"
] as const;
export type LeafName = (typeof LEAVES)[number];

export interface LeafFiles {
  key: string;
  /** The leaf alone (PEM). */
  cert: string;
  /** What a server sends after the leaf (PEM), if anything. */
  chain?: string;
  /** DER certificates as served: leaf first. */
  served: Buffer[];
  /** A DER OCSP response for this leaf, for `s_server -status_file`. */
  ocsp?: string;
}

export interface TestCa {
  dir: string;
  /** The trusted test root (PEM): pass it as an extra trust anchor. */
  rootPem: string;
  leaves: Record<LeafName, LeafFiles>;
  /** 1024-bit DH parameters for the weak-DHE scenario. */
  dh1024: string;
}

const CA_CNF = `
[ ca ]
default_ca = hearth
[ hearth ]
dir = .
database = $dir/index.txt
new_certs_dir = $dir/issued
serial = $dir/serial
default_md = sha256
policy = any
unique_subject = no
copy_extensions = copy
email_in_dn = no
[ any ]
commonName = supplied
organizationName = optional
[ v3_ca ]
basicConstraints = critical,CA:true
keyUsage = critical,keyCertSign,cRLSign
[ v3_leaf ]
basicConstraints = critical,CA:false
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
[ v3_leaf_ocsp ]
basicConstraints = critical,CA:false
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
authorityInfoAccess = OCSP;URI:http://ocsp.hearth.test/
`;

let opensslChecked: boolean | undefined;

/** Whether Debian's openssl binary is on PATH. */
export function hasOpenssl(): boolean {
  if (opensslChecked === undefined) {
    opensslChecked = (process.env.PATH ?? '').split(':').some((d) => d && existsSync(join(d, 'openssl')));
  }
  return opensslChecked;
}

/** OpenSSL's ca date form, UTC. */
function caDate(d: Date): string {
  return d.toISOString().replace(/[-:T]/g, '').replace(/\.\d+Z$/, 'Z');
}

async function openssl(cwd: string, args: string[], env: Record<string, string> = {}): Promise<void> {
  try {
    await run('openssl', args, { cwd, env: { ...process.env, ...env }, maxBuffer: 1 << 22 });
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`openssl ${args.slice(0, 2).join(' ')} failed: ${e.stderr?.trim() || e.message}`);
  }
}

const DAY = 86_400_000;

async function generate(dir: string): Promise<void> {
  const now = Date.now();
  mkdirSync(join(dir, 'issued'));
  writeFileSync(join(dir, 'ca.cnf'), CA_CNF);
  writeFileSync(join(dir, 'index.txt'), '');
  writeFileSync(join(dir, 'serial'), '1000\n');
  const o = (...args: string[]) => openssl(dir, args);
  const ec = (out: string) => o('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', out);
  const rsa = (out: string, bits: number) => o('genpkey', '-algorithm', 'RSA', '-pkeyopt', `rsa_keygen_bits:${bits}`, '-out', out);
  const csr = (key: string, cn: string, out: string, san?: string) =>
    o('req', '-new', '-key', key, '-subj', `/O=Hearth test/CN=${cn}`, ...(san ? ['-addext', `subjectAltName=${san}`] : []), '-out', out);
  const sign = (issuer: string, csrFile: string, out: string, ext: string, from: number, to: number, md = 'sha256') =>
    o('ca', '-batch', '-config', 'ca.cnf', '-cert', `${issuer}.crt`, '-keyfile', `${issuer}.key`, '-extensions', ext, '-md', md, '-startdate', caDate(new Date(from)), '-enddate', caDate(new Date(to)), '-notext', '-in', csrFile, '-out', out);

  const san = `DNS:${BED_HOST},DNS:*.${BED_HOST}`;
  // Keys: one RSA 3072 key serves most leaves (keys are slow to make; the cases differ in their certificates).
  await Promise.all([ec('root.key'), ec('inter.key'), ec('other-root.key'), ec('other-inter.key'), ec('ecdsa.key'), rsa('leaf.key', 3072), rsa('rsa1024.key', 1024), rsa('rsa2048.key', 2048)]);
  await o('req', '-x509', '-new', '-key', 'root.key', '-subj', '/O=Hearth test/CN=Hearth Test Root', '-days', '3650', '-sha256', '-addext', 'basicConstraints=critical,CA:true', '-addext', 'keyUsage=critical,keyCertSign,cRLSign', '-out', 'root.crt');
  await o('req', '-x509', '-new', '-key', 'other-root.key', '-subj', '/O=Elsewhere/CN=Untrusted Test Root', '-days', '3650', '-sha256', '-addext', 'basicConstraints=critical,CA:true', '-addext', 'keyUsage=critical,keyCertSign,cRLSign', '-out', 'other-root.crt');
  await csr('inter.key', 'Hearth Test Intermediate', 'inter.csr');
  await csr('other-inter.key', 'Untrusted Test Intermediate', 'other-inter.csr');
  await sign('root', 'inter.csr', 'inter.crt', 'v3_ca', now - 30 * DAY, now + 3000 * DAY);
  await sign('other-root', 'other-inter.csr', 'other-inter.crt', 'v3_ca', now - 30 * DAY, now + 3000 * DAY);

  await csr('leaf.key', BED_HOST, 'leaf.csr', san);
  await csr('ecdsa.key', BED_HOST, 'ecdsa.csr', san);
  await csr('rsa1024.key', BED_HOST, 'rsa1024.csr', san);
  await csr('rsa2048.key', BED_HOST, 'rsa2048.csr', san);
  await csr('leaf.key', 'other.example', 'wrong-name.csr', 'DNS:other.example,DNS:www.other.example');
  const year = [now - DAY, now + 365 * DAY] as const;
  await sign('inter', 'leaf.csr', 'good.crt', 'v3_leaf', ...year);
  await sign('inter', 'ecdsa.csr', 'ecdsa.crt', 'v3_leaf', ...year);
  await sign('inter', 'leaf.csr', 'expired.crt', 'v3_leaf', now - 400 * DAY, now - 35 * DAY);
  await sign('inter', 'leaf.csr', 'not-yet-valid.crt', 'v3_leaf', now + 30 * DAY, now + 400 * DAY);
  await sign('inter', 'wrong-name.csr', 'wrong-name.crt', 'v3_leaf', ...year);
  await sign('other-inter', 'leaf.csr', 'untrusted-root.crt', 'v3_leaf', ...year);
  await sign('inter', 'leaf.csr', 'missing-intermediate.crt', 'v3_leaf', ...year);
  await sign('inter', 'rsa1024.csr', 'rsa1024.crt', 'v3_leaf', ...year);
  await sign('inter', 'rsa2048.csr', 'rsa2048.crt', 'v3_leaf', ...year);
  await sign('inter', 'leaf.csr', 'sha1.crt', 'v3_leaf', now - DAY, now + 365 * DAY, 'sha1');
  // Half a day beyond 10 days, so "10 days left" holds for the cache's hour and then some.
  await sign('inter', 'leaf.csr', 'expiring-10d.crt', 'v3_leaf', now - DAY, now + 10.5 * DAY);
  await sign('inter', 'leaf.csr', 'ocsp.crt', 'v3_leaf_ocsp', ...year);
  await sign('inter', 'leaf.csr', 'ocsp-revoked.crt', 'v3_leaf_ocsp', ...year);
  await o(
    'req',
    '-x509',
    '-new',
    '-key',
    'leaf.key',
    '-subj',
    `/O=Hearth test/CN=${BED_HOST}`,
    '-days',
    '365',
    '-sha256',
    '-addext',
    `subjectAltName=${san}`,
    '-addext',
    'basicConstraints=critical,CA:false',
    '-out',
    'self-signed.crt',
  );

  // OCSP: a "good" answer for ocsp.crt, then revoke ocsp-revoked.crt and answer for it.
  await o('ca', '-config', 'ca.cnf', '-cert', 'inter.crt', '-keyfile', 'inter.key', '-revoke', 'ocsp-revoked.crt');
  for (const name of ['ocsp', 'ocsp-revoked']) {
    await o('ocsp', '-issuer', 'inter.crt', '-cert', `${name}.crt`, '-no_nonce', '-reqout', `${name}.req`);
    await o('ocsp', '-index', 'index.txt', '-rsigner', 'inter.crt', '-rkey', 'inter.key', '-CA', 'inter.crt', '-reqin', `${name}.req`, '-respout', `${name}.der`, '-ndays', '7');
  }
  // RFC 5114's 1024-bit group, written as plain PKCS#3 parameters (s_server refuses the X9.42 form).
  await o('genpkey', '-genparam', '-algorithm', 'DH', '-pkeyopt', 'group:dh_1024_160', '-out', 'dh1024.pem');

  // Chains as served.
  const read = (f: string) => readFileSync(join(dir, f), 'utf8');
  writeFileSync(join(dir, 'inter-chain.pem'), read('inter.crt'));
  writeFileSync(join(dir, 'other-chain.pem'), read('other-inter.crt') + read('other-root.crt'));
  writeFileSync(join(dir, 'done'), '');
}

function pemToDer(pem: string): Buffer[] {
  return [...pem.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)].map((m) => Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64'));
}

function describeCa(dir: string): TestCa {
  const leaves = {} as Record<LeafName, LeafFiles>;
  for (const name of LEAVES) {
    const key = join(dir, name === 'ecdsa' || name === 'rsa1024' || name === 'rsa2048' ? `${name}.key` : 'leaf.key');
    const cert = join(dir, `${name}.crt`);
    const chain = name === 'self-signed' || name === 'missing-intermediate' ? undefined : join(dir, name === 'untrusted-root' ? 'other-chain.pem' : 'inter-chain.pem');
    const served = [...pemToDer(readFileSync(cert, 'utf8')), ...(chain ? pemToDer(readFileSync(chain, 'utf8')) : [])];
    const files: LeafFiles = { key, cert, served };
    if (chain) files.chain = chain;
    if (name === 'ocsp' || name === 'ocsp-revoked') files.ocsp = join(dir, `${name}.der`);
    leaves[name] = files;
  }
  return { dir, rootPem: readFileSync(join(dir, 'root.crt'), 'utf8'), leaves, dh1024: join(dir, 'dh1024.pem') };
}

let cached: Promise<TestCa> | undefined;

/** The test CA: made once per hour on this machine, shared by the test files of a run. */
export function testCa(): Promise<TestCa> {
  cached ??= (async () => {
    const base = tmpdir();
    const version = createHash('sha256').update(readFileSync(new URL(import.meta.url))).digest('hex').slice(0, 12);
    const hour = new Date().toISOString().slice(0, 13).replace(/[-T]/g, '');
    const prefix = 'hearth-bed-ca-';
    const final = join(base, `${prefix}${version}-${hour}`);
    if (existsSync(join(final, 'done'))) return describeCa(final);
    // Old generations go (only ours, by prefix, and only when more than a day old or superseded).
    for (const d of readdirSync(base)) {
      if (!d.startsWith(prefix) || join(base, d) === final) continue;
      try {
        if (Date.now() - statSync(join(base, d)).mtimeMs > 2 * 3600_000) rmSync(join(base, d), { recursive: true, force: true });
      } catch {
        // another worker may be removing it too
      }
    }
    const work = mkdtempSync(join(base, `${prefix}tmp-`));
    await generate(work);
    try {
      renameSync(work, final);
    } catch {
      // Another worker finished first: use its files.
      rmSync(work, { recursive: true, force: true });
    }
    return describeCa(final);
  })();
  return cached;
}
