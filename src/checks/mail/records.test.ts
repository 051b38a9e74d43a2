import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { judgeImapCapabilities, judgePop3Capabilities, parseEhlo } from './dialogue.js';
import { judgeDkimKey, parseDkimKey } from './dkim.js';
import { isDmarcRecord, judgeDmarc, parseDmarc } from './dmarc.js';
import { mxPatternMatches, parseStsPolicy, parseStsRecord, parseTlsRpt, uncoveredMx } from './mta-sts.js';

describe('DMARC (MAIL-07)', () => {
  it('parses tags, whatever the spacing', () => {
    const d = parseDmarc('v=DMARC1;p=reject; sp = quarantine ; pct=50; rua=mailto:d@example.org, mailto:e@example.net; adkim=s');
    expect(d).toMatchObject({ policy: 'reject', subdomainPolicy: 'quarantine', pct: 50, rua: ['mailto:d@example.org', 'mailto:e@example.net'], errors: [] });
  });

  it('counts only records that begin with v=DMARC1', () => {
    expect(isDmarcRecord('v=DMARC1; p=none')).toBe(true);
    expect(isDmarcRecord('p=none; v=DMARC1')).toBe(false);
    expect(isDmarcRecord('v=DMARC10; p=none')).toBe(false);
  });

  it.each([
    [['v=DMARC1; p=reject; rua=mailto:d@example.org'], 'pass', 'p=reject'],
    [['v=DMARC1; p=quarantine'], 'pass', 'p=quarantine'],
    [['v=DMARC1; p=none; rua=mailto:d@example.org'], 'warn', 'p=none'],
    [['v=DMARC1; p=reject; pct=20'], 'warn', '20 %'],
    [[], 'fail', 'no DMARC record'],
    [['some other text'], 'fail', 'no DMARC record'],
    [['v=DMARC1; p=reject', 'v=DMARC1; p=none'], 'fail', '2 DMARC records'],
    [['v=DMARC1; rua=mailto:d@example.org'], 'fail', 'p= (the policy) is missing'],
    [['v=DMARC1; p=block'], 'fail', 'p=block is not'],
    [['v=DMARC1; p=reject; pct=200'], 'fail', 'pct=200'],
    [['v=DMARC1; p=reject; adkim=x'], 'fail', 'adkim=x'],
    [['v=DMARC1; p=reject; rua=d@example.org'], 'fail', 'not a mailto:'],
  ])('%j → %s', (records, status, words) => {
    const v = judgeDmarc('example.org', records);
    expect(v.status).toBe(status);
    expect(v.summary).toContain(words);
  });
});

describe('DKIM keys (MAIL-08)', () => {
  const rsa = (bits: number) => generateKeyPairSync('rsa', { modulusLength: bits }).publicKey.export({ type: 'spki', format: 'der' }).toString('base64');

  it('reads the RSA modulus size from the SubjectPublicKeyInfo, and from a bare PKCS#1 key', () => {
    expect(parseDkimKey(`v=DKIM1; k=rsa; p=${rsa(2048)}`)).toMatchObject({ keyType: 'rsa', bits: 2048, errors: [] });
    const pkcs1 = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'pkcs1', format: 'der' }).toString('base64');
    expect(parseDkimKey(`p=${pkcs1}`).bits).toBe(1024);
    // Whitespace inside p= (long records split by publishers) is allowed.
    const key = rsa(2048);
    expect(parseDkimKey(`v=DKIM1; p=${key.slice(0, 100)} ${key.slice(100)}`).bits).toBe(2048);
  });

  it('passes RSA-2048 and Ed25519, fails RSA-1024, revoked and broken keys', () => {
    expect(judgeDkimKey('s1', [`v=DKIM1; k=rsa; p=${rsa(2048)}`]).status).toBe('pass');
    const ed = Buffer.alloc(32, 7).toString('base64');
    expect(judgeDkimKey('ed', [`v=DKIM1; k=ed25519; p=${ed}`])).toMatchObject({ status: 'pass', summary: expect.stringContaining('Ed25519') });
    expect(judgeDkimKey('old', [`v=DKIM1; k=rsa; p=${rsa(1024)}`])).toMatchObject({ status: 'fail', summary: expect.stringContaining('1024-bit') });
    expect(judgeDkimKey('gone', ['v=DKIM1; p=']).summary).toContain('revoked');
    expect(judgeDkimKey('bad', ['v=DKIM1; p=!!!']).summary).toContain('not base64');
    expect(judgeDkimKey('junk', ['v=DKIM1; p=AAAA']).summary).toContain('does not hold an RSA public key');
    expect(judgeDkimKey('short', [`v=DKIM1; k=ed25519; p=${Buffer.alloc(16).toString('base64')}`]).summary).toContain('32 bytes');
    expect(judgeDkimKey('none', []).summary).toContain('no DKIM key record');
  });
});

describe('MTA-STS and TLS-RPT (MAIL-09, MAIL-10)', () => {
  it('parses the TXT record and its id', () => {
    expect(parseStsRecord('v=STSv1; id=2024-01-01;').errors[0]).toContain('letters and digits');
    expect(parseStsRecord('v=STSv1; id=2024a01')).toEqual({ id: '2024a01', errors: [] });
    expect(parseStsRecord('v=STSv1;').errors).toEqual(['id= is missing']);
  });

  it('parses the policy and lists what is wrong', () => {
    const p = parseStsPolicy('version: STSv1\r\nmode: enforce\r\nmx: mail.example.org\r\nmx: *.backup.example.org.\r\nmax_age: 604800\r\n');
    expect(p).toEqual({ version: 'STSv1', mode: 'enforce', mx: ['mail.example.org', '*.backup.example.org'], maxAge: 604800, errors: [] });
    expect(parseStsPolicy('version: STSv2\nmode: strict\nmax_age: 99999999999\n').errors).toEqual([
      'mode: strict is not enforce, testing or none',
      'max_age: 99999999999 is not a number of seconds up to 31557600',
      'version: STSv2 is not STSv1',
      'no mx: line',
    ]);
  });

  it('matches mx patterns: exact, or one extra leftmost label for a wildcard', () => {
    expect(mxPatternMatches('mail.example.org', 'MAIL.example.org.')).toBe(true);
    expect(mxPatternMatches('*.example.org', 'mx1.example.org')).toBe(true);
    expect(mxPatternMatches('*.example.org', 'a.mx1.example.org')).toBe(false);
    expect(mxPatternMatches('*.example.org', 'example.org')).toBe(false);
    const policy = parseStsPolicy('version: STSv1\nmode: enforce\nmx: *.example.org\nmax_age: 86400');
    expect(uncoveredMx(policy, ['mx1.example.org', 'mx.example.net'])).toEqual(['mx.example.net']);
  });

  it('TLS-RPT needs rua with mailto: or https:', () => {
    expect(parseTlsRpt('v=TLSRPTv1; rua=mailto:tls@example.org,https://r.example.org/tls')).toEqual({ rua: ['mailto:tls@example.org', 'https://r.example.org/tls'], errors: [] });
    expect(parseTlsRpt('v=TLSRPTv1;').errors).toEqual(['rua= is missing']);
    expect(parseTlsRpt('v=TLSRPTv1; rua=ftp://x').errors[0]).toContain('not a mailto: or https:');
  });
});

describe('what mail servers advertise before TLS (MAIL-02, MAIL-11)', () => {
  it('reads EHLO keywords, STARTTLS and AUTH mechanisms', () => {
    const g = parseEhlo(['250-mx.example.org Hello', '250-PIPELINING', '250-STARTTLS', '250-AUTH PLAIN LOGIN', '250 8BITMIME']);
    expect(g).toEqual({ extensions: ['PIPELINING', 'STARTTLS', 'AUTH PLAIN LOGIN', '8BITMIME'], starttls: true, authBeforeTls: ['PLAIN', 'LOGIN'] });
    expect(parseEhlo(['250-mx', '250 SIZE 1000']).starttls).toBe(false);
    expect(parseEhlo(['250-mx', '250 AUTH=LOGIN']).authBeforeTls).toEqual(['LOGIN']);
  });

  it('IMAP: a LOGIN not disabled, or an AUTH= mechanism, is a password before TLS', () => {
    expect(judgeImapCapabilities(['IMAP4rev1', 'STARTTLS', 'LOGINDISABLED']).authBeforeTls).toBe(false);
    expect(judgeImapCapabilities(['IMAP4rev1', 'STARTTLS']).authBeforeTls).toBe(true);
    expect(judgeImapCapabilities(['IMAP4rev1', 'LOGINDISABLED', 'AUTH=PLAIN']).authBeforeTls).toBe(true);
  });

  it('POP3: USER or SASL before TLS', () => {
    expect(judgePop3Capabilities(['STLS', 'TOP', 'UIDL'])).toMatchObject({ starttls: true, authBeforeTls: false });
    expect(judgePop3Capabilities(['USER', 'STLS']).authBeforeTls).toBe(true);
    expect(judgePop3Capabilities(['SASL PLAIN']).authBeforeTls).toBe(true);
  });
});
