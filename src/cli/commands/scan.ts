import { Option, type Command } from 'commander';
import type { ExitCode } from '../../core/errors.js';
import { DEFAULT_ROLE_NAME } from '../../scan/defaults.js';
import { claimInterrupts, releaseInterrupts } from '../interrupts.js';
import { logLevels, type LogFormat, type LogLevel } from '../log-levels.js';

export type Format = 'console' | 'json' | 'ndjson';

export interface ScanFlags {
  profile?: string;
  region?: string;
  regions?: string;
  excludeRegions?: string;
  accounts?: string;
  org?: boolean;
  excludeAccounts?: string;
  roleName: string;
  externalId?: string;
  shard?: string;
  endpointUrl?: string;
  requireCmk?: boolean;
  format: Format;
  output?: string;
  maxDetails: string;
  maxAttempts: string;
  maxRps?: string;
  readerThreads?: string;
  omitPasses?: boolean;
  color: boolean;
  quiet?: boolean;
  logLevel: LogLevel;
  logFormat: LogFormat;
}

/** `rpguard scan`: audit every recovery point's encryption, read-only. */
export function registerScanCommand(program: Command, setExitCode: (code: ExitCode) => void): void {
  program
    .command('scan')
    .description(
      'Audit every AWS Backup recovery point: is it encrypted at rest, and with what key? Read-only.',
    )
    .option('--profile <name>', 'named AWS profile (default: the SDK credential chain)')
    .option(
      '--region <region>',
      'region for STS, Organizations and region discovery (default: AWS_REGION, AWS_DEFAULT_REGION or us-east-1)',
    )
    .option('--regions <list>', 'comma-separated regions to scan (default: every enabled region)')
    .option('--exclude-regions <list>', 'regions not to scan')
    .option(
      '--accounts <ids>',
      'comma-separated account ids, each scanned through AssumeRole into --role-name',
    )
    .option(
      '--org',
      'scan every ACTIVE account of the organization (Organizations ListAccounts), through --role-name',
    )
    .option('--exclude-accounts <ids>', 'accounts not to scan')
    .option('--role-name <name>', 'role assumed in each account with --accounts or --org', DEFAULT_ROLE_NAME)
    .option('--external-id <id>', 'external id for AssumeRole')
    .option(
      '--shard <K/N>',
      'scan only shard K of N of the (account, region) pairs; combine with rpguard merge',
    )
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
        .choices(['console', 'json', 'ndjson'])
        .default('console'),
    )
    .option(
      '--output <file>',
      'write the report to this file (atomically; - for stdout); the console summary still goes to stdout',
    )
    .option(
      '--omit-passes',
      'leave PASS findings out of json/ndjson reports (the summary still counts them): far smaller reports, faster scans',
    )
    .option('--max-details <n>', 'failing points to detail in the console report', '50')
    .option('--max-attempts <n>', 'attempts per AWS call, including retries', '6')
    .option('--max-rps <n>', 'at most this many calls a second per account and region (below AWS quotas)')
    .option(
      '--reader-threads <n>',
      'threads that parse list pages, 0 for none (default: one per spare CPU core, at most 4)',
    )
    .option('--no-color', 'no ANSI colours (also NO_COLOR)')
    .option('--quiet', 'no progress display and no console summary when writing --output')
    .addOption(new Option('--log-level <level>', 'stderr log level').choices([...logLevels]).default('warn'))
    .addOption(
      new Option('--log-format <format>', 'stderr log format').choices(['text', 'json']).default('text'),
    )
    // The scan's modules (and the AWS SDK) load only when a scan runs, so --help and bad flags answer at once.
    .action(async (flags: ScanFlags) => {
      // Claimed before the scan's modules load, so a Ctrl-C in that second is kept, not lost.
      const interrupted = claimInterrupts();
      try {
        const { scanCommand } = await import('./scan-run.js');
        setExitCode(await scanCommand(flags, interrupted));
      } finally {
        releaseInterrupts();
      }
    });
}
