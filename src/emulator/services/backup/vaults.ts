/** Vault lookup and the vault shape shared by ListBackupVaults and DescribeBackupVault. */
import { ApiError } from '../../api-error.js';
import { DEFAULT_CREATION_DATE, type VaultState } from '../../state.js';
import type { RequestContext } from '../../types.js';

/** Default page size of Backup list operations when MaxResults is absent. */
export const DEFAULT_PAGE_SIZE = 100;

/**
 * The vault a vault-scoped call names. A vault shared from another account is reachable only
 * with its owner's id in `backupVaultAccountId`; without it AWS answers AccessDeniedException.
 */
export function findVault(
  ctx: RequestContext,
  name: string,
  backupVaultAccountId: string | undefined,
): VaultState {
  const region = ctx.state.region(ctx.accountId, ctx.region);
  const vault = region.findVault(name, backupVaultAccountId ?? ctx.accountId);
  if (vault) return vault;
  if (!backupVaultAccountId && region.vaults.some((v) => v.shared && v.name === name)) {
    throw new ApiError(
      403,
      'AccessDeniedException',
      `Backup vault ${name} is shared with this account; specify BackupVaultAccountId to access it.`,
    );
  }
  const owner = backupVaultAccountId ?? ctx.accountId;
  throw new ApiError(
    400,
    'ResourceNotFoundException',
    `Backup vault arn:aws:backup:${ctx.region}:${owner}:backup-vault:${name} could not be found.`,
  );
}

/** The members ListBackupVaults and DescribeBackupVault share. */
export function renderVault(v: VaultState): Record<string, unknown> {
  return {
    BackupVaultName: v.name,
    BackupVaultArn: v.arn,
    VaultType: v.spec.VaultType,
    VaultState: 'AVAILABLE',
    CreationDate: v.spec.CreationDate ?? DEFAULT_CREATION_DATE,
    EncryptionKeyArn: v.keyArn,
    EncryptionKeyType: v.spec.EncryptionKeyType,
    NumberOfRecoveryPoints: v.numberOfRecoveryPoints,
    Locked: v.spec.Locked ?? false,
  };
}
