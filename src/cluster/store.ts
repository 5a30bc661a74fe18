// The object store: what the reflectors have seen, indexed for the views, and a stream of
// coalesced change batches for the UI and the live analysis.
//
// Objects are stored normalised (metadata.managedFields dropped: it is often half of a
// pod's bytes and nothing in podscope reads it) and frozen at the top and metadata level
// (a full deep freeze costs seconds at 50,000 pods; the outer freeze catches the common
// mistake of patching an object in place). A change replaces an object, never mutates it;
// the parts of the new version equal to the old one's are the old one's own values
// (carry-over.ts), so identity-keyed caches in views and the analysis survive an update.
//
// Writes apply at once (reads always see the latest state); notifications are coalesced
// into at most one batch per `flushMs`, never one callback per watch event.
import type { KubeObject, ResourceKind } from '../model/kube.js';
import type { Change, ChangeBatch, ChangeType, StoreView, SyncState } from '../model/store-view.js';
import { editable } from './editable.js';
import { ContentInterner } from './intern.js';

export interface ObjectStoreOptions {
  /** Longest wait between a change and its batch. Default 150 ms. */
  flushMs?: number;
  /** The kinds this store reflects (what kinds() answers). Default: every kind written to it. */
  kinds?: readonly ResourceKind[];
}

type Bucket = Map<string, KubeObject>;

const IDLE: SyncState = { phase: 'idle' };
const NONE: readonly KubeObject[] = Object.freeze([]);

const ENVELOPE_KEYS: ReadonlySet<string> = new Set(['kind', 'apiVersion', 'metadata', 'spec', 'status']);

/** Exactly kind, apiVersion, metadata, spec and status (a pod, most workloads), in any order. */
function isPlainEnvelope(obj: KubeObject): boolean {
  let count = 0;
  for (const key in obj) {
    if (!ENVELOPE_KEYS.has(key)) return false;
    count++;
  }
  return count === ENVELOPE_KEYS.size;
}

/** A copy of `meta` without managedFields. */
function withoutManagedFields<M extends object>(meta: M): M {
  // The caller's fresh metadata is kept and frozen as it is (editable.ts: a copy here lost its
  // layout). A rest pattern adds the fields one by one, past the object's few in-object slots
  // into a separate property array; rare: managedFields are cut from the text before parsing.
  if (!('managedFields' in meta)) return editable(meta);
  const { managedFields: _dropped, ...rest } = meta as M & { managedFields?: unknown };
  return rest as M;
}

/** Drops managedFields and freezes the envelope and its metadata (the input's own, when it was not frozen). */
export function normaliseObject(obj: KubeObject): KubeObject {
  const meta = obj.metadata;
  let metadata = meta;
  if (meta && typeof meta === 'object') metadata = Object.freeze(withoutManagedFields(meta));
  // One literal with every field: list items get kind/apiVersion added after JSON.parse, which
  // pushes them out of the object into a separate property array; a literal holds all five
  // in the object itself.
  if (isPlainEnvelope(obj)) return Object.freeze({ kind: obj.kind, apiVersion: obj.apiVersion, metadata, spec: obj.spec, status: obj.status });
  return Object.freeze(metadata === undefined ? { ...obj } : { ...obj, metadata });
}

/**
 * objectKey() for objects that may be malformed: the same `namespace/name` for any
 * well-formed object, and always a string (a name of another type is stringified).
 */
export function storeKey(obj: KubeObject | null | undefined): string {
  const meta = obj && typeof obj === 'object' ? obj.metadata : undefined;
  if (!meta || typeof meta !== 'object') return '';
  const ns = typeof meta.namespace === 'string' ? meta.namespace : '';
  const name = typeof meta.name === 'string' ? meta.name : meta.name == null ? '' : String(meta.name);
  return ns ? `${ns}/${name}` : name;
}

function addTo<K>(index: Map<K, Bucket>, indexKey: K, key: string, obj: KubeObject): void {
  let bucket = index.get(indexKey);
  if (!bucket) index.set(indexKey, (bucket = new Map()));
  bucket.set(key, obj);
}

function removeFrom<K>(index: Map<K, Bucket>, indexKey: K, key: string): void {
  const bucket = index.get(indexKey);
  if (!bucket) return;
  bucket.delete(key);
  if (bucket.size === 0) index.delete(indexKey);
}

/**
 * The objects of one owner: a small array replaced whole on each change, so that byOwner()
 * hands it out without a copy. It was a Map per owner: at 50,027 pods ~23,600 of them (a pod
 * bucket per ReplicaSet, a ReplicaSet bucket per Deployment…), 7 MB of hash tables for a few
 * entries each, and a copy of its values on every byOwner() (the analysis asks once per
 * template). A change copies the owner's array: a few entries, or one per node for a DaemonSet.
 */
type OwnerIndex = Map<string, readonly KubeObject[]>;

function addOwned(index: OwnerIndex, uid: string, obj: KubeObject, replacing: KubeObject | undefined): void {
  const owned = index.get(uid);
  if (!owned) index.set(uid, [obj]);
  else if (owned.includes(obj)) return; // two references to one owner
  else if (replacing && owned.includes(replacing)) index.set(uid, owned.map((o) => (o === replacing ? obj : o)));
  else index.set(uid, [...owned, obj]);
}

function removeOwned(index: OwnerIndex, uid: string, obj: KubeObject): void {
  const owned = index.get(uid);
  if (!owned) return;
  const rest = owned.filter((o) => o !== obj);
  if (rest.length) index.set(uid, rest);
  else index.delete(uid);
}

function ownerUids(obj: KubeObject): string[] {
  const refs = obj.metadata?.ownerReferences;
  if (!Array.isArray(refs)) return [];
  return refs.map((r) => r?.uid).filter((uid): uid is string => typeof uid === 'string' && uid.length > 0);
}

function podNode(obj: KubeObject): string | undefined {
  const node = (obj.spec as { nodeName?: unknown } | undefined)?.nodeName;
  return typeof node === 'string' && node ? node : undefined;
}

/** Whether `a` and `b` sit under the same keys of every index (owners: the same references object). */
function sameIndexKeys(kind: ResourceKind, a: KubeObject, b: KubeObject): boolean {
  if (a.metadata?.namespace !== b.metadata?.namespace || a.metadata?.ownerReferences !== b.metadata?.ownerReferences) return false;
  if (kind === 'events') return involvedKey(a) === involvedKey(b);
  return true;
}

interface InvolvedObject {
  kind?: unknown;
  namespace?: unknown;
  name?: unknown;
  uid?: unknown;
}

function involvedKey(obj: KubeObject): string | undefined {
  const involved = obj.involvedObject as InvolvedObject | undefined;
  if (!involved || typeof involved.name !== 'string') return undefined;
  const ns = typeof involved.namespace === 'string' ? involved.namespace : '';
  return `${ns}/${involved.name}`;
}

export class ObjectStore implements StoreView {
  version = 0;
  private readonly flushMs: number;
  private soon: NodeJS.Immediate | undefined;
  /** Kinds whose objects listeners have seen at least once. */
  private readonly delivered = new Set<ResourceKind>();
  private configuredKinds: ResourceKind[] | undefined;
  private readonly objects = new Map<ResourceKind, Bucket>();
  private readonly listCache = new Map<ResourceKind, readonly KubeObject[]>();
  private readonly byNs = new Map<ResourceKind, Map<string, Bucket>>();
  private readonly byOwnerUid = new Map<ResourceKind, OwnerIndex>();
  private readonly eventsByInvolved = new Map<string, Bucket>();
  private readonly states = new Map<ResourceKind, SyncState>();
  private readonly resyncSeen = new Map<ResourceKind, Set<string>>();
  private pending = new Map<string, Change>();
  private pendingResync = new Set<ResourceKind>();
  private pendingStates = new Set<ResourceKind>();
  private timer: NodeJS.Timeout | undefined;
  private readonly listeners = new Set<(batch: ChangeBatch) => void>();
  private readonly interner = new ContentInterner();

  constructor(opts: ObjectStoreOptions = {}) {
    this.flushMs = Math.max(0, opts.flushMs ?? 150);
    this.configuredKinds = opts.kinds ? [...opts.kinds] : undefined;
  }

  // ---- read side (StoreView) ----

  list(kind: ResourceKind): readonly KubeObject[] {
    let cached = this.listCache.get(kind);
    if (!cached) {
      const bucket = this.objects.get(kind);
      cached = bucket ? Object.freeze([...bucket.values()]) : NONE;
      this.listCache.set(kind, cached);
    }
    return cached;
  }

  get(kind: ResourceKind, key: string): KubeObject | undefined {
    return this.objects.get(kind)?.get(key);
  }

  byNamespace(kind: ResourceKind, namespace: string): readonly KubeObject[] {
    const bucket = this.byNs.get(kind)?.get(namespace);
    return bucket ? [...bucket.values()] : NONE;
  }

  /**
   * A scan of the pods, not an index: nothing in the views or the analysis asks for a node's
   * pods, and an index cost a map entry per pod (measured at 50,027 pods: 2.0 MB retained) and a
   * map update on every pod event.
   */
  podsOnNode(node: string): readonly KubeObject[] {
    const out: KubeObject[] = [];
    for (const pod of this.list('pods')) if (podNode(pod) === node) out.push(pod);
    return out.length ? out : NONE;
  }

  byOwner(kind: ResourceKind, ownerUid: string): readonly KubeObject[] {
    return this.byOwnerUid.get(kind)?.get(ownerUid) ?? NONE;
  }

  eventsFor(obj: KubeObject): readonly KubeObject[] {
    const key = storeKey(obj);
    const bucket = this.eventsByInvolved.get(key.includes('/') ? key : `/${key}`);
    if (!bucket) return NONE;
    const uid = obj?.metadata?.uid;
    const kind = obj?.kind;
    const out: KubeObject[] = [];
    for (const event of bucket.values()) {
      const involved = event.involvedObject as InvolvedObject;
      // By uid when both sides know it (a re-created pod of the same name is another pod);
      // else by kind when both know it (a Deployment and a Pod may share a name).
      if (uid && typeof involved.uid === 'string' && involved.uid) {
        if (involved.uid !== uid) continue;
      } else if (kind && typeof involved.kind === 'string' && involved.kind !== kind) {
        continue;
      }
      out.push(event);
    }
    return out;
  }

  state(kind: ResourceKind): SyncState {
    return this.states.get(kind) ?? IDLE;
  }

  kinds(): readonly ResourceKind[] {
    return this.configuredKinds ?? [...new Set([...this.objects.keys(), ...this.states.keys()])];
  }

  subscribe(listener: (batch: ChangeBatch) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  // ---- write side (reflectors, tests) ----

  setKinds(kinds: readonly ResourceKind[]): void {
    this.configuredKinds = [...kinds];
  }

  /**
   * One watch event. DELETED of an unknown key is ignored. The store takes `raw` over: parts
   * of it may be replaced in place by equal shared ones, and frozen (editable.ts).
   */
  apply(kind: ResourceKind, type: ChangeType, raw: KubeObject): void {
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return;
    const key = storeKey(raw);
    this.resyncSeen.get(kind)?.add(key);
    if (type === 'DELETED') {
      const old = this.remove(kind, key);
      if (old) this.record(kind, 'DELETED', key, old);
      return;
    }
    const previous = this.objects.get(kind)?.get(key);
    const interned = this.interner.intern(kind, raw, previous);
    // The previous version itself when nothing changed (a relist of an unchanged object).
    const obj = interned === previous ? previous : normaliseObject(interned);
    const old = this.put(kind, key, obj);
    this.record(kind, old ? 'MODIFIED' : 'ADDED', key, obj);
  }

  /** Starts a relist: objects applied until endResync() are kept, the others are dropped then. */
  beginResync(kind: ResourceKind): void {
    this.resyncSeen.set(kind, new Set());
  }

  /** Ends a relist: drops every object not seen since beginResync() (no ghosts) and flags the batch. */
  endResync(kind: ResourceKind): void {
    const seen = this.resyncSeen.get(kind);
    this.resyncSeen.delete(kind);
    if (!seen) return;
    const bucket = this.objects.get(kind);
    if (bucket) {
      for (const key of [...bucket.keys()]) {
        if (seen.has(key)) continue;
        const old = this.remove(kind, key);
        if (old) this.record(kind, 'DELETED', key, old);
      }
    }
    this.pendingResync.add(kind);
    this.schedule();
    // The sharing tables earn their keep while lists fill the store: thousands of objects
    // arrive carrying the same parts. Once no list is running, updates come one object at a
    // time and keep their unchanged parts from the version stored (carry-over.ts), so the
    // tables mostly hold entries that will never match again. Measured at 50,027 pods: 19 MB
    // of heap, held from the end of the sync on, when the first analysis pass makes the peak.
    if (this.resyncSeen.size === 0) this.interner.clear();
  }

  /** Replaces a kind's objects wholesale (a relist in one piece). */
  replaceAll(kind: ResourceKind, objects: readonly KubeObject[]): void {
    this.beginResync(kind);
    for (const obj of objects) this.apply(kind, 'ADDED', obj);
    this.endResync(kind);
  }

  /** Forgets a kind's objects (namespace or context switch). */
  clear(kind: ResourceKind): void {
    this.replaceAll(kind, []);
    this.delivered.delete(kind); // the next first page is again what the screen waits for
  }

  setState(kind: ResourceKind, state: SyncState): void {
    this.states.set(kind, Object.freeze({ ...state }));
    this.pendingStates.add(kind);
    this.schedule();
  }

  /** Delivers pending changes now (tests, shutdown). */
  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.soon) {
      clearImmediate(this.soon);
      this.soon = undefined;
    }
    if (this.pending.size === 0 && this.pendingResync.size === 0 && this.pendingStates.size === 0) return;
    this.version++;
    const batch: ChangeBatch = { version: this.version, changes: [...this.pending.values()] };
    if (this.pendingResync.size) batch.resync = [...this.pendingResync];
    if (this.pendingStates.size) batch.states = [...this.pendingStates];
    for (const change of batch.changes) {
      // Only objects count: delivering the deletions of a cleared kind leaves its next page urgent.
      if (change.type !== 'DELETED' && !this.delivered.has(change.kind)) this.delivered.add(change.kind);
    }
    this.pending = new Map();
    this.pendingResync = new Set();
    this.pendingStates = new Set();
    for (const listener of [...this.listeners]) {
      try {
        listener(batch);
      } catch {
        // A failing listener must not stop the others or the reflectors feeding the store.
      }
    }
  }

  /** Stops the flush timer; pending changes are delivered. */
  close(): void {
    this.flush();
  }

  // ---- internals ----

  private put(kind: ResourceKind, key: string, obj: KubeObject): KubeObject | undefined {
    let bucket = this.objects.get(kind);
    if (!bucket) this.objects.set(kind, (bucket = new Map()));
    const old = bucket.get(key);
    // Most updates keep namespace, owners and node: then indexing again only replaces the
    // entries (Map.set), without removing them first.
    const sameKeys = old !== undefined && sameIndexKeys(kind, old, obj);
    if (old && !sameKeys) this.unindex(kind, key, old);
    bucket.set(key, obj);
    this.index(kind, key, obj, sameKeys ? old : undefined);
    this.listCache.delete(kind);
    return old;
  }

  private remove(kind: ResourceKind, key: string): KubeObject | undefined {
    const bucket = this.objects.get(kind);
    const old = bucket?.get(key);
    if (!bucket || !old) return undefined;
    bucket.delete(key);
    this.unindex(kind, key, old);
    this.listCache.delete(kind);
    return old;
  }

  /** Indexes `obj`, in place of `replacing` (its previous version, under the same keys) if given. */
  private index(kind: ResourceKind, key: string, obj: KubeObject, replacing?: KubeObject): void {
    const ns = obj.metadata?.namespace;
    if (ns) {
      let nsIndex = this.byNs.get(kind);
      if (!nsIndex) this.byNs.set(kind, (nsIndex = new Map()));
      addTo(nsIndex, ns, key, obj);
    }
    const uids = ownerUids(obj);
    if (uids.length) {
      let ownerIndex = this.byOwnerUid.get(kind);
      if (!ownerIndex) this.byOwnerUid.set(kind, (ownerIndex = new Map()));
      for (const uid of uids) addOwned(ownerIndex, uid, obj, replacing);
    }
    if (kind === 'events') {
      const involved = involvedKey(obj);
      if (involved) addTo(this.eventsByInvolved, involved, key, obj);
    }
  }

  private unindex(kind: ResourceKind, key: string, obj: KubeObject): void {
    const ns = obj.metadata?.namespace;
    if (ns) {
      const nsIndex = this.byNs.get(kind);
      if (nsIndex) removeFrom(nsIndex, ns, key);
    }
    const ownerIndex = this.byOwnerUid.get(kind);
    if (ownerIndex) for (const uid of ownerUids(obj)) removeOwned(ownerIndex, uid, obj);
    if (kind === 'events') {
      const involved = involvedKey(obj);
      if (involved) removeFrom(this.eventsByInvolved, involved, key);
    }
  }

  /** Coalesces with a pending change of the same object: listeners see the net effect. */
  private record(kind: ResourceKind, type: ChangeType, key: string, object: KubeObject): void {
    const id = `${kind}\u0000${key}`;
    const prev = this.pending.get(id);
    let net: ChangeType | undefined = type;
    if (prev) {
      if (prev.type === 'ADDED' && type === 'DELETED') net = undefined;
      else if (prev.type === 'ADDED') net = 'ADDED';
      else if (prev.type === 'DELETED' && type === 'ADDED') net = 'MODIFIED';
    }
    if (net === undefined) this.pending.delete(id);
    else this.pending.set(id, { kind, type: net, key, object });
    if (this.delivered.has(kind)) this.schedule();
    else this.scheduleSoon();
  }

  private schedule(): void {
    if (this.timer || this.soon) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, this.flushMs);
    this.timer.unref?.();
  }

  /**
   * A kind's first objects go out on the next turn of the event loop, not on the timer: the
   * first page of pods is what the screen waits for (SPEC P1), and while the other kinds'
   * lists are parsed the timer fires late (~600 ms at 50,000 pods). Everything after that
   * is coalesced as usual.
   */
  private scheduleSoon(): void {
    if (this.soon) return;
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.soon = setImmediate(() => {
      this.soon = undefined;
      this.flush();
    });
  }
}
