import type { Shard } from './scan-types.js';

/** FNV-1a, 32 bit: a stable hash that needs no crypto and gives the same answer on every machine. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/**
 * Whether this shard owns a scope. Pairs are `${account}/${region}`; account-wide facts (an
 * account whose role cannot be assumed) use `${account}/*`, so exactly one shard reports them.
 */
export function ownsScope(shard: Shard | undefined, accountId: string, region: string): boolean {
  if (!shard || shard.count === 1) return true;
  return fnv1a(`${accountId}/${region}`) % shard.count === shard.index - 1;
}
