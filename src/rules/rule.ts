import type { ComplianceMapping, RecoveryPointContext, Severity, Verdict } from '../core/types.js';

/**
 * A rule: a stable id, the text a report needs, and a pure, synchronous evaluate().
 * evaluate() returns undefined when the rule does not apply to the recovery point.
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
