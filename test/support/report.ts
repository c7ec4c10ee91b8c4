import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, type CliResult } from './cli.js';

/** A JSON report as the tests read it. */
export interface Report {
  findings: Record<string, unknown>[];
  gaps: {
    scope: Record<string, string>;
    operation: string;
    errorName: string;
    requestId?: string;
    message: string;
  }[];
  skippedRegions: { accountId: string; region: string; reason: string }[];
  summary: { findings: Record<string, number>; recoveryPointsJudged: number } & Record<string, unknown>;
  complete: boolean;
  exitCode: number;
  [key: string]: unknown;
}

/** Run `rpguard scan --format json --output FILE` plus `args`, and read the report back. */
export async function scanToReport(
  endpointUrl: string,
  args: string[],
  env?: NodeJS.ProcessEnv,
): Promise<{ run: CliResult; report: Report | undefined }> {
  const dir = mkdtempSync(join(tmpdir(), 'rpguard-test-'));
  const file = join(dir, 'report.json');
  try {
    const run = await runCli(
      ['scan', '--endpoint-url', endpointUrl, '--format', 'json', '--output', file, ...args],
      env,
    );
    let report: Report | undefined;
    try {
      report = JSON.parse(readFileSync(file, 'utf8')) as Report;
    } catch {
      report = undefined;
    }
    return { run, report };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Status of one rule's finding per recovery point ARN. */
export function statusByPoint(
  report: Report,
  ruleId = 'backup/recovery-point-encrypted',
): Map<string, string> {
  return new Map(
    report.findings
      .filter((f) => f.ruleId === ruleId)
      .map((f) => [f.recoveryPointArn as string, f.status as string]),
  );
}

/** Run all N shards of one scan at once, each writing `--format json` to its own file in a new folder. */
export async function scanShards(
  endpointUrl: string,
  count: number,
  args: string[] = [],
): Promise<{ dir: string; files: string[]; runs: CliResult[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'rpguard-shards-'));
  const files = Array.from({ length: count }, (_, i) => join(dir, `shard-${i + 1}.json`));
  const runs = await Promise.all(
    files.map((file, i) =>
      runCli([
        'scan',
        '--endpoint-url',
        endpointUrl,
        ...args,
        '--shard',
        `${i + 1}/${count}`,
        '--format',
        'json',
        '--output',
        file,
      ]),
    ),
  );
  return { dir, files, runs };
}
