// Pinned lists on their own: a pin is the snapshot of its first page, shared by lists that
// start on the same version, released by its last page, gone after its lifetime.
import { describe, expect, test } from 'vitest';
import { DemoWorld } from '../../../src/demo/world.js';
import { PinnedLists } from '../../../src/demo/server/pinned-lists.js';
import type { KubeObject } from '../../../src/model/kube.js';
import { sleep } from './http.js';

const pod = (ns: string, name: string, phase = 'Running'): KubeObject => ({ kind: 'Pod', apiVersion: 'v1', metadata: { name, namespace: ns }, status: { phase } });

function world(): DemoWorld {
  const w = new DemoWorld({ historySize: 1 });
  for (const ns of ['a', 'b']) for (const n of ['p1', 'p2', 'p3']) w.upsert('pods', pod(ns, n));
  return w;
}

describe('PinnedLists', () => {
  test('a pin keeps the objects of its version after the world and its history moved on', () => {
    const w = world();
    const pins = new PinnedLists();
    const rv = w.resourceVersion;
    pins.pin(w, 'pods', rv, 'a/');
    w.upsert('pods', pod('a', 'p2', 'Failed'));
    w.remove('pods', 'a/p3');
    w.upsert('pods', pod('a', 'p0'));
    const pin = pins.get('pods', rv, 'a/')!;
    expect([...pin.after('')].map((s) => `${s.key} ${(s.object.status as { phase?: string }).phase}`)).toEqual(['a/p1 Running', 'a/p2 Running', 'a/p3 Running']);
    expect([...pin.after('a/p1')].map((s) => s.key)).toEqual(['a/p2', 'a/p3']);
    expect(pin.countAfter('a/p1')).toBe(2);
    expect(pin.countAfter('a/p3')).toBe(0);
    expect(pins.get('pods', rv, '')).toBeUndefined();
  });

  test('shared by lists of one version, released when the last of them has its last page', () => {
    const w = world();
    const pins = new PinnedLists();
    const rv = w.resourceVersion;
    pins.pin(w, 'pods', rv, '');
    pins.pin(w, 'pods', rv, '');
    expect(pins.size).toBe(1);
    pins.release('pods', rv, '');
    expect(pins.get('pods', rv, '')).toBeDefined();
    pins.release('pods', rv, '');
    expect(pins.get('pods', rv, '')).toBeUndefined();
  });

  test('gone after its lifetime; the oldest goes when too many are held', async () => {
    const w = world();
    const brief = new PinnedLists({ lifetimeMs: 30 });
    brief.pin(w, 'pods', w.resourceVersion, '');
    expect(brief.size).toBe(1);
    await sleep(80);
    // Dropped by its timer, without any list asking.
    expect(brief.size).toBe(0);

    const few = new PinnedLists({ max: 2 });
    const first = w.resourceVersion;
    few.pin(w, 'pods', first, '');
    w.upsert('pods', pod('b', 'p9'));
    few.pin(w, 'pods', w.resourceVersion, '');
    w.upsert('pods', pod('b', 'p8'));
    few.pin(w, 'pods', w.resourceVersion, '');
    expect(few.size).toBe(2);
    expect(few.get('pods', first, '')).toBeUndefined();
    expect(few.get('pods', w.resourceVersion, '')!.countAfter('')).toBe(8);
  });
});
