/** awsJson1_1 (KMS): operation in `X-Amz-Target`, errors as body `__type` + `message`. */
import { ApiError } from '../api-error.js';
import { jsonBody } from './raw-json.js';
import type { Protocol, RawRequest } from '../types.js';
import { FieldError, validate, type Field, type Parsed } from '../validate.js';

/** The awsJson1_1 envelopes. */
export const awsJson: Protocol = {
  success: (_operation, output, requestId) => ({
    status: 200,
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': requestId },
    body: jsonBody(output),
  }),
  error: (error, requestId) => ({
    status: error.status,
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amzn-errortype': error.code,
      'x-amzn-requestid': requestId,
    },
    body: JSON.stringify({ __type: error.code, message: error.message }),
  }),
  unknownOperation: (detail) => new ApiError(400, 'UnknownOperationException', `Unknown operation ${detail}`),
};

/** The operation named by `X-Amz-Target: <prefix>.<Operation>`, if the prefix matches. */
export function targetOperation(request: RawRequest, prefix: string): string | undefined {
  const target = request.headers['x-amz-target'];
  if (typeof target !== 'string' || !target.startsWith(`${prefix}.`)) return undefined;
  return target.slice(prefix.length + 1);
}

/** The JSON body as an object (an empty body is `{}`); malformed JSON is a SerializationException. */
export function parseJsonBody(body: string): Record<string, unknown> {
  if (body.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(body);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through to the error below
  }
  throw new ApiError(400, 'SerializationException', 'Request body is not a JSON object');
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyField = Field<any, boolean>;

/**
 * Validates body members, answering `code` (ValidationException for KMS; Organizations uses
 * InvalidInputException) as AWS JSON services do.
 */
export function parseMembers<S extends Record<string, AnyField>>(
  body: Record<string, unknown>,
  spec: S,
  code = 'ValidationException',
): Parsed<S> {
  try {
    return validate(spec, (name) => body[name]);
  } catch (e) {
    if (e instanceof FieldError) throw new ApiError(400, code, `1 validation error detected: ${e.message}`);
    throw e;
  }
}
