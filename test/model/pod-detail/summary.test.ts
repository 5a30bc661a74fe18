import { describe, expect, it } from 'vitest';
import { ObjectStore } from '../../../src/cluster/store.js';
import { podSummary, deriveQos } from '../../../src/model/pod-detail/summary.js';
import { ownerChain } from '../../../src/model/pod-detail/owner-chain.js';
import type { KubeObject, Pod } from '../../../src/model/kube.js';
import { iso, NOW, portClashPod } from './fixtures.js';

const deployment: KubeObject = { kind: 'Deployment', metadata: { name: 'api', namespace: 'shop', uid: 'd1' } };
const replicaSet: KubeObject = {
  kind: 'ReplicaSet',
  metadata: { name: 'api-7f9c', namespace: 'shop', uid: 'r1', ownerReferences: [{ kind: 'Deployment', name: 'api', uid: 'd1', controller: true, apiVersion: 'apps/v1' }] },
};
const pod = {
  metadata: {
    name: 'api-7f9c-abcde', namespace: 'shop', uid: 'p1', creationTimestamp: iso(7200),
    labels: { 'pod-template-hash': '7f9c', app: 'api' },
    ownerReferences: [{ kind: 'ReplicaSet', name: 'api-7f9c', uid: 'r1', controller: true, apiVersion: 'apps/v1' }],
  },
  spec: { nodeName: 'node-a', containers: [{ name: 'a', resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '0.1', memory: '64Mi' } } }] },
  status: { phase: 'Running', hostIP: '192.168.0.2', podIP: '10.0.0.9', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: iso(300) }] },
} as Pod;

function store(...objs: [string, KubeObject][]): ObjectStore {
  const s = new ObjectStore({ flushMs: 0 });
  for (const [kind, o] of objs) s.apply(kind as 'pods', 'ADDED', o);
  return s;
}

describe('podSummary', () => {
  it('gives phase, node, IPs, QoS, conditions with age and the owner chain', () => {
    const s = podSummary(pod, store(['replicasets', replicaSet], ['deployments', deployment]), NOW);
    expect(s.key).toBe('shop/api-7f9c-abcde');
    expect(s.phase).toBe('Running');
    expect(s.node).toBe('node-a');
    expect(s.podIPs).toEqual(['10.0.0.9']);
    expect(s.hostIP).toBe('192.168.0.2');
    expect(s.qos).toBe('Guaranteed');
    expect(s.qosDerived).toBe(true);
    expect(s.age).toBe('120m');
    expect(s.conditions).toEqual([{ type: 'Ready', status: 'True', reason: undefined, message: undefined, lastTransitionTime: iso(300), age: '5m' }]);
    expect(s.owners.map((o) => `${o.kind}/${o.name}:${o.missing}`)).toEqual(['ReplicaSet/api-7f9c:false', 'Deployment/api:false']);
  });

  it('shows a missing ReplicaSet and still finds the Deployment by the template hash', () => {
    const chain = ownerChain(pod, store(['deployments', deployment]));
    expect(chain.map((o) => `${o.kind}/${o.name}:${o.missing}:${o.inferred ?? false}`)).toEqual([
      'ReplicaSet/api-7f9c:true:false',
      'Deployment/api:false:true',
    ]);
  });

  it('treats an owner with the same name but another uid as missing', () => {
    const other = { ...replicaSet, metadata: { ...replicaSet.metadata, uid: 'r2' } };
    expect(ownerChain(pod, store(['replicasets', other]))[0].missing).toBe(true);
  });

  it('has no owners for a bare pod', () => {
    expect(podSummary(portClashPod(), store(), NOW).owners).toEqual([]);
  });

  it('derives Burstable and BestEffort', () => {
    expect(deriveQos({ containers: [{ resources: { requests: { cpu: '100m' } } }] })).toBe('Burstable');
    expect(deriveQos({ containers: [{}] })).toBe('BestEffort');
  });
});
