import type { Gap, Scope } from '../core/types.js';

/** The facts we keep about a failed AWS call: name, message, request id, HTTP status. */
export interface AwsErrorFacts {
  errorName: string;
  message: string;
  requestId?: string;
  httpStatus?: number;
}

interface SdkErrorShape {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  $metadata?: { requestId?: string; httpStatusCode?: number };
  $response?: { statusCode?: number };
}

const networkCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
]);

/** Extract what we report from an SDK error; branches on name and code, never on message text. */
export function awsErrorFacts(error: unknown): AwsErrorFacts {
  const shape = (typeof error === 'object' && error !== null ? error : {}) as SdkErrorShape;
  const rawName = typeof shape.name === 'string' ? shape.name : 'Error';
  const code = typeof shape.code === 'string' ? shape.code : undefined;
  const message = typeof shape.message === 'string' ? shape.message : String(error);
  let errorName = rawName;
  if (code && networkCodes.has(code)) errorName = 'NetworkError';
  else if (rawName === 'TimeoutError' || rawName === 'RequestTimeout') errorName = 'NetworkTimeout';
  const httpStatus = shape.$metadata?.httpStatusCode ?? shape.$response?.statusCode;
  return {
    errorName,
    message: oneLine(code && errorName === 'NetworkError' ? `${code}: ${message}` : message),
    requestId: shape.$metadata?.requestId,
    httpStatus,
  };
}

/** Build the gap for a failed call on a scope. */
export function gapFrom(scope: Scope, operation: string, error: unknown): Gap {
  const facts = awsErrorFacts(error);
  return { scope, operation, ...facts };
}

/**
 * True when the error means the region is not enabled for the account: AWS answers
 * UnrecognizedClientException / InvalidClientTokenId / OptInRequired there, and none is retried.
 */
export function isRegionNotEnabled(error: unknown): boolean {
  const { errorName } = awsErrorFacts(error);
  return (
    errorName === 'UnrecognizedClientException' ||
    errorName === 'OptInRequired' ||
    errorName === 'InvalidClientTokenId'
  );
}

/** Collapse whitespace so every message fits on one line. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
