import type { ScenarioInput } from '../../src/emulator/scenario-schema.js';

/**
 * Three active accounts: one healthy with a failing point, one whose role cannot be assumed, one with a
 * region throttled hard and a vault failing mid-pagination; plus a suspended account --org must skip.
 */
export const orgScenario: ScenarioInput = {
  name: 'org-small',
  callerAccountId: '111111111111',
  accounts: [
    {
      accountId: '111111111111',
      name: 'management',
      regions: {
        'us-east-1': {
          vaults: [
            {
              BackupVaultName: 'mgmt-vault',
              generate: { count: 2500, ResourceType: 'EFS', IsEncrypted: true },
              points: [
                {
                  RecoveryPointArn: 'arn:aws:ec2:us-east-1::snapshot/snap-0mgmt',
                  ResourceArn: 'arn:aws:ec2:us-east-1:111111111111:volume/vol-0mgmt',
                  ResourceType: 'EBS',
                  IsEncrypted: false,
                },
              ],
            },
          ],
        },
        'eu-west-1': {
          vaults: [
            { BackupVaultName: 'eu-vault', generate: { count: 1200, ResourceType: 'S3', IsEncrypted: true } },
          ],
        },
      },
    },
    { accountId: '222222222222', name: 'locked-out', denyAssumeRole: true, regions: { 'us-east-1': {} } },
    {
      accountId: '333333333333',
      name: 'workloads',
      regions: {
        // Throttled hard: 2 calls a second for every Backup and KMS call here; backoff must carry the scan through.
        'us-east-1': {
          throttle: { rps: 2 },
          vaults: [
            {
              BackupVaultName: 'app-vault',
              generate: { count: 1500, ResourceType: 'DynamoDB', IsEncrypted: true },
            },
          ],
        },
        'eu-west-1': {
          vaults: [
            {
              BackupVaultName: 'flaky-vault',
              generate: { count: 3500, ResourceType: 'EFS', IsEncrypted: true },
              failAfterPages: 2,
              listRecoveryPointsError: {
                status: 500,
                code: 'ServiceUnavailableException',
                message: 'Service is unavailable',
              },
            },
          ],
        },
      },
    },
    { accountId: '444444444444', name: 'closing', status: 'SUSPENDED', regions: { 'us-east-1': {} } },
  ],
};

/** The CLI flags that scan all three accounts in both regions. */
export const orgScanArgs = [
  '--accounts',
  '111111111111,222222222222,333333333333',
  '--regions',
  'us-east-1,eu-west-1',
  '--max-attempts',
  '5',
];
