import type { EvaluationOptions } from '../core/types.js';
import { recoveryPointCustomerManagedKey } from './backup/recovery-point-customer-managed-key.js';
import { recoveryPointEncrypted } from './backup/recovery-point-encrypted.js';
import { recoveryPointKeyUsable } from './backup/recovery-point-key-usable.js';
import type { Rule } from './rule.js';

export type { Rule } from './rule.js';

/** Every rule rpguard knows, in report order. */
export const allRules: readonly Rule[] = [
  recoveryPointEncrypted,
  recoveryPointKeyUsable,
  recoveryPointCustomerManagedKey,
];

/** The rules that run under the given options. */
export function selectRules(options: EvaluationOptions): Rule[] {
  return allRules.filter((rule) => rule.optIn === undefined || options[rule.optIn]);
}
