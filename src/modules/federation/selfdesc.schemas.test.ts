// Reading self-description files and comparing them with a profile: pure.
import { describe, expect, it } from 'vitest';
import { diffSnapshots, type FullSnapshot } from './selfdesc.diff.js';
import { readSelfDescription } from './selfdesc.schemas.js';

const now = new Date('2026-06-01T00:00:00Z');

const current: FullSnapshot = {
  name: 'Kolektiva',
  summary: [{ lang: 'de', body: 'Mail für Bewegungen.', source: true, translator: null, machine: false }],
  description: [],
  countries: ['AT', 'DE'],
  region: null,
  languages: ['de'],
  founded: 2010,
  website: 'https://kolektiva.example',
  email: null,
  securityContact: null,
  donationUrl: null,
  openpgp: null,
  services: [{ kind: 'mail', name: 'Mail', url: 'https://mail.kolektiva.example', software: null, softwareVersion: null, registration: 'invitation', status: 'active', countries: ['DE'] }],
};

describe('reading self-description files', () => {
  it('reads a member in Hearth’s shape, keeping only the fields it states', () => {
    const r = readSelfDescription({ name: ' Kolektiva ', languages: ['de', 'en', 'de'], extra: 'ignored' }, now, 'de');
    expect(r).toEqual({ ok: true, format: 'hearth', snapshot: { name: 'Kolektiva', languages: ['de', 'en'] } });
  });

  it('takes the first text as the original when none is flagged, and refuses two originals', () => {
    const r = readSelfDescription({ name: 'K', summary: [{ lang: 'en', body: 'Hi' }, { lang: 'de', body: 'Hallo' }] }, now, 'de');
    expect(r.ok && r.snapshot.summary?.map((t) => [t.lang, t.source])).toEqual([
      ['en', true],
      ['de', false],
    ]);
    const two = readSelfDescription({ name: 'K', summary: [{ lang: 'en', body: 'Hi', source: true }, { lang: 'de', body: 'Hallo', source: true }] }, now, 'de');
    expect(two).toEqual({ ok: false, path: 'summary' });
  });

  it('names the path of the first problem', () => {
    const cases: [unknown, string][] = [
      [[], '(root)'],
      ['a string', '(root)'],
      [{}, 'name'],
      [{ name: 'K', countries: ['DE', 'de'] }, 'countries[1]'],
      [{ name: 'K', countries: ['DE', 'XX'] }, 'countries[1]'],
      [{ name: 'K', languages: ['xx'] }, 'languages[0]'],
      [{ name: 'K', summary: [{ lang: 'en', body: 'x'.repeat(301) }] }, 'summary[0].body'],
      [{ name: 'K', founded: 2027 }, 'founded'],
      [{ name: 'K', website: 'ftp://x.example' }, 'website'],
      [{ name: 'K', email: 'not mail' }, 'email'],
      [{ name: 'K', services: [{ kind: 'teleport', name: 'x', url: 'https://x.example', registration: 'open' }] }, 'services[0].kind'],
    ];
    for (const [doc, path] of cases) expect(readSelfDescription(doc, now, 'de'), JSON.stringify(doc)).toEqual({ ok: false, path });
  });

  it('maps the common fields of librehost.json and leaves the rest alone', () => {
    const r = readSelfDescription(
      { '@context': 'http://schema.org', name: 'K', tagLine: 'Mail', description: 'Long', url: 'https://k.example', communicationLanguages: ['en', 'de'], foundingDate: 2012, unknownThing: { a: 1 } },
      now,
      'de',
    );
    expect(r).toEqual({
      ok: true,
      format: 'librehost',
      snapshot: {
        name: 'K',
        summary: [{ lang: 'en', body: 'Mail', source: true, translator: null, machine: false }],
        description: [{ lang: 'en', body: 'Long', source: true, translator: null, machine: false }],
        languages: ['de', 'en'],
        website: 'https://k.example',
        founded: 2012,
      },
    });
    expect(readSelfDescription({ tagLine: 'x', foundingDate: 'long ago' }, now, 'de')).toEqual({ ok: false, path: 'founded' });
  });
});

describe('differences from the profile', () => {
  it('lists only fields the file states and that differ, text by language, services by kind and address', () => {
    const rows = diffSnapshots(current, {
      name: 'Kolektiva',
      countries: ['DE', 'AT'],
      languages: ['de', 'en'],
      summary: [
        { lang: 'de', body: 'Mail für Bewegungen.', source: true, translator: null, machine: false },
        { lang: 'en', body: 'Mail for movements.', source: false, translator: 'Jo', machine: false },
      ],
      services: [
        { kind: 'mail', name: 'Mail', url: 'https://mail.kolektiva.example', software: null, softwareVersion: null, registration: 'open', status: 'active', countries: ['DE'] },
        { kind: 'vpn', name: 'VPN', url: 'https://vpn.kolektiva.example', software: 'WireGuard', softwareVersion: null, registration: 'invitation', status: 'beta', countries: [] },
      ],
    });
    expect(rows.map((r) => (r.kind === 'value' ? `${r.field}: ${r.before} → ${r.after}` : r.kind === 'text' ? `${r.field}/${r.lang}` : `service ${r.key}`))).toEqual([
      'languages: de → de, en',
      'summary/en',
      'service mail https://mail.kolektiva.example',
      'service vpn https://vpn.kolektiva.example',
    ]);
    // Clearing a field is a difference too; a field left out is not.
    expect(diffSnapshots(current, { website: null })).toEqual([{ kind: 'value', field: 'website', before: 'https://kolektiva.example', after: null }]);
    expect(diffSnapshots(current, {})).toEqual([]);
  });
});
