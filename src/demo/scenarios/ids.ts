// Deterministic identifiers and timestamps for demo objects. A real cluster's uids, hashes
// and name suffixes are random; the demo's are derived from the object's identity so that
// every run (and every test) sees the same cluster.

/** The alphabet Kubernetes uses for generated name suffixes (no vowels, no look-alikes). */
const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** 32-bit FNV-1a: small, fast, good enough to spread names over ids. */
export function fnv1a(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** `count` pseudo-random 32-bit words derived from a text. */
function words(text: string, count: number): number[] {
  const out: number[] = [];
  let h = fnv1a(text);
  for (let i = 0; i < count; i++) {
    h = fnv1a(`${i}:${text}`, h ^ 0x9e3779b9);
    out.push(h);
  }
  return out;
}

function hex(text: string, length: number): string {
  return words(text, Math.ceil(length / 8))
    .map((w) => w.toString(16).padStart(8, '0'))
    .join('')
    .slice(0, length);
}

/** A version-4-shaped uid stable for one identity, e.g. `uid('Pod/shop/web-…')`. */
export function uid(identity: string): string {
  const h = hex(`uid:${identity}`, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A suffix in the Kubernetes name alphabet: 10 chars for pod-template-hash, 5 for pod names. */
export function nameSuffix(identity: string, length: number): string {
  const ws = words(`sfx:${identity}`, length);
  let out = '';
  for (const w of ws) out += NAME_ALPHABET[w % NAME_ALPHABET.length];
  return out;
}

/** A sha256-looking digest, for imageIDs and containerIDs. */
export function digest(identity: string): string {
  return hex(`sha:${identity}`, 64);
}

/** mulberry32: a tiny seeded PRNG returning floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** RFC 3339 with second precision, as the API server writes metadata timestamps. */
export function rfc3339(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** Seconds in a short duration such as `90s`, `5m`, `3d`, `2h30m`. */
export function seconds(duration: string): number {
  let total = 0;
  const re = /(\d+)([smhd])/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(duration)) !== null) total += Number(m[1]) * UNIT_SECONDS[m[2]];
  return total;
}

/** A clock anchored at `now`: `clock.ago('3d')` and `clock.at(seconds)` give RFC 3339 strings. */
export interface Clock {
  readonly now: Date;
  ago(duration: string | number): string;
  /** The instant `offset` seconds after `base` (an RFC 3339 string). */
  after(base: string, offset: number): string;
}

export function clockAt(now: Date): Clock {
  const nowMs = now.getTime();
  return {
    now,
    ago: (duration) => {
      const s = typeof duration === 'number' ? duration : seconds(duration);
      return rfc3339(new Date(nowMs - s * 1000));
    },
    after: (base, offset) => rfc3339(new Date(Date.parse(base) + offset * 1000)),
  };
}
