import { DescribeRecoveryPointCommand, ListRecoveryPointsByBackupVaultCommand } from '@aws-sdk/client-backup';
import type { Gap, RecoveryPoint, Scope, Vault, VerdictFacts } from '../core/types.js';
import { gapFrom } from './aws-error.js';
import { ScanInterruptedError, type ClientFactory } from './clients.js';
import { toRecoveryPoint } from './mappers.js';
import type { PageReaders } from './page-readers.js';
import { rawBodyOf } from './raw-list-pages.js';
import { MalformedResponseError, TokenTrail } from './response-checks.js';

/** The API's maximum page size; asking for more is rejected, asking for less wastes calls. */
export const RECOVERY_POINT_PAGE_SIZE = 1000;
/** Empty pages in a row, each with a new token, after which the listing is called malformed. */
export const MAX_EMPTY_PAGES = 100;
/** Pages per vault: 100 times the default quota of a million points, read in full pages. */
const MAX_PAGES = 100_000;

/**
 * One page of a vault's recovery points, summed up as the distinct verdict facts on it and how
 * many points share each. Whole points are built only for the facts a finding needs: most points
 * pass and are only counted, and building each would cost more than judging it.
 */
export interface RecoveryPointPage {
  facts: VerdictFacts[];
  counts: number[];
  /**
   * The whole points whose facts entry is in `indexes`, in list order; a point whose list item
   * lacks IsEncrypted is completed with one DescribeRecoveryPoint (a failed one is a gap).
   * Frees the page; call it or `release` exactly once.
   */
  take(indexes: readonly number[]): Promise<{ points: RecoveryPoint[]; gaps: Gap[] }>;
  release(): void;
}

/**
 * Yield a vault's recovery points page by page (MaxResults 1000, follow NextToken, stop on a
 * repeated token). Verdicts come from the list pages; only a point whose IsEncrypted is absent
 * gets one DescribeRecoveryPoint. A failing list call or a malformed page throws: the caller
 * turns it into a gap.
 */
export async function* recoveryPointPages(
  clients: ClientFactory,
  vault: Vault,
  readers: PageReaders,
  onGap: (gap: Gap) => void,
): AsyncGenerator<RecoveryPointPage> {
  const client = clients.backup(vault.region);
  const accountParam = vault.shared ? { BackupVaultAccountId: vault.accountId } : {};
  const operation = 'ListRecoveryPointsByBackupVault';
  const trail = new TokenTrail(operation);
  let nextToken: string | undefined;
  let emptyPages = 0;
  let pages = 0;
  do {
    const answer = await client.send(
      new ListRecoveryPointsByBackupVaultCommand({
        BackupVaultName: vault.name,
        MaxResults: RECOVERY_POINT_PAGE_SIZE,
        NextToken: nextToken,
        ...accountParam,
      }),
    );
    const metadata = answer.$metadata;
    const body = rawBodyOf(answer);
    if (!body) throw new MalformedResponseError(operation, 'the answer body was not passed on', metadata);
    const page = await readers.read(body);
    const { summary } = page;
    try {
      if (summary.problem) throw new MalformedResponseError(operation, summary.problem, metadata);
      if (summary.list === 'other')
        throw new MalformedResponseError(operation, 'RecoveryPoints is not a list', metadata);
      // Read the token before judging, so a malformed one fails the vault before its page counts as complete.
      nextToken = trail.next({ NextToken: summary.nextToken, $metadata: metadata });
    } catch (error) {
      page.release();
      throw error;
    }
    const pageGap = (message: string) =>
      onGap({
        scope: vaultScope(vault),
        operation,
        errorName: 'MalformedResponse',
        message,
        ...(metadata.requestId ? { requestId: metadata.requestId } : {}),
      });
    if (summary.unreadable > 0)
      pageGap(`${summary.unreadable} listed item(s) had no RecoveryPointArn and could not be judged`);
    if (summary.conflicting > 0)
      pageGap(
        `${summary.conflicting} recovery point(s) listed again on one page with other encryption facts; every copy was judged`,
      );
    // A server that keeps handing out new tokens for empty pages would never let the scan end.
    const points = summary.counts.reduce((sum, n) => sum + n, 0) + summary.unreadable;
    emptyPages = points === 0 && nextToken !== undefined ? emptyPages + 1 : 0;
    pages += 1;
    if (emptyPages >= MAX_EMPTY_PAGES || pages > MAX_PAGES) {
      page.release();
      throw new MalformedResponseError(
        operation,
        emptyPages >= MAX_EMPTY_PAGES
          ? `${emptyPages} pages in a row without a recovery point, each with a new NextToken; stopped`
          : `more than ${MAX_PAGES} pages, far past the quota of recovery points per vault; stopped`,
        metadata,
      );
    }
    yield {
      facts: summary.facts,
      counts: summary.counts,
      take: async (indexes) => completePoints(clients, vault, await page.take(indexes)),
      release: () => page.release(),
    };
  } while (nextToken !== undefined);
}

function vaultScope(vault: Vault, recoveryPointArn?: string): Scope {
  return {
    kind: recoveryPointArn ? 'recovery-point' : 'vault',
    accountId: vault.accountId,
    region: vault.region,
    backupVaultName: vault.name,
    backupVaultArn: vault.arn,
    ...(recoveryPointArn ? { recoveryPointArn } : {}),
  };
}

/** Map list items to whole points, describing those whose item lacks IsEncrypted. */
async function completePoints(
  clients: ClientFactory,
  vault: Vault,
  items: unknown[],
): Promise<{ points: RecoveryPoint[]; gaps: Gap[] }> {
  const points: RecoveryPoint[] = [];
  const gaps: Gap[] = [];
  for (const item of items) {
    // Items reach here only with a RecoveryPointArn (list-page.ts drops the rest).
    const listed = toRecoveryPoint(item, vault, 'list') as RecoveryPoint;
    if (listed.isEncrypted !== undefined) {
      points.push(listed);
      continue;
    }
    try {
      points.push(await describeRecoveryPoint(clients, vault, listed));
    } catch (error) {
      if (error instanceof ScanInterruptedError) throw error;
      gaps.push(gapFrom(vaultScope(vault, listed.recoveryPointArn), 'DescribeRecoveryPoint', error));
      points.push(listed);
    }
  }
  return { points, gaps };
}

/**
 * Re-read one point whose list item lacked IsEncrypted; fields the describe lacks keep their list
 * values. An answer about another recovery point is refused: it must not replace this one.
 */
async function describeRecoveryPoint(
  clients: ClientFactory,
  vault: Vault,
  listed: RecoveryPoint,
): Promise<RecoveryPoint> {
  const answer = await clients.backup(vault.region).send(
    new DescribeRecoveryPointCommand({
      BackupVaultName: vault.name,
      RecoveryPointArn: listed.recoveryPointArn,
      ...(vault.shared ? { BackupVaultAccountId: vault.accountId } : {}),
    }),
  );
  const described = toRecoveryPoint(answer, vault, 'describe');
  if (!described || described.recoveryPointArn !== listed.recoveryPointArn) {
    throw new MalformedResponseError(
      'DescribeRecoveryPoint',
      `the answer is not about ${listed.recoveryPointArn}`,
      answer.$metadata,
    );
  }
  const merged: RecoveryPoint = { ...listed };
  for (const [field, value] of Object.entries(described) as [keyof RecoveryPoint, unknown][]) {
    if (value !== undefined) (merged as unknown as Record<string, unknown>)[field] = value;
  }
  return merged;
}
