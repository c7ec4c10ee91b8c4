/** DescribeRecoveryPoint: one point by ARN (percent-decoded from the path). */
import { ApiError } from '../../api-error.js';
import { parseQuery } from '../../protocols/rest-json.js';
import type { RequestContext } from '../../types.js';
import { str } from '../../validate.js';
import { describePoint } from './points.js';
import type { BackupInput } from './routes.js';
import { findVault } from './vaults.js';

const spec = { backupVaultAccountId: str({ pattern: /^[0-9]{12}$/ }) };

/** Handles DescribeRecoveryPoint. */
export function describeRecoveryPoint({ labels, query }: BackupInput, ctx: RequestContext): unknown {
  const input = parseQuery(query, spec);
  const vault = findVault(ctx, labels.backupVaultName ?? '', input.backupVaultAccountId);
  const arn = labels.recoveryPointArn ?? '';
  const point = describePoint(vault, arn);
  if (!point)
    throw new ApiError(400, 'ResourceNotFoundException', `Recovery point ${arn} could not be found.`);
  return point;
}
