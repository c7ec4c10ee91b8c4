/**
 * Fault injection: AccessDenied on named scopes, and a seeded share of 5xx answers and dropped
 * connections on the Backup and KMS calls the scanner makes in bulk (STS, EC2 and Organizations
 * stay reliable, so account and region discovery is not what a load test measures).
 */
import { ApiError, DropConnection } from '../api-error.js';
import { callerArn } from '../services/sts/get-caller-identity.js';
import type { StatsRecorder } from '../stats.js';
import type { Middleware } from '../types.js';
import type { Random } from './prng.js';

/** An account and region, optionally narrowed to one Backup vault. */
export interface DenyScope {
  accountId: string;
  region: string;
  vaultName?: string;
}

/** Backup calls in a denied scope answer AccessDeniedException (403), naming the caller and resource. */
export function denyScopes(scopes: readonly DenyScope[], stats: StatsRecorder): Middleware {
  return (ctx) => {
    if (ctx.service !== 'backup') return;
    const hit = scopes.some(
      (s) =>
        s.accountId === ctx.accountId &&
        s.region === ctx.region &&
        (s.vaultName === undefined || s.vaultName === ctx.vaultName),
    );
    if (!hit) return;
    stats.recordFault('accessDenied');
    const resource =
      ctx.vaultName === undefined
        ? '*'
        : `arn:aws:backup:${ctx.region}:${ctx.accountId}:backup-vault:${ctx.vaultName}`;
    throw new ApiError(
      403,
      'AccessDeniedException',
      `User: ${callerArn(ctx.identity)} is not authorized to perform: backup:${ctx.operation} on resource: ${resource}`,
    );
  };
}

/** Shares of calls that fail, each from 0 to 1. */
export interface FaultRates {
  /** Answered ServiceUnavailableException, HTTP 503. */
  serverError: number;
  /** Connection closed without an answer. */
  drop: number;
}

/**
 * One draw per Backup or KMS call decides its fate: below `drop` the connection is dropped, below
 * `drop + serverError` it gets a 503; so a seed fixes exactly which calls (in arrival order) fail.
 */
export function randomFaults(rates: FaultRates, random: Random, stats: StatsRecorder): Middleware {
  return (ctx) => {
    if (ctx.service !== 'backup' && ctx.service !== 'kms') return;
    const u = random();
    if (u < rates.drop) {
      stats.recordFault('dropped');
      throw new DropConnection();
    }
    if (u < rates.drop + rates.serverError) {
      stats.recordFault('serverError');
      throw new ApiError(
        503,
        'ServiceUnavailableException',
        'The service is temporarily unavailable; please retry.',
      );
    }
  };
}
