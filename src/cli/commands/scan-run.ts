import { ExitCode, RpguardError, UsageError } from '../../core/errors.js';
import { scanExitCode } from '../../core/exit-code.js';
import { describeGap, formatConsoleReport } from '../../report/console-report.js';
import { JsonReportSink, type TextTarget } from '../../report/json-sink.js';
import { NdjsonSink } from '../../report/ndjson-sink.js';
import { RetainingSink, TeeSink } from '../../report/retaining-sink.js';
import { runScan } from '../../scan/run-scan.js';
import {
  newScanProgress,
  type FindingSink,
  type ScanEvent,
  type ScanOutcome,
  type ScanRequest,
} from '../../scan/scan-types.js';
import { createLogger } from '../logger.js';
import { checkOutputPath, openOutput } from '../output-file.js';
import {
  parseAccountList,
  parseEndpointUrl,
  parseIntInRange,
  parseRegion,
  parseRegionList,
  parseShard,
} from '../parse.js';
import { ProgressDisplay } from '../progress.js';
import { toolInfo } from '../version.js';

import type { Format, ScanFlags } from './scan.js';

/** Validate every flag before any AWS call, so bad input never half-runs a scan. */
function toRequest(flags: ScanFlags): ScanRequest {
  const envRegion = process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION;
  if (flags.org && flags.accounts !== undefined)
    throw new UsageError('--org and --accounts cannot be used together');
  if (!/^[\w+=,.@/-]{1,512}$/.test(flags.roleName))
    throw new UsageError(`--role-name: '${flags.roleName}' is not an IAM role name`);
  if (flags.externalId !== undefined && !/^[\w+=,.@:/-]{2,1224}$/.test(flags.externalId)) {
    throw new UsageError('--external-id: must be 2-1224 characters of letters, digits and +=,.@:/-');
  }
  const regions = flags.regions === undefined ? undefined : parseRegionList('--regions', flags.regions);
  const excludeRegions =
    flags.excludeRegions === undefined
      ? undefined
      : parseRegionList('--exclude-regions', flags.excludeRegions);
  if (regions && excludeRegions && regions.every((r) => excludeRegions.includes(r))) {
    throw new UsageError(
      '--exclude-regions removes every region given to --regions: nothing would be scanned',
    );
  }
  return {
    profile: flags.profile,
    endpointUrl:
      flags.endpointUrl === undefined ? undefined : parseEndpointUrl('--endpoint-url', flags.endpointUrl),
    homeRegion: parseRegion(
      flags.region ? '--region' : 'AWS_REGION',
      flags.region ?? envRegion ?? 'us-east-1',
    ),
    regions,
    excludeRegions,
    accounts: flags.accounts === undefined ? undefined : parseAccountList('--accounts', flags.accounts),
    org: flags.org === true,
    excludeAccounts:
      flags.excludeAccounts === undefined
        ? undefined
        : parseAccountList('--exclude-accounts', flags.excludeAccounts),
    roleName: flags.roleName,
    externalId: flags.externalId,
    shard: flags.shard === undefined ? undefined : parseShard('--shard', flags.shard),
    requireCmk: flags.requireCmk === true,
    omitPasses: flags.omitPasses === true,
    maxAttempts: parseIntInRange('--max-attempts', flags.maxAttempts, 1, 20),
    maxRps: flags.maxRps === undefined ? undefined : parseIntInRange('--max-rps', flags.maxRps, 1, 50),
    readerThreads:
      flags.readerThreads === undefined
        ? undefined
        : parseIntInRange('--reader-threads', flags.readerThreads, 0, 16),
  };
}

/** The machine-readable sink for --format json/ndjson, writing to the file or to stdout. */
function machineSink(
  format: Format,
  target: TextTarget,
  passes: boolean,
): JsonReportSink | NdjsonSink | undefined {
  if (format === 'json') return new JsonReportSink(target, toolInfo, passes);
  if (format === 'ndjson') return new NdjsonSink(target, passes);
  return undefined;
}

/** CPU time this process has used, user plus system, in microseconds. */
function cpuMicros(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

/** Run a scan for the parsed flags; returns the exit code. */
export async function scanCommand(flags: ScanFlags, interrupted: AbortSignal): Promise<ExitCode> {
  const request = toRequest(flags);
  if (interrupted.aborted) {
    throw new RpguardError(
      'INTERRUPTED',
      'interrupted before the scan started: nothing was scanned or written',
      ExitCode.Incomplete,
    );
  }
  const maxDetails = parseIntInRange('--max-details', flags.maxDetails, 0, 1_000_000);
  // `--output -` is stdout, as if no --output were given.
  const outputPath =
    flags.output === undefined || flags.output === '-' ? undefined : checkOutputPath(flags.output);
  const logger = createLogger(flags.logLevel, flags.logFormat);
  const color = flags.color && process.stdout.isTTY === true && !process.env.NO_COLOR;
  const stdoutIsReport = flags.format !== 'console' && !outputPath;

  const retained = new RetainingSink();
  const file = outputPath ? openOutput(outputPath) : undefined;
  const machine = machineSink(
    flags.format,
    file ?? { write: (text) => process.stdout.write(text) },
    !request.omitPasses,
  );
  const progress = newScanProgress();
  const display =
    process.stderr.isTTY && !flags.quiet && flags.logLevel !== 'debug'
      ? new ProgressDisplay(progress)
      : undefined;
  // Gaps are in every report; the log repeats them at info level as structured records. While the
  // progress line is drawn they wait, so they never land in the middle of it.
  const pendingLogs: (() => void)[] = [];
  const logLater = (write: () => void) => (display ? pendingLogs.push(write) : write());
  const logGaps: FindingSink = {
    passes: false,
    write: () => undefined,
    gap: (gap) =>
      logLater(() =>
        logger.info(
          {
            gap: {
              ...gap.scope,
              operation: gap.operation,
              errorName: gap.errorName,
              requestId: gap.requestId,
              httpStatus: gap.httpStatus,
            },
          },
          `not read: ${describeGap(gap)}`,
        ),
      ),
  };
  const sinks: FindingSink[] = [retained, logGaps, ...(machine ? [machine] : [])];

  // Ctrl-C: stop cleanly, keep what was judged, write it marked incomplete. A second Ctrl-C exits at once.
  interrupted.addEventListener('abort', () =>
    logger.warn('stopping on a signal; what was judged so far will be written, marked incomplete'),
  );

  logger.info(
    {
      accounts: request.accounts ?? (request.org ? 'organization' : 'caller'),
      regions: request.regions ?? 'all-enabled',
    },
    'scan started',
  );
  display?.start();
  const cpuBefore = cpuMicros();
  let outcome: ScanOutcome;
  try {
    const onEvent = (event: ScanEvent) => logLater(() => logger.debug(event, event.event));
    outcome = await runScan({ ...request, signal: interrupted, onEvent }, new TeeSink(sinks), progress);
  } catch (error) {
    file?.discard();
    throw error;
  } finally {
    display?.stop();
    for (const write of pendingLogs.splice(0)) write();
  }
  const exitCode = scanExitCode(outcome.summary.findings, outcome.complete);
  machine?.finish(outcome, request, exitCode);
  const consoleText = (withColor: boolean) =>
    formatConsoleReport(outcome, retained.asRetained(), exitCode, {
      color: withColor,
      maxDetails,
      fullReportPath: file && flags.format !== 'console' ? outputPath : undefined,
    });
  if (file && flags.format === 'console') file.write(consoleText(false));
  file?.commit();
  // With the report on stdout (json/ndjson, no --output), keep it the only thing there.
  if (!stdoutIsReport && !(flags.quiet && file)) process.stdout.write(consoleText(color));
  if (file) logger.info(`wrote ${flags.format} report to ${outputPath}`);
  logger.info(
    {
      exitCode,
      recoveryPointsJudged: outcome.recoveryPointsJudged,
      gaps: outcome.gaps.length,
      apiCalls: outcome.apiCalls,
      // What the scan cost this process: for the benchmark and for capacity planning.
      durationMs: Date.parse(outcome.finishedAt) - Date.parse(outcome.startedAt),
      scanCpuMicros: cpuMicros() - cpuBefore,
      maxRssKiB: process.resourceUsage().maxRSS,
    },
    'scan finished',
  );
  return exitCode;
}
