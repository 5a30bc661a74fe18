// Pass memos: the module-level readers' memos last one walk over every pod (pass-memo.ts).
import { describe, expect, it } from 'vitest';
import { endPass, PassMemo } from '../../src/analysis/pass-memo.js';
import { podContainers } from '../../src/analysis/pod-helpers.js';
import { LiveAnalysis } from '../../src/analysis/engine.js';
import { ObjectStore } from '../../src/cluster/store.js';

describe('PassMemo', () => {
  it('answers within a pass and forgets at its end', () => {
    const memo = new PassMemo<object, number>();
    const key = {};
    memo.set(key, 1);
    expect(memo.has(key)).toBe(true);
    expect(memo.get(key)).toBe(1);
    endPass();
    expect(memo.has(key)).toBe(false);
    expect(memo.get(key)).toBeUndefined();
  });

  it('starts over past its bound instead of growing without end', () => {
    const memo = new PassMemo<object, number>();
    const first = {};
    memo.set(first, 0);
    for (let i = 1; i <= 200_000; i++) memo.set({}, i);
    expect(memo.has(first)).toBe(false);
  });

  it('the readers answer the same after a pass ended, from new objects', () => {
    const spec = Object.freeze({ containers: Object.freeze([Object.freeze({ name: 'app', image: 'nginx:1.27' })]) });
    const before = podContainers(spec);
    expect(podContainers(spec)).toBe(before);
    endPass();
    const after = podContainers(spec);
    expect(after).not.toBe(before);
    expect(after).toEqual(before);
  });
});

describe('LiveAnalysis ends a pass', () => {
  it('at each store batch, so no memo keeps an object past the batch that removed it', () => {
    const store = new ObjectStore({ flushMs: 0 });
    const analysis = new LiveAnalysis(store);
    store.subscribe((batch) => analysis.onBatch(batch));
    const spec = Object.freeze({ containers: Object.freeze([Object.freeze({ name: 'app', image: 'nginx:1.27' })]) });
    const before = podContainers(spec);
    expect(podContainers(spec)).toBe(before);
    store.apply('pods', 'ADDED', { kind: 'Pod', apiVersion: 'v1', metadata: { name: 'p', namespace: 'ns', uid: 'u1' }, spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] } });
    store.flush();
    expect(podContainers(spec)).not.toBe(before);
  });

  it('when a caller says its own walk over every pod is done (the TUI header sums counts in slices)', () => {
    const store = new ObjectStore({ flushMs: 0 });
    const analysis = new LiveAnalysis(store);
    store.apply('pods', 'ADDED', { kind: 'Pod', apiVersion: 'v1', metadata: { name: 'p', namespace: 'ns', uid: 'u1' }, spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] } });
    store.flush();
    const counts = analysis.countsForPod('ns/p');
    const spec = Object.freeze({ containers: Object.freeze([Object.freeze({ name: 'app', image: 'nginx:1.27' })]) });
    const before = podContainers(spec);
    expect(podContainers(spec)).toBe(before);
    analysis.endWalk();
    expect(podContainers(spec)).not.toBe(before);
    // Only caches went: the pod's answer is the same.
    expect(analysis.countsForPod('ns/p')).toEqual(counts);
  });
});
