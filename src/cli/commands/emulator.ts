/**
 * `rpguard emulator`: serve a scenario (or a generated estate) on a local AWS-compatible endpoint
 * until SIGINT/SIGTERM, optionally slow, throttling and faulty. The base URL is the first line on
 * stdout so scripts can read it; the summary goes to stderr.
 */
import type { Command } from 'commander';
import { UsageError } from '../../core/errors.js';
import { generateScenario, parseGenerateSpec } from '../../emulator/generate.js';
import { describeLoad, type LoadOptions } from '../../emulator/load/options.js';
import { loadScenario } from '../../emulator/scenario-loader.js';
import type { Scenario } from '../../emulator/scenario-schema.js';
import { startEmulator } from '../../emulator/server.js';

function parsePort(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 65535)
    throw new UsageError(`--port must be an integer from 0 to 65535 (0 picks a free port), got '${value}'`);
  return Number(value);
}

/** A non-negative decimal number for `flag` (milliseconds, shares, rates). */
function parseNumber(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+(\.\d+)?$/.test(value))
    throw new UsageError(`${flag} must be a non-negative number, got '${value}'`);
  return Number(value);
}

/** Commander collector: repeatable, comma-separated values accumulate into one list. */
function collect(value: string, previous: string[] = []): string[] {
  return [
    ...previous,
    ...value
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean),
  ];
}

/** `ACCOUNT/REGION=RPS` pairs from `--throttle`. */
function parseThrottle(values: string[] | undefined): Record<string, number> | undefined {
  if (!values) return undefined;
  const out: Record<string, number> = {};
  for (const v of values) {
    const [scope = '', rps, ...rest] = v.split('=');
    if (rps === undefined || rest.length)
      throw new UsageError(`--throttle: '${v}' must be ACCOUNT/REGION=CALLS_PER_SECOND`);
    out[scope] = parseNumber('--throttle', rps) ?? 0;
  }
  return out;
}

/** One stderr line per account: regions, vaults and recovery points served. */
export function summarizeScenario(scenario: Scenario): string[] {
  return scenario.accounts.map((account) => {
    const regions = Object.entries(account.regions);
    const notOptedIn = regions.filter(([, r]) => r.optInStatus === 'not-opted-in').map(([name]) => name);
    let vaults = 0;
    let points = 0;
    for (const [, r] of regions) {
      vaults += r.vaults.length + (r.generateVaults?.vaults ?? 0);
      points += (r.generateVaults?.vaults ?? 0) * (r.generateVaults?.pointsPerVault ?? 0);
      for (const v of r.vaults) points += v.points.length + (v.generate?.count ?? 0);
    }
    const skipped = notOptedIn.length ? ` (not opted in: ${notOptedIn.join(', ')})` : '';
    const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
    return `account ${account.accountId}${account.name ? ` (${account.name})` : ''}: ${count(regions.length, 'region')}${skipped}, ${count(vaults, 'vault')}, ${count(points, 'recovery point')}`;
  });
}

/** Resolves once the process receives SIGINT or SIGTERM. */
function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

interface EmulatorFlags {
  port: string;
  host: string;
  scenario?: string;
  generate?: string;
  latency?: string;
  latencyJitter?: string;
  rateLimits?: string;
  throttle?: string[];
  fault5xxRate?: string;
  faultDropRate?: string;
  deny?: string[];
  denyAssumeRole?: string[];
  seed?: string;
}

/** The load settings the flags ask for; range and scope checks happen in startEmulator. */
export function loadOptionsFromFlags(opts: EmulatorFlags): LoadOptions {
  if (opts.rateLimits !== undefined && opts.rateLimits !== 'aws' && opts.rateLimits !== 'off')
    throw new UsageError(`--rate-limits must be 'aws' or 'off', got '${opts.rateLimits}'`);
  if (opts.seed !== undefined && !/^\d+$/.test(opts.seed))
    throw new UsageError(`--seed must be a non-negative integer, got '${opts.seed}'`);
  return {
    latencyMs: parseNumber('--latency', opts.latency),
    jitterMs: parseNumber('--latency-jitter', opts.latencyJitter),
    rateLimits: opts.rateLimits as LoadOptions['rateLimits'],
    throttle: parseThrottle(opts.throttle),
    fault5xxRate: parseNumber('--fault-5xx-rate', opts.fault5xxRate),
    faultDropRate: parseNumber('--fault-drop-rate', opts.faultDropRate),
    deny: opts.deny,
    denyAssumeRole: opts.denyAssumeRole,
    seed: opts.seed === undefined ? undefined : Number(opts.seed),
  };
}

const HELP_AFTER = `
Scopes are ACCOUNT/REGION (e.g. 100000000002/eu-west-1), or ACCOUNT/REGION/VAULT for --deny.
Rate limits (--rate-limits aws) follow AWS Backup's published defaults per account and region:
List* 20/s, DescribeRecoveryPoint 15/s, DescribeBackupVault 5/s, all Backup calls 50/s; KMS
DescribeKey 1000/s, ListAliases 100/s. Each bucket holds one second of burst. Calls over a limit
get ThrottlingException (HTTP 400), which AWS SDKs retry with backoff.
Faults hit Backup and KMS calls only; with --seed the same calls fail on every run (calls are
drawn in arrival order). GET /_emulator/stats counts calls, throttled calls and faults.

Examples:
  rpguard emulator --generate accounts=20,regions=4,vaults=50,points=1000000,unencrypted=1000
  rpguard emulator --scenario demo --latency 40 --latency-jitter 20 --rate-limits aws
  rpguard emulator --generate accounts=3,regions=2,vaults=2,points=100 --deny 100000000002/us-west-2 \\
      --deny-assume-role 100000000003 --fault-5xx-rate 0.05 --fault-drop-rate 0.01 --seed 7`;

/** Adds `rpguard emulator` with its scenario, generation and load flags to the program. */
export function registerEmulatorCommand(program: Command): void {
  program
    .command('emulator')
    .description(
      'Serve a local AWS-compatible endpoint (Backup, KMS, STS, EC2, Organizations subsets) for a ' +
        'scenario or a generated estate, optionally slow, throttling and faulty.',
    )
    .option('--port <n>', 'TCP port; 0 picks a free one', '0')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--scenario <name|file>', 'shipped scenario name or path to a scenario JSON file (default: demo)')
    .option(
      '--generate <spec>',
      'serve a generated estate instead of a scenario: accounts=A,regions=R,vaults=V,points=P' +
        '[,unencrypted=N] (A accounts from 100000000001, the first being the management account; ' +
        'R regions from us-east-1, us-west-2, eu-west-1, ...; V vaults per region; P points per ' +
        'vault, generated on demand; every Nth point unencrypted, 0 = none)',
    )
    .option('--latency <ms>', 'delay every answer by this many milliseconds')
    .option('--latency-jitter <ms>', 'vary each delay uniformly by up to ± this many milliseconds')
    .option('--rate-limits <mode>', "'aws' for AWS's default quotas per account and region, or 'off'", 'off')
    .option(
      '--throttle <scope=rps>',
      'cap all Backup and KMS calls of ACCOUNT/REGION at RPS calls a second (repeatable)',
      collect,
    )
    .option('--fault-5xx-rate <share>', 'answer this share (0-1) of Backup/KMS calls with a 503')
    .option('--fault-drop-rate <share>', 'drop the connection of this share (0-1) of Backup/KMS calls')
    .option(
      '--deny <scope>',
      'answer AccessDeniedException (403) to Backup calls in ACCOUNT/REGION[/VAULT] (repeatable, comma-separated)',
      collect,
    )
    .option(
      '--deny-assume-role <accounts>',
      'refuse STS AssumeRole into these accounts (comma-separated)',
      collect,
    )
    .option('--seed <n>', 'seed for fault and jitter draws, so runs repeat exactly')
    .addHelpText('after', HELP_AFTER)
    .action(async (opts: EmulatorFlags) => {
      const port = parsePort(opts.port);
      if (opts.generate !== undefined && opts.scenario !== undefined)
        throw new UsageError('--generate and --scenario cannot be used together; pick one');
      const load = loadOptionsFromFlags(opts);
      const scenario =
        opts.generate !== undefined
          ? generateScenario(parseGenerateSpec(opts.generate))
          : loadScenario(opts.scenario ?? 'demo');
      const emulator = await startEmulator({ scenario, host: opts.host, port, load }).catch(
        (error: unknown) => {
          const code = (error as { code?: unknown }).code;
          if (code === 'EADDRINUSE' || code === 'EADDRNOTAVAIL' || code === 'EACCES') {
            throw new UsageError(`--port/--host: cannot listen on ${opts.host}:${port} (${String(code)})`);
          }
          throw error;
        },
      );
      process.stdout.write(`${emulator.url}\n`);
      process.stderr.write(`rpguard emulator: scenario '${scenario.name}'\n`);
      const summary =
        opts.generate !== undefined && scenario.description
          ? [scenario.description]
          : summarizeScenario(scenario);
      for (const line of [...summary, ...describeLoad(load)]) process.stderr.write(`  ${line}\n`);
      await untilSignal();
      await emulator.close();
    });
}
