import type { Summary } from '../core/summary.js';
import type { Finding, Gap, KeyClass, KeyInfo, SkippedRegion } from '../core/types.js';

/** Which share of the (account, region) pairs this process scans: shard `index` (1-based) of `count`. */
export interface Shard {
  index: number;
  count: number;
}

/** What the user asked to scan, and how. */
export interface ScanRequest {
  profile?: string;
  endpointUrl?: string;
  /** Region for STS, Organizations discovery and EC2 DescribeRegions. */
  homeRegion: string;
  /** Explicit regions; otherwise every enabled region. */
  regions?: string[];
  excludeRegions?: string[];
  /** Explicit accounts, each scanned through AssumeRole into `roleName`. */
  accounts?: string[];
  /** Every active account of the organization (Organizations ListAccounts). */
  org?: boolean;
  excludeAccounts?: string[];
  roleName?: string;
  externalId?: string;
  shard?: Shard;
  requireCmk: boolean;
  /** Reports leave PASS findings out (the summary still counts them). */
  omitPasses?: boolean;
  maxAttempts: number;
  /** Lower every per-account-and-region quota to this many calls a second. */
  maxRps?: number;
  /** Threads that always parse list pages (0: the main thread). Default: one per spare core, at most
   * 4, used only while the main thread is busy. */
  readerThreads?: number;
  /** Abort (Ctrl-C): stop cleanly, keep what was judged, mark the scan interrupted. */
  signal?: AbortSignal;
  /** Told of each step (for debug logs). */
  onEvent?: (event: ScanEvent) => void;
}

/** A step of the scan, for debug logging. */
export type ScanEvent =
  | { event: 'regions planned'; accountId: string; regions: string[]; skipped: string[] }
  | { event: 'vaults listed'; accountId: string; region: string; vaults: number }
  | {
      event: 'vault done';
      accountId: string;
      region: string;
      backupVaultName: string;
      recoveryPointsRead: number;
      complete: boolean;
    };

/** Receives each finding as soon as it is judged, and each gap as soon as it is known. */
export interface FindingSink {
  /** False when the sink ignores PASS findings, so the scan need not build them (default true). */
  passes?: boolean;
  write(finding: Finding): void;
  gap?(gap: Gap): void;
}

/** Live counters for a progress display; the scan only increments them. */
export interface ScanProgress {
  accountsTotal: number;
  accountsDone: number;
  regionsTotal: number;
  regionsDone: number;
  vaultsTotal: number;
  vaultsDone: number;
  pointsJudged: number;
  /** Sum of the vaults' NumberOfRecoveryPoints: an estimate for the ETA. */
  pointsEstimated: number;
}

/** A fresh set of progress counters. */
export function newScanProgress(): ScanProgress {
  return {
    accountsTotal: 0,
    accountsDone: 0,
    regionsTotal: 0,
    regionsDone: 0,
    vaultsTotal: 0,
    vaultsDone: 0,
    pointsJudged: 0,
    pointsEstimated: 0,
  };
}

/** A vault the scan visited, with how far it got. */
export interface VaultVisit {
  accountId: string;
  region: string;
  backupVaultName: string;
  backupVaultArn: string;
  vaultType: string;
  encryptionKeyArn?: string;
  /** Class of the vault's own key; points of types that keep their source's encryption may differ. */
  encryptionKeyClass: KeyClass;
  shared: boolean;
  /** NumberOfRecoveryPoints as ListBackupVaults reported it (an estimate). */
  reportedRecoveryPoints?: number;
  recoveryPointsRead: number;
  complete: boolean;
}

/** Everything about a finished scan except the findings themselves, which were streamed. */
export interface ScanOutcome {
  startedAt: string;
  finishedAt: string;
  caller: { accountId: string; arn: string };
  accounts: string[];
  shard?: Shard;
  regionsScanned: { accountId: string; region: string }[];
  skippedRegions: SkippedRegion[];
  gaps: Gap[];
  vaults: VaultVisit[];
  keys: KeyInfo[];
  recoveryPointsJudged: number;
  summary: Summary;
  /** API attempts per operation and throttling answers met. */
  apiCalls: { attempts: Record<string, number>; throttled: number };
  /** Set when the scan was stopped before the end (Ctrl-C). */
  interrupted: boolean;
  /** True when every scope was read and every point judged (no gaps, no ERROR findings, not interrupted). */
  complete: boolean;
}
