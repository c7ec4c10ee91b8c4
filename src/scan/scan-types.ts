import type { Summary } from '../core/summary.js';
import type { Finding, Gap, KeyInfo, SkippedRegion } from '../core/types.js';

/** What the user asked to scan, and how. */
export interface ScanRequest {
  profile?: string;
  endpointUrl?: string;
  /** Region for STS and EC2 DescribeRegions. */
  homeRegion: string;
  /** Explicit regions; otherwise every enabled region. */
  regions?: string[];
  requireCmk: boolean;
  maxAttempts: number;
}

/** Receives each finding as soon as it is judged. */
export interface FindingSink {
  write(finding: Finding): void;
}

/** A vault the scan visited, with how far it got. */
export interface VaultVisit {
  accountId: string;
  region: string;
  backupVaultName: string;
  backupVaultArn: string;
  vaultType: string;
  encryptionKeyArn?: string;
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
  regionsScanned: { accountId: string; region: string }[];
  skippedRegions: SkippedRegion[];
  gaps: Gap[];
  vaults: VaultVisit[];
  keys: KeyInfo[];
  recoveryPointsJudged: number;
  summary: Summary;
  /** True when every scope was read and every point judged (no gaps, no ERROR findings). */
  complete: boolean;
}
