// TLS-01…11 verdicts from what the scan and the full handshakes learned,
// following the catalogue (../shared/CHECKS.md). Each result says what was
// found; anything we could not establish is an "error", never a guess.
//
// How the less obvious ones are measured:
// - TLS-03: the accepted suites of each version that has weaker ones are
//   offered again in reverse order; a server that picks the same suite keeps
//   its own order. A suite list cut short by the budget leaves it unjudged.
// - TLS-04: every group accepted in TLS 1.3 (HelloRetryRequest naming it),
//   ECDHE curves in TLS ≤ 1.2 (ServerKeyExchange) and DHE prime sizes; the
//   weakest decides. Weak groups are asked for first, so a budget cut after
//   them cannot hide a failure.
// - TLS-05: the schemes seen in TLS 1.2 ServerKeyExchange, plus one hello
//   offering only SHA-1/MD5 schemes: RFC 9155 says a server must refuse it.
// - TLS-08: a full handshake (node:tls, newest TLS ≤ 1.2), then a
//   renegotiation from our side; completed → warn, refused or ignored → pass.
// - TLS-09: 0-RTT needs a resumption ticket allowing early data. We complete
//   one TLS 1.3 handshake and read max_early_data from the ticket. No ticket or
//   0 → pass. More than 0 → info: Node cannot send early data, so whether the
//   server answers replayable requests with 425 (RFC 8470) is not measured,
//   and we do not call it a failure we have not seen.
// - TLS-11: the staple from a TLS ≤ 1.2 handshake (CertificateStatus) or from
//   node:tls (TLS 1.3), checked against the leaf and its issuer (ocsp.ts).
import { errorResult, result } from '../audit-support.js';
import type { CertInfo } from '../cert/x509.js';
import type { CheckResult, Status } from '../types.js';
import type { RenegotiationResult, Tls13Session } from './full.js';
import { judgeStaple } from './ocsp.js';
import { groupName, groups, rateDhBits, type Rating, sigalgHash, sigalgName, SSLV2_CIPHERS, SSLv2, SSLv3, suiteName, suites, TLSv1, TLSv1_1, TLSv1_2, TLSv1_3, versionName, VERSIONS } from './registry.js';
import type { HelloFacts, ScanFacts } from './scan.js';

export interface JudgeInput {
  target: string;
  kind: 'https' | 'mail' | 'other';
  scan: ScanFacts;
  renegotiation?: RenegotiationResult;
  session13?: Tls13Session | { error: string };
  leaf?: CertInfo;
  issuer?: CertInfo;
  now: Date;
}

const LEGACY = [SSLv2, SSLv3, TLSv1, TLSv1_1];
const worst = (ratings: Rating[]): Rating | undefined =>
  ratings.includes('insecure') ? 'insecure' : ratings.includes('phase-out') ? 'phase-out' : ratings.length ? 'good' : undefined;
const statusOf: Record<Rating, Status> = { good: 'pass', 'phase-out': 'warn', insecure: 'fail' };
const list = (xs: string[]) => (xs.length > 6 ? `${xs.slice(0, 6).join(', ')} and ${xs.length - 6} more` : xs.join(', '));

export function judgeTls(i: JudgeInput): CheckResult[] {
  const { scan, target } = i;
  const v = (version: number) => scan.versions.get(version);
  const offered = VERSIONS.filter((x) => v(x)?.offered === true);
  const has13 = offered.includes(TLSv1_3);
  const has12 = offered.includes(TLSv1_2);
  /** ServerHellos of TLS ≤ 1.2 (SSLv3 included): the ones that carry renegotiation_info, EMS, compression. */
  const oldHellos: HelloFacts[] = [TLSv1_2, TLSv1_1, TLSv1, SSLv3].flatMap((x) => v(x)?.hellos ?? []);
  const out: CheckResult[] = [];
  const answers = Object.fromEntries(VERSIONS.map((x) => [versionName(x), v(x)?.answer ?? 'not tried']));

  // TLS-01: versions.
  {
    const bad = offered.filter((x) => LEGACY.includes(x as number));
    const unknown = VERSIONS.filter((x) => v(x)?.offered === undefined);
    const facts = { offered: offered.map(versionName), answers };
    const evidence = { sent: 'one ClientHello per version, SSLv2 to TLS 1.3', received: offered.length ? `negotiated ${offered.map(versionName).join(', ')}` : 'no version negotiated', facts };
    if (bad.length) out.push(result('TLS-01', 'fail', target, `Offers ${bad.map(versionName).join(', ')} beside ${offered.filter((x) => !bad.includes(x)).map(versionName).join(', ') || 'nothing newer'}.`, evidence));
    else if (!offered.length) out.push(errorResult('TLS-01', target, 'the server negotiated no SSL/TLS version', evidence));
    else if (unknown.length) out.push(errorResult('TLS-01', target, `could not tell whether ${unknown.map(versionName).join(', ')} is offered (${unknown.map((x) => v(x)?.error ?? 'not tried').join('; ')})`, evidence));
    else out.push(result('TLS-01', 'pass', target, `Offers only ${offered.map(versionName).join(' and ')}.`, evidence));
  }

  // TLS-02: cipher suites.
  {
    const perVersion: Record<string, string[]> = {};
    const rated: Array<{ name: string; rating: Rating; because: string; version: string }> = [];
    for (const x of offered) {
      const vf = v(x)!;
      if (x === SSLv2) {
        perVersion.SSLv2 = (scan.sslv2Ciphers ?? []).map((c) => SSLV2_CIPHERS.get(c) ?? `0x${c.toString(16)}`);
        for (const name of perVersion.SSLv2) rated.push({ name, rating: 'insecure', because: 'SSLv2', version: 'SSLv2' });
        continue;
      }
      perVersion[versionName(x)] = vf.suites.map(suiteName);
      for (const s of vf.suites) {
        const info = suites.get(s);
        rated.push({ name: suiteName(s), rating: info?.rating ?? 'insecure', because: info?.because ?? 'unknown suite', version: versionName(x) });
      }
    }
    const incomplete = offered.filter((x) => x !== SSLv2 && !v(x)!.complete);
    const w = worst(rated.map((r) => r.rating));
    const facts = { suites: perVersion, incomplete: incomplete.map(versionName) };
    const evidence = { sent: 'per version: every suite, minus each one chosen, until refused', received: `${rated.length} suite(s) accepted`, facts };
    if (w === 'insecure') {
      const bad = rated.filter((r) => r.rating === 'insecure');
      out.push(result('TLS-02', 'fail', target, `Accepts insecure suites: ${list([...new Set(bad.map((r) => `${r.name} (${r.because})`))])}.`, evidence));
    } else if (incomplete.length) {
      out.push(errorResult('TLS-02', target, `the suite list of ${incomplete.map(versionName).join(', ')} is incomplete (${incomplete.map((x) => v(x)!.error ?? 'handshake budget spent').join('; ')})`, evidence));
    } else if (w === undefined) {
      out.push(errorResult('TLS-02', target, 'no cipher suite was negotiated', evidence));
    } else if (w === 'phase-out') {
      const po = rated.filter((r) => r.rating === 'phase-out');
      out.push(result('TLS-02', 'warn', target, `Accepts suites to phase out: ${list([...new Set(po.map((r) => `${r.name} (${r.because})`))])}.`, evidence));
    } else {
      out.push(result('TLS-02', 'pass', target, `Accepts only good suites (${rated.length}).`, evidence));
    }
  }

  // TLS-03: server cipher order.
  {
    const tested = offered.filter((x) => x !== SSLv2 && v(x)!.suites.length >= 2 && v(x)!.suites.some((s) => suites.get(s)?.rating !== 'good'));
    const facts = Object.fromEntries(tested.map((x) => [versionName(x), v(x)!.orderEvidence ?? 'not tested']));
    const clientOrder = tested.filter((x) => v(x)!.serverOrder === false);
    // A suite list cut short may hide the weaker suites whose order matters.
    const unknown = [...tested.filter((x) => v(x)!.serverOrder === undefined), ...offered.filter((x) => x !== SSLv2 && !tested.includes(x) && !v(x)!.complete)];
    const evidence = { sent: 'the accepted suites again, in reverse order', facts };
    if (clientOrder.length) out.push(result('TLS-03', 'fail', target, `The client's order decides in ${clientOrder.map(versionName).join(', ')}, and weaker suites are accepted.`, evidence));
    else if (unknown.length) out.push(errorResult('TLS-03', target, `the suite list or the order test did not complete for ${unknown.map(versionName).join(', ')}`, evidence));
    else if (tested.length) out.push(result('TLS-03', 'pass', target, `The server enforces its own order (${tested.map(versionName).join(', ')}).`, evidence));
    else if (offered.length) out.push(result('TLS-03', 'pass', target, 'Every suite offered is good (or only one is offered per version), so the order does not matter.', evidence));
    else out.push(errorResult('TLS-03', target, 'no cipher suite was negotiated', evidence));
  }

  // TLS-04: key-exchange groups.
  {
    const items: Array<{ name: string; rating: Rating }> = [];
    const add = (name: string, rating: Rating) => {
      if (!items.some((x) => x.name === name)) items.push({ name, rating });
    };
    for (const g of scan.groups13?.accepted ?? []) add(groupName(g), groups.get(g)?.rating ?? 'insecure');
    for (const g of scan.groups12?.accepted ?? []) add(groupName(g), groups.get(g)?.rating ?? 'insecure');
    for (const bits of scan.dhBits) add(`DHE ${bits}-bit group`, rateDhBits(bits));
    const incomplete = [scan.groups13, scan.groups12].filter((g) => g && !g.complete).map((g) => g!.error ?? 'incomplete');
    const w = worst(items.map((x) => x.rating));
    const facts = { tls13: scan.groups13?.accepted.map(groupName), tls12: scan.groups12?.accepted.map(groupName), dhBits: scan.dhBits, incomplete };
    const evidence = { sent: 'TLS 1.3 hellos with an empty key_share; TLS 1.2 ECDHE hellos per curve set', received: items.map((x) => x.name).join(', ') || 'none', facts };
    if (w === 'insecure') out.push(result('TLS-04', 'fail', target, `Accepts weak groups: ${items.filter((x) => x.rating === 'insecure').map((x) => x.name).join(', ')}.`, evidence));
    else if (incomplete.length) out.push(errorResult('TLS-04', target, `group enumeration incomplete: ${incomplete.join('; ')}`, evidence));
    else if (w === 'phase-out') out.push(result('TLS-04', 'warn', target, `Accepts finite-field groups to phase out: ${items.filter((x) => x.rating === 'phase-out').map((x) => x.name).join(', ')}.`, evidence));
    else if (w === 'good') out.push(result('TLS-04', 'pass', target, `Uses strong groups only: ${items.map((x) => x.name).join(', ')}.`, evidence));
    else if (offered.length) out.push(result('TLS-04', 'info', target, 'No ephemeral (EC)DH key exchange was negotiated (see TLS-02).', evidence));
    else out.push(errorResult('TLS-04', target, 'no handshake succeeded', evidence));
  }

  // TLS-05: signature hash of the TLS 1.2 key exchange (RFC 9155).
  {
    const seen = scan.sigalgs12.map(sigalgName);
    const legacy = scan.legacySigalg;
    const facts = { normal: seen, whenOnlySha1Offered: legacy ? (legacy.signedWith !== undefined ? sigalgName(legacy.signedWith) : legacy.refused ? 'refused' : (legacy.error ?? 'unsigned')) : undefined };
    const evidence = { sent: 'TLS 1.2 hellos with all signature schemes, then with SHA-1/MD5 only', facts };
    const weakNormal = scan.sigalgs12.filter((s) => ['md5', 'sha1'].includes(sigalgHash(s)));
    const weakAsked = legacy?.signedWith !== undefined && ['md5', 'sha1'].includes(sigalgHash(legacy.signedWith));
    if (!has12) {
      if (has13) out.push(result('TLS-05', 'pass', target, 'TLS 1.2 is not offered; TLS 1.3 key exchanges are never signed with SHA-1 or MD5.', evidence));
      else out.push(result('TLS-05', 'info', target, 'TLS 1.2 is not offered, so this check does not apply (see TLS-01).', evidence));
    } else if (weakNormal.length) {
      out.push(result('TLS-05', 'fail', target, `Signs key exchanges with ${weakNormal.map(sigalgName).join(', ')}.`, evidence));
    } else if (weakAsked) {
      out.push(result('TLS-05', 'fail', target, `Signs with ${sigalgName(legacy!.signedWith!)} when a client offers only SHA-1/MD5 (RFC 9155 requires refusing).`, evidence));
    } else if (legacy?.error) {
      out.push(errorResult('TLS-05', target, `the SHA-1-only test failed: ${legacy.error}`, evidence));
    } else if (!seen.length) {
      out.push(result('TLS-05', 'info', target, 'No signed key exchange in TLS 1.2 (only RSA key exchange; see TLS-02).', evidence));
    } else {
      out.push(result('TLS-05', 'pass', target, `Signs key exchanges with ${seen.join(', ')}${legacy?.refused ? ' and refuses SHA-1-only clients' : ''}.`, evidence));
    }
  }

  // TLS-06: compression (we offer DEFLATE in every TLS ≤ 1.2 hello).
  {
    const compressed = [...new Set(oldHellos.filter((h) => h.compression !== 0).map((h) => versionName(h.version)))];
    const evidence = { sent: 'compression methods DEFLATE, null', facts: { compressedIn: compressed, hellos: oldHellos.length } };
    if (compressed.length) out.push(result('TLS-06', 'fail', target, `Accepts TLS compression in ${compressed.join(', ')} (CRIME).`, evidence));
    else if (oldHellos.length) out.push(result('TLS-06', 'pass', target, 'Refuses TLS compression.', evidence));
    else if (has13) out.push(result('TLS-06', 'pass', target, 'Only TLS 1.3 is offered; it has no compression.', evidence));
    else out.push(errorResult('TLS-06', target, 'no handshake succeeded', evidence));
  }

  // TLS-07: secure renegotiation (RFC 5746).
  {
    const missing = [...new Set(oldHellos.filter((h) => !h.renegotiationInfo).map((h) => versionName(h.version)))];
    const evidence = { sent: 'an empty renegotiation_info extension (the SCSV for SSLv3)', facts: { missingIn: missing } };
    if (missing.length) out.push(result('TLS-07', 'fail', target, `No renegotiation_info in the ServerHello of ${missing.join(', ')}.`, evidence));
    else if (oldHellos.length) out.push(result('TLS-07', 'pass', target, 'Supports secure renegotiation (RFC 5746).', evidence));
    else if (has13) out.push(result('TLS-07', 'pass', target, 'Only TLS 1.3 is offered; it has no renegotiation.', evidence));
    else out.push(errorResult('TLS-07', target, 'no handshake succeeded', evidence));
  }

  // TLS-08: client-initiated renegotiation.
  {
    const r = i.renegotiation;
    const facts = r ? { ...r } : {};
    const evidence = { sent: 'a full handshake, then a renegotiation request from the client', facts };
    if (!r) {
      if (has13 && !oldHellos.length) out.push(result('TLS-08', 'pass', target, 'Only TLS 1.3 is offered; it has no renegotiation.', evidence));
      else out.push(errorResult('TLS-08', target, 'no full TLS ≤ 1.2 handshake was possible', evidence));
    } else if (r.outcome === 'allowed') out.push(result('TLS-08', 'warn', target, `Allows client-initiated renegotiation (${r.protocol}).`, evidence));
    else if (r.outcome === 'refused') out.push(result('TLS-08', 'pass', target, `Refuses client-initiated renegotiation (${r.detail}).`, evidence));
    else out.push(errorResult('TLS-08', target, r.detail, evidence));
  }

  // TLS-09: 0-RTT. We read the early-data allowance from the server's TLS 1.3 session ticket;
  // Node cannot send early data, so a server that allows it is reported, not judged.
  {
    const s = i.session13;
    const evidence = { sent: 'a TLS 1.3 handshake, waiting for a session ticket', facts: s && !('error' in s) ? { maxEarlyData: s.maxEarlyData, ticket: s.maxEarlyData !== undefined } : { error: s && 'error' in s ? s.error : undefined } };
    if (i.kind !== 'https') out.push(result('TLS-09', 'info', target, '0-RTT replay (RFC 8470) is judged on HTTPS only.', evidence));
    else if (!has13) out.push(result('TLS-09', 'pass', target, 'TLS 1.3 is not offered, so there is no 0-RTT.', evidence));
    else if (!s) out.push(errorResult('TLS-09', target, 'no TLS 1.3 handshake was made', evidence));
    else if ('error' in s) out.push(errorResult('TLS-09', target, `the TLS 1.3 handshake failed: ${s.error}`, evidence));
    else if (s.ticketError) out.push(errorResult('TLS-09', target, `the session ticket could not be read: ${s.ticketError}`, evidence));
    else if (s.maxEarlyData === undefined) out.push(result('TLS-09', 'pass', target, 'No session ticket was issued, so 0-RTT is impossible.', evidence));
    else if (s.maxEarlyData === 0) out.push(result('TLS-09', 'pass', target, 'The session tickets allow no early data (0-RTT off).', evidence));
    else
      out.push(
        result(
          'TLS-09',
          'info',
          target,
          `The server accepts up to ${s.maxEarlyData} bytes of 0-RTT early data; whether it answers replayable requests with 425 (RFC 8470) was not tested, as Hearth cannot send early data.`,
          evidence,
        ),
      );
  }

  // TLS-10: Extended Master Secret on TLS 1.2 (RFC 7627).
  {
    const hellos12 = v(TLSv1_2)?.hellos ?? [];
    const without = hellos12.filter((h) => !h.extendedMasterSecret).length;
    const evidence = { sent: 'the extended_master_secret extension', facts: { tls12Hellos: hellos12.length, withoutEms: without } };
    if (!has12) {
      if (has13) out.push(result('TLS-10', 'pass', target, 'TLS 1.2 is not offered; TLS 1.3 always binds the session to the handshake.', evidence));
      else out.push(result('TLS-10', 'info', target, 'TLS 1.2 is not offered, so this check does not apply (see TLS-01).', evidence));
    } else if (!hellos12.length) out.push(errorResult('TLS-10', target, 'no TLS 1.2 ServerHello was seen', evidence));
    else if (without) out.push(result('TLS-10', 'fail', target, 'TLS 1.2 ServerHello without extended_master_secret.', evidence));
    else out.push(result('TLS-10', 'pass', target, 'Negotiates the Extended Master Secret in TLS 1.2.', evidence));
  }

  // TLS-11: OCSP stapling.
  {
    const s = i.session13 && !('error' in i.session13) ? i.session13 : undefined;
    const staple = scan.ocsp ?? s?.ocsp;
    const known = scan.stapleKnown || s !== undefined;
    const urls = i.leaf?.ocspUrls ?? [];
    const facts: Record<string, unknown> = { ocspUrls: urls, stapled: staple !== undefined };
    const evidence = { sent: 'status_request in every ClientHello', facts };
    if (!i.leaf) out.push(errorResult('TLS-11', target, 'no certificate to check the staple against', evidence));
    else if (staple) {
      const verdict = judgeStaple(staple, i.leaf, i.issuer, i.now);
      Object.assign(facts, verdict);
      if (verdict.valid) out.push(result('TLS-11', 'pass', target, `Staples a valid OCSP response (status good, next update ${verdict.nextUpdate ?? 'not given'}).`, evidence));
      else out.push(result('TLS-11', 'fail', target, `Staples an invalid OCSP response: ${verdict.problems.join('; ')}.`, evidence));
    } else if (!known) out.push(errorResult('TLS-11', target, 'no handshake got far enough to see a staple', evidence));
    else if (urls.length) out.push(result('TLS-11', 'info', target, `No OCSP staple, though the certificate names a responder (${urls[0]}).`, evidence));
    else out.push(result('TLS-11', 'pass', target, 'No OCSP staple, and the certificate names no OCSP responder.', evidence));
  }

  return out;
}
