/**
 * Non-blocking token buckets: a call either takes a token now or is refused (the emulator answers
 * ThrottlingException; it never queues callers).
 */

/** Milliseconds from any fixed origin; injectable so tests can freeze time. */
export type Clock = () => number;

/** One bucket: `rate` tokens a second, holding at most `capacity`, starting full. */
export class Bucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    readonly rate: number,
    readonly capacity: number,
    now: number,
  ) {
    this.tokens = capacity;
    this.updatedAt = now;
  }

  /** Adds the tokens earned since the last refill. */
  refill(now: number): void {
    if (now > this.updatedAt) {
      this.tokens = Math.min(this.capacity, this.tokens + ((now - this.updatedAt) * this.rate) / 1000);
      this.updatedAt = now;
    }
  }

  /** Whether a whole token is available (call `refill` first). */
  get ready(): boolean {
    return this.tokens >= 1;
  }

  /** Spends one token (callers check `ready` first). */
  spend(): void {
    this.tokens -= 1;
  }
}

/**
 * Takes one token from every bucket, or from none when any is empty: a call must fit both its
 * operation's quota and the shared ones, and a refused call spends nothing.
 */
export function takeAll(buckets: readonly Bucket[], now: number): boolean {
  for (const b of buckets) b.refill(now);
  if (!buckets.every((b) => b.ready)) return false;
  for (const b of buckets) b.spend();
  return true;
}
