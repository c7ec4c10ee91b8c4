/**
 * Generated estates without scenario files: `accounts=A,regions=R,vaults=V,points=P[,unencrypted=N]`
 * becomes a scenario of A accounts × R regions × V vaults × P lazily generated points. The scenario
 * holds only counts, so it is built instantly and its size does not depend on P.
 */
import { UsageError } from '../core/errors.js';
import { scenarioSchema, type Scenario } from './scenario-schema.js';

/** What `--generate` asks for. */
export interface GenerateSpec {
  accounts: number;
  regions: number;
  /** Vaults per account and region. */
  vaults: number;
  /** Recovery points per vault. */
  points: number;
  /** Every Nth point of each vault is unencrypted; 0 means none. */
  unencrypted: number;
}

/** Regions in the order generated estates use them; all are enabled by default in AWS accounts. */
export const GENERATED_REGIONS = [
  'us-east-1',
  'us-west-2',
  'eu-west-1',
  'eu-central-1',
  'ap-southeast-1',
  'ap-northeast-1',
  'sa-east-1',
  'ca-central-1',
  'us-east-2',
  'us-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-north-1',
  'ap-south-1',
  'ap-southeast-2',
  'ap-northeast-2',
  'ap-northeast-3',
] as const;

/** The first generated account id; it is the caller and the organization's management account. */
export const FIRST_GENERATED_ACCOUNT = 100_000_000_001;

const LIMITS: Record<keyof GenerateSpec, { min: number; max: number; required: boolean }> = {
  accounts: { min: 1, max: 10_000, required: true },
  regions: { min: 1, max: GENERATED_REGIONS.length, required: true },
  vaults: { min: 0, max: 10_000, required: true },
  points: { min: 0, max: 10_000_000, required: true },
  unencrypted: { min: 0, max: 10_000_000, required: false },
};

const KEYS = Object.keys(LIMITS) as (keyof GenerateSpec)[];

/** Parses a `--generate` value; every problem is a one-line UsageError. */
export function parseGenerateSpec(text: string): GenerateSpec {
  const fail = (problem: string): never => {
    throw new UsageError(
      `--generate '${text}': ${problem} (expected accounts=A,regions=R,vaults=V,points=P[,unencrypted=N])`,
    );
  };
  const values: Partial<GenerateSpec> = {};
  for (const part of text.split(',')) {
    const m = /^\s*([a-z]+)\s*=\s*(\S*)\s*$/.exec(part);
    if (!m?.[1]) return fail(`'${part.trim()}' is not KEY=NUMBER`);
    const key = m[1] as keyof GenerateSpec;
    const raw = m[2] ?? '';
    const limit = LIMITS[key];
    if (!Object.hasOwn(LIMITS, key)) return fail(`unknown key '${key}'`);
    if (values[key] !== undefined) return fail(`${key} is given twice`);
    if (!/^\d+$/.test(raw) || Number(raw) < limit.min || Number(raw) > limit.max)
      return fail(`${key} must be an integer from ${limit.min} to ${limit.max}, got '${raw}'`);
    values[key] = Number(raw);
  }
  const missing = KEYS.filter((k) => LIMITS[k].required && values[k] === undefined);
  if (missing.length) return fail(`missing ${missing.join(', ')}`);
  return { accounts: 0, regions: 0, vaults: 0, points: 0, unencrypted: 0, ...values };
}

/** The id of generated account `i` (0-based). */
/** "1 region", "4 regions". */
function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

export function generatedAccountId(i: number): string {
  return String(FIRST_GENERATED_ACCOUNT + i);
}

/**
 * A scenario for `spec`: accounts `100000000001`.. (the first is the caller and management
 * account), vaults `gen-vault-NNN` on the region's `aws/backup` key, each with `points` EFS points.
 */
export function generateScenario(spec: GenerateSpec): Scenario {
  const regionNames = GENERATED_REGIONS.slice(0, spec.regions);
  const region =
    spec.vaults === 0
      ? {}
      : {
          generateVaults: {
            vaults: spec.vaults,
            pointsPerVault: spec.points,
            ...(spec.unencrypted > 0 ? { unencryptedEvery: spec.unencrypted } : {}),
          },
        };
  return scenarioSchema.parse({
    name: `generated-${spec.accounts}x${spec.regions}x${spec.vaults}x${spec.points}`,
    description: `Generated: ${count(spec.accounts, 'account')}, ${count(spec.regions, 'region')}, ${count(spec.vaults, 'vault')} per region, ${count(spec.points, 'point')} per vault${spec.unencrypted > 0 ? `, ${spec.unencrypted === 1 ? 'every point' : `one point in ${spec.unencrypted}`} unencrypted` : ''}.`,
    callerAccountId: generatedAccountId(0),
    accounts: Array.from({ length: spec.accounts }, (_, i) => ({
      accountId: generatedAccountId(i),
      name: `generated-${String(i + 1).padStart(4, '0')}`,
      regions: Object.fromEntries(regionNames.map((name) => [name, region])),
    })),
  });
}
