/** What the SigV4 credential scope of a request says: who signed it, for which region and service. */
export interface SigV4Scope {
  accessKeyId: string;
  region: string;
  service: string;
}

const CREDENTIAL = /Credential=([^/,\s]+)\/\d{8}\/([^/,\s]+)\/([^/,\s]+)\/aws4_request/;

/**
 * Reads the credential scope from an `Authorization: AWS4-HMAC-SHA256 Credential=...` header.
 * The signature itself is not checked: the emulator accepts any credentials.
 */
export function parseSigV4(authorization: string | undefined): SigV4Scope | undefined {
  if (!authorization?.startsWith('AWS4-HMAC-SHA256')) return undefined;
  const m = CREDENTIAL.exec(authorization);
  if (!m?.[1] || !m[2] || !m[3]) return undefined;
  return { accessKeyId: m[1], region: m[2], service: m[3] };
}
