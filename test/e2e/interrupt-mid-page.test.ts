/**
 * Ctrl-C while a page waits on DescribeRecoveryPoint for one of its points: the page was never
 * fully judged, so none of it may be counted. (Counting the page's passing points before the
 * describe finished once left a summary of 1,998 PASS beside "0 points judged", and lost the
 * page's FAIL.)
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../src/emulator/server.js';
import { spawnScan } from '../support/cli.js';
import { oneAccountScenario, startScenario } from '../support/emulator.js';
import type { Report } from '../support/report.js';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startScenario(
    oneAccountScenario('mid-page', {
      'us-east-1': {
        vaults: [
          {
            BackupVaultName: 'slow',
            EncryptionKeyType: 'AWS_OWNED_KMS_KEY',
            generate: { count: 999, EncryptionKeyArn: undefined },
            points: [
              {
                RecoveryPointArn: 'arn:aws:backup:us-east-1:111122223333:recovery-point:unflagged',
                ResourceType: 'EFS',
                IsEncrypted: false,
                omitIsEncryptedInList: true,
              },
            ],
          },
        ],
      },
    }),
    { latencyMs: 1500 },
  );
});
afterAll(() => emulator.close());

describe('an interrupt while a page waits on DescribeRecoveryPoint', () => {
  it.each(['0', '1'])('with %s reader thread(s) counts none of that page', async (threads) => {
    emulator.resetStats();
    const scan = spawnScan(emulator.url, ['--regions', 'us-east-1', '--reader-threads', threads]);
    for (let i = 0; i < 400 && !emulator.stats().byOperation.DescribeRecoveryPoint; i++)
      await new Promise((resolve) => setTimeout(resolve, 25));
    expect(emulator.stats().byOperation.DescribeRecoveryPoint).toBe(1);
    scan.child.kill('SIGINT');
    expect(await scan.exited).toBe(3);
    const report = JSON.parse(readFileSync(scan.output, 'utf8')) as Report;
    expect(report.complete).toBe(false);
    expect(report.summary.recoveryPointsJudged).toBe(0);
    expect(report.summary.findings).toEqual({ PASS: 0, FAIL: 0, ERROR: 0, SKIPPED: 0 });
    expect(report.findings).toEqual([]);
  });
});
