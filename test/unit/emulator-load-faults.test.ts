import { BackupClient, ListBackupVaultsCommand } from '@aws-sdk/client-backup';
import { afterEach, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/errors.js';
import { generateScenario } from '../../src/emulator/generate.js';
import { drawDelay } from '../../src/emulator/load/latency.js';
import { randomStream, seededRandom } from '../../src/emulator/load/prng.js';
import { startEmulator, type LoadOptions, type RunningEmulator } from '../../src/emulator/server.js';
import { backupGet, formCall, kmsCall, sigv4 } from './emulator-helpers.js';

const A = '100000000001';
const B = '100000000002';
const estate = generateScenario({ accounts: 3, regions: 2, vaults: 2, points: 5, unencrypted: 0 });

const running: RunningEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.close()));
});

async function start(load: LoadOptions) {
  const emulator = await startEmulator({ scenario: estate, load });
  running.push(emulator);
  return emulator;
}

/** What one call came back as: an HTTP status, or `drop` when the connection closed unanswered. */
async function outcome(url: string): Promise<number | 'drop'> {
  try {
    const res = await fetch(`${url}/backup-vaults/`, { headers: sigv4('backup') });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 'drop';
  }
}

async function outcomes(url: string, n: number): Promise<(number | 'drop')[]> {
  const out: (number | 'drop')[] = [];
  for (let i = 0; i < n; i++) out.push(await outcome(url));
  return out;
}

describe('seeded randomness', () => {
  it('repeats for a seed, differs across seeds and streams, and stays in [0, 1)', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(seededRandom(8)()).not.toBe(xs[0]);
    expect(randomStream(7, 0)()).not.toBe(randomStream(7, 1)());
  });

  it('draws delays within latency ± jitter and never below zero', () => {
    const random = seededRandom(1);
    const delays = Array.from({ length: 1000 }, () => drawDelay(100, 30, random));
    expect(delays.every((d) => d >= 70 && d <= 130)).toBe(true);
    const floored = Array.from({ length: 1000 }, () => drawDelay(5, 50, random));
    expect(floored.every((d) => d >= 0 && d <= 55)).toBe(true);
    expect(floored.filter((d) => d === 0).length).toBeGreaterThan(300);
    expect(drawDelay(20, 0, random)).toBe(20);
  });
});

describe('latency', () => {
  it('delays answers with timers: other requests are served while calls wait', async () => {
    const emulator = await start({ latencyMs: 500, jitterMs: 100, seed: 3 });
    const order: string[] = [];
    const slow = Array.from({ length: 5 }, () =>
      backupGet(emulator.url, '/backup-vaults/').then((r) => order.push(`call ${r.status}`)),
    );
    // The stats endpoint skips the middlewares, so it answers while the five calls still wait.
    await fetch(`${emulator.url}/_emulator/stats`).then(() => order.push('stats'));
    await Promise.all(slow);
    expect(order).toEqual(['stats', ...Array<string>(5).fill('call 200')]);
  });
});

describe('5xx and dropped connections', () => {
  it('answer ServiceUnavailableException 503 in each protocol envelope', async () => {
    const emulator = await start({ fault5xxRate: 1 });
    const backup = await backupGet(emulator.url, '/backup-vaults/');
    expect(backup.status).toBe(503);
    expect(backup.headers.get('x-amzn-errortype')).toBe('ServiceUnavailableException');
    expect(backup.body).toMatchObject({ Code: 'ServiceUnavailableException' });
    const kms = await kmsCall(emulator.url, 'DescribeKey', { KeyId: 'alias/aws/backup' });
    expect(kms.status).toBe(503);
    expect(kms.body).toMatchObject({ __type: 'ServiceUnavailableException' });
    // STS stays reliable so account discovery is not what a load test measures.
    const whoami = await formCall(emulator.url, 'sts', {
      Action: 'GetCallerIdentity',
      Version: '2011-06-15',
    });
    expect(whoami.status).toBe(200);
    expect(emulator.stats().faults).toEqual({ serverError: 2, dropped: 0, accessDenied: 0 });
  });

  it('are the same calls on every run with the same seed, and counted', async () => {
    const load = { fault5xxRate: 0.3, faultDropRate: 0.1, seed: 42 };
    const first = await start(load);
    const second = await start(load);
    const other = await start({ ...load, seed: 43 });
    const runs = [
      await outcomes(first.url, 40),
      await outcomes(second.url, 40),
      await outcomes(other.url, 40),
    ];
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[2]).not.toEqual(runs[0]);
    const count = (value: number | 'drop') => runs[0]?.filter((o) => o === value).length ?? 0;
    expect(count(200) + count(503) + count('drop')).toBe(40);
    expect(count(503)).toBeGreaterThan(0);
    expect(count('drop')).toBeGreaterThan(0);
    expect(first.stats().faults).toEqual({
      serverError: count(503),
      dropped: count('drop'),
      accessDenied: 0,
    });
    expect(first.stats().total).toBe(40);
  });

  it('drops connections the SDK then retries', async () => {
    const emulator = await start({ faultDropRate: 0.5, seed: 1 });
    const backup = new BackupClient({
      endpoint: emulator.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test-key-id', secretAccessKey: 'test-secret' },
      maxAttempts: 10,
    });
    for (let i = 0; i < 4; i++) await backup.send(new ListBackupVaultsCommand({}));
    const { dropped } = emulator.stats().faults;
    expect(dropped).toBeGreaterThan(0);
    expect(emulator.stats().total).toBe(4 + dropped);
  });
});

describe('AccessDenied scopes', () => {
  it('deny Backup calls in an account and region, or on one vault only', async () => {
    const emulator = await start({
      deny: [`${A}/us-west-2`, `${B}/us-east-1/gen-vault-002`],
    });
    const denied = await backupGet(emulator.url, '/backup-vaults/', 'us-west-2');
    expect(denied.status).toBe(403);
    expect(denied.headers.get('x-amzn-errortype')).toBe('AccessDeniedException');
    expect(denied.body.Message).toBe(
      `User: arn:aws:iam::${A}:user/rpguard-emulator is not authorized to perform: backup:ListBackupVaults on resource: *`,
    );
    expect((await backupGet(emulator.url, '/backup-vaults/')).status).toBe(200);
    expect(
      (await kmsCall(emulator.url, 'DescribeKey', { KeyId: 'alias/aws/backup' }, 'us-west-2')).status,
    ).toBe(200);

    const asB = (path: string) => backupGet(emulator.url, path, 'us-east-1', `ASIA${B}WXYZ`);
    expect((await asB('/backup-vaults/')).status).toBe(200);
    expect((await asB('/backup-vaults/gen-vault-001/recovery-points/')).status).toBe(200);
    const vault = await asB('/backup-vaults/gen-vault-002/recovery-points/');
    expect(vault.status).toBe(403);
    expect(vault.body.Message).toMatch(
      new RegExp(
        `backup:ListRecoveryPointsByBackupVault on resource: arn:aws:backup:us-east-1:${B}:backup-vault:gen-vault-002$`,
      ),
    );
    expect(emulator.stats().faults.accessDenied).toBe(2);
  });

  it('refuse AssumeRole into named accounts', async () => {
    const emulator = await start({ denyAssumeRole: [B] });
    const assume = (account: string) =>
      formCall(emulator.url, 'sts', {
        Action: 'AssumeRole',
        Version: '2011-06-15',
        RoleArn: `arn:aws:iam::${account}:role/rpguard-audit`,
        RoleSessionName: 'load',
      });
    const refused = await assume(B);
    expect(refused.status).toBe(403);
    expect(refused.text).toMatch(/<Code>AccessDenied<\/Code>/);
    expect((await assume('100000000003')).status).toBe(200);
  });

  it('reject malformed scopes, unknown accounts and impossible rates with one-line UsageErrors', async () => {
    const bad: LoadOptions[] = [
      { deny: [A] },
      { deny: [`${A}/us-east-1/v/extra`] },
      { deny: [`${A}/moon-1`] },
      { deny: [`${A}/us-east-1/x`] },
      { deny: ['999999999999/us-east-1'] },
      { denyAssumeRole: ['12345'] },
      { fault5xxRate: 1.5 },
      { fault5xxRate: 0.6, faultDropRate: 0.6 },
      { latencyMs: -1 },
      { seed: 1.5 },
    ];
    for (const load of bad) {
      const started = startEmulator({ scenario: estate, load });
      await expect(started).rejects.toBeInstanceOf(UsageError);
      await expect(started).rejects.toThrow(/^[^\n]+$/);
    }
  });
});
