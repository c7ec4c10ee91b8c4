import { Option, type Command } from 'commander';
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError, type ExitCode } from '../../core/errors.js';
import { scanExitCode } from '../../core/exit-code.js';
import { AtomicFile } from '../../report/atomic-file.js';
import { formatConsoleReport } from '../../report/console-report.js';
import { JsonReportSink, type TextTarget } from '../../report/json-sink.js';
import { RetainingSink, TeeSink } from '../../report/retaining-sink.js';
import { runScan } from '../../scan/run-scan.js';
import type { FindingSink, ScanRequest } from '../../scan/scan-types.js';
import { parseEndpointUrl, parseIntInRange, parseRegion, parseRegionList } from '../parse.js';
import { toolInfo } from '../version.js';

interface ScanFlags {
  profile?: string;
  region?: string;
  regions?: string;
  endpointUrl?: string;
  requireCmk?: boolean;
  format: 'console' | 'json';
  output?: string;
  maxDetails: string;
  maxAttempts: string;
  color: boolean;
}

/** `rpguard scan`: audit every recovery point's encryption, read-only. */
export function registerScanCommand(program: Command, setExitCode: (code: ExitCode) => void): void {
  program
    .command('scan')
    .description(
      'Audit every AWS Backup recovery point in the account: is it encrypted at rest, and with what key? Read-only.',
    )
    .option('--profile <name>', 'named AWS profile (default: the SDK credential chain)')
    .option(
      '--region <region>',
      'region for STS and region discovery (default: AWS_REGION, AWS_DEFAULT_REGION or us-east-1)',
    )
    .option('--regions <list>', 'comma-separated regions to scan (default: every enabled region)')
    .option(
      '--endpoint-url <url>',
      'send every AWS call to this endpoint (the rpguard emulator, moto, LocalStack)',
    )
    .option(
      '--require-cmk',
      'also require customer-managed KMS keys (rule backup/recovery-point-customer-managed-key)',
    )
    .addOption(
      new Option('--format <format>', 'report format for --output (or stdout)')
        .choices(['console', 'json'])
        .default('console'),
    )
    .option(
      '--output <file>',
      'write the report to this file (atomically); the console summary still goes to stdout',
    )
    .option('--max-details <n>', 'failing points to detail in the console report', '50')
    .option('--max-attempts <n>', 'attempts per AWS call, including retries', '4')
    .option('--no-color', 'no ANSI colours (also NO_COLOR)')
    .action(async (flags: ScanFlags) => setExitCode(await scanCommand(flags)));
}

function toRequest(flags: ScanFlags): ScanRequest {
  const envRegion = process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION;
  return {
    profile: flags.profile,
    endpointUrl:
      flags.endpointUrl === undefined ? undefined : parseEndpointUrl('--endpoint-url', flags.endpointUrl),
    homeRegion: parseRegion(
      flags.region ? '--region' : 'AWS_REGION',
      flags.region ?? envRegion ?? 'us-east-1',
    ),
    regions: flags.regions === undefined ? undefined : parseRegionList('--regions', flags.regions),
    requireCmk: flags.requireCmk === true,
    maxAttempts: parseIntInRange('--max-attempts', flags.maxAttempts, 1, 20),
  };
}

function checkOutputPath(output: string): string {
  const path = resolve(output);
  const dir = dirname(path);
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new UsageError(`--output: folder ${dir} does not exist`);
  if (existsSync(path) && statSync(path).isDirectory())
    throw new UsageError(`--output: ${path} is a folder, not a file`);
  return path;
}

async function scanCommand(flags: ScanFlags): Promise<ExitCode> {
  const request = toRequest(flags);
  const maxDetails = parseIntInRange('--max-details', flags.maxDetails, 0, 1_000_000);
  const outputPath = flags.output === undefined ? undefined : checkOutputPath(flags.output);
  const color = flags.color && process.stdout.isTTY === true && !process.env.NO_COLOR;

  const retained = new RetainingSink();
  const sinks: FindingSink[] = [retained];
  const file = outputPath ? new AtomicFile(outputPath) : undefined;
  const jsonTarget: TextTarget | undefined =
    flags.format === 'json' ? (file ?? { write: (text) => process.stdout.write(text) }) : undefined;
  const json = jsonTarget ? new JsonReportSink(jsonTarget, toolInfo) : undefined;
  if (json) sinks.push(json);

  try {
    const outcome = await runScan(request, new TeeSink(sinks));
    const exitCode = scanExitCode(outcome.summary.findings, outcome.complete);
    const text = formatConsoleReport(outcome, retained.asRetained(), exitCode, {
      color,
      maxDetails,
    });
    json?.finish(outcome, request, exitCode);
    if (file && flags.format === 'console')
      file.write(formatConsoleReport(outcome, retained.asRetained(), exitCode, { color: false, maxDetails }));
    file?.commit();
    // JSON on stdout is for pipes: keep it the only thing there.
    if (!(flags.format === 'json' && !file)) process.stdout.write(text);
    if (file) process.stderr.write(`rpguard: wrote ${flags.format} report to ${outputPath}\n`);
    return exitCode;
  } catch (error) {
    file?.discard();
    throw error;
  }
}
