import type { Rule } from '../rule.js';
import { describePoint, statusNote } from './describe-point.js';
import { sourceEncryptionOf } from './resource-types.js';

/** What to do with the unencrypted recovery point itself once the cause is fixed. */
function cleanupAdvice(status: string | undefined): string {
  if (status === 'EXPIRED') {
    return 'This point is past its retention but AWS Backup could not delete it: resolve what blocks the deletion (the status message names it, e.g. deregister the AMI that uses the snapshot), then delete it (aws backup delete-recovery-point).';
  }
  return 'Then delete this unencrypted recovery point once a newer encrypted one covers its retention (vault lock permitting).';
}

/** CIS / Security Hub Backup.1: every recovery point is encrypted at rest, with any KMS key. */
export const recoveryPointEncrypted: Rule = {
  id: 'backup/recovery-point-encrypted',
  title: 'AWS Backup recovery points are encrypted at rest',
  severity: 'medium',
  rationale:
    'An unencrypted backup exposes its data to anyone who can read or copy it; encryption at rest with KMS adds key-policy control and an audit trail.',
  compliance: [
    { framework: 'AWS Security Hub', control: 'Backup.1' },
    { framework: 'AWS Config', control: 'BACKUP_RECOVERY_POINT_ENCRYPTED' },
    { framework: 'CIS Controls v7.1', control: '3.1' },
    { framework: 'CIS Controls v7.1', control: '8.1' },
    { framework: 'NIST SP 800-53 Rev. 5', control: 'CP-9(8)' },
    { framework: 'NIST SP 800-53 Rev. 5', control: 'SI-12' },
  ],
  docsUrl: 'https://docs.aws.amazon.com/aws-backup/latest/devguide/encryption.html',
  evaluate(context) {
    const { point, vault, keyClass } = context;
    if (point.status === 'DELETING') {
      return { status: 'SKIPPED', message: `Recovery point is being deleted (status DELETING); not judged.` };
    }
    const what = describePoint(context);
    const note = statusNote(context);
    if (point.isEncrypted === true) {
      const key = point.encryptionKeyArn ? ` ${point.encryptionKeyArn}` : '';
      const article =
        keyClass === 'aws-owned' || keyClass === 'aws-managed' || keyClass === 'unknown' ? 'an' : 'a';
      return {
        status: 'PASS',
        message: `Encrypted with ${article} ${keyClass} KMS key${key}: ${what}.${note}`,
      };
    }
    if (point.isEncrypted === undefined) {
      return {
        status: 'ERROR',
        message: `AWS did not report IsEncrypted for this ${what}, neither in ListRecoveryPointsByBackupVault nor in DescribeRecoveryPoint; not judged.`,
        remediation:
          'Check the recovery point in the AWS Backup console or with `aws backup describe-recovery-point`.',
      };
    }
    const inherited = sourceEncryptionOf(point.resourceType);
    if (inherited) {
      const vaultKey = vault.encryptionKeyArn ? ` (${vault.encryptionKeyArn})` : '';
      return {
        status: 'FAIL',
        message: `Not encrypted: the ${inherited.source}${point.resourceArn ? ` ${point.resourceArn}` : ''} was unencrypted when it was backed up, and ${point.resourceType} backups keep their source's encryption, so the vault key${vaultKey} does not apply. ${what}.${note}`,
        remediation: `${inherited.fix} ${cleanupAdvice(point.status)}`,
      };
    }
    return {
      status: 'FAIL',
      message: `Not encrypted: ${what}. AWS Backup normally encrypts ${point.resourceType ?? 'this type of'} backups with the vault key, so this is unexpected.${note}`,
      remediation:
        "Check the vault key and the backup role's KMS permissions, take a new backup into a vault with a KMS key, and confirm it reports IsEncrypted true.",
    };
  },
};
