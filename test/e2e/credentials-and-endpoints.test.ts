/** Credentials come from the SDK's chain or --profile; AWS_ENDPOINT_URL works like --endpoint-url. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/emulator/scenario-loader.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { isolatedAwsEnv, runCli } from '../support/cli.js';

let emulator: RunningEmulator;
const dir = mkdtempSync(join(tmpdir(), 'rpguard-creds-'));
const credentialsFile = join(dir, 'credentials');

beforeAll(async () => {
  emulator = await startEmulator({ scenario: loadScenario('small') });
  writeFileSync(
    credentialsFile,
    '[auditor]\naws_access_key_id = AKIAPROFILETEST00001\naws_secret_access_key = profile-secret-not-real\n',
  );
});
afterAll(() => emulator.close());

const noKeys = (extra: Record<string, string | undefined> = {}) =>
  isolatedAwsEnv({
    AWS_ACCESS_KEY_ID: undefined,
    AWS_SECRET_ACCESS_KEY: undefined,
    AWS_SHARED_CREDENTIALS_FILE: credentialsFile,
    ...extra,
  });

describe('credentials and endpoints', () => {
  it('--profile reads a named profile', async () => {
    const run = await runCli(
      ['scan', '--endpoint-url', emulator.url, '--profile', 'auditor', '--regions', 'us-east-1'],
      noKeys(),
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Result: PASS.');
    expect(run.stdout + run.stderr).not.toContain('profile-secret-not-real');
  });

  it('AWS_PROFILE is honoured by the default chain', async () => {
    const run = await runCli(
      ['scan', '--endpoint-url', emulator.url, '--regions', 'us-east-1'],
      noKeys({ AWS_PROFILE: 'auditor' }),
    );
    expect(run.code).toBe(0);
  });

  it('an unknown profile is a one-line error, exit 2', async () => {
    const run = await runCli(['scan', '--endpoint-url', emulator.url, '--profile', 'nobody'], noKeys());
    expect(run.code).toBe(2);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^rpguard: no usable AWS credentials for profile 'nobody': /);
  });

  it('AWS_ENDPOINT_URL sends every call to the emulator without --endpoint-url', async () => {
    emulator.resetStats();
    const run = await runCli(
      ['scan', '--regions', 'us-east-1'],
      isolatedAwsEnv({ AWS_ENDPOINT_URL: emulator.url }),
    );
    expect(run.code).toBe(0);
    const stats = emulator.stats();
    expect(stats.byOperation.GetCallerIdentity).toBe(1);
    expect(stats.byOperation.ListBackupVaults).toBe(2);
    expect(stats.byOperation.ListRecoveryPointsByBackupVault).toBeGreaterThan(0);
  });
});
