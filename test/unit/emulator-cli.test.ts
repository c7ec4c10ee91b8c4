import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { registerEmulatorCommand } from '../../src/cli/commands/emulator.js';
import { ScenarioError, UsageError } from '../../src/core/errors.js';
import { sigv4 } from './emulator-helpers.js';

function program(): Command {
  const p = new Command('rpguard').exitOverride();
  registerEmulatorCommand(p);
  return p;
}

afterEach(() => vi.restoreAllMocks());

describe('rpguard emulator', () => {
  it('prints the base URL first on stdout, a summary on stderr, and stops on SIGTERM', async () => {
    const out: string[] = [];
    const err: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (err.push(String(chunk)), true));
    const run = program().parseAsync(['node', 'rpguard', 'emulator', '--scenario', 'small']);
    await vi.waitFor(() => expect(out.length).toBeGreaterThan(0));
    expect(out[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\n$/);
    expect(err.join('')).toMatch(/account 111122223333 \(small\): 1 region, 2 vaults, 4 recovery points/);
    const stats = await fetch(`${out[0]?.trim()}/_emulator/stats`);
    expect(stats.status).toBe(200);
    process.emit('SIGTERM');
    await run;
    await expect(fetch(`${out[0]?.trim()}/_emulator/stats`)).rejects.toThrow();
  });

  it('rejects a bad port with a UsageError and a bad scenario with a ScenarioError', async () => {
    await expect(
      program().parseAsync(['node', 'rpguard', 'emulator', '--port', 'http']),
    ).rejects.toBeInstanceOf(UsageError);
    await expect(
      program().parseAsync(['node', 'rpguard', 'emulator', '--port', '70000']),
    ).rejects.toBeInstanceOf(UsageError);
    await expect(
      program().parseAsync(['node', 'rpguard', 'emulator', '--scenario', 'nope']),
    ).rejects.toBeInstanceOf(ScenarioError);
  });

  it('serves a generated estate with load flags, URL first', async () => {
    const out: string[] = [];
    const err: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (err.push(String(chunk)), true));
    const run = program().parseAsync([
      'node',
      'rpguard',
      'emulator',
      '--generate',
      'accounts=3,regions=2,vaults=2,points=1000000,unencrypted=7',
      '--rate-limits',
      'aws',
      '--throttle',
      '100000000001/us-west-2=1',
      '--deny',
      '100000000001/us-east-1/gen-vault-002,100000000002/us-east-1',
      '--deny-assume-role',
      '100000000003',
      '--latency',
      '1',
      '--latency-jitter',
      '1',
      '--fault-5xx-rate',
      '0',
      '--fault-drop-rate',
      '0',
      '--seed',
      '9',
    ]);
    await vi.waitFor(() => expect(out.length).toBeGreaterThan(0));
    expect(out[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\n$/);
    const url = out[0]?.trim() ?? '';
    expect(err.join('')).toContain('3 accounts, 2 regions, 2 vaults per region, 1000000 points per vault');
    expect(err.join('')).toMatch(/load: latency 1±1 ms, AWS rate limits, .*seed 9/);
    const get = (path: string, region = 'us-east-1') =>
      fetch(`${url}${path}`, { headers: sigv4('backup', region) }).then((r) => r.status);
    expect(await get('/backup-vaults/gen-vault-001/recovery-points/')).toBe(200);
    expect(await get('/backup-vaults/gen-vault-002/recovery-points/')).toBe(403);
    expect([await get('/backup-vaults/', 'us-west-2'), await get('/backup-vaults/', 'us-west-2')]).toEqual([
      200, 400,
    ]);
    process.emit('SIGTERM');
    await run;
  });

  it('rejects --generate with --scenario, and bad load flags, with UsageErrors', async () => {
    const gen = ['--generate', 'accounts=1,regions=1,vaults=1,points=1'];
    const bad = [
      [...gen, '--scenario', 'small'],
      ['--generate', 'accounts=1'],
      [...gen, '--rate-limits', 'fast'],
      [...gen, '--latency', 'slow'],
      [...gen, '--fault-5xx-rate', '2'],
      [...gen, '--seed', '-1'],
      [...gen, '--deny', '999999999999/us-east-1'],
      [...gen, '--throttle', '100000000001/us-east-1'],
      [...gen, '--deny-assume-role', '100000000009'],
    ];
    for (const args of bad) {
      await expect(
        program().parseAsync(['node', 'rpguard', 'emulator', ...args]),
        args.join(' '),
      ).rejects.toBeInstanceOf(UsageError);
    }
  });

  it('documents every flag in --help', () => {
    const help = program().commands[0]?.helpInformation() ?? '';
    for (const flag of [
      '--scenario',
      '--generate',
      '--latency ',
      '--latency-jitter',
      '--rate-limits',
      '--throttle',
      '--fault-5xx-rate',
      '--fault-drop-rate',
      '--deny ',
      '--deny-assume-role',
      '--seed',
    ])
      expect(help, flag).toContain(flag);
  });
});
