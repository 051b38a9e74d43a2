import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  jobs: Counter<'kind' | 'outcome'>;
  jobDuration: Histogram<'kind'>;
  mail: Counter<'outcome'>;
  jobsQueued: Gauge;
  /** Posture scans finished, by trigger (schedule, demand, cli) and outcome (done, failed, skipped). */
  postureScans: Counter<'trigger' | 'outcome'>;
  /** Failing results of finished posture scans, by check id (one per check and scan). */
  postureFailedChecks: Counter<'check'>;
  postureScanDuration: Histogram;
}

/** One registry per app, so tests can build several apps in one process. */
export function createMetrics(defaults = true): Metrics {
  const registry = new Registry();
  if (defaults) collectDefaultMetrics({ register: registry, prefix: 'hearth_' });
  return {
    registry,
    httpDuration: new Histogram({
      name: 'hearth_http_request_duration_seconds',
      help: 'HTTP request duration by route and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    jobs: new Counter({ name: 'hearth_jobs_total', help: 'Jobs run by kind and outcome', labelNames: ['kind', 'outcome'], registers: [registry] }),
    jobDuration: new Histogram({ name: 'hearth_job_duration_seconds', help: 'Job run time', labelNames: ['kind'], registers: [registry] }),
    mail: new Counter({ name: 'hearth_mail_total', help: 'Mail delivery attempts by outcome', labelNames: ['outcome'], registers: [registry] }),
    jobsQueued: new Gauge({ name: 'hearth_jobs_queued', help: 'Jobs waiting to run', registers: [registry] }),
    postureScans: new Counter({ name: 'hearth_posture_scans_total', help: 'Posture scans finished, by trigger and outcome', labelNames: ['trigger', 'outcome'], registers: [registry] }),
    postureFailedChecks: new Counter({ name: 'hearth_posture_failed_checks_total', help: 'Checks failing in finished posture scans, by check id', labelNames: ['check'], registers: [registry] }),
    postureScanDuration: new Histogram({
      name: 'hearth_posture_scan_duration_seconds',
      help: 'Time a posture scan took, from start to stored results',
      buckets: [1, 2.5, 5, 10, 20, 40, 60, 120, 300],
      registers: [registry],
    }),
  };
}
