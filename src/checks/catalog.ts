// The catalogue (../shared/CHECKS.md as data): what each check measures and the
// standard it follows. Check modules look up their entry here.
import type { Category } from './types.js';

export interface CatalogEntry {
  id: string;
  category: Category;
  title: string;
  standard: string;
  /** One line of advice shown when the check warns or fails. */
  advice: string;
}

const e = (id: string, category: Category, title: string, standard: string, advice: string): CatalogEntry => ({ id, category, title, standard, advice });

export const catalog: CatalogEntry[] = [
  e('TLS-01', 'tls', 'Protocol versions offered', 'NCSC-NL TLS guidelines (2025); RFC 8996', 'Offer only TLS 1.2 and TLS 1.3.'),
  e('TLS-02', 'tls', 'Cipher suites', 'NCSC-NL appendix B; RFC 9325', 'Offer only ECDHE with AEAD ciphers (and the TLS 1.3 suites).'),
  e('TLS-03', 'tls', 'Server cipher order', 'NCSC-NL', 'Make the server choose the cipher (e.g. ssl_prefer_server_ciphers on).'),
  e('TLS-04', 'tls', 'Key-exchange groups', 'NCSC-NL; RFC 7919', 'Use X25519 and P-256 or stronger; drop finite-field groups below 3072 bits.'),
  e('TLS-05', 'tls', 'Signature hash in TLS 1.2 key exchange', 'RFC 9155', 'Sign key exchanges with SHA-2, never SHA-1 or MD5.'),
  e('TLS-06', 'tls', 'TLS compression', 'NCSC-NL (CRIME)', 'Turn TLS compression off.'),
  e('TLS-07', 'tls', 'Secure renegotiation', 'RFC 5746', 'Upgrade the TLS library: it must support the renegotiation_info extension.'),
  e('TLS-08', 'tls', 'Client-initiated renegotiation', 'NCSC-NL', 'Refuse renegotiation started by clients.'),
  e('TLS-09', 'tls', '0-RTT on HTTPS', 'RFC 8446 §8; RFC 8470', 'Disable early data, or answer replayable requests with 425.'),
  e('TLS-10', 'tls', 'Extended Master Secret on TLS 1.2', 'RFC 7627', 'Upgrade the TLS library so it negotiates extended_master_secret.'),
  e('TLS-11', 'tls', 'OCSP stapling', 'RFC 6066 §8', 'Staple a valid OCSP response, or none at all.'),
  e('CERT-01', 'cert', 'Chain to a trusted root', 'RFC 5280', 'Serve the full chain (leaf and intermediates) from a trusted CA.'),
  e('CERT-02', 'cert', 'Name matches', 'RFC 9525', 'Put every served name in the certificate’s subjectAltName.'),
  e('CERT-03', 'cert', 'Key strength', 'NCSC-NL', 'Use ECDSA P-256, Ed25519 or RSA of at least 3072 bits.'),
  e('CERT-04', 'cert', 'Signature algorithm', 'RFC 5280 and successors', 'Get a certificate signed with SHA-256 or better.'),
  e('CERT-05', 'cert', 'Validity', 'thresholds are our own', 'Renew the certificate (automate it, e.g. with an ACME client).'),
  e('CERT-06', 'cert', 'CAA records', 'RFC 8659; RFC 8657', 'Publish a CAA record naming the CA you use.'),
  e('HTTP-01', 'http', 'HTTPS answers', '—', 'Serve the site over HTTPS.'),
  e('HTTP-02', 'http', 'Plain HTTP redirects to HTTPS', 'NCSC-NL web guidelines', 'Redirect http:// to https:// on the same host first.'),
  e('HTTP-03', 'http', 'HSTS', 'RFC 6797', 'Send Strict-Transport-Security with max-age of at least one year.'),
  e('HTTP-04', 'http', 'Content-Security-Policy', 'W3C CSP Level 3', "Send a CSP without 'unsafe-inline'/'unsafe-eval', with object-src 'none', base-uri and frame-ancestors."),
  e('HTTP-05', 'http', 'X-Content-Type-Options', 'WHATWG Fetch', 'Send X-Content-Type-Options: nosniff.'),
  e('HTTP-06', 'http', 'Framing protection', 'RFC 7034; CSP3', "Send X-Frame-Options: DENY or CSP frame-ancestors 'none'."),
  e('HTTP-07', 'http', 'Referrer-Policy', 'W3C Referrer Policy', 'Send Referrer-Policy: no-referrer (or same-origin, strict-origin…).'),
  e('HTTP-08', 'http', 'security.txt', 'RFC 9116', 'Publish /.well-known/security.txt with Contact and Expires.'),
  e('HTTP-09', 'http', 'Cookies', 'RFC 6265bis', 'Give session cookies Secure, HttpOnly and SameSite.'),
  e('HTTP-10', 'http', 'Scripts', 'W3C SRI', 'Load scripts over HTTPS, from your own site or with Subresource Integrity.'),
  e('DNS-01', 'dns', 'Zone signed', 'RFC 4033–4035', 'Sign the zone with DNSSEC and publish the DS record at the parent.'),
  e('DNS-02', 'dns', 'DNSSEC validation', 'RFC 4035', 'Fix the zone’s signatures so validating resolvers accept them.'),
  e('DNS-03', 'dns', 'DNSSEC algorithms', 'RFC 8624', 'Sign with algorithm 13 (ECDSA P-256) or 15 (Ed25519).'),
  e('DNS-04', 'dns', 'Name-server redundancy', 'RFC 2182', 'Use at least two name servers in different networks.'),
  e('DNS-05', 'dns', 'Name servers over IPv6', 'Internet.nl method', 'Give at least two name servers working IPv6 addresses.'),
  e('DNS-06', 'dns', 'Name-server hygiene', 'RFC 5358', 'Refuse recursion and zone transfers to the public; keep serials in step.'),
  e('MAIL-01', 'mail', 'MX or Null MX', 'RFC 7505', 'Publish MX records that resolve, or a Null MX if the domain receives no mail.'),
  e('MAIL-02', 'mail', 'STARTTLS on every MX', 'RFC 3207', 'Offer STARTTLS on every mail server.'),
  e('MAIL-03', 'mail', 'DANE TLSA for MX', 'RFC 7672', 'Publish TLSA records (usage 3 1 1 or 2 1 1) for each MX in the signed zone.'),
  e('MAIL-04', 'mail', 'TLSA matches the served chain', 'RFC 7671', 'Update the TLSA record to match the certificate the server presents.'),
  e('MAIL-05', 'mail', 'TLSA rollover readiness', 'RFC 7671 §8', 'Publish the next key’s TLSA record before rolling the key.'),
  e('MAIL-06', 'mail', 'SPF', 'RFC 7208', 'Publish one SPF record ending in ~all or -all, with at most 10 lookups.'),
  e('MAIL-07', 'mail', 'DMARC', 'RFC 7489', 'Publish a DMARC record with p=quarantine or p=reject.'),
  e('MAIL-08', 'mail', 'DKIM', 'RFC 6376; RFC 8301; RFC 8463', 'Sign with DKIM using RSA ≥ 2048 or Ed25519 keys.'),
  e('MAIL-09', 'mail', 'MTA-STS', 'RFC 8461', 'Publish an MTA-STS policy in enforce mode listing every MX.'),
  e('MAIL-10', 'mail', 'TLS-RPT', 'RFC 8460', 'Publish a _smtp._tls record with rua= to receive TLS reports.'),
  e('MAIL-11', 'mail', 'Mail client ports', 'RFC 8314', 'Offer implicit TLS on 465/993/995 and never offer AUTH before TLS.'),
  e('V6-01', 'ipv6', 'AAAA for web, MX and NS hosts', 'RFC 4291', 'Publish AAAA records for web, mail and name servers.'),
  e('V6-02', 'ipv6', 'Same services over IPv6', 'Internet.nl method', 'Make every service reachable over IPv6 as over IPv4.'),
  e('V6-03', 'ipv6', 'Same content over IPv6', 'Internet.nl method', 'Serve the same site over IPv6 as over IPv4.'),
];

const byId = new Map(catalog.map((c) => [c.id, c]));

export function entry(id: string): CatalogEntry {
  const c = byId.get(id);
  if (!c) throw new Error(`unknown check ${id}`);
  return c;
}
