/**
 * Vaults shared with the scanning account (e.g. RAM-shared logically air-gapped vaults) are listed
 * with ByShared, read with BackupVaultAccountId, and their points are attributed to the owner
 * account taken from the vault ARN.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../src/emulator/server.js';
import { oneAccountScenario, startScenario } from '../support/emulator.js';
import { scanToReport, type Report } from '../support/report.js';

let emulator: RunningEmulator;
let report: Report;
let code: number;

beforeAll(async () => {
  emulator = await startScenario(
    oneAccountScenario('shared', {
      'eu-west-1': {
        keys: [{ KeyId: 'own-key' }],
        vaults: [
          { BackupVaultName: 'own', EncryptionKeyArn: 'KEY:own-key', generate: { count: 2 } },
          {
            BackupVaultName: 'recovery-lag',
            VaultType: 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT',
            EncryptionKeyType: 'AWS_OWNED_KMS_KEY',
            ownerAccountId: '999988887777',
            points: [
              {
                RecoveryPointArn: 'arn:aws:backup:eu-west-1:999988887777:recovery-point:lag-1',
                ResourceType: 'EBS',
                IsEncrypted: true,
                EncryptionKeyType: 'AWS_OWNED_KMS_KEY',
              },
            ],
          },
        ],
      },
    }),
  );
  const result = await scanToReport(emulator.url, ['--regions', 'eu-west-1']);
  if (!result.report) throw new Error(result.run.stderr);
  report = result.report;
  code = result.run.code;
});
afterAll(() => emulator.close());

describe('shared vaults', () => {
  it('are scanned and attributed to the owner account from the vault ARN', () => {
    const lag = report.findings.find(
      (f) =>
        f.recoveryPointArn === 'arn:aws:backup:eu-west-1:999988887777:recovery-point:lag-1' &&
        f.ruleId === 'backup/recovery-point-encrypted',
    );
    expect(lag).toMatchObject({
      status: 'PASS',
      accountId: '999988887777',
      region: 'eu-west-1',
      keyClass: 'aws-owned',
      vaultType: 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT',
    });
    const vault = (
      report.vaults as { backupVaultName: string; shared: boolean; accountId: string; complete: boolean }[]
    ).find((v) => v.backupVaultName === 'recovery-lag');
    expect(vault).toMatchObject({ shared: true, accountId: '999988887777', complete: true });
    expect(report.gaps).toEqual([]);
    expect(code).toBe(0);
  });

  it('describe each distinct key once', () => {
    expect(emulator.stats().byOperation.DescribeKey).toBe(1);
    expect(emulator.stats().byOperation.ListBackupVaults).toBe(2);
  });
});
