import type { Rule } from '../rules/rule.js';
import { contextFor, judgePoint } from './evaluate.js';
import { factsKey } from './facts-key.js';
import type { FindingStatus, KeyInfo, RecoveryPoint, Vault, VerdictFacts } from './types.js';

/** The statuses the rules give one set of facts. */
export interface FactOutcome {
  statuses: { ruleId: string; status: FindingStatus }[];
  /** Every rule that applies passes: such points need no finding unless a sink wants passes. */
  allPass: boolean;
}

/**
 * Judges each distinct set of VerdictFacts in one vault once (the rule contract in rules/rule.ts
 * makes that exact), so a million points that look alike cost a million counts, not a million
 * rule runs. Keys must be resolved before their facts are judged.
 */
export class FactVerdicts {
  private readonly outcomes = new Map<string, FactOutcome>();

  constructor(
    private readonly vault: Vault,
    private readonly rules: readonly Rule[],
    private readonly keyOf: (keyArn: string) => KeyInfo | undefined,
  ) {}

  outcome(facts: VerdictFacts): FactOutcome {
    const id = factsKey(facts);
    let outcome = this.outcomes.get(id);
    if (!outcome) {
      outcome = this.judge(facts);
      this.outcomes.set(id, outcome);
    }
    return outcome;
  }

  private judge(facts: VerdictFacts): FactOutcome {
    // A stand-in point with nothing but the facts: by the rule contract, statuses come out the same.
    const point: RecoveryPoint = {
      recoveryPointArn: '',
      backupVaultName: this.vault.name,
      backupVaultArn: this.vault.arn,
      encryptionSource: 'list',
      status: facts.status,
      isEncrypted: facts.isEncrypted,
      encryptionKeyArn: facts.encryptionKeyArn,
      encryptionKeyType: facts.encryptionKeyType,
    };
    const key = facts.encryptionKeyArn ? this.keyOf(facts.encryptionKeyArn) : undefined;
    const statuses = judgePoint(contextFor(point, this.vault, key), this.rules).map(({ rule, verdict }) => ({
      ruleId: rule.id,
      status: verdict.status,
    }));
    return { statuses, allPass: statuses.every((s) => s.status === 'PASS') };
  }
}
