// The object store: normalised objects, indexes, coalesced batches, resync without ghosts.
import { describe, expect, it } from 'vitest';
import { ObjectStore } from '../../src/cluster/store.js';
import type { KubeObject } from '../../src/model/kube.js';
import type { ChangeBatch } from '../../src/model/store-view.js';

function pod(ns: string, name: string, extra: { node?: string; owner?: string; uid?: string; rv?: string } = {}): KubeObject {
  return {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: {
      namespace: ns,
      name,
      uid: extra.uid ?? `uid-${ns}-${name}`,
      resourceVersion: extra.rv ?? '1',
      managedFields: [{ manager: 'kubectl', operation: 'Update' }],
      ownerReferences: extra.owner ? [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: extra.owner, controller: true }] : undefined,
    },
    spec: { nodeName: extra.node },
  };
}

function event(ns: string, name: string, involved: { kind: string; name: string; uid?: string }): KubeObject {
  return { kind: 'Event', metadata: { namespace: ns, name }, involvedObject: { ...involved, namespace: ns }, reason: 'Unhealthy' };
}

describe('ObjectStore', () => {
  it('drops managedFields, freezes objects and does not touch the input', () => {
    const store = new ObjectStore();
    const input = pod('shop', 'web-1');
    store.apply('pods', 'ADDED', input);
    const stored = store.get('pods', 'shop/web-1')!;
    expect(stored.metadata).not.toHaveProperty('managedFields');
    expect(input.metadata).toHaveProperty('managedFields');
    expect(Object.isFrozen(stored)).toBe(true);
    expect(Object.isFrozen(stored.metadata)).toBe(true);
  });

  it("keeps each owner's objects current through updates, moves, deletions and a relist, without changing a list already handed out", () => {
    const store = new ObjectStore();
    store.apply('pods', 'ADDED', pod('shop', 'a', { owner: 'rs-1' }));
    store.apply('pods', 'ADDED', pod('shop', 'b', { owner: 'rs-1' }));
    const before = store.byOwner('pods', 'rs-1');
    store.apply('pods', 'MODIFIED', pod('shop', 'a', { owner: 'rs-1', rv: '2' }));
    const after = store.byOwner('pods', 'rs-1');
    expect(after.map((p) => [p.metadata?.name, p.metadata?.resourceVersion])).toEqual([['a', '2'], ['b', '1']]);
    expect(after[0]).toBe(store.get('pods', 'shop/a'));
    expect(before.map((p) => p.metadata?.resourceVersion)).toEqual(['1', '1']); // the old list is as it was
    store.apply('pods', 'MODIFIED', pod('shop', 'b', { owner: 'rs-2' }));
    expect(store.byOwner('pods', 'rs-1').map((p) => p.metadata?.name)).toEqual(['a']);
    expect(store.byOwner('pods', 'rs-2').map((p) => p.metadata?.name)).toEqual(['b']);
    // Two references to one owner list the pod once, and a deletion takes it out.
    const twice = pod('shop', 'c', { owner: 'rs-2' });
    twice.metadata!.ownerReferences = [...twice.metadata!.ownerReferences!, { ...twice.metadata!.ownerReferences![0]!, controller: false }];
    store.apply('pods', 'ADDED', twice);
    expect(store.byOwner('pods', 'rs-2').map((p) => p.metadata?.name)).toEqual(['b', 'c']);
    store.apply('pods', 'DELETED', pod('shop', 'c'));
    expect(store.byOwner('pods', 'rs-2').map((p) => p.metadata?.name)).toEqual(['b']);
    // A relist without b sweeps it from its owner too.
    store.replaceAll('pods', [pod('shop', 'a', { owner: 'rs-1', rv: '2' })]);
    expect(store.byOwner('pods', 'rs-2')).toEqual([]);
    expect(store.byOwner('pods', 'rs-1').map((p) => p.metadata?.name)).toEqual(['a']);
  });

  it('indexes by namespace, node, owner and events by involved object', () => {
    const store = new ObjectStore();
    store.apply('pods', 'ADDED', pod('shop', 'a', { node: 'n1', owner: 'rs-1' }));
    store.apply('pods', 'ADDED', pod('shop', 'b', { node: 'n2', owner: 'rs-1' }));
    store.apply('pods', 'ADDED', pod('data', 'c', { node: 'n1' }));
    expect(store.byNamespace('pods', 'shop').map((p) => p.metadata?.name).sort()).toEqual(['a', 'b']);
    expect(store.podsOnNode('n1').map((p) => p.metadata?.name).sort()).toEqual(['a', 'c']);
    expect(store.byOwner('pods', 'rs-1')).toHaveLength(2);
    // moving a pod to another node updates the node index
    store.apply('pods', 'MODIFIED', pod('shop', 'a', { node: 'n2', owner: 'rs-1' }));
    expect(store.podsOnNode('n1').map((p) => p.metadata?.name)).toEqual(['c']);
    store.apply('pods', 'DELETED', pod('shop', 'b'));
    expect(store.byOwner('pods', 'rs-1').map((p) => p.metadata?.name)).toEqual(['a']);
    expect(store.podsOnNode('n2').map((p) => p.metadata?.name)).toEqual(['a']);

    store.apply('events', 'ADDED', event('shop', 'e1', { kind: 'Pod', name: 'a', uid: 'uid-shop-a' }));
    store.apply('events', 'ADDED', event('shop', 'e2', { kind: 'Pod', name: 'a', uid: 'uid-of-an-older-a' }));
    store.apply('events', 'ADDED', event('shop', 'e3', { kind: 'Deployment', name: 'a' }));
    expect(store.eventsFor(store.get('pods', 'shop/a')!).map((e) => e.metadata?.name)).toEqual(['e1']);
    expect(store.eventsFor({ kind: 'Deployment', metadata: { namespace: 'shop', name: 'a' } }).map((e) => e.metadata?.name)).toEqual(['e3']);
  });

  it('coalesces changes into one batch per flush, with the net effect', () => {
    const store = new ObjectStore({ flushMs: 10_000 });
    const batches: ChangeBatch[] = [];
    store.subscribe((b) => batches.push(b));
    for (let i = 0; i < 100; i++) store.apply('pods', 'MODIFIED', pod('shop', 'web', { rv: String(i) }));
    store.apply('pods', 'ADDED', pod('shop', 'gone'));
    store.apply('pods', 'DELETED', pod('shop', 'gone'));
    store.setState('pods', { phase: 'live', since: 1 });
    expect(batches).toHaveLength(0);
    store.flush();
    expect(batches).toHaveLength(1);
    const [batch] = batches;
    expect(batch.version).toBe(1);
    expect(store.version).toBe(1);
    expect(batch.changes).toHaveLength(1);
    expect(batch.changes[0]).toMatchObject({ kind: 'pods', type: 'ADDED', key: 'shop/web' });
    expect(batch.changes[0].object.metadata?.resourceVersion).toBe('99');
    expect(batch.states).toEqual(['pods']);
    store.flush();
    expect(batches).toHaveLength(1);
  });

  it('delivers on its own timer', async () => {
    const store = new ObjectStore({ flushMs: 20 });
    const got = new Promise<ChangeBatch>((resolve) => store.subscribe(resolve));
    store.apply('pods', 'ADDED', pod('shop', 'x'));
    const batch = await got;
    expect(batch.changes.map((c) => c.key)).toEqual(['shop/x']);
  });

  it("delivers a kind's first page at once, and coalesces on the timer after that", async () => {
    const store = new ObjectStore({ flushMs: 60_000 });
    const batches: ChangeBatch[] = [];
    store.subscribe((b) => batches.push(b));
    store.beginResync('pods');
    for (let i = 0; i < 250; i++) store.apply('pods', 'ADDED', pod('shop', `p${i}`));
    await new Promise((r) => setImmediate(r));
    expect(batches).toHaveLength(1); // the whole first page in one batch, not after 60 s
    expect(batches[0].changes).toHaveLength(250);

    store.apply('pods', 'ADDED', pod('shop', 'later'));
    await new Promise((r) => setTimeout(r, 20));
    expect(batches).toHaveLength(1); // later changes wait for the timer
    store.flush();
    expect(batches).toHaveLength(2);

    store.clear('pods'); // a namespace or context switch: the next first page is urgent again
    store.flush();
    store.apply('pods', 'ADDED', pod('data', 'q'));
    await new Promise((r) => setImmediate(r));
    expect(batches.at(-1)!.changes.map((c) => c.key)).toEqual(['data/q']);
  });

  it('replaceAll leaves exactly the new set and flags a resync', () => {
    const store = new ObjectStore();
    store.apply('pods', 'ADDED', pod('shop', 'old'));
    store.apply('pods', 'ADDED', pod('shop', 'kept', { rv: '1' }));
    store.flush();
    const batches: ChangeBatch[] = [];
    store.subscribe((b) => batches.push(b));
    store.replaceAll('pods', [pod('shop', 'kept', { rv: '2' }), pod('shop', 'new')]);
    store.flush();
    expect(store.list('pods').map((p) => p.metadata?.name).sort()).toEqual(['kept', 'new']);
    expect(store.get('pods', 'shop/kept')?.metadata?.resourceVersion).toBe('2');
    expect(batches[0].resync).toEqual(['pods']);
    expect(batches[0].changes.find((c) => c.key === 'shop/old')?.type).toBe('DELETED');
  });

  it('a paged resync keeps old objects visible until it ends, then sweeps the unseen', () => {
    const store = new ObjectStore();
    store.replaceAll('pods', [pod('a', '1'), pod('a', '2'), pod('a', '3')]);
    store.beginResync('pods');
    store.apply('pods', 'ADDED', pod('a', '1'));
    expect(store.list('pods')).toHaveLength(3);
    store.apply('pods', 'ADDED', pod('a', '4'));
    store.endResync('pods');
    expect(store.list('pods').map((p) => p.metadata?.name).sort()).toEqual(['1', '4']);
  });

  it('list() is cached until a change, and unknown kinds read empty', () => {
    const store = new ObjectStore({ kinds: ['pods'] });
    store.apply('pods', 'ADDED', pod('a', '1'));
    const first = store.list('pods');
    expect(store.list('pods')).toBe(first);
    store.apply('pods', 'ADDED', pod('a', '2'));
    expect(store.list('pods')).not.toBe(first);
    expect(store.list('nodes')).toEqual([]);
    expect(store.state('nodes')).toEqual({ phase: 'idle' });
    expect(store.kinds()).toEqual(['pods']);
  });

  it('a throwing listener does not stop the others', () => {
    const store = new ObjectStore();
    let seen = 0;
    store.subscribe(() => {
      throw new Error('listener bug');
    });
    store.subscribe(() => seen++);
    store.apply('pods', 'ADDED', pod('a', '1'));
    store.flush();
    expect(seen).toBe(1);
  });

  it('tolerates objects without metadata', () => {
    const store = new ObjectStore();
    store.apply('pods', 'ADDED', { kind: 'Pod' });
    store.apply('events', 'ADDED', { involvedObject: null } as unknown as KubeObject);
    expect(store.list('pods')).toHaveLength(1);
  });
});

describe('sharing identical parts of objects', () => {
  const containers = () => [{ name: 'app', image: 'nginx:1.27', env: [{ name: 'A', value: '1' }], ports: [{ containerPort: 80 }] }];
  function sibling(name: string, image = 'nginx:1.27', owner = 'rs-1'): KubeObject {
    const c = containers();
    c[0].image = image;
    return {
      kind: 'Pod',
      metadata: { namespace: 'shop', name, labels: { app: 'web' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: owner, controller: true }] },
      spec: { nodeName: name, containers: c, tolerations: [{ key: 'k', operator: 'Exists' }] },
    };
  }

  it('stores equal containers, tolerations and labels once, and keeps differences', () => {
    const store = new ObjectStore();
    const inputB = sibling('b');
    store.apply('pods', 'ADDED', sibling('a'));
    store.apply('pods', 'ADDED', inputB);
    store.apply('pods', 'ADDED', sibling('c', 'nginx:1.28'));
    store.apply('pods', 'ADDED', sibling('d', 'nginx:1.27', 'rs-2'));
    const spec = (name: string) => store.get('pods', `shop/${name}`)!.spec as { containers: unknown; tolerations: unknown; nodeName: string };
    expect(spec('b').containers).toBe(spec('a').containers);
    expect(spec('b').tolerations).toBe(spec('a').tolerations);
    expect(store.get('pods', 'shop/b')!.metadata!.labels).toBe(store.get('pods', 'shop/a')!.metadata!.labels);
    expect(spec('b').nodeName).toBe('b');
    expect(spec('c').containers).not.toBe(spec('a').containers);
    expect((spec('c').containers as { image: string }[])[0].image).toBe('nginx:1.28');
    expect(spec('d').containers).toBe(spec('a').containers); // equal content, whoever the owner
    expect(store.get('pods', 'shop/d')!.metadata!.ownerReferences).not.toBe(store.get('pods', 'shop/a')!.metadata!.ownerReferences);
    // The store took its input over: the shared part was written into it, no copy was made.
    expect(store.get('pods', 'shop/b')!.spec).toBe(inputB.spec);
    expect((inputB.spec as { containers: unknown }).containers).toBe(spec('a').containers);
    expect(Object.isFrozen(spec('a').containers)).toBe(true);
  });

  it('an update built from a stored (frozen) object is copied where it needs a shared part, not written', () => {
    const store = new ObjectStore();
    store.apply('pods', 'ADDED', sibling('a'));
    const stored = store.get('pods', 'shop/a')!;
    // A new object around the stored, frozen parts, with one of them replaced by a fresh equal copy.
    const update = { ...stored, metadata: { ...stored.metadata, resourceVersion: '2', labels: { app: 'web' } } };
    expect(() => store.apply('pods', 'MODIFIED', update)).not.toThrow();
    const after = store.get('pods', 'shop/a')!;
    expect(after.metadata!.resourceVersion).toBe('2');
    expect(after.metadata!.labels).toBe(stored.metadata!.labels);
    expect(after.spec).toBe(stored.spec);
  });

  it("shares a pod's containers with its controller's pod template", () => {
    const store = new ObjectStore();
    const template = { metadata: { labels: { app: 'web' } }, spec: { containers: containers() } };
    store.apply('replicasets', 'ADDED', { kind: 'ReplicaSet', metadata: { namespace: 'shop', name: 'rs', uid: 'rs-1' }, spec: { replicas: 2, template } });
    store.apply('pods', 'ADDED', sibling('a'));
    const rs = store.get('replicasets', 'shop/rs')!.spec as { template: { spec: { containers: unknown } } };
    expect((store.get('pods', 'shop/a')!.spec as { containers: unknown }).containers).toBe(rs.template.spec.containers);
    expect(template.spec.containers).toBe(rs.template.spec.containers); // the first copy is the shared one
  });
});
