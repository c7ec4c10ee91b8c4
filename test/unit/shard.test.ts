import { describe, expect, it } from 'vitest';
import { ownsScope } from '../../src/scan/shard.js';

describe('ownsScope', () => {
  const pairs = Array.from(
    { length: 40 },
    (_, i) => [`1111222233${String(i).padStart(2, '0')}`, i % 2 ? 'us-east-1' : 'eu-west-1'] as const,
  );

  it('gives every (account, region) pair to exactly one shard', () => {
    for (const count of [1, 2, 3, 7]) {
      for (const [account, region] of pairs) {
        const owners = Array.from({ length: count }, (_, i) => i + 1).filter((index) =>
          ownsScope({ index, count }, account, region),
        );
        expect(owners).toHaveLength(1);
      }
    }
  });
  it('is deterministic and spreads the pairs', () => {
    const shareOf = (index: number) => pairs.filter(([a, r]) => ownsScope({ index, count: 4 }, a, r)).length;
    const shares = [1, 2, 3, 4].map(shareOf);
    expect(shares.reduce((a, b) => a + b)).toBe(40);
    expect(Math.min(...shares)).toBeGreaterThan(3);
    expect(ownsScope({ index: 2, count: 4 }, '111122223333', 'us-east-1')).toBe(
      ownsScope({ index: 2, count: 4 }, '111122223333', 'us-east-1'),
    );
  });
  it('owns everything without a shard', () => {
    expect(ownsScope(undefined, '111122223333', 'us-east-1')).toBe(true);
  });
});
