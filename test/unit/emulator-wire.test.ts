import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorStats, type RunningEmulator } from '../../src/emulator/server.js';
import { backupGet, formCall, kmsCall, scenario, sigv4 } from './emulator-helpers.js';

const ME = '111122223333';
const OWNER = '444455556666';
const estate = scenario({
  name: 'wire',
  accounts: [
    {
      accountId: ME,
      regions: {
        'us-east-1': {
          keys: [
            { KeyId: 'cmk-1', Alias: 'alias/app', Description: 'app key' },
            { KeyId: 'dying', KeyState: 'PendingDeletion', DeletionDate: 1798761600.5 },
            {
              KeyId: 'denied',
              describeKeyError: { status: 400, code: 'AccessDeniedException', message: 'no kms:DescribeKey' },
            },
          ],
          vaults: [
            {
              BackupVaultName: 'own',
              EncryptionKeyArn: 'KEY:cmk-1',
              points: [
                {
                  RecoveryPointArn: 'arn:aws:ec2:us-east-1::snapshot/snap-0abc',
                  ResourceType: 'EBS',
                  IsEncrypted: false,
                  omitIsEncryptedInList: true,
                },
                {
                  RecoveryPointArn: 'arn:aws:backup:us-east-1:111122223333:recovery-point:b',
                  ResourceType: 'EFS',
                  IsEncrypted: true,
                  omitIsEncryptedEverywhere: true,
                },
                {
                  RecoveryPointArn: 'arn:aws:backup:us-east-1:111122223333:recovery-point:child',
                  ResourceType: 'DynamoDB',
                  ParentRecoveryPointArn: 'arn:aws:backup:us-east-1:111122223333:recovery-point:parent',
                  CreatedBy: { BackupPlanId: 'plan-1' },
                },
              ],
            },
            {
              BackupVaultName: 'lag',
              ownerAccountId: OWNER,
              VaultType: 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT',
              EncryptionKeyType: 'AWS_OWNED_KMS_KEY',
              points: [
                {
                  RecoveryPointArn: 'arn:aws:backup:us-east-1:444455556666:recovery-point:s1',
                  IsEncrypted: true,
                },
              ],
            },
          ],
        },
        'ap-east-1': { optInStatus: 'not-opted-in' },
      },
    },
    { accountId: OWNER, regions: { 'us-east-1': {} } },
    { accountId: '777788889999', denyAssumeRole: true, regions: {} },
  ],
});

let emulator: RunningEmulator;
let url: string;
beforeAll(async () => {
  emulator = await startEmulator({ scenario: estate });
  url = emulator.url;
});
afterAll(() => emulator.close());

describe('Backup restJson1', () => {
  it('lists own vaults, or only shared ones with shared=true (ARN names the owner)', async () => {
    const own = await backupGet(url, '/backup-vaults/');
    expect(own.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    expect((own.body.BackupVaultList as { BackupVaultName: string }[]).map((v) => v.BackupVaultName)).toEqual(
      ['own'],
    );
    const shared = await backupGet(url, '/backup-vaults/?shared=true');
    expect(shared.body.BackupVaultList).toEqual([
      expect.objectContaining({
        BackupVaultName: 'lag',
        BackupVaultArn: `arn:aws:backup:us-east-1:${OWNER}:backup-vault:lag`,
        EncryptionKeyType: 'AWS_OWNED_KMS_KEY',
        NumberOfRecoveryPoints: 1,
      }),
    ]);
    expect(shared.body.BackupVaultList).toEqual([
      expect.not.objectContaining({ EncryptionKeyArn: expect.anything() }),
    ]);
  });

  it('needs backupVaultAccountId for a shared vault', async () => {
    const denied = await backupGet(url, '/backup-vaults/lag/recovery-points/');
    expect(denied.status).toBe(403);
    expect(denied.headers.get('x-amzn-errortype')).toBe('AccessDeniedException');
    const ok = await backupGet(url, `/backup-vaults/lag/recovery-points/?backupVaultAccountId=${OWNER}`);
    expect(ok.body.RecoveryPoints).toEqual([
      expect.objectContaining({
        BackupVaultArn: `arn:aws:backup:us-east-1:${OWNER}:backup-vault:lag`,
        VaultType: 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT',
      }),
    ]);
  });

  it('answers ResourceNotFoundException and UnknownOperationException in the restJson1 envelope', async () => {
    const missing = await backupGet(url, '/backup-vaults/nope');
    expect(missing.status).toBe(400);
    expect(missing.headers.get('x-amzn-errortype')).toBe('ResourceNotFoundException');
    expect(missing.body).toEqual({
      Code: 'ResourceNotFoundException',
      Message: expect.stringContaining('nope'),
    });
    const unknown = await backupGet(url, '/no-such-thing');
    expect(unknown.status).toBe(404);
    expect(unknown.body.Code).toBe('UnknownOperationException');
  });

  it('omits IsEncrypted per the scenario controls and resolves KEY: references', async () => {
    const { body } = await backupGet(url, '/backup-vaults/own/recovery-points/');
    const [ebs, efs] = body.RecoveryPoints as Record<string, unknown>[];
    expect(ebs).not.toHaveProperty('IsEncrypted');
    expect(efs).not.toHaveProperty('IsEncrypted');
    expect(typeof ebs?.CreationDate).toBe('number');
    const arn = encodeURIComponent('arn:aws:ec2:us-east-1::snapshot/snap-0abc');
    const described = await backupGet(url, `/backup-vaults/own/recovery-points/${arn}`);
    expect(described.body).toMatchObject({
      IsEncrypted: false,
      StorageClass: 'WARM',
      VaultType: 'BACKUP_VAULT',
    });
    const vault = await backupGet(url, '/backup-vaults/own');
    expect(vault.body.EncryptionKeyArn).toBe(`arn:aws:kms:us-east-1:${ME}:key/cmk-1`);
  });

  it('honours the parent, plan and type filters', async () => {
    const parent = encodeURIComponent('arn:aws:backup:us-east-1:111122223333:recovery-point:parent');
    const byParent = await backupGet(
      url,
      `/backup-vaults/own/recovery-points/?parentRecoveryPointArn=${parent}`,
    );
    expect(byParent.body.RecoveryPoints).toHaveLength(1);
    expect(
      (await backupGet(url, '/backup-vaults/own/recovery-points/?backupPlanId=plan-1')).body.RecoveryPoints,
    ).toHaveLength(1);
    expect(
      (await backupGet(url, '/backup-vaults/own/recovery-points/?resourceType=EBS')).body.RecoveryPoints,
    ).toHaveLength(1);
    expect((await backupGet(url, '/backup-vaults/own/recovery-points/?maxResults=0')).status).toBe(400);
  });

  it('treats regions not in the scenario as empty and not-opted-in ones as UnrecognizedClientException', async () => {
    expect((await backupGet(url, '/backup-vaults/', 'eu-north-1')).body.BackupVaultList).toEqual([]);
    const off = await backupGet(url, '/backup-vaults/', 'ap-east-1');
    expect(off.status).toBe(403);
    expect(off.body.Code).toBe('UnrecognizedClientException');
    const kms = await kmsCall(url, 'ListAliases', {}, 'ap-east-1');
    expect(kms.body.__type).toBe('UnrecognizedClientException');
  });
});

describe('KMS awsJson1_1', () => {
  it('describes by id, alias, key ARN and alias ARN', async () => {
    for (const KeyId of [
      'cmk-1',
      'alias/app',
      `arn:aws:kms:us-east-1:${ME}:key/cmk-1`,
      `arn:aws:kms:us-east-1:${ME}:alias/app`,
    ]) {
      const { body } = await kmsCall(url, 'DescribeKey', { KeyId });
      expect(body.KeyMetadata).toMatchObject({
        KeyId: 'cmk-1',
        Enabled: true,
        KeyManager: 'CUSTOMER',
        AWSAccountId: ME,
      });
    }
  });

  it('reports PendingDeletion with a DeletionDate and Enabled false', async () => {
    const { body } = await kmsCall(url, 'DescribeKey', { KeyId: 'dying' });
    expect(body.KeyMetadata).toMatchObject({
      KeyState: 'PendingDeletion',
      Enabled: false,
      DeletionDate: 1798761600.5,
    });
  });

  it('answers errors as __type + message with the x-amzn-errortype header', async () => {
    const foreign = await kmsCall(url, 'DescribeKey', { KeyId: `arn:aws:kms:us-east-1:${OWNER}:key/x` });
    expect(foreign.status).toBe(400);
    expect(foreign.body.__type).toBe('AccessDeniedException');
    expect(foreign.headers.get('x-amzn-errortype')).toBe('AccessDeniedException');
    expect((await kmsCall(url, 'DescribeKey', { KeyId: 'nope' })).body).toEqual({
      __type: 'NotFoundException',
      message: expect.any(String),
    });
    expect((await kmsCall(url, 'DescribeKey', { KeyId: 'denied' })).body.__type).toBe(
      'AccessDeniedException',
    );
    expect((await kmsCall(url, 'ListAliases', { Limit: 101 })).body.__type).toBe('ValidationException');
    expect((await kmsCall(url, 'ListAliases', { Marker: 'bogus' })).body.__type).toBe(
      'InvalidMarkerException',
    );
    expect((await kmsCall(url, 'Encrypt', {})).body.__type).toBe('UnknownOperationException');
  });

  it('creates the aws/backup key on DescribeKey and lists its alias afterwards', async () => {
    const before = await kmsCall(url, 'ListAliases', {});
    expect((before.body.Aliases as { AliasName: string }[]).map((a) => a.AliasName)).toEqual(['alias/app']);
    const { body } = await kmsCall(url, 'DescribeKey', { KeyId: 'alias/aws/backup' });
    expect(body.KeyMetadata).toMatchObject({ KeyManager: 'AWS', Enabled: true });
    const again = await kmsCall(url, 'DescribeKey', { KeyId: 'alias/aws/backup' });
    expect(again.body).toEqual(body);
    const after = await kmsCall(url, 'ListAliases', { Limit: 1 });
    expect(after.body).toMatchObject({
      Truncated: true,
      Aliases: [{ AliasName: 'alias/app', TargetKeyId: 'cmk-1' }],
    });
    const next = await kmsCall(url, 'ListAliases', { Limit: 1, Marker: after.body.NextMarker });
    expect(next.body).toMatchObject({ Truncated: false, Aliases: [{ AliasName: 'alias/aws/backup' }] });
  });
});

describe('STS awsQuery and EC2', () => {
  it('assumes a role whose credentials act in the target account', async () => {
    const res = await formCall(url, 'sts', {
      Action: 'AssumeRole',
      Version: '2011-06-15',
      RoleArn: `arn:aws:iam::${OWNER}:role/Auditor`,
      RoleSessionName: 'audit',
    });
    expect(res.status).toBe(200);
    expect(res.text).toContain(
      '<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult>',
    );
    const key = /<AccessKeyId>(ASIA\d{12}[A-Z0-9]{4})<\/AccessKeyId>/.exec(res.text)?.[1] ?? '';
    expect(key.slice(4, 16)).toBe(OWNER);
    const who = await formCall(url, 'sts', { Action: 'GetCallerIdentity', Version: '2011-06-15' }, key);
    expect(who.text).toContain(`<Arn>arn:aws:sts::${OWNER}:assumed-role/Auditor/audit</Arn>`);
    const vaults = await backupGet(url, '/backup-vaults/', 'us-east-1', key);
    expect(vaults.body.BackupVaultList).toEqual([]);
  });

  it('denies AssumeRole into unknown or denying accounts in the awsQuery envelope', async () => {
    for (const account of ['777788889999', '000000000001']) {
      const res = await formCall(url, 'sts', {
        Action: 'AssumeRole',
        Version: '2011-06-15',
        RoleArn: `arn:aws:iam::${account}:role/Auditor`,
        RoleSessionName: 'audit',
      });
      expect(res.status).toBe(403);
      expect(res.text).toMatch(
        /<ErrorResponse xmlns="[^"]+"><Error><Type>Sender<\/Type><Code>AccessDenied<\/Code><Message>.+<\/Message><\/Error><RequestId>.+<\/RequestId><\/ErrorResponse>/,
      );
    }
    const bad = await formCall(url, 'sts', {
      Action: 'AssumeRole',
      Version: '2011-06-15',
      RoleArn: `arn:aws:iam::${OWNER}:role/A`,
      RoleSessionName: 'x',
      DurationSeconds: '60',
    });
    expect(bad.text).toContain('<Code>ValidationError</Code>');
  });

  it('filters DescribeRegions and answers errors in the ec2 envelope', async () => {
    const all = await formCall(url, 'ec2', {
      Action: 'DescribeRegions',
      Version: '2016-11-15',
      AllRegions: 'true',
    });
    expect(all.text).toContain(
      '<regionName>ap-east-1</regionName><regionEndpoint>ec2.ap-east-1.amazonaws.com</regionEndpoint><optInStatus>not-opted-in</optInStatus>',
    );
    const enabled = await formCall(url, 'ec2', { Action: 'DescribeRegions', Version: '2016-11-15' });
    expect(enabled.text).not.toContain('ap-east-1');
    const filtered = await formCall(url, 'ec2', {
      Action: 'DescribeRegions',
      Version: '2016-11-15',
      AllRegions: 'true',
      'Filter.1.Name': 'opt-in-status',
      'Filter.1.Value.1': 'not-opted-in',
    });
    expect(filtered.text.match(/<item>/g)).toHaveLength(1);
    const bad = await formCall(url, 'ec2', {
      Action: 'DescribeRegions',
      Version: '2016-11-15',
      'Filter.1.Name': 'nope',
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(
      /^<Response><Errors><Error><Code>InvalidParameterValue<\/Code>.*<RequestID>.+<\/RequestID><\/Response>$/,
    );
  });
});

describe('stats', () => {
  it('counts calls per operation and per account/region/operation, over HTTP too', async () => {
    emulator.resetStats();
    await backupGet(url, '/backup-vaults/');
    await backupGet(url, '/backup-vaults/', 'ap-east-1');
    const res = await fetch(`${url}/_emulator/stats`);
    const stats = (await res.json()) as EmulatorStats;
    expect(stats).toEqual({
      total: 2,
      byOperation: { ListBackupVaults: 2 },
      byScope: { [`${ME}/ap-east-1/ListBackupVaults`]: 1, [`${ME}/us-east-1/ListBackupVaults`]: 1 },
      throttled: 0,
      throttledByScope: {},
      faults: { serverError: 0, dropped: 0, accessDenied: 0 },
      connections: expect.any(Number) as number,
    });
    await fetch(`${url}/_emulator/reset-stats`, { method: 'POST', headers: sigv4('backup') });
    expect(emulator.stats().total).toBe(0);
  });
});
