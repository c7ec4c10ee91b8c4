/** Counts the AWS calls a scan makes (each attempt) and the throttling answers it meets. */
export class CallMetrics {
  readonly attempts = new Map<string, number>();
  throttled = 0;

  recordAttempt(operation: string): void {
    this.attempts.set(operation, (this.attempts.get(operation) ?? 0) + 1);
  }

  /** Attempts per operation, sorted by name. */
  snapshot(): { attempts: Record<string, number>; throttled: number } {
    return {
      attempts: Object.fromEntries([...this.attempts].sort(([a], [b]) => a.localeCompare(b))),
      throttled: this.throttled,
    };
  }
}

const throttlingNames = new Set([
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'ThrottledException',
  'SlowDown',
]);

/** True for AWS's throttling error names. */
export function isThrottling(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return typeof name === 'string' && throttlingNames.has(name);
}
