// R8 for the store: malformed or partial objects (missing fields, nulls, odd types) never
// make the store, its indexes or its batches throw.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ObjectStore, storeKey } from '../../src/cluster/store.js';
import type { KubeObject, ResourceKind } from '../../src/model/kube.js';

const odd = fc.oneof(fc.constant(null), fc.constant(undefined), fc.integer(), fc.string({ maxLength: 6 }), fc.boolean(), fc.constant([]), fc.constant({}));
const name = fc.oneof(fc.constantFrom('a', 'b', 'c'), odd);
const ownerRef = fc.oneof(odd, fc.record({ uid: fc.oneof(fc.constantFrom('u1', 'u2'), odd), controller: fc.oneof(fc.boolean(), odd), kind: fc.oneof(fc.constant('ReplicaSet'), odd) }, { requiredKeys: [] }));
const metadata = fc.oneof(
  odd,
  fc.record(
    {
      name,
      namespace: fc.oneof(fc.constantFrom('shop', 'data'), odd),
      uid: fc.oneof(fc.constantFrom('u1', 'u2', 'u3'), odd),
      ownerReferences: fc.oneof(odd, fc.array(ownerRef, { maxLength: 3 })),
      labels: fc.oneof(odd, fc.dictionary(fc.string({ maxLength: 3 }), fc.string({ maxLength: 3 }))),
      managedFields: odd,
    },
    { requiredKeys: [] },
  ),
);
const container = fc.oneof(odd, fc.record({ name: fc.oneof(fc.constant('app'), odd), image: fc.oneof(fc.constant('nginx'), odd) }, { requiredKeys: [] }));
const object = fc.record(
  {
    kind: fc.oneof(fc.constantFrom('Pod', 'Event', 'Deployment'), odd),
    metadata,
    spec: fc.oneof(odd, fc.record({ nodeName: fc.oneof(fc.constantFrom('n1', 'n2'), odd), containers: fc.oneof(odd, fc.array(container, { maxLength: 3 })), tolerations: fc.oneof(odd, fc.array(odd, { maxLength: 2 })) }, { requiredKeys: [] })),
    involvedObject: fc.oneof(odd, fc.record({ name, namespace: fc.oneof(fc.constant('shop'), odd), uid: fc.oneof(fc.constant('u1'), odd), kind: fc.oneof(fc.constant('Pod'), odd) }, { requiredKeys: [] })),
  },
  { requiredKeys: [] },
) as fc.Arbitrary<KubeObject>;
const kind = fc.constantFrom<ResourceKind>('pods', 'events', 'deployments', 'nodes');
const op = fc.oneof(
  fc.record({ op: fc.constant('apply' as const), kind, type: fc.constantFrom('ADDED' as const, 'MODIFIED' as const, 'DELETED' as const), obj: fc.oneof(object, odd as fc.Arbitrary<KubeObject>) }),
  fc.record({ op: fc.constant('replace' as const), kind, objs: fc.array(object, { maxLength: 5 }) }),
);

describe('store on malformed input', () => {
  it('never throws, whatever arrives, and its reads stay consistent', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const store = new ObjectStore({ flushMs: 1_000_000 });
        let delivered = 0;
        store.subscribe((b) => (delivered += b.changes.length));
        for (const step of ops) {
          if (step.op === 'apply') store.apply(step.kind, step.type, step.obj);
          else store.replaceAll(step.kind, step.objs);
        }
        store.flush();
        for (const k of ['pods', 'events', 'deployments', 'nodes'] as ResourceKind[]) {
          const all = store.list(k);
          for (const obj of all) {
            store.eventsFor(obj);
            expect(store.get(k, storeKey(obj))).toBe(obj);
          }
          const inNamespaces = store.byNamespace(k, 'shop').length + store.byNamespace(k, 'data').length;
          expect(inNamespaces).toBeLessThanOrEqual(all.length);
          store.byOwner(k, 'u1');
        }
        store.podsOnNode('n1');
        store.eventsFor(undefined as unknown as KubeObject);
        store.eventsFor({ metadata: null } as unknown as KubeObject);
        expect(delivered).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 1_000 },
    );
  });
});

