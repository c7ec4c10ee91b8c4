import { describe, expect, it } from 'vitest';
import { RegionLimiter, TokenBucket } from '../../src/collect/rate-limit.js';

describe('TokenBucket', () => {
  it('hands out its burst at once, then refills at its rate (virtual clock)', async () => {
    let now = 0;
    const bucket = new TokenBucket(20, 3, () => now);
    await bucket.take();
    await bucket.take();
    await bucket.take();
    // Empty now; advancing the clock by one token's worth (50 ms at 20/s) frees exactly one.
    now += 50;
    await bucket.take();
    let fourthDone = false;
    const pending = bucket.take().then(() => (fourthDone = true));
    await Promise.resolve();
    expect(fourthDone).toBe(false);
    now += 50;
    await pending;
    expect(fourthDone).toBe(true);
  });
  it('draws list calls from the 20/s list bucket and the 50/s all-calls bucket; --max-rps lowers both', async () => {
    // Each call advances the virtual clock by a second, so every bucket has refilled: no waiting.
    let now = 0;
    const clock = () => (now += 1000);
    const limiter = new RegionLimiter(undefined, 1, clock);
    await limiter.acquire('backup', 'ListRecoveryPointsByBackupVault');
    await limiter.acquire('backup', 'DescribeRecoveryPoint');
    await limiter.acquire('kms', 'DescribeKey');
    expect(limiter.rateOf('backup:list')).toBe(20);
    expect(limiter.rateOf('backup:describeRecoveryPoint')).toBe(15);
    expect(limiter.rateOf('backup:all')).toBe(50);
    expect(limiter.rateOf('kms')).toBe(100);
    const slow = new RegionLimiter(5, 1, clock);
    await slow.acquire('backup', 'ListBackupVaults');
    expect(slow.rateOf('backup:list')).toBe(5);
    expect(slow.rateOf('backup:all')).toBe(5);
  });
});
