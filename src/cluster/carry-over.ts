// Carrying the unchanged parts of an object over from its previous version (SPEC §6, P5).
//
// Under churn almost every watch event is a MODIFIED of a pod the store already holds, and
// most of it is what the store already has: the whole spec, the labels and owners, the
// conditions that did not flip, the container statuses that did not restart. Interning and
// sharing those parts again (slim.ts, intern.ts, share-parts.ts) cost most of ~140 µs per
// event at 50,000 pods. Comparing each part with the stored one and keeping the stored,
// frozen, already shared part instead costs one walk of the new object, and leaves only the
// parts that really changed to intern and share.
//
// A kept part is the previous version's own value, so what views and the analysis memoise
// by identity (a pod's spec, a container status) stays the same object across the update.
type Json = Record<string, unknown>;

/** Levels walked into before whole parts are compared: object → part → field → item. */
const WALK_DEPTH = 3;

function isRecord(value: unknown): value is Json {
  return !!value && typeof value === 'object';
}

/** Structural equality of JSON values. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!isRecord(a) || !isRecord(b)) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  let count = 0;
  for (const key in a) {
    count++;
    if (!Object.prototype.hasOwnProperty.call(b, key) || !jsonEqual(a[key], b[key])) return false;
  }
  for (const _ in b) count--;
  return count === 0;
}

/**
 * `fresh` with every part equal to the same part of `previous` replaced by that part of
 * `previous`. Returns `previous` itself when everything is equal. `fresh` is not modified: a level with
 * a replaced part is copied.
 */
export function carryOver<T>(fresh: T, previous: unknown, depth = WALK_DEPTH): T {
  if (!isRecord(fresh) || !isRecord(previous) || Array.isArray(fresh) !== Array.isArray(previous)) return fresh;
  if (depth === 0) return (jsonEqual(fresh, previous) ? previous : fresh) as T;
  let copy: Json | unknown[] | undefined;
  let allKept = true;
  let count = 0;
  for (const key in fresh) {
    count++;
    const value = (fresh as Json)[key];
    // Not an own property only for keys such as "constructor": then a function, never equal.
    const before = previous[key];
    if (!isRecord(value)) {
      if (value !== before) allKept = false;
      continue;
    }
    const kept = isRecord(before) ? carryOver(value, before, depth - 1) : value;
    if (kept !== before) allKept = false;
    if (kept !== value) {
      copy ??= Array.isArray(fresh) ? [...fresh] : { ...(fresh as Json) };
      (copy as Json)[key] = kept;
    }
  }
  if (allKept) {
    for (const _ in previous) count--;
    if (count === 0) return previous as T;
  }
  return (copy ?? fresh) as T;
}
