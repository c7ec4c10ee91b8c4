/**
 * Every account's clients share one pool of keep-alive connections: clients of different accounts
 * reach the same regional endpoints, so a connection (and, against AWS, its TLS handshake) is
 * reused across accounts instead of opened per client.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateScenario, parseGenerateSpec } from '../../src/emulator/generate.js';
import type { RunningEmulator } from '../../src/emulator/server.js';
import { startScenario } from '../support/emulator.js';
import { scanToReport } from '../support/report.js';

const ACCOUNTS = 12;
let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startScenario(
    generateScenario(parseGenerateSpec(`accounts=${ACCOUNTS},regions=1,vaults=2,points=10`)),
  );
});
afterAll(() => emulator.close());

describe('connections', () => {
  it('are shared by every account of an organization scan', async () => {
    const { run, report } = await scanToReport(emulator.url, ['--org']);
    expect(run.code).toBe(0);
    expect(report?.summary.recoveryPointsJudged).toBe(ACCOUNTS * 2 * 10);
    const stats = emulator.stats();
    // Per account: AssumeRole, DescribeRegions, 2 vault listings, 2 pages, DescribeKey (7 calls,
    // through 4 clients). With connections per client this scan opened 38; shared, about 7.
    expect(stats.total).toBe(2 + ACCOUNTS * 7);
    expect(stats.connections).toBeLessThan(2 * ACCOUNTS);
  });
});
