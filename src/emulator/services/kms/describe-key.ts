/** DescribeKey: KeyMetadata for a key id, key ARN, alias name or alias ARN. */
import { injectedError } from '../../api-error.js';
import { parseMembers } from '../../protocols/aws-json.js';
import type { RequestContext } from '../../types.js';
import { str } from '../../validate.js';
import { findKey, keyMetadata } from './keys.js';

const spec = { KeyId: str({ min: 1, max: 2048 }).required() };

/** Handles DescribeKey. */
export function describeKey(body: Record<string, unknown>, ctx: RequestContext): unknown {
  const input = parseMembers(body, spec);
  const key = findKey(ctx, input.KeyId);
  if (key.describeKeyError) throw injectedError(key.describeKeyError);
  return { KeyMetadata: keyMetadata(ctx.state.region(ctx.accountId, ctx.region), key) };
}
