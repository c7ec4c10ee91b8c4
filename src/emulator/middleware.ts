/**
 * The request middleware list: every call passes through it after routing and before its
 * handler. Latency injection, rate limiting (ThrottlingException) and fault injection live in load/.
 */
import { ApiError } from './api-error.js';
import type { LoadMiddlewares } from './load/options.js';
import type { StatsRecorder } from './stats.js';
import type { Middleware } from './types.js';

/** Counts every routed call, including those a later middleware rejects. */
export function countCalls(stats: StatsRecorder): Middleware {
  return (ctx) => stats.record(ctx.accountId, ctx.region, ctx.operation);
}

/** A region the account has not opted into rejects Backup and KMS calls as AWS does. */
export const requireEnabledRegion: Middleware = (ctx) => {
  if (ctx.service !== 'backup' && ctx.service !== 'kms') return;
  if (ctx.state.region(ctx.accountId, ctx.region).enabled) return;
  throw new ApiError(
    403,
    'UnrecognizedClientException',
    'The security token included in the request is invalid.',
  );
};

/**
 * The middlewares every emulator runs, in order: count, delay (so every answer is late, errors
 * too), check the region, then the load guards (AccessDenied scopes, throttling, random faults).
 */
export function defaultMiddlewares(
  stats: StatsRecorder,
  load: LoadMiddlewares = { delay: [], guards: [] },
): Middleware[] {
  return [countCalls(stats), ...load.delay, requireEnabledRegion, ...load.guards];
}
