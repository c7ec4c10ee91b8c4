/** Form-encoded input shared by the awsQuery and ec2 protocols. */
import { ApiError } from '../api-error.js';
import type { RawRequest } from '../types.js';
import { FieldError, validate, type Field, type Parsed } from '../validate.js';

/** The request's parameters: the form body, else the query string (AWS accepts both). */
export function formParams(request: RawRequest): URLSearchParams {
  const body = new URLSearchParams(request.body);
  return body.has('Action') ? body : request.query;
}

/** Values of a flattened list `Prefix.1`, `Prefix.2`, ... in index order. */
export function formList(params: URLSearchParams, prefix: string): string[] {
  const out: string[] = [];
  for (let i = 1; params.has(`${prefix}.${i}`); i++) out.push(params.get(`${prefix}.${i}`) ?? '');
  return out;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyField = Field<any, boolean>;

/** Validates form fields; `code` is the service's validation error name. */
export function parseForm<S extends Record<string, AnyField>>(
  params: URLSearchParams,
  spec: S,
  code: string,
): Parsed<S> {
  try {
    return validate(spec, (name) => params.get(name) ?? undefined);
  } catch (e) {
    if (e instanceof FieldError) throw new ApiError(400, code, `1 validation error detected: ${e.message}`);
    throw e;
  }
}
