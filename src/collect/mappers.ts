import type { KeyInfo, RecoveryPoint, Vault } from '../core/types.js';
import { bool, num, obj, str } from './response-checks.js';

/** Account and region from an ARN (`arn:partition:service:region:account:...`). */
export function arnParts(arn: string): { region: string; accountId: string } {
  const parts = arn.split(':');
  return { region: parts[3] ?? '', accountId: parts[4] ?? '' };
}

const vaultArnPattern = /^arn:[a-z-]+:backup:[a-z0-9-]+:\d{12}:backup-vault:.+$/;

/** Map a ListBackupVaults member; account and region come from the vault ARN. Undefined when it lacks a name or a vault ARN. */
export function toVault(member: unknown, scanningAccountId: string): Vault | undefined {
  const m = obj(member);
  const name = str(m?.BackupVaultName);
  const arn = str(m?.BackupVaultArn);
  if (!m || !name || !arn || !vaultArnPattern.test(arn)) return undefined;
  const { region, accountId } = arnParts(arn);
  return {
    accountId,
    region,
    name,
    arn,
    vaultType: str(m.VaultType) ?? 'BACKUP_VAULT',
    vaultState: str(m.VaultState),
    encryptionKeyArn: str(m.EncryptionKeyArn),
    encryptionKeyType: str(m.EncryptionKeyType),
    numberOfRecoveryPoints: num(m.NumberOfRecoveryPoints),
    locked: bool(m.Locked),
    shared: accountId !== scanningAccountId,
  };
}

/**
 * Map a recovery point from a list page or DescribeRecoveryPoint. Every field is type-checked:
 * a value of the wrong type is treated as absent, so a missing or odd IsEncrypted is unknown
 * (never false). Undefined when the item has no RecoveryPointArn.
 */
export function toRecoveryPoint(
  item: unknown,
  vault: Vault,
  source: RecoveryPoint['encryptionSource'],
): RecoveryPoint | undefined {
  const i = obj(item);
  const recoveryPointArn = str(i?.RecoveryPointArn);
  if (!i || !recoveryPointArn) return undefined;
  const by = obj(i.CreatedBy);
  const createdBy = by
    ? {
        backupPlanId: str(by.BackupPlanId),
        backupPlanArn: str(by.BackupPlanArn),
        backupPlanName: str(by.BackupPlanName),
        backupPlanVersion: str(by.BackupPlanVersion),
        backupRuleId: str(by.BackupRuleId),
        backupRuleName: str(by.BackupRuleName),
      }
    : undefined;
  return {
    recoveryPointArn,
    backupVaultName: vault.name,
    backupVaultArn: vault.arn,
    resourceArn: str(i.ResourceArn),
    resourceType: str(i.ResourceType),
    resourceName: str(i.ResourceName),
    status: str(i.Status),
    statusMessage: str(i.StatusMessage),
    isEncrypted: bool(i.IsEncrypted),
    encryptionKeyArn: str(i.EncryptionKeyArn),
    encryptionKeyType: str(i.EncryptionKeyType),
    vaultType: str(i.VaultType),
    isParent: bool(i.IsParent),
    parentRecoveryPointArn: str(i.ParentRecoveryPointArn),
    compositeMemberIdentifier: str(i.CompositeMemberIdentifier),
    createdBy,
    creationTime: epochMillis(i.CreationDate as Date | number | undefined),
    encryptionSource: source,
  };
}

/**
 * An AWS timestamp as epoch milliseconds: a Date from the SDK's deserializer, or epoch seconds
 * from a raw list page (see list-page.ts).
 */
export function epochMillis(value: Date | number | undefined): number | undefined {
  const ms = typeof value === 'number' ? value * 1000 : value instanceof Date ? value.getTime() : Number.NaN;
  return Number.isFinite(ms) ? ms : undefined;
}

/** Map DescribeKey's KeyMetadata. */
export function toKeyInfo(keyArn: string, metadata: unknown): KeyInfo {
  const m = obj(metadata);
  if (!m) {
    return {
      keyArn,
      describeError: { errorName: 'MalformedResponse', message: 'DescribeKey answered without KeyMetadata' },
    };
  }
  const manager = str(m.KeyManager);
  const deletion = epochMillis(m.DeletionDate as Date | number | undefined);
  return {
    keyArn,
    keyManager: manager === 'AWS' || manager === 'CUSTOMER' ? manager : undefined,
    keyState: str(m.KeyState),
    enabled: bool(m.Enabled),
    deletionDate: deletion === undefined ? undefined : new Date(deletion).toISOString(),
  };
}
