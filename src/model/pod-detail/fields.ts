// Safe readers for objects from a cluster. Every pod field may be missing, null or of the
// wrong type (SPEC R8); the pod-detail derivations read through these and never throw.

export type Json = Record<string, unknown>;

/** The value as an object (never an array), or an empty one. */
export function obj(v: unknown): Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {};
}

/** The value as an array of objects; non-object entries are dropped. */
export function objs(v: unknown): Json[] {
  if (!Array.isArray(v)) return [];
  return v.filter((e): e is Json => e !== null && typeof e === 'object' && !Array.isArray(e));
}

/** A non-empty string, or undefined. Numbers are accepted (some fields arrive either way). */
export function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v === '' ? undefined : v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

/** A finite number, or undefined. */
export function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** A non-negative integer such as a restart count; anything else → 0. */
export function count(v: unknown): number {
  const n = num(v);
  return n !== undefined && n >= 0 ? Math.floor(n) : 0;
}

export function bool(v: unknown): boolean | undefined {
  return typeof v === 'boolean' ? v : undefined;
}

/** Strings of an array, other entries dropped. */
export function strs(v: unknown): string[] {
  if (!Array.isArray(v)) return [];
  const out: string[] = [];
  for (const e of v) {
    const s = str(e);
    if (s !== undefined) out.push(s);
  }
  return out;
}
