/**
 * Load simulation settings (latency, rate limits, faults) as `startEmulator` takes them, checked
 * against the scenario and turned into middlewares. Bad settings are one-line UsageErrors that
 * name the matching `rpguard emulator` flag.
 */
import { UsageError } from '../../core/errors.js';
import type { Scenario } from '../scenario-schema.js';
import type { StatsRecorder } from '../stats.js';
import type { Middleware } from '../types.js';
import { denyScopes, randomFaults, type DenyScope } from './faults.js';
import { latency } from './latency.js';
import { randomStream } from './prng.js';
import { RateLimiter, throttle, type RateLimitMode } from './rate-limits.js';
import type { Clock } from './token-bucket.js';

/** How the emulator imitates a large, slow, throttling, faulty AWS. Everything is off by default. */
export interface LoadOptions {
  /** Added to every answer, in ms (`--latency`). */
  latencyMs?: number;
  /** Uniform ± spread around `latencyMs`, in ms (`--latency-jitter`); delays never go below 0. */
  jitterMs?: number;
  /** `aws`: AWS's default quotas per account and region (`--rate-limits`). */
  rateLimits?: RateLimitMode;
  /** Extra calls-a-second cap per `ACCOUNT/REGION` for Backup and KMS together (`--throttle`). */
  throttle?: Record<string, number>;
  /** Share (0..1) of Backup and KMS calls answered ServiceUnavailableException 503 (`--fault-5xx-rate`). */
  fault5xxRate?: number;
  /** Share (0..1) of Backup and KMS calls whose connection is dropped unanswered (`--fault-drop-rate`). */
  faultDropRate?: number;
  /** `ACCOUNT/REGION` or `ACCOUNT/REGION/VAULT` scopes whose Backup calls get AccessDenied (`--deny`). */
  deny?: string[];
  /** Accounts STS AssumeRole refuses, on top of the scenario's `denyAssumeRole` (`--deny-assume-role`). */
  denyAssumeRole?: string[];
  /** Seeds fault and jitter draws so runs repeat exactly (`--seed`). */
  seed?: number;
  /** Milliseconds clock for the rate limiter; tests freeze it so token counts are exact. */
  clock?: Clock;
}

/** The middlewares load simulation adds: delays run first, guards after the region check. */
export interface LoadMiddlewares {
  delay: Middleware[];
  guards: Middleware[];
}

const ACCOUNT = /^\d{12}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
const VAULT = /^[a-zA-Z0-9\-_]{2,50}$/;

function checkAccount(scenario: Scenario, accountId: string, flag: string): void {
  if (!ACCOUNT.test(accountId))
    throw new UsageError(`${flag}: '${accountId}' is not a 12-digit AWS account id`);
  if (!scenario.accounts.some((a) => a.accountId === accountId))
    throw new UsageError(`${flag}: account ${accountId} is not in scenario '${scenario.name}'`);
}

/** Parses `ACCOUNT/REGION` (and, when `vault` is allowed, `ACCOUNT/REGION/VAULT`) for `flag`. */
export function parseScope(text: string, scenario: Scenario, flag: string, vault: boolean): DenyScope {
  const parts = text.split('/');
  const form = vault ? 'ACCOUNT/REGION or ACCOUNT/REGION/VAULT' : 'ACCOUNT/REGION';
  const [accountId = '', region = '', vaultName] = parts;
  if (parts.length < 2 || parts.length > (vault ? 3 : 2))
    throw new UsageError(`${flag}: '${text}' must be ${form}`);
  checkAccount(scenario, accountId, flag);
  if (!REGION.test(region))
    throw new UsageError(`${flag}: '${region}' is not an AWS region name like us-east-1`);
  if (vaultName !== undefined && !VAULT.test(vaultName))
    throw new UsageError(`${flag}: '${vaultName}' is not a vault name (2-50 letters, digits, - or _)`);
  return { accountId, region, ...(vaultName === undefined ? {} : { vaultName }) };
}

function checkNumber(value: number | undefined, flag: string, min: number, max: number): number {
  if (value === undefined) return 0;
  if (!Number.isFinite(value) || value < min || value > max)
    throw new UsageError(`${flag} must be a number from ${min} to ${max}, got ${String(value)}`);
  return value;
}

/** Validates `load` against `scenario` and builds its middlewares (none when everything is off). */
export function loadMiddlewares(
  load: LoadOptions,
  scenario: Scenario,
  stats: StatsRecorder,
): LoadMiddlewares {
  const latencyMs = checkNumber(load.latencyMs, '--latency', 0, 600_000);
  const jitterMs = checkNumber(load.jitterMs, '--latency-jitter', 0, 600_000);
  const serverError = checkNumber(load.fault5xxRate, '--fault-5xx-rate', 0, 1);
  const drop = checkNumber(load.faultDropRate, '--fault-drop-rate', 0, 1);
  if (serverError + drop > 1)
    throw new UsageError(
      `--fault-5xx-rate plus --fault-drop-rate must not exceed 1, got ${serverError + drop}`,
    );
  if (load.seed !== undefined && !Number.isSafeInteger(load.seed))
    throw new UsageError(`--seed must be an integer, got ${String(load.seed)}`);
  const mode = load.rateLimits ?? 'off';
  if (mode !== 'aws' && mode !== 'off')
    throw new UsageError(`--rate-limits must be 'aws' or 'off', got '${String(mode)}'`);
  const overrides = new Map<string, number>();
  for (const [scope, rps] of Object.entries(load.throttle ?? {})) {
    const s = parseScope(scope, scenario, '--throttle', false);
    if (!Number.isFinite(rps) || rps <= 0)
      throw new UsageError(`--throttle: ${scope} needs a rate above 0 calls a second, got ${String(rps)}`);
    overrides.set(`${s.accountId}/${s.region}`, rps);
  }
  const deny = (load.deny ?? []).map((scope) => parseScope(scope, scenario, '--deny', true));
  for (const id of load.denyAssumeRole ?? []) checkAccount(scenario, id, '--deny-assume-role');

  const delay =
    latencyMs > 0 || jitterMs > 0 ? [latency(latencyMs, jitterMs, randomStream(load.seed, 1))] : [];
  const guards: Middleware[] = [];
  if (deny.length) guards.push(denyScopes(deny, stats));
  const throttles =
    mode === 'aws' ||
    overrides.size > 0 ||
    scenario.accounts.some((a) => Object.values(a.regions).some((r) => r.throttle));
  if (throttles)
    guards.push(throttle(new RateLimiter(mode, overrides, load.clock ?? (() => performance.now())), stats));
  if (serverError > 0 || drop > 0)
    guards.push(randomFaults({ serverError, drop }, randomStream(load.seed, 0), stats));
  return { delay, guards };
}

/** The scenario with `denyAssumeRole` set on the named accounts (others unchanged). */
export function withAssumeRoleDenied(scenario: Scenario, accountIds: readonly string[] = []): Scenario {
  if (accountIds.length === 0) return scenario;
  const denied = new Set(accountIds);
  return {
    ...scenario,
    accounts: scenario.accounts.map((a) => (denied.has(a.accountId) ? { ...a, denyAssumeRole: true } : a)),
  };
}

/** One stderr line describing the active load settings, or none when everything is off. */
export function describeLoad(load: LoadOptions): string[] {
  const parts: string[] = [];
  if (load.latencyMs || load.jitterMs) parts.push(`latency ${load.latencyMs ?? 0}±${load.jitterMs ?? 0} ms`);
  if (load.rateLimits === 'aws') parts.push('AWS rate limits');
  for (const [scope, rps] of Object.entries(load.throttle ?? {})) parts.push(`${scope} capped at ${rps}/s`);
  if (load.fault5xxRate) parts.push(`5xx rate ${load.fault5xxRate}`);
  if (load.faultDropRate) parts.push(`drop rate ${load.faultDropRate}`);
  if (load.deny?.length) parts.push(`AccessDenied in ${load.deny.join(', ')}`);
  if (load.denyAssumeRole?.length) parts.push(`AssumeRole refused for ${load.denyAssumeRole.join(', ')}`);
  if (parts.length && load.seed !== undefined) parts.push(`seed ${load.seed}`);
  return parts.length ? [`load: ${parts.join(', ')}`] : [];
}
