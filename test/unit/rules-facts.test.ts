/**
 * The rule contract the scanner relies on (rules/rule.ts): a verdict's status depends only on the
 * point's VerdictFacts, the vault and the key. Every rule is checked on points that share facts
 * but differ in everything else, against the stand-in point FactVerdicts judges.
 */
import { describe, expect, it } from 'vitest';
import { FactVerdicts } from '../../src/core/fact-verdicts.js';
import { contextFor, judgePoint } from '../../src/core/evaluate.js';
import type { KeyInfo, RecoveryPoint } from '../../src/core/types.js';
import { allRules } from '../../src/rules/index.js';
import { aKey, aPoint, aVault } from '../support/builders.js';

const cmk = 'arn:aws:kms:us-east-1:111122223333:key/cmk-1';
const managed = 'arn:aws:kms:us-east-1:111122223333:key/aws-backup';
const keys: Record<string, KeyInfo> = {
  [cmk]: aKey({ keyArn: cmk }),
  [managed]: aKey({
    keyArn: managed,
    keyManager: 'AWS',
    keyState: 'PendingDeletion',
    deletionDate: '2027-01-01',
  }),
};

const factGrid = () => {
  const grid: Partial<RecoveryPoint>[] = [];
  for (const isEncrypted of [true, false, undefined])
    for (const status of ['COMPLETED', 'DELETING', 'EXPIRED', 'PARTIAL', undefined])
      for (const encryptionKeyArn of [
        cmk,
        managed,
        'arn:aws:kms:us-east-1:999999999999:key/unknown',
        undefined,
      ])
        for (const encryptionKeyType of ['AWS_OWNED_KMS_KEY', 'CUSTOMER_MANAGED_KMS_KEY', undefined])
          grid.push({ isEncrypted, status, encryptionKeyArn, encryptionKeyType });
  return grid;
};

// Everything that is not a fact, varied.
const otherFields: Partial<RecoveryPoint>[] = [
  {},
  { resourceType: 'EBS', resourceArn: 'arn:aws:ec2:us-east-1:111122223333:volume/vol-1' },
  { resourceType: 'RDS', resourceName: 'db', statusMessage: 'could not delete' },
  { resourceType: undefined, resourceArn: undefined, isParent: true },
  {
    resourceType: 'DynamoDB',
    parentRecoveryPointArn: 'arn:aws:backup:us-east-1:111122223333:recovery-point:parent',
    compositeMemberIdentifier: 'T',
    encryptionSource: 'describe',
    creationTime: 1,
  },
];

describe('rule statuses depend only on the verdict facts', () => {
  for (const vault of [
    aVault(),
    aVault({ encryptionKeyType: 'AWS_OWNED_KMS_KEY', encryptionKeyArn: undefined }),
  ]) {
    it(`holds for every rule (vault key type ${vault.encryptionKeyType ?? 'none'})`, () => {
      const memo = new FactVerdicts(vault, allRules, (arn) => keys[arn]);
      let compared = 0;
      for (const facts of factGrid()) {
        const expected = memo.outcome(facts).statuses;
        for (const other of otherFields) {
          const point = aPoint({ ...other, ...facts, recoveryPointArn: `${vault.arn}-rp` });
          const key = point.encryptionKeyArn ? keys[point.encryptionKeyArn] : undefined;
          const actual = judgePoint(contextFor(point, vault, key), allRules).map(({ rule, verdict }) => ({
            ruleId: rule.id,
            status: verdict.status,
          }));
          expect(actual).toEqual(expected);
          compared += 1;
        }
      }
      expect(compared).toBe(180 * otherFields.length);
    });
  }

  it('says which outcomes pass outright', () => {
    const memo = new FactVerdicts(aVault(), allRules, (arn) => keys[arn]);
    expect(memo.outcome({ isEncrypted: true, status: 'COMPLETED', encryptionKeyArn: cmk }).allPass).toBe(
      true,
    );
    // The aws/backup key here is pending deletion: the key-usable rule fails.
    expect(memo.outcome({ isEncrypted: true, status: 'COMPLETED', encryptionKeyArn: managed })).toMatchObject(
      {
        allPass: false,
        statuses: [
          { ruleId: 'backup/recovery-point-encrypted', status: 'PASS' },
          { ruleId: 'backup/recovery-point-key-usable', status: 'FAIL' },
          { ruleId: 'backup/recovery-point-customer-managed-key', status: 'FAIL' },
        ],
      },
    );
    expect(memo.outcome({ isEncrypted: false, status: 'COMPLETED' }).allPass).toBe(false);
  });
});
