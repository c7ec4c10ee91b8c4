import { DescribeRecoveryPointCommand, ListRecoveryPointsByBackupVaultCommand } from '@aws-sdk/client-backup';
import type { Gap, RecoveryPoint, Scope, Vault } from '../core/types.js';
import { gapFrom } from './aws-error.js';
import { ScanInterruptedError, type ClientFactory } from './clients.js';
import { toRecoveryPoint } from './mappers.js';
import { listOf, MalformedResponseError, TokenTrail } from './response-checks.js';

/** The API's maximum page size; asking for more is rejected, asking for less wastes calls. */
export const RECOVERY_POINT_PAGE_SIZE = 1000;

/** One page of a vault's recovery points, plus gaps met while completing it (failed describes). */
export interface RecoveryPointPage {
  points: RecoveryPoint[];
  gaps: Gap[];
}

/**
 * Yield a vault's recovery points page by page (MaxResults 1000, follow NextToken, stop on a
 * repeated token). Verdicts come from the list pages; only a point whose IsEncrypted is absent
 * gets one DescribeRecoveryPoint. A failing list call throws: the caller turns it into a gap.
 */
export async function* recoveryPointPages(
  clients: ClientFactory,
  vault: Vault,
): AsyncGenerator<RecoveryPointPage> {
  const client = clients.backup(vault.region);
  const accountParam = vault.shared ? { BackupVaultAccountId: vault.accountId } : {};
  const trail = new TokenTrail('ListRecoveryPointsByBackupVault');
  let nextToken: string | undefined;
  do {
    const page = await client.send(
      new ListRecoveryPointsByBackupVaultCommand({
        BackupVaultName: vault.name,
        MaxResults: RECOVERY_POINT_PAGE_SIZE,
        NextToken: nextToken,
        ...accountParam,
      }),
    );
    const items = listOf(page, 'RecoveryPoints', 'ListRecoveryPointsByBackupVault');
    // Read the token before judging, so a malformed one fails the vault before its page counts as complete.
    nextToken = trail.next(page);
    yield await completePage(clients, vault, items, page.$metadata?.requestId);
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

async function completePage(
  clients: ClientFactory,
  vault: Vault,
  items: unknown[],
  requestId: string | undefined,
): Promise<RecoveryPointPage> {
  const points: RecoveryPoint[] = [];
  const gaps: Gap[] = [];
  const seen = new Set<string>();
  let unreadable = 0;
  for (const item of items) {
    const point = toRecoveryPoint(item, vault, 'list');
    if (!point) {
      unreadable += 1;
      continue;
    }
    // A point listed twice on one page is judged once.
    if (seen.has(point.recoveryPointArn)) continue;
    seen.add(point.recoveryPointArn);
    if (point.isEncrypted !== undefined) {
      points.push(point);
      continue;
    }
    try {
      points.push(await describeRecoveryPoint(clients, vault, point));
    } catch (error) {
      if (error instanceof ScanInterruptedError) throw error;
      gaps.push(gapFrom(vaultScope(vault, point.recoveryPointArn), 'DescribeRecoveryPoint', error));
      points.push(point);
    }
  }
  if (unreadable > 0) {
    gaps.push({
      scope: vaultScope(vault),
      operation: 'ListRecoveryPointsByBackupVault',
      errorName: 'MalformedResponse',
      message: `${unreadable} listed item(s) had no RecoveryPointArn and could not be judged`,
      ...(requestId ? { requestId } : {}),
    });
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
