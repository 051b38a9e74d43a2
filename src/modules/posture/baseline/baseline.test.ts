// The shipped catalogue as data: sound, complete, and renderable in every shipped language.
import { describe, expect, it } from 'vitest';
import { catalog } from '../../../checks/catalog.js';
import { renderMarkdown } from '../../../kernel/markdown/markdown.js';
import { AREAS, SHIPPED_LANGS, catalogue, catalogueProblems, shippedText, shippedTexts } from './index.js';

describe('the practice catalogue', () => {
  it('has no problems: ids, areas, languages, references, and every check measured by exactly one practice', () => {
    expect(catalogueProblems(catalog.map((c) => c.id))).toEqual([]);
  });

  it('reports a check nobody measures and a check that does not exist', () => {
    const problems = catalogueProblems([...catalog.map((c) => c.id), 'NEW-01']);
    expect(problems).toContain('NEW-01 is measured by no practice');
    expect(catalogueProblems(catalog.map((c) => c.id).filter((c) => c !== 'TLS-01'))).toContain('tls-protocols: unknown check TLS-01');
  });

  it('ships about forty practices in all four areas, both measured and self-assessed', () => {
    expect(catalogue.length).toBeGreaterThanOrEqual(38);
    expect(catalogue.length).toBeLessThanOrEqual(45);
    for (const area of AREAS) expect(catalogue.filter((p) => p.area === area).length, area).toBeGreaterThanOrEqual(4);
    const selfAssessed = catalogue.filter((p) => p.checks.length === 0).map((p) => p.id);
    // The practices the issue names, among others.
    for (const id of ['tested-restores', 'offsite-backups', 'config-management', 'admin-2fa', 'patching', 'monitoring-alerting', 'incident-response', 'log-minimisation', 'disk-encryption', 'access-review', 'runbooks', 'capacity-planning', 'failover', 'ddos-plan', 'legal-requests']) {
      expect(selfAssessed).toContain(id);
    }
  });

  it('gives every guide concrete steps for the common servers', () => {
    const english = catalogue.map((p) => shippedText(p, 'guide', 'en')!).join('\n');
    for (const software of ['nginx', 'Apache', 'Postfix', 'Dovecot', 'Prosody', 'ejabberd', 'Knot DNS', 'BIND', 'PowerDNS', 'certbot', 'acme.sh']) {
      expect(english, software).toContain(`# ${software}`);
    }
    for (const p of catalogue) expect(shippedText(p, 'guide', 'en')!.length, p.id).toBeGreaterThan(200);
  });

  it('renders every text in every shipped language as safe Markdown with code blocks intact', () => {
    for (const row of shippedTexts()) {
      const html = renderMarkdown(row.body);
      expect(html, `${row.practiceId} ${row.field} ${row.lang}`).not.toContain('<script');
    }
    const html = renderMarkdown(shippedText(catalogue.find((p) => p.id === 'https-only')!, 'guide', 'fr')!);
    expect(html).toContain('return 301 https://$host$request_uri;');
    expect(html).toContain('Redirigez');
    expect(SHIPPED_LANGS).toEqual(['en', 'es', 'pt', 'fr']);
  });
});
