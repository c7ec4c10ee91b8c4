/**
 * K11 (large vaults): every point is judged from list pages alone — 150 list calls for 30 vaults
 * × 5,000 points, no per-point describe. Runs the scan in-process (real SDK, real HTTP) with a
 * counting sink, so 150,000 findings need not be written to a file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/types.js';
import type { RunningEmulator } from '../../src/emulator/server.js';
import { runScan } from '../../src/scan/run-scan.js';
import { loadSharedCases, scenarioForCase, sharedCase } from '../support/cases.js';
import { isolatedAwsEnv } from '../support/cli.js';
import { startScenario } from '../support/emulator.js';

let emulator: RunningEmulator;
const savedEnv = { ...process.env };

beforeAll(async () => {
  const cases = loadSharedCases();
  // AWS's quotas enforced: 20 list calls a second per account and region, ThrottlingException past them.
  emulator = await startScenario(scenarioForCase(cases.account, sharedCase(cases, 'K11')), {
    rateLimits: 'aws',
  });
  process.env = isolatedAwsEnv();
});

afterAll(async () => {
  process.env = savedEnv;
  await emulator.close();
});

describe('K11: 30 vaults × 5,000 points under AWS quotas', () => {
  it('judges 150,000 points with 150 list calls and no DescribeRecoveryPoint', async () => {
    const counts: Record<string, number> = {};
    const sink = {
      write: (f: Finding) =>
        void (counts[`${f.ruleId} ${f.status}`] = (counts[`${f.ruleId} ${f.status}`] ?? 0) + 1),
    };
    const outcome = await runScan(
      {
        endpointUrl: emulator.url,
        homeRegion: 'us-east-1',
        regions: ['us-east-1'],
        requireCmk: false,
        maxAttempts: 3,
      },
      sink,
    );
    const stats = emulator.stats();
    expect(stats.byOperation.ListRecoveryPointsByBackupVault).toBe(150);
    expect(stats.byOperation.DescribeRecoveryPoint ?? 0).toBe(0);
    // Thirty vaults and 150,000 points share the aws/backup key: one DescribeKey.
    expect(stats.byOperation.DescribeKey).toBe(1);
    // The scan keeps within the quota by itself; any throttle would have been retried, never a PASS.
    expect(stats.throttled).toBe(outcome.apiCalls.throttled);
    expect(outcome.gaps).toEqual([]);
    expect(counts['backup/recovery-point-encrypted PASS']).toBe(150_000);
    expect(outcome.recoveryPointsJudged).toBe(150_000);
    expect(outcome.vaults).toHaveLength(30);
    expect(outcome.complete).toBe(true);
  });
});
