// The paginated relist: the next page is asked for before the current one goes into the
// store (pipelined), pages still land in order, and a stop while a page is in flight leaves
// no unhandled rejection behind.
import { afterEach, describe, expect, it } from 'vitest';
import type { ListOptions, ListPage, WatchOptions } from '../../src/cluster/api.js';
import { Reflector } from '../../src/cluster/reflector.js';
import { ObjectStore } from '../../src/cluster/store.js';
import type { KubeObject, ResourceKind } from '../../src/model/kube.js';
import { eventually, ScriptedListWatch, testPod } from './fixtures.js';

/** A paged API over `total` pods: the continue token is the next index. Records what the store held at each request. */
class PagedApi extends ScriptedListWatch {
  readonly podsInStoreAtRequest: number[] = [];
  release: (() => void) | undefined;
  holdAfter = Infinity;
  constructor(
    private readonly store: ObjectStore,
    private readonly total: number,
  ) {
    super();
  }
  async list(_kind: ResourceKind, opts: ListOptions = {}): Promise<ListPage> {
    // The version probe after the list (catching up): not a page.
    if (opts.limit === 1) return { items: [], resourceVersion: '7' };
    const start = Number(opts.continue ?? 0);
    this.podsInStoreAtRequest.push(this.store.list('pods').length);
    if (this.podsInStoreAtRequest.length > this.holdAfter) {
      await new Promise<void>((resolve, reject) => {
        this.release = resolve;
        opts.signal?.addEventListener('abort', () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' })), { once: true });
      });
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
    const end = Math.min(this.total, start + (opts.limit ?? 500));
    const items: KubeObject[] = [];
    for (let i = start; i < end; i++) items.push(testPod('shop', `web-${String(i).padStart(4, '0')}`));
    return { items, resourceVersion: '7', continue: end < this.total ? String(end) : undefined, remainingItemCount: this.total - end };
  }
  watch(_kind: ResourceKind, opts: WatchOptions): Promise<void> {
    return new Promise((resolve) => opts.signal?.addEventListener('abort', () => resolve(), { once: true }));
  }
}

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
process.on('unhandledRejection', onUnhandled);
afterEach(() => {
  unhandled.length = 0;
});

describe('relist', () => {
  it('asks for page n+1 before page n goes into the store, and applies pages in order', async () => {
    const store = new ObjectStore({ flushMs: 5 });
    const api = new PagedApi(store, 1_000);
    const order: string[] = [];
    store.subscribe((batch) => {
      for (const c of batch.changes) order.push(c.key);
    });
    const reflector = new Reflector({ api, store, kind: 'pods', pageSize: 100 });
    reflector.start();
    await eventually(() => store.state('pods').phase === 'live', 10_000, 'live');
    await reflector.stop();
    store.flush();
    // Request k (k >= 2) was made when only k-2 pages were in the store: page k-1 was not yet applied.
    expect(api.podsInStoreAtRequest).toEqual([0, 0, 100, 200, 300, 400, 500, 600, 700, 800]);
    expect(order).toEqual([...order].sort());
    expect(store.list('pods')).toHaveLength(1_000);
  });

  it('a stop while the next page is in flight ends quietly, without sweeping or an unhandled rejection', async () => {
    const store = new ObjectStore({ flushMs: 5 });
    const api = new PagedApi(store, 1_000);
    api.holdAfter = 3;
    const reflector = new Reflector({ api, store, kind: 'pods', pageSize: 100 });
    reflector.start();
    await eventually(() => api.release !== undefined, 10_000, 'the fourth page in flight');
    await reflector.stop();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(unhandled).toEqual([]);
    expect(store.list('pods').length).toBeGreaterThanOrEqual(200);
    expect(store.state('pods').phase).toBe('syncing');
  });
});
