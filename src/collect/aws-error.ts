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
  // A JavaScript error with no AWS answer behind it is ours, not AWS's: don't dress it as an AWS error name.
  else if (!shape.$metadata && ['TypeError', 'RangeError', 'ReferenceError', 'SyntaxError'].includes(rawName))
    errorName = 'ScannerError';
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

/** Collapse whitespace so every message fits on one line, and redact anything credential-like. */
export function oneLine(text: string): string {
  return redactSecrets(text.replace(/\s+/g, ' ').trim());
}

/**
 * AWS error messages can quote the request: a SigV4 mismatch answer carries the canonical request,
 * session token included. Nothing credential-like may reach a report or a log.
 */
export function redactSecrets(text: string): string {
  let out = text
    .replace(/(x-amz-security-token[:=]\s*)[^\s&,;]+/gi, '$1[redacted]')
    .replace(/(X-Amz-Credential[:=]\s*)[^\s&,;]+/gi, '$1[redacted]')
    .replace(/(Signature[:=]\s*)[0-9a-f]{16,}/gi, '$1[redacted]')
    .replace(/\b(?:AKIA|ASIA)[A-Z0-9]{12,}\b/g, '[redacted-access-key]')
    // Session tokens are long base64 runs; no ARN or AWS message has one.
    .replace(/[A-Za-z0-9+/=]{100,}/g, '[redacted-token]');
  for (const name of ['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_ACCESS_KEY_ID']) {
    const value = process.env[name];
    if (value && value.length >= 8) out = out.split(value).join('[redacted]');
  }
  return out;
}
