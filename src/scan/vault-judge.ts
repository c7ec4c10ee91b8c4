import type { ClientFactory } from '../collect/clients.js';
import type { KeyResolver } from '../collect/keys.js';
import type { RecoveryPointPage } from '../collect/recovery-points.js';
import { contextFor, judgePoint, toFinding } from '../core/evaluate.js';
import { FactVerdicts, type FactOutcome } from '../core/fact-verdicts.js';
import type { SummaryBuilder } from '../core/summary.js';
import type { Gap, KeyInfo, Vault, VerdictFacts } from '../core/types.js';
import type { Rule } from '../rules/index.js';
import type { FindingSink, VaultVisit } from './scan-types.js';

/** What judging a vault's pages needs from the scan. */
export interface JudgeContext {
  rules: readonly Rule[];
  keys: KeyResolver;
  clients: ClientFactory;
  summary: SummaryBuilder;
  sink: FindingSink;
  onGap(gap: Gap): void;
}

/**
 * Judges one vault's pages: each distinct set of verdict facts once (FactVerdicts), whole points
 * only where a finding is to be written. A page counts in the summary only once judged in full,
 * so an interrupt or a failed describe in the middle of one leaves no half-counted page behind.
 */
export class VaultJudge {
  // Keys this vault's points name, described before their points are judged.
  private readonly keys = new Map<string, KeyInfo>();
  private readonly verdicts: FactVerdicts;

  constructor(
    private readonly vault: Vault,
    private readonly visit: VaultVisit,
    private readonly scan: JudgeContext,
  ) {
    this.verdicts = new FactVerdicts(vault, scan.rules, (keyArn) => this.keys.get(keyArn));
  }

  /** Judge one page; returns how many points it held. */
  async judge(page: RecoveryPointPage): Promise<number> {
    const { summary, sink } = this.scan;
    const passes = sink.passes !== false;
    const wanted: number[] = [];
    const counted: { outcome: FactOutcome; points: number }[] = [];
    try {
      await this.resolveKeys(page.facts);
      // Facts whose verdicts all pass are only counted (unless a sink wants passes); the rest,
      // and points AWS listed without IsEncrypted, are judged whole so their findings can be written.
      page.facts.forEach((facts, i) => {
        const outcome = this.verdicts.outcome(facts);
        if (!outcome.allPass || passes || facts.isEncrypted === undefined) wanted.push(i);
        else counted.push({ outcome, points: page.counts[i] as number });
      });
    } catch (error) {
      page.release();
      throw error;
    }
    if (wanted.length === 0) page.release();
    else {
      const { points, gaps } = await page.take(wanted);
      for (const gap of gaps) this.scan.onGap(gap);
      // DescribeRecoveryPoint may name a key the list item did not.
      await this.resolveKeys(points);
      for (const point of points) {
        const key = point.encryptionKeyArn ? this.keys.get(point.encryptionKeyArn) : undefined;
        const context = contextFor(point, this.vault, key);
        for (const { rule, verdict } of judgePoint(context, this.scan.rules)) {
          summary.count(rule.id, verdict.status, this.visit);
          if (passes || verdict.status !== 'PASS') sink.write(toFinding(rule, verdict, context));
        }
      }
    }
    // Only now, with the whole page judged, do its passing points count.
    for (const { outcome, points } of counted)
      for (const { ruleId, status } of outcome.statuses) summary.count(ruleId, status, this.visit, points);
    return page.counts.reduce((sum, n) => sum + n, 0);
  }

  /** Describe every key named here and not yet known to this vault (each at most once per scan). */
  private async resolveKeys(named: readonly VerdictFacts[]): Promise<void> {
    const wanted = new Set<string>();
    for (const { encryptionKeyArn } of named)
      if (encryptionKeyArn !== undefined && !this.keys.has(encryptionKeyArn)) wanted.add(encryptionKeyArn);
    await Promise.all(
      [...wanted].map(async (keyArn) =>
        this.keys.set(keyArn, await this.scan.keys.resolve(keyArn, this.scan.clients)),
      ),
    );
  }
}
