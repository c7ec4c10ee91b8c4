/**
 * Every real-world case in ../shared/cases/ runs through the real CLI, the real SDK and real HTTP
 * against the emulator, and its verdict is asserted (see ../shared/cases/README.md).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../src/emulator/server.js';
import { loadSharedCases, scenarioForCase, sharedCase } from '../support/cases.js';
import { startScenario } from '../support/emulator.js';
import { scanToReport, statusByPoint, type Report } from '../support/report.js';

const cases = loadSharedCases();
let emulator: RunningEmulator | undefined;

afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function runCase(id: string, extraArgs: string[] = []) {
  const c = sharedCase(cases, id);
  emulator = await startScenario(scenarioForCase(cases.account, c));
  const regions = (c.regions ?? [c.region ?? 'us-east-1']).join(',');
  const { run, report } = await scanToReport(emulator.url, ['--regions', regions, ...extraArgs]);
  if (!report) throw new Error(`no report; exit ${run.code}; stderr: ${run.stderr}`);
  return { c, run, report, stats: emulator.stats() };
}

function findingOf(report: Report, arn: string, ruleId = 'backup/recovery-point-encrypted') {
  return report.findings.find((f) => f.recoveryPointArn === arn && f.ruleId === ruleId);
}

describe('shared real-world cases, end to end', () => {
  it('K01: finds the unencrypted point on page 2 and passes the 1,000 on page 1', async () => {
    const { run, report, stats } = await runCase('K01');
    const statuses = statusByPoint(report);
    expect(
      statuses.get(
        'arn:aws:backup:us-east-1:111122223333:recovery-point:9f10e2a4-0000-4000-8000-00000000k001',
      ),
    ).toBe('FAIL');
    expect([...statuses.values()].filter((s) => s === 'PASS')).toHaveLength(1000);
    expect(statuses.size).toBe(1001);
    expect(stats.byOperation.ListRecoveryPointsByBackupVault).toBe(2);
    expect(run.code).toBe(1);
  });

  it('K02: a vault that denies listing is a gap, never PASS or FAIL; the rest is scanned; exit 3', async () => {
    const { run, report } = await runCase('K02');
    expect(findingOf(report, 'arn:aws:ec2:us-east-1::snapshot/snap-0k02')).toBeUndefined();
    expect(findingOf(report, 'arn:aws:backup:us-east-1:111122223333:recovery-point:k02-ok')?.status).toBe(
      'PASS',
    );
    const gap = report.gaps.find((g) => g.scope.kind === 'vault');
    expect(gap?.scope.backupVaultName).toBe('tmp-restore');
    expect(gap?.errorName).toBe('AccessDeniedException');
    expect(gap?.operation).toBe('ListRecoveryPointsByBackupVault');
    expect(gap?.requestId).toMatch(/.+/);
    expect(report.complete).toBe(false);
    expect(run.code).toBe(3);
    expect(run.stdout).toContain(
      'vault tmp-restore (111122223333 us-east-1): ListRecoveryPointsByBackupVault failed with AccessDeniedException',
    );
  });

  it('K03: an unencrypted EBS point in a CMK vault fails, saying the vault key does not apply', async () => {
    const { run, report } = await runCase('K03');
    const finding = findingOf(report, 'arn:aws:ec2:eu-west-1::snapshot/snap-0abc');
    expect(finding?.status).toBe('FAIL');
    expect(finding?.accountId).toBe('111122223333');
    expect(finding?.region).toBe('eu-west-1');
    expect(finding?.message).toContain(
      'source EBS volume arn:aws:ec2:eu-west-1:111122223333:volume/vol-0abc was unencrypted when it was backed up',
    );
    expect(finding?.message).toContain(
      'vault key (arn:aws:kms:eu-west-1:111122223333:key/cmk-k03) does not apply',
    );
    expect(run.code).toBe(1);
  });

  it('K04: the aws/backup key passes as aws-managed; --require-cmk fails it', async () => {
    const arn = 'arn:aws:backup:us-east-1:111122223333:recovery-point:k04';
    const plain = await runCase('K04');
    expect(findingOf(plain.report, arn)?.status).toBe('PASS');
    expect(findingOf(plain.report, arn)?.keyClass).toBe('aws-managed');
    expect(plain.run.code).toBe(0);
    await emulator?.close();
    const strict = await runCase('K04', ['--require-cmk']);
    expect(findingOf(strict.report, arn)?.status).toBe('PASS');
    expect(findingOf(strict.report, arn, 'backup/recovery-point-customer-managed-key')?.status).toBe('FAIL');
    expect(strict.run.code).toBe(1);
  });

  it('K05: a missing IsEncrypted costs one DescribeRecoveryPoint; missing everywhere is ERROR, never FAIL', async () => {
    const { run, report, stats } = await runCase('K05');
    expect(findingOf(report, 'arn:aws:backup:us-east-1:111122223333:recovery-point:k05-a')?.status).toBe(
      'PASS',
    );
    expect(findingOf(report, 'arn:aws:backup:us-east-1:111122223333:recovery-point:k05-b')?.status).toBe(
      'ERROR',
    );
    expect(stats.byOperation.DescribeRecoveryPoint).toBe(2);
    expect(run.code).toBe(3);
  });

  it('K06: an air-gapped vault on an AWS-owned key passes as aws-owned, with no error from the missing key', async () => {
    const { run, report, stats } = await runCase('K06');
    const finding = findingOf(report, 'arn:aws:backup:us-east-1:111122223333:recovery-point:k06');
    expect(finding?.status).toBe('PASS');
    expect(finding?.keyClass).toBe('aws-owned');
    expect(finding?.vaultType).toBe('LOGICALLY_AIR_GAPPED_BACKUP_VAULT');
    expect(report.gaps).toEqual([]);
    expect(stats.byOperation.DescribeKey ?? 0).toBe(0);
    expect(run.code).toBe(0);
  });

  it('K07: EXPIRED is judged (FAIL, noting the status); DELETING is SKIPPED', async () => {
    const { report } = await runCase('K07');
    const expired = findingOf(report, 'arn:aws:ec2:eu-west-2::snapshot/snap-0expired');
    expect(expired?.status).toBe('FAIL');
    expect(expired?.message).toContain('Status EXPIRED');
    expect(findingOf(report, 'arn:aws:ec2:eu-west-2::snapshot/snap-0deleting')?.status).toBe('SKIPPED');
  });

  it('K08: composite parent PASS, child FAIL naming parent and logical id, each judged once', async () => {
    const { report } = await runCase('K08');
    const parent = 'arn:aws:backup:us-east-1:111122223333:recovery-point:k08-parent';
    const child = 'arn:aws:backup:us-east-1:111122223333:recovery-point:k08-child';
    expect(findingOf(report, parent)?.status).toBe('PASS');
    expect(findingOf(report, child)?.status).toBe('FAIL');
    expect(findingOf(report, child)?.message).toContain(`in composite ${parent} (logical id OrdersTable)`);
    const encryptedFindings = report.findings.filter((f) => f.ruleId === 'backup/recovery-point-encrypted');
    expect(encryptedFindings.map((f) => f.recoveryPointArn).sort()).toEqual([child, parent]);
  });

  it('K09: encrypted under a key pending deletion: encryption PASS, key-usable FAIL with the date', async () => {
    const { run, report } = await runCase('K09');
    const arn = 'arn:aws:backup:us-east-1:111122223333:recovery-point:k09';
    expect(findingOf(report, arn)?.status).toBe('PASS');
    const usable = findingOf(report, arn, 'backup/recovery-point-key-usable');
    expect(usable?.status).toBe('FAIL');
    expect(usable?.keyState).toBe('PendingDeletion');
    expect(usable?.message).toContain('2027-01-01T00:00:00.000Z');
    expect(run.code).toBe(1);
  });

  it('K10: a region not opted into is SKIPPED, never scanned', async () => {
    const { run, report, stats } = await runCase('K10');
    expect(report.skippedRegions).toEqual([
      {
        accountId: '111122223333',
        region: 'ap-east-1',
        reason: 'region not enabled for this account (opt-in status not-opted-in)',
      },
    ]);
    expect(report.findings.filter((f) => f.region === 'ap-east-1')).toEqual([]);
    const apEastCalls = Object.keys(stats.byScope).filter((k) => k.includes('/ap-east-1/'));
    expect(apEastCalls).toEqual([]);
    expect(run.code).toBe(0);
  });

  it('K12: an unencrypted RDS point fails; the advice fixes the source and never deletes first', async () => {
    const { report } = await runCase('K12');
    const finding = findingOf(report, 'arn:aws:rds:us-east-1:111122223333:snapshot:awsbackup:job-k12');
    expect(finding?.status).toBe('FAIL');
    expect(finding?.message).toContain(
      'source RDS DB instance arn:aws:rds:us-east-1:111122223333:db:orders was unencrypted when it was backed up',
    );
    expect(finding?.remediation).toContain('once a newer encrypted one covers its retention');
  });
});
