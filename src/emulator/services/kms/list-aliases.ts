/** ListAliases: the region's aliases (including `alias/aws/backup` once its key exists), paged by Marker. */
import { ApiError } from '../../api-error.js';
import { parseMembers } from '../../protocols/aws-json.js';
import type { RequestContext } from '../../types.js';
import { int, str } from '../../validate.js';
import { DEFAULT_CREATION_DATE } from '../../state.js';
import { findKey } from './keys.js';

const DEFAULT_LIMIT = 50;
const spec = {
  KeyId: str({ min: 1, max: 2048 }),
  Limit: int({ min: 1, max: 100 }),
  Marker: str({ min: 1, max: 1024 }),
};

/** Markers are base64url offsets; anything else is InvalidMarkerException. */
function markerOffset(marker: string | undefined, length: number): number {
  if (marker === undefined) return 0;
  const text = Buffer.from(marker, 'base64url').toString('utf8');
  const offset = /^alias-offset:(\d+)$/.exec(text)?.[1];
  if (offset === undefined || Number(offset) > length)
    throw new ApiError(
      400,
      'InvalidMarkerException',
      'The marker that specifies where to start is not valid.',
    );
  return Number(offset);
}

/** Handles ListAliases. */
export function listAliases(body: Record<string, unknown>, ctx: RequestContext): unknown {
  const input = parseMembers(body, spec);
  const region = ctx.state.region(ctx.accountId, ctx.region);
  const target = input.KeyId === undefined ? undefined : findKey(ctx, input.KeyId, false).KeyId;
  const aliases = region.keys
    .filter((k) => k.Alias !== undefined && (target === undefined || k.KeyId === target))
    .sort((a, b) => (a.Alias ?? '').localeCompare(b.Alias ?? ''))
    .map((k) => ({
      AliasName: k.Alias,
      AliasArn: `arn:aws:kms:${ctx.region}:${ctx.accountId}:${k.Alias}`,
      TargetKeyId: k.KeyId,
      CreationDate: DEFAULT_CREATION_DATE,
      LastUpdatedDate: DEFAULT_CREATION_DATE,
    }));
  const start = markerOffset(input.Marker, aliases.length);
  const end = Math.min(aliases.length, start + (input.Limit ?? DEFAULT_LIMIT));
  const truncated = end < aliases.length;
  return {
    Aliases: aliases.slice(start, end),
    NextMarker: truncated ? Buffer.from(`alias-offset:${end}`).toString('base64url') : undefined,
    Truncated: truncated,
  };
}
