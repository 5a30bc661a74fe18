// A watch update keeps the parts of the stored object that did not change (carry-over.ts):
// the same values (identity), not equal copies, and the stored object still equals what the
// server sent.
import { describe, expect, it } from 'vitest';
import { carryOver, jsonEqual } from '../../src/cluster/carry-over.js';
import { ObjectStore } from '../../src/cluster/store.js';
import type { KubeObject } from '../../src/model/kube.js';
import { testPod } from './fixtures.js';

function runningPod(resourceVersion: string, ready: boolean): KubeObject {
  return testPod('shop', 'web-1', 'node-1', {
    metadata: { namespace: 'shop', name: 'web-1', resourceVersion, labels: { app: 'web' }, ownerReferences: [{ kind: 'ReplicaSet', name: 'web-7d9f', uid: 'rs-1', controller: true }] },
    status: {
      phase: 'Running',
      podIP: '10.0.0.1',
      conditions: [
        { type: 'Initialized', status: 'True', lastTransitionTime: '2026-03-01T10:00:00Z' },
        { type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: ready ? '2026-03-01T10:00:05Z' : '2026-03-01T11:00:00Z' },
      ],
      containerStatuses: [{ name: 'app', ready, restartCount: 0, state: { running: { startedAt: '2026-03-01T10:00:03Z' } } }],
    },
  });
}

/** As the store receives it from a watch: a fresh parse, nothing shared with what it holds. */
function fresh(obj: KubeObject): KubeObject {
  return JSON.parse(JSON.stringify(obj)) as KubeObject;
}

describe('an update keeps what did not change', () => {
  it('keeps the spec, labels, owners and unchanged conditions of the stored pod, and replaces the rest', () => {
    const store = new ObjectStore({ flushMs: 0 });
    store.apply('pods', 'ADDED', fresh(runningPod('1', true)));
    const before = store.get('pods', 'shop/web-1')!;
    const update = runningPod('2', false);
    store.apply('pods', 'MODIFIED', fresh(update));
    const after = store.get('pods', 'shop/web-1')!;
    expect(after).toEqual(update);
    expect(after).not.toBe(before);
    expect(after.spec).toBe(before.spec);
    expect(after.metadata?.labels).toBe(before.metadata?.labels);
    expect(after.metadata?.ownerReferences).toBe(before.metadata?.ownerReferences);
    const conditions = (s: KubeObject) => (s.status as { conditions: unknown[] }).conditions;
    expect(conditions(after)[0]).toBe(conditions(before)[0]);
    expect(conditions(after)[1]).not.toBe(conditions(before)[1]);
    expect(before.metadata?.resourceVersion).toBe('1'); // the old version is not modified
    expect(conditions(before)[1]).toMatchObject({ status: 'True' });
  });

  it('keeps the stored object itself when a relist brings it unchanged', () => {
    const store = new ObjectStore({ flushMs: 0 });
    store.apply('pods', 'ADDED', fresh(runningPod('1', true)));
    const before = store.get('pods', 'shop/web-1')!;
    store.replaceAll('pods', [fresh(runningPod('1', true))]);
    expect(store.get('pods', 'shop/web-1')).toBe(before);
  });

  it('keeps the owner index right when an update changes the owners', () => {
    const store = new ObjectStore({ flushMs: 0 });
    store.apply('pods', 'ADDED', fresh(runningPod('1', true)));
    const moved = runningPod('2', true);
    moved.metadata!.ownerReferences = [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-8e0a', uid: 'rs-2', controller: true }];
    store.apply('pods', 'MODIFIED', fresh(moved));
    expect(store.byOwner('pods', 'rs-1')).toEqual([]);
    expect(store.byOwner('pods', 'rs-2').map((p) => p.metadata?.name)).toEqual(['web-1']);
  });
});

describe('carryOver and jsonEqual', () => {
  it('returns the previous value when equal, a copy with the equal parts kept otherwise, and never modifies its input', () => {
    const previous = { a: { x: 1 }, b: [{ y: 2 }, { y: 3 }], c: 'same' };
    expect(carryOver(structuredClone(previous), previous)).toBe(previous);
    const next = { a: { x: 1 }, b: [{ y: 2 }, { y: 4 }], c: 'same' };
    const input = structuredClone(next);
    const kept = carryOver(input, previous);
    expect(kept).toEqual(next);
    expect(input).toEqual(next);
    expect(kept.a).toBe(previous.a);
    expect(kept.b[0]).toBe(previous.b[0]);
    expect(kept.b[1]).not.toBe(previous.b[1]);
  });

  it('tells apart values that differ only in a missing key, an extra key, or array versus object', () => {
    expect(jsonEqual({ a: 1, b: undefined }, { a: 1 })).toBe(false);
    expect(jsonEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(jsonEqual([1], { 0: 1 })).toBe(false);
    expect(jsonEqual({ a: [1, { b: null }] }, { a: [1, { b: null }] })).toBe(true);
    expect(carryOver({ a: 1 }, { a: 1, b: 2 })).toEqual({ a: 1 });
  });
});
