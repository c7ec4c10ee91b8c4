/**
 * List pages passed on raw by the SDK pipeline and read by list-page.ts map to exactly the same
 * recovery points as the SDK's own deserializer would give, and failed answers still surface as
 * the SDK's typed errors.
 */
import { BackupClient, ListRecoveryPointsByBackupVaultCommand } from '@aws-sdk/client-backup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientFactory } from '../../src/collect/clients.js';
import { readListPage } from '../../src/collect/list-page.js';
import { toRecoveryPoint } from '../../src/collect/mappers.js';
import { rawBodyOf } from '../../src/collect/raw-list-pages.js';
import type { RunningEmulator } from '../../src/emulator/server.js';
import { aVault } from '../support/builders.js';
import { oneAccountScenario, startScenario } from '../support/emulator.js';

let emulator: RunningEmulator;
const credentials = { accessKeyId: 'AKIAEMULATORTEST0001', secretAccessKey: 'emulator-test-secret-not-real' };
const vault = aVault({ name: 'rich', arn: 'arn:aws:backup:us-east-1:111122223333:backup-vault:rich' });

beforeAll(async () => {
  emulator = await startScenario(
    oneAccountScenario('rich', {
      'us-east-1': {
        keys: [{ KeyId: 'k1' }],
        vaults: [
          {
            BackupVaultName: 'rich',
            EncryptionKeyArn: 'KEY:k1',
            generate: { count: 3 },
            points: [
              {
                RecoveryPointArn: 'arn:aws:backup:us-east-1:111122223333:recovery-point:child',
                ResourceArn: 'arn:aws:dynamodb:us-east-1:111122223333:table/orders',
                ResourceType: 'DynamoDB',
                ResourceName: 'orders',
                Status: 'EXPIRED',
                StatusMessage: 'could not delete',
                IsEncrypted: false,
                ParentRecoveryPointArn: 'arn:aws:backup:us-east-1:111122223333:recovery-point:parent',
                CompositeMemberIdentifier: 'OrdersTable',
                CreatedBy: {
                  BackupPlanId: 'plan-1',
                  BackupPlanName: 'daily',
                  BackupRuleId: 'rule-1',
                  BackupRuleName: 'd35',
                },
                CreationDate: 1717200000.5,
              },
            ],
          },
          {
            BackupVaultName: 'denied',
            listRecoveryPointsError: { status: 403, code: 'AccessDeniedException', message: 'no' },
          },
        ],
      },
    }),
  );
});
afterAll(() => emulator.close());

describe('raw list pages', () => {
  it('map to the same recovery points as the SDK deserializer', async () => {
    const command = () =>
      new ListRecoveryPointsByBackupVaultCommand({ BackupVaultName: 'rich', MaxResults: 1000 });
    const factory = new ClientFactory({ endpointUrl: emulator.url, credentials, maxAttempts: 1 });
    const plain = new BackupClient({
      region: 'us-east-1',
      endpoint: emulator.url,
      credentials,
      maxAttempts: 1,
    });
    try {
      const native = await factory.backup('us-east-1').send(command());
      const typed = await plain.send(command());
      // The SDK parsed nothing of the page: the bytes came through untouched.
      expect(native.RecoveryPoints).toBeUndefined();
      const page = readListPage(rawBodyOf(native) ?? Buffer.alloc(0));
      expect(page.summary).toMatchObject({ list: 'array', unreadable: 0, counts: [3, 1] });
      const nativePoints = page.items(() => true).map((p) => toRecoveryPoint(p, vault, 'list'));
      const typedPoints = (typed.RecoveryPoints ?? []).map((p) => toRecoveryPoint(p, vault, 'list'));
      expect(nativePoints).toHaveLength(4);
      expect(nativePoints).toEqual(typedPoints);
      expect(nativePoints[3]).toMatchObject({
        status: 'EXPIRED',
        isEncrypted: false,
        compositeMemberIdentifier: 'OrdersTable',
        createdBy: { backupPlanName: 'daily', backupRuleName: 'd35' },
        creationTime: 1717200000500,
      });
      expect(native.$metadata.httpStatusCode).toBe(200);
    } finally {
      factory.destroy();
      plain.destroy();
    }
  });

  it('leave failed answers to the SDK: a typed AccessDeniedException with its request id', async () => {
    const factory = new ClientFactory({ endpointUrl: emulator.url, credentials, maxAttempts: 1 });
    try {
      const error = await factory
        .backup('us-east-1')
        .send(new ListRecoveryPointsByBackupVaultCommand({ BackupVaultName: 'denied' }))
        .then(
          () => undefined,
          (e: unknown) => e as { name: string; $metadata: { requestId?: string; httpStatusCode?: number } },
        );
      expect(error?.name).toBe('AccessDeniedException');
      expect(error?.$metadata.httpStatusCode).toBe(403);
      expect(error?.$metadata.requestId).toMatch(/.+/);
    } finally {
      factory.destroy();
    }
  });
});
