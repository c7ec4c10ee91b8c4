/**
 * Contract: the AWS SDK for JavaScript v3 clients the scanner uses parse every emulator answer,
 * including epoch-number timestamps, error names and request ids.
 */
import {
  BackupClient,
  DescribeRecoveryPointCommand,
  ListBackupVaultsCommand,
  ListRecoveryPointsByBackupVaultCommand,
  paginateListRecoveryPointsByBackupVault,
} from '@aws-sdk/client-backup';
import { DescribeRegionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { DescribeKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/emulator/scenario-loader.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';

const credentials = { accessKeyId: 'test-key-id', secretAccessKey: 'test-secret' };
let emulator: RunningEmulator;
const config = (region = 'us-east-1') => ({ endpoint: emulator.url, region, credentials, maxAttempts: 1 });

beforeAll(async () => {
  emulator = await startEmulator({ scenario: loadScenario('demo') });
});
afterAll(() => emulator.close());

describe('AWS SDK for JavaScript v3 against the emulator', () => {
  it('paginates 1,500 generated points in pages of at most 1000', async () => {
    const backup = new BackupClient(config());
    let count = 0;
    let pages = 0;
    for await (const page of paginateListRecoveryPointsByBackupVault(
      { client: backup, pageSize: 1000 },
      { BackupVaultName: 'bulk-efs-vault' },
    )) {
      count += page.RecoveryPoints?.length ?? 0;
      pages++;
      expect(page.RecoveryPoints?.[0]?.CreationDate).toBeInstanceOf(Date);
    }
    expect({ count, pages }).toEqual({ count: 1500, pages: 2 });
    const stats = emulator.stats();
    expect(stats.byScope['111122223333/us-east-1/ListRecoveryPointsByBackupVault']).toBeGreaterThanOrEqual(2);
  });

  it('describes an EBS recovery point and lists vaults', async () => {
    const backup = new BackupClient(config());
    const point = await backup.send(
      new DescribeRecoveryPointCommand({
        BackupVaultName: 'prod-cmk-vault',
        RecoveryPointArn: 'arn:aws:ec2:us-east-1::snapshot/snap-0a1b2c3d4e5f60718',
      }),
    );
    expect(point).toMatchObject({ IsEncrypted: false, ResourceType: 'EBS', StorageClass: 'WARM' });
    expect(point.CreationDate?.getTime()).toBe(1717200000123);
    const vaults = await backup.send(new ListBackupVaultsCommand({}));
    expect(vaults.BackupVaultList?.length).toBeGreaterThan(5);
  });

  it('exposes error names and request ids', async () => {
    const backup = new BackupClient(config());
    const error = await backup
      .send(new ListRecoveryPointsByBackupVaultCommand({ BackupVaultName: 'tmp-restore' }))
      .catch((e: unknown) => e as { name: string; $metadata: { httpStatusCode: number; requestId: string } });
    expect(error).toMatchObject({ name: 'AccessDeniedException', $metadata: { httpStatusCode: 403 } });
    expect((error as { $metadata: { requestId: string } }).$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const offline = await new BackupClient(config('ap-east-1'))
      .send(new ListBackupVaultsCommand({}))
      .catch((e: unknown) => e as Error);
    expect(offline).toMatchObject({ name: 'UnrecognizedClientException' });
  });

  it('describes KMS keys with Date timestamps', async () => {
    const kms = new KMSClient(config());
    const { KeyMetadata } = await kms.send(new DescribeKeyCommand({ KeyId: 'alias/finance-legacy' }));
    expect(KeyMetadata).toMatchObject({ KeyState: 'PendingDeletion', Enabled: false });
    expect(KeyMetadata?.DeletionDate?.getTime()).toBe(1798761600000);
  });

  it('assumes a role and acts with the session credentials', async () => {
    const sts = new STSClient(config());
    const { Credentials } = await sts.send(
      new AssumeRoleCommand({
        RoleArn: 'arn:aws:iam::111122223333:role/rpguard-audit',
        RoleSessionName: 'sdk',
      }),
    );
    expect(Credentials?.Expiration).toBeInstanceOf(Date);
    const assumed = new STSClient({
      ...config(),
      credentials: {
        accessKeyId: Credentials?.AccessKeyId ?? '',
        secretAccessKey: Credentials?.SecretAccessKey ?? '',
        sessionToken: Credentials?.SessionToken ?? '',
      },
    });
    const who = await assumed.send(new GetCallerIdentityCommand({}));
    expect(who.Arn).toBe('arn:aws:sts::111122223333:assumed-role/rpguard-audit/sdk');
  });

  it('lists regions with their opt-in status', async () => {
    const ec2 = new EC2Client(config());
    const { Regions } = await ec2.send(new DescribeRegionsCommand({ AllRegions: true }));
    expect(Regions?.map((r) => [r.RegionName, r.OptInStatus])).toEqual([
      ['ap-east-1', 'not-opted-in'],
      ['eu-west-1', 'opt-in-not-required'],
      ['us-east-1', 'opt-in-not-required'],
    ]);
  });
});
