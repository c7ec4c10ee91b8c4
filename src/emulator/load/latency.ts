/** Latency injection: every answer waits `latency ± uniform jitter` ms (never below zero). */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Middleware } from '../types.js';
import type { Random } from './prng.js';

/** The delay for one answer: latency plus a uniform draw in [-jitter, +jitter], floored at zero. */
export function drawDelay(latencyMs: number, jitterMs: number, random: Random): number {
  return Math.max(0, latencyMs + (random() * 2 - 1) * jitterMs);
}

/** Delays each call with a timer, so waiting calls never block the event loop or each other. */
export function latency(latencyMs: number, jitterMs: number, random: Random): Middleware {
  return async () => {
    const delay = drawDelay(latencyMs, jitterMs, random);
    if (delay > 0) await sleep(delay);
  };
}
