import type { Rule } from '../rule.js';

// Keys in these states cannot decrypt: restores fail. PendingImport has no key material yet.
const unusableStates = new Set([
  'Disabled',
  'PendingDeletion',
  'PendingReplicaDeletion',
  'Unavailable',
  'PendingImport',
]);

/** An encrypted recovery point is only restorable while its KMS key can be used. */
export const recoveryPointKeyUsable: Rule = {
  id: 'backup/recovery-point-key-usable',
  title: 'The KMS key of an encrypted recovery point is usable',
  severity: 'high',
  rationale:
    'A disabled key, or one pending deletion, makes restores and copies fail; once the key is deleted the backup can never be decrypted.',
  compliance: [{ framework: 'NIST SP 800-53 Rev. 5', control: 'CP-9' }],
  docsUrl: 'https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys.html',
  evaluate({ point, key, keyClass }) {
    if (point.status === 'DELETING' || point.isEncrypted !== true) return undefined;
    if (keyClass === 'aws-owned') {
      return { status: 'PASS', message: 'Encrypted with an AWS-owned key, which AWS keeps usable.' };
    }
    // No key ARN named (e.g. a source service's AWS-owned key): there is no customer-visible key to check.
    if (!key) return undefined;
    if (key.describeError) {
      return {
        status: 'ERROR',
        message: `Could not read key ${key.keyArn}: kms:DescribeKey answered ${key.describeError.errorName}; key state unknown.`,
        remediation:
          'Allow kms:DescribeKey on this key for the audit role (in the key policy for keys in other accounts).',
      };
    }
    if (key.keyState && unusableStates.has(key.keyState)) {
      const when =
        key.keyState === 'PendingDeletion' && key.deletionDate
          ? `, scheduled for deletion on ${key.deletionDate}`
          : '';
      return {
        status: 'FAIL',
        message: `Key ${key.keyArn} is ${key.keyState}${when}: restores and copies of this recovery point will fail.`,
        remediation:
          key.keyState === 'PendingDeletion'
            ? `Cancel the deletion now (aws kms cancel-key-deletion --key-id ${key.keyArn}) and re-enable the key (aws kms enable-key --key-id ${key.keyArn}), unless these backups are meant to become unrecoverable.`
            : `Re-enable the key (aws kms enable-key --key-id ${key.keyArn}) or restore its availability.`,
      };
    }
    if (key.keyState === 'Enabled') return { status: 'PASS', message: `Key ${key.keyArn} is Enabled.` };
    // Creating, Updating or a state we do not know: whether a restore would work cannot be told.
    return {
      status: 'ERROR',
      message: `Key ${key.keyArn} is in state ${key.keyState ?? '(none reported)'}; whether restores would work cannot be judged.`,
      remediation: `Check the key with aws kms describe-key --key-id ${key.keyArn}.`,
    };
  },
};
