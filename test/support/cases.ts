import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ScenarioInput } from '../../src/emulator/scenario-schema.js';
import { requireFile, sharedDir } from './paths.js';

/** One real-world case from ../shared/cases/cases.json, in AWS wire field names. */
export interface SharedCase {
  id: string;
  region?: string;
  regions?: string[];
  notOptedIn?: string[];
  keys?: Record<string, unknown>[];
  vaults?: Record<string, unknown>[];
  generateVaults?: { vaults: number; pointsPerVault: number; IsEncrypted: boolean };
  expect: Record<string, unknown>;
}

interface CasesFile {
  account: string;
  cases: SharedCase[];
}

/** Read ../shared/cases/cases.json. */
export function loadSharedCases(): CasesFile {
  const path = requireFile(
    join(sharedDir, 'cases', 'cases.json'),
    'the shared cases must sit beside the checkout',
  );
  return JSON.parse(readFileSync(path, 'utf8')) as CasesFile;
}

/** Turn a case into an emulator scenario: one account, the case's region(s), keys and vaults. */
export function scenarioForCase(account: string, c: SharedCase): ScenarioInput {
  const regions: NonNullable<ScenarioInput['accounts'][number]['regions']> = {};
  for (const region of c.regions ?? [c.region ?? 'us-east-1']) {
    regions[region] = {
      optInStatus: c.notOptedIn?.includes(region) ? 'not-opted-in' : 'opt-in-not-required',
    };
  }
  const home = c.region ?? 'us-east-1';
  regions[home] = {
    ...regions[home],
    keys: (c.keys ?? []) as never,
    vaults: (c.vaults ?? []) as never,
    ...(c.generateVaults ? { generateVaults: c.generateVaults } : {}),
  };
  return { name: c.id, accounts: [{ accountId: account, regions }] };
}

/** Find a case by id. */
export function sharedCase(file: CasesFile, id: string): SharedCase {
  const found = file.cases.find((c) => c.id === id);
  if (!found) throw new Error(`case ${id} is not in ../shared/cases/cases.json`);
  return found;
}
