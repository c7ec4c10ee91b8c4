/**
 * Contract: the AWS CLI (botocore 1.43.11) recognises the emulator's load answers as AWS's:
 * ThrottlingException and 503s are retried, AccessDeniedException is not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateScenario } from '../../src/emulator/generate.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { aws } from './cli-helpers.js';

const estate = generateScenario({ accounts: 2, regions: 2, vaults: 1, points: 3, unencrypted: 0 });
const list = ['backup', 'list-backup-vaults'];
let throttling: RunningEmulator;
let faulty: RunningEmulator;

beforeAll(async () => {
  // Virtual time moves a second per throttled answer, so a retried call always fits eventually.
  throttling = await startEmulator({
    scenario: estate,
    load: {
      throttle: { '100000000001/us-east-1': 1 },
      clock: () => (throttling?.stats().throttled ?? 0) * 1000,
    },
  });
  faulty = await startEmulator({
    scenario: estate,
    load: { fault5xxRate: 1, deny: ['100000000001/us-west-2'] },
  });
});

afterAll(async () => {
  await throttling?.close();
  await faulty?.close();
});

describe('AWS CLI against a throttling, faulty emulator', () => {
  it('retries ThrottlingException into a success, and reports it when out of attempts', async () => {
    expect((await aws(throttling.url, 'us-east-1', list)).code).toBe(0);
    // The bucket (1 a second) is empty: the first attempt is throttled, the retry fits.
    const retried = await aws(throttling.url, 'us-east-1', list, { AWS_MAX_ATTEMPTS: '3' });
    expect(retried.stderr).toBe('');
    expect(retried.json.BackupVaultList).toHaveLength(1);
    const once = await aws(throttling.url, 'us-east-1', list);
    expect(once.code).not.toBe(0);
    expect(once.stderr).toMatch(/\(ThrottlingException\).*Rate exceeded/);
    expect(throttling.stats().throttled).toBe(2);
  });

  it('retries ServiceUnavailableException 503 up to the attempt limit, but not AccessDeniedException', async () => {
    const unavailable = await aws(faulty.url, 'us-east-1', list, { AWS_MAX_ATTEMPTS: '2' });
    expect(unavailable.stderr).toMatch(/\(ServiceUnavailableException\).*reached max retries: 1/);
    const denied = await aws(faulty.url, 'us-west-2', list, { AWS_MAX_ATTEMPTS: '2' });
    expect(denied.stderr).toMatch(
      /\(AccessDeniedException\).*not authorized to perform: backup:ListBackupVaults/,
    );
    expect(faulty.stats().faults).toEqual({ serverError: 2, dropped: 0, accessDenied: 1 });
  });
});
