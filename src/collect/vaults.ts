import { ListBackupVaultsCommand } from '@aws-sdk/client-backup';
import type { Vault } from '../core/types.js';
import type { ClientFactory } from './clients.js';
import { toVault } from './mappers.js';
import { listOf, TokenTrail } from './response-checks.js';

/** Follow NextToken through every page of ListBackupVaults with the given filter. */
async function listVaultMembers(clients: ClientFactory, region: string, shared: boolean): Promise<unknown[]> {
  const members: unknown[] = [];
  const trail = new TokenTrail('ListBackupVaults');
  let nextToken: string | undefined;
  do {
    const page = await clients.backup(region).send(
      new ListBackupVaultsCommand({
        MaxResults: 1000,
        NextToken: nextToken,
        ...(shared ? { ByShared: true } : {}),
      }),
    );
    members.push(...listOf(page, 'BackupVaultList', 'ListBackupVaults'));
    nextToken = trail.next(page);
  } while (nextToken !== undefined);
  return members;
}

/** The vaults of a region, and how many listed members could not be read (no name or vault ARN). */
export interface VaultListing {
  vaults: Vault[];
  unreadable: number;
}

/**
 * Every vault in a region: the account's own (all vault types) and those shared with it (for
 * example RAM-shared logically air-gapped vaults), each once.
 */
export async function listVaults(
  clients: ClientFactory,
  region: string,
  scanningAccountId: string,
): Promise<VaultListing> {
  const [own, shared] = await Promise.all([
    listVaultMembers(clients, region, false),
    listVaultMembers(clients, region, true),
  ]);
  const byArn = new Map<string, Vault>();
  let unreadable = 0;
  for (const member of [...own, ...shared]) {
    const vault = toVault(member, scanningAccountId);
    if (!vault) unreadable += 1;
    else if (!byArn.has(vault.arn)) byArn.set(vault.arn, vault);
  }
  return { vaults: [...byArn.values()], unreadable };
}
