import { describe, expect, it } from 'vitest';
import { contextFor, evaluatePoint } from '../../src/core/evaluate.js';
import type { Finding, KeyInfo, RecoveryPoint, Vault } from '../../src/core/types.js';
import { allRules, selectRules, type Rule } from '../../src/rules/index.js';
import { aKey, aPoint, aVault } from '../support/builders.js';

function judge(
  point: RecoveryPoint,
  vault: Vault = aVault(),
  key: KeyInfo | undefined = aKey(),
  requireCmk = false,
): Map<string, Finding> {
  const findings = evaluatePoint(contextFor(point, vault, key), selectRules({ requireCmk }));
  return new Map(findings.map((f) => [f.ruleId, f]));
}

const ENCRYPTED = 'backup/recovery-point-encrypted';
const KEY_USABLE = 'backup/recovery-point-key-usable';
const CMK = 'backup/recovery-point-customer-managed-key';

describe('rule registry', () => {
  it('has unique, stable ids', () => {
    expect(allRules.map((r) => r.id)).toEqual([ENCRYPTED, KEY_USABLE, CMK]);
  });
  it('maps the encryption rule to Security Hub Backup.1, the Config rule and CIS Controls 3.1 and 8.1', () => {
    const rule = allRules.find((r) => r.id === ENCRYPTED) as Rule;
    expect(rule.compliance).toEqual(
      expect.arrayContaining([
        { framework: 'AWS Security Hub', control: 'Backup.1' },
        { framework: 'AWS Config', control: 'BACKUP_RECOVERY_POINT_ENCRYPTED' },
        { framework: 'CIS Controls v7.1', control: '3.1' },
        { framework: 'CIS Controls v7.1', control: '8.1' },
      ]),
    );
    expect(rule.severity).toBe('medium');
  });
  it('runs the customer-managed-key rule only with requireCmk', () => {
    expect(selectRules({ requireCmk: false }).map((r) => r.id)).toEqual([ENCRYPTED, KEY_USABLE]);
    expect(selectRules({ requireCmk: true }).map((r) => r.id)).toEqual([ENCRYPTED, KEY_USABLE, CMK]);
  });
});

describe('backup/recovery-point-encrypted', () => {
  it.each([
    ['customer-managed', aKey()],
    ['aws-managed', aKey({ keyManager: 'AWS' })],
    [
      'unknown',
      {
        keyArn: 'arn:aws:kms:us-east-1:999988887777:key/x',
        describeError: { errorName: 'AccessDeniedException', message: 'no' },
      },
    ],
  ] as const)('passes an encrypted point whatever the key class (%s)', (keyClass, key) => {
    const finding = judge(aPoint(), aVault(), key).get(ENCRYPTED) as Finding;
    expect(finding.status).toBe('PASS');
    expect(finding.keyClass).toBe(keyClass);
  });

  it('passes an AWS-owned key on a logically air-gapped vault without a key ARN (K06)', () => {
    const vault = aVault({
      vaultType: 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT',
      encryptionKeyArn: undefined,
      encryptionKeyType: 'AWS_OWNED_KMS_KEY',
    });
    const point = aPoint({
      encryptionKeyArn: undefined,
      encryptionKeyType: 'AWS_OWNED_KMS_KEY',
      vaultType: 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT',
    });
    const findings = judge(point, vault, undefined);
    expect(findings.get(ENCRYPTED)?.status).toBe('PASS');
    expect(findings.get(ENCRYPTED)?.keyClass).toBe('aws-owned');
    expect(findings.get(KEY_USABLE)?.status).toBe('PASS');
  });

  it('fails an unencrypted EBS point in a CMK vault and says the vault key does not apply (K03)', () => {
    const point = aPoint({
      recoveryPointArn: 'arn:aws:ec2:eu-west-1::snapshot/snap-0abc',
      resourceArn: 'arn:aws:ec2:eu-west-1:111122223333:volume/vol-0abc',
      resourceType: 'EBS',
      isEncrypted: false,
      encryptionKeyArn: undefined,
    });
    const findings = judge(point, aVault({ name: 'cmk-vault' }), undefined);
    const finding = findings.get(ENCRYPTED) as Finding;
    expect(finding.status).toBe('FAIL');
    expect(finding.keyClass).toBe('none');
    expect(finding.message).toContain(
      'source EBS volume arn:aws:ec2:eu-west-1:111122223333:volume/vol-0abc was unencrypted when it was backed up',
    );
    expect(finding.message).toContain(
      'vault key (arn:aws:kms:us-east-1:111122223333:key/cmk-1) does not apply',
    );
    expect(finding.remediation).toMatch(/Encrypt the volume/);
    expect(findings.has(KEY_USABLE)).toBe(false);
  });

  it('fails an unencrypted fully managed type as unexpected', () => {
    const finding = judge(aPoint({ resourceType: 'S3', isEncrypted: false }), aVault(), undefined).get(
      ENCRYPTED,
    ) as Finding;
    expect(finding.status).toBe('FAIL');
    expect(finding.message).toContain('AWS Backup normally encrypts S3 backups with the vault key');
  });

  it.each(['constructor', '__proto__', 'toString'])(
    'treats resource type %s as just a name, not a key of the advice table',
    (resourceType) => {
      const finding = judge(aPoint({ resourceType, isEncrypted: false }), aVault(), undefined).get(
        ENCRYPTED,
      ) as Finding;
      expect(finding.status).toBe('FAIL');
      expect(finding.message).toContain(
        `AWS Backup normally encrypts ${resourceType} backups with the vault key`,
      );
      expect(finding.remediation).not.toContain('undefined');
    },
  );

  it('gives ERROR, never FAIL, when IsEncrypted is unknown (K05)', () => {
    const finding = judge(aPoint({ isEncrypted: undefined, encryptionSource: 'describe' })).get(
      ENCRYPTED,
    ) as Finding;
    expect(finding.status).toBe('ERROR');
    expect(finding.message).toContain('did not report IsEncrypted');
  });

  it('judges EXPIRED points and notes the status; skips DELETING ones (K07)', () => {
    const expired = judge(
      aPoint({
        resourceType: 'EBS',
        isEncrypted: false,
        status: 'EXPIRED',
        statusMessage: 'snapshot is in use by an image',
      }),
      aVault(),
      undefined,
    );
    expect(expired.get(ENCRYPTED)?.status).toBe('FAIL');
    expect(expired.get(ENCRYPTED)?.message).toContain('Status EXPIRED');
    expect(expired.get(ENCRYPTED)?.message).toContain('snapshot is in use by an image');
    expect(expired.get(ENCRYPTED)?.remediation).toContain('resolve what blocks the deletion');
    const deleting = judge(
      aPoint({ resourceType: 'EBS', isEncrypted: false, status: 'DELETING' }),
      aVault(),
      undefined,
    );
    expect(deleting.get(ENCRYPTED)?.status).toBe('SKIPPED');
    expect(deleting.has(KEY_USABLE)).toBe(false);
  });

  it.each(['PARTIAL', 'STOPPED', 'AVAILABLE', 'CREATING'])('judges points with status %s', (status) => {
    expect(judge(aPoint({ status })).get(ENCRYPTED)?.status).toBe('PASS');
    expect(judge(aPoint({ status, isEncrypted: false }), aVault(), undefined).get(ENCRYPTED)?.status).toBe(
      'FAIL',
    );
  });

  it('names the parent and logical id of a failing composite child (K08)', () => {
    const child = aPoint({
      recoveryPointArn: 'arn:aws:backup:us-east-1:111122223333:recovery-point:k08-child',
      resourceType: 'DynamoDB',
      isEncrypted: false,
      parentRecoveryPointArn: 'arn:aws:backup:us-east-1:111122223333:recovery-point:k08-parent',
      compositeMemberIdentifier: 'OrdersTable',
    });
    const finding = judge(child, aVault(), undefined).get(ENCRYPTED) as Finding;
    expect(finding.status).toBe('FAIL');
    expect(finding.message).toContain(
      'in composite arn:aws:backup:us-east-1:111122223333:recovery-point:k08-parent (logical id OrdersTable)',
    );
    expect(finding.parentRecoveryPointArn).toBe(
      'arn:aws:backup:us-east-1:111122223333:recovery-point:k08-parent',
    );
    expect(finding.compositeMemberIdentifier).toBe('OrdersTable');
  });
});

describe('backup/recovery-point-key-usable', () => {
  it('fails a key pending deletion with the deletion date, while encryption passes (K09)', () => {
    const key = aKey({
      keyState: 'PendingDeletion',
      enabled: false,
      deletionDate: '2027-01-01T00:00:00.000Z',
    });
    const findings = judge(aPoint(), aVault(), key);
    expect(findings.get(ENCRYPTED)?.status).toBe('PASS');
    const usable = findings.get(KEY_USABLE) as Finding;
    expect(usable.status).toBe('FAIL');
    expect(usable.keyState).toBe('PendingDeletion');
    expect(usable.message).toContain('scheduled for deletion on 2027-01-01T00:00:00.000Z');
    expect(usable.remediation).toContain('cancel-key-deletion');
  });
  it('fails a disabled key', () => {
    expect(
      judge(aPoint(), aVault(), aKey({ keyState: 'Disabled', enabled: false })).get(KEY_USABLE)?.status,
    ).toBe('FAIL');
  });
  it('gives ERROR when the key cannot be described', () => {
    const key: KeyInfo = {
      keyArn: 'arn:aws:kms:us-east-1:999988887777:key/x',
      describeError: { errorName: 'AccessDeniedException', message: 'denied' },
    };
    const finding = judge(aPoint({ encryptionKeyArn: key.keyArn }), aVault(), key).get(KEY_USABLE) as Finding;
    expect(finding.status).toBe('ERROR');
    expect(finding.message).toContain('AccessDeniedException');
  });
});

describe('backup/recovery-point-customer-managed-key (--require-cmk)', () => {
  it('fails an aws/backup AWS-managed key (K04) and passes a customer-managed one', () => {
    const awsManaged = judge(
      aPoint(),
      aVault(),
      aKey({ keyManager: 'AWS', aliases: ['alias/aws/backup'] }),
      true,
    );
    expect(awsManaged.get(ENCRYPTED)?.status).toBe('PASS');
    expect(awsManaged.get(CMK)?.status).toBe('FAIL');
    expect(awsManaged.get(CMK)?.keyClass).toBe('aws-managed');
    expect(judge(aPoint(), aVault(), aKey(), true).get(CMK)?.status).toBe('PASS');
  });
  it('tells a source-encrypted type to re-encrypt its source, not to create a new vault', () => {
    const ebs = aPoint({
      resourceType: 'EBS',
      encryptionKeyArn: 'arn:aws:kms:us-east-1:111122223333:key/ebs',
    });
    const finding = judge(
      ebs,
      aVault(),
      aKey({ keyArn: 'arn:aws:kms:us-east-1:111122223333:key/ebs', keyManager: 'AWS' }),
      true,
    ).get(CMK) as Finding;
    expect(finding.status).toBe('FAIL');
    expect(finding.message).toBe(
      'Encrypted with an aws-managed key arn:aws:kms:us-east-1:111122223333:key/ebs, not a customer-managed one.',
    );
    expect(finding.remediation).toContain('re-encrypt the source with a customer-managed key');
    expect(finding.remediation).not.toContain('Create a vault');
  });
  it('fails an AWS-owned key and an unencrypted point; errors on an unknown key', () => {
    const owned = aPoint({ encryptionKeyArn: undefined, encryptionKeyType: 'AWS_OWNED_KMS_KEY' });
    expect(judge(owned, aVault(), undefined, true).get(CMK)?.status).toBe('FAIL');
    expect(judge(aPoint({ isEncrypted: false }), aVault(), undefined, true).get(CMK)?.status).toBe('FAIL');
    const unknown: KeyInfo = {
      keyArn: 'arn:aws:kms:us-east-1:1:key/x',
      describeError: { errorName: 'AccessDeniedException', message: '' },
    };
    expect(judge(aPoint(), aVault(), unknown, true).get(CMK)?.status).toBe('ERROR');
  });
});

describe('evaluatePoint', () => {
  it('turns a rule that throws into an ERROR finding instead of crashing', () => {
    const broken: Rule = {
      ...allRules[0]!,
      id: 'test/broken',
      evaluate: () => {
        throw new Error('boom');
      },
    };
    const [finding] = evaluatePoint(contextFor(aPoint(), aVault(), aKey()), [broken]);
    expect(finding?.status).toBe('ERROR');
    expect(finding?.message).toBe('Rule test/broken failed on this recovery point: boom');
  });
  it('takes account and region from the vault ARN, not the recovery point ARN', () => {
    const vault = aVault({
      accountId: '444455556666',
      region: 'eu-west-2',
      arn: 'arn:aws:backup:eu-west-2:444455556666:backup-vault:v',
    });
    const finding = judge(aPoint({ recoveryPointArn: 'arn:aws:ec2:eu-west-2::snapshot/snap-1' }), vault).get(
      ENCRYPTED,
    ) as Finding;
    expect([finding.accountId, finding.region]).toEqual(['444455556666', 'eu-west-2']);
  });
});
