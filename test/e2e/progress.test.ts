/** The live progress line appears on a terminal only, and never with --quiet. */
import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../src/emulator/server.js';
import { isolatedAwsEnv, runCli } from '../support/cli.js';
import { oneAccountScenario, startScenario } from '../support/emulator.js';
import { cliPath } from '../support/paths.js';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startScenario(
    oneAccountScenario('progress', {
      'us-east-1': { vaults: [{ BackupVaultName: 'progress-vault', generate: { count: 30_000 } }] },
    }),
  );
});
afterAll(() => emulator.close());

/** Run the CLI under util-linux `script`, so stderr is a pseudo-terminal; stdout goes to /dev/null. */
function onTerminal(args: string[]): Promise<string> {
  const command = [process.execPath, cliPath, ...args].map((a) => `'${a}'`).join(' ');
  return new Promise((resolve, reject) =>
    execFile(
      'script',
      ['-qec', `${command} > /dev/null`, '/dev/null'],
      { env: isolatedAwsEnv(), timeout: 60_000 },
      (error, stdout) => (error && typeof error.code !== 'number' ? reject(error) : resolve(stdout)),
    ),
  );
}

describe('progress display', () => {
  it('shows accounts, regions, vaults, points, rate and ETA on a terminal', async () => {
    const screen = await onTerminal(['scan', '--endpoint-url', emulator.url, '--regions', 'us-east-1']);
    expect(screen).toMatch(
      /accounts \d+\/1 \| regions \d+\/1 \| vaults \d+\/1 \| points \d+\/30000 \| \d+\/s \| ETA /,
    );
  });

  it('stays silent with --quiet and when stderr is not a terminal', async () => {
    const quiet = await onTerminal([
      'scan',
      '--endpoint-url',
      emulator.url,
      '--regions',
      'us-east-1',
      '--quiet',
    ]);
    expect(quiet).not.toContain('ETA');
    const piped = await runCli(['scan', '--endpoint-url', emulator.url, '--regions', 'us-east-1']);
    expect(piped.code).toBe(0);
    expect(piped.stderr).toBe('');
  });
});
