// The owner chain of a pod (Pod → ReplicaSet → Deployment; Job → CronJob) through the object
// store: the owner a reference names is the object at its namespace and name with its uid,
// and no other object that happens to carry the same uid.
import { describe, expect, it } from 'vitest';
import { ObjectStore } from '../../src/cluster/store.js';
import { ownerChain } from '../../src/analysis/context.js';
import type { KubeObject, ResourceKind } from '../../src/model/kube.js';

type Ref = { kind: string; name: string; uid?: string };

function obj(kind: string, name: string, uid: string, owner?: Ref, ns: string | undefined = 'shop'): KubeObject {
  return {
    kind,
    apiVersion: kind === 'Pod' ? 'v1' : 'apps/v1',
    // A reference without a uid is what one test is about, which the API types do not allow.
    metadata: {
      ...(ns ? { namespace: ns } : {}),
      name,
      uid,
      ...(owner ? { ownerReferences: [{ apiVersion: 'apps/v1', controller: true, ...owner }] } : {}),
    } as KubeObject['metadata'],
    spec: {},
  };
}

function storeWith(objects: [ResourceKind, KubeObject][]): ObjectStore {
  const store = new ObjectStore({ flushMs: 0 });
  for (const [kind, o] of objects) store.apply(kind, 'ADDED', o);
  store.flush();
  return store;
}

const names = (chain: KubeObject[]) => chain.map((o) => `${o.kind}/${o.metadata?.name}`);

describe('ownerChain', () => {
  const deployment = obj('Deployment', 'web', 'd1');
  const replicaSet = obj('ReplicaSet', 'web-5d8f', 'rs1', { kind: 'Deployment', name: 'web', uid: 'd1' });

  it('follows the controller references up to the workload', () => {
    const store = storeWith([['deployments', deployment], ['replicasets', replicaSet]]);
    const pod = obj('Pod', 'web-5d8f-a', 'p1', { kind: 'ReplicaSet', name: 'web-5d8f', uid: 'rs1' });
    expect(names(ownerChain(store, pod))).toEqual(['ReplicaSet/web-5d8f', 'Deployment/web']);
  });

  it('stops at an owner re-created under the same name (another uid), and at a missing one', () => {
    const store = storeWith([['deployments', deployment], ['replicasets', replicaSet]]);
    const stale = obj('Pod', 'web-old-a', 'p2', { kind: 'ReplicaSet', name: 'web-5d8f', uid: 'rs0' });
    expect(ownerChain(store, stale)).toEqual([]);
    const orphan = obj('Pod', 'gone-a', 'p3', { kind: 'ReplicaSet', name: 'gone', uid: 'rs9' });
    expect(ownerChain(store, orphan)).toEqual([]);
  });

  it('finds an owner by name when the reference gives no uid', () => {
    const store = storeWith([['deployments', deployment], ['replicasets', replicaSet]]);
    const pod = obj('Pod', 'web-5d8f-b', 'p4', { kind: 'ReplicaSet', name: 'web-5d8f' });
    expect(names(ownerChain(store, pod))).toEqual(['ReplicaSet/web-5d8f', 'Deployment/web']);
  });

  it('does not take an object with the uid from another name or namespace', () => {
    // A cluster that reports one uid twice: the reference names web-5d8f in shop.
    const twin = obj('ReplicaSet', 'other', 'rs1');
    const elsewhere = obj('ReplicaSet', 'web-5d8f', 'rs1', undefined, 'billing');
    for (const extra of [twin, elsewhere]) {
      const store = storeWith([['deployments', deployment], ['replicasets', replicaSet], ['replicasets', extra]]);
      const pod = obj('Pod', 'web-5d8f-c', 'p5', { kind: 'ReplicaSet', name: 'web-5d8f', uid: 'rs1' });
      expect(names(ownerChain(store, pod))).toEqual(['ReplicaSet/web-5d8f', 'Deployment/web']);
    }
  });

  it('follows a Job to its CronJob', () => {
    const cronJob = obj('CronJob', 'nightly', 'c1');
    const job = obj('Job', 'nightly-28000', 'j1', { kind: 'CronJob', name: 'nightly', uid: 'c1' });
    const store = storeWith([['cronjobs', cronJob], ['jobs', job]]);
    const pod = obj('Pod', 'nightly-28000-x', 'p6', { kind: 'Job', name: 'nightly-28000', uid: 'j1' });
    expect(names(ownerChain(store, pod))).toEqual(['Job/nightly-28000', 'CronJob/nightly']);
  });
});
