/**
 * A small seeded pseudo-random generator (mulberry32), so fault injection and jitter repeat
 * exactly for a given `--seed`; without a seed, a random one is drawn.
 */

/** Returns numbers in [0, 1); the same seed always gives the same sequence. */
export type Random = () => number;

/** A mulberry32 generator for a 32-bit seed (other numbers are folded into 32 bits). */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * An independent stream per purpose (faults, jitter), so adding latency never shifts which calls
 * fail; without a seed each stream is seeded randomly.
 */
export function randomStream(seed: number | undefined, stream: number): Random {
  const base = seed ?? Math.floor(Math.random() * 2 ** 32);
  return seededRandom(base ^ Math.imul(stream + 1, 0x9e3779b9));
}
