/**
 * Helpers for emulator unit tests: a signed-looking fetch (the emulator reads only the SigV4
 * credential scope) and small scenario builders.
 */
import type { ScenarioInput } from '../../src/emulator/scenario-schema.js';
import { scenarioSchema } from '../../src/emulator/scenario-schema.js';

/** Headers that name an access key, region and service the way SigV4 does. */
export function sigv4(
  service: string,
  region = 'us-east-1',
  accessKeyId = 'test-key-id',
): Record<string, string> {
  return {
    authorization: `AWS4-HMAC-SHA256 Credential=${accessKeyId}/20240601/${region}/${service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=00`,
  };
}

/** A parsed scenario from its input form (defaults applied). */
export function scenario(input: ScenarioInput) {
  return scenarioSchema.parse(input);
}

/** GETs a Backup path and returns status, headers and parsed JSON body. */
export async function backupGet(
  base: string,
  path: string,
  region = 'us-east-1',
  accessKeyId = 'test-key-id',
) {
  const res = await fetch(`${base}${path}`, { headers: sigv4('backup', region, accessKeyId) });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

/** Calls a KMS operation and returns status, headers and parsed JSON body. */
export async function kmsCall(base: string, operation: string, input: unknown, region = 'us-east-1') {
  const res = await fetch(base, {
    method: 'POST',
    headers: {
      ...sigv4('kms', region),
      'x-amz-target': `TrentService.${operation}`,
      'content-type': 'application/x-amz-json-1.1',
    },
    body: JSON.stringify(input),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

/** POSTs a query-protocol form and returns status and XML text. */
export async function formCall(
  base: string,
  service: 'sts' | 'ec2',
  form: Record<string, string>,
  accessKeyId = 'test-key-id',
) {
  const res = await fetch(base, {
    method: 'POST',
    headers: {
      ...sigv4(service, 'us-east-1', accessKeyId),
      'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
    },
    body: new URLSearchParams(form).toString(),
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

/** Calls an Organizations operation and returns status, headers and parsed JSON body. */
export async function orgCall(base: string, operation: string, input: unknown, accessKeyId = 'test-key-id') {
  const res = await fetch(base, {
    method: 'POST',
    headers: {
      ...sigv4('organizations', 'us-east-1', accessKeyId),
      'x-amz-target': `AWSOrganizationsV20161128.${operation}`,
      'content-type': 'application/x-amz-json-1.1',
    },
    body: JSON.stringify(input),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}
