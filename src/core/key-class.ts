import type { KeyClass, KeyInfo, RecoveryPoint, Vault } from './types.js';

/**
 * Classify the key behind a recovery point. The vault key is not used as a fallback: EBS, RDS and
 * other types keep their source's key, so the vault key says nothing about them.
 */
export function classifyKey(point: RecoveryPoint, vault: Vault, key: KeyInfo | undefined): KeyClass {
  if (point.isEncrypted === false) return 'none';
  const keyType = point.encryptionKeyType ?? (point.encryptionKeyArn ? undefined : vault.encryptionKeyType);
  if (keyType === 'AWS_OWNED_KMS_KEY') return 'aws-owned';
  if (key && !key.describeError) {
    if (key.keyManager === 'AWS') return 'aws-managed';
    if (key.keyManager === 'CUSTOMER') return 'customer-managed';
  }
  if (key?.aliases?.some((alias) => alias.startsWith('alias/aws/'))) return 'aws-managed';
  return 'unknown';
}

/** Classify a vault's own key from its type and, when it has an ARN, what DescribeKey said. */
export function classifyVaultKey(vault: Vault, key: KeyInfo | undefined): KeyClass {
  if (vault.encryptionKeyType === 'AWS_OWNED_KMS_KEY') return 'aws-owned';
  // Logically air-gapped vaults default to an AWS-owned key; any other vault without a key ARN is a puzzle.
  if (!vault.encryptionKeyArn)
    return vault.vaultType === 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT' ? 'aws-owned' : 'unknown';
  if (key && !key.describeError) {
    if (key.keyManager === 'AWS') return 'aws-managed';
    if (key.keyManager === 'CUSTOMER') return 'customer-managed';
  }
  return 'unknown';
}
