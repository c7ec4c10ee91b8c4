/**
 * Parsing list pages on reader threads changes where the work runs, never the report: the same
 * findings in the same order, the same summary, gaps and vaults as parsing on the main thread.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../src/emulator/scenario-schema.js';
import type { RunningEmulator } from '../../src/emulator/server.js';
import { oneAccountScenario, startScenario } from '../support/emulator.js';
import { repoRoot } from '../support/paths.js';
import { scanToReport, type Report } from '../support/report.js';

const running: RunningEmulator[] = [];
afterAll(() => Promise.all(running.map((e) => e.close())));

/** The report without what differs from run to run: times, request ids, call counts, and the order
 * findings arrive in from vaults read at once (collection order, documented). */
function stable(report: Report | undefined): unknown {
  if (!report) throw new Error('no report');
  const { startedAt: _s, finishedAt: _f, apiCalls: _a, ...scan } = report.scan as Record<string, unknown>;
  return {
    ...report,
    scan,
    findings: report.findings.map((f) => JSON.stringify(f)).sort(),
    gaps: report.gaps.map(({ requestId: _r, ...gap }) => gap),
  };
}

const arn = (name: string) => `arn:aws:backup:us-east-1:111122223333:recovery-point:${name}`;
/** Pages of mostly passing points with findings, a missing IsEncrypted and a repeat mixed in. */
const mixed: ScenarioInput = oneAccountScenario('mixed', {
  'us-east-1': {
    keys: [
      { KeyId: 'cmk', KeyManager: 'CUSTOMER' },
      { KeyId: 'doomed', KeyManager: 'CUSTOMER', KeyState: 'PendingDeletion', DeletionDate: 1798761600 },
    ],
    vaults: [
      {
        BackupVaultName: 'busy',
        EncryptionKeyArn: 'KEY:cmk',
        generate: { count: 2600, unencryptedEvery: 7 },
        points: [
          { RecoveryPointArn: arn('no-flag'), ResourceType: 'EFS', IsEncrypted: undefined },
          { RecoveryPointArn: arn('deleting'), ResourceType: 'EFS', IsEncrypted: false, Status: 'DELETING' },
        ],
      },
      { BackupVaultName: 'doomed-key', EncryptionKeyArn: 'KEY:doomed', generate: { count: 1200 } },
    ],
  },
});

describe('generated pages with findings mixed in', () => {
  it('are judged right: every 7th point fails, the doomed key fails every point it protects', async () => {
    const emulator = await startScenario(mixed);
    running.push(emulator);
    const { report } = await scanToReport(emulator.url, ['--reader-threads', '1']);
    expect(report?.summary.recoveryPointsJudged).toBe(3802);
    expect(report?.summary.byRule).toEqual({
      'backup/recovery-point-encrypted': { PASS: 3429, FAIL: 371, ERROR: 1, SKIPPED: 1 },
      'backup/recovery-point-key-usable': { PASS: 2229, FAIL: 1200, ERROR: 0, SKIPPED: 0 },
    });
    // The JSON report wants passes too: every verdict is a finding, each built from its whole point.
    expect(report?.findings).toHaveLength(3429 + 371 + 1 + 1 + 2229 + 1200);
    expect(report?.findings.filter((f) => f.status !== 'PASS')).toHaveLength(371 + 1 + 1 + 1200);
  });
});

describe.each([
  ['the demo scenario', JSON.parse(readFileSync(`${repoRoot}/scenarios/demo.json`, 'utf8')) as ScenarioInput],
  ['generated pages with findings mixed in', mixed],
])('%s', (_name, scenario) => {
  it('gives the same report with 0, 1 and 3 reader threads', async () => {
    const emulator = await startScenario(scenario);
    running.push(emulator);
    const reports = [];
    for (const threads of ['0', '1', '3']) {
      const { run, report } = await scanToReport(emulator.url, ['--reader-threads', threads]);
      reports.push({ code: run.code, report: stable(report) });
    }
    expect((reports[0]?.report as Report).findings.length).toBeGreaterThan(3);
    expect(reports[1]).toEqual(reports[0]);
    expect(reports[2]).toEqual(reports[0]);
  });
});
