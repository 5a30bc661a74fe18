// Sharing identical parts of objects bottom-up: pod status, and the containers and volumes
// of pod specs and templates the first time ContentInterner (intern.ts) sees them.
//
// After managedFields, status is the largest part of a pod in memory (about 2 KB of 4 at
// 50,000 generated pods: JSON.parse objects cost about 1.5× their text). Much of it repeats:
// conditions with the same timestamps (pods of one rollout start in the same seconds),
// container statuses of replicas started together, the one host IP of every pod on a node.
// Measured on the generator's 50,000 pods: 250,000 conditions are 75,000 distinct values,
// 64,000 container statuses 23,000.
//
// Inside specs, the parts repeat across controllers: every pod's service-account volume
// differs only in its name (kube-api-access-xxxxx), its projected source is the same
// everywhere; probes, resources and security contexts repeat across deployments.
//
// Each part is shared only after its children were: two parts are then equal exactly when
// their own fields are identical (===), so comparing costs a few pointer checks, not a deep
// walk. Parts are looked up by one of their own values (a long string such as a timestamp,
// or a child part), so the table holds no key strings of its own.
import { CandidateTable } from './candidates.js';

type Json = Record<string, unknown>;

/** The status fields worth sharing (small trees). podIPs are unique per pod: not listed. */
const SHARED_STATUS_FIELDS = ['conditions', 'containerStatuses', 'initContainerStatuses', 'ephemeralContainerStatuses', 'hostIPs'];

/** The status lists that an update makes the pod's own (PartSharer.share). */
const CONTAINER_STATUS_FIELDS: ReadonlySet<string> = new Set(['containerStatuses', 'initContainerStatuses', 'ephemeralContainerStatuses']);

const MAX_ENTRIES = 200_000;
const CANDIDATES_PER_KEY = 16;
/** Longer strings are distinctive enough to look a part up by. */
const DISTINCTIVE_LENGTH = 10;

function shallowEqual(a: object, b: object): boolean {
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  // Same keys in the same order (JSON from one server keeps its order), without Object.keys'
  // two arrays per comparison: measured ~3 µs per watch event at 50,000 pods.
  let count = 0;
  for (const key in a) {
    if ((a as Json)[key] !== (b as Json)[key] || !Object.prototype.hasOwnProperty.call(b, key)) return false;
    count++;
  }
  for (const _ in b) count--;
  return count === 0;
}

/** What a part is looked up by: its first child part or long string; else its short values joined. */
function lookupKey(value: object): unknown {
  let joined = Array.isArray(value) ? `a${value.length}` : 'o';
  for (const key in value) {
    const child = (value as Json)[key];
    if ((child && typeof child === 'object') || (typeof child === 'string' && child.length > DISTINCTIVE_LENGTH)) return child;
    joined += `|${key}=${String(child)}`;
  }
  return joined;
}

/**
 * A part holding one of these is its pod's own: a StatefulSet pod's claim (volumeClaimTemplates
 * name it after the pod). It and every part above it (its volume, the pod's volume list) can
 * equal no other pod's, so they get no table entry. Measured at 50,027 pods: 131,647 →
 * 112,963 entries (6,225 StatefulSet pods × claim, volume, volume list); store after the sync
 * 87.6 → 84.3 MB, mostly because the table's Map stays below 131,072 entries (one size step of
 * its hash table); after 5 s of churn the table is past that size again and the store is as
 * before (88.6 → 89.1 MB, within noise).
 */
const OWN_VALUE_KEYS: readonly string[] = ['claimName'];

function holdsOwnValue(value: object): boolean {
  if (Array.isArray(value)) return false;
  for (const key of OWN_VALUE_KEYS) if (typeof (value as Json)[key] === 'string') return true;
  return false;
}

/**
 * `value` as a frozen part of its pod alone, with no table entry: its frozen parts (kept from
 * the pod's previous version) as they are, every other part a frozen copy. A copy, because
 * slim.ts deleted containerID from container statuses, which leaves them in dictionary mode;
 * a copy is compact again (editable.ts).
 */
function ownTree(value: object): object {
  if (Object.isFrozen(value)) return value;
  const copy: Json | unknown[] = Array.isArray(value) ? [...value] : { ...(value as Json) };
  for (const key in copy) {
    const child = (copy as Json)[key];
    if (child && typeof child === 'object') (copy as Json)[key] = ownTree(child);
  }
  return Object.freeze(copy);
}

export class PartSharer {
  private readonly table = new CandidateTable<unknown>(MAX_ENTRIES, CANDIDATES_PER_KEY);
  /** Set by shareTree(): whether the part it returned is its pod's own (see OWN_VALUE_KEYS). */
  private own = false;

  /**
   * `status` with its repeated parts replaced by shared frozen copies; `status` itself is not
   * modified. For an `update` of a pod the store holds (a watch event), the container
   * statuses that changed are made the pod's own instead (ownTree): what changes in one is
   * that container's news, a restart or a readiness flip, with the pod's own restart count
   * beside it. Looked up anyway, they were 7 table lookups per event, whose only gain was
   * memory: measured over 25,000 recorded events of `--churn 2000` at 50,027 pods, in one
   * process alternating with the old code, ~150 → ~125 µs per event (parse and store), and
   * test/cluster/ingest-bench.ts's store after 10 s of churn 95.5 → 93.8 MB (the copies are
   * compact). Conditions, which a rollout or a node failure flips alike on many pods, are
   * still shared.
   */
  share(status: unknown, update = false): unknown {
    if (!status || typeof status !== 'object' || Array.isArray(status)) return status;
    let copy: Json | undefined;
    for (const field of SHARED_STATUS_FIELDS) {
      const value = (status as Json)[field];
      if (!value || typeof value !== 'object') continue;
      const shared = update && CONTAINER_STATUS_FIELDS.has(field) ? ownTree(value) : this.shareTree(value);
      if (shared !== value) {
        copy ??= { ...(status as Json) };
        copy[field] = shared;
      }
    }
    return copy ?? status;
  }

  clear(): void {
    this.table.clear();
  }

  /** `value` with every part below it (and itself) replaced by a shared frozen copy. */
  shareTree(value: object): object {
    // A frozen part is one this sharer made (or the store kept from an object's previous
    // version, carry-over.ts): looking it up again cost ~5 µs per watch event at 50,000 pods.
    // A pod's own parts are frozen too (below), untabled: a frozen claim still marks its parents.
    if (Object.isFrozen(value)) {
      this.own = holdsOwnValue(value);
      return value;
    }
    let copy: Json | unknown[] | undefined;
    let own = holdsOwnValue(value);
    for (const key in value) {
      const child = (value as Json)[key];
      if (!child || typeof child !== 'object') continue;
      const shared = this.shareTree(child);
      if (this.own) own = true;
      if (shared !== child) {
        copy ??= Array.isArray(value) ? [...value] : { ...(value as Json) };
        (copy as Json)[key] = shared;
      }
    }
    const current = copy ?? value;
    this.own = own;
    if (own) return Object.freeze(current);
    const key = lookupKey(current);
    const known = this.table.find(key, (candidate) => candidate === current || shallowEqual(candidate, current));
    if (known) return known;
    this.table.add(key, Object.freeze(current));
    return current;
  }
}
