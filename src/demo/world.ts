// The demo cluster's state: every object per kind, one global resourceVersion, a bounded
// history of changes (for watch resume and consistent paginated lists), and container logs.
//
// The history is sized by time, as kube-apiserver's watch cache is: every change of the last
// 75 s is kept (its eventFreshDuration), up to 102,400 changes (its upper bound; ~50 s at
// 2,000 updates/s, ~140 MB), so a watcher that falls a few seconds behind under `--churn
// 2000` resumes instead of getting 410; the newest 10,000 are kept whatever their age (a
// quiet cluster resumes from long ago).
// Five minutes (etcd's compaction) would hold 600,000 versions at 2,000 updates/s, ~1.35 KB
// each even without their JSON: ~800 MB. Paginated lists do not need that: the server pins a
// list's snapshot for its continue tokens (server/pinned-lists.ts), which costs one array of
// references per list in progress.
//
// Speed at 50,000 pods comes from three things: each stored version of an object keeps its
// JSON text once (a list page is a join of cached strings), keys stay sorted (an add or
// remove is one binary search and splice), and a change reaches only the watchers of
// its kind (never a scan of all objects).
import { randomUUID } from 'node:crypto';
import type { KubeObject, ResourceKind } from '../model/kube.js';
import { objectKey } from '../model/kube.js';
import { KIND_INFO } from '../model/kinds.js';
import { LogStore } from './server/log-store.js';
import type { ContainerLogs, DemoDataset, DemoWorldWriter, LogLine } from './types.js';

/** One stored version of one object. Immutable once made. */
export interface StoredObject {
  readonly key: string;
  /** With `kind`, `apiVersion` and `metadata.resourceVersion` set. */
  readonly object: KubeObject;
  readonly rv: number;
  /** JSON of the object without kind/apiVersion (how list items travel); made on first use. */
  itemJson?: string;
  /**
   * Where `metadata` ends in `itemJson` (which starts with it), found on first use: a Table
   * row's PartialObjectMetadata is cut from the item text, not kept as a second copy
   * (that copy was 150 MB at 50,000 pods).
   */
  metadataEnd?: number;
  /**
   * Set once a newer version (or a delete) replaced it. Its cached JSON is dropped then and
   * never cached again: old versions live on only in the history and pinned lists, and are
   * rarely sent, while their JSON would be most of the memory (5 KB a pod, each version).
   */
  superseded?: boolean;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface WorldEvent {
  rv: number;
  kind: ResourceKind;
  type: WatchEventType;
  key: string;
  /** The object after the change; for DELETED, the last state stamped with the delete's rv. */
  stored: StoredObject;
  /** The object before the change (absent for ADDED): what a snapshot older than `rv` sees. */
  previous?: StoredObject;
  /** When it happened (Date.now()), for sizing the history by time. */
  at: number;
}

export type WorldListener = (event: WorldEvent) => void;

/** Thrown when a resourceVersion or continue token is older than the kept history. */
export class ExpiredError extends Error {
  constructor(
    readonly requested: number,
    readonly oldest: number,
  ) {
    super(`too old resource version: ${requested} (${oldest})`);
  }
}

interface KindState {
  entries: Map<string, StoredObject>;
  /** Sorted keys, made on first use and then kept in order on every add and remove. */
  sorted: string[] | null;
  /** What list() returns, until the next change. */
  objects: readonly KubeObject[] | null;
  listeners: Set<WorldListener>;
}

export interface DemoWorldOptions {
  /** At most this many changes are kept for watch resume (default 102,400, kube-apiserver's watch cache bound). */
  historySize?: number;
  /** Changes younger than this are kept (up to historySize); default 75,000 ms. */
  historyWindowMs?: number;
  /** Milliseconds between ticker lines on followed logs (default 1,000). */
  logTickMs?: number;
}

export class DemoWorld implements DemoWorldWriter {
  private readonly kinds = new Map<ResourceKind, KindState>();
  /** Changes oldest first, from index `historyStart` on (earlier slots are dropped ones). */
  private history: WorldEvent[] = [];
  private historyStart = 0;
  private readonly historySize: number;
  private readonly historyWindowMs: number;
  private readonly historyFloor: number;
  private rvCounter = 0;
  /** Every change with rv > compactedRv is still in the history. */
  private compactedRv = 0;
  private readonly logs: LogStore;

  constructor(opts: DemoWorldOptions = {}) {
    this.historySize = Math.max(1, opts.historySize ?? 102_400);
    this.historyWindowMs = Math.max(0, opts.historyWindowMs ?? 75_000);
    this.historyFloor = Math.min(HISTORY_FLOOR, this.historySize);
    this.logs = new LogStore(opts.logTickMs ?? 1_000);
  }

  static fromDataset(dataset: DemoDataset, opts: DemoWorldOptions = {}): DemoWorld {
    const world = new DemoWorld(opts);
    world.load(dataset);
    return world;
  }

  /** Adds every object and log of a dataset; objects of kinds the server does not serve are skipped. */
  load(dataset: DemoDataset): void {
    for (const obj of dataset.objects) {
      const kind = kindOfObject(obj);
      if (kind) this.upsert(kind, obj);
    }
    for (const logs of dataset.logs) this.setLogs(logs);
  }

  get resourceVersion(): number {
    return this.rvCounter;
  }

  /** The oldest resourceVersion a watch may resume from. */
  get oldestResumableVersion(): number {
    return this.compactedRv;
  }

  list(kind: ResourceKind): readonly KubeObject[] {
    const st = this.state(kind);
    st.objects ??= [...st.entries.values()].map((s) => s.object);
    return st.objects;
  }

  /** Every stored object of `kind`, in no particular order (a copy: safe to hold across changes). */
  storedObjects(kind: ResourceKind): StoredObject[] {
    return [...this.state(kind).entries.values()];
  }

  /** Kinds that hold at least one object. */
  kindsPresent(): ResourceKind[] {
    return [...this.kinds.entries()].filter(([, st]) => st.entries.size > 0).map(([k]) => k);
  }

  get(kind: ResourceKind, key: string): KubeObject | undefined {
    return this.state(kind).entries.get(key)?.object;
  }

  getStored(kind: ResourceKind, key: string): StoredObject | undefined {
    return this.state(kind).entries.get(key);
  }

  count(kind: ResourceKind): number {
    return this.state(kind).entries.size;
  }

  upsert(kind: ResourceKind, obj: KubeObject): KubeObject {
    const st = this.state(kind);
    const key = objectKey(obj);
    if (!obj.metadata?.name) throw new Error(`cannot store a ${KIND_INFO[kind].kind} without metadata.name`);
    const previous = st.entries.get(key);
    const rv = ++this.rvCounter;
    const info = KIND_INFO[kind];
    const meta = { ...obj.metadata };
    meta.uid ??= previous?.object.metadata?.uid ?? randomUUID();
    meta.creationTimestamp ??= previous?.object.metadata?.creationTimestamp ?? rfc3339(new Date());
    meta.resourceVersion = String(rv);
    const apiVersion = info.group ? `${info.group}/${info.version}` : info.version;
    const object: KubeObject = { ...obj, kind: info.kind, apiVersion, metadata: meta };
    const stored: StoredObject = { key, object, rv };
    st.entries.set(key, stored);
    st.objects = null;
    if (previous) supersede(previous);
    if (!previous && st.sorted) st.sorted.splice(lowerBound(st.sorted, key), 0, key);
    this.record({ rv, kind, type: previous ? 'MODIFIED' : 'ADDED', key, stored, previous, at: Date.now() });
    return object;
  }

  remove(kind: ResourceKind, key: string): void {
    const st = this.state(kind);
    const previous = st.entries.get(key);
    if (!previous) return;
    const rv = ++this.rvCounter;
    st.entries.delete(key);
    st.objects = null;
    supersede(previous);
    if (st.sorted) st.sorted.splice(lowerBound(st.sorted, key), 1);
    const object: KubeObject = {
      ...previous.object,
      metadata: { ...previous.object.metadata, resourceVersion: String(rv) },
    };
    this.record({ rv, kind, type: 'DELETED', key, stored: { key, object, rv }, previous, at: Date.now() });
    // Churn's rollouts delete 100 pods a second at --churn 2000: their logs must go with them.
    if (kind === 'pods') this.logs.removePod(previous.object.metadata?.namespace ?? '', previous.object.metadata?.name ?? '', containerNames(previous.object));
  }

  /** Keys of `kind` in sorted order. Callers must not hold it across changes. */
  sortedKeys(kind: ResourceKind): readonly string[] {
    const st = this.state(kind);
    if (!st.sorted) st.sorted = [...st.entries.keys()].sort(compareKeys);
    return st.sorted;
  }

  /**
   * The objects of `kind` as they were at `atRv`, in key order, starting after `afterKey`
   * and limited to keys starting with `prefix`. Throws ExpiredError when the history no
   * longer reaches back to `atRv`.
   */
  *snapshot(kind: ResourceKind, atRv: number, afterKey: string, prefix: string): Generator<StoredObject> {
    const past = this.pastStates(kind, atRv);
    const keys = this.sortedKeys(kind);
    let i = lowerBound(keys, afterKey ? afterKey : prefix);
    if (afterKey && keys[i] === afterKey) i++;
    const extra = [...past.keys()]
      .filter((k) => !this.state(kind).entries.has(k) && k.startsWith(prefix) && compareKeys(k, afterKey) > 0)
      .sort(compareKeys);
    let j = 0;
    while (true) {
      const current = i < keys.length && keys[i].startsWith(prefix) ? keys[i] : undefined;
      const removed = j < extra.length ? extra[j] : undefined;
      if (current === undefined && removed === undefined) return;
      let key: string;
      if (removed !== undefined && (current === undefined || compareKeys(removed, current) < 0)) {
        key = removed;
        j++;
      } else {
        key = current as string;
        i++;
      }
      const stored = past.has(key) ? past.get(key) : this.state(kind).entries.get(key);
      if (stored) yield stored;
    }
  }

  /** How many objects `snapshot(kind, atRv, afterKey, prefix)` would yield, without walking them all. */
  countSnapshot(kind: ResourceKind, atRv: number, afterKey: string, prefix: string): number {
    const past = this.pastStates(kind, atRv);
    const keys = this.sortedKeys(kind);
    let lo = lowerBound(keys, afterKey ? afterKey : prefix);
    if (afterKey && keys[lo] === afterKey) lo++;
    const hi = prefix ? lowerBound(keys, prefixEnd(prefix)) : keys.length;
    let count = Math.max(0, hi - lo);
    const entries = this.state(kind).entries;
    for (const [key, then] of past) {
      if (!key.startsWith(prefix) || compareKeys(key, afterKey) <= 0) continue;
      const now = entries.has(key);
      if (now && !then) count--;
      else if (!now && then) count++;
    }
    return count;
  }

  /** Events after `sinceRv`, oldest first. Throws ExpiredError when some are no longer kept. */
  eventsSince(sinceRv: number): WorldEvent[] {
    if (sinceRv < this.compactedRv) throw new ExpiredError(sinceRv, this.compactedRv);
    // The history is ordered by rv: find the first event after sinceRv by binary search.
    let lo = this.historyStart;
    let hi = this.history.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.history[mid].rv <= sinceRv) lo = mid + 1;
      else hi = mid;
    }
    return this.history.slice(lo);
  }

  /** Calls `listener` for every later change of `kind`. Returns the unsubscribe function. */
  watch(kind: ResourceKind, listener: WorldListener): () => void {
    const listeners = this.state(kind).listeners;
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  // ---- logs (kept by LogStore; the world is the one writer churn and the server see) ----

  getLogs(namespace: string, pod: string, container: string): ContainerLogs | undefined {
    return this.logs.get(namespace, pod, container);
  }

  setLogs(logs: ContainerLogs): void {
    this.logs.set(logs);
  }

  appendLog(namespace: string, pod: string, container: string, line: LogLine): void {
    this.logs.append(namespace, pod, container, line);
  }

  /** See LogStore.follow: every appended line from now on, ticker lines while followed. */
  followLog(namespace: string, pod: string, container: string, follower: (line: LogLine) => void): () => void {
    return this.logs.follow(namespace, pod, container, follower);
  }

  // ---- internals ----

  private state(kind: ResourceKind): KindState {
    let st = this.kinds.get(kind);
    if (!st) {
      st = { entries: new Map(), sorted: null, objects: null, listeners: new Set() };
      this.kinds.set(kind, st);
    }
    return st;
  }

  private record(event: WorldEvent): void {
    this.history.push(event);
    this.compact(event.at);
    for (const listener of this.state(event.kind).listeners) {
      try {
        listener(event);
      } catch {
        // A broken watcher (e.g. a socket that died mid-write) must not stop the others.
      }
    }
  }

  /** Drops the oldest changes beyond the cap, and those older than the window beyond the floor. */
  private compact(now: number): void {
    const h = this.history;
    let start = this.historyStart;
    const kept = () => h.length - start;
    while (kept() > this.historySize || (kept() > this.historyFloor && h[start].at < now - this.historyWindowMs)) {
      this.compactedRv = h[start].rv;
      // The dead slot must not keep its versions alive until the next slice.
      (h as (WorldEvent | undefined)[])[start] = undefined;
      start++;
    }
    if (start === this.historyStart) return;
    this.historyStart = start;
    // Drop the dead slots now and then (amortised O(1) per change), not on every change.
    if (start > 1024 && start > kept()) {
      this.history = h.slice(start);
      this.historyStart = 0;
    }
  }

  /** For every key of `kind` changed after `atRv`: its state at `atRv` (undefined = absent). */
  private pastStates(kind: ResourceKind, atRv: number): Map<string, StoredObject | undefined> {
    const past = new Map<string, StoredObject | undefined>();
    if (atRv >= this.rvCounter) return past;
    for (const ev of this.eventsSince(atRv)) {
      if (ev.kind === kind && !past.has(ev.key)) past.set(ev.key, ev.previous);
    }
    return past;
  }
}

/** Every container name of a pod (init, main, ephemeral): whose logs it may have. */
function containerNames(pod: KubeObject): string[] {
  const spec = (pod as { spec?: Record<string, unknown> }).spec ?? {};
  const names: string[] = [];
  for (const field of ['initContainers', 'containers', 'ephemeralContainers']) {
    const list = spec[field];
    if (!Array.isArray(list)) continue;
    for (const c of list) if (c && typeof (c as { name?: unknown }).name === 'string') names.push((c as { name: string }).name);
  }
  return names;
}

/** The newest changes kept whatever their age. */
const HISTORY_FLOOR = 10_000;

function supersede(stored: StoredObject): void {
  stored.superseded = true;
  stored.itemJson = undefined;
  stored.metadataEnd = undefined;
}

/** The ResourceKind of an object from its `kind` field. */
export function kindOfObject(obj: KubeObject): ResourceKind | undefined {
  return typeof obj.kind === 'string' ? RESOURCE_OF_KIND.get(obj.kind) : undefined;
}

/** `Pod` → `pods`: a map, as loading 50,000 objects asks once each. */
const RESOURCE_OF_KIND = new Map(Object.entries(KIND_INFO).map(([resource, info]) => [info.kind, resource as ResourceKind]));

/** Plain code-unit order, the same order an apiserver's etcd keys have. */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function lowerBound(keys: readonly string[], target: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid] < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The smallest string greater than every string starting with `prefix`. */
function prefixEnd(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

/** RFC 3339 in UTC with seconds precision, like metadata timestamps. */
export function rfc3339(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
