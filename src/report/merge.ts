import { createReadStream, realpathSync } from 'node:fs';
import streamChain from 'stream-chain';
import { parser } from 'stream-json';
import ignore from 'stream-json/filters/ignore.js';
import pick from 'stream-json/filters/pick.js';
import streamArray from 'stream-json/streamers/stream-array.js';
import streamValues from 'stream-json/streamers/stream-values.js';
import { UsageError } from '../core/errors.js';
import { scanExitCode } from '../core/exit-code.js';
import { SummaryBuilder } from '../core/summary.js';
import type { Finding, Gap, KeyInfo, SkippedRegion } from '../core/types.js';
import type { VaultVisit } from '../scan/scan-types.js';
import { reportHead, type ToolInfo } from './json-report.js';
import type { TextTarget } from './json-sink.js';

/** The parts of a shard report besides its findings. */
interface ReportRest {
  schemaVersion?: unknown;
  tool?: { name?: unknown };
  scan?: {
    startedAt?: string;
    finishedAt?: string;
    caller?: { accountId: string; arn: string };
    accounts?: string[];
    regionsScanned?: { accountId: string; region: string }[];
    shard?: string | null;
    options?: Record<string, unknown>;
    apiCalls?: { attempts: Record<string, number>; throttled: number };
  };
  summary?: { recoveryPointsJudged?: number };
  gaps?: Gap[];
  skippedRegions?: SkippedRegion[];
  vaults?: VaultVisit[];
  keys?: KeyInfo[];
  complete?: boolean;
  incompleteReason?: string;
}

/** One Duplex for the whole pipeline, so an error anywhere (a parse error) rejects the consumer's for-await. */
function chain(steps: unknown[]): AsyncIterable<unknown> {
  return streamChain(steps as never) as unknown as AsyncIterable<unknown>;
}

async function readRest(file: string): Promise<ReportRest> {
  const values = chain([createReadStream(file), parser(), ignore({ filter: 'findings' }), streamValues()]);
  for await (const item of values as AsyncIterable<{ value: ReportRest }>) return item.value;
  throw new Error('empty file');
}

async function* readFindings(file: string): AsyncGenerator<Finding> {
  const items = chain([createReadStream(file), parser(), pick({ filter: 'findings' }), streamArray()]);
  for await (const item of items as AsyncIterable<{ value: Finding }>) yield item.value;
}

function fail(file: string, problem: string): never {
  throw new UsageError(`merge: ${file}: ${problem}`);
}

/**
 * Combine shard reports into one JSON report: findings streamed through (memory stays flat), the
 * summary recomputed from them, gaps, skipped regions and vaults concatenated, keys de-duplicated.
 * Missing shards of a K/N set make the merged report incomplete.
 */
export async function mergeReports(
  files: string[],
  target: TextTarget,
  tool: ToolInfo,
): Promise<{ exitCode: number; findings: number; missingShards: string[] }> {
  const rests: ReportRest[] = [];
  for (const file of files) {
    let rest: ReportRest;
    try {
      rest = await readRest(file);
    } catch (error) {
      fail(
        file,
        `not a readable JSON report (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); merge takes reports written with --format json, not ndjson or console text`,
      );
    }
    if (
      rest.tool?.name !== 'rpguard' ||
      typeof rest.schemaVersion !== 'string' ||
      !rest.schemaVersion.startsWith('1.')
    ) {
      fail(
        file,
        'not an rpguard JSON report of schema version 1 (write shards with --format json --output FILE)',
      );
    }
    if (!rest.scan || !rest.summary || !Array.isArray(rest.gaps))
      fail(file, 'report is truncated or lacks scan, summary or gaps');
    rests.push(rest);
  }

  checkShardSet(files, rests);
  const summary = new SummaryBuilder();
  let count = 0;
  target.write(reportHead(tool));
  for (const file of files) {
    try {
      for await (const finding of readFindings(file)) {
        summary.add(finding);
        target.write(`${count === 0 ? '\n' : ',\n'}${JSON.stringify(finding)}`);
        count += 1;
      }
    } catch (error) {
      fail(
        file,
        `findings could not be read (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`,
      );
    }
  }

  // Account-wide gaps (a role that could not be assumed) are reported by every shard: keep one.
  const gapKeys = new Set<string>();
  const gaps = rests
    .flatMap((r) => r.gaps ?? [])
    .filter((g) => {
      const key = JSON.stringify([g.scope, g.operation, g.errorName]);
      if (gapKeys.has(key)) return false;
      gapKeys.add(key);
      return true;
    });
  const vaults = rests.flatMap((r) => r.vaults ?? []);
  for (const v of vaults) summary.noteVault(v);
  const keys = new Map<string, KeyInfo>();
  for (const key of rests.flatMap((r) => r.keys ?? [])) keys.set(key.keyArn, key);
  const result = summary.result();
  const shards = rests.map((r) => r.scan?.shard).filter((s): s is string => typeof s === 'string');
  const missing = missingShards(shards);
  // Every shard complete, none missing, and some region read by one of them.
  const regionsRead = rests.reduce((n, r) => n + (r.scan?.regionsScanned?.length ?? 0), 0);
  const complete = rests.every((r) => r.complete === true) && missing.length === 0 && regionsRead > 0;
  const exitCode = scanExitCode(
    result.findings,
    complete && gaps.length === 0 && result.findings.ERROR === 0,
  );
  const starts = rests
    .map((r) => r.scan?.startedAt ?? '')
    .filter(Boolean)
    .sort();
  const ends = rests
    .map((r) => r.scan?.finishedAt ?? '')
    .filter(Boolean)
    .sort();
  const reasons = [
    ...(missing.length ? [`shards missing from the merge: ${missing.join(', ')}`] : []),
    ...rests.map((r) => r.incompleteReason).filter((r): r is string => typeof r === 'string'),
  ];
  const tail = {
    scan: {
      startedAt: starts[0] ?? '',
      finishedAt: ends[ends.length - 1] ?? '',
      caller: rests[0]?.scan?.caller,
      accounts: [...new Set(rests.flatMap((r) => r.scan?.accounts ?? []))].sort(),
      regionsScanned: rests.flatMap((r) => r.scan?.regionsScanned ?? []),
      shard: null,
      mergedFrom: files.length,
      options: rests[0]?.scan?.options,
    },
    summary: {
      ...result,
      recoveryPointsJudged: rests.reduce((n, r) => n + (r.summary?.recoveryPointsJudged ?? 0), 0),
      vaults: vaults.length,
      regionsScanned: rests.reduce((n, r) => n + (r.scan?.regionsScanned?.length ?? 0), 0),
      regionsSkipped: rests.reduce((n, r) => n + (r.skippedRegions?.length ?? 0), 0),
      gaps: gaps.length,
    },
    gaps,
    skippedRegions: rests.flatMap((r) => r.skippedRegions ?? []),
    vaults,
    keys: [...keys.values()].sort((a, b) => a.keyArn.localeCompare(b.keyArn)),
    complete: complete && gaps.length === 0 && result.findings.ERROR === 0,
    ...(reasons.length ? { incompleteReason: reasons.join('; ') } : {}),
    exitCode,
  };
  target.write(`\n],${JSON.stringify(tail).slice(1)}\n`);
  return { exitCode, findings: count, missingShards: missing };
}

/**
 * Refuse inputs that would double-count: the same file twice, the same shard twice, or a whole
 * (unsharded) report mixed with shards.
 */
function checkShardSet(files: string[], rests: ReportRest[]): void {
  const seenFiles = new Map<string, string>();
  const seenShards = new Map<string, string>();
  let whole: string | undefined;
  let sharded: string | undefined;
  rests.forEach((rest, i) => {
    const file = files[i] as string;
    const real = realpathSync(file);
    const twin = seenFiles.get(real);
    if (twin) fail(file, `given twice (also as ${twin}); each report may be merged once`);
    seenFiles.set(real, file);
    const shard = rest.scan?.shard;
    if (typeof shard === 'string') {
      sharded = file;
      const other = seenShards.get(shard);
      if (other) fail(file, `is shard ${shard}, like ${other}; each shard may be merged once`);
      seenShards.set(shard, file);
    } else {
      whole = file;
    }
  });
  if (whole && !sharded && rests.length > 1) {
    fail(whole, 'is a whole-scan report (no --shard): only shard reports of one scan can be merged');
  }
  if (whole && sharded)
    fail(
      whole,
      `is a whole-scan report (no --shard) and cannot be merged with shard reports such as ${sharded}`,
    );
  // Shards of one scan share its scope; merging different scans would claim coverage nobody checked.
  const scopeOf = (rest: ReportRest) => {
    const o = rest.scan?.options ?? {};
    return JSON.stringify([
      o.regions,
      o.excludeRegions,
      o.accounts,
      o.excludeAccounts,
      o.requireCmk,
      o.omitPasses ?? false,
      o.endpointUrl,
      rest.scan?.caller?.accountId,
      [...(rest.scan?.accounts ?? [])].sort(),
    ]);
  };
  const first = rests[0] ? scopeOf(rests[0]) : '';
  rests.forEach((rest, i) => {
    if (scopeOf(rest) !== first) {
      fail(
        files[i] as string,
        `was scanned with other accounts or options (regions, exclusions, --require-cmk, --omit-passes, endpoint, caller) than ${files[0]}; shards of one scan must share them`,
      );
    }
  });
}

/** For a set of `K/N` shard labels, the labels of the same N that are absent (or duplicated, or of mixed N). */
export function missingShards(shards: string[]): string[] {
  if (shards.length === 0) return [];
  const counts = new Set(shards.map((s) => Number(s.split('/')[1])));
  if (counts.size > 1) return [`shards of different sizes (${[...counts].join(', ')}) were mixed`];
  const n = [...counts][0] as number;
  const present = new Set(shards);
  const missing: string[] = [];
  for (let k = 1; k <= n; k++) if (!present.has(`${k}/${n}`)) missing.push(`${k}/${n}`);
  if (present.size !== shards.length) missing.push('a shard was given twice');
  return missing;
}
