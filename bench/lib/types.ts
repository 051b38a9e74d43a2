/** What every benchmark in bench/ exports as `benchmark`; bench/run.ts runs them all. */
export interface Benchmark {
  name: string;
  /** Progress lines go to `progress` (stderr), never to stdout, so --json output stays clean. */
  run(progress: (line: string) => void): Promise<BenchmarkResult>;
}

export interface BenchmarkResult {
  /** A readable table: the figures beside their baseline. */
  text: string;
  /** The same figures for --json. */
  data: unknown;
}
