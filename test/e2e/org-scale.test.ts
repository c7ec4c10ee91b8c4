/**
 * Organization scale at small size: several accounts through AssumeRole, one role refused, one vault
 * failing mid-pagination. Right verdicts, right gaps, nothing lost; shards merge back into the whole.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../src/emulator/server.js';
import { runCli } from '../support/cli.js';
import { startScenario } from '../support/emulator.js';
import { startHostileProxy } from '../support/hostile-proxy.js';
import { orgScanArgs, orgScenario } from '../support/org-scenario.js';
import { scanShards, scanToReport, type Report } from '../support/report.js';

/** The organization's ACTIVE accounts; 444444444444 is suspended and never scanned. */
const activeAccounts = ['111111111111', '222222222222', '333333333333'];

let emulator: RunningEmulator;
let whole: Report;
let wholeCode: number;

beforeAll(async () => {
  emulator = await startScenario(orgScenario);
  const { run, report } = await scanToReport(emulator.url, orgScanArgs);
  if (!report) throw new Error(`no report: ${run.stderr}`);
  whole = report;
  wholeCode = run.code;
});
afterAll(() => emulator.close());

const gapKeys = (report: Report) =>
  report.gaps
    .map(
      (g) =>
        `${g.scope.kind} ${g.scope.accountId} ${g.scope.region ?? '-'} ${g.scope.backupVaultName ?? '-'} ${g.operation} ${g.errorName}`,
    )
    .sort();

describe('three accounts through AssumeRole', () => {
  it('judges every readable point, keeps the pages read before a vault failed, and reports each gap once', () => {
    expect(wholeCode).toBe(1);
    expect(gapKeys(whole)).toEqual([
      'account 222222222222 - - AssumeRole AccessDenied',
      'vault 333333333333 eu-west-1 flaky-vault ListRecoveryPointsByBackupVault ServiceUnavailableException',
    ]);
    const judgedBy = (account: string) =>
      whole.findings.filter((f) => f.accountId === account && f.ruleId === 'backup/recovery-point-encrypted')
        .length;
    expect(judgedBy('111111111111')).toBe(2501 + 1200);
    expect(judgedBy('222222222222')).toBe(0);
    // 1,500 from app-vault plus the first two pages (2 × 1,000) of flaky-vault before it failed.
    expect(judgedBy('333333333333')).toBe(1500 + 2000);
    const flaky = (
      whole.vaults as { backupVaultName: string; recoveryPointsRead: number; complete: boolean }[]
    ).find((v) => v.backupVaultName === 'flaky-vault');
    expect(flaky).toMatchObject({ recoveryPointsRead: 2000, complete: false });
    const failing = whole.findings
      .filter((f) => f.status === 'FAIL')
      .map((f) => `${f.accountId} ${f.recoveryPointArn}`);
    expect(failing).toEqual(['111111111111 arn:aws:ec2:us-east-1::snapshot/snap-0mgmt']);
    expect(whole.summary.recoveryPointsJudged).toBe(2501 + 1200 + 1500 + 2000);
    expect(whole.complete).toBe(false);
  });

  it('rides out a region throttled hard with backoff: every point there is judged, no gap', () => {
    const apiCalls = (whole.scan as { apiCalls: { throttled: number } }).apiCalls;
    expect(apiCalls.throttled).toBeGreaterThan(0);
    const throttledRegion = whole.findings.filter(
      (f) =>
        f.accountId === '333333333333' &&
        f.region === 'us-east-1' &&
        f.ruleId === 'backup/recovery-point-encrypted',
    );
    expect(throttledRegion).toHaveLength(1500);
    expect(throttledRegion.every((f) => f.status === 'PASS')).toBe(true);
  });

  it('--org lists the active accounts through Organizations and gives the same verdicts', async () => {
    const { report } = await scanToReport(emulator.url, [
      '--org',
      '--regions',
      'us-east-1,eu-west-1',
      '--max-attempts',
      '5',
    ]);
    expect((report?.scan as { accounts: string[] }).accounts).toEqual(activeAccounts);
    expect(report?.summary.findings).toEqual(whole.summary.findings);
    expect(gapKeys(report as Report)).toEqual(gapKeys(whole));
  });

  it('names rpguard in the role session and assumes the default role', () => {
    expect((whole.scan as { accounts: string[] }).accounts).toEqual(activeAccounts);
    expect(emulator.stats().byOperation.AssumeRole).toBeGreaterThanOrEqual(3);
  });

  it('--exclude-accounts and --exclude-regions leave those scopes out entirely', async () => {
    const { report } = await scanToReport(emulator.url, [
      ...orgScanArgs,
      '--exclude-accounts',
      '222222222222',
      '--exclude-regions',
      'eu-west-1',
    ]);
    expect(report?.gaps).toEqual([]);
    expect(new Set(report?.findings.map((f) => `${f.accountId} ${f.region}`))).toEqual(
      new Set(['111111111111 us-east-1', '333333333333 us-east-1']),
    );
    expect(report?.exitCode).toBe(1);
  });
});

describe('sharding', () => {
  it('three shards cover every pair exactly once and merge into the whole report', async () => {
    const { dir, files, runs } = await scanShards(emulator.url, 3, [...orgScanArgs, '--quiet']);
    for (const run of runs) expect([0, 1, 3]).toContain(run.code);
    const shards = files.map((f) => JSON.parse(readFileSync(f, 'utf8')) as Report);
    // No shard can tell which of a locked-out account's regions are its own: each reports the gap.
    for (const shard of shards)
      expect(gapKeys(shard)).toContain('account 222222222222 - - AssumeRole AccessDenied');
    const shardPoints = shards.map((s) => s.findings.length);
    expect(shardPoints.reduce((a, b) => a + b)).toBe(whole.findings.length);

    const merged = join(dir, 'merged.json');
    const merge = await runCli(['merge', ...files, '--output', merged]);
    expect(merge.code).toBe(1);
    const report = JSON.parse(readFileSync(merged, 'utf8')) as Report;
    const key = (f: Record<string, unknown>) => `${f.ruleId} ${f.recoveryPointArn} ${f.status}`;
    expect(report.findings.map(key).sort()).toEqual(whole.findings.map(key).sort());
    expect(report.summary.findings).toEqual(whole.summary.findings);
    expect(report.summary.recoveryPointsJudged).toBe(whole.summary.recoveryPointsJudged);
    expect(gapKeys(report)).toEqual(gapKeys(whole));
    expect(report.complete).toBe(false);
    expect(report.exitCode).toBe(1);

    const partial = await runCli([
      'merge',
      files[0] as string,
      files[1] as string,
      '--output',
      join(dir, 'partial.json'),
    ]);
    const partialReport = JSON.parse(readFileSync(join(dir, 'partial.json'), 'utf8')) as Report & {
      incompleteReason: string;
    };
    expect(partialReport.incompleteReason).toContain('shards missing from the merge: 3/3');
    expect(partialReport.complete).toBe(false);
    expect([1, 3]).toContain(partial.code);
  });
});

describe('organization answers that cannot be trusted', () => {
  it('a duplicated account is scanned once; unreadable entries are a gap, not a silent skip', async () => {
    const proxy = await startHostileProxy(emulator.url, async (_req, upstream, operation) => {
      if (operation !== 'ListAccounts') return undefined;
      const real = JSON.parse((await upstream()).body) as { Accounts: Record<string, unknown>[] };
      const accounts = [...real.Accounts, real.Accounts[0], { Id: 12345 }, null];
      return {
        status: 200,
        headers: { 'content-type': 'application/x-amz-json-1.1' },
        body: JSON.stringify({ Accounts: accounts }),
      };
    });
    try {
      const { run, report } = await scanToReport(proxy.url, [
        '--org',
        '--regions',
        'us-east-1',
        '--max-attempts',
        '5',
      ]);
      expect((report?.scan as { accounts: string[] }).accounts).toEqual(activeAccounts);
      expect(gapKeys(report as Report)).toContain('account 111111111111 - - ListAccounts MalformedResponse');
      expect(run.code).toBe(1);
    } finally {
      await proxy.close();
    }
  });

  it('an empty DescribeRegions answer is a gap for the account, not an empty scan', async () => {
    const proxy = await startHostileProxy(emulator.url, (_req, _upstream, operation) =>
      operation === 'DescribeRegions'
        ? {
            status: 200,
            headers: { 'content-type': 'text/xml' },
            body: '<DescribeRegionsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>req-empty</requestId><regionInfo/></DescribeRegionsResponse>',
          }
        : undefined,
    );
    try {
      const { run, report } = await scanToReport(proxy.url, []);
      expect(gapKeys(report as Report)).toEqual([
        'account 111111111111 - - DescribeRegions MalformedResponse',
      ]);
      expect(report?.complete).toBe(false);
      expect(run.code).toBe(3);
    } finally {
      await proxy.close();
    }
  });
});
