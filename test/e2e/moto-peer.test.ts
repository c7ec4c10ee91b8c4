/**
 * Against plain moto (an independent AWS peer that serves vaults and keys but no recovery points),
 * the scan lists the vaults and their keys and reports each vault's recovery points as a gap: exit 3.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEnv, startMoto, type Moto } from '../contract/cli-helpers.js';
import { scanToReport, type Report } from '../support/report.js';

const SETUP = `
import boto3, sys
url = sys.argv[1]
kms = boto3.client('kms', endpoint_url=url, region_name='us-east-1')
backup = boto3.client('backup', endpoint_url=url, region_name='us-east-1')
key = kms.create_key(Description='vault key')['KeyMetadata']['Arn']
backup.create_backup_vault(BackupVaultName='cmk-vault', EncryptionKeyArn=key)
backup.create_backup_vault(BackupVaultName='plain-vault')
print(key)
`;

let moto: Moto;
let keyArn: string;
let report: Report;
let code: number;

beforeAll(async () => {
  moto = await startMoto();
  const { stdout } = await promisify(execFile)('python3', ['-c', SETUP, moto.url], { env: cliEnv() });
  keyArn = stdout.trim();
  const { run, report: r } = await scanToReport(moto.url, ['--regions', 'us-east-1', '--max-attempts', '1']);
  if (!r) throw new Error(`no report; exit ${run.code}: ${run.stderr}`);
  report = r;
  code = run.code;
}, 60_000);

afterAll(() => moto?.stop());

describe('rpguard scan against moto server', () => {
  it('lists the vaults and describes their keys', () => {
    const vaults = report.vaults as {
      backupVaultName: string;
      encryptionKeyArn?: string;
      encryptionKeyClass: string;
      accountId: string;
    }[];
    expect(vaults.map((v) => v.backupVaultName).sort()).toEqual(['cmk-vault', 'plain-vault']);
    expect(vaults.find((v) => v.backupVaultName === 'cmk-vault')).toMatchObject({
      encryptionKeyArn: keyArn,
      encryptionKeyClass: 'customer-managed',
      accountId: '123456789012',
    });
    const keys = report.keys as { keyArn: string; keyManager: string; keyState: string }[];
    expect(keys.find((k) => k.keyArn === keyArn)).toMatchObject({
      keyManager: 'CUSTOMER',
      keyState: 'Enabled',
    });
  });

  it("reports each vault's recovery points as a gap, never as compliant, and exits 3", () => {
    const vaultGaps = report.gaps.filter((g) => g.scope.kind === 'vault');
    expect(vaultGaps.map((g) => g.scope.backupVaultName).sort()).toEqual(['cmk-vault', 'plain-vault']);
    for (const gap of vaultGaps) expect(gap.operation).toBe('ListRecoveryPointsByBackupVault');
    expect(report.findings).toEqual([]);
    expect(report.complete).toBe(false);
    expect(code).toBe(3);
  });
});
