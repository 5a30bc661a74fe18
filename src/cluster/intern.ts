// Sharing identical parts of sibling pods, to keep 50,000 pods in memory within budget.
//
// Pods made by one controller (a ReplicaSet, StatefulSet, DaemonSet, Job) carry the same
// containers, tolerations, affinity, labels and owner references: about two thirds of a
// pod once managedFields is gone. Each pod is compared with the last pod seen from the same
// owner, field by field (deep equality, stopping at the first difference); an equal field is replaced by the sibling's copy,
// so thousands of pods point at one frozen object. Memory for the comparison is bounded:
// one entry per owner, not per pod. Pods without an owner are stored as they are.
import type { KubeObject } from '../model/kube.js';

type Json = Record<string, unknown>;

/** The fields worth sharing, as [section, field]. */
const SHARED_FIELDS: readonly (readonly ['spec' | 'metadata', string])[] = [
  ['spec', 'containers'],
  ['spec', 'initContainers'],
  ['spec', 'tolerations'],
  ['spec', 'affinity'],
  ['spec', 'volumes'],
  ['spec', 'securityContext'],
  ['spec', 'topologySpreadConstraints'],
  ['metadata', 'labels'],
  ['metadata', 'annotations'],
  ['metadata', 'ownerReferences'],
];

/** Above this many owners the table is cleared: sharing is a saving, not a duty. */
const MAX_OWNERS = 20_000;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value as object)) deepFreeze(child);
  }
  return value;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  if (keysA.length !== Object.keys(b).length) return false;
  for (const key of keysA) {
    if (!Object.prototype.hasOwnProperty.call(b, key)) return false;
    if (!deepEqual((a as Json)[key], (b as Json)[key])) return false;
  }
  return true;
}

function controllerUid(obj: KubeObject): string | undefined {
  const refs = obj.metadata?.ownerReferences;
  if (!Array.isArray(refs)) return undefined;
  const ref = refs.find((r) => r && r.controller) ?? refs[0];
  return typeof ref?.uid === 'string' && ref.uid ? ref.uid : undefined;
}

export class SiblingInterner {
  private readonly lastByOwner = new Map<string, Map<string, unknown>>();

  /**
   * Returns `obj` with fields equal to its last sibling's replaced by the shared copies.
   * `obj` must be a fresh object the caller owns (its spec/metadata may be replaced).
   */
  intern(obj: KubeObject): KubeObject {
    const owner = controllerUid(obj);
    if (!owner) return obj;
    let last = this.lastByOwner.get(owner);
    if (!last) {
      if (this.lastByOwner.size >= MAX_OWNERS) this.lastByOwner.clear();
      this.lastByOwner.set(owner, (last = new Map()));
    }
    let spec = obj.spec as Json | undefined;
    let metadata = obj.metadata as Json | undefined;
    let specCopied = false;
    let metaCopied = false;
    for (const [section, field] of SHARED_FIELDS) {
      const holder = section === 'spec' ? spec : metadata;
      if (!holder || typeof holder !== 'object') continue;
      const value = holder[field];
      if (value === undefined || value === null || typeof value !== 'object') continue;
      const id = `${section}.${field}`;
      const seen = last.get(id);
      if (seen !== undefined && deepEqual(seen, value)) {
        if (seen === value) continue;
        // Copy the section once before replacing a field, so the input object is not patched in place.
        if (section === 'spec') {
          if (!specCopied) spec = { ...spec };
          specCopied = true;
          (spec as Json)[field] = seen;
        } else {
          if (!metaCopied) metadata = { ...metadata };
          metaCopied = true;
          (metadata as Json)[field] = seen;
        }
      } else {
        last.set(id, deepFreeze(value));
      }
    }
    if (!specCopied && !metaCopied) return obj;
    return { ...obj, ...(specCopied ? { spec } : {}), ...(metaCopied ? { metadata: metadata as KubeObject['metadata'] } : {}) };
  }

  /** Forgets everything (e.g. on a context switch). */
  clear(): void {
    this.lastByOwner.clear();
  }
}
