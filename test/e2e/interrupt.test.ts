/** Ctrl-C stops cleanly: what was judged is written as a whole report marked incomplete, exit code 3. */
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../src/emulator/server.js';
import { spawnScan } from '../support/cli.js';
import { oneAccountScenario, startScenario } from '../support/emulator.js';
import type { Report } from '../support/report.js';

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startScenario(
    oneAccountScenario('huge', {
      'us-east-1': { vaults: [{ BackupVaultName: 'huge', generate: { count: 5_000_000 } }] },
    }),
  );
});
afterAll(() => emulator.close());

/** Wait until the emulator has served `pages` list pages, so the interrupt lands mid-scan. */
async function servedPages(pages: number): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if ((emulator.stats().byOperation.ListRecoveryPointsByBackupVault ?? 0) >= pages) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the scan never got going');
}

describe('SIGINT', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)(
    '%s writes what was judged, marked incomplete, and exits 3',
    async (signal) => {
      emulator.resetStats();
      const scan = spawnScan(emulator.url, ['--regions', 'us-east-1']);
      await servedPages(5);
      scan.child.kill(signal);
      const code = await scan.exited;
      expect(code).toBe(3);
      expect(scan.stderr()).toContain('stopping on a signal; what was judged so far will be written');
      const report = JSON.parse(readFileSync(scan.output, 'utf8')) as Report & { incompleteReason: string };
      expect(report.complete).toBe(false);
      expect(report.exitCode).toBe(3);
      expect(report.incompleteReason).toMatch(/^interrupted/);
      expect(report.findings.length).toBeGreaterThanOrEqual(5000);
      expect(report.findings.length).toBeLessThan(10_000_000);
      // Both rules judged each point read, and the summary agrees with the findings written.
      expect(report.summary.findings.PASS).toBe(report.findings.length);
      expect(readdirSync(scan.dir)).toEqual(['report.json']);
    },
  );
});
