// Objects into an ObjectStore as the reflectors put them there, for analysis tests.
import { ObjectStore } from '../../src/cluster/store.js';
import { resourceForKind } from '../../src/model/kinds.js';
import type { KubeObject, ResourceKind } from '../../src/model/kube.js';

/** A store holding fresh copies of `objects` (as parsed from the wire), by kind, flushed. */
export function storeOf(objects: readonly KubeObject[]): ObjectStore {
  const byKind = new Map<ResourceKind, KubeObject[]>();
  for (const o of objects) {
    const r = resourceForKind(o.kind);
    if (!r) continue;
    let list = byKind.get(r);
    if (!list) byKind.set(r, (list = []));
    list.push(JSON.parse(JSON.stringify(o)) as KubeObject);
  }
  const store = new ObjectStore({ flushMs: 0, kinds: [...byKind.keys()] });
  for (const [kind, items] of byKind) store.replaceAll(kind, items);
  store.flush();
  return store;
}
