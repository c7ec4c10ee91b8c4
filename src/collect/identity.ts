import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { ClientFactory } from './clients.js';

/** Who the scan runs as. */
export interface CallerIdentity {
  accountId: string;
  arn: string;
}

/** STS GetCallerIdentity: needs no permission, so it tells credential and endpoint problems apart. */
export async function getCallerIdentity(clients: ClientFactory, region: string): Promise<CallerIdentity> {
  const answer = await clients.sts(region).send(new GetCallerIdentityCommand({}));
  if (!answer.Account || !/^\d{12}$/.test(answer.Account)) {
    throw new Error(`GetCallerIdentity answered without a valid account id (${String(answer.Account)})`);
  }
  return { accountId: answer.Account, arn: answer.Arn ?? '' };
}
