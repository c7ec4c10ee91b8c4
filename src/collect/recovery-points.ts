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

/**
 * One page of a vault's recovery points, summed up as the distinct verdict facts on it and how
 * many points share each. Whole points are built only for the facts a finding needs: most points
 * pass and are only counted, and building each would cost more than judging it.
 */
export interface RecoveryPointPage {
  facts: VerdictFacts[];
  counts: number[];
  /** Items on the page that had no RecoveryPointArn (already reported as a gap). */
  unreadable: number;
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
    if (summary.unreadable > 0) {
      onGap({
        scope: vaultScope(vault),
        operation,
        errorName: 'MalformedResponse',
        message: `${summary.unreadable} listed item(s) had no RecoveryPointArn and could not be judged`,
        ...(metadata.requestId ? { requestId: metadata.requestId } : {}),
      });
    }
    yield {
      facts: summary.facts,
      counts: summary.counts,
      unreadable: summary.unreadable,
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
