import {
  BackupClient,
  ListBackupVaultsCommand,
  ListRecoveryPointsByBackupVaultCommand,
} from '@aws-sdk/client-backup';
import { DescribeKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { afterEach, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/errors.js';
import { generateScenario } from '../../src/emulator/generate.js';
import { awsLimits, BACKUP_OPERATION_RPS } from '../../src/emulator/load/rate-limits.js';
import { Bucket, takeAll } from '../../src/emulator/load/token-bucket.js';
import { startEmulator, type LoadOptions, type RunningEmulator } from '../../src/emulator/server.js';
import { backupGet, kmsCall, scenario } from './emulator-helpers.js';

const A = '100000000001';
const B = '100000000002';
const estate = generateScenario({ accounts: 2, regions: 2, vaults: 2, points: 5, unencrypted: 0 });
const credentials = { accessKeyId: 'test-key-id', secretAccessKey: 'test-secret' };

let emulator: RunningEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

/** An emulator whose rate-limit clock only moves when the test moves it. */
async function start(load: LoadOptions, s = estate) {
  const clock = { now: 0 };
  emulator = await startEmulator({ scenario: s, load: { clock: () => clock.now, ...load } });
  return { url: emulator.url, clock, emulator };
}

const listPoints = (url: string, region = 'us-east-1') =>
  backupGet(url, '/backup-vaults/gen-vault-001/recovery-points/', region);

async function statuses(calls: Promise<{ status: number }>[]): Promise<Record<number, number>> {
  const out: Record<number, number> = {};
  for (const { status } of await Promise.all(calls)) out[status] = (out[status] ?? 0) + 1;
  return out;
}

describe('token buckets', () => {
  it('take from every bucket or from none, and refill at their rate', () => {
    const op = new Bucket(20, 20, 0);
    const total = new Bucket(50, 50, 0);
    const small = new Bucket(2, 2, 0);
    expect(takeAll([op, total, small], 0)).toBe(true);
    expect(takeAll([op, total, small], 0)).toBe(true);
    expect(takeAll([op, total, small], 0)).toBe(false);
    // The refused call spent nothing: the 20/s bucket still has 18 tokens.
    expect(Array.from({ length: 20 }, () => takeAll([op], 0)).filter(Boolean)).toHaveLength(18);
    expect(takeAll([small], 499)).toBe(false);
    expect(takeAll([small], 500)).toBe(true);
  });

  it('follow the AWS Backup quota table', () => {
    expect(BACKUP_OPERATION_RPS).toMatchObject({
      ListRecoveryPointsByBackupVault: 20,
      ListBackupVaults: 20,
      DescribeRecoveryPoint: 15,
      DescribeBackupVault: 5,
      DeleteRecoveryPoint: 10,
    });
    expect(awsLimits('backup', 'DescribeBackupVault')).toEqual([
      { key: 'backup:DescribeBackupVault', rps: 5 },
      { key: 'backup:*', rps: 50 },
    ]);
    expect(awsLimits('kms', 'DescribeKey')).toEqual([{ key: 'kms:DescribeKey', rps: 1000 }]);
    expect(awsLimits('sts', 'AssumeRole')).toEqual([]);
  });
});

describe('--rate-limits aws', () => {
  it('throttles past one second of burst per account and region, in the restJson1 envelope', async () => {
    const { url, clock } = await start({ rateLimits: 'aws' });
    expect(await statuses(Array.from({ length: 25 }, () => listPoints(url)))).toEqual({ 200: 20, 400: 5 });
    // Another region and another account have their own buckets.
    expect(await statuses(Array.from({ length: 20 }, () => listPoints(url, 'us-west-2')))).toEqual({
      200: 20,
    });

    const throttled = await listPoints(url);
    expect(throttled.status).toBe(400);
    expect(throttled.headers.get('x-amzn-errortype')).toBe('ThrottlingException');
    expect(throttled.body).toEqual({ Code: 'ThrottlingException', Message: 'Rate exceeded' });

    clock.now += 250; // a quarter second earns 5 tokens at 20/s
    expect(await statuses(Array.from({ length: 6 }, () => listPoints(url)))).toEqual({ 200: 5, 400: 1 });

    const stats = emulator?.stats();
    expect(stats?.throttled).toBe(7);
    expect(stats?.throttledByScope).toEqual({ [`${A}/us-east-1/ListRecoveryPointsByBackupVault`]: 7 });
    expect(stats?.byScope[`${A}/us-east-1/ListRecoveryPointsByBackupVault`]).toBe(32);
  });

  it('applies the per-operation rates and the 50/s shared by all Backup calls', async () => {
    const { url } = await start({ rateLimits: 'aws' });
    const describeVault = () => backupGet(url, '/backup-vaults/gen-vault-001');
    expect(await statuses(Array.from({ length: 7 }, describeVault))).toEqual({ 200: 5, 400: 2 });
    const describePoint = () =>
      backupGet(
        url,
        `/backup-vaults/gen-vault-001/recovery-points/${encodeURIComponent(
          `arn:aws:backup:us-east-1:${A}:recovery-point:gen-gen-vault-001-0000000`,
        )}`,
      );
    expect(await statuses(Array.from({ length: 16 }, describePoint))).toEqual({ 200: 15, 400: 1 });
    expect(await statuses(Array.from({ length: 20 }, () => listPoints(url)))).toEqual({ 200: 20 });
    // 5 + 15 + 20 = 40 of the shared 50 are spent: ListBackupVaults (20/s alone) gets only 10.
    const listVaults = () => backupGet(url, '/backup-vaults/');
    expect(await statuses(Array.from({ length: 15 }, listVaults))).toEqual({ 200: 10, 400: 5 });
  });

  it('throttles KMS in the awsJson1_1 envelope only far above the Backup rates', async () => {
    const { url } = await start({ rateLimits: 'aws' });
    const describe = () => kmsCall(url, 'DescribeKey', { KeyId: 'alias/aws/backup' });
    expect(await statuses(Array.from({ length: 100 }, describe))).toEqual({ 200: 100 });
  });

  it('is off by default', async () => {
    const { url } = await start({});
    expect(await statuses(Array.from({ length: 60 }, () => listPoints(url)))).toEqual({ 200: 60 });
    expect(emulator?.stats().throttled).toBe(0);
  });
});

describe('per-scope throttles', () => {
  it('a scenario region with throttle.rps throttles Backup and KMS there, even with AWS limits off', async () => {
    const s = scenario({
      name: 'hard',
      accounts: [
        {
          accountId: A,
          regions: {
            'us-east-1': { generateVaults: { vaults: 1, pointsPerVault: 3 } },
            'eu-west-1': { generateVaults: { vaults: 1, pointsPerVault: 3 }, throttle: { rps: 2 } },
          },
        },
      ],
    });
    const { url, clock } = await start({}, s);
    expect(await statuses(Array.from({ length: 5 }, () => listPoints(url, 'eu-west-1')))).toEqual({
      200: 2,
      400: 3,
    });
    expect(await statuses(Array.from({ length: 5 }, () => listPoints(url)))).toEqual({ 200: 5 });
    clock.now += 500;
    const kms = await kmsCall(url, 'DescribeKey', { KeyId: 'alias/aws/backup' }, 'eu-west-1');
    expect(kms.status).toBe(200);
    const kmsThrottled = await kmsCall(url, 'DescribeKey', { KeyId: 'alias/aws/backup' }, 'eu-west-1');
    expect(kmsThrottled.status).toBe(400);
    expect(kmsThrottled.headers.get('x-amzn-errortype')).toBe('ThrottlingException');
    expect(kmsThrottled.body).toEqual({ __type: 'ThrottlingException', message: 'Rate exceeded' });
  });

  it('the throttle option caps one scope of a generated estate', async () => {
    const { url } = await start({ throttle: { [`${A}/us-west-2`]: 1 } });
    expect(await statuses(Array.from({ length: 3 }, () => listPoints(url, 'us-west-2')))).toEqual({
      200: 1,
      400: 2,
    });
    expect(emulator?.stats().throttledByScope).toEqual({
      [`${A}/us-west-2/ListRecoveryPointsByBackupVault`]: 2,
    });
  });

  it('rejects bad settings with one-line UsageErrors', async () => {
    const bad: LoadOptions[] = [
      { throttle: { [`${A}/us-west-2`]: 0 } },
      { throttle: { '999999999999/us-west-2': 1 } },
      { throttle: { [`${A}`]: 1 } },
      { rateLimits: 'fast' as 'aws' },
    ];
    for (const load of bad) {
      const started = startEmulator({ scenario: estate, load });
      await expect(started).rejects.toBeInstanceOf(UsageError);
      await expect(started).rejects.toThrow(/^[^\n]+$/);
    }
  });
});

describe('the AWS SDK for JavaScript v3 and throttling', () => {
  it('recognises ThrottlingException as a retryable throttling error', async () => {
    const { url } = await start({ throttle: { [`${B}/us-east-1`]: 1 } });
    const key = `ASIA${B}ABCD`;
    const backup = new BackupClient({
      endpoint: url,
      region: 'us-east-1',
      credentials: { accessKeyId: key, secretAccessKey: 'test-secret' },
      maxAttempts: 1,
    });
    await backup.send(new ListBackupVaultsCommand({}));
    // Neither model declares ThrottlingException, so the SDK classifies it by name (as throttling:
    // retried with the longer throttling backoff); the next test shows the retry happening.
    const error = await backup
      .send(new ListRecoveryPointsByBackupVaultCommand({ BackupVaultName: 'gen-vault-001' }))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: 'ThrottlingException',
      message: 'Rate exceeded',
      $fault: 'client',
      $metadata: { httpStatusCode: 400 },
    });

    const kms = new KMSClient({
      endpoint: url,
      region: 'us-east-1',
      credentials: { ...credentials, accessKeyId: key },
      maxAttempts: 1,
    });
    await expect(kms.send(new DescribeKeyCommand({ KeyId: 'alias/aws/backup' }))).rejects.toMatchObject({
      name: 'ThrottlingException',
      message: 'Rate exceeded',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('retries a throttled call until it fits (virtual time moves a second per throttled answer)', async () => {
    emulator = await startEmulator({
      scenario: estate,
      load: {
        throttle: { [`${A}/us-east-1`]: 1 },
        clock: () => (emulator?.stats().throttled ?? 0) * 1000,
      },
    });
    const backup = new BackupClient({
      endpoint: emulator.url,
      region: 'us-east-1',
      credentials,
      maxAttempts: 3,
    });
    await backup.send(new ListBackupVaultsCommand({}));
    const page = await backup.send(
      new ListRecoveryPointsByBackupVaultCommand({ BackupVaultName: 'gen-vault-001' }),
    );
    expect(page.RecoveryPoints).toHaveLength(5);
    expect(emulator.stats()).toMatchObject({
      throttled: 1,
      byScope: { [`${A}/us-east-1/ListRecoveryPointsByBackupVault`]: 2 },
    });
  });
});
