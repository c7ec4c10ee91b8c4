/**
 * ListAccounts: every scenario account as an organization member, 1..20 a page with opaque tokens.
 * Only the management account (the scenario's caller account) may call it, as in AWS.
 */
import { ApiError } from '../../api-error.js';
import { parseMembers } from '../../protocols/aws-json.js';
import type { ScenarioAccount } from '../../scenario-schema.js';
import { DEFAULT_CREATION_DATE } from '../../state.js';
import type { RequestContext } from '../../types.js';
import { int, str } from '../../validate.js';
import { decodePageToken, encodePageToken } from '../backup/page-token.js';

/** The organization id in every account ARN (matches the model's `o-[a-z0-9]{10,32}`). */
export const ORGANIZATION_ID = 'o-exampleorgid';

const DEFAULT_MAX_RESULTS = 20;
const DAY = 86_400;

const spec = {
  NextToken: str({ max: 100_000 }),
  MaxResults: int({ min: 1, max: 20 }),
};

/** The Account structure for the scenario account at `position`; `mgmt` is the management account. */
export function renderAccount(a: ScenarioAccount, position: number, mgmt: string): Record<string, unknown> {
  const isMgmt = a.accountId === mgmt;
  return {
    Id: a.accountId,
    Arn: `arn:aws:organizations::${mgmt}:account/${ORGANIZATION_ID}/${a.accountId}`,
    Email: a.email ?? `aws+${a.accountId}@example.com`,
    Name: a.name ?? `account-${a.accountId}`,
    Status: a.status,
    State: a.status,
    JoinedMethod: a.joinedMethod ?? (isMgmt ? 'INVITED' : 'CREATED'),
    JoinedTimestamp: a.joinedTimestamp ?? DEFAULT_CREATION_DATE + position * DAY,
  };
}

/** Handles ListAccounts. */
export function listAccounts(body: Record<string, unknown>, ctx: RequestContext): unknown {
  const input = parseMembers(body, spec, 'InvalidInputException');
  const mgmt = ctx.state.defaultAccountId;
  if (ctx.accountId !== mgmt)
    throw new ApiError(400, 'AccessDeniedException', "You don't have permissions to access this resource.");
  const accounts = ctx.state.scenario.accounts;
  const scope = `accounts:${mgmt}`;
  const invalid = new ApiError(400, 'InvalidInputException', 'The NextToken value is not valid.');
  const cursor = input.NextToken
    ? decodePageToken(input.NextToken, scope, accounts.length, invalid)
    : { scope, offset: 0, page: 0 };
  const end = Math.min(accounts.length, cursor.offset + (input.MaxResults ?? DEFAULT_MAX_RESULTS));
  return {
    Accounts: accounts.slice(cursor.offset, end).map((a, i) => renderAccount(a, cursor.offset + i, mgmt)),
    NextToken:
      end < accounts.length ? encodePageToken({ scope, offset: end, page: cursor.page + 1 }) : undefined,
  };
}
