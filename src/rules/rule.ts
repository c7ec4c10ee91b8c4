import type { ComplianceMapping, RecoveryPointContext, Severity, Verdict } from '../core/types.js';

/**
 * A rule: a stable id, the text a report needs, and a pure, synchronous evaluate().
 * evaluate() returns undefined when the rule does not apply to the recovery point.
 *
 * Whether it applies, and the verdict's status, may depend only on the point's VerdictFacts, the
 * vault and the key: the scanner judges each distinct set of facts once per vault and counts
 * the points that share it (test/unit/rules-facts.test.ts holds every rule to this).
 */
export interface Rule {
  id: string;
  title: string;
  severity: Severity;
  rationale: string;
  compliance: ComplianceMapping[];
  docsUrl: string;
  /** Only run when the user asks for it (e.g. `--require-cmk`). */
  optIn?: 'requireCmk';
  evaluate(context: RecoveryPointContext): Verdict | undefined;
}
