/**
 * AWS-like request rate limits per account and region. With `aws` mode each `${account}/${region}`
 * gets AWS Backup's published default quotas (aws-models/backup-quotas.json: per operation plus 50
 * calls a second for all Backup calls together) and generous KMS quotas. Scope overrides
 * (scenario `throttle`, `--throttle`) add one bucket shared by every Backup and KMS call of a scope.
 *
 * Burst: every bucket holds one second's worth of tokens and starts full. AWS publishes rates but
 * no burst sizes; one second lets a well-behaved client that paces itself at the rate never be
 * throttled, while a client that fires everything at once is throttled within its first second.
 */
import { ApiError } from '../api-error.js';
import type { StatsRecorder } from '../stats.js';
import type { Middleware, RequestContext } from '../types.js';
import { Bucket, takeAll, type Clock } from './token-bucket.js';

/** `aws` applies AWS's default quotas; `off` (the default) applies none. */
export type RateLimitMode = 'aws' | 'off';

/** AWS Backup default calls a second by operation (General Reference, "AWS Backup endpoints and quotas"). */
const BACKUP_GROUPS: Record<number, readonly string[]> = {
  5: [
    'CreateBackupPlan',
    'CreateBackupSelection',
    'DeleteBackupPlan',
    'DeleteBackupSelection',
    'DeleteBackupVault',
    'DeleteBackupVaultAccessPolicy',
    'DeleteBackupVaultNotifications',
    'DescribeBackupVault',
    'ExportBackupPlanTemplate',
    'GetBackupPlanFromJSON',
    'GetBackupPlanFromTemplate',
    'PutBackupVaultNotifications',
    'StartBackupJob',
    'StartRestoreJob',
    'StopBackupJob',
    'TagResource',
    'UntagResource',
    'UpdateBackupPlan',
    'UpdateRecoveryPointLifecycle',
  ],
  10: ['DeleteRecoveryPoint', 'DescribeProtectedResource'],
  15: [
    'DescribeBackupJob',
    'DescribeRecoveryPoint',
    'DescribeRestoreJob',
    'GetBackupPlan',
    'GetBackupSelection',
    'GetBackupVaultAccessPolicy',
    'GetBackupVaultNotifications',
    'GetRecoveryPointRestoreMetadata',
    'GetSupportedResourceTypes',
  ],
  20: [
    'ListBackupJobs',
    'ListBackupPlans',
    'ListBackupPlanTemplates',
    'ListBackupPlanVersions',
    'ListBackupSelections',
    'ListBackupVaults',
    'ListProtectedResources',
    'ListRecoveryPointsByResource',
    'ListRecoveryPointsByBackupVault',
    'ListRestoreJobs',
    'ListTags',
  ],
};

/** AWS Backup's default per-operation rates, calls a second. */
export const BACKUP_OPERATION_RPS: Readonly<Record<string, number>> = Object.fromEntries(
  Object.entries(BACKUP_GROUPS).flatMap(([rps, ops]) => ops.map((op) => [op, Number(rps)])),
);

/** AWS Backup's default quota for the sum of all API calls of an account in a region. */
export const BACKUP_TOTAL_RPS = 50;

/**
 * KMS quotas: DescribeKey shares KMS's large request quota (thousands a second in most regions, so
 * the scanner never meets it); ListAliases has its own 100 a second.
 */
export const KMS_OPERATION_RPS: Readonly<Record<string, number>> = { DescribeKey: 1000, ListAliases: 100 };

interface Limit {
  key: string;
  rps: number;
}

/** The AWS default limits a call falls under: its operation's, plus Backup's shared 50/s. */
export function awsLimits(service: string, operation: string): Limit[] {
  if (service === 'backup') {
    const rps = BACKUP_OPERATION_RPS[operation];
    return [
      ...(rps === undefined ? [] : [{ key: `backup:${operation}`, rps }]),
      { key: 'backup:*', rps: BACKUP_TOTAL_RPS },
    ];
  }
  const rps = service === 'kms' ? KMS_OPERATION_RPS[operation] : undefined;
  return rps === undefined ? [] : [{ key: `kms:${operation}`, rps }];
}

/** Token buckets per `${account}/${region}` and limit, created on first use. */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly mode: RateLimitMode,
    /** Extra shared rate per scope (`${account}/${region}`), calls a second. */
    private readonly overrides: ReadonlyMap<string, number>,
    private readonly clock: Clock,
  ) {}

  /** Whether the call may proceed now; a refused call spends no tokens. */
  admit(ctx: RequestContext): boolean {
    if (ctx.service !== 'backup' && ctx.service !== 'kms') return true;
    const scope = `${ctx.accountId}/${ctx.region}`;
    const limits = this.mode === 'aws' ? awsLimits(ctx.service, ctx.operation) : [];
    const override =
      this.overrides.get(scope) ?? ctx.state.account(ctx.accountId)?.regions[ctx.region]?.throttle?.rps;
    if (override !== undefined) limits.push({ key: 'scope:*', rps: override });
    if (limits.length === 0) return true;
    const now = this.clock();
    return takeAll(
      limits.map((l) => this.bucket(`${scope}|${l.key}`, l.rps, now)),
      now,
    );
  }

  private bucket(key: string, rps: number, now: number): Bucket {
    let b = this.buckets.get(key);
    if (!b) {
      // One second of burst, but at least one token so rates below 1/s still admit calls.
      b = new Bucket(rps, Math.max(1, rps), now);
      this.buckets.set(key, b);
    }
    return b;
  }
}

/** Answers calls over the limit with ThrottlingException (HTTP 400), as AWS does, and counts them. */
export function throttle(limiter: RateLimiter, stats: StatsRecorder): Middleware {
  return (ctx) => {
    if (limiter.admit(ctx)) return;
    stats.recordThrottled(ctx.accountId, ctx.region, ctx.operation);
    throw new ApiError(400, 'ThrottlingException', 'Rate exceeded');
  };
}
