/** ListRecoveryPointsByBackupVault: filtered, paged with opaque tokens, faults injectable per vault. */
import { ApiError, injectedError } from '../../api-error.js';
import { JsonWriter } from '../../protocols/json-writer.js';
import { RawJson } from '../../protocols/raw-json.js';
import { parseQuery } from '../../protocols/rest-json.js';
import type { RequestContext } from '../../types.js';
import { int, str } from '../../validate.js';
import { decodePageToken, encodePageToken } from './page-token.js';
import { PointSequence, type PointFilter } from './points.js';
import type { BackupInput } from './routes.js';
import { DEFAULT_PAGE_SIZE, findVault } from './vaults.js';

const spec = {
  backupVaultAccountId: str({ pattern: /^[0-9]{12}$/ }),
  nextToken: str(),
  maxResults: int({ min: 1, max: 1000 }),
  resourceArn: str(),
  resourceType: str({ pattern: /^[a-zA-Z0-9\-_.]{1,50}$/ }),
  backupPlanId: str(),
  createdBefore: str(),
  createdAfter: str(),
  parentRecoveryPointArn: str(),
};

/** Query timestamps are ISO-8601 (botocore) or epoch seconds; both become epoch seconds. */
function epoch(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = /^\d+(\.\d+)?$/.test(value) ? Number(value) : Date.parse(value) / 1000;
  if (Number.isNaN(n))
    throw new ApiError(400, 'InvalidParameterValueException', `Invalid timestamp for ${name}`);
  return n;
}

/** Handles ListRecoveryPointsByBackupVault. */
export function listRecoveryPointsByBackupVault(
  { labels, query }: BackupInput,
  ctx: RequestContext,
): RawJson {
  const input = parseQuery(query, spec);
  const vault = findVault(ctx, labels.backupVaultName ?? '', input.backupVaultAccountId);
  const filter: PointFilter = {
    resourceArn: input.resourceArn,
    resourceType: input.resourceType,
    parentRecoveryPointArn: input.parentRecoveryPointArn,
    backupPlanId: input.backupPlanId,
    createdAfter: epoch(input.createdAfter, 'createdAfter'),
    createdBefore: epoch(input.createdBefore, 'createdBefore'),
  };
  const points = new PointSequence(vault, filter);
  const scope = `points:${vault.arn}:${JSON.stringify(filter)}`;
  const cursor = input.nextToken
    ? decodePageToken(input.nextToken, scope, points.length)
    : { scope, offset: 0, page: 0 };
  const fault = vault.spec.listRecoveryPointsError;
  if (fault && cursor.page >= (vault.spec.failAfterPages ?? 0)) throw injectedError(fault);
  const limit = input.maxResults ?? DEFAULT_PAGE_SIZE;
  const end = Math.min(points.length, cursor.offset + limit);
  const next =
    end < points.length ? encodePageToken({ scope, offset: end, page: cursor.page + 1 }) : undefined;
  // Built as bytes: the benchmarks serve 200 pages of 1,000 points a second on a shared CPU.
  const out = new JsonWriter(Math.min(limit, points.length - cursor.offset) * 640 + 512);
  out.text('{"RecoveryPoints":');
  points.writePage(out, cursor.offset, limit);
  out.text(next === undefined ? '}' : `,"NextToken":${JSON.stringify(next)}}`);
  return new RawJson(out.finish());
}
