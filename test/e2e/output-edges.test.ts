/**
 * Where reports go and how a scan ends when its output goes away: --omit-passes, `--output -`,
 * a closed stdout (`| head`), a closed terminal (SIGHUP) and a second Ctrl-C.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/emulator/scenario-loader.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { isolatedAwsEnv, runCli, spawnScan } from '../support/cli.js';
import { oneAccountScenario, startScenario } from '../support/emulator.js';
import { cliPath, repoRoot } from '../support/paths.js';
import { scanToReport, type Report } from '../support/report.js';

let demo: RunningEmulator;
let huge: RunningEmulator;
beforeAll(async () => {
  demo = await startEmulator({ scenario: loadScenario('demo') });
  huge = await startScenario(
    oneAccountScenario('huge', {
      'us-east-1': { vaults: [{ BackupVaultName: 'huge', generate: { count: 5_000_000 } }] },
    }),
  );
});
afterAll(async () => {
  await demo.close();
  await huge.close();
});

/** Start a scan of the huge vault writing JSON to a file in a fresh folder; resolves once pages flow. */
async function startHugeScan() {
  huge.resetStats();
  const scan = spawnScan(huge.url, ['--regions', 'us-east-1']);
  for (let i = 0; i < 600 && (huge.stats().byOperation.ListRecoveryPointsByBackupVault ?? 0) < 3; i++)
    await new Promise((resolve) => setTimeout(resolve, 50));
  return scan;
}

describe('--omit-passes', () => {
  it('leaves PASS findings out of the JSON report, counts them in the summary, and says so', async () => {
    const [whole, lean] = await Promise.all([
      scanToReport(demo.url, []),
      scanToReport(demo.url, ['--omit-passes']),
    ]);
    const passes = (whole.report as Report).findings.filter((f) => f.status === 'PASS').length;
    expect(passes).toBeGreaterThan(0);
    expect(lean.report?.findings).toEqual(
      (whole.report as Report).findings.filter((f) => f.status !== 'PASS'),
    );
    expect(lean.report?.summary.findings).toEqual(whole.report?.summary.findings);
    expect((lean.report?.scan as { options: Record<string, unknown> }).options.omitPasses).toBe(true);
    expect(lean.run.code).toBe(whole.run.code);
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    const validate = ajv.compile(
      JSON.parse(readFileSync(join(repoRoot, 'docs/report-schema.v1.json'), 'utf8')),
    );
    expect(validate(lean.report)).toBe(true);
  });
});

describe('the console summary beside a JSON report', () => {
  it('points to that report for the findings it leaves out, not to a flag already given', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'rpguard-edges-')), 'all.json');
    const run = await runCli([
      'scan',
      '--endpoint-url',
      demo.url,
      '--format',
      'json',
      '--output',
      file,
      '--max-details',
      '0',
    ]);
    expect(run.stdout).toContain(`more; all of them are in ${file}`);
    expect(run.stdout).not.toContain('write them all with');
  });
});

describe('--output -', () => {
  it('writes the scan report and the merged report to stdout', async () => {
    const scan = await runCli(['scan', '--endpoint-url', demo.url, '--format', 'json', '--output', '-']);
    const report = JSON.parse(scan.stdout) as Report;
    expect(report.findings.length).toBeGreaterThan(0);
    const dir = mkdtempSync(join(tmpdir(), 'rpguard-edges-'));
    const file = join(dir, 'whole.json');
    await runCli(['scan', '--endpoint-url', demo.url, '--format', 'json', '--output', file]);
    const merge = await runCli(['merge', file, '--output', '-']);
    expect((JSON.parse(merge.stdout) as Report).summary.findings).toEqual(report.summary.findings);
    expect(merge.stderr).toContain('into standard output');
    expect(readdirSync(process.cwd())).not.toContain('-');
  });
});

describe('when the output goes away', () => {
  it('a closed stdout (| head) stops the scan with a one-line note, exit 3, no stack trace', async () => {
    const child = spawn(
      process.execPath,
      [cliPath, 'scan', '--endpoint-url', huge.url, '--regions', 'us-east-1', '--format', 'json'],
      { env: isolatedAwsEnv(), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number>((resolve) => child.once('exit', (c) => resolve(c ?? -1)));
    expect(stderr).toContain('rpguard: standard output was closed; stopping');
    expect(stderr).not.toMatch(/EPIPE|Unhandled|at .*\.js:\d+/);
    expect(code).toBe(3);
  });

  it('SIGHUP (a closed terminal) stops cleanly: the report is written, marked incomplete, exit 3', async () => {
    const scan = await startHugeScan();
    scan.child.kill('SIGHUP');
    expect(await scan.exited).toBe(3);
    const report = JSON.parse(readFileSync(scan.output, 'utf8')) as Report;
    expect(report.complete).toBe(false);
    expect(readdirSync(scan.dir)).toEqual(['report.json']);
    // The console does not call the half-read region "scanned".
    expect(scan.stdout()).toContain(
      '1 region(s) reached before the stop, 0 skipped; 1 vault(s) (0 read in full)',
    );
  });

  it('a second Ctrl-C exits at once (130) and leaves no temporary file behind', async () => {
    const scan = await startHugeScan();
    scan.child.kill('SIGINT');
    for (let i = 0; i < 200 && !scan.stderr().includes('stopping on a signal'); i++)
      await new Promise((resolve) => setTimeout(resolve, 5));
    scan.child.kill('SIGINT');
    const code = await scan.exited;
    // Normally the second signal lands while the report is being finished (130); either way no
    // temporary file may stay behind.
    expect([3, 130]).toContain(code);
    expect(readdirSync(scan.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
