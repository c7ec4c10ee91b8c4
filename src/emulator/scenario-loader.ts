/**
 * Loads and checks a scenario file. Every failure is a ScenarioError whose message is one line
 * naming the file, the JSON path and the problem.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { ScenarioError } from '../core/errors.js';
import { locateJsonError } from './json-position.js';
import { scenarioSchema, type Scenario } from './scenario-schema.js';

/** `<repo>/scenarios`: both src/emulator and dist/emulator sit two levels below the repo root. */
export const SCENARIO_DIR = fileURLToPath(new URL('../../scenarios/', import.meta.url));

const BARE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/** The shipped scenario names (files in `<repo>/scenarios`). */
export function listScenarioNames(): string[] {
  try {
    return readdirSync(SCENARIO_DIR)
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.slice(0, -5))
      .sort();
  } catch {
    return [];
  }
}

/** Formats a JSON path like `accounts[0].regions.us-east-1.vaults[1].BackupVaultName`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((seg, i) => (typeof seg === 'number' ? `[${seg}]` : `${i === 0 ? '' : '.'}${String(seg)}`))
    .join('');
}

/** One problem found in a valid-shaped scenario. */
interface Problem {
  path: PropertyKey[];
  message: string;
}

/** Cross-reference checks the schema cannot express. */
export function findSemanticProblems(scenario: Scenario): Problem[] {
  const problems: Problem[] = [];
  const ids = scenario.accounts.map((a) => a.accountId);
  if (scenario.callerAccountId && !ids.includes(scenario.callerAccountId))
    problems.push({
      path: ['callerAccountId'],
      message: `account ${scenario.callerAccountId} is not in accounts`,
    });
  scenario.accounts.forEach((account, a) => {
    if (ids.indexOf(account.accountId) !== a)
      problems.push({
        path: ['accounts', a, 'accountId'],
        message: `duplicate account ${account.accountId}`,
      });
    for (const [regionName, region] of Object.entries(account.regions)) {
      const at = (...rest: PropertyKey[]) => ['accounts', a, 'regions', regionName, ...rest];
      const keyIds = region.keys.map((k) => k.KeyId);
      region.keys.forEach((k, i) => {
        if (keyIds.indexOf(k.KeyId) !== i)
          problems.push({ path: at('keys', i, 'KeyId'), message: `duplicate key ${k.KeyId}` });
        if (k.Alias && region.keys.findIndex((o) => o.Alias === k.Alias) !== i)
          problems.push({ path: at('keys', i, 'Alias'), message: `duplicate alias ${k.Alias}` });
      });
      const checkRef = (ref: string | undefined, path: PropertyKey[]) => {
        if (ref?.startsWith('KEY:') && !keyIds.includes(ref.slice(4)))
          problems.push({ path, message: `${ref} names no key in ${account.accountId} ${regionName}` });
      };
      const seen = new Set<string>();
      const generated = region.generateVaults
        ? Array.from(
            { length: region.generateVaults.vaults },
            (_, i) => `gen-vault-${String(i + 1).padStart(3, '0')}`,
          )
        : [];
      for (const name of generated) seen.add(`${account.accountId}/${name}`);
      region.vaults.forEach((v, i) => {
        const owner = v.ownerAccountId ?? account.accountId;
        if (v.ownerAccountId === account.accountId)
          problems.push({
            path: at('vaults', i, 'ownerAccountId'),
            message: 'must name another account than the one holding the vault',
          });
        const id = `${owner}/${v.BackupVaultName}`;
        if (seen.has(id))
          problems.push({
            path: at('vaults', i, 'BackupVaultName'),
            message: `duplicate vault name ${v.BackupVaultName} in ${regionName}`,
          });
        seen.add(id);
        if (v.failAfterPages !== undefined && !v.listRecoveryPointsError)
          problems.push({
            path: at('vaults', i, 'failAfterPages'),
            message: 'needs listRecoveryPointsError: the error to answer after those pages',
          });
        checkRef(v.EncryptionKeyArn, at('vaults', i, 'EncryptionKeyArn'));
        checkRef(v.generate?.EncryptionKeyArn, at('vaults', i, 'generate', 'EncryptionKeyArn'));
        const arns = new Set<string>();
        v.points.forEach((p, j) => {
          checkRef(p.EncryptionKeyArn, at('vaults', i, 'points', j, 'EncryptionKeyArn'));
          if (arns.has(p.RecoveryPointArn))
            problems.push({
              path: at('vaults', i, 'points', j, 'RecoveryPointArn'),
              message: `duplicate recovery point ${p.RecoveryPointArn}`,
            });
          arns.add(p.RecoveryPointArn);
        });
      });
    }
  });
  return problems;
}

function firstIssue(error: z.ZodError): string {
  const [issue] = error.issues;
  if (!issue) return 'does not match the scenario schema';
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problems)` : '';
  const where = issue.path.length ? `${formatPath(issue.path)}: ` : '';
  // A bad record key (region name) carries the real reason in its nested issues.
  const nested = issue.code === 'invalid_key' ? issue.issues[0]?.message : undefined;
  const message = nested ? `invalid key: ${nested}` : issue.message;
  return `${where}${message.replace(/\s+/g, ' ')}${more}`;
}

/** Loads a scenario by bare name (`demo` → `<repo>/scenarios/demo.json`) or file path. */
export function loadScenario(nameOrPath: string): Scenario {
  const bare = BARE_NAME.test(nameOrPath) && !nameOrPath.endsWith('.json');
  const file = bare ? join(SCENARIO_DIR, `${nameOrPath}.json`) : nameOrPath;
  const shown = bare ? relative(process.cwd(), file) : nameOrPath;
  const label = `scenario ${isAbsolute(shown) || shown.startsWith('..') ? file : shown}`;
  const fail = (problem: string, cause?: unknown): never => {
    throw new ScenarioError(`${label}: ${problem}`, { cause });
  };

  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && bare)
      fail(`no scenario named '${nameOrPath}' (shipped: ${listScenarioNames().join(', ') || 'none'})`, e);
    fail(code === 'ENOENT' ? 'file not found' : `cannot read file (${code ?? String(e)})`, e);
  }

  // Editors on Windows save UTF-8 with a byte-order mark; JSON.parse does not accept one.
  text = text.replace(/^\uFEFF/, '');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const at = locateJsonError(text);
    fail(
      at
        ? `invalid JSON at line ${at.line}, column ${at.column} (position ${at.offset}): unexpected ${at.found}`
        : 'invalid JSON',
      e,
    );
  }

  // A "__proto__" key is an own property after JSON.parse but invisible to most code: refuse it.
  const proto = findProtoKey(data, []);
  if (proto) fail(`${formatPath(proto)}: "__proto__" is not allowed as a key`);
  const parsed = scenarioSchema.safeParse(data);
  if (!parsed.success) return fail(firstIssue(parsed.error), parsed.error);
  const [problem, ...rest] = findSemanticProblems(parsed.data);
  if (problem)
    fail(
      `${formatPath(problem.path)}: ${problem.message}${rest.length ? ` (and ${rest.length} more problems)` : ''}`,
    );
  return parsed.data;
}

/** The path of the first own "__proto__" key in parsed JSON, if any. */
function findProtoKey(value: unknown, path: PropertyKey[]): PropertyKey[] | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findProtoKey(value[i], [...path, i]);
      if (found) return found;
    }
    return undefined;
  }
  for (const key of Object.keys(value)) {
    if (key === '__proto__') return [...path, key];
    const found = findProtoKey((value as Record<string, unknown>)[key], [...path, key]);
    if (found) return found;
  }
  return undefined;
}
