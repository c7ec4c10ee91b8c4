/** AssumeRole: a session in another scenario account, unless that account denies it. */
import { ApiError } from '../../api-error.js';
import { parseForm } from '../../protocols/form.js';
import { el } from '../../protocols/xml.js';
import type { RequestContext } from '../../types.js';
import { int, str } from '../../validate.js';
import { callerArn } from './get-caller-identity.js';

const ROLE_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]+)$/;

const spec = {
  RoleArn: str({ min: 20, max: 2048 }).required(),
  RoleSessionName: str({ min: 2, max: 64, pattern: /^[\w+=,.@-]*$/ }).required(),
  ExternalId: str({ min: 2, max: 1224, pattern: /^[\w+=,.@:/-]*$/ }),
  DurationSeconds: int({ min: 900, max: 43200 }),
};

/** Handles AssumeRole. */
export function assumeRole(params: URLSearchParams, ctx: RequestContext): unknown {
  const input = parseForm(params, spec, 'ValidationError');
  const m = ROLE_ARN.exec(input.RoleArn);
  if (!m?.[1] || !m[2])
    throw new ApiError(400, 'ValidationError', `${input.RoleArn} is not a valid role ARN`);
  const [accountId, roleName] = [m[1], m[2]];
  if (!ctx.state.hasAccount(accountId) || ctx.state.account(accountId)?.denyAssumeRole) {
    throw new ApiError(
      403,
      'AccessDenied',
      `User: ${callerArn(ctx.identity)} is not authorized to perform: sts:AssumeRole on resource: ${input.RoleArn}`,
    );
  }
  const creds = ctx.identities.issue(
    accountId,
    roleName,
    input.RoleSessionName,
    input.DurationSeconds ?? 3600,
  );
  const session = ctx.identities.resolve(creds.accessKeyId);
  return (
    `<Credentials>${el('AccessKeyId', creds.accessKeyId)}${el('SecretAccessKey', creds.secretAccessKey)}` +
    `${el('SessionToken', creds.sessionToken)}${el('Expiration', creds.expiration.toISOString())}</Credentials>` +
    `<AssumedRoleUser>${el('AssumedRoleId', `${session.role?.roleId}:${input.RoleSessionName}`)}` +
    `${el('Arn', callerArn(session))}</AssumedRoleUser>`
  );
}
