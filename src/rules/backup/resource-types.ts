/**
 * Resource types whose backups keep the source's encryption instead of taking the vault key
 * (AWS Backup "independent encryption" not supported). See aws-backup-facts.md section 3.1.
 */
const sourceEncrypted: Record<string, { source: string; fix: string }> = {
  EBS: {
    source: 'source EBS volume',
    fix: 'Encrypt the volume (snapshot it, copy the snapshot with encryption, create a volume from the copy, swap it in) or turn on EBS encryption by default, then take a new backup.',
  },
  EC2: {
    source: "instance's EBS volumes",
    fix: "Encrypt the instance's EBS volumes (or launch from an encrypted AMI copy) and take a new backup.",
  },
  RDS: {
    source: 'source RDS DB instance',
    fix: 'Restore the DB from an encrypted copy of a snapshot (RDS cannot encrypt an existing instance in place), switch to it, then take a new backup.',
  },
  Aurora: {
    source: 'source Aurora cluster',
    fix: 'Restore the cluster from an encrypted snapshot copy, switch to it, then take a new backup. Copies of unencrypted Aurora backups stay unencrypted.',
  },
  DocumentDB: {
    source: 'source DocumentDB cluster',
    fix: 'Restore the cluster from an encrypted snapshot copy, switch to it, then take a new backup. Copies of unencrypted DocumentDB backups stay unencrypted.',
  },
  Neptune: {
    source: 'source Neptune cluster',
    fix: 'Restore the cluster from an encrypted snapshot copy, switch to it, then take a new backup. Copies of unencrypted Neptune backups stay unencrypted.',
  },
  Redshift: {
    source: 'source Redshift cluster',
    fix: 'Enable encryption on the Redshift cluster (modify-cluster --encrypted), then take a new backup.',
  },
  'Redshift Serverless': {
    source: 'source Redshift Serverless namespace',
    fix: 'Encrypt the namespace, then take a new backup.',
  },
  'Storage Gateway': {
    source: 'source Storage Gateway volume',
    fix: 'Copy the backup to a vault with a customer-managed key in another Region or account, or re-create the volume encrypted, then take a new backup.',
  },
  FSx: {
    source: 'source FSx file system',
    fix: 'Re-create the FSx file system with encryption (FSx encrypts new file systems by default) and take a new backup.',
  },
  DynamoDB: {
    source: 'source DynamoDB table',
    fix: 'Turn on AWS Backup advanced features for DynamoDB (backups then take the vault key) and take a new backup.',
  },
};

/** The cause and fix for an unencrypted backup of a type that keeps its source's encryption, if it is one. */
export function sourceEncryptionOf(
  resourceType: string | undefined,
): { source: string; fix: string } | undefined {
  // Own entries only: a type named `constructor` or `__proto__` is not in the table.
  return resourceType !== undefined && Object.hasOwn(sourceEncrypted, resourceType)
    ? sourceEncrypted[resourceType]
    : undefined;
}
