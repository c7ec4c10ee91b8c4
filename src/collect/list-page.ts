/**
 * Reads one ListRecoveryPointsByBackupVault answer body: decodes and parses it, checks its shape,
 * drops points listed twice, and sums the page up as the distinct verdict facts on it and how many
 * points share each. Whole items stay here until the judge asks for the few that need a finding.
 * Pure and synchronous, so it runs the same in a page-reader thread or inline.
 */
import { factsKey } from '../core/facts-key.js';
import type { VerdictFacts } from '../core/types.js';
import { bool, obj, str } from './response-checks.js';

/** What the judge needs to know of a page, small enough to pass between threads. */
export interface ListPageSummary {
  /** The body is not JSON, or not a result object (a bare value, or an error shape under a 200). */
  problem?: string;
  /** The RecoveryPoints member: absent, JSON null, a list, or something else (malformed). */
  list: 'absent' | 'null' | 'array' | 'other';
  /** NextToken: a string, or absent (null and absent both end the listing). */
  nextToken: string | null | undefined;
  /** Items with no RecoveryPointArn (or not objects): they cannot be judged. */
  unreadable: number;
  /** Points listed again on the page with different facts; every copy is judged. */
  conflicting: number;
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
    conflicting: 0,
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
  const token = page.NextToken;
  if (token !== undefined && token !== null && typeof token !== 'string') {
    summary.problem = 'NextToken is not a string';
    return done;
  }
  summary.nextToken = token;
  const list = page.RecoveryPoints;
  if (list === undefined) {
    // An empty page is `{}`; members the model does not have mean something else answered.
    const others = Object.keys(page).filter((member) => member !== 'NextToken');
    if (others.length > 0)
      summary.problem = `no RecoveryPoints member, but ${others.slice(0, 3).join(', ')}${others.length > 3 ? ', …' : ''}`;
    return done;
  }
  if (list === null) {
    summary.list = 'null';
    return done;
  }
  if (!Array.isArray(list)) {
    summary.list = 'other';
    return done;
  }
  summary.list = 'array';

  // Facts of each ARN seen: a repeat with the same facts is judged once, one with other facts too.
  const seen = new Map<string, string>();
  const conflicts = new Set<string>();
  const index = new Map<string, number>();
  let last: VerdictFacts | undefined;
  let lastIndex = -1;
  let lastId = '';
  for (const item of list) {
    // The same type checks as toRecoveryPoint, so the facts match the whole point built later.
    const fields = obj(item);
    const arn = str(fields?.RecoveryPointArn);
    if (!fields || !arn) {
      summary.unreadable += 1;
      continue;
    }
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
      const facts = { isEncrypted, status, encryptionKeyArn, encryptionKeyType };
      lastId = factsKey(facts);
      let at = index.get(lastId);
      if (at === undefined) {
        at = summary.facts.length;
        index.set(lastId, at);
        summary.facts.push(facts);
        summary.counts.push(0);
      }
      last = summary.facts[at];
      lastIndex = at;
    }
    // A point listed twice on one page is judged once; copies that disagree are each judged once.
    const before = seen.get(arn);
    if (before === undefined) seen.set(arn, lastId);
    else {
      if (before === lastId) continue;
      const copy = `${arn}\n${lastId}`;
      if (conflicts.has(copy)) continue;
      conflicts.add(copy);
      summary.conflicting += 1;
    }
    summary.counts[lastIndex] = (summary.counts[lastIndex] as number) + 1;
    if (wanted?.(lastIndex)) items.push(item);
  }
  return done;
}
