/**
 * Contract: the real AWS CLI (botocore 1.43.11) parses every emulator answer. All calls are
 * independent, so they run concurrently in beforeAll and each test asserts on its results.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/emulator/scenario-loader.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { aws, type AwsResult } from './cli-helpers.js';

const ACCOUNT = '111122223333';
const CMK = '7c1e9a52-3b4d-4e8f-9a10-2b3c4d5e6f70';
const EBS_POINT = 'arn:aws:ec2:us-east-1::snapshot/snap-0a1b2c3d4e5f60718';
const PARENT = `arn:aws:backup:us-east-1:${ACCOUNT}:recovery-point:stack-orders-20240601`;

const calls = {
  listVaults: ['backup', 'list-backup-vaults'],
  describeVault: ['backup', 'describe-backup-vault', '--backup-vault-name', 'Default'],
  listGenerated: ['backup', 'list-recovery-points-by-backup-vault', '--backup-vault-name', 'bulk-efs-vault'],
  listDefault: ['backup', 'list-recovery-points-by-backup-vault', '--backup-vault-name', 'Default'],
  listChildren: [
    'backup',
    'list-recovery-points-by-backup-vault',
    '--backup-vault-name',
    'app-stacks',
    '--by-parent-recovery-point-arn',
    PARENT,
  ],
  describeEbs: [
    'backup',
    'describe-recovery-point',
    '--backup-vault-name',
    'prod-cmk-vault',
    '--recovery-point-arn',
    EBS_POINT,
  ],
  denied: ['backup', 'list-recovery-points-by-backup-vault', '--backup-vault-name', 'tmp-restore'],
  tooMany: [
    'backup',
    'list-recovery-points-by-backup-vault',
    '--backup-vault-name',
    'Default',
    '--max-results',
    '1001',
  ],
  missingVault: ['backup', 'describe-backup-vault', '--backup-vault-name', 'no-such-vault'],
  keyByAlias: ['kms', 'describe-key', '--key-id', 'alias/aws/backup'],
  dyingKey: ['kms', 'describe-key', '--key-id', 'alias/finance-legacy'],
  aliases: ['kms', 'list-aliases', '--key-id', CMK],
  whoami: ['sts', 'get-caller-identity'],
  assume: [
    'sts',
    'assume-role',
    '--role-arn',
    `arn:aws:iam::${ACCOUNT}:role/rpguard-audit`,
    '--role-session-name',
    'contract',
    '--external-id',
    'ext-123',
    '--duration-seconds',
    '900',
  ],
  allRegions: ['ec2', 'describe-regions', '--all-regions'],
  enabledRegions: ['ec2', 'describe-regions'],
} satisfies Record<string, string[]>;

let emulator: RunningEmulator;
const r = {} as Record<keyof typeof calls | 'notOptedIn' | 'assumedWhoami', AwsResult>;

beforeAll(async () => {
  emulator = await startEmulator({ scenario: loadScenario('demo') });
  const names = Object.keys(calls) as (keyof typeof calls)[];
  const [results, notOptedIn] = await Promise.all([
    Promise.all(names.map((n) => aws(emulator.url, 'us-east-1', calls[n]))),
    aws(emulator.url, 'ap-east-1', ['kms', 'list-aliases']),
  ]);
  names.forEach((n, i) => (r[n] = results[i] as AwsResult));
  r.notOptedIn = notOptedIn;
  const creds = r.assume.json.Credentials as Record<string, string>;
  r.assumedWhoami = await aws(emulator.url, 'us-east-1', ['sts', 'get-caller-identity'], {
    AWS_ACCESS_KEY_ID: creds.AccessKeyId ?? '',
    AWS_SECRET_ACCESS_KEY: creds.SecretAccessKey ?? '',
    AWS_SESSION_TOKEN: creds.SessionToken ?? '',
  });
}, 60_000);
afterAll(() => emulator.close());

const ok = (res: AwsResult) => {
  expect(res.stderr).toBe('');
  expect(res.code).toBe(0);
  return res.json;
};

describe('AWS CLI against the emulator', () => {
  it('backup list-backup-vaults', () => {
    const vaults = ok(r.listVaults).BackupVaultList as Record<string, unknown>[];
    const byName = Object.fromEntries(vaults.map((v) => [v.BackupVaultName, v]));
    expect(byName['prod-cmk-vault']).toMatchObject({
      VaultState: 'AVAILABLE',
      EncryptionKeyArn: `arn:aws:kms:us-east-1:${ACCOUNT}:key/${CMK}`,
      EncryptionKeyType: 'CUSTOMER_MANAGED_KMS_KEY',
      NumberOfRecoveryPoints: 3,
    });
    expect(byName['bulk-efs-vault']).toMatchObject({ NumberOfRecoveryPoints: 1500 });
    expect(byName['air-gapped-vault']).toMatchObject({
      VaultType: 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT',
      Locked: true,
    });
    expect(byName['air-gapped-vault']).not.toHaveProperty('EncryptionKeyArn');
  });

  it('backup describe-backup-vault, and ResourceNotFoundException for an unknown vault', () => {
    expect(ok(r.describeVault)).toMatchObject({
      BackupVaultName: 'Default',
      VaultType: 'BACKUP_VAULT',
      NumberOfRecoveryPoints: 4,
    });
    expect(r.missingVault.code).not.toBe(0);
    expect(r.missingVault.stderr).toContain(
      'An error occurred (ResourceNotFoundException) when calling the DescribeBackupVault operation',
    );
  });

  it('backup list-recovery-points-by-backup-vault auto-paginates 1,500 generated points', () => {
    const points = ok(r.listGenerated).RecoveryPoints as Record<string, unknown>[];
    expect(points).toHaveLength(1500);
    expect(new Set(points.map((p) => p.RecoveryPointArn)).size).toBe(1500);
    expect(
      points.every(
        (p) => p.IsEncrypted === true && p.EncryptionKeyArn === `arn:aws:kms:us-east-1:${ACCOUNT}:key/${CMK}`,
      ),
    ).toBe(true);
  });

  it('lists EXPIRED, DELETING and list-only-missing IsEncrypted points as the scenario says', () => {
    const points = ok(r.listDefault).RecoveryPoints as Record<string, unknown>[];
    expect(points.map((p) => p.Status)).toEqual(['COMPLETED', 'COMPLETED', 'EXPIRED', 'DELETING']);
    expect(points[1]).not.toHaveProperty('IsEncrypted');
    expect(points[2]).toMatchObject({ IsEncrypted: false, StatusMessage: expect.stringContaining('in use') });
  });

  it('filters by parent recovery point', () => {
    expect(ok(r.listChildren).RecoveryPoints).toEqual([
      expect.objectContaining({
        ResourceType: 'DynamoDB',
        IsEncrypted: false,
        CompositeMemberIdentifier: 'OrdersTable',
      }),
    ]);
  });

  it('backup describe-recovery-point with an EBS snapshot ARN (percent-encoded in the path)', () => {
    expect(ok(r.describeEbs)).toMatchObject({
      RecoveryPointArn: EBS_POINT,
      ResourceType: 'EBS',
      IsEncrypted: false,
      StorageClass: 'WARM',
      CreationDate: 1717200000.123,
      CreatedBy: expect.objectContaining({ BackupPlanName: 'prod-daily', BackupRuleName: 'daily-35d' }),
    });
  });

  it('surfaces the injected AccessDeniedException and rejects MaxResults 1001', () => {
    expect(r.denied.code).not.toBe(0);
    expect(r.denied.stderr).toContain('An error occurred (AccessDeniedException)');
    expect(r.tooMany.stderr).toContain('An error occurred (InvalidParameterValueException)');
  });

  it('kms describe-key by alias, including the AWS managed aws/backup key and a key pending deletion', () => {
    expect(ok(r.keyByAlias).KeyMetadata).toMatchObject({
      KeyManager: 'AWS',
      KeyState: 'Enabled',
      Enabled: true,
      KeyUsage: 'ENCRYPT_DECRYPT',
    });
    expect(ok(r.dyingKey).KeyMetadata).toMatchObject({
      KeyState: 'PendingDeletion',
      Enabled: false,
      DeletionDate: 1798761600,
    });
  });

  it('kms list-aliases for one key', () => {
    expect(ok(r.aliases)).toEqual({
      Aliases: [expect.objectContaining({ AliasName: 'alias/prod-backup-vault', TargetKeyId: CMK })],
    });
  });

  it('answers UnrecognizedClientException in a region that is not opted in', () => {
    expect(r.notOptedIn.stderr).toContain('An error occurred (UnrecognizedClientException)');
  });

  it('sts get-caller-identity and assume-role', () => {
    expect(ok(r.whoami)).toEqual({
      UserId: expect.any(String),
      Account: ACCOUNT,
      Arn: `arn:aws:iam::${ACCOUNT}:user/rpguard-emulator`,
    });
    const assumed = ok(r.assume);
    expect(assumed.Credentials).toMatchObject({
      AccessKeyId: expect.stringMatching(new RegExp(`^ASIA${ACCOUNT}`)),
    });
    expect(assumed.AssumedRoleUser).toMatchObject({
      Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/rpguard-audit/contract`,
    });
    expect(ok(r.assumedWhoami).Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/rpguard-audit/contract`);
  });

  it('ec2 describe-regions with and without --all-regions', () => {
    const names = (res: AwsResult) => (ok(res).Regions as { RegionName: string }[]).map((x) => x.RegionName);
    expect(names(r.allRegions)).toEqual(['ap-east-1', 'eu-west-1', 'us-east-1']);
    expect(names(r.enabledRegions)).toEqual(['eu-west-1', 'us-east-1']);
    expect(ok(r.allRegions).Regions).toContainEqual({
      RegionName: 'ap-east-1',
      Endpoint: 'ec2.ap-east-1.amazonaws.com',
      OptInStatus: 'not-opted-in',
    });
  });
});
