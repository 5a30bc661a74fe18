// Snapshots of paginated lists in progress, so that their continue tokens stay valid as long
// as an apiserver's would (until etcd compacts the list's resourceVersion, ~5 minutes) under
// any churn, without keeping 5 minutes of change history: a pin is one array of references
// to the stored versions the list saw, in key order, made when its first page is served.
//
// A pin is released when its last page is served (every client that pinned it has finished)
// or after its lifetime; the oldest goes when too many are held. An abandoned pin under churn
// keeps alive one old version of each object it holds (~1.4 KB a pod, ~70 MB at 50,000 pods
// once all have changed), hence the timer that drops it on time even when no list comes. A token whose pin is gone
// falls back to the world's history, and gets 410 Expired only when that is too short too.
import type { ResourceKind } from '../../model/kube.js';
import type { DemoWorld, StoredObject } from '../world.js';

export interface PinnedListsOptions {
  /** How long a pin lives (default 300,000 ms, etcd's compaction interval). */
  lifetimeMs?: number;
  /** Most pins held at once (default 8). */
  max?: number;
}

export class PinnedList {
  /** Clients that started a list on it and have not fetched its last page. */
  users = 1;

  constructor(
    readonly createdAt: number,
    /** In key order. */
    private readonly objects: readonly StoredObject[],
  ) {}

  /** The pinned objects after `afterKey` ('' = from the start), in key order. */
  *after(afterKey: string): Generator<StoredObject> {
    for (let i = this.indexAfter(afterKey); i < this.objects.length; i++) yield this.objects[i];
  }

  countAfter(afterKey: string): number {
    return this.objects.length - this.indexAfter(afterKey);
  }

  private indexAfter(afterKey: string): number {
    if (!afterKey) return 0;
    let lo = 0;
    let hi = this.objects.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.objects[mid].key <= afterKey) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

export class PinnedLists {
  private readonly pins = new Map<string, PinnedList>();
  private readonly lifetimeMs: number;
  private readonly max: number;
  private sweeper: NodeJS.Timeout | undefined;

  constructor(opts: PinnedListsOptions = {}) {
    this.lifetimeMs = opts.lifetimeMs ?? 300_000;
    this.max = Math.max(1, opts.max ?? 8);
  }

  /** Pins the objects of `kind` under `prefix` as of `rv` (shared with a list that pinned the same). */
  pin(world: DemoWorld, kind: ResourceKind, rv: number, prefix: string): void {
    this.expire();
    const id = pinId(kind, rv, prefix);
    const held = this.pins.get(id);
    if (held) {
      held.users++;
      return;
    }
    if (this.pins.size >= this.max) this.pins.delete(this.pins.keys().next().value as string);
    this.pins.set(id, new PinnedList(Date.now(), [...world.snapshot(kind, rv, '', prefix)]));
    this.scheduleSweep();
  }

  get(kind: ResourceKind, rv: number, prefix: string): PinnedList | undefined {
    this.expire();
    return this.pins.get(pinId(kind, rv, prefix));
  }

  /** One client has its last page. */
  release(kind: ResourceKind, rv: number, prefix: string): void {
    const id = pinId(kind, rv, prefix);
    const held = this.pins.get(id);
    if (held && --held.users <= 0) this.pins.delete(id);
  }

  get size(): number {
    return this.pins.size;
  }

  /** Expires the oldest pin on time; unref'd, so it never keeps the process alive. */
  private scheduleSweep(): void {
    if (this.sweeper || this.pins.size === 0) return;
    const oldest = this.pins.values().next().value as PinnedList;
    const due = Math.max(0, oldest.createdAt + this.lifetimeMs - Date.now()) + 10;
    this.sweeper = setTimeout(() => {
      this.sweeper = undefined;
      this.expire();
      this.scheduleSweep();
    }, due);
    this.sweeper.unref();
  }

  private expire(): void {
    const cutoff = Date.now() - this.lifetimeMs;
    // Insertion order is creation order: the expired ones are at the front.
    for (const [id, pin] of this.pins) {
      if (pin.createdAt >= cutoff) break;
      this.pins.delete(id);
    }
  }
}

function pinId(kind: ResourceKind, rv: number, prefix: string): string {
  return `${kind} ${rv} ${prefix}`;
}
