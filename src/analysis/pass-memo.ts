// Memos that last one analysis pass. The readers of pod parts (pod-helpers.ts, roles.ts,
// template-key.ts, replicas-same-node) remember their answers per frozen store object, so
// the replicas of a workload are read once. Held past the pass, those answers stayed alive
// as long as the store objects did: measured at 50,027 pods, about 20 MB of the analysis's
// retained heap was these module-level WeakMaps, for answers nobody would ask again until
// the objects changed. The live analysis ends each walk over every pod with endPass(), which
// drops them all; the next pass fills them again for what it reads (a change re-analyses
// only the changed pods, so that is little). Dropping a memo never changes an answer.

/** Every PassMemo made: endPass() empties them together. Module-level memos only, so a fixed few. */
const memos: PassMemo<object, unknown>[] = [];

/** A WeakMap that endPass() empties. */
export class PassMemo<K extends object, V> {
  private map = new WeakMap<K, V>();

  constructor() {
    memos.push(this as unknown as PassMemo<object, unknown>);
  }

  get(key: K): V | undefined {
    return this.map.get(key);
  }

  has(key: K): boolean {
    return this.map.has(key);
  }

  set(key: K, value: V): this {
    this.map.set(key, value);
    return this;
  }

  /** A WeakMap has no clear(): a new one, the old one's entries go with it. */
  clear(): void {
    this.map = new WeakMap();
  }
}

/** The end of a pass over every pod: the per-object memos go. */
export function endPass(): void {
  for (let i = 0; i < memos.length; i++) memos[i].clear();
}
