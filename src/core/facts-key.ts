import type { VerdictFacts } from './types.js';

/** A key telling sets of facts apart: distinct facts never share one (absent is not "undefined"). */
export function factsKey(facts: VerdictFacts): string {
  return JSON.stringify([facts.isEncrypted, facts.status, facts.encryptionKeyArn, facts.encryptionKeyType]);
}
