/**
 * readListPage sums a page up as verdict facts that must equal what the whole-point mapper reads
 * from the same items, drops repeated ARNs, and reports every body that is not a page.
 */
import { describe, expect, it } from 'vitest';
import { readListPage } from '../../src/collect/list-page.js';
import { toRecoveryPoint } from '../../src/collect/mappers.js';
import { aVault } from '../support/builders.js';

const vault = aVault();
const body = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));
const arn = (n: number) => `arn:aws:backup:us-east-1:111122223333:recovery-point:rp-${n}`;
const key = 'arn:aws:kms:us-east-1:111122223333:key/k1';

describe('readListPage', () => {
  it('groups points by their verdict facts, in first-seen order, and keeps items in list order', () => {
    const items = [
      { RecoveryPointArn: arn(1), IsEncrypted: true, Status: 'COMPLETED', EncryptionKeyArn: key },
      { RecoveryPointArn: arn(2), IsEncrypted: false, Status: 'COMPLETED' },
      { RecoveryPointArn: arn(3), IsEncrypted: true, Status: 'COMPLETED', EncryptionKeyArn: key },
      { RecoveryPointArn: arn(4), IsEncrypted: false, Status: 'COMPLETED' },
      { RecoveryPointArn: arn(5), Status: 'COMPLETED' },
    ];
    const page = readListPage(body({ RecoveryPoints: items, NextToken: 't2' }));
    expect(page.summary).toEqual({
      list: 'array',
      nextToken: 't2',
      unreadable: 0,
      conflicting: 0,
      facts: [
        { isEncrypted: true, status: 'COMPLETED', encryptionKeyArn: key, encryptionKeyType: undefined },
        {
          isEncrypted: false,
          status: 'COMPLETED',
          encryptionKeyArn: undefined,
          encryptionKeyType: undefined,
        },
        {
          isEncrypted: undefined,
          status: 'COMPLETED',
          encryptionKeyArn: undefined,
          encryptionKeyType: undefined,
        },
      ],
      counts: [2, 2, 1],
    });
    expect(page.items((i) => i === 1)).toEqual([items[1], items[3]]);
    expect(
      page.items((i) => i !== 1).map((i) => (i as { RecoveryPointArn: string }).RecoveryPointArn),
    ).toEqual([arn(1), arn(3), arn(5)]);
  });

  it('reads the facts with the same type checks as the whole-point mapper, for odd values too', () => {
    const odd = [
      true,
      false,
      'true',
      1,
      0,
      null,
      '',
      'COMPLETED',
      'DELETING',
      {},
      [],
      'AWS_OWNED_KMS_KEY',
      key,
    ];
    const items: Record<string, unknown>[] = [];
    let n = 0;
    for (const isEncrypted of odd)
      for (const other of odd)
        items.push({
          RecoveryPointArn: arn((n += 1)),
          IsEncrypted: isEncrypted,
          Status: other,
          EncryptionKeyArn: other,
          EncryptionKeyType: other,
        });
    const page = readListPage(body({ RecoveryPoints: items }));
    const counted = page.summary.counts.reduce((a, b) => a + b, 0);
    expect(counted).toBe(items.length);
    page.summary.facts.forEach((facts, i) => {
      for (const item of page.items((j) => j === i)) {
        const point = toRecoveryPoint(item, vault, 'list');
        expect({
          isEncrypted: point?.isEncrypted,
          status: point?.status,
          encryptionKeyArn: point?.encryptionKeyArn,
          encryptionKeyType: point?.encryptionKeyType,
        }).toEqual(facts);
      }
    });
  });

  it('keeps apart facts a naive key would merge', () => {
    const page = readListPage(
      body({
        RecoveryPoints: [
          { RecoveryPointArn: arn(1), IsEncrypted: true, EncryptionKeyArn: 'undefined' },
          { RecoveryPointArn: arn(2), IsEncrypted: true },
          { RecoveryPointArn: arn(3), IsEncrypted: true, EncryptionKeyArn: 'k\u0000x' },
          { RecoveryPointArn: arn(4), IsEncrypted: true, EncryptionKeyArn: 'k', EncryptionKeyType: 'x' },
        ],
      }),
    );
    expect(page.summary.counts).toEqual([1, 1, 1, 1]);
  });

  it('judges a point listed twice on one page once, and counts items without an ARN as unreadable', () => {
    const one = { RecoveryPointArn: arn(1), IsEncrypted: true };
    const page = readListPage(
      body({ RecoveryPoints: [one, one, { IsEncrypted: false }, 'x', null, { RecoveryPointArn: '' }] }),
    );
    expect(page.summary.counts).toEqual([1]);
    expect(page.summary.unreadable).toBe(4);
  });

  it.each([
    ['{"RecoveryPoints":[', 'not JSON (19 bytes)'],
    ['<html>busy</html>', 'not JSON (17 bytes)'],
    ['[]', 'a successful answer that is not a result object'],
    ['"page"', 'a successful answer that is not a result object'],
    [
      '{"__type":"ThrottlingException","message":"slow down"}',
      'a successful answer that is not a result object',
    ],
  ])('reports %s as a problem, with nothing to judge', (text, problem) => {
    const page = readListPage(body(text));
    expect(page.summary.problem).toBe(problem);
    expect(page.summary.facts).toEqual([]);
  });

  it('tells an absent, a null and a non-list RecoveryPoints apart, and checks NextToken', () => {
    expect(readListPage(body({ NextToken: 't' })).summary).toMatchObject({ list: 'absent', nextToken: 't' });
    expect(readListPage(body({})).summary.problem).toBeUndefined();
    expect(readListPage(body({ NextToken: 5 })).summary.problem).toBe('NextToken is not a string');
    expect(readListPage(body({ message: 'Rate exceeded', NextToken: 't' })).summary.problem).toBe(
      'no RecoveryPoints member, but message',
    );
    expect(readListPage(body({ RecoveryPoints: null })).summary.list).toBe('null');
    expect(readListPage(body({ RecoveryPoints: { a: 1 } })).summary.list).toBe('other');
  });

  it('decodes UTF-8 and reads a page that is a slice of a larger buffer', () => {
    const text = JSON.stringify({
      RecoveryPoints: [{ RecoveryPointArn: arn(1), IsEncrypted: true, ResourceName: 'Ünïcødé ✓' }],
    });
    const padded = Buffer.concat([Buffer.from('xx'), Buffer.from(text), Buffer.from('yy')]);
    const page = readListPage(padded.subarray(2, padded.length - 2));
    expect(page.items(() => true)).toEqual([
      { RecoveryPointArn: arn(1), IsEncrypted: true, ResourceName: 'Ünïcødé ✓' },
    ]);
  });
});
