import pLimit from 'p-limit';
import { assumeRole, partitionOf } from '../collect/accounts.js';
import { awsErrorFacts, gapFrom, isRegionNotEnabled } from '../collect/aws-error.js';
import { ClientFactory, ScanInterruptedError } from '../collect/clients.js';
import type { CallerIdentity } from '../collect/identity.js';
import { KeyResolver } from '../collect/keys.js';
import { recoveryPointPages } from '../collect/recovery-points.js';
import { defaultReaderThreads, pageReaders, type PageReaders } from '../collect/page-readers.js';
import { planRegions } from '../collect/regions.js';
import { listVaults } from '../collect/vaults.js';
import { classifyVaultKey } from '../core/key-class.js';
import { SummaryBuilder } from '../core/summary.js';
import type { Gap, KeyInfo, Scope, SkippedRegion, Vault } from '../core/types.js';
import { selectRules, type Rule } from '../rules/index.js';
import type { FindingSink, ScanOutcome, ScanProgress, ScanRequest, VaultVisit } from './scan-types.js';
import { newScanProgress } from './scan-types.js';
import { ownsScope } from './shard.js';
import { DEFAULT_ROLE_NAME } from './defaults.js';
import { identify, targetAccounts } from './setup.js';
import { VaultJudge } from './vault-judge.js';

// Accounts and regions in flight at once; the per-account-and-region rate limiter, not these, sets the pace.
const ACCOUNT_CONCURRENCY = 16;
const REGION_CONCURRENCY = 32;
// Vault page chains in flight per region: enough to keep 20 list calls a second busy at real-AWS latencies.
const VAULT_CONCURRENCY = 8;
// Vault page chains in flight across the whole scan: each holds a page (~1 MB parsed), so this
// bounds memory whatever the number of accounts and regions.
const SCAN_VAULT_CONCURRENCY = 24;

/** Mutable state shared by one scan's workers. */
interface ScanState {
  request: ScanRequest;
  keys: KeyResolver;
  readers: PageReaders;
  rules: Rule[];
  sink: FindingSink;
  summary: SummaryBuilder;
  gaps: Gap[];
  skippedRegions: SkippedRegion[];
  regionsScanned: { accountId: string; region: string }[];
  vaults: VaultVisit[];
  progress: ScanProgress;
  regionLimit: ReturnType<typeof pLimit>;
  vaultLimit: ReturnType<typeof pLimit>;
  interrupted: boolean;
  /** Enabled regions that belong to other shards of a `--shard K/N` scan. */
  regionsLeftToOtherShards: number;
}

/**
 * Collect once, judge as we go: identity, accounts, regions, vaults, recovery point pages; each
 * page is judged by every rule and streamed to the sink. A call that fails after the SDK's retries
 * becomes a gap for exactly its scope and the rest of the scan goes on.
 * Throws only when the scan cannot start at all (identity, organization listing).
 */
export async function runScan(
  request: ScanRequest,
  sink: FindingSink,
  progress: ScanProgress = newScanProgress(),
): Promise<ScanOutcome> {
  const startedAt = new Date().toISOString();
  const base = new ClientFactory({
    profile: request.profile,
    endpointUrl: request.endpointUrl,
    maxAttempts: request.maxAttempts,
    maxRps: request.maxRps,
    signal: request.signal,
  });
  const readers =
    request.readerThreads === undefined
      ? pageReaders(defaultReaderThreads(), { onlyWhenBusy: true })
      : pageReaders(request.readerThreads);
  try {
    const caller = await identify(base, request);
    const { targets, malformedEntries } = await targetAccounts(base, caller, request);
    const state: ScanState = {
      request,
      keys: new KeyResolver(),
      readers,
      rules: selectRules({ requireCmk: request.requireCmk }),
      sink,
      summary: new SummaryBuilder(),
      gaps: [],
      skippedRegions: [],
      regionsScanned: [],
      vaults: [],
      progress,
      regionLimit: pLimit(REGION_CONCURRENCY),
      vaultLimit: pLimit(SCAN_VAULT_CONCURRENCY),
      interrupted: false,
      regionsLeftToOtherShards: 0,
    };
    if (malformedEntries > 0) {
      recordGap(state, {
        scope: { kind: 'account', accountId: caller.accountId },
        operation: 'ListAccounts',
        errorName: 'MalformedResponse',
        message: `${malformedEntries} organization account entr(y/ies) had no valid Id or state; those accounts were not scanned`,
      });
    }
    progress.accountsTotal = targets.length;
    const assume = request.org === true || request.accounts !== undefined;
    const accountLimit = pLimit(ACCOUNT_CONCURRENCY);
    await Promise.all(
      targets.map((target) => accountLimit(() => scanAccount(state, base, caller, target.accountId, assume))),
    );
    const summary = state.summary.result();
    const gaps = [...state.gaps, ...state.keys.gaps];
    return {
      startedAt,
      finishedAt: new Date().toISOString(),
      caller,
      accounts: targets.map((t) => t.accountId),
      ...(request.shard ? { shard: request.shard } : {}),
      regionsScanned: state.regionsScanned.sort(byAccountRegion),
      skippedRegions: state.skippedRegions.sort(byAccountRegion),
      gaps: gaps.sort(byScope),
      vaults: state.vaults.sort(
        (a, b) => byAccountRegion(a, b) || a.backupVaultName.localeCompare(b.backupVaultName),
      ),
      keys: (await state.keys.known()).sort((a, b) => a.keyArn.localeCompare(b.keyArn)),
      recoveryPointsJudged: progress.pointsJudged,
      summary,
      apiCalls: base.metrics.snapshot(),
      interrupted: state.interrupted || request.signal?.aborted === true,
      // A scan that read no region proves nothing, unless it is a shard whose share of the
      // regions found is empty (the other shards read them; merge checks that some did).
      complete:
        (state.regionsScanned.length > 0 ||
          (request.shard !== undefined && state.regionsLeftToOtherShards > 0)) &&
        gaps.length === 0 &&
        summary.findings.ERROR === 0 &&
        !state.interrupted &&
        request.signal?.aborted !== true,
    };
  } finally {
    base.destroy();
    await readers.close();
  }
}

function byAccountRegion(
  a: { accountId: string; region: string },
  b: { accountId: string; region: string },
): number {
  return a.accountId.localeCompare(b.accountId) || a.region.localeCompare(b.region);
}

function byScope(a: Gap, b: Gap): number {
  const key = (g: Gap) =>
    [
      g.scope.accountId,
      g.scope.region ?? '',
      g.scope.backupVaultName ?? '',
      g.scope.recoveryPointArn ?? g.scope.keyArn ?? '',
    ].join('\u0000');
  return key(a).localeCompare(key(b));
}

function recordGap(state: ScanState, gap: Gap): void {
  state.gaps.push(gap);
  state.sink.gap?.(gap);
}

/** Record a failure as a gap for its scope, unless the scan is being interrupted. */
function recordFailure(state: ScanState, scope: Scope, operation: string, error: unknown): void {
  if (error instanceof ScanInterruptedError) {
    state.interrupted = true;
    return;
  }
  recordGap(state, gapFrom(scope, operation, error));
}

async function scanAccount(
  state: ScanState,
  base: ClientFactory,
  caller: CallerIdentity,
  accountId: string,
  assume: boolean,
): Promise<void> {
  const { request } = state;
  try {
    let clients = base;
    if (assume) {
      try {
        const settings = {
          roleName: request.roleName ?? DEFAULT_ROLE_NAME,
          externalId: request.externalId,
          partition: partitionOf(caller.arn),
          homeRegion: request.homeRegion,
        };
        clients = base.withCredentials(await assumeRole(base, accountId, settings));
      } catch (error) {
        // Without the role this shard cannot tell which of the account's regions are its own, so
        // every shard reports the gap (merge keeps one).
        recordFailure(state, { kind: 'account', accountId }, 'AssumeRole', error);
        return;
      }
    }
    let plan;
    try {
      plan = await planRegions(clients, accountId, request.homeRegion, request.regions);
    } catch (error) {
      recordFailure(state, { kind: 'account', accountId }, 'DescribeRegions', error);
      return;
    }
    const excluded = new Set(request.excludeRegions ?? []);
    const mine = (region: string) => ownsScope(request.shard, accountId, region);
    const owned = (region: string) => !excluded.has(region) && mine(region);
    state.skippedRegions.push(...plan.skipped.filter((s) => owned(s.region)));
    // Excluded regions are listed as skipped, so the report says what was left out on purpose.
    for (const region of plan.regions) {
      if (excluded.has(region) && mine(region))
        state.skippedRegions.push({ accountId, region, reason: 'excluded by --exclude-regions' });
    }
    for (const gap of plan.gaps) recordGap(state, gap);
    const regions = plan.regions.filter(owned);
    state.regionsLeftToOtherShards += plan.regions.filter((r) => !excluded.has(r) && !mine(r)).length;
    request.onEvent?.({
      event: 'regions planned',
      accountId,
      regions,
      skipped: plan.skipped.map((s) => s.region),
    });
    state.progress.regionsTotal += regions.length;
    await Promise.all(
      regions.map((region) =>
        state.regionLimit(() => scanRegion(state, clients, accountId, region, plan.confirmed.has(region))),
      ),
    );
  } finally {
    state.progress.accountsDone += 1;
  }
}

async function scanRegion(
  state: ScanState,
  clients: ClientFactory,
  accountId: string,
  region: string,
  confirmedEnabled: boolean,
): Promise<void> {
  try {
    let vaults: Vault[];
    try {
      const listing = await listVaults(clients, region, accountId);
      vaults = listing.vaults;
      if (listing.unreadable > 0) {
        recordGap(state, {
          scope: { kind: 'region', accountId, region },
          operation: 'ListBackupVaults',
          errorName: 'MalformedResponse',
          message: `${listing.unreadable} listed vault(s) had no name or vault ARN; their recovery points were not read`,
        });
      }
    } catch (error) {
      // Only a region DescribeRegions did not confirm may be called "not enabled"; elsewhere the
      // same answer (e.g. an expired token) is a gap.
      if (isRegionNotEnabled(error) && !confirmedEnabled) {
        const { errorName } = awsErrorFacts(error);
        state.skippedRegions.push({
          accountId,
          region,
          reason: `region not enabled for this account (AWS answered ${errorName})`,
        });
      } else {
        recordFailure(state, { kind: 'region', accountId, region }, 'ListBackupVaults', error);
      }
      return;
    }
    state.regionsScanned.push({ accountId, region });
    state.request.onEvent?.({ event: 'vaults listed', accountId, region, vaults: vaults.length });
    state.progress.vaultsTotal += vaults.length;
    for (const vault of vaults) state.progress.pointsEstimated += vault.numberOfRecoveryPoints ?? 0;
    const limit = pLimit(VAULT_CONCURRENCY);
    await Promise.all(
      vaults.map((vault) => limit(() => state.vaultLimit(() => scanVault(state, clients, vault)))),
    );
  } finally {
    state.progress.regionsDone += 1;
  }
}

async function scanVault(state: ScanState, clients: ClientFactory, vault: Vault): Promise<void> {
  // The vault's own key is described too, so reports show each vault's key class and state.
  let vaultKey: KeyInfo | undefined;
  try {
    vaultKey = vault.encryptionKeyArn ? await state.keys.resolve(vault.encryptionKeyArn, clients) : undefined;
  } catch (error) {
    state.progress.vaultsDone += 1;
    if (error instanceof ScanInterruptedError) state.interrupted = true;
    else throw error;
    return;
  }
  const visit: VaultVisit = {
    accountId: vault.accountId,
    region: vault.region,
    backupVaultName: vault.name,
    backupVaultArn: vault.arn,
    vaultType: vault.vaultType,
    encryptionKeyArn: vault.encryptionKeyArn,
    encryptionKeyClass: classifyVaultKey(vault, vaultKey),
    shared: vault.shared,
    reportedRecoveryPoints: vault.numberOfRecoveryPoints,
    recoveryPointsRead: 0,
    complete: false,
  };
  state.vaults.push(visit);
  state.summary.noteVault(visit);
  const judge = new VaultJudge(vault, visit, {
    rules: state.rules,
    keys: state.keys,
    clients,
    summary: state.summary,
    sink: state.sink,
    onGap: (gap) => recordGap(state, gap),
  });
  try {
    const pages = recoveryPointPages(clients, vault, state.readers, (gap) => recordGap(state, gap));
    for await (const page of pages) {
      const judged = await judge.judge(page);
      visit.recoveryPointsRead += judged;
      state.progress.pointsJudged += judged;
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
    recordFailure(state, scope, 'ListRecoveryPointsByBackupVault', error);
  } finally {
    state.progress.vaultsDone += 1;
    state.request.onEvent?.({
      event: 'vault done',
      accountId: vault.accountId,
      region: vault.region,
      backupVaultName: vault.name,
      recoveryPointsRead: visit.recoveryPointsRead,
      complete: visit.complete,
    });
  }
}
