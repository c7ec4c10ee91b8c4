/**
 * Contract: the same estate built in moto 5.2.1 (an independent AWS emulator) and in ours, the
 * same AWS CLI read calls against both, answers compared after normalising generated values.
 *
 * Known moto differences (we keep the AWS-model behaviour and assert it explicitly):
 *  1. Backup ListBackupVaults/DescribeBackupVault: moto omits VaultType and VaultState (both in the
 *     model's BackupVaultListMember/DescribeBackupVaultOutput); DescribeBackupVault also omits
 *     NumberOfRecoveryPoints. moto adds a generated CreatorRequestId (the emulator sends none).
 *  2. Backup ListBackupVaults accepts MaxResults 1001; the model bounds it to 1..1000.
 *  3. KMS DescribeKey: moto omits KeyUsage and MultiRegion and sends `SigningAlgorithms: []` for a
 *     symmetric encryption key (AWS omits it).
 *  4. KMS ListAliases: moto omits the alias CreationDate/LastUpdatedDate members.
 *  5. KMS DescribeKey on `alias/aws/backup` with no such key: moto answers NotFoundException; real
 *     KMS creates the AWS managed key and returns it.
 *  6. STS GetCallerIdentity: moto answers `arn:aws:sts::ACCT:user/moto` with the access key id as
 *     UserId; IAM user ARNs are `arn:aws:iam::ACCT:user/NAME` and UserId is the user's unique id.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenarioSchema } from '../../src/emulator/scenario-schema.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { aws, cliEnv, startMoto, type AwsResult, type Moto } from './cli-helpers.js';

const ACCOUNT = '123456789012';

/** Creates a CMK, its alias and two vaults in moto; prints the ids moto chose. */
const SETUP = `
import boto3, json, sys
url = sys.argv[1]
kms = boto3.client('kms', endpoint_url=url, region_name='us-east-1')
backup = boto3.client('backup', endpoint_url=url, region_name='us-east-1')
key = kms.create_key(Description='rpguard contract key')['KeyMetadata']
kms.create_alias(AliasName='alias/rpguard-contract', TargetKeyId=key['KeyId'])
backup.create_backup_vault(BackupVaultName='contract-vault', EncryptionKeyArn=key['Arn'])
backup.create_backup_vault(BackupVaultName='plain-vault')
print(json.dumps({'KeyId': key['KeyId'], 'Arn': key['Arn']}))
`;

let moto: Moto;
let emulator: RunningEmulator;
let key: { KeyId: string; Arn: string };
const ours = {} as Record<string, AwsResult>;
const theirs = {} as Record<string, AwsResult>;

beforeAll(async () => {
  moto = await startMoto();
  const { stdout } = await promisify(execFile)('python3', ['-c', SETUP, moto.url], { env: cliEnv() });
  key = JSON.parse(stdout) as { KeyId: string; Arn: string };
  const scenario = scenarioSchema.parse({
    name: 'moto-mirror',
    accounts: [
      {
        accountId: ACCOUNT,
        regions: {
          'us-east-1': {
            keys: [
              { KeyId: key.KeyId, Description: 'rpguard contract key', Alias: 'alias/rpguard-contract' },
            ],
            vaults: [
              { BackupVaultName: 'contract-vault', EncryptionKeyArn: key.Arn },
              { BackupVaultName: 'plain-vault' },
            ],
          },
          'eu-west-1': {},
        },
      },
    ],
  });
  emulator = await startEmulator({ scenario });
  const calls: Record<string, string[]> = {
    listVaults: ['backup', 'list-backup-vaults'],
    describeVault: ['backup', 'describe-backup-vault', '--backup-vault-name', 'contract-vault'],
    missingVault: ['backup', 'describe-backup-vault', '--backup-vault-name', 'no-such-vault'],
    describeKey: ['kms', 'describe-key', '--key-id', key.KeyId],
    describeAlias: ['kms', 'describe-key', '--key-id', 'alias/rpguard-contract'],
    missingKey: ['kms', 'describe-key', '--key-id', 'alias/no-such-key'],
    aliases: ['kms', 'list-aliases', '--key-id', key.KeyId],
    whoami: ['sts', 'get-caller-identity'],
    regions: ['ec2', 'describe-regions', '--region-names', 'us-east-1', 'eu-west-1'],
  };
  await Promise.all(
    Object.entries(calls).flatMap(([name, args]) => [
      aws(emulator.url, 'us-east-1', args).then((res) => (ours[name] = res)),
      aws(moto.url, 'us-east-1', args).then((res) => (theirs[name] = res)),
    ]),
  );
}, 60_000);

afterAll(async () => {
  await emulator?.close();
  await moto?.stop();
});

/** Replaces generated values (timestamps, request ids) so answers compare. */
function normalise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalise);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === 'CreatorRequestId' || k === 'ResponseMetadata') continue;
      out[k] = /Date$/.test(k) ? '<timestamp>' : normalise(v);
    }
    return out;
  }
  return value;
}
const both = (name: string) => {
  for (const side of [ours[name], theirs[name]]) expect(side?.stderr, name).toBe('');
  return [normalise(ours[name]?.json), normalise(theirs[name]?.json)] as [
    Record<string, unknown>,
    Record<string, unknown>,
  ];
};

describe('emulator vs moto, same AWS CLI calls', () => {
  it('ListBackupVaults agrees except the members moto omits (difference 1)', () => {
    const [a, b] = both('listVaults');
    const motoPatched = (b.BackupVaultList as Record<string, unknown>[]).map((v) => ({
      ...v,
      VaultType: 'BACKUP_VAULT',
      VaultState: 'AVAILABLE',
    }));
    expect(a.BackupVaultList).toEqual(motoPatched);
    expect((a.BackupVaultList as Record<string, unknown>[])[0]?.EncryptionKeyArn).toBe(key.Arn);
  });

  it('DescribeBackupVault agrees except the members moto omits (difference 1)', () => {
    const [a, b] = both('describeVault');
    expect(a).toEqual({
      ...b,
      VaultType: 'BACKUP_VAULT',
      VaultState: 'AVAILABLE',
      NumberOfRecoveryPoints: 0,
    });
  });

  it('unknown vault and unknown key give the same error names', () => {
    for (const name of ['missingVault', 'missingKey']) {
      const code = (res: AwsResult | undefined) => /An error occurred \((\w+)\)/.exec(res?.stderr ?? '')?.[1];
      expect(code(ours[name]), name).toBeDefined();
      expect(code(ours[name]), name).toBe(code(theirs[name]));
    }
  });

  it('DescribeKey by id and by alias agrees except KeyUsage/MultiRegion/SigningAlgorithms (difference 3)', () => {
    for (const name of ['describeKey', 'describeAlias']) {
      const [a, b] = both(name);
      const { SigningAlgorithms: _ignored, ...motoMeta } = b.KeyMetadata as Record<string, unknown>;
      expect(a.KeyMetadata, name).toEqual({ ...motoMeta, KeyUsage: 'ENCRYPT_DECRYPT', MultiRegion: false });
    }
  });

  it('ListAliases for the key agrees except the alias dates (difference 4)', () => {
    const [a, b] = both('aliases');
    const motoPatched = (b.Aliases as Record<string, unknown>[]).map((x) => ({
      ...x,
      CreationDate: '<timestamp>',
      LastUpdatedDate: '<timestamp>',
    }));
    expect(a).toEqual({ Aliases: motoPatched });
  });

  it('GetCallerIdentity names the same account; the ARN is an IAM user ARN (difference 6)', () => {
    const [a, b] = both('whoami');
    expect(a.Account).toBe(b.Account);
    expect(a.Account).toBe(ACCOUNT);
    expect(a.Arn).toBe(`arn:aws:iam::${ACCOUNT}:user/rpguard-emulator`);
    expect(b.Arn).toBe(`arn:aws:sts::${ACCOUNT}:user/moto`);
  });

  it('DescribeRegions agrees for regions both list (order aside: moto echoes the request order)', () => {
    const [a, b] = both('regions');
    const byName = (x: Record<string, unknown>) =>
      (x.Regions as { RegionName: string }[])
        .slice()
        .sort((p, q) => p.RegionName.localeCompare(q.RegionName));
    expect(byName(a)).toEqual(byName(b));
    expect(byName(a)).toHaveLength(2);
  });
});
