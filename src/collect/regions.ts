import { DescribeRegionsCommand } from '@aws-sdk/client-ec2';
import type { Gap, SkippedRegion } from '../core/types.js';
import { gapFrom } from './aws-error.js';
import { ScanInterruptedError, type ClientFactory } from './clients.js';

/** The regions to scan in one account, those skipped on purpose, and a gap if discovery failed. */
export interface RegionPlan {
  regions: string[];
  /** Regions DescribeRegions confirmed enabled: an UnrecognizedClientException there is a gap, not a skip. */
  confirmed: Set<string>;
  skipped: SkippedRegion[];
  gaps: Gap[];
}

const enabledStatuses = new Set(['opt-in-not-required', 'opted-in']);

/**
 * Decide which regions to scan. EC2 DescribeRegions with AllRegions tells enabled from not-enabled;
 * requested regions that are not enabled are SKIPPED, never scanned. If discovery is denied, the
 * requested regions are still scanned (a region that turns out not enabled is skipped then), and
 * without requested regions the account becomes a gap.
 */
export async function planRegions(
  clients: ClientFactory,
  accountId: string,
  homeRegion: string,
  requested: readonly string[] | undefined,
): Promise<RegionPlan> {
  let statuses: Map<string, string>;
  try {
    const answer = await clients.ec2(homeRegion).send(new DescribeRegionsCommand({ AllRegions: true }));
    statuses = new Map();
    for (const r of answer.Regions ?? []) {
      if (r.RegionName) statuses.set(r.RegionName, r.OptInStatus ?? 'opt-in-not-required');
    }
    // Every account has regions: an empty answer cannot be trusted to mean "nothing to scan".
    if (statuses.size === 0) {
      const gap = {
        scope: { kind: 'account' as const, accountId },
        operation: 'DescribeRegions',
        errorName: 'MalformedResponse',
        message: 'DescribeRegions listed no region at all',
        ...(answer.$metadata.requestId ? { requestId: answer.$metadata.requestId } : {}),
      };
      return requested
        ? { regions: [...requested], confirmed: new Set(), skipped: [], gaps: [] }
        : { regions: [], confirmed: new Set(), skipped: [], gaps: [gap] };
    }
  } catch (error) {
    if (error instanceof ScanInterruptedError) throw error;
    const gap = gapFrom({ kind: 'account', accountId }, 'DescribeRegions', error);
    if (requested) return { regions: [...requested], confirmed: new Set(), skipped: [], gaps: [] };
    return { regions: [], confirmed: new Set(), skipped: [], gaps: [gap] };
  }
  const skipped: SkippedRegion[] = [];
  const regions: string[] = [];
  const candidates = requested ?? [...statuses.keys()].sort();
  for (const region of candidates) {
    const status = statuses.get(region);
    if (status === undefined) {
      skipped.push({
        accountId,
        region,
        reason: 'region not offered to this account (DescribeRegions does not list it)',
      });
    } else if (!enabledStatuses.has(status)) {
      skipped.push({
        accountId,
        region,
        reason: `region not enabled for this account (opt-in status ${status})`,
      });
    } else {
      regions.push(region);
    }
  }
  return { regions, confirmed: new Set(regions), skipped, gaps: [] };
}
