// Memos that last one analysis pass. The readers of pod parts (pod-helpers.ts, roles.ts,
// replicas-same-node) remember their answers per frozen store object, so the replicas of a
// workload are read once. Held past the pass, those answers stayed alive as long as the
// store objects did: measured at 50,027 pods, about 20 MB of the analysis's retained heap
// was these module-level WeakMaps, for answers nobody would ask again until the objects
// changed. The live analysis calls endPass() at the end of each walk over every pod
// (summary, all), every 512 pods of one (live.ts, MEMO_SPAN) and at each store batch, which
// drops them all; the next pass fills them again for what it reads (a change re-analyses
// only the changed pods, so that is little). Dropping a memo never changes an answer.
//
// A Map, not a WeakMap: within a pass every key is alive anyway, and WeakMap (ephemeron)
// lookups and the GC's work on them cost a cold pass of 50,027 pods about 150 ms of CPU
// (measured with --cpu-prof: PassMemo get/has/set 940 ms over 6 passes). A Map holds its keys
// strongly: an object leaves the store only in a batch, which ends the pass, so no memo
// outlives its object by more than that; and each memo is bounded, so a caller that never
// ends a pass (one-shot manifest analysis, a test) cannot grow it without end.

/** Every PassMemo made: endPass() empties them together. Module-level memos only, so a fixed few. */
const memos: PassMemo<object, unknown>[] = [];

/** Past this many entries a memo starts over (a pass over 50,027 pods fills the largest with 18,622). */
const MAX_ENTRIES = 200_000;

/** A memo that endPass() empties. */
export class PassMemo<K extends object, V> {
  private readonly map = new Map<K, V>();

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
    if (this.map.size >= MAX_ENTRIES) this.map.clear();
    this.map.set(key, value);
    return this;
  }

  clear(): void {
    this.map.clear();
  }
}

/** The end of a pass over every pod: the per-object memos go. */
export function endPass(): void {
  for (let i = 0; i < memos.length; i++) memos[i].clear();
}
