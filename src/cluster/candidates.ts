// The lookup table behind ContentInterner and PartSharer: a key → the few values seen under it.
//
// Most keys have one value (at 50,027 generated pods: 131,610 of 153,422 part keys, 43,118 of
// 45,200 signatures). Holding each as a one-element array cost an array per key, and an array
// that grew by push() keeps room for 17 elements: ~175 bytes per key, 35 MB of the store's
// 134 MB. Here a lone value is held as it is, and only keys with several values get an
// array, sized exactly.
export class CandidateTable<K> {
  private readonly single = new Map<K, object>();
  private readonly several = new Map<K, readonly object[]>();

  constructor(
    /** Keys kept at most; the table is cleared when full (stored values stay valid, only unshared). */
    private readonly maxKeys: number,
    /** Values kept per key, newest last. */
    private readonly perKey: number,
  ) {}

  get size(): number {
    return this.single.size + this.several.size;
  }

  /** The first value under `key` that `matches`, else undefined. */
  find(key: K, matches: (candidate: object) => boolean): object | undefined {
    const one = this.single.get(key);
    if (one !== undefined) return matches(one) ? one : undefined;
    const many = this.several.get(key);
    if (many) for (const candidate of many) if (matches(candidate)) return candidate;
    return undefined;
  }

  /** Adds `value` under `key`, dropping the oldest when the key is full. */
  add(key: K, value: object): void {
    const one = this.single.get(key);
    if (one !== undefined) {
      this.single.delete(key);
      this.several.set(key, this.perKey > 1 ? [one, value] : [value]);
      return;
    }
    const many = this.several.get(key);
    if (many) {
      const kept = many.length >= this.perKey ? many.slice(many.length - this.perKey + 1) : many;
      this.several.set(key, [...kept, value]);
      return;
    }
    if (this.size >= this.maxKeys) this.clear();
    this.single.set(key, value);
  }

  clear(): void {
    this.single.clear();
    this.several.clear();
  }
}
