import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../../src/core/errors.js';
import { loadScenario } from '../../src/emulator/scenario-loader.js';

const dir = mkdtempSync(join(tmpdir(), 'rpguard-scenario-'));
function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}
const base = (regions: unknown) =>
  JSON.stringify({ name: 't', accounts: [{ accountId: '111122223333', regions }] }, null, 2);

/** Loads and returns the ScenarioError message, asserting it is one line naming the file. */
function failure(path: string): string {
  try {
    loadScenario(path);
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioError);
    const message = (e as Error).message;
    expect(message).not.toContain('\n');
    expect(message.startsWith(`scenario ${path}: `)).toBe(true);
    return message;
  }
  throw new Error('expected a ScenarioError');
}

describe('loadScenario', () => {
  it('resolves bare names to the shipped scenarios', () => {
    expect(loadScenario('demo').accounts[0]?.accountId).toBe('111122223333');
    expect(loadScenario('small').name).toBe('small');
  });

  it('names the shipped scenarios when a bare name is unknown', () => {
    expect(() => loadScenario('no-such-scenario')).toThrow(
      /no scenario named 'no-such-scenario' \(shipped: .*demo/,
    );
  });

  it('reports a missing file', () => {
    expect(failure(join(dir, 'missing.json'))).toMatch(/file not found$/);
  });

  it('reports invalid JSON with line, column and position', () => {
    const path = file('bad.json', '{\n  "name": "x",\n  "accounts": [}\n');
    expect(failure(path)).toMatch(/invalid JSON at line 3, column 16 \(position 32\): unexpected "}"$/);
    expect(failure(file('cut.json', '{"name": "x"'))).toMatch(/unexpected end of input$/);
  });

  it('reports a schema violation with its JSON path', () => {
    const path = file(
      'schema.json',
      base({ 'us-east-1': { vaults: [{ BackupVaultName: 'ok-vault' }, { BackupVaultName: 'x' }] } }),
    );
    expect(failure(path)).toMatch(
      /: accounts\[0\]\.regions\.us-east-1\.vaults\[1\]\.BackupVaultName: vault names are 2-50 letters/,
    );
  });

  it('reports unknown fields and bad region names', () => {
    expect(failure(file('extra.json', base({ 'us-east-1': { vault: [] } })))).toMatch(
      /accounts\[0\]\.regions\.us-east-1: Unrecognized key/,
    );
    expect(failure(file('region.json', base({ 'US-EAST': {} })))).toMatch(
      /accounts\[0\]\.regions.*region name/,
    );
  });

  it('reports duplicate vault names in a region', () => {
    const path = file(
      'dup.json',
      base({ 'us-east-1': { vaults: [{ BackupVaultName: 'a-vault' }, { BackupVaultName: 'a-vault' }] } }),
    );
    expect(failure(path)).toMatch(
      /accounts\[0\]\.regions\.us-east-1\.vaults\[1\]\.BackupVaultName: duplicate vault name a-vault/,
    );
  });

  it('reports KEY: references to keys missing from the account and region', () => {
    const regions = {
      'us-east-1': { keys: [{ KeyId: 'k1' }] },
      'eu-west-1': {
        vaults: [
          { BackupVaultName: 'v1', points: [{ RecoveryPointArn: 'arn:x', EncryptionKeyArn: 'KEY:k1' }] },
        ],
      },
    };
    expect(failure(file('ref.json', base(regions)))).toMatch(
      /accounts\[0\]\.regions\.eu-west-1\.vaults\[0\]\.points\[0\]\.EncryptionKeyArn: KEY:k1 names no key in 111122223333 eu-west-1$/,
    );
  });
});

describe('loadScenario, input found by a fault-injection review', () => {
  it('accepts a UTF-8 byte-order mark', () => {
    const path = file('bom.json', `\uFEFF${base({})}`);
    expect(loadScenario(path).name).toBe('t');
  });

  it('refuses a "__proto__" key, naming its path', () => {
    const path = file(
      'proto.json',
      '{"name":"t","accounts":[{"accountId":"111122223333","regions":{"__proto__":{}}}]}',
    );
    expect(failure(path)).toBe(
      `scenario ${path}: accounts[0].regions.__proto__: "__proto__" is not allowed as a key`,
    );
  });

  it('refuses failAfterPages without the error to answer after them', () => {
    const path = file(
      'fail-after.json',
      base({ 'us-east-1': { vaults: [{ BackupVaultName: 'v1', failAfterPages: 2 }] } }),
    );
    expect(failure(path)).toContain('vaults[0].failAfterPages: needs listRecoveryPointsError');
  });
});
