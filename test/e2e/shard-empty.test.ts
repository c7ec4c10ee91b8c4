/**
 * More shards than (account, region) pairs: a shard whose share is empty is complete (the other
 * shards read the regions), and the merge of a clean estate is complete with exit 0.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateScenario, parseGenerateSpec } from '../../src/emulator/generate.js';
import type { RunningEmulator } from '../../src/emulator/server.js';
import { runCli } from '../support/cli.js';
import { startScenario } from '../support/emulator.js';
import { scanShards, type Report } from '../support/report.js';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startScenario(
    generateScenario(parseGenerateSpec('accounts=1,regions=2,vaults=2,points=100')),
  );
});
afterAll(() => emulator.close());

describe('four shards over two (account, region) pairs', () => {
  it('give complete shards, empty ones included, and a complete merge', async () => {
    const { dir, files, runs } = await scanShards(emulator.url, 4);
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0, 0]);
    const shards = files.map((f) => JSON.parse(readFileSync(f, 'utf8')) as Report);
    const empty = shards.filter((r) => (r.scan as { regionsScanned: unknown[] }).regionsScanned.length === 0);
    expect(empty.length).toBe(2);
    expect(empty.every((r) => r.complete)).toBe(true);
    expect(runs[shards.indexOf(empty[0] as Report)]?.stdout).toMatch(
      /None of the \(account, region\) pairs found fell to shard \d\/4/,
    );

    const merged = join(dir, 'merged.json');
    const merge = await runCli(['merge', ...files, '--output', merged]);
    expect(merge.code).toBe(0);
    const report = JSON.parse(readFileSync(merged, 'utf8')) as Report;
    expect(report.complete).toBe(true);
    expect(report.summary.recoveryPointsJudged).toBe(400);
  });

  it('merged without the shards that read the regions: incomplete', async () => {
    const { dir, files } = await scanShards(emulator.url, 4);
    const emptyFiles = files.filter(
      (f) =>
        (JSON.parse(readFileSync(f, 'utf8')) as { scan: { regionsScanned: unknown[] } }).scan.regionsScanned
          .length === 0,
    );
    const merge = await runCli(['merge', ...emptyFiles, '--output', join(dir, 'merged.json')]);
    expect(merge.code).toBe(3);
  });
});
