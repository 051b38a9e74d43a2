// What a server offers, learned with as few raw handshakes as we can:
// - per version, offer every suite and take away the one the server chose
//   until it refuses (n suites cost n + 1 handshakes; the first one also tells
//   whether the version is offered at all);
// - server cipher order: offer the accepted suites once more in reverse order;
// - groups: TLS 1.3 with an empty key_share makes the server name its choice in
//   a HelloRetryRequest; TLS 1.2 shows the curve in ServerKeyExchange; weak
//   groups are asked for first;
// - one TLS 1.2 hello offering only SHA-1/MD5 signatures (RFC 9155).
// Every ServerHello is mined for compression, renegotiation_info and
// extended_master_secret; the first certificate chain and OCSP staple are kept.
import { buildClientHello, buildSslv2ClientHello, COMPRESSION_DEFLATE, COMPRESSION_NULL, type ServerHello, type ServerKeyExchange, alertName } from './messages.js';
import { type ProbeEnv, type ProbeOutcome, type ProbeTarget, probe } from './probe.js';
import {
  groupName,
  groups,
  SIGALGS_ALL,
  SIGALGS_LEGACY,
  sigalgName,
  SSLv2,
  SSLv3,
  suiteName,
  suites,
  suitesFor,
  TLSv1,
  TLSv1_1,
  TLSv1_2,
  TLSv1_3,
  versionName,
  X25519,
} from './registry.js';

/** What one ServerHello (TLS ≤ 1.2 or 1.3) showed. */
export interface HelloFacts {
  version: number;
  suite: number;
  compression: number;
  renegotiationInfo: boolean;
  extendedMasterSecret: boolean;
  keyShareGroup?: number;
  ske?: ServerKeyExchange;
}

export interface VersionFacts {
  version: number;
  /** true: negotiated; false: refused; undefined: could not tell (see error). */
  offered: boolean | undefined;
  /** How the first attempt ended, for evidence. */
  answer: string;
  /** Accepted suites, in the order the server chose them. */
  suites: number[];
  /** The suite list ended in a refusal (false when the budget or an error cut it short). */
  complete: boolean;
  hellos: HelloFacts[];
  /** From the reverse-order probe: the server chose by its own order (true) or ours (false). */
  serverOrder?: boolean;
  orderEvidence?: string;
  error?: string;
}

export interface GroupFacts {
  accepted: number[];
  complete: boolean;
  error?: string;
}

export interface ScanFacts {
  versions: Map<number, VersionFacts>;
  sslv2Ciphers?: number[];
  /** TLS 1.3 groups (HelloRetryRequest enumeration). */
  groups13?: GroupFacts;
  /** ECDHE curves seen or enumerated in TLS ≤ 1.2. */
  groups12?: GroupFacts;
  /** Prime sizes of DHE key exchanges seen. */
  dhBits: number[];
  /** TLS 1.2 ServerKeyExchange signature schemes seen in normal handshakes. */
  sigalgs12: number[];
  /** The SHA-1/MD5-only TLS 1.2 probe: the scheme the server signed with, or a refusal. */
  legacySigalg?: { signedWith?: number; refused: boolean; error?: string };
  certificates?: Buffer[];
  /** DER OCSP response stapled in a TLS ≤ 1.2 handshake (undefined: none seen). */
  ocsp?: Buffer;
  /** A TLS ≤ 1.2 handshake completed its first flight, so the absence of a staple means something. */
  stapleKnown: boolean;
  /** One short line per handshake: what we asked, what came back. */
  log: string[];
  /** Every attempt at the two current versions failed: nothing else can be judged. */
  fatal?: string;
  /** Where the fatal failure happened, and how STARTTLS failed if that was it. */
  fatalStage?: 'connect' | 'starttls' | 'tls';
  starttlsFailure?: 'not-offered' | 'refused' | 'protocol' | 'timeout' | 'closed';
  handshakes: number;
  budgetExhausted: boolean;
}

export interface ScanOptions {
  target: ProbeTarget;
  serverName?: string;
  env: ProbeEnv;
}

function answerText(o: ProbeOutcome): string {
  switch (o.kind) {
    case 'hello': {
      const h = o.hello;
      const what = h.helloRetryRequest ? 'HelloRetryRequest' : 'ServerHello';
      const group = h.keyShareGroup !== undefined ? ` ${groupName(h.keyShareGroup)}` : '';
      const ske = o.ske?.kind === 'dhe' ? ` DH ${o.ske.primeBits} bits` : o.ske?.kind === 'ecdhe' && o.ske.group !== undefined ? ` ${groupName(o.ske.group)}` : '';
      const sig = o.ske?.sigalg !== undefined ? ` signed ${sigalgName(o.ske.sigalg)}` : '';
      return `${what} ${versionName(h.version)} ${suiteName(h.suite)}${group}${ske}${sig}`;
    }
    case 'alert':
      return `alert ${alertName(o.alert.description)}`;
    case 'closed':
      return 'connection closed';
    case 'sslv2':
      return `SSLv2 SERVER-HELLO (${o.hello.ciphers.length} ciphers)`;
    case 'error':
      return `error: ${o.reason}`;
    case 'skipped':
      return 'skipped (handshake budget spent)';
  }
}

function helloFacts(h: ServerHello, ske?: ServerKeyExchange): HelloFacts {
  const f: HelloFacts = {
    version: h.version,
    suite: h.suite,
    compression: h.compression,
    renegotiationInfo: h.renegotiationInfo !== undefined,
    extendedMasterSecret: h.extendedMasterSecret,
  };
  if (h.keyShareGroup !== undefined) f.keyShareGroup = h.keyShareGroup;
  if (ske) f.ske = ske;
  return f;
}

const ALL_GROUPS = [...groups.keys()];

// Handshakes per version's suite list beyond the first: enough for any sane
// configuration; a legacy server offering everything is cut short (its
// verdicts are decided long before) so the endpoint's budget lasts.
const CAP_TLS13 = 5;
const CAP_TLS12 = 32;
const CAP_OLD = 8;

export async function scanServer(o: ScanOptions): Promise<ScanFacts> {
  const facts: ScanFacts = { versions: new Map(), dhBits: [], sigalgs12: [], stapleKnown: false, log: [], handshakes: 0, budgetExhausted: false };

  const hello = (version: number, offer: readonly number[], extra: { groups?: readonly number[]; keyShares?: number[]; sigalgs?: readonly number[] } = {}) =>
    buildClientHello({
      version,
      suites: offer,
      serverName: o.serverName,
      groups: extra.groups ?? ALL_GROUPS,
      sigalgs: extra.sigalgs ?? SIGALGS_ALL,
      compression: version === TLSv1_3 ? [COMPRESSION_NULL] : [COMPRESSION_DEFLATE, COMPRESSION_NULL],
      keyShares: extra.keyShares ?? [X25519],
    });

  const run = async (label: string, bytes: Buffer, mode: 'tls' | 'sslv2' = 'tls'): Promise<ProbeOutcome> => {
    const out = await probe(o.target, o.env, bytes, mode);
    if (out.kind === 'skipped') facts.budgetExhausted = true;
    else facts.handshakes++;
    facts.log.push(`${label} → ${answerText(out)}`);
    return out;
  };

  /** Remember what a ≤ 1.2 or 1.3 ServerHello taught. */
  const learn = (vf: VersionFacts, out: Extract<ProbeOutcome, { kind: 'hello' }>) => {
    vf.hellos.push(helloFacts(out.hello, out.ske));
    if (out.ske?.kind === 'dhe' && !facts.dhBits.includes(out.ske.primeBits)) facts.dhBits.push(out.ske.primeBits);
    if (out.ske?.kind === 'ecdhe' && out.ske.group !== undefined) {
      facts.groups12 ??= { accepted: [], complete: false };
      if (!facts.groups12.accepted.includes(out.ske.group)) facts.groups12.accepted.push(out.ske.group);
    }
    if (out.hello.version === TLSv1_2 && out.ske?.sigalg !== undefined && !facts.sigalgs12.includes(out.ske.sigalg)) facts.sigalgs12.push(out.ske.sigalg);
    if (out.hello.version <= TLSv1_2 && out.certificates?.length && !facts.certificates) facts.certificates = out.certificates;
    if (out.hello.version <= TLSv1_2 && out.complete) {
      facts.stapleKnown = true;
      if (out.ocsp && !facts.ocsp) facts.ocsp = out.ocsp;
    }
  };

  /**
   * Offer every suite of `version`, removing the chosen one, until the server
   * refuses or `cap` more handshakes are spent (the list is then incomplete).
   */
  const enumerate = async (version: number, first: ProbeOutcome | undefined, cap: number): Promise<VersionFacts> => {
    const vf: VersionFacts = { version, offered: undefined, answer: '', suites: [], complete: false, hellos: [] };
    facts.versions.set(version, vf);
    let candidates = suitesFor(version);
    let out = first ?? (await run(`${versionName(version)} ClientHello (${candidates.length} suites)`, hello(version, candidates)));
    vf.answer = answerText(out);
    let spent = 0;
    for (;;) {
      if (out.kind === 'hello') {
        const h = out.hello;
        if (h.version !== version) {
          // The server answered with another version: it does not speak this one.
          if (vf.suites.length === 0) vf.offered = false;
          else vf.error = `answered ${versionName(h.version)} to a ${versionName(version)} hello`;
          vf.complete = vf.suites.length === 0;
          break;
        }
        if (!candidates.includes(h.suite)) {
          vf.offered ??= true;
          vf.error = `chose ${suiteName(h.suite)}, which we did not offer`;
          break;
        }
        vf.offered = true;
        vf.suites.push(h.suite);
        learn(vf, out);
        candidates = candidates.filter((c) => c !== h.suite);
        if (candidates.length === 0) {
          vf.complete = true;
          break;
        }
        if (spent++ >= cap) {
          vf.error = `stopped after ${vf.suites.length} suites (at most ${cap + 1} handshakes per version)`;
          break;
        }
        out = await run(`${versionName(version)} ClientHello (${candidates.length} suites)`, hello(version, candidates));
        continue;
      }
      if (out.kind === 'alert' || out.kind === 'closed') {
        if (vf.suites.length === 0) vf.offered = false;
        vf.complete = true;
      } else if (out.kind === 'error') {
        // An old version that gets no answer at all is not negotiated: a server that spoke it would answer.
        if (vf.suites.length === 0 && out.timeout && out.stage === 'tls' && version < TLSv1_2) {
          vf.offered = false;
          vf.complete = true;
          vf.answer = `${vf.answer} (taken as not offered)`;
        } else vf.error = out.reason;
      } else if (out.kind === 'skipped') {
        vf.error = 'the handshake budget for this endpoint is spent';
      }
      break;
    }
    return vf;
  };

  /** The same suites in reverse order: a server that keeps its choice enforces its own order (TLS-03). */
  const checkOrder = async (vf: VersionFacts) => {
    if (vf.suites.length < 2) return;
    if (vf.suites.every((s) => suites.get(s)?.rating === 'good')) return;
    const reversed = [...vf.suites].reverse();
    const out = await run(`${versionName(vf.version)} ClientHello (accepted suites reversed)`, hello(vf.version, reversed));
    if (out.kind === 'hello' && out.hello.version === vf.version) {
      learn(vf, out);
      vf.serverOrder = out.hello.suite !== reversed[0];
      vf.orderEvidence = `offered ${suiteName(vf.suites[0]!)} first: chose ${suiteName(vf.suites[0]!)}; offered ${suiteName(reversed[0]!)} first: chose ${suiteName(out.hello.suite)}`;
    } else {
      vf.orderEvidence = `reverse-order probe: ${answerText(out)}`;
    }
  };

  /** TLS 1.3 groups: an empty key_share makes the server name its group in a HelloRetryRequest. */
  const enumerateGroups13 = async (vf: VersionFacts, known: number[]) => {
    const g: GroupFacts = { accepted: [...known], complete: true };
    facts.groups13 = g;
    const weakFirst = [ALL_GROUPS.filter((c) => groups.get(c)!.rating !== 'good'), ALL_GROUPS.filter((c) => groups.get(c)!.rating === 'good')];
    for (const set of weakFirst) {
      let candidates = set.filter((c) => !g.accepted.includes(c));
      while (candidates.length) {
        const out = await run(`TLSv1.3 ClientHello, empty key_share (${candidates.length} groups)`, hello(TLSv1_3, vf.suites, { groups: candidates, keyShares: [] }));
        if (out.kind === 'hello' && out.hello.version === TLSv1_3 && out.hello.keyShareGroup !== undefined && candidates.includes(out.hello.keyShareGroup)) {
          g.accepted.push(out.hello.keyShareGroup);
          candidates = candidates.filter((c) => c !== out.hello.keyShareGroup);
          continue;
        }
        if (out.kind === 'error' || out.kind === 'skipped' || out.kind === 'hello') {
          g.complete = false;
          g.error = answerText(out);
          return;
        }
        break; // refused: none of these
      }
    }
  };

  /** TLS ≤ 1.2 ECDHE curves, shown in ServerKeyExchange; only the weak ones when TLS 1.3 already told us the rest. */
  const enumerateGroups12 = async (vf: VersionFacts, weakOnly: boolean) => {
    const ecdhe = vf.suites.filter((s) => suites.get(s)?.kx === 'ECDHE');
    if (ecdhe.length === 0) return;
    const g = (facts.groups12 ??= { accepted: [], complete: false });
    g.complete = true;
    const ec = ALL_GROUPS.filter((c) => groups.get(c)!.kind === 'ec');
    const sets = [ec.filter((c) => groups.get(c)!.rating !== 'good'), ...(weakOnly ? [] : [ec.filter((c) => groups.get(c)!.rating === 'good')])];
    for (const set of sets) {
      let candidates = set.filter((c) => !g.accepted.includes(c));
      while (candidates.length) {
        const out = await run(`${versionName(vf.version)} ClientHello, ECDHE only (${candidates.length} curves)`, hello(vf.version, ecdhe, { groups: candidates }));
        if (out.kind === 'hello' && out.ske?.kind === 'ecdhe' && out.ske.group !== undefined && candidates.includes(out.ske.group)) {
          learn(vf, out);
          candidates = candidates.filter((c) => c !== (out.ske as { group: number }).group);
          continue;
        }
        if (out.kind === 'alert' || out.kind === 'closed') break;
        g.complete = false;
        g.error = answerText(out);
        return;
      }
    }
  };

  /** RFC 9155: offer every signed-key-exchange suite with only SHA-1/MD5 signature schemes; a compliant server refuses. */
  const legacySignatures = async () => {
    const signed = suitesFor(TLSv1_2).filter((s) => suites.get(s)?.signedKx);
    const out = await run('TLSv1.2 ClientHello, SHA-1/MD5 signatures only', hello(TLSv1_2, signed, { sigalgs: SIGALGS_LEGACY }));
    if (out.kind === 'hello' && out.hello.version === TLSv1_2) {
      facts.legacySigalg = out.ske?.sigalg !== undefined ? { signedWith: out.ske.sigalg, refused: false } : { refused: false };
    } else if (out.kind === 'alert' || out.kind === 'closed') {
      facts.legacySigalg = { refused: true };
    } else {
      facts.legacySigalg = { refused: false, error: answerText(out) };
    }
  };

  // 1. The two versions that matter most, at once. If neither gets any answer, stop.
  const [first13, first12] = await Promise.all([
    run(`TLSv1.3 ClientHello (${suitesFor(TLSv1_3).length} suites, x25519 key share)`, hello(TLSv1_3, suitesFor(TLSv1_3))),
    run(`TLSv1.2 ClientHello (${suitesFor(TLSv1_2).length} suites)`, hello(TLSv1_2, suitesFor(TLSv1_2))),
  ]);
  if (first13.kind === 'error' && first12.kind === 'error') {
    facts.fatal = first12.reason === first13.reason ? first12.reason : `${first12.reason}; TLS 1.3: ${first13.reason}`;
    facts.fatalStage = first12.stage;
    if (first12.starttls) facts.starttlsFailure = first12.starttls;
    return facts;
  }

  const lane13 = async () => {
    const vf = await enumerate(TLSv1_3, first13, CAP_TLS13);
    if (vf.offered) {
      const known = vf.hellos.map((h) => h.keyShareGroup).filter((g): g is number => g !== undefined);
      await enumerateGroups13(vf, [...new Set(known)]);
    }
  };
  const lane12 = async () => {
    // The SHA-1 test needs no suite list: it goes first, before the budget can run short.
    if (first12.kind === 'hello' && first12.hello.version === TLSv1_2) await legacySignatures();
    const vf = await enumerate(TLSv1_2, first12, CAP_TLS12);
    if (!vf.offered) return;
    await checkOrder(vf);
  };
  // 2. Whether each old version is offered at all (TLS-01) comes before any suite list.
  const old = [TLSv1_1, TLSv1, SSLv3];
  const [v2, ...firsts] = await Promise.all([
    run('SSLv2 CLIENT-HELLO', buildSslv2ClientHello(), 'sslv2'),
    ...old.map((v) => run(`${versionName(v)} ClientHello (${suitesFor(v).length} suites)`, hello(v, suitesFor(v)))),
  ]);

  // 3. Three lanes; the limiter keeps the connections per address within bounds.
  const laneOld = async () => {
    const vf: VersionFacts = { version: SSLv2, offered: false, answer: answerText(v2), suites: [], complete: true, hellos: [] };
    if (v2.kind === 'sslv2') {
      vf.offered = true;
      facts.sslv2Ciphers = v2.hello.ciphers;
    } else if (v2.kind === 'error' || v2.kind === 'skipped') {
      vf.offered = v2.kind === 'error' && v2.timeout ? false : undefined;
      vf.complete = false;
      vf.error = answerText(v2);
    }
    facts.versions.set(SSLv2, vf);
    for (const [i, v] of old.entries()) {
      const ovf = await enumerate(v, firsts[i]!, CAP_OLD);
      if (ovf.offered) await checkOrder(ovf);
    }
  };
  await Promise.all([lane13(), lane12(), laneOld()]);

  // 4. ECDHE curves in TLS ≤ 1.2, on the newest such version with ECDHE suites.
  const v12 = [TLSv1_2, TLSv1_1, TLSv1].map((v) => facts.versions.get(v)).find((vf) => vf?.offered && vf.suites.some((s) => suites.get(s)?.kx === 'ECDHE'));
  if (v12) await enumerateGroups12(v12, facts.versions.get(TLSv1_3)?.offered === true && facts.groups13?.complete === true);

  return facts;
}
