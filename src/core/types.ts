/**
 * The pure domain model: what the collector produces, what rules judge and what reports render.
 * No SDK types, no I/O, no clock here. Field names are camelCase; AWS names stop at collect/.
 */

/** Outcome of one rule on one recovery point. */
export type FindingStatus = 'PASS' | 'FAIL' | 'ERROR' | 'SKIPPED';

/**
 * Who manages the KMS key behind a recovery point. `unknown`: encrypted, but the key could not be
 * described (another account's key, access denied). `none`: the point is not encrypted.
 */
export type KeyClass = 'aws-owned' | 'aws-managed' | 'customer-managed' | 'unknown' | 'none';

export type Severity = 'informational' | 'low' | 'medium' | 'high' | 'critical';

/** A backup vault as listed by ListBackupVaults (own or shared with the scanning account). */
export interface Vault {
  /** Owner account, from the vault ARN. */
  accountId: string;
  /** From the vault ARN. */
  region: string;
  name: string;
  arn: string;
  vaultType: string;
  vaultState?: string;
  encryptionKeyArn?: string;
  encryptionKeyType?: string;
  numberOfRecoveryPoints?: number;
  locked?: boolean;
  /** True when the vault belongs to another account and is shared with the scanning account. */
  shared: boolean;
}

/** Backup plan and rule that created a recovery point. */
export interface RecoveryPointCreator {
  backupPlanId?: string;
  backupPlanArn?: string;
  backupPlanName?: string;
  backupPlanVersion?: string;
  backupRuleId?: string;
  backupRuleName?: string;
}

/** A recovery point as the collector saw it. `isEncrypted` undefined means AWS did not say. */
export interface RecoveryPoint {
  recoveryPointArn: string;
  backupVaultName: string;
  backupVaultArn: string;
  resourceArn?: string;
  resourceType?: string;
  resourceName?: string;
  status?: string;
  statusMessage?: string;
  isEncrypted?: boolean;
  encryptionKeyArn?: string;
  encryptionKeyType?: string;
  vaultType?: string;
  isParent?: boolean;
  parentRecoveryPointArn?: string;
  compositeMemberIdentifier?: string;
  createdBy?: RecoveryPointCreator;
  /** Epoch milliseconds (formatted only when a report is written: formatting every point costs more than judging it). */
  creationTime?: number;
  /** Where `isEncrypted` came from: the list page, or one DescribeRecoveryPoint call. */
  encryptionSource: 'list' | 'describe';
}

/**
 * The fields of a recovery point a rule may base a verdict's status on; the point's other fields
 * only shape the wording. Points that share these facts (in one vault, with the same key) get the
 * same statuses, so the scanner judges each distinct set once and counts the rest.
 */
export interface VerdictFacts {
  status?: string;
  isEncrypted?: boolean;
  encryptionKeyArn?: string;
  encryptionKeyType?: string;
}

/** What the collector learned about one KMS key (DescribeKey, once per key). */
export interface KeyInfo {
  keyArn: string;
  keyManager?: 'AWS' | 'CUSTOMER';
  keyState?: string;
  enabled?: boolean;
  /** ISO-8601; set when the key is pending deletion. */
  deletionDate?: string;
  aliases?: string[];
  /** Set when DescribeKey failed (another account's key, access denied): the class is then unknown. */
  describeError?: { errorName: string; message: string; requestId?: string };
}

/** The scope a gap or a skip applies to. */
export interface Scope {
  kind: 'account' | 'region' | 'vault' | 'recovery-point' | 'key';
  accountId: string;
  region?: string;
  backupVaultName?: string;
  backupVaultArn?: string;
  recoveryPointArn?: string;
  keyArn?: string;
}

/** A scope the scan could not read. Never turns into a PASS. */
export interface Gap {
  scope: Scope;
  /** The AWS operation that failed, e.g. `ListRecoveryPointsByBackupVault`. */
  operation: string;
  /** AWS error name (`AccessDeniedException`) or our own (`NetworkError`). */
  errorName: string;
  message: string;
  requestId?: string;
  httpStatus?: number;
}

/** A region we deliberately did not scan, and why. */
export interface SkippedRegion {
  accountId: string;
  region: string;
  reason: string;
}

/** Everything a rule may look at for one recovery point. */
export interface RecoveryPointContext {
  point: RecoveryPoint;
  vault: Vault;
  /** Key info for the point's key (or the vault's when the point names none), if known. */
  key?: KeyInfo;
  keyClass: KeyClass;
}

/** One rule's verdict on one recovery point, before it is flattened into a Finding. */
export interface Verdict {
  status: FindingStatus;
  message: string;
  /** What to do next, for a person. */
  remediation?: string;
}

/** Compliance framework references for a rule. */
export interface ComplianceMapping {
  framework: string;
  control: string;
}

/** A finding: one rule's verdict on one recovery point, with everything a report needs. */
export interface Finding {
  ruleId: string;
  title: string;
  status: FindingStatus;
  severity: Severity;
  message: string;
  remediation?: string;
  accountId: string;
  region: string;
  backupVaultName: string;
  backupVaultArn: string;
  vaultType: string;
  recoveryPointArn: string;
  resourceArn?: string;
  resourceType?: string;
  recoveryPointStatus?: string;
  isEncrypted?: boolean;
  encryptionKeyArn?: string;
  keyClass: KeyClass;
  keyState?: string;
  createdBy?: RecoveryPointCreator;
  parentRecoveryPointArn?: string;
  compositeMemberIdentifier?: string;
  /** Epoch milliseconds; reports write it as ISO-8601 `creationDate`. */
  creationTime?: number;
  compliance: ComplianceMapping[];
}

/** Options that change which rules run. */
export interface EvaluationOptions {
  /** Add the stricter rule that demands a customer-managed key. */
  requireCmk: boolean;
}
