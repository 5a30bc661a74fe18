// The ADVICE column's cache: the analysis runs only within a frame's budget; the rest fills in.
import { describe, expect, it } from 'vitest';
import { AdviceCache } from '../../src/ui/pods/advice-cache.js';
import type { PodAdvice } from '../../src/model/pod-list.js';

/** A lookup that costs 3 ms of a fake clock per pod and counts its calls. */
function slowAnalysis(advice: Record<string, PodAdvice>) {
  let now = 0;
  const calls: string[] = [];
  const lookup = (key: string): PodAdvice => {
    calls.push(key);
    now += 3;
    return advice[key] ?? { count: 0 };
  };
  return { lookup, calls, clock: () => now };
}

describe('AdviceCache', () => {
  it('computes within the frame budget, shows nothing yet for the rest, and fills it in after', () => {
    const a = slowAnalysis({ p1: { worst: 'error', count: 2 }, p2: { worst: 'info', count: 1 }, p3: { worst: 'warning', count: 1 } });
    const cache = new AdviceCache(a.lookup, 4, a.clock);
    cache.beginFrame('1');
    expect(cache.get('p1')).toEqual({ worst: 'error', count: 2 }); // 3 ms spent
    expect(cache.get('p2')).toEqual({ worst: 'info', count: 1 }); // 6 ms: the budget is now spent
    expect(cache.get('p3')).toEqual({ count: 0 });
    expect(a.calls).toEqual(['p1', 'p2']);
    expect(cache.pending).toBe(true);
    expect(cache.fill(100)).toBe(true); // p3's advice differs from what was shown
    expect(cache.pending).toBe(false);
    cache.beginFrame('1');
    expect(cache.get('p3')).toEqual({ worst: 'warning', count: 1 });
    expect(a.calls).toEqual(['p1', 'p2', 'p3']);
  });

  it('a cursor move at the same store version asks the analysis nothing', () => {
    const a = slowAnalysis({ p1: { worst: 'error', count: 1 } });
    const cache = new AdviceCache(a.lookup, 100, a.clock);
    cache.beginFrame('7');
    cache.get('p1');
    cache.beginFrame('7');
    cache.get('p1');
    cache.get('p1');
    expect(a.calls).toEqual(['p1']);
  });

  it('after a store change, stale advice is shown until the new one is computed', () => {
    const advice: Record<string, PodAdvice> = { p1: { worst: 'error', count: 1 }, p2: { count: 0 } };
    const a = slowAnalysis(advice);
    const cache = new AdviceCache(a.lookup, 3, a.clock);
    cache.beginFrame('1');
    cache.get('p1');
    cache.fill(100);
    cache.beginFrame('1');
    cache.get('p2');
    advice.p2 = { worst: 'warning', count: 3 };
    cache.beginFrame('2');
    cache.get('p1'); // recomputed within the budget: 3 ms
    cache.get('p1');
    expect(cache.get('p2')).toEqual({ count: 0 }); // over budget: the last known advice
    expect(cache.fill(100)).toBe(true);
    cache.beginFrame('2');
    expect(cache.get('p2')).toEqual({ worst: 'warning', count: 3 });
  });

  it('fill stops at its budget and reports no change when the advice is the same', () => {
    const a = slowAnalysis({});
    const cache = new AdviceCache(a.lookup, 0, a.clock);
    cache.beginFrame('1');
    for (const k of ['a', 'b', 'c', 'd']) cache.get(k);
    expect(a.calls).toEqual([]);
    expect(cache.fill(5)).toBe(false); // two lookups (3 ms each) fit before 5 ms passed
    expect(a.calls).toEqual(['a', 'b']);
    expect(cache.pending).toBe(true);
    cache.fill(100);
    expect(cache.pending).toBe(false);
  });
});
