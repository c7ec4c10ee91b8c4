import type {
  BackupVaultListMember,
  RecoveryPointByBackupVault,
  DescribeRecoveryPointCommandOutput,
} from '@aws-sdk/client-backup';
import type { KeyMetadata } from '@aws-sdk/client-kms';
import type { KeyInfo, RecoveryPoint, Vault } from '../core/types.js';

/** Account and region from an ARN (`arn:partition:service:region:account:...`). */
export function arnParts(arn: string): { region: string; accountId: string } {
  const parts = arn.split(':');
  return { region: parts[3] ?? '', accountId: parts[4] ?? '' };
}

/** Map a ListBackupVaults member; account and region come from the vault ARN. */
export function toVault(member: BackupVaultListMember, scanningAccountId: string): Vault | undefined {
  if (!member.BackupVaultName || !member.BackupVaultArn) return undefined;
  const { region, accountId } = arnParts(member.BackupVaultArn);
  return {
    accountId,
    region,
    name: member.BackupVaultName,
    arn: member.BackupVaultArn,
    vaultType: member.VaultType ?? 'BACKUP_VAULT',
    vaultState: member.VaultState,
    encryptionKeyArn: member.EncryptionKeyArn,
    encryptionKeyType: member.EncryptionKeyType,
    numberOfRecoveryPoints: member.NumberOfRecoveryPoints,
    locked: member.Locked,
    shared: accountId !== scanningAccountId,
  };
}

type RecoveryPointShape = RecoveryPointByBackupVault | DescribeRecoveryPointCommandOutput;

/** Map a recovery point from a list page or DescribeRecoveryPoint; a missing IsEncrypted stays undefined. */
export function toRecoveryPoint(
  item: RecoveryPointShape,
  vault: Vault,
  source: RecoveryPoint['encryptionSource'],
): RecoveryPoint | undefined {
  if (!item.RecoveryPointArn) return undefined;
  const createdBy = item.CreatedBy
    ? {
        backupPlanId: item.CreatedBy.BackupPlanId,
        backupPlanArn: item.CreatedBy.BackupPlanArn,
        backupPlanName: item.CreatedBy.BackupPlanName,
        backupPlanVersion: item.CreatedBy.BackupPlanVersion,
        backupRuleId: item.CreatedBy.BackupRuleId,
        backupRuleName: item.CreatedBy.BackupRuleName,
      }
    : undefined;
  return {
    recoveryPointArn: item.RecoveryPointArn,
    backupVaultName: item.BackupVaultName ?? vault.name,
    backupVaultArn: item.BackupVaultArn ?? vault.arn,
    resourceArn: item.ResourceArn,
    resourceType: item.ResourceType,
    resourceName: item.ResourceName,
    status: item.Status,
    statusMessage: item.StatusMessage,
    isEncrypted: item.IsEncrypted,
    encryptionKeyArn: item.EncryptionKeyArn,
    encryptionKeyType: item.EncryptionKeyType,
    vaultType: item.VaultType,
    isParent: item.IsParent,
    parentRecoveryPointArn: item.ParentRecoveryPointArn,
    compositeMemberIdentifier: item.CompositeMemberIdentifier,
    createdBy,
    creationTime: epochMillis(item.CreationDate),
    encryptionSource: source,
  };
}

/**
 * An AWS timestamp as epoch milliseconds: a Date from the SDK's deserializer, or epoch seconds
 * from a list page parsed natively (see native-json-pages.ts).
 */
export function epochMillis(value: Date | number | undefined): number | undefined {
  if (value === undefined || value === null) return undefined;
  const ms = typeof value === 'number' ? value * 1000 : value.getTime();
  return Number.isFinite(ms) ? ms : undefined;
}

/** Map DescribeKey's KeyMetadata. */
export function toKeyInfo(keyArn: string, metadata: KeyMetadata | undefined): KeyInfo {
  return {
    keyArn: metadata?.Arn ?? keyArn,
    keyManager: metadata?.KeyManager,
    keyState: metadata?.KeyState,
    enabled: metadata?.Enabled,
    deletionDate: metadata?.DeletionDate?.toISOString(),
  };
}
