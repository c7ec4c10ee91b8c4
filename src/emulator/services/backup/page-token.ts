/**
 * Opaque pagination tokens: base64url of a small JSON object naming what was listed and where
 * the next page starts. Callers must hand them back unchanged; anything else is rejected.
 */
import { createHash } from 'node:crypto';
import { ApiError } from '../../api-error.js';

/** Where a listing resumes: `scope` names the listing (vault ARN + filters), `offset` the next item. */
export interface PageCursor {
  scope: string;
  offset: number;
  /** How many pages were served before this one (for `failAfterPages`). */
  page: number;
}

/** A short digest, so tokens stay small whatever the scope string is. */
export function scopeDigest(scope: string): string {
  return createHash('sha256').update(scope).digest('base64url').slice(0, 16);
}

/** Encodes a cursor as an opaque token. */
export function encodePageToken(cursor: PageCursor): string {
  return Buffer.from(
    JSON.stringify({ s: scopeDigest(cursor.scope), o: cursor.offset, p: cursor.page }),
  ).toString('base64url');
}

/**
 * Decodes a token issued for `scope` with at most `length` items; a token that is malformed,
 * tampered with or issued for another listing answers `invalid` (Backup's InvalidParameterValueException
 * unless the service words it otherwise).
 */
export function decodePageToken(
  token: string,
  scope: string,
  length: number,
  invalid = new ApiError(400, 'InvalidParameterValueException', 'The specified NextToken is not valid.'),
): PageCursor {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw invalid;
  }
  if (!value || typeof value !== 'object') throw invalid;
  const { s, o, p } = value as Record<string, unknown>;
  if (s !== scopeDigest(scope)) throw invalid;
  if (typeof o !== 'number' || !Number.isSafeInteger(o) || o < 0 || o > length) throw invalid;
  if (typeof p !== 'number' || !Number.isSafeInteger(p) || p < 0) throw invalid;
  const cursor = { scope, offset: o, page: p };
  // Only the exact bytes we issued are accepted (base64 decoding alone tolerates trailing junk).
  if (encodePageToken(cursor) !== token) throw invalid;
  return cursor;
}
