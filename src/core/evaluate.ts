import type { Rule } from '../rules/rule.js';
import { classifyKey } from './key-class.js';
import type { Finding, KeyInfo, RecoveryPoint, RecoveryPointContext, Vault, Verdict } from './types.js';

/** Build the context rules see for one recovery point. */
export function contextFor(
  point: RecoveryPoint,
  vault: Vault,
  key: KeyInfo | undefined,
): RecoveryPointContext {
  return { point, vault, key, keyClass: classifyKey(point, vault, key) };
}

/** Run one rule; a rule that throws yields ERROR with the cause instead of crashing the scan. */
function runRule(rule: Rule, context: RecoveryPointContext): Verdict | undefined {
  try {
    return rule.evaluate(context);
  } catch (error) {
    const cause = error instanceof Error ? error.message : String(error);
    return { status: 'ERROR', message: `Rule ${rule.id} failed on this recovery point: ${cause}` };
  }
}

/** Turn a verdict into a finding carrying everything a report needs. */
export function toFinding(rule: Rule, verdict: Verdict, context: RecoveryPointContext): Finding {
  const { point, vault, key, keyClass } = context;
  return {
    ruleId: rule.id,
    title: rule.title,
    status: verdict.status,
    severity: rule.severity,
    message: verdict.message,
    remediation: verdict.remediation,
    accountId: vault.accountId,
    region: vault.region,
    backupVaultName: vault.name,
    backupVaultArn: vault.arn,
    vaultType: point.vaultType ?? vault.vaultType,
    recoveryPointArn: point.recoveryPointArn,
    resourceArn: point.resourceArn,
    resourceType: point.resourceType,
    recoveryPointStatus: point.status,
    isEncrypted: point.isEncrypted,
    encryptionKeyArn: point.encryptionKeyArn,
    keyClass,
    keyState: key?.keyState,
    createdBy: point.createdBy,
    parentRecoveryPointArn: point.parentRecoveryPointArn,
    compositeMemberIdentifier: point.compositeMemberIdentifier,
    creationTime: point.creationTime,
    compliance: rule.compliance,
  };
}

/** One rule's verdict on one point, before it is turned into a Finding (which costs more). */
export interface RuleVerdict {
  rule: Rule;
  verdict: Verdict;
}

/** Judge one recovery point with every given rule; rules that do not apply yield nothing. */
export function judgePoint(context: RecoveryPointContext, rules: readonly Rule[]): RuleVerdict[] {
  const verdicts: RuleVerdict[] = [];
  for (const rule of rules) {
    const verdict = runRule(rule, context);
    if (verdict) verdicts.push({ rule, verdict });
  }
  return verdicts;
}

/** Judge one recovery point and build a Finding for every verdict. */
export function evaluatePoint(context: RecoveryPointContext, rules: readonly Rule[]): Finding[] {
  return judgePoint(context, rules).map(({ rule, verdict }) => toFinding(rule, verdict, context));
}
