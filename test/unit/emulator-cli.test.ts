import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { registerEmulatorCommand } from '../../src/cli/commands/emulator.js';
import { ScenarioError, UsageError } from '../../src/core/errors.js';

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
    expect(err.join('')).toMatch(/account 111122223333 \(small\): 1 regions, 2 vaults, 4 recovery points/);
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
});
