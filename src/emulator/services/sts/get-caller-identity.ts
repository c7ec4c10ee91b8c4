/** GetCallerIdentity: the account and ARN behind the request's access key. */
import { el } from '../../protocols/xml.js';
import type { Identity } from '../../identity.js';
import type { RequestContext } from '../../types.js';

/** The IAM user plain credentials stand for. */
export const EMULATOR_USER = 'rpguard-emulator';

/** The ARN an identity presents. */
export function callerArn(identity: Identity): string {
  const r = identity.role;
  return r
    ? `arn:aws:sts::${identity.accountId}:assumed-role/${r.roleName}/${r.sessionName}`
    : `arn:aws:iam::${identity.accountId}:user/${EMULATOR_USER}`;
}

/** Handles GetCallerIdentity. */
export function getCallerIdentity(_params: URLSearchParams, ctx: RequestContext): unknown {
  const { identity } = ctx;
  const userId = identity.role
    ? `${identity.role.roleId}:${identity.role.sessionName}`
    : `AIDA${identity.accountId}RPGUARD`;
  return `${el('Arn', callerArn(identity))}${el('UserId', userId)}${el('Account', identity.accountId)}`;
}
