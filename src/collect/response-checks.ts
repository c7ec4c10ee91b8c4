/**
 * What a server answer must look like before we trust it. AWS's answers always pass; anything else
 * (a proxy's error page, a broken emulator, a truncated body) becomes a gap, never a PASS.
 */

/** A successful answer whose content is not what the AWS model says. */
export class MalformedResponseError extends Error {
  readonly $metadata: { requestId?: string; httpStatusCode?: number };

  constructor(
    operation: string,
    problem: string,
    metadata: { requestId?: string; httpStatusCode?: number } = {},
  ) {
    super(`${operation} answered with a malformed body: ${problem}`);
    this.name = 'MalformedResponse';
    this.$metadata = metadata;
  }
}

/** A string value, or undefined for anything else (numbers, objects, empty strings). */
export function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A boolean value, or undefined: `"true"`, `1` and `null` are not booleans. */
export function bool(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

/** A finite number, or undefined. */
export function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** A plain object, or undefined. */
export function obj(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/**
 * The list member of a page: absent means an empty page; anything but an array is malformed.
 * The answer's request id travels with the error.
 */
export function listOf(page: unknown, member: string, operation: string): unknown[] {
  const record = obj(page);
  const metadata = (record?.$metadata ?? {}) as { requestId?: string; httpStatusCode?: number };
  if (!record) throw new MalformedResponseError(operation, 'not a JSON object', metadata);
  const list = record[member];
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) throw new MalformedResponseError(operation, `${member} is not a list`, metadata);
  return list;
}

/** Follows NextToken safely: a non-string token, or one seen before, ends the listing as malformed. */
export class TokenTrail {
  private readonly seen = new Set<string>();

  constructor(private readonly operation: string) {}

  /** The next token to send, or undefined when the listing is complete. */
  next(page: unknown): string | undefined {
    const record = obj(page);
    const token = record?.NextToken;
    const metadata = (record?.$metadata ?? {}) as { requestId?: string; httpStatusCode?: number };
    if (token === undefined || token === null || token === '') return undefined;
    if (typeof token !== 'string')
      throw new MalformedResponseError(this.operation, 'NextToken is not a string', metadata);
    if (this.seen.has(token)) {
      throw new MalformedResponseError(
        this.operation,
        `the same NextToken came back twice (${token.slice(0, 16)}…); stopped to avoid an endless loop`,
        metadata,
      );
    }
    this.seen.add(token);
    return token;
  }
}
