// Backoff: exponential, capped so a returning server is noticed within seconds, jittered,
// and never shorter than a server's Retry-After.
import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKOFF, backoffDelay } from '../../src/cluster/reflector.js';

describe('backoffDelay', () => {
  it('doubles per attempt up to the cap', () => {
    const top = () => 1; // no jitter: the full delay
    expect([1, 2, 3, 4, 5, 6, 10].map((a) => backoffDelay(a, DEFAULT_BACKOFF, undefined, top))).toEqual([250, 500, 1000, 2000, 4000, 4000, 4000]);
  });

  it('jitters between half and all of the delay', () => {
    expect(backoffDelay(3, DEFAULT_BACKOFF, undefined, () => 0)).toBe(500);
    const seen = new Set(Array.from({ length: 50 }, () => backoffDelay(3, DEFAULT_BACKOFF)));
    expect(seen.size).toBeGreaterThan(1);
    for (const d of seen) expect(d).toBeGreaterThanOrEqual(500);
  });

  it('honours Retry-After, within reason', () => {
    expect(backoffDelay(1, DEFAULT_BACKOFF, 7_000, () => 1)).toBe(7_000);
    expect(backoffDelay(1, DEFAULT_BACKOFF, 3_600_000, () => 1)).toBe(60_000);
  });
});
