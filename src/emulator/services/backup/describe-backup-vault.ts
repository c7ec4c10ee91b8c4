/** DescribeBackupVault: one vault, own or (with backupVaultAccountId) shared. */
import { injectedError } from '../../api-error.js';
import { parseQuery } from '../../protocols/rest-json.js';
import type { RequestContext } from '../../types.js';
import { str } from '../../validate.js';
import type { BackupInput } from './routes.js';
import { findVault, renderVault } from './vaults.js';

const spec = { backupVaultAccountId: str({ pattern: /^[0-9]{12}$/ }) };

/** Handles DescribeBackupVault. */
export function describeBackupVault({ labels, query }: BackupInput, ctx: RequestContext): unknown {
  const input = parseQuery(query, spec);
  const vault = findVault(ctx, labels.backupVaultName ?? '', input.backupVaultAccountId);
  if (vault.spec.describeVaultError) throw injectedError(vault.spec.describeVaultError);
  return renderVault(vault);
}
