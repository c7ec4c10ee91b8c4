/**
 * List pages that lie, contradict themselves or are built to break the page readers: each ends
 * in the right verdicts or a gap, the same with and without reader threads, never a false PASS.
 * (From a hostile review of the page-facts path; each case failed before its fix.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../src/emulator/server.js';
import { isolatedAwsEnv } from '../support/cli.js';
import { oneAccountScenario, startScenario } from '../support/emulator.js';
import { startHostileProxy } from '../support/hostile-proxy.js';
import { scanToReport } from '../support/report.js';

const rp = (name: string) => `arn:aws:backup:us-east-1:111122223333:recovery-point:${name}`;
const cmk = 'arn:aws:kms:us-east-1:111122223333:key/cmk';
const point = (name: string, extra: Record<string, unknown>) => ({
  RecoveryPointArn: rp(name),
  ResourceType: 'EFS',
  Status: 'COMPLETED',
  CreationDate: 1717200000,
  ...extra,
});

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startScenario(
    oneAccountScenario('hostile-pages', {
      'us-east-1': {
        keys: [
          { KeyId: 'cmk', KeyManager: 'CUSTOMER' },
          { KeyId: 'dead', KeyManager: 'CUSTOMER', KeyState: 'Disabled' },
        ],
        vaults: [
          {
            BackupVaultName: 'aaa',
            EncryptionKeyArn: 'KEY:cmk',
            points: [
              // Listed without IsEncrypted; DescribeRecoveryPoint names a disabled key.
              {
                RecoveryPointArn: rp('described'),
                ResourceType: 'EFS',
                IsEncrypted: true,
                EncryptionKeyArn: 'KEY:dead',
                omitIsEncryptedInList: true,
              },
            ],
          },
          {
            BackupVaultName: 'bbb',
            EncryptionKeyType: 'AWS_OWNED_KMS_KEY',
            points: [{ RecoveryPointArn: rp('b1'), ResourceType: 'EFS', IsEncrypted: false }],
          },
        ],
      },
    }),
  );
});
afterAll(() => emulator.close());

/** Scan through a proxy that answers vault aaa's list calls with `body` (or rewrites them). */
async function scanWithPage(
  body: ((upstream: string) => string) | string,
  threads: string,
  extra: string[] = [],
) {
  const proxy = await startHostileProxy(emulator.url, async (req, upstream, operation) => {
    if (operation !== 'ListRecoveryPointsByBackupVault' || !(req.url ?? '').includes('/aaa/'))
      return undefined;
    return { status: 200, body: typeof body === 'string' ? body : body((await upstream()).body) };
  });
  try {
    return await scanToReport(
      proxy.url,
      ['--regions', 'us-east-1', '--max-attempts', '1', '--reader-threads', threads, ...extra],
      isolatedAwsEnv(),
    );
  } finally {
    await proxy.close();
  }
}

const statuses = (report: Awaited<ReturnType<typeof scanWithPage>>['report']) =>
  (report?.findings ?? [])
    .map(
      (f) => `${String(f.recoveryPointArn).split(':').pop()} ${String(f.ruleId).split('/')[1]} ${f.status}`,
    )
    .sort();

describe.each(['0', '1'])('with %s reader thread(s)', (threads) => {
  it('a key only DescribeRecoveryPoint names is described and judged (disabled: FAIL)', async () => {
    const { run, report } = await scanWithPage((upstream) => {
      const page = JSON.parse(upstream) as { RecoveryPoints: Record<string, unknown>[] };
      for (const item of page.RecoveryPoints) delete item.EncryptionKeyArn;
      return JSON.stringify(page);
    }, threads);
    expect(statuses(report)).toEqual([
      'b1 recovery-point-encrypted FAIL',
      'described recovery-point-encrypted PASS',
      'described recovery-point-key-usable FAIL',
    ]);
    expect(run.code).toBe(1);
  });

  it('facts that differ never share a verdict: a key ARN "undefined" is not "no key", NUL is no separator', async () => {
    const { run, report } = await scanWithPage(
      JSON.stringify({
        RecoveryPoints: [
          point('ok', { IsEncrypted: true, EncryptionKeyArn: cmk }),
          point('odd', { IsEncrypted: true, EncryptionKeyArn: 'undefined' }),
          point('nul-a', { IsEncrypted: true, EncryptionKeyArn: `${cmk}\u0000CUSTOMER_MANAGED_KMS_KEY` }),
          point('nul-b', {
            IsEncrypted: true,
            EncryptionKeyArn: cmk,
            EncryptionKeyType: 'CUSTOMER_MANAGED_KMS_KEY\u0000undefined',
          }),
        ],
      }),
      threads,
    );
    // The odd key ARNs cannot be described: key-usable ERROR and DescribeKey gaps, so incomplete
    // (exit 1 for vault bbb's FAIL, which takes precedence).
    expect((report?.summary.byRule as Record<string, unknown>)['backup/recovery-point-key-usable']).toEqual({
      PASS: 2,
      FAIL: 0,
      ERROR: 2,
      SKIPPED: 0,
    });
    expect(report?.summary.recoveryPointsJudged).toBe(5);
    expect(report?.complete).toBe(false);
    expect(run.code).toBe(1);
  });

  it('the same ARN twice with different facts: both copies judged, and a gap says so', async () => {
    const { run, report } = await scanWithPage(
      JSON.stringify({
        RecoveryPoints: [
          point('dup', { IsEncrypted: true }),
          point('dup', { IsEncrypted: false }),
          point('dup', { IsEncrypted: false }),
        ],
      }),
      threads,
    );
    expect(statuses(report).filter((s) => s.startsWith('dup'))).toEqual([
      'dup recovery-point-encrypted FAIL',
      'dup recovery-point-encrypted PASS',
    ]);
    expect(report?.gaps.map((g) => g.message)).toEqual([
      '1 recovery point(s) listed again on one page with other encryption facts; every copy was judged',
    ]);
    expect(run.code).toBe(1);
  });

  it('a point nested deeper than threads can pass costs nothing: its FAIL and the other vault are judged', async () => {
    const deep = '['.repeat(20_000) + ']'.repeat(20_000);
    const item = JSON.stringify(point('deep', { IsEncrypted: false })).replace(/}$/, `,"Extra":${deep}}`);
    const { run, report } = await scanWithPage(`{"RecoveryPoints":[${item}]}`, threads);
    expect(statuses(report)).toEqual([
      'b1 recovery-point-encrypted FAIL',
      'deep recovery-point-encrypted FAIL',
    ]);
    expect(report?.gaps).toEqual([]);
    expect(run.code).toBe(1);
  });

  it.each([
    ['{"message":"Rate exceeded"}', 'no RecoveryPoints member, but message'],
    [
      '{"recoveryPoints":[{"RecoveryPointArn":"x","IsEncrypted":false}]}',
      'no RecoveryPoints member, but recoveryPoints',
    ],
    ['{"RecoveryPoints":[],"NextToken":[[[1]]]}', 'NextToken is not a string'],
  ])('a 200 carrying %s is a gap, not an empty vault', async (body, problem) => {
    const { run, report } = await scanWithPage(body, threads);
    expect(report?.gaps.map((g) => [g.scope.backupVaultName, g.errorName, g.message])).toEqual([
      [
        'aaa',
        'MalformedResponse',
        `ListRecoveryPointsByBackupVault answered with a malformed body: ${problem}`,
      ],
    ]);
    expect(report?.complete).toBe(false);
    expect(run.code).toBe(1); // vault bbb's FAIL still counts
  });
});

it('a server handing out new tokens for empty pages forever is stopped after 100 pages, as a gap', async () => {
  let n = 0;
  const { run, report } = await scanWithPage(
    () => JSON.stringify({ RecoveryPoints: [], NextToken: `t${(n += 1)}` }),
    '0',
  );
  expect(n).toBe(100);
  expect(report?.gaps.map((g) => g.message)).toEqual([
    'ListRecoveryPointsByBackupVault answered with a malformed body: 100 pages in a row without a recovery point, each with a new NextToken; stopped',
  ]);
  expect(run.code).toBe(1);
}, 30_000);
