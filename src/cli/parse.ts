import { UsageError } from '../core/errors.js';

const regionPattern = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

/** Parse `--regions a,b`: each must look like an AWS region name; duplicates are dropped. */
export function parseRegionList(flag: string, value: string): string[] {
  const regions = value
    .split(',')
    .map((r) => r.trim())
    .filter((r) => r !== '');
  if (regions.length === 0)
    throw new UsageError(`${flag}: give at least one region, e.g. ${flag} us-east-1,eu-west-1`);
  for (const region of regions) parseRegion(flag, region);
  return [...new Set(regions)];
}

/** Check one region name. */
export function parseRegion(flag: string, value: string): string {
  if (!regionPattern.test(value))
    throw new UsageError(`${flag}: '${value}' is not an AWS region name (like us-east-1)`);
  return value;
}

/** Parse a whole number within bounds. */
export function parseIntInRange(flag: string, value: string, min: number, max: number): number {
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new UsageError(`${flag}: '${value}' must be a whole number from ${min} to ${max}`);
  }
  return Number(value);
}

/** Parse an http(s) URL for --endpoint-url. */
export function parseEndpointUrl(flag: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`${flag}: '${value}' is not a URL (like http://127.0.0.1:4566)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`${flag}: '${value}' must be an http:// or https:// URL`);
  }
  if (url.username || url.password) throw new UsageError(`${flag}: the URL must not carry credentials`);
  return value;
}

/** Parse a comma-separated list of 12-digit account ids. */
export function parseAccountList(flag: string, value: string): string[] {
  const ids = value
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
  if (ids.length === 0) throw new UsageError(`${flag}: give at least one 12-digit account id`);
  for (const id of ids)
    if (!/^\d{12}$/.test(id)) throw new UsageError(`${flag}: '${id}' is not a 12-digit AWS account id`);
  return [...new Set(ids)];
}

/** Parse `K/N` with 1 <= K <= N <= 10000. */
export function parseShard(flag: string, value: string): { index: number; count: number } {
  const match = /^([1-9]\d*)\/([1-9]\d*)$/.exec(value);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || count > 10_000 || index < 1 || index > count) {
    throw new UsageError(`${flag}: '${value}' must be K/N with 1 <= K <= N <= 10000, e.g. 2/8`);
  }
  return { index, count };
}
