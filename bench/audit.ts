// A full audit (web + mail + DNS + IPv6) of one loopback test-bed domain, as
// `hearth check` runs it: median and slowest of several runs and the
// connections each opened, beside the TLS audit of that domain's single HTTPS
// endpoint (the unit bench/checks.ts compares with testssl.sh). Loopback only;
// the bed is stopped at the end.
import type { Benchmark } from './lib/types.ts';
import { startDomainBed } from '../test/bed/web/domain-bed.js';
import { runAudit } from '../src/checks/audit.js';

const RUNS = 7;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export const benchmark: Benchmark = {
  name: 'audit',
  async run(progress) {
    const bed = await startDomainBed();
    try {
      const full: number[] = [];
      const web: number[] = [];
      let connections = 0;
      let results = 0;
      for (let i = 0; i < RUNS; i++) {
        progress(`audit: full run ${i + 1}/${RUNS}`);
        const started = performance.now();
        const report = await runAudit(bed.domain, bed.options);
        full.push(performance.now() - started);
        connections = report.connections;
        results = report.results.length;
        const w0 = performance.now();
        await runAudit(bed.domain, { ...bed.options, only: 'web' });
        web.push(performance.now() - w0);
      }
      const data = {
        runs: RUNS,
        fullMedianMs: Math.round(median(full)),
        fullMaxMs: Math.round(Math.max(...full)),
        fullConnections: connections,
        results,
        webOnlyMedianMs: Math.round(median(web)),
        targetMs: 2000,
      };
      const text = [
        `Full audit of ${bed.domain} (web + mail + DNS + IPv6), ${RUNS} runs, loopback test bed`,
        `  full audit      median ${data.fullMedianMs} ms, slowest ${data.fullMaxMs} ms, ${connections} connections, ${results} results`,
        `  web only        median ${data.webOnlyMedianMs} ms`,
        `  target          median under ${data.targetMs} ms: ${data.fullMedianMs < data.targetMs ? 'met' : 'NOT met'}`,
      ].join('\n');
      return { text, data };
    } finally {
      await bed.stop();
    }
  },
};
