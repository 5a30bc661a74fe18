// Where the store writes a shared part into a pod's spec or metadata: into the object itself
// when it is the caller's fresh one (not frozen), into a copy when it is frozen (a part the
// store already holds).
//
// Why not always a copy: the spread that made it runs on specs and metadata of every kind,
// so V8's object-clone cache there goes megamorphic, and a copy gets 4 in-object slots plus a
// separate property array for the rest instead of the source's layout. Measured at 50,027
// pods: the synced store 74.8 → 71.8 MB (test/cluster/ingest-bench.ts), and no copy per pod
// left as garbage during the sync.
//
// Not used for statuses: slim.ts deletes each container status's containerID, which leaves
// that object in dictionary mode, and a copy is what turns it back into a compact one (in
// place, the store grew by 5.5 MB, and by 12 MB after 10 s of churn).
export function editable<T extends object>(value: T): T {
  if (!Object.isFrozen(value)) return value;
  return (Array.isArray(value) ? [...value] : { ...value }) as T;
}
