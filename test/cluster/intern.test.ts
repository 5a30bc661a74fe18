// Parts shared across kinds by the store's ContentInterner.
import { describe, expect, it } from 'vitest';
import { ObjectStore } from '../../src/cluster/store.js';
import { testPod } from './fixtures.js';

describe('ContentInterner', () => {
  it("shares a pod's labels with the copy its metrics carry, and keeps both equal to what was given", () => {
    const store = new ObjectStore({ flushMs: 0 });
    const labels = { app: 'checkout', 'pod-template-hash': '7d9f8c6b5', team: 'payments' };
    store.apply('pods', 'ADDED', testPod('shop', 'checkout-1', 'node-1', { metadata: { namespace: 'shop', name: 'checkout-1', labels: { ...labels } } }));
    const metrics = {
      kind: 'PodMetrics',
      metadata: { namespace: 'shop', name: 'checkout-1', labels: { ...labels } },
      containers: [{ name: 'app', usage: { cpu: '1m', memory: '10Mi' } }],
    };
    store.apply('podmetrics', 'ADDED', structuredClone(metrics));
    const pod = store.get('pods', 'shop/checkout-1')!;
    const stored = store.get('podmetrics', 'shop/checkout-1')!;
    expect(stored.metadata?.labels).toBe(pod.metadata?.labels);
    expect(stored).toEqual(metrics);
  });

  it("makes a ReplicaSet's labels, selector and template labels one object, and keeps it equal to what was given", () => {
    const store = new ObjectStore({ flushMs: 0 });
    const labels = { app: 'checkout', 'pod-template-hash': '7d9f8c6b5' };
    const rs = {
      kind: 'ReplicaSet',
      metadata: { namespace: 'shop', name: 'checkout-7d9f8c6b5', labels: { ...labels } },
      spec: { replicas: 2, selector: { matchLabels: { ...labels } }, template: { metadata: { labels: { ...labels } }, spec: { containers: [{ name: 'app', image: 'checkout:1' }] } } },
    };
    store.apply('replicasets', 'ADDED', structuredClone(rs));
    const stored = store.get('replicasets', 'shop/checkout-7d9f8c6b5')!;
    const spec = stored.spec as typeof rs.spec;
    expect(spec.selector.matchLabels).toBe(stored.metadata?.labels);
    expect(spec.template.metadata.labels).toBe(stored.metadata?.labels);
    expect(stored).toEqual(rs);
  });
});
