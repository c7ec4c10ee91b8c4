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
  it('caps every quota at --max-rps', () => {
    const limiter = new RegionLimiter(5);
    expect(limiter).toBeInstanceOf(RegionLimiter);
  });
});
