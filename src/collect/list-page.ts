/**
 * Reads one ListRecoveryPointsByBackupVault answer body: decodes and parses it, checks its shape,
 * drops points listed twice, and sums the page up as the distinct verdict facts on it and how many
 * points share each. Whole items stay here until the judge asks for the few that need a finding.
 * Pure and synchronous, so it runs the same in a page-reader thread or inline.
 */
import type { VerdictFacts } from '../core/types.js';
import { bool, obj, str } from './response-checks.js';

/** What the judge needs to know of a page, small enough to pass between threads. */
export interface ListPageSummary {
  /** The body is not JSON, or not a result object (a bare value, or an error shape under a 200). */
  problem?: string;
  /** The RecoveryPoints member: absent, JSON null, a list, or something else (malformed). */
  list: 'absent' | 'null' | 'array' | 'other';
  /** NextToken exactly as JSON.parse gave it (checked by TokenTrail). */
  nextToken: unknown;
  /** Items with no RecoveryPointArn (or not objects): they cannot be judged. */
  unreadable: number;
  /** Distinct verdict facts on the page, in the order first seen. */
  facts: VerdictFacts[];
  /** Points per entry of `facts` (after dropping repeats of the same ARN). */
  counts: number[];
}

/** A read page: its summary, and its items, picked by the facts entry they belong to. */
export interface ListPage {
  summary: ListPageSummary;
  /** The items whose facts entry passes `wanted`, in list order. */
  items(wanted: (factsIndex: number) => boolean): unknown[];
}

/** Read a page body (UTF-8 JSON bytes). Never throws: problems are in the summary. */
export function readListPage(body: Uint8Array): ListPage {
  return {
    summary: walk(body).summary,
    items: (wanted) => walk(body, wanted).items,
  };
}

/** Parse, check and sum up the page; collect the items whose facts entry `wanted` accepts. */
function walk(
  body: Uint8Array,
  wanted?: (factsIndex: number) => boolean,
): { summary: ListPageSummary; items: unknown[] } {
  const summary: ListPageSummary = {
    list: 'absent',
    nextToken: undefined,
    unreadable: 0,
    facts: [],
    counts: [],
  };
  const items: unknown[] = [];
  const done = { summary, items };
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'));
  } catch {
    summary.problem = `not JSON (${body.byteLength} bytes)`;
    return done;
  }
  const page = obj(parsed);
  // A 200 must carry an object; an error shape or a bare value there is not a page.
  if (!page || '__type' in page) {
    summary.problem = 'a successful answer that is not a result object';
    return done;
  }
  summary.nextToken = page.NextToken;
  const list = page.RecoveryPoints;
  if (list === undefined) return done;
  if (list === null) {
    summary.list = 'null';
    return done;
  }
  if (!Array.isArray(list)) {
    summary.list = 'other';
    return done;
  }
  summary.list = 'array';

  const seen = new Set<string>();
  const index = new Map<string, number>();
  let last: VerdictFacts | undefined;
  let lastIndex = -1;
  for (const item of list) {
    // The same type checks as toRecoveryPoint, so the facts match the whole point built later.
    const fields = obj(item);
    const arn = str(fields?.RecoveryPointArn);
    if (!fields || !arn) {
      summary.unreadable += 1;
      continue;
    }
    // A point listed twice on one page is judged once.
    if (seen.has(arn)) continue;
    seen.add(arn);
    const isEncrypted = bool(fields.IsEncrypted);
    const status = str(fields.Status);
    const encryptionKeyArn = str(fields.EncryptionKeyArn);
    const encryptionKeyType = str(fields.EncryptionKeyType);
    // Neighbours usually share their facts; only a change costs a map lookup.
    if (
      last === undefined ||
      last.isEncrypted !== isEncrypted ||
      last.status !== status ||
      last.encryptionKeyArn !== encryptionKeyArn ||
      last.encryptionKeyType !== encryptionKeyType
    ) {
      const id = `${isEncrypted}\u0000${status}\u0000${encryptionKeyArn}\u0000${encryptionKeyType}`;
      let at = index.get(id);
      if (at === undefined) {
        at = summary.facts.length;
        index.set(id, at);
        summary.facts.push({ isEncrypted, status, encryptionKeyArn, encryptionKeyType });
        summary.counts.push(0);
      }
      last = summary.facts[at];
      lastIndex = at;
    }
    summary.counts[lastIndex] = (summary.counts[lastIndex] as number) + 1;
    if (wanted?.(lastIndex)) items.push(item);
  }
  return done;
}
