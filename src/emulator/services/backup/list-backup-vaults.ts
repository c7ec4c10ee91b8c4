/** ListBackupVaults: the account's own vaults, or with `shared=true` only vaults shared with it. */
import { injectedError } from '../../api-error.js';
import { parseQuery } from '../../protocols/rest-json.js';
import type { RequestContext } from '../../types.js';
import { bool, int, oneOf, str } from '../../validate.js';
import { decodePageToken, encodePageToken } from './page-token.js';
import { DEFAULT_PAGE_SIZE, renderVault } from './vaults.js';
import type { BackupInput } from './routes.js';

const VAULT_TYPES = [
  'BACKUP_VAULT',
  'LOGICALLY_AIR_GAPPED_BACKUP_VAULT',
  'RESTORE_ACCESS_BACKUP_VAULT',
] as const;

const spec = {
  vaultType: oneOf(VAULT_TYPES),
  shared: bool(),
  nextToken: str(),
  maxResults: int({ min: 1, max: 1000 }),
};

/** Handles ListBackupVaults. */
export function listBackupVaults({ query }: BackupInput, ctx: RequestContext): unknown {
  const input = parseQuery(query, spec);
  const region = ctx.state.region(ctx.accountId, ctx.region);
  if (region.spec?.listBackupVaultsError) throw injectedError(region.spec.listBackupVaultsError);
  const shared = input.shared ?? false;
  const vaults = region.vaults.filter(
    (v) => v.shared === shared && (input.vaultType === undefined || v.spec.VaultType === input.vaultType),
  );
  const scope = `vaults:${ctx.accountId}:${ctx.region}:${shared}:${input.vaultType ?? ''}`;
  const cursor = input.nextToken
    ? decodePageToken(input.nextToken, scope, vaults.length)
    : { scope, offset: 0, page: 0 };
  const end = Math.min(vaults.length, cursor.offset + (input.maxResults ?? DEFAULT_PAGE_SIZE));
  return {
    BackupVaultList: vaults.slice(cursor.offset, end).map(renderVault),
    NextToken:
      end < vaults.length ? encodePageToken({ scope, offset: end, page: cursor.page + 1 }) : undefined,
  };
}
