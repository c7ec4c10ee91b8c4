import type { Rule } from '../rule.js';
import { sourceEncryptionOf } from './resource-types.js';

/** Stricter profile (`--require-cmk`): recovery points are encrypted with a customer-managed key. */
export const recoveryPointCustomerManagedKey: Rule = {
  id: 'backup/recovery-point-customer-managed-key',
  title: 'AWS Backup recovery points are encrypted with a customer-managed KMS key',
  severity: 'low',
  rationale:
    'A customer-managed key lets you control its policy, rotation and grants, and revoke access; AWS-managed and AWS-owned keys do not.',
  compliance: [{ framework: 'rpguard strict profile', control: 'require-cmk' }],
  docsUrl: 'https://docs.aws.amazon.com/aws-backup/latest/devguide/encryption.html',
  optIn: 'requireCmk',
  evaluate({ point, keyClass }) {
    if (point.status === 'DELETING') return undefined;
    if (point.isEncrypted === false) {
      return { status: 'FAIL', message: 'Not encrypted at all, so not with a customer-managed key.' };
    }
    if (point.isEncrypted === undefined) {
      return { status: 'ERROR', message: 'Encryption state unknown, so the key class cannot be judged.' };
    }
    if (keyClass === 'customer-managed') {
      return {
        status: 'PASS',
        message: `Encrypted with customer-managed key ${point.encryptionKeyArn ?? ''}`.trim() + '.',
      };
    }
    if (keyClass === 'unknown') {
      return {
        status: 'ERROR',
        message: 'The key could not be described, so whether it is customer-managed is unknown.',
        remediation: 'Allow kms:DescribeKey on the key for the audit role.',
      };
    }
    const key = point.encryptionKeyArn ? ` ${point.encryptionKeyArn}` : '';
    const article = keyClass === 'aws-owned' || keyClass === 'aws-managed' ? 'an' : 'a';
    // Types that keep their source's encryption are fixed at the source, not by a new vault.
    const inherited = sourceEncryptionOf(point.resourceType);
    return {
      status: 'FAIL',
      message: `Encrypted with ${article} ${keyClass} key${key}, not a customer-managed one.`,
      remediation: inherited
        ? `${point.resourceType} backups keep the ${inherited.source}'s key, so a vault key cannot change this: re-encrypt the source with a customer-managed key (for example copy a snapshot with --kms-key-id set to the CMK and switch to a resource restored from it), then take new backups.`
        : 'Create a vault with a customer-managed KMS key, point the backup plan rules at it, and let older recovery points age out (a vault key cannot be changed after creation).',
    };
  },
};
