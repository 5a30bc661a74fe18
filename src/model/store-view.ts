// The read side of the object store, as the UI and the live analysis see it.
//
// cluster/ implements it (reflectors feeding a store); tests implement it over fixtures.
// It lives in model/ so that ui/ and analysis/ depend on a description of the data, never
// on the network code.
import type { KubeObject, ResourceKind } from './kube.js';

/** Where one kind's reflector stands. The header of every view shows it. */
export type SyncState =
  | { phase: 'idle' }
  | { phase: 'syncing'; loaded: number; total?: number }
  /** Listed; the watch still replays what changed during the list (since = when the list ended). */
  | { phase: 'catching-up'; since: number }
  | { phase: 'live'; since: number }
  | { phase: 'reconnecting'; since: number; cause: string; attempt: number }
  | { phase: 'forbidden'; message: string; fallbackNamespace?: string }
  | { phase: 'failed'; cause: string };

export type ChangeType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface Change {
  kind: ResourceKind;
  type: ChangeType;
  /** `namespace/name` (or `name` for cluster-scoped kinds), see objectKey(). */
  key: string;
  /** The object after the change; for DELETED, the last known state. */
  object: KubeObject;
}

/**
 * Changes are coalesced: the store delivers at most a few batches per second, never one
 * call per watch event. A batch with `resync: true` replaced a kind wholesale (relist):
 * listeners should re-read that kind rather than apply the changes one by one.
 */
export interface ChangeBatch {
  version: number;
  changes: Change[];
  resync?: ResourceKind[];
  /** Kinds whose SyncState changed in this batch. */
  states?: ResourceKind[];
}

export interface StoreView {
  /** Incremented with every delivered batch. */
  readonly version: number;
  /** Objects are immutable: a change replaces the object, never mutates it. */
  list(kind: ResourceKind): readonly KubeObject[];
  get(kind: ResourceKind, key: string): KubeObject | undefined;
  /** Objects of `kind` in one namespace. */
  byNamespace(kind: ResourceKind, namespace: string): readonly KubeObject[];
  /** Pods on one node. */
  podsOnNode(node: string): readonly KubeObject[];
  /** Objects of `kind` whose ownerReferences name this uid. */
  byOwner(kind: ResourceKind, ownerUid: string): readonly KubeObject[];
  /** Events whose involvedObject is this object (by uid when known, else by namespace/name). */
  eventsFor(obj: KubeObject): readonly KubeObject[];
  state(kind: ResourceKind): SyncState;
  /** The kinds this store reflects (others are not asked for, e.g. metrics without the API). */
  kinds(): readonly ResourceKind[];
  subscribe(listener: (batch: ChangeBatch) => void): () => void;
}
