import pLimit from 'p-limit';
import { contextFor, evaluatePoint } from '../core/evaluate.js';
import { keyArnOf } from '../core/key-class.js';
import { SummaryBuilder } from '../core/summary.js';
import type { Gap, KeyInfo, SkippedRegion, Vault } from '../core/types.js';
import { selectRules, type Rule } from '../rules/index.js';
import { awsErrorFacts, gapFrom, isRegionNotEnabled } from '../collect/aws-error.js';
import { ExitCode, SetupError } from '../core/errors.js';
import { ClientFactory } from '../collect/clients.js';
import { getCallerIdentity, type CallerIdentity } from '../collect/identity.js';
import { KeyResolver } from '../collect/keys.js';
import { recoveryPointPages } from '../collect/recovery-points.js';
import { planRegions } from '../collect/regions.js';
import { listVaults } from '../collect/vaults.js';
import type { FindingSink, ScanOutcome, ScanRequest, VaultVisit } from './scan-types.js';

const REGION_CONCURRENCY = 8;
const VAULT_CONCURRENCY = 4;

/** Mutable state shared by one scan's workers. */
interface ScanState {
  clients: ClientFactory;
  keys: KeyResolver;
  rules: Rule[];
  sink: FindingSink;
  summary: SummaryBuilder;
  gaps: Gap[];
  skippedRegions: SkippedRegion[];
  regionsScanned: { accountId: string; region: string }[];
  vaults: VaultVisit[];
  recoveryPointsJudged: number;
}

/**
 * Collect once, judge as we go: identity, regions, vaults, recovery point pages; each page is
 * judged by every rule and streamed to the sink. A call that fails after the SDK's retries becomes
 * a gap for exactly its scope and the rest of the scan goes on.
 * Throws only when the scan cannot start at all (identity): no credentials, endpoint unreachable.
 */
export async function runScan(
  request: ScanRequest,
  sink: FindingSink,
  clients?: ClientFactory,
): Promise<ScanOutcome> {
  const startedAt = new Date().toISOString();
  const factory =
    clients ??
    new ClientFactory({
      profile: request.profile,
      endpointUrl: request.endpointUrl,
      maxAttempts: request.maxAttempts,
    });
  try {
    const caller = await identify(factory, request);
    const state: ScanState = {
      clients: factory,
      keys: new KeyResolver(factory),
      rules: selectRules({ requireCmk: request.requireCmk }),
      sink,
      summary: new SummaryBuilder(),
      gaps: [],
      skippedRegions: [],
      regionsScanned: [],
      vaults: [],
      recoveryPointsJudged: 0,
    };
    await scanAccount(state, caller, request);
    const summary = state.summary.result();
    const gaps = [...state.gaps, ...state.keys.gaps];
    return {
      startedAt,
      finishedAt: new Date().toISOString(),
      caller,
      accounts: [caller.accountId],
      regionsScanned: state.regionsScanned.sort(byAccountRegion),
      skippedRegions: state.skippedRegions.sort(byAccountRegion),
      gaps,
      vaults: state.vaults.sort(
        (a, b) => byAccountRegion(a, b) || a.backupVaultName.localeCompare(b.backupVaultName),
      ),
      keys: (await state.keys.known()).sort((a, b) => a.keyArn.localeCompare(b.keyArn)),
      recoveryPointsJudged: state.recoveryPointsJudged,
      summary,
      complete: gaps.length === 0 && summary.findings.ERROR === 0,
    };
  } finally {
    if (!clients) factory.destroy();
  }
}

/** Who we are; failing here means the scan cannot start, so it becomes a SetupError (exit 2). */
async function identify(clients: ClientFactory, request: ScanRequest): Promise<CallerIdentity> {
  try {
    return await getCallerIdentity(clients, request.homeRegion);
  } catch (error) {
    const facts = awsErrorFacts(error);
    const where = request.endpointUrl ?? 'AWS';
    if (facts.errorName === 'CredentialsProviderError') {
      const profile = request.profile ? ` for profile '${request.profile}'` : '';
      throw new SetupError(
        'NO_CREDENTIALS',
        `no usable AWS credentials${profile}: ${facts.message} (set AWS_PROFILE or --profile, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)`,
        ExitCode.Usage,
        { cause: error },
      );
    }
    if (facts.errorName === 'NetworkError' || facts.errorName === 'NetworkTimeout') {
      throw new SetupError(
        'ENDPOINT_UNREACHABLE',
        `cannot reach ${where} for sts:GetCallerIdentity in ${request.homeRegion}: ${facts.message}`,
        ExitCode.Usage,
        { cause: error },
      );
    }
    throw new SetupError(
      'IDENTITY_FAILED',
      `sts:GetCallerIdentity in ${request.homeRegion} at ${where} failed with ${facts.errorName}: ${facts.message}`,
      ExitCode.Usage,
      { cause: error },
    );
  }
}

function byAccountRegion(
  a: { accountId: string; region: string },
  b: { accountId: string; region: string },
): number {
  return a.accountId.localeCompare(b.accountId) || a.region.localeCompare(b.region);
}

async function scanAccount(state: ScanState, caller: CallerIdentity, request: ScanRequest): Promise<void> {
  const plan = await planRegions(state.clients, caller.accountId, request.homeRegion, request.regions);
  state.skippedRegions.push(...plan.skipped);
  state.gaps.push(...plan.gaps);
  const limit = pLimit(REGION_CONCURRENCY);
  await Promise.all(plan.regions.map((region) => limit(() => scanRegion(state, caller.accountId, region))));
}

async function scanRegion(state: ScanState, accountId: string, region: string): Promise<void> {
  let vaults: Vault[];
  try {
    vaults = await listVaults(state.clients, region, accountId);
  } catch (error) {
    if (isRegionNotEnabled(error)) {
      state.skippedRegions.push({
        accountId,
        region,
        reason: `region not enabled for this account (AWS answered ${gapFrom({ kind: 'region', accountId, region }, 'ListBackupVaults', error).errorName})`,
      });
    } else {
      state.gaps.push(gapFrom({ kind: 'region', accountId, region }, 'ListBackupVaults', error));
    }
    return;
  }
  state.regionsScanned.push({ accountId, region });
  const limit = pLimit(VAULT_CONCURRENCY);
  await Promise.all(vaults.map((vault) => limit(() => scanVault(state, vault))));
}

async function scanVault(state: ScanState, vault: Vault): Promise<void> {
  const visit: VaultVisit = {
    accountId: vault.accountId,
    region: vault.region,
    backupVaultName: vault.name,
    backupVaultArn: vault.arn,
    vaultType: vault.vaultType,
    encryptionKeyArn: vault.encryptionKeyArn,
    shared: vault.shared,
    reportedRecoveryPoints: vault.numberOfRecoveryPoints,
    recoveryPointsRead: 0,
    complete: false,
  };
  state.vaults.push(visit);
  state.summary.noteVault(visit);
  try {
    for await (const page of recoveryPointPages(state.clients, vault)) {
      state.gaps.push(...page.gaps);
      const keys = await resolveKeys(state.keys, page.points.map(keyArnOf));
      for (const point of page.points) {
        const key = point.encryptionKeyArn ? keys.get(point.encryptionKeyArn) : undefined;
        for (const finding of evaluatePoint(contextFor(point, vault, key), state.rules)) {
          state.summary.add(finding);
          state.sink.write(finding);
        }
      }
      visit.recoveryPointsRead += page.points.length;
      state.recoveryPointsJudged += page.points.length;
    }
    visit.complete = true;
  } catch (error) {
    const scope = {
      kind: 'vault' as const,
      accountId: vault.accountId,
      region: vault.region,
      backupVaultName: vault.name,
      backupVaultArn: vault.arn,
    };
    state.gaps.push(gapFrom(scope, 'ListRecoveryPointsByBackupVault', error));
  }
}

/** Describe every distinct key of a page (each at most once per scan) before judging its points. */
async function resolveKeys(
  resolver: KeyResolver,
  arns: (string | undefined)[],
): Promise<Map<string, KeyInfo>> {
  const distinct = [...new Set(arns.filter((arn): arn is string => arn !== undefined))];
  const infos = await Promise.all(distinct.map((arn) => resolver.resolve(arn)));
  return new Map(distinct.map((arn, i) => [arn, infos[i] as KeyInfo]));
}
