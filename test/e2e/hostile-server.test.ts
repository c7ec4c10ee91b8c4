/**
 * A server that answers like AWS but not quite (malformed pages, odd types, loops, quoted secrets):
 * every such answer becomes a gap or an ERROR with exit 3, never a PASS, and nothing is lost.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../src/emulator/server.js';
import { isolatedAwsEnv, runCli } from '../support/cli.js';
import { oneAccountScenario, startScenario } from '../support/emulator.js';
import { startHostileProxy, operationOf, type Forgery } from '../support/hostile-proxy.js';
import { scanToReport } from '../support/report.js';

let emulator: RunningEmulator;
const vaultArn = 'arn:aws:backup:us-east-1:111122223333:backup-vault:Default';
const point = (extra: Record<string, unknown>) => ({
  RecoveryPointArn: 'arn:aws:backup:us-east-1:111122223333:recovery-point:p1',
  BackupVaultName: 'Default',
  BackupVaultArn: vaultArn,
  ResourceType: 'EFS',
  Status: 'COMPLETED',
  IsEncrypted: false,
  CreationDate: 1717200000,
  ...extra,
});

beforeAll(async () => {
  emulator = await startScenario(
    oneAccountScenario('hostile', {
      'us-east-1': {
        vaults: [
          {
            BackupVaultName: 'Default',
            points: [
              {
                RecoveryPointArn: 'arn:aws:backup:us-east-1:111122223333:recovery-point:p1',
                ResourceType: 'EFS',
                IsEncrypted: false,
              },
            ],
          },
        ],
      },
    }),
  );
});
afterAll(() => emulator.close());

/** Scan through a proxy that forges the list-page answer. */
async function scanWith(
  forgeListPage: (
    req: Parameters<Forgery>[0],
  ) => { status: number; body: string; headers?: Record<string, string> } | undefined,
  extraEnv = {},
) {
  const proxy = await startHostileProxy(emulator.url, (req) =>
    operationOf(req) === 'ListRecoveryPointsByBackupVault' ? forgeListPage(req) : undefined,
  );
  try {
    const result = await scanToReport(
      proxy.url,
      ['--regions', 'us-east-1', '--max-attempts', '1'],
      isolatedAwsEnv(extraEnv),
    );
    return result;
  } finally {
    await proxy.close();
  }
}

const page = (body: unknown) => ({
  status: 200,
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

describe('a hostile server', () => {
  it.each([
    ['a body that is not JSON', page('<html>login</html>')],
    ['null', page('null')],
    ['an array', page('[]')],
    ['RecoveryPoints that is not a list', page({ RecoveryPoints: 'oops' })],
    ['an error shape with status 200', page({ __type: 'AccessDeniedException', message: 'denied' })],
    ['a NextToken that is not a string', page({ RecoveryPoints: [], NextToken: { a: 1 } })],
  ])('%s: a vault gap with the request id, exit 3, no PASS', async (_label, answer) => {
    const { run, report } = await scanWith(() => answer);
    expect(run.code).toBe(3);
    const gap = report?.gaps.find((g) => g.scope.kind === 'vault');
    expect(gap?.errorName).toBe('MalformedResponse');
    expect(gap?.requestId).toBe('req-hostile-1');
    expect(report?.findings.filter((f) => f.status === 'PASS')).toEqual([]);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('a NextToken that comes back forever is stopped as a gap', async () => {
    const { run, report } = await scanWith(() =>
      page({ RecoveryPoints: [point({ IsEncrypted: true })], NextToken: 'same' }),
    );
    expect(run.code).toBe(3);
    expect(report?.gaps[0]?.message).toContain('the same NextToken came back twice');
  });

  it('items without a RecoveryPointArn are a gap; the other items are still judged', async () => {
    const { run, report } = await scanWith(() =>
      page({
        RecoveryPoints: [
          { ResourceType: 'EBS', IsEncrypted: false },
          point({
            RecoveryPointArn: 'arn:aws:backup:us-east-1:111122223333:recovery-point:p2',
            IsEncrypted: false,
          }),
        ],
      }),
    );
    expect(run.code).toBe(1);
    expect(report?.gaps[0]?.message).toBe('1 listed item(s) had no RecoveryPointArn and could not be judged');
    expect(report?.findings.find((f) => f.ruleId === 'backup/recovery-point-encrypted')?.status).toBe('FAIL');
    expect(report?.complete).toBe(false);
  });

  it('IsEncrypted "true" (a string) is not trusted: one DescribeRecoveryPoint decides (false here: FAIL)', async () => {
    emulator.resetStats();
    const { report } = await scanWith(() => page({ RecoveryPoints: [point({ IsEncrypted: 'true' })] }));
    expect(emulator.stats().byOperation.DescribeRecoveryPoint).toBe(1);
    const finding = report?.findings.find((f) => f.ruleId === 'backup/recovery-point-encrypted');
    expect(finding?.status).toBe('FAIL');
    expect(finding?.isEncrypted).toBe(false);
  });

  it('an odd CreationDate or key ARN costs nothing else: the point is still judged', async () => {
    const { run, report } = await scanWith(() =>
      page({ RecoveryPoints: [point({ CreationDate: '2024-06-01T00:00:00Z', EncryptionKeyArn: { x: 1 } })] }),
    );
    expect(run.code).toBe(1);
    const finding = report?.findings.find((f) => f.ruleId === 'backup/recovery-point-encrypted');
    expect(finding).toMatchObject({ status: 'FAIL', creationDate: null, encryptionKeyArn: null });
  });

  it('a secret quoted in an AWS error message never reaches the console, the log or the report', async () => {
    const token =
      'FwoGZXIvYXdzEXAMPLESESSIONTOKENabcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghij';
    const { run, report } = await scanWith(
      (req) => ({
        status: 403,
        headers: { 'x-amzn-errortype': 'InvalidSignatureException' },
        body: JSON.stringify({
          message: `The request signature we calculated does not match. The Canonical String was 'GET\n${req.url}\nx-amz-security-token:${token}\n'`,
        }),
      }),
      { AWS_SESSION_TOKEN: token, AWS_ACCESS_KEY_ID: 'ASIAEMULATORTEST0001' },
    );
    expect(run.code).toBe(3);
    expect(report?.gaps[0]?.errorName).toBe('InvalidSignatureException');
    for (const text of [run.stdout, run.stderr, JSON.stringify(report)]) {
      expect(text).not.toContain(token);
      expect(text).not.toContain('ASIAEMULATORTEST0001');
    }
    expect(report?.gaps[0]?.message).toContain('x-amz-security-token:[redacted]');
  });

  it('UnrecognizedClientException in a region DescribeRegions says is enabled is a gap, not a skip', async () => {
    const proxy = await startHostileProxy(emulator.url, (req) =>
      operationOf(req) === 'ListBackupVaults'
        ? {
            status: 403,
            headers: { 'x-amzn-errortype': 'UnrecognizedClientException' },
            body: JSON.stringify({ message: 'The security token included in the request is invalid.' }),
          }
        : undefined,
    );
    try {
      const run = await runCli([
        'scan',
        '--endpoint-url',
        proxy.url,
        '--regions',
        'us-east-1',
        '--max-attempts',
        '1',
      ]);
      expect(run.code).toBe(3);
      expect(run.stdout).toContain(
        'region us-east-1 of account 111122223333: ListBackupVaults failed with UnrecognizedClientException',
      );
      expect(run.stdout).not.toContain('Skipped regions');
    } finally {
      await proxy.close();
    }
  });
});
