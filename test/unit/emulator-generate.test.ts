import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/errors.js';
import {
  GENERATED_REGIONS,
  generateScenario,
  parseGenerateSpec,
  type GenerateSpec,
} from '../../src/emulator/generate.js';
import { PointSequence } from '../../src/emulator/services/backup/points.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { EmulatorState } from '../../src/emulator/state.js';
import { backupGet, kmsCall, scenario } from './emulator-helpers.js';

describe('parseGenerateSpec', () => {
  it('reads the four counts and the optional unencrypted stride', () => {
    expect(parseGenerateSpec('accounts=20,regions=4,vaults=50,points=1000000')).toEqual({
      accounts: 20,
      regions: 4,
      vaults: 50,
      points: 1_000_000,
      unencrypted: 0,
    });
    expect(parseGenerateSpec(' points=3, vaults=2 ,regions=1,accounts=1,unencrypted=10')).toMatchObject({
      points: 3,
      unencrypted: 10,
    });
  });

  it('rejects bad specs with one-line UsageErrors that say what is wrong', () => {
    const cases: [string, RegExp][] = [
      ['accounts=2,regions=1,vaults=1', /missing points/],
      ['accounts=2,regions=1,vaults=1,points=1,color=3', /unknown key 'color'/],
      ['accounts=2,accounts=3,regions=1,vaults=1,points=1', /accounts is given twice/],
      ['accounts=0,regions=1,vaults=1,points=1', /accounts must be an integer from 1 to 10000, got '0'/],
      ['accounts=1,regions=99,vaults=1,points=1', /regions must be an integer from 1 to 17/],
      ['accounts=1,regions=1,vaults=1,points=-5', /points must be an integer/],
      ['accounts=1,regions=1,vaults=1,points=1.5', /points must be an integer/],
      ['accounts', /'accounts' is not KEY=NUMBER/],
      ['', /'' is not KEY=NUMBER/],
    ];
    for (const [text, message] of cases) {
      let error: unknown;
      try {
        parseGenerateSpec(text);
      } catch (e) {
        error = e;
      }
      expect(error, text).toBeInstanceOf(UsageError);
      expect((error as Error).message, text).toMatch(message);
      expect((error as Error).message, text).not.toContain('\n');
    }
  });
});

describe('generateScenario', () => {
  const spec: GenerateSpec = { accounts: 20, regions: 4, vaults: 50, points: 1_000_000, unencrypted: 0 };

  it('builds accounts from 100000000001 (the caller) over the fixed region list', () => {
    const s = generateScenario(spec);
    expect(s.callerAccountId).toBe('100000000001');
    expect(s.accounts.map((a) => a.accountId).slice(0, 3)).toEqual([
      '100000000001',
      '100000000002',
      '100000000003',
    ]);
    expect(s.accounts).toHaveLength(20);
    expect(Object.keys(s.accounts[19]?.regions ?? {})).toEqual(GENERATED_REGIONS.slice(0, 4));
    expect(s.accounts[0]?.regions['eu-west-1']?.generateVaults).toMatchObject({
      vaults: 50,
      pointsPerVault: 1_000_000,
      IsEncrypted: true,
    });
  });

  it('holds counts only: its size does not depend on the number of points', () => {
    const small = JSON.stringify(generateScenario({ ...spec, points: 1 }));
    const large = JSON.stringify(generateScenario(spec));
    expect(large.length - small.length).toBe(
      // the counts, the name and description, and "points" for "point" in the description
      20 * 4 * ('1000000'.length - 1) + ('1000000'.length - 1) * 2 + 1,
    );
  });

  it('marks every Nth point of each vault unencrypted', () => {
    const s = generateScenario({ accounts: 1, regions: 1, vaults: 1, points: 30, unencrypted: 10 });
    const vault = new EmulatorState(s)
      .region('100000000001', 'us-east-1')
      .findVault('gen-vault-001', '100000000001');
    if (!vault) throw new Error('vault missing');
    const page = new PointSequence(vault, {}).page(0, 30);
    const plain = page.flatMap((p, i) => (p.IsEncrypted ? [] : [i]));
    expect(plain).toEqual([9, 19, 29]);
    expect(page[9]?.EncryptionKeyArn).toBeUndefined();
    expect(page[8]?.EncryptionKeyArn).toMatch(/^arn:aws:kms:us-east-1:100000000001:key\//);
  });
});

describe('the JSON fast path', () => {
  it('renders exactly what the object path renders, generated and explicit points alike', () => {
    const s = scenario({
      name: 'mixed',
      accounts: [
        {
          accountId: '111122223333',
          regions: {
            'us-east-1': {
              keys: [{ KeyId: 'k1' }],
              vaults: [
                {
                  BackupVaultName: 'mixed_vault-1',
                  VaultType: 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT',
                  EncryptionKeyArn: 'KEY:k1',
                  generate: { count: 25, ResourceType: 'DynamoDB', unencryptedEvery: 4 },
                  points: [
                    {
                      RecoveryPointArn: 'arn:aws:backup:us-east-1:111122223333:recovery-point:"quoted"',
                      ResourceType: 'S3',
                      IsEncrypted: false,
                      omitIsEncryptedInList: true,
                    },
                    { RecoveryPointArn: 'arn:aws:ec2:us-east-1::snapshot/snap-1', IsEncrypted: true },
                  ],
                },
                {
                  BackupVaultName: 'plain',
                  generate: { count: 3, IsEncrypted: false, ResourceType: 'Custom' },
                },
                {
                  BackupVaultName: 'none',
                  EncryptionKeyArn: 'KEY:k1',
                  generate: { count: 4, unencryptedEvery: 1 },
                },
                {
                  BackupVaultName: 'odd',
                  EncryptionKeyArn: 'KEY:k1',
                  generate: { count: 4, unencryptedEvery: 2 },
                },
              ],
            },
          },
        },
      ],
    });
    const region = new EmulatorState(s).region('111122223333', 'us-east-1');
    for (const vault of region.vaults) {
      for (const filter of [{}, { createdAfter: 1_717_200_010 }]) {
        const seq = new PointSequence(vault, filter);
        for (const [offset, limit] of [
          [0, 1000],
          [3, 5],
          [20, 10],
          [26, 1],
        ] as const) {
          const fast = JSON.parse(seq.pageJson(offset, limit)) as unknown;
          expect(fast).toEqual(JSON.parse(JSON.stringify(seq.page(offset, limit))));
        }
      }
    }
  });
});

describe('a generated 20 × 4 × 50 × 1,000,000 estate over HTTP', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({
      scenario: generateScenario({
        accounts: 20,
        regions: 4,
        vaults: 50,
        points: 1_000_000,
        unencrypted: 1000,
      }),
    });
  });
  afterAll(() => emulator.close());

  it('lists vaults, pages points and describes the aws/backup key in any account', async () => {
    const vaults = await backupGet(
      emulator.url,
      '/backup-vaults/?maxResults=1000',
      'eu-central-1',
      'ASIA100000000020ABCD',
    );
    expect(vaults.status).toBe(200);
    const list = vaults.body.BackupVaultList as Record<string, unknown>[];
    expect(list).toHaveLength(50);
    expect(list[49]).toMatchObject({
      BackupVaultName: 'gen-vault-050',
      NumberOfRecoveryPoints: 1_000_000,
      BackupVaultArn: 'arn:aws:backup:eu-central-1:100000000020:backup-vault:gen-vault-050',
    });
    const page = await backupGet(
      emulator.url,
      '/backup-vaults/gen-vault-007/recovery-points/?maxResults=1000',
    );
    const points = page.body.RecoveryPoints as { IsEncrypted: boolean }[];
    expect(points).toHaveLength(1000);
    expect(points.filter((p) => !p.IsEncrypted)).toHaveLength(1);
    expect(list[0]?.EncryptionKeyArn).toMatch(/^arn:aws:kms:eu-central-1:100000000020:key\//);
    const own = await kmsCall(emulator.url, 'DescribeKey', { KeyId: 'alias/aws/backup' }, 'eu-west-1');
    expect(own.body.KeyMetadata).toMatchObject({ KeyManager: 'AWS', AWSAccountId: '100000000001' });
    const other = await backupGet(emulator.url, '/backup-vaults/', 'sa-east-1');
    expect(other.body.BackupVaultList).toEqual([]);
  });
});
