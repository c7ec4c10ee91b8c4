/**
 * `rpguard emulator`: serve a scenario on a local AWS-compatible endpoint until SIGINT/SIGTERM.
 * The base URL is the first line on stdout so scripts can read it; the summary goes to stderr.
 */
import type { Command } from 'commander';
import { UsageError } from '../../core/errors.js';
import { loadScenario } from '../../emulator/scenario-loader.js';
import type { Scenario } from '../../emulator/scenario-schema.js';
import { startEmulator } from '../../emulator/server.js';

function parsePort(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 65535)
    throw new UsageError(`--port must be an integer from 0 to 65535 (0 picks a free port), got '${value}'`);
  return Number(value);
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
    return `account ${account.accountId}${account.name ? ` (${account.name})` : ''}: ${regions.length} regions${skipped}, ${vaults} vaults, ${points} recovery points`;
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

/** Adds `rpguard emulator [--port N] [--host H] [--scenario NAME|FILE]` to the program. */
export function registerEmulatorCommand(program: Command): void {
  program
    .command('emulator')
    .description('Serve a local AWS-compatible endpoint (Backup, KMS, STS, EC2 subsets) for a scenario.')
    .option('--port <n>', 'TCP port; 0 picks a free one', '0')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--scenario <name|file>', 'shipped scenario name or path to a scenario JSON file', 'demo')
    .action(async (opts: { port: string; host: string; scenario: string }) => {
      const port = parsePort(opts.port);
      const scenario = loadScenario(opts.scenario);
      const emulator = await startEmulator({ scenario, host: opts.host, port });
      process.stdout.write(`${emulator.url}\n`);
      process.stderr.write(`rpguard emulator: scenario '${scenario.name}'\n`);
      for (const line of summarizeScenario(scenario)) process.stderr.write(`  ${line}\n`);
      await untilSignal();
      await emulator.close();
    });
}
