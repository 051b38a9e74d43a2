// Where and how posture scans reach the outside world: one politeness budget
// per target address for the whole process, and the engine's options from
// configuration (loopback and private targets only with HEARTH_NET_ALLOW_PRIVATE).
//
// Across processes: every process (web with jobs, each `hearth worker`, the CLI)
// has its own budget, so with N processes scanning at once a target may see up
// to N × the per-address limit. The job queue runs one scan per worker at a
// time, so N is the number of workers; several workers inside one process
// (the benchmark) share this process's budget.
import { ConnectionLimiter } from '../../checks/net/limiter.js';
import { systemResolver } from '../../checks/dns/resolver.js';
import type { AuditOptions, ResolverAddress } from '../../checks/types.js';
import type { Deps } from '../../kernel/deps.js';

/** At most this many connections at once to one IP address, across every scan of this process. */
export const PER_ADDRESS_LIMIT = 2;
const DEFAULT_TIMEOUT_MS = 5000;

const hubLimiter = new ConnectionLimiter(PER_ADDRESS_LIMIT);

/**
 * One audit's view of the hub's limiter: it counts its own connections (the
 * report's figure) and waits for slots in the shared budget, except for the
 * hub's own resolver, which is no scan target and gets a private budget so that
 * concurrent scans do not queue behind each other's name lookups.
 */
export class ScanLimiter extends ConnectionLimiter {
  private readonly own: ConnectionLimiter;

  constructor(
    private readonly shared: ConnectionLimiter,
    private readonly exempt: ReadonlySet<string>,
  ) {
    super(shared.perAddress);
    this.own = new ConnectionLimiter(shared.perAddress);
  }

  override async with<T>(address: string, fn: () => Promise<T>): Promise<T> {
    this.opened++;
    return (this.exempt.has(address) ? this.own : this.shared).with(address, fn);
  }
}

/** The process-wide budget (tests look at it). */
export function sharedLimiter(): ConnectionLimiter {
  return hubLimiter;
}

/** The resolver scans and DNS proofs ask: the test bed's, or the system's. */
export async function scanResolver(deps: Pick<Deps, 'scans'>): Promise<ResolverAddress> {
  return deps.scans?.resolver ?? (await systemResolver());
}

export function scanTimeoutMs(deps: Pick<Deps, 'scans'>): number {
  return deps.scans?.timeoutMs ?? DEFAULT_TIMEOUT_MS;
}

/** The engine's options for one scan of a verified domain. */
export async function auditOptions(deps: Pick<Deps, 'scans' | 'config'>, dkimSelectors: string[], limiter = hubLimiter): Promise<AuditOptions> {
  const resolver = await scanResolver(deps);
  const s = deps.scans ?? {};
  return {
    resolver,
    concurrency: limiter.perAddress,
    timeoutMs: scanTimeoutMs(deps),
    allAddresses: false,
    allowPrivate: deps.config.netAllowPrivate,
    limiter: new ScanLimiter(limiter, new Set([resolver.host])),
    ...(s.ports ? { ports: s.ports } : {}),
    ...(s.ca ? { ca: s.ca } : {}),
    ...(s.budgetMs ? { budgetMs: s.budgetMs } : {}),
    ...(dkimSelectors.length > 0 ? { dkimSelectors } : {}),
  };
}
