/** Bad input gets one line naming the problem and the place, exit code 2, never a stack trace or a PASS. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/emulator/scenario-loader.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { isolatedAwsEnv, runCli, type CliResult } from '../support/cli.js';

let emulator: RunningEmulator;
const dir = mkdtempSync(join(tmpdir(), 'rpguard-bad-input-'));

beforeAll(async () => {
  emulator = await startEmulator({ scenario: loadScenario('small') });
});
afterAll(() => emulator.close());

/** A port nothing listens on: bind one, then release it. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function expectOneLineError(run: CliResult, pattern: RegExp): void {
  expect(run.code).toBe(2);
  const lines = run.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(run.stderr).not.toMatch(/\n\s+at /);
  expect(run.stdout).not.toContain('PASS');
}

describe('bad input', () => {
  it.each([
    [['scan', '--bogus'], /^rpguard: unknown option '--bogus'/],
    [['scna'], /^rpguard: unknown command 'scna'/],
    [['scan', '--regions', 'us-east-1,mars-1'], /^rpguard: --regions: 'mars-1' is not an AWS region name/],
    [['scan', '--regions', ''], /^rpguard: --regions: give at least one region/],
    [['scan', '--format', 'xml'], /^rpguard: option '--format <format>' argument 'xml' is invalid/],
    [['scan', '--accounts', '12345'], /^rpguard: --accounts: '12345' is not a 12-digit AWS account id/],
    [
      ['scan', '--org', '--accounts', '111122223333'],
      /^rpguard: --org and --accounts cannot be used together/,
    ],
    [['scan', '--shard', '3/2'], /^rpguard: --shard: '3\/2' must be K\/N/],
    [['scan', '--max-rps', '0'], /^rpguard: --max-rps: '0' must be a whole number from 1 to 50/],
    [
      ['scan', '--endpoint-url', 'localhost:4566'],
      /^rpguard: --endpoint-url: 'localhost:4566' must be an http/,
    ],
    [
      ['scan', '--output', '/nonexistent-dir/x.json'],
      /^rpguard: --output: folder \/nonexistent-dir does not exist/,
    ],
    [['emulator', '--port', '99999'], /port/],
    [['merge', '--output', 'x.json'], /^rpguard: missing required argument 'files'/],
  ])('%j', async (args, pattern) => {
    expectOneLineError(await runCli(args), pattern);
  });

  it('an unreadable or malformed scenario file', async () => {
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"name": "x", "accounts": [');
    expectOneLineError(
      await runCli(['emulator', '--scenario', broken]),
      /^rpguard: scenario .*broken\.json: .*JSON/,
    );
    const wrong = join(dir, 'wrong.json');
    writeFileSync(wrong, JSON.stringify({ name: 'x', accounts: [{ accountId: '12', regions: {} }] }));
    expectOneLineError(
      await runCli(['emulator', '--scenario', wrong]),
      /^rpguard: scenario .*wrong\.json: accounts\[0\]\.accountId: /,
    );
    expectOneLineError(
      await runCli(['emulator', '--scenario', join(dir, 'missing.json')]),
      /^rpguard: scenario .*missing\.json/,
    );
  });

  it('an unreachable endpoint', async () => {
    const port = await deadPort();
    const run = await runCli(['scan', '--endpoint-url', `http://127.0.0.1:${port}`, '--max-attempts', '1']);
    expectOneLineError(
      run,
      new RegExp(`^rpguard: cannot reach http://127.0.0.1:${port} for sts:GetCallerIdentity: .*ECONNREFUSED`),
    );
  });

  it('missing credentials', async () => {
    const env = isolatedAwsEnv({ AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined });
    const run = await runCli(['scan', '--endpoint-url', emulator.url], env);
    expectOneLineError(run, /^rpguard: no usable AWS credentials: /);
  });

  it('a merge input that is not an rpguard report', async () => {
    const notReport = join(dir, 'not-report.json');
    writeFileSync(notReport, JSON.stringify({ hello: 'world' }));
    expectOneLineError(
      await runCli(['merge', notReport, '--output', join(dir, 'out.json')]),
      /^rpguard: merge: .*not-report\.json: not an rpguard JSON report/,
    );
    const truncated = join(dir, 'truncated.json');
    writeFileSync(truncated, '{"schemaVersion":"1.0.0","tool":{"name":"rpguard"},"findings":[{"a":1}');
    expectOneLineError(
      await runCli(['merge', truncated, '--output', join(dir, 'out.json')]),
      /^rpguard: merge: .*truncated\.json: /,
    );
  });

  it('two whole-scan reports (a copy) cannot be merged into a double count', async () => {
    const whole = join(dir, 'whole.json');
    const scan = await runCli([
      'scan',
      '--endpoint-url',
      emulator.url,
      '--format',
      'json',
      '--output',
      whole,
    ]);
    expect(scan.code).toBe(0);
    const copy = join(dir, 'whole-copy.json');
    writeFileSync(copy, readFileSync(whole));
    expectOneLineError(
      await runCli(['merge', whole, copy, '--output', join(dir, 'merged.json')]),
      /^rpguard: merge: .*whole(-copy)?\.json: is a whole-scan report/,
    );
  });

  it('shards of different scans cannot be merged into a false whole', async () => {
    const a = join(dir, 'scan-a-1of2.json');
    const b = join(dir, 'scan-b-2of2.json');
    await runCli([
      'scan',
      '--endpoint-url',
      emulator.url,
      '--regions',
      'us-east-1',
      '--shard',
      '1/2',
      '--format',
      'json',
      '--output',
      a,
    ]);
    await runCli([
      'scan',
      '--endpoint-url',
      emulator.url,
      '--regions',
      'us-east-1,eu-west-1',
      '--shard',
      '2/2',
      '--format',
      'json',
      '--output',
      b,
    ]);
    expectOneLineError(
      await runCli(['merge', a, b, '--output', join(dir, 'false-whole.json')]),
      /^rpguard: merge: .*scan-b-2of2\.json: was scanned with other accounts or options/,
    );
  });

  it('merge never writes over a device or a folder', async () => {
    const input = join(dir, 'any-input.json');
    writeFileSync(input, '{}');
    expectOneLineError(
      await runCli(['merge', input, '--output', '/dev/null']),
      /^rpguard: --output: \/dev\/null exists and is not a regular file/,
    );
  });

  it('help and version exit 0', async () => {
    const help = await runCli(['scan', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--require-cmk');
    const version = await runCli(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
