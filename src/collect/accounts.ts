import { ListAccountsCommand } from '@aws-sdk/client-organizations';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import type { ClientFactory } from './clients.js';
import { listOf, obj, str, TokenTrail } from './response-checks.js';

/** An account to scan. */
export interface TargetAccount {
  accountId: string;
  name?: string;
}

/**
 * Organizations ListAccounts (MaxResults 20, NextToken; a page may be empty while NextToken is set):
 * active accounts only, each once, and how many entries could not be read.
 */
export async function listOrganizationAccounts(
  clients: ClientFactory,
): Promise<{ accounts: TargetAccount[]; malformed: number }> {
  const accounts = new Map<string, TargetAccount>();
  let malformed = 0;
  const trail = new TokenTrail('ListAccounts');
  let nextToken: string | undefined;
  do {
    const page = await clients
      .organizations()
      .send(new ListAccountsCommand({ MaxResults: 20, NextToken: nextToken }));
    for (const item of listOf(page, 'Accounts', 'ListAccounts')) {
      const account = obj(item);
      const id = str(account?.Id);
      const state = str(account?.State) ?? str(account?.Status);
      // An entry we cannot read is counted, so the scan reports it instead of silently skipping an account.
      if (!id || !/^\d{12}$/.test(id) || !state) malformed += 1;
      else if (state === 'ACTIVE' && !accounts.has(id))
        accounts.set(id, { accountId: id, name: str(account?.Name) });
    }
    nextToken = trail.next(page);
  } while (nextToken !== undefined);
  return {
    accounts: [...accounts.values()].sort((a, b) => a.accountId.localeCompare(b.accountId)),
    malformed,
  };
}

/** How to assume the audit role in each account. */
export interface RoleSettings {
  roleName: string;
  externalId?: string;
  /** `aws`, `aws-us-gov` or `aws-cn`, from the caller's ARN. */
  partition: string;
  homeRegion: string;
}

/** Role ARN for an account. Role names may carry a path (`audit/rpguard-audit`). */
export function roleArnFor(accountId: string, settings: RoleSettings): string {
  return `arn:${settings.partition}:iam::${accountId}:role/${settings.roleName}`;
}

/** Refresh assumed-role credentials this long before they expire. */
const REFRESH_MARGIN_MS = 5 * 60 * 1000;

/**
 * A credential provider that assumes the audit role in an account and refreshes before expiry.
 * The first call happens eagerly (in `assumeRole`), so a role that cannot be assumed becomes a gap
 * for that account before any other call is made.
 */
export async function assumeRole(
  base: ClientFactory,
  accountId: string,
  settings: RoleSettings,
): Promise<
  () => Promise<{ accessKeyId: string; secretAccessKey: string; sessionToken?: string; expiration?: Date }>
> {
  const roleArn = roleArnFor(accountId, settings);
  const sessionName = `rpguard-audit-${Date.now()}`.slice(0, 64);
  const fetchCredentials = async () => {
    const answer = await base.sts(settings.homeRegion).send(
      new AssumeRoleCommand({
        RoleArn: roleArn,
        RoleSessionName: sessionName,
        DurationSeconds: 3600,
        ...(settings.externalId ? { ExternalId: settings.externalId } : {}),
      }),
    );
    const c = answer.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey)
      throw new Error(`AssumeRole into ${roleArn} returned no credentials`);
    return {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken,
      expiration: c.Expiration,
    };
  };
  let current = await fetchCredentials();
  let refreshing: Promise<typeof current> | undefined;
  return async () => {
    const expiresAt = current.expiration?.getTime() ?? Number.POSITIVE_INFINITY;
    if (expiresAt - Date.now() > REFRESH_MARGIN_MS) return current;
    refreshing ??= fetchCredentials().finally(() => (refreshing = undefined));
    current = await refreshing;
    return current;
  };
}

/** The partition from an ARN such as `arn:aws-us-gov:iam::…`. */
export function partitionOf(arn: string): string {
  return arn.split(':')[1] || 'aws';
}
