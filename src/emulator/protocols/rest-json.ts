/** restJson1 (AWS Backup): JSON bodies, error name in `x-amzn-errortype` and body `Code`. */
import { ApiError } from '../api-error.js';
import { jsonBody } from './raw-json.js';
import type { HttpAnswer, Protocol } from '../types.js';
import { FieldError, validate, type Field, type Parsed } from '../validate.js';

/** The restJson1 envelopes. */
export const restJson: Protocol = {
  success: (_operation, output, requestId) => ({
    status: 200,
    headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId },
    body: jsonBody(output),
  }),
  error: (error, requestId): HttpAnswer => ({
    status: error.status,
    headers: {
      'content-type': 'application/json',
      'x-amzn-errortype': error.code,
      'x-amzn-requestid': requestId,
    },
    body: JSON.stringify({ Code: error.code, Message: error.message }),
  }),
  unknownOperation: (detail) => new ApiError(404, 'UnknownOperationException', `Unknown operation ${detail}`),
};

/**
 * Matches a still-encoded path against a model `pathRegex` and percent-decodes each captured
 * label: labels are single segments, so splitting happens before decoding (ARNs carry `%2F`).
 */
export function matchPath(path: string, pattern: RegExp): Record<string, string> | undefined {
  const m = pattern.exec(path);
  if (!m) return undefined;
  const labels: Record<string, string> = {};
  for (const [name, value] of Object.entries(m.groups ?? {})) {
    try {
      labels[name] = decodeURIComponent(value);
    } catch {
      throw new ApiError(400, 'InvalidParameterValueException', `Malformed percent-encoding in ${name}`);
    }
  }
  return labels;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyField = Field<any, boolean>;

/** Validates query parameters, answering InvalidParameterValueException as AWS Backup does. */
export function parseQuery<S extends Record<string, AnyField>>(query: URLSearchParams, spec: S): Parsed<S> {
  try {
    return validate(spec, (name) => query.get(name) ?? undefined);
  } catch (e) {
    if (e instanceof FieldError) throw new ApiError(400, 'InvalidParameterValueException', e.message);
    throw e;
  }
}
