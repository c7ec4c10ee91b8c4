/** Call counts, overall and per `${accountId}/${region}/${operation}`. */
export interface EmulatorStats {
  total: number;
  byOperation: Record<string, number>;
  byScope: Record<string, number>;
}

/** Collects call counts for the stats endpoint and in-process tests. */
export class StatsRecorder {
  private byOperation = new Map<string, number>();
  private byScope = new Map<string, number>();
  private total = 0;

  /** Counts one call of `operation` made by `accountId` in `region`. */
  record(accountId: string, region: string, operation: string): void {
    this.total += 1;
    this.byOperation.set(operation, (this.byOperation.get(operation) ?? 0) + 1);
    const scope = `${accountId}/${region}/${operation}`;
    this.byScope.set(scope, (this.byScope.get(scope) ?? 0) + 1);
  }

  /** A snapshot with keys sorted, so it serialises deterministically. */
  snapshot(): EmulatorStats {
    const sorted = (m: Map<string, number>) =>
      Object.fromEntries([...m].sort(([a], [b]) => a.localeCompare(b)));
    return { total: this.total, byOperation: sorted(this.byOperation), byScope: sorted(this.byScope) };
  }

  /** Forgets every count. */
  reset(): void {
    this.byOperation.clear();
    this.byScope.clear();
    this.total = 0;
  }
}
