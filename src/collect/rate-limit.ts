/**
 * Client-side rate limiting that keeps each account and region within AWS's published API quotas
 * (aws-backup-facts.md 3.9: Backup list calls 20/s, DescribeRecoveryPoint 15/s, DescribeBackupVault
 * 5/s, all Backup calls together 50/s), so we are not throttled in the first place.
 */

/** A token bucket: `rate` tokens a second, at most `burst` saved up. */
export class TokenBucket {
  private tokens: number;
  private last: number;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    readonly rate: number,
    private readonly burst: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = burst;
    this.last = this.now();
  }

  /** Wait until a token is free and take it; callers are served in order. */
  take(): Promise<void> {
    const turn = this.queue.then(() => this.waitForToken());
    this.queue = turn;
    return turn;
  }

  private async waitForToken(): Promise<void> {
    for (;;) {
      const now = this.now();
      this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) * this.rate) / 1000);
      this.last = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await sleep(((1 - this.tokens) * 1000) / this.rate);
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(1, Math.ceil(ms))));
}

/** Published default quotas, calls per second per account and region. */
export const backupQuotas = {
  list: 20,
  describeRecoveryPoint: 15,
  describeBackupVault: 5,
  allBackup: 50,
  /** KMS DescribeKey shares the KMS read quota, far above what a scan needs; stay modest. */
  kms: 100,
  /** EC2 DescribeRegions, STS and Organizations: a handful of calls per account. */
  other: 20,
} as const;

/** The buckets one account and region draws from. */
export class RegionLimiter {
  private readonly buckets = new Map<string, TokenBucket>();

  /** `maxRps` lowers every quota to at most that many calls a second. */
  constructor(
    private readonly maxRps: number | undefined,
    private readonly burst = 1,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** The calls-per-second rate of a bucket once created (for tests and diagnostics). */
  rateOf(name: string): number | undefined {
    return this.buckets.get(name)?.rate;
  }

  /** Wait for the tokens a call to `operation` on `service` needs. */
  async acquire(service: string, operation: string): Promise<void> {
    if (service === 'backup') {
      const kind = operation.startsWith('List')
        ? 'list'
        : operation === 'DescribeRecoveryPoint'
          ? 'describeRecoveryPoint'
          : operation === 'DescribeBackupVault'
            ? 'describeBackupVault'
            : undefined;
      if (kind) await this.bucket(`backup:${kind}`, backupQuotas[kind]).take();
      await this.bucket('backup:all', backupQuotas.allBackup).take();
      return;
    }
    await this.bucket(service, service === 'kms' ? backupQuotas.kms : backupQuotas.other).take();
  }

  private bucket(name: string, rate: number): TokenBucket {
    let bucket = this.buckets.get(name);
    if (!bucket) {
      const limited = this.maxRps === undefined ? rate : Math.min(rate, this.maxRps);
      bucket = new TokenBucket(limited, Math.min(this.burst, limited), this.now);
      this.buckets.set(name, bucket);
    }
    return bucket;
  }
}
