// Slimming list and watch items as they arrive, to keep 50,000 pods within the memory budget
// (SPEC §6, P4). Runs on objects fresh from JSON.parse, which nobody else holds yet, so it
// edits them in place.
//
// - Repeated strings are made one string. V8's JSON.parse internalises only keys and string
//   values of at most 10 characters: every longer value is a fresh copy (measured on Node 20:
//   a 20-character timestamp costs 40 bytes per occurrence, a 98-character imageID 118). Pods
//   repeat many of them (timestamps of pods started together, imageIDs, host IPs, node names,
//   dnsPolicy, schedulerName…). Values that are unique per object (uid, resourceVersion, the
//   pod's own name and IP) are skipped: a table entry for them would only cost. The store's
//   ContentInterner owns the table and interns after it kept the parts of an update that did
//   not change (carry-over.ts): those are interned already, and skipping them was most of
//   the saving on a watch event.
// - Fields no view, rule or headless command reads are dropped: managedFields, container IDs
//   (unique 80-character strings), and the text of kubectl's last-applied-configuration
//   annotation (a copy of the whole manifest), which keeps a marker so its presence still
//   shows. The YAML view fetches the full object with get(), which is not slimmed.
//   managedFields is mostly cut out of the text before parsing (strip-managed-fields.ts).
import type { KubeObject } from '../model/kube.js';

/** Strings up to this length are already one string after JSON.parse (V8 internalises them). */
const INTERNALISED_BY_PARSER = 10;
/**
 * Keys whose values are unique per object, or repeat mostly inside parts that share-parts.ts
 * shares whole: interning them would only grow the table. `ip`: the entries of podIPs
 * (hostIPs, the same on every pod of a node, are shared whole by share-parts.ts).
 * `claimName`: a StatefulSet pod's own claim. The timestamps of conditions and container
 * states: a condition or state that repeats is one shared object already (share-parts.ts
 * compares strings by value, not identity), so interning them mostly added entries.
 * Measured at 50,027 pods: table 131,192 → 78,741 entries, store 88.8 → 87.6 MB.
 */
const UNIQUE_VALUE_KEYS: ReadonlySet<string> = new Set(['uid', 'resourceVersion', 'containerID', 'podIP', 'ip', 'continue', 'claimName', 'startedAt', 'lastTransitionTime', 'finishedAt']);
const MAX_INTERNED = 250_000;

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
/** What the dropped last-applied text is replaced by. */
export const LAST_APPLIED_MARKER = '(dropped from the list; the YAML view shows it)';

export class StringTable {
  private readonly table = new Map<string, string>();

  /** The one copy of `value`. The table is cleared when full: earlier copies stay valid, only unshared. */
  intern(value: string): string {
    if (value.length <= INTERNALISED_BY_PARSER) return value;
    const known = this.table.get(value);
    if (known !== undefined) return known;
    if (this.table.size >= MAX_INTERNED) this.table.clear();
    this.table.set(value, value);
    return value;
  }

  clear(): void {
    this.table.clear();
  }

  get size(): number {
    return this.table.size;
  }

  /**
   * internTree() for a whole object: its own name is unique, everything else in metadata may
   * repeat. Parts that are those of `previous` (carried over, already interned) are skipped.
   */
  internObject(obj: KubeObject, previous?: KubeObject): void {
    if (Object.isFrozen(obj)) return;
    const meta = obj.metadata;
    if (meta && typeof meta === 'object' && !Object.isFrozen(meta)) {
      const before = previous?.metadata as Record<string, unknown> | undefined;
      for (const key in meta) {
        if (key === 'name') continue;
        const value = (meta as Record<string, unknown>)[key];
        if (typeof value === 'string') {
          if (!UNIQUE_VALUE_KEYS.has(key)) (meta as Record<string, unknown>)[key] = this.intern(value);
        } else if (value && typeof value === 'object') {
          this.internTree(value, before?.[key]);
        }
      }
    }
    for (const key in obj) {
      if (key === 'metadata') continue;
      const value = (obj as Record<string, unknown>)[key];
      if (typeof value === 'string') (obj as Record<string, unknown>)[key] = this.intern(value);
      else if (value && typeof value === 'object') this.internTree(value, (previous as Record<string, unknown> | undefined)?.[key]);
    }
  }

  /**
   * Replaces every repeated string below `node` by its one copy, in place. Skipped: frozen
   * parts (the store's own, already interned) and parts that are the same ones in `previous`
   * (kept from the previous version of the object: under churn, the pod IPs and most of the
   * status).
   */
  internTree(node: unknown, previous?: unknown): void {
    if (!node || typeof node !== 'object' || node === previous || Object.isFrozen(node)) return;
    const before = previous && typeof previous === 'object' ? (previous as Record<string, unknown>) : undefined;
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const item: unknown = node[i];
        if (typeof item === 'string') node[i] = this.intern(item);
        else if (item && typeof item === 'object') this.internTree(item, before?.[i]);
      }
      return;
    }
    const record = node as Record<string, unknown>;
    for (const key in record) {
      const value = record[key];
      if (typeof value === 'string') {
        if (!UNIQUE_VALUE_KEYS.has(key)) record[key] = this.intern(value);
      } else if (value && typeof value === 'object') {
        this.internTree(value, before?.[key]);
      }
    }
  }
}

function dropContainerId(holder: unknown): void {
  if (holder && typeof holder === 'object' && 'containerID' in holder) delete (holder as { containerID?: unknown }).containerID;
}

/** containerID: in each container status and in its current and last terminated state. */
function dropContainerIds(statuses: unknown): void {
  if (!Array.isArray(statuses)) return;
  for (const status of statuses) {
    if (!status || typeof status !== 'object') continue;
    dropContainerId(status);
    const { state, lastState } = status as { state?: { terminated?: unknown }; lastState?: { terminated?: unknown } };
    if (state && typeof state === 'object') dropContainerId(state.terminated);
    if (lastState && typeof lastState === 'object') dropContainerId(lastState.terminated);
  }
}

/**
 * Slims a freshly parsed list or watch item in place (see the top of this file) and returns
 * it. With `strings`, also shares its repeated strings (else the store does, see
 * StringTable.internObject, after it kept what did not change).
 */
export function slimObject(obj: KubeObject, strings?: StringTable): KubeObject {
  const meta = obj.metadata as (KubeObject['metadata'] & { managedFields?: unknown; annotations?: Record<string, unknown> }) | undefined;
  if (meta && typeof meta === 'object') {
    if (meta.managedFields !== undefined) delete meta.managedFields;
    const annotations = meta.annotations;
    if (annotations && typeof annotations === 'object' && typeof annotations[LAST_APPLIED] === 'string') annotations[LAST_APPLIED] = LAST_APPLIED_MARKER;
  }
  const status = obj.status as { containerStatuses?: unknown; initContainerStatuses?: unknown; ephemeralContainerStatuses?: unknown } | undefined;
  if (status && typeof status === 'object') {
    dropContainerIds(status.containerStatuses);
    dropContainerIds(status.initContainerStatuses);
    dropContainerIds(status.ephemeralContainerStatuses);
  }
  strings?.internObject(obj);
  return obj;
}
