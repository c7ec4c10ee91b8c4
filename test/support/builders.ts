import type { KeyInfo, RecoveryPoint, Vault } from '../../src/core/types.js';

/** A vault with sensible defaults; override what the test is about. */
export function aVault(overrides: Partial<Vault> = {}): Vault {
  return {
    accountId: '111122223333',
    region: 'us-east-1',
    name: 'prod-vault',
    arn: 'arn:aws:backup:us-east-1:111122223333:backup-vault:prod-vault',
    vaultType: 'BACKUP_VAULT',
    encryptionKeyArn: 'arn:aws:kms:us-east-1:111122223333:key/cmk-1',
    shared: false,
    ...overrides,
  };
}

/** An encrypted, completed EFS recovery point. */
export function aPoint(overrides: Partial<RecoveryPoint> = {}): RecoveryPoint {
  return {
    recoveryPointArn: 'arn:aws:backup:us-east-1:111122223333:recovery-point:rp-1',
    backupVaultName: 'prod-vault',
    backupVaultArn: 'arn:aws:backup:us-east-1:111122223333:backup-vault:prod-vault',
    resourceArn: 'arn:aws:elasticfilesystem:us-east-1:111122223333:file-system/fs-1',
    resourceType: 'EFS',
    status: 'COMPLETED',
    isEncrypted: true,
    encryptionKeyArn: 'arn:aws:kms:us-east-1:111122223333:key/cmk-1',
    encryptionSource: 'list',
    ...overrides,
  };
}

/** An enabled customer-managed key. */
export function aKey(overrides: Partial<KeyInfo> = {}): KeyInfo {
  return {
    keyArn: 'arn:aws:kms:us-east-1:111122223333:key/cmk-1',
    keyManager: 'CUSTOMER',
    keyState: 'Enabled',
    enabled: true,
    ...overrides,
  };
}
