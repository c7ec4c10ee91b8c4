import {
  DescribeRecoveryPointCommand,
  ListRecoveryPointsByBackupVaultCommand,
  type RecoveryPointByBackupVault,
} from '@aws-sdk/client-backup';
import type { Gap, RecoveryPoint, Vault } from '../core/types.js';
import { gapFrom } from './aws-error.js';
import { ScanInterruptedError, type ClientFactory } from './clients.js';
import { toRecoveryPoint } from './mappers.js';
import { RepeatedTokenError } from './vaults.js';

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
  const seen = new Set<string>();
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
    yield await completePage(clients, vault, page.RecoveryPoints ?? []);
    nextToken = page.NextToken || undefined;
    if (nextToken !== undefined) {
      if (seen.has(nextToken)) throw new RepeatedTokenError('ListRecoveryPointsByBackupVault', nextToken);
      seen.add(nextToken);
    }
  } while (nextToken !== undefined);
}

async function completePage(
  clients: ClientFactory,
  vault: Vault,
  items: RecoveryPointByBackupVault[],
): Promise<RecoveryPointPage> {
  const points: RecoveryPoint[] = [];
  const gaps: Gap[] = [];
  for (const item of items) {
    const point = toRecoveryPoint(item, vault, 'list');
    if (!point) continue;
    if (point.isEncrypted !== undefined) {
      points.push(point);
      continue;
    }
    try {
      points.push(await describeRecoveryPoint(clients, vault, point));
    } catch (error) {
      if (error instanceof ScanInterruptedError) throw error;
      const scope = {
        kind: 'recovery-point' as const,
        accountId: vault.accountId,
        region: vault.region,
        backupVaultName: vault.name,
        backupVaultArn: vault.arn,
        recoveryPointArn: point.recoveryPointArn,
      };
      gaps.push(gapFrom(scope, 'DescribeRecoveryPoint', error));
      points.push(point);
    }
  }
  return { points, gaps };
}

/** Re-read one point whose list item lacked IsEncrypted; fields the describe lacks keep their list values. */
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
  if (!described) return listed;
  const merged: RecoveryPoint = { ...listed };
  for (const [field, value] of Object.entries(described) as [keyof RecoveryPoint, unknown][]) {
    if (value !== undefined) (merged as unknown as Record<string, unknown>)[field] = value;
  }
  return merged;
}
