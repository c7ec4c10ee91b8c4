/** The JSON report matches its published schema; ndjson streams the same findings; console text is actionable. */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/emulator/scenario-loader.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { runCli } from '../support/cli.js';
import { repoRoot } from '../support/paths.js';
import { scanToReport, type Report } from '../support/report.js';

let emulator: RunningEmulator;
let report: Report;
let exitCode: number;

beforeAll(async () => {
  emulator = await startEmulator({ scenario: loadScenario('demo') });
  const { run, report: r } = await scanToReport(emulator.url, []);
  if (!r) throw new Error(`no report: ${run.stderr}`);
  report = r;
  exitCode = run.code;
});

afterAll(() => emulator.close());

describe('JSON report', () => {
  it('validates against docs/report-schema.v1.json', () => {
    const schema = JSON.parse(readFileSync(join(repoRoot, 'docs/report-schema.v1.json'), 'utf8'));
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    const validate = ajv.compile(schema);
    const valid = validate(report);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('carries every required finding field, null when unknown', () => {
    const required = [
      'ruleId',
      'status',
      'message',
      'accountId',
      'region',
      'backupVaultName',
      'backupVaultArn',
      'vaultType',
      'recoveryPointArn',
      'resourceArn',
      'resourceType',
      'recoveryPointStatus',
      'isEncrypted',
      'encryptionKeyArn',
      'keyClass',
      'keyState',
      'createdBy',
      'severity',
      'compliance',
    ];
    for (const finding of report.findings)
      for (const field of required) expect(finding).toHaveProperty(field);
    const withPlan = report.findings.find((f) => f.createdBy !== null) as {
      createdBy: Record<string, string>;
    };
    expect(withPlan.createdBy.backupPlanName).toMatch(/.+/);
  });

  it('summarises the demo estate with real counts, gaps and skipped regions', () => {
    expect(exitCode).toBe(1);
    expect(report.exitCode).toBe(1);
    expect(report.complete).toBe(false);
    expect(report.summary.recoveryPointsJudged).toBe(1516);
    expect(report.summary.findings).toEqual({ PASS: 3020, FAIL: 6, ERROR: 0, SKIPPED: 1 });
    expect(report.gaps.map((g) => `${g.scope.kind}:${g.scope.backupVaultName}:${g.errorName}`)).toEqual([
      'vault:tmp-restore:AccessDeniedException',
    ]);
    expect(report.skippedRegions.map((s) => s.region)).toEqual(['ap-east-1']);
    const vaults = report.vaults as {
      backupVaultName: string;
      region: string;
      encryptionKeyClass: string;
      complete: boolean;
    }[];
    const classOf = (region: string, name: string) =>
      vaults.find((v) => v.region === region && v.backupVaultName === name)?.encryptionKeyClass;
    expect(classOf('us-east-1', 'Default')).toBe('aws-managed');
    expect(classOf('us-east-1', 'prod-cmk-vault')).toBe('customer-managed');
    expect(classOf('us-east-1', 'air-gapped-vault')).toBe('aws-owned');
    expect(vaults.find((v) => v.backupVaultName === 'tmp-restore')?.complete).toBe(false);
  });
});

describe('ndjson', () => {
  it('streams one record per line: the same findings, every gap, then one summary', async () => {
    const run = await runCli(['scan', '--endpoint-url', emulator.url, '--format', 'ndjson']);
    expect(run.code).toBe(1);
    const records = run.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const findings = records.filter((r) => r.recordType === 'finding');
    expect(findings).toHaveLength(report.findings.length);
    expect(
      records
        .filter((r) => r.recordType === 'gap')
        .map((r) => (r.scope as { backupVaultName: string }).backupVaultName),
    ).toEqual(['tmp-restore']);
    const last = records[records.length - 1] as {
      recordType: string;
      summary: { findings: unknown };
      exitCode: number;
    };
    expect(last.recordType).toBe('summary');
    expect(last.summary.findings).toEqual(report.summary.findings);
    expect(last.exitCode).toBe(1);
  });
});

describe('console report', () => {
  it('names each failing point with its cause and next step, the gap with its request id, and the exit code', async () => {
    const run = await runCli(['scan', '--endpoint-url', emulator.url, '--no-color']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Failing findings (6, on 6 recovery point(s))');
    expect(run.stdout).toContain('Cause: Not encrypted: the source EBS volume');
    expect(run.stdout).toContain('Next step: Encrypt the volume');
    expect(run.stdout).toMatch(
      /vault tmp-restore \(111122223333 us-east-1\): ListRecoveryPointsByBackupVault failed with AccessDeniedException \(request id [0-9a-f-]{36}\)/,
    );
    expect(run.stdout).toContain(
      '111122223333 ap-east-1: region not enabled for this account (opt-in status not-opted-in)',
    );
    expect(run.stdout).toContain('Result: FAIL. 6 finding(s) failed (exit code 1).');
    expect(run.stdout).not.toContain(String.fromCharCode(27));
  });

  it('writes the console report to a file when asked, and no credential anywhere', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'rpguard-console-')), 'console.txt');
    const run = await runCli([
      'scan',
      '--endpoint-url',
      emulator.url,
      '--format',
      'console',
      '--output',
      file,
    ]);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('Result: FAIL.');
    for (const output of [run.stdout, run.stderr, text, JSON.stringify(report)]) {
      expect(output).not.toContain('emulator-test-secret-not-real');
      expect(output).not.toContain('AKIAEMULATORTEST0001');
    }
  });
});
