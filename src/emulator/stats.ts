/** Kinds of injected fault the stats count. */
export type FaultKind = 'serverError' | 'dropped' | 'accessDenied';

/**
 * Call counts, overall and per `${accountId}/${region}/${operation}`, plus the answers that load
 * simulation produced instead of the real one (throttling and injected faults).
 */
export interface EmulatorStats {
  total: number;
  byOperation: Record<string, number>;
  byScope: Record<string, number>;
  /** Calls answered with ThrottlingException. */
  throttled: number;
  /** Throttled calls per `${accountId}/${region}/${operation}`. */
  throttledByScope: Record<string, number>;
  /** Injected faults: 5xx answers, dropped connections, AccessDenied from `--deny` scopes. */
  faults: Record<FaultKind, number>;
  /** TCP connections clients opened (keep-alive reuse keeps this far below `total`). */
  connections: number;
}

const sorted = (m: Map<string, number>) => Object.fromEntries([...m].sort(([a], [b]) => a.localeCompare(b)));

const bump = (m: Map<string, number>, key: string) => m.set(key, (m.get(key) ?? 0) + 1);

/** Collects call counts for the stats endpoint and in-process tests. */
export class StatsRecorder {
  private byOperation = new Map<string, number>();
  private byScope = new Map<string, number>();
  private throttledByScope = new Map<string, number>();
  private total = 0;
  private throttled = 0;
  private faults: Record<FaultKind, number> = { serverError: 0, dropped: 0, accessDenied: 0 };
  private connections = 0;

  /** Counts one TCP connection accepted. */
  recordConnection(): void {
    this.connections += 1;
  }

  /** Counts one call of `operation` made by `accountId` in `region`. */
  record(accountId: string, region: string, operation: string): void {
    this.total += 1;
    bump(this.byOperation, operation);
    bump(this.byScope, `${accountId}/${region}/${operation}`);
  }

  /** Counts one call answered with ThrottlingException. */
  recordThrottled(accountId: string, region: string, operation: string): void {
    this.throttled += 1;
    bump(this.throttledByScope, `${accountId}/${region}/${operation}`);
  }

  /** Counts one injected fault. */
  recordFault(kind: FaultKind): void {
    this.faults[kind] += 1;
  }

  /** A snapshot with keys sorted, so it serialises deterministically. */
  snapshot(): EmulatorStats {
    return {
      total: this.total,
      byOperation: sorted(this.byOperation),
      byScope: sorted(this.byScope),
      throttled: this.throttled,
      throttledByScope: sorted(this.throttledByScope),
      faults: { ...this.faults },
      connections: this.connections,
    };
  }

  /** Forgets every count. */
  reset(): void {
    this.byOperation.clear();
    this.byScope.clear();
    this.throttledByScope.clear();
    this.total = 0;
    this.throttled = 0;
    this.faults = { serverError: 0, dropped: 0, accessDenied: 0 };
    this.connections = 0;
  }
}
