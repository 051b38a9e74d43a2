// `hearth posture scan ORG|DOMAIN` on both engines: wrong arguments, names that
// match nothing, then real scans of the loopback bed's domain (the test-bed
// flags point the scan at it; HEARTH_NET_ALLOW_PRIVATE allows its addresses).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bedAvailable } from '../../test/bed/bed.js';
import { hasOpenssl } from '../../test/bed/ca.js';
import { DNS_BED_BINARIES } from '../../test/bed/dns/dns-bed.js';
import { startPostureBed, type PostureBed } from '../../test/bed/posture-bed.js';
import { createCliTestbed, runHearth, type CliTestbed } from '../../test/helpers/cli.js';
import { testConfig } from '../../test/helpers/app.js';
import { engines } from '../../test/helpers/db.js';
import { makeOrg } from '../../test/factories/index.js';
import { systemActor } from '../kernel/auth/actor.js';
import type { Organisation } from '../modules/federation/index.js';
import { declareAsset } from '../modules/posture/assets.service.js';
import * as repo from '../modules/posture/scans.repository.js';
import { nowTs } from '../kernel/time.js';

const available = bedAvailable('posture test bed', [...DNS_BED_BINARIES, ...(hasOpenssl() ? [] : ['openssl'])]);

describe.each(engines)('hearth posture (%s)', (engine) => {
  let tb: CliTestbed;
  beforeAll(async () => {
    tb = await createCliTestbed(engine);
  });
  afterAll(async () => tb?.close());

  it('answers wrong arguments with the usage and exit status 2', async () => {
    for (const args of [['posture'], ['posture', 'scan'], ['posture', 'erase', 'x'], ['posture', 'scan', 'a', 'b'], ['posture', 'scan', 'a', '--port', 'gopher=70'], ['posture', 'scan', 'a', '--timeout', '0']]) {
      const res = await runHearth(args, { env: tb.env });
      expect(res.code, args.join(' ')).toBe(2);
      expect(res.stderr, args.join(' ')).toContain('usage: hearth posture scan ORG|DOMAIN');
    }
  });

  it('says so when nothing matches, or nothing is proved, with exit status 1', async () => {
    const none = await runHearth(['posture', 'scan', 'no-such-org'], { env: tb.env });
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('there is no organisation with the short name "no-such-org", and it is not a domain name either');
    const undeclared = await runHearth(['posture', 'scan', 'nobody.example.org'], { env: tb.env });
    expect(undeclared.code).toBe(1);
    expect(undeclared.stderr).toContain('no organisation has declared nobody.example.org');
    const org = await makeOrg(tb.deps);
    expect((await runHearth(['posture', 'scan', org.slug], { env: tb.env })).stderr).toContain(`the organisation "${org.slug}" has declared no domain`);
    await declareAsset(tb.deps, systemActor('test'), org.slug, { domain: 'unproved.example.org', dkimSelectors: [] });
    const unproved = await runHearth(['posture', 'scan', org.slug], { env: tb.env });
    expect(unproved.code).toBe(1);
    expect(unproved.stdout).toBe(`unproved.example.org (${org.name}): not scanned: its control was never proved\n`);
  });

  describe.skipIf(!available)('against the loopback bed', () => {
    let bed: PostureBed;
    let org: Organisation;
    let flags: string[];
    let env: Record<string, string>;
    beforeAll(async () => {
      bed = await startPostureBed();
      org = await makeOrg(tb.deps, { name: 'Radio Libre' });
      // As a test-bed hub would: .test names are declared only with HEARTH_NET_ALLOW_PRIVATE.
      const bedDeps = { ...tb.deps, config: testConfig({ HEARTH_NET_ALLOW_PRIVATE: '1' }) };
      const a = await declareAsset(bedDeps, systemActor('test'), org.slug, { domain: 'full.test', dkimSelectors: ['bed2026'] });
      const now = nowTs(tb.deps.clock);
      await repo.updateAsset(tb.deps.db, a.id, { verified_method: 'dns', verified_at: now, verify_checked_at: now });
      // hearth check's test-bed flags, except those posture scans take from configuration or the asset.
      const args = bed.bed.cliArgs;
      flags = args.filter((x, i) => x !== '--allow-private' && x !== '--dkim-selector' && args[i - 1] !== '--dkim-selector');
      env = { ...tb.env, HEARTH_NET_ALLOW_PRIVATE: '1' };
    });
    afterAll(async () => bed?.stop());

    it('scans an organisation’s proved domains and prints the counts, then what changed', async () => {
      const first = await runHearth(['posture', 'scan', org.slug, ...flags], { env });
      expect(first.stderr).toBe('');
      expect(first.code).toBe(0);
      expect(first.stdout).toMatch(/^full\.test \(Radio Libre\): 2 fail, \d+ warn, \d+ pass, \d+ could not be checked; score \d+ %; \d+\.\d s\n {2}newly failing: HTTP-03\n$/);
      bed.fixHsts();
      const json = await runHearth(['posture', 'scan', 'FULL.test', ...flags, '--json'], { env });
      expect(json.code).toBe(0);
      const out = JSON.parse(json.stdout) as Array<{ domain: string; status: string; counts: { fail: number }; fixed: string[]; newlyFailing: string[] }>;
      expect(out).toMatchObject([{ domain: 'full.test', organisation: 'Radio Libre', status: 'done', counts: { fail: 0 }, fixed: ['HTTP-03'], newlyFailing: [] }]);
      const scans = await repo.listScans(tb.deps.db, { orgId: org.id, limit: 5 });
      expect(scans.map((s) => [s.trigger, s.status])).toEqual([
        ['cli', 'done'],
        ['cli', 'done'],
      ]);
    });

    it('--queue only queues the scans for the workers', async () => {
      const res = await runHearth(['posture', 'scan', org.slug, '--queue'], { env });
      expect(res.code).toBe(0);
      const id = /queued as scan ([a-z2-7]{26})/.exec(res.stdout)![1]!;
      expect(await repo.findScan(tb.deps.db, id)).toMatchObject({ status: 'queued', trigger: 'cli' });
      const again = await runHearth(['posture', 'scan', org.slug, '--queue'], { env });
      expect(again.code).toBe(1);
      expect(again.stdout).toContain('not scanned: a scan of it is already waiting or running');
    });
  });
});
