import { describe, expect, it } from 'vitest';
import { PodList, type PodAdvice } from '../../src/model/pod-list.js';
import { ObjectStore } from '../../src/cluster/store.js';
import type { ChangeBatch } from '../../src/model/store-view.js';
import { NOW, SMALL_CLUSTER, makePod } from '../ui/fixtures/pods.js';

function setup(advice: Record<string, PodAdvice> = {}) {
  const store = new ObjectStore({ flushMs: 0 });
  const batches: ChangeBatch[] = [];
  store.subscribe((b) => batches.push(b));
  store.replaceAll('pods', SMALL_CLUSTER.map(makePod));
  store.flush();
  const list = new PodList(() => NOW, (key) => advice[key] ?? { count: 0 });
  for (const b of batches.splice(0)) list.applyBatch(b, store);
  const apply = () => {
    store.flush();
    for (const b of batches.splice(0)) list.applyBatch(b, store);
  };
  const names = () => list.rowsInRange(0, list.count).map((r) => r.name);
  return { store, list, apply, names };
}

describe('PodList', () => {
  it('loads every pod from a resync batch, sorted by name', () => {
    const { list, names } = setup();
    expect(list.total).toBe(5);
    expect(list.count).toBe(5);
    expect(names()).toEqual(['api-1', 'big-1', 'port-clash', 'web-1', 'web-2']);
  });

  it('text filter: case-insensitive substring over namespace, name, status, node, ip', () => {
    const { list, names } = setup();
    list.setFilter('WEB');
    expect(names()).toEqual(['web-1', 'web-2']);
    list.setFilter('legacy');
    expect(names()).toEqual(['port-clash']);
    list.setFilter('crashloop');
    expect(names()).toEqual(['port-clash']);
    list.setFilter('node-b');
    expect(names()).toEqual(['web-2']);
    list.setFilter('10.0.2.');
    expect(names()).toEqual(['api-1']);
    list.setFilter('');
    expect(list.count).toBe(5);
  });

  it('typing on narrows the shown rows; deleting widens them again', () => {
    const { list, names } = setup();
    list.setFilter('w');
    expect(names()).toEqual(['web-1', 'web-2']);
    list.setFilter('web-');
    expect(names()).toEqual(['web-1', 'web-2']);
    list.setFilter('web-2');
    expect(names()).toEqual(['web-2']);
    list.setFilter('web-');
    expect(names()).toEqual(['web-1', 'web-2']);
    // 'a' is not an extension of 'web-': every pod is checked again (node-a, legacy, api…).
    list.setFilter('a');
    expect(names()).toEqual(['api-1', 'port-clash', 'web-1']);
  });

  it('-l label selector filter, and a clear error for bad syntax', () => {
    const { list, names } = setup();
    expect(list.setFilter('-l tier=frontend')).toBeUndefined();
    expect(names()).toEqual(['web-1', 'web-2']);
    expect(list.setFilter('-l tier in (backend),app!=web')).toBeUndefined();
    expect(names()).toEqual(['api-1']);
    expect(list.setFilter('-l tier in (x')).toMatch(/invalid label selector/);
    expect(names()).toEqual(['api-1']); // the previous filter stays
  });

  it('! keeps only pods with findings', () => {
    const { list, names } = setup({ 'legacy/port-clash': { worst: 'error', count: 2 }, 'shop/api-1': { worst: 'info', count: 1 } });
    list.setOnlyWithFindings(true);
    expect(names()).toEqual(['api-1', 'port-clash']);
    list.setOnlyWithFindings(false);
    expect(list.count).toBe(5);
  });

  it('sorts by each field, stable by key, toggling direction on repeat', () => {
    const { list, names } = setup({ 'legacy/port-clash': { worst: 'error', count: 2 }, 'shop/api-1': { worst: 'info', count: 3 }, 'shop/web-1': { worst: 'info', count: 1 } });
    list.sortBy('age');
    expect(names()).toEqual(['big-1', 'port-clash', 'api-1', 'web-2', 'web-1']);
    list.sortBy('age');
    expect(list.sort).toEqual({ field: 'age', desc: true });
    expect(names()).toEqual(['web-1', 'web-2', 'api-1', 'port-clash', 'big-1']);
    list.sortBy('restarts');
    expect(names()[0]).toBe('port-clash');
    list.sortBy('status');
    expect(names().slice(0, 2)).toEqual(['port-clash', 'big-1']); // error, then warning (Pending)
    list.sortBy('advice');
    expect(names().slice(0, 3)).toEqual(['port-clash', 'api-1', 'web-1']);
    list.sortBy('name');
    expect(names()).toEqual(['api-1', 'big-1', 'port-clash', 'web-1', 'web-2']);
    list.sortBy('name');
    expect(names()).toEqual(['web-2', 'web-1', 'port-clash', 'big-1', 'api-1']);
  });

  it('applies incremental batches: add, modify, delete, keeping order and filter', () => {
    const { store, list, apply, names } = setup();
    list.setFilter('shop');
    expect(names()).toEqual(['api-1', 'web-1', 'web-2']);
    store.apply('pods', 'ADDED', makePod({ ns: 'shop', name: 'cart-1' }));
    store.apply('pods', 'ADDED', makePod({ ns: 'ops', name: 'worker-1' }));
    apply();
    expect(names()).toEqual(['api-1', 'cart-1', 'web-1', 'web-2']);
    store.apply('pods', 'MODIFIED', makePod({ ns: 'shop', name: 'web-1', waiting: 'CrashLoopBackOff', restarts: 3 }));
    store.apply('pods', 'DELETED', makePod({ ns: 'shop', name: 'api-1' }));
    apply();
    expect(names()).toEqual(['cart-1', 'web-1', 'web-2']);
    expect(list.get('shop/web-1')?.status).toBe('CrashLoopBackOff');
    expect(list.total).toBe(6);
    list.setFilter('crash');
    expect(names()).toEqual(['port-clash', 'web-1']);
  });

  it('a relist (resync) replaces everything: no ghosts', () => {
    const { store, list, apply, names } = setup();
    store.replaceAll('pods', [makePod({ ns: 'shop', name: 'only-1' })]);
    apply();
    expect(names()).toEqual(['only-1']);
    expect(list.total).toBe(1);
  });

  it('namespace scope and indexOf', () => {
    const { list } = setup();
    list.setNamespace('shop');
    expect(list.count).toBe(3);
    expect(list.indexOf('shop/web-2')).toBe(2);
    expect(list.indexOf('legacy/port-clash')).toBe(-1);
  });

  it('stays fast and correct at 50,000 pods with incremental updates', () => {
    const store = new ObjectStore({ flushMs: 0 });
    const batches: ChangeBatch[] = [];
    store.subscribe((b) => batches.push(b));
    const pods = Array.from({ length: 50_000 }, (_, i) => makePod({ ns: `ns-${i % 50}`, name: `pod-${String(i).padStart(5, '0')}`, ageMin: i % 997 }));
    store.replaceAll('pods', pods);
    store.flush();
    const list = new PodList(() => NOW);
    for (const b of batches.splice(0)) list.applyBatch(b, store);
    list.sortBy('age');
    expect(list.count).toBe(50_000);
    // Merge a batch of 100 changes into the cached order, then compare with a full re-sort.
    for (let i = 0; i < 100; i++) {
      store.apply('pods', 'MODIFIED', makePod({ ns: `ns-${(i * 7) % 50}`, name: `pod-${String(i * 7).padStart(5, '0')}`, ageMin: (i * 13) % 997, waiting: 'CrashLoopBackOff' }));
    }
    store.apply('pods', 'DELETED', pods[3]);
    store.flush();
    const t0 = performance.now();
    for (const b of batches.splice(0)) list.applyBatch(b, store);
    const merged = list.rowsInRange(0, list.count).map((r) => r.key);
    const mergeMs = performance.now() - t0;
    const fresh = new PodList(() => NOW);
    fresh.rebuild(store.list('pods'));
    fresh.sortBy('age');
    expect(merged).toEqual(fresh.rowsInRange(0, fresh.count).map((r) => r.key));
    expect(merged.length).toBe(49_999);
    expect(mergeMs).toBeLessThan(500);
    const t1 = performance.now();
    list.setFilter('ns-4');
    expect(list.count).toBe(11_000);
    expect(performance.now() - t1).toBeLessThan(500);
    // The filter reuses the sorted rows: same result as filtering a fresh list.
    fresh.setFilter('ns-4');
    expect(list.rowsInRange(0, list.count).map((r) => r.key)).toEqual(fresh.rowsInRange(0, fresh.count).map((r) => r.key));
    // Changes merged while a filter is on land in the right place, or are left out.
    store.apply('pods', 'ADDED', makePod({ ns: 'ns-4', name: 'pod-new', ageMin: 1 }));
    store.apply('pods', 'ADDED', makePod({ ns: 'ns-5', name: 'pod-other', ageMin: 1 }));
    store.flush();
    for (const b of batches.splice(0)) list.applyBatch(b, store);
    fresh.rebuild(store.list('pods'));
    expect(list.rowsInRange(0, list.count).map((r) => r.key)).toEqual(fresh.rowsInRange(0, fresh.count).map((r) => r.key));
    expect(list.indexOf('ns-4/pod-new')).toBeGreaterThanOrEqual(0);
    expect(list.indexOf('ns-5/pod-other')).toBe(-1);
  });

  describe('merging changes into the sorted order', () => {
    /** A list of `n` pods sorted by restarts, fed through a real store, and a way to compare it with a fresh one. */
    function big(n: number) {
      const store = new ObjectStore({ flushMs: 0 });
      const batches: ChangeBatch[] = [];
      store.subscribe((b) => batches.push(b));
      const pod = (i: number, restarts: number) => makePod({ ns: `ns-${i % 7}`, name: `pod-${String(i).padStart(4, '0')}`, restarts });
      store.replaceAll('pods', Array.from({ length: n }, (_, i) => pod(i, i % 10)));
      store.flush();
      const list = new PodList(() => NOW);
      for (const b of batches.splice(0)) list.applyBatch(b, store);
      list.sortBy('restarts');
      list.count; // settle the order, so the next batches are merged rather than re-sorted
      const apply = () => {
        store.flush();
        for (const b of batches.splice(0)) list.applyBatch(b, store);
      };
      const keys = (l: PodList) => l.rowsInRange(0, l.count).map((r) => r.key);
      const fresh = () => {
        const f = new PodList(() => NOW);
        f.rebuild(store.list('pods'));
        f.sortBy('restarts');
        return f;
      };
      return { store, list, apply, keys, fresh, pod };
    }

    it('a changed pod moves to its new sorted position, a deleted pod disappears (few changes: spliced)', () => {
      const { store, list, apply, keys, fresh, pod } = big(200);
      store.apply('pods', 'MODIFIED', pod(5, 99)); // to the top (most restarts first)
      store.apply('pods', 'DELETED', pod(7, 7));
      apply();
      expect(list.rowAt(0)?.key).toBe('ns-5/pod-0005');
      expect(list.indexOf('ns-0/pod-0007')).toBe(-1);
      expect(list.get('ns-0/pod-0007')).toBeUndefined();
      expect(keys(list)).toEqual(keys(fresh()));
    });

    it('a large batch (a page of the first sync, churn) is merged in one pass with the same result as a re-sort', () => {
      const { store, list, apply, keys, fresh, pod } = big(3000);
      for (let i = 0; i < 400; i++) store.apply('pods', 'MODIFIED', pod(i * 7, (i * 31) % 50));
      for (let i = 3000; i < 3300; i++) store.apply('pods', 'ADDED', pod(i, i % 13));
      for (let i = 1; i < 3000; i += 97) store.apply('pods', 'DELETED', pod(i, 0));
      list.setFilter('ns-3');
      list.count;
      apply();
      const f = fresh();
      f.setFilter('ns-3');
      expect(keys(list)).toEqual(keys(f));
      list.setFilter('');
      expect(keys(list)).toEqual(keys(fresh()));
      expect(list.rowAt(0)?.restarts).toBe(49);
    });

    it('without a filter, merged and spliced batches keep the one shown order right, and a filter after them too', () => {
      const { store, list, apply, keys, fresh, pod } = big(3000);
      for (let i = 0; i < 400; i++) store.apply('pods', 'MODIFIED', pod(i * 7, (i * 31) % 50));
      for (let i = 3000; i < 3100; i++) store.apply('pods', 'ADDED', pod(i, i % 13));
      apply(); // merged
      expect(keys(list)).toEqual(keys(fresh()));
      store.apply('pods', 'MODIFIED', pod(11, 77));
      store.apply('pods', 'DELETED', pod(12, 0));
      apply(); // spliced
      expect(keys(list)).toEqual(keys(fresh()));
      expect(list.total).toBe(3099);
      expect(list.count).toBe(3099);
      list.setFilter('ns-2');
      const f = fresh();
      f.setFilter('ns-2');
      expect(keys(list)).toEqual(keys(f));
    });

    it('the cursor can follow its pod when rows above it change', () => {
      const { store, list, apply, pod } = big(500);
      const key = list.rowAt(250)!.key;
      const row = list.get(key)!;
      // Pods sorting before it are added and removed: its index moves, indexOf finds it.
      for (let i = 500; i < 540; i++) store.apply('pods', 'ADDED', pod(i, 9));
      apply();
      expect(list.indexOf(key)).toBe(290);
      expect(list.rowAt(290)).toBe(row);
      for (let i = 500; i < 510; i++) store.apply('pods', 'DELETED', pod(i, 9));
      apply();
      expect(list.rowAt(list.indexOf(key))?.key).toBe(key);
      expect(list.indexOf(key)).toBe(280);
    });

    it('a relist handing back the same objects keeps every row (no rebuild, no re-sort)', () => {
      const { store, list, keys } = big(300);
      const before = list.rowAt(10);
      const order = keys(list);
      list.rebuild(store.list('pods'));
      expect(list.rowAt(10)).toBe(before);
      expect(keys(list)).toEqual(order);
      // A relist that drops a pod and changes another: only those move.
      const pods = store.list('pods').filter((p) => p.metadata?.name !== 'pod-0003');
      list.rebuild(pods.map((p) => (p.metadata?.name === 'pod-0004' ? { ...p, status: { ...(p.status as object), podIP: '10.9.9.9' } } : p)));
      expect(list.total).toBe(299);
      expect(list.get('ns-3/pod-0003')).toBeUndefined();
      expect(list.get('ns-4/pod-0004')?.ip).toBe('10.9.9.9');
      expect(list.rowAt(10)).toBe(before);
    });

    it('deleting filter text gives back the wider rows, also after data changed', () => {
      const { store, list, apply, pod } = big(300);
      list.setFilter('ns-1');
      const wide = list.count;
      list.setFilter('ns-1/');
      list.count;
      list.setFilter('ns-1/pod-01');
      expect(list.count).toBeLessThan(wide);
      list.setFilter('ns-1');
      expect(list.count).toBe(wide);
      list.setFilter('ns-1/pod-01');
      store.apply('pods', 'ADDED', pod(302, 1)); // ns-1/pod-0302: not in the narrow filter
      apply();
      list.setFilter('ns-1');
      expect(list.count).toBe(wide + 1);
    });
  });
});
