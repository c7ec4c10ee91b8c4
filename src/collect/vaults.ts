import { ListBackupVaultsCommand, type BackupVaultListMember } from '@aws-sdk/client-backup';
import type { Vault } from '../core/types.js';
import type { ClientFactory } from './clients.js';
import { toVault } from './mappers.js';

/** Follow NextToken through every page of ListBackupVaults with the given filter. */
async function listVaultMembers(
  clients: ClientFactory,
  region: string,
  shared: boolean,
): Promise<BackupVaultListMember[]> {
  const members: BackupVaultListMember[] = [];
  const seen = new Set<string>();
  let nextToken: string | undefined;
  do {
    const page = await clients.backup(region).send(
      new ListBackupVaultsCommand({
        MaxResults: 1000,
        NextToken: nextToken,
        ...(shared ? { ByShared: true } : {}),
      }),
    );
    members.push(...(page.BackupVaultList ?? []));
    nextToken = page.NextToken || undefined;
    if (nextToken !== undefined) {
      if (seen.has(nextToken)) throw new RepeatedTokenError('ListBackupVaults', nextToken);
      seen.add(nextToken);
    }
  } while (nextToken !== undefined);
  return members;
}

/** Raised when a paginated API hands back a token it already gave: the listing cannot be trusted to be complete. */
export class RepeatedTokenError extends Error {
  constructor(operation: string, token: string) {
    super(
      `${operation} returned the same NextToken twice (${token.slice(0, 16)}…); stopped to avoid an endless loop`,
    );
    this.name = 'RepeatedPaginationToken';
  }
}

/**
 * Every vault in a region: the account's own (all vault types) and those shared with it (for
 * example RAM-shared logically air-gapped vaults), each once.
 */
export async function listVaults(
  clients: ClientFactory,
  region: string,
  scanningAccountId: string,
): Promise<Vault[]> {
  const [own, shared] = await Promise.all([
    listVaultMembers(clients, region, false),
    listVaultMembers(clients, region, true),
  ]);
  const byArn = new Map<string, Vault>();
  for (const member of [...own, ...shared]) {
    const vault = toVault(member, scanningAccountId);
    if (vault && !byArn.has(vault.arn)) byArn.set(vault.arn, vault);
  }
  return [...byArn.values()];
}
