// Pod status parts shared across pods (src/cluster/share-parts.ts): equal parts become one
// frozen value, unequal ones never do, and the stored pod still equals the pod as given.
import { describe, expect, it } from 'vitest';
import { PartSharer } from '../../src/cluster/share-parts.js';
import { ObjectStore } from '../../src/cluster/store.js';
import { parseWatchLine } from '../../src/cluster/api.js';
import type { KubeObject } from '../../src/model/kube.js';

function status(ready: string, startedAt: string, restarts = 0): Record<string, unknown> {
  return {
    phase: 'Running',
    podIP: `10.244.0.${restarts + 1}`,
    podIPs: [{ ip: `10.244.0.${restarts + 1}` }],
    hostIP: '192.168.50.2',
    hostIPs: [{ ip: '192.168.50.2' }],
    conditions: [
      { type: 'Ready', status: ready, lastProbeTime: null, lastTransitionTime: '2026-10-22T15:40:49Z' },
      { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: '2026-10-22T15:40:40Z' },
    ],
    containerStatuses: [
      { name: 'app', image: 'nginx:1.27', ready: ready === 'True', restartCount: restarts, state: { running: { startedAt } }, lastState: {} },
    ],
  };
}

function pod(name: string, st: Record<string, unknown>): KubeObject {
  return { kind: 'Pod', apiVersion: 'v1', metadata: { namespace: 'shop', name }, spec: { containers: [] }, status: st };
}

type Shape = { conditions: object[]; containerStatuses: { state: object; lastState: object }[]; hostIPs: object[]; podIPs: object[] };

describe('PartSharer', () => {
  it('makes equal parts of different pods one frozen value and leaves the pods equal to what was given', () => {
    const store = new ObjectStore({ flushMs: 0 });
    const given = [pod('web-1', status('True', '2026-10-22T15:40:45Z')), pod('web-2', status('True', '2026-10-22T15:40:45Z'))];
    for (const p of given) store.apply('pods', 'ADDED', structuredClone(p));
    const [a, b] = ['shop/web-1', 'shop/web-2'].map((k) => store.get('pods', k)!.status as unknown as Shape);
    expect(a!.conditions).toBe(b!.conditions);
    expect(a!.containerStatuses).toBe(b!.containerStatuses);
    expect(a!.hostIPs).toBe(b!.hostIPs);
    expect(Object.isFrozen(a!.conditions[0])).toBe(true);
    // podIPs are unique per pod: never looked up, never shared.
    expect(a!.podIPs).not.toBe(b!.podIPs);
    expect(store.get('pods', 'shop/web-1')).toEqual(given[0]);
    expect(store.get('pods', 'shop/web-2')).toEqual(given[1]);
  });

  it('shares the equal conditions of two pods that differ in one, and never shares unequal parts', () => {
    const sharer = new PartSharer();
    const ready = sharer.share(status('True', '2026-10-22T15:40:45Z')) as Shape;
    const notReady = sharer.share(status('False', '2026-10-22T15:40:45Z', 3)) as Shape;
    expect(ready.conditions).not.toBe(notReady.conditions);
    expect(ready.conditions[0]).not.toBe(notReady.conditions[0]);
    expect(ready.conditions[1]).toBe(notReady.conditions[1]); // PodScheduled is the same
    expect(ready.containerStatuses[0]!.state).toBe(notReady.containerStatuses[0]!.state); // same start
    expect(ready.containerStatuses[0]).not.toBe(notReady.containerStatuses[0]); // other restart count
    expect(notReady.conditions[0]).toEqual({ type: 'Ready', status: 'False', lastProbeTime: null, lastTransitionTime: '2026-10-22T15:40:49Z' });
    // A part with one more field is another value.
    const wider = sharer.share({ hostIPs: [{ ip: '192.168.50.2', extra: 'x' }] }) as Shape;
    expect(wider.hostIPs).not.toBe(ready.hostIPs);
  });

  it('does not modify a status it cannot use (odd input)', () => {
    const sharer = new PartSharer();
    for (const odd of [null, undefined, 'Running', 42, [], { conditions: 'none' }, { conditions: [null, 3, 'x', [[]]] }]) {
      const before = JSON.stringify(odd);
      expect(JSON.stringify(sharer.share(odd))).toBe(before);
    }
  });

  it("shares the service-account volume's projected source across pods whose volume names differ", () => {
    const store = new ObjectStore({ flushMs: 0 });
    const projected = { defaultMode: 420, sources: [{ serviceAccountToken: { expirationSeconds: 3607, path: 'token' } }, { configMap: { name: 'kube-root-ca.crt' } }] };
    const withVolume = (name: string, suffix: string): KubeObject => ({
      kind: 'Pod',
      metadata: { namespace: 'shop', name },
      spec: { volumes: [{ name: `kube-api-access-${suffix}`, projected: structuredClone(projected) }], containers: [{ name: 'app', image: `img-${suffix}` }] },
    });
    const given = [withVolume('web-1', 'abcde'), withVolume('api-1', 'fghij')];
    for (const p of given) store.apply('pods', 'ADDED', structuredClone(p));
    const volumes = ['shop/web-1', 'shop/api-1'].map((k) => (store.get('pods', k)!.spec as { volumes: { projected: object }[] }).volumes);
    expect(volumes[0]).not.toBe(volumes[1]);
    expect(volumes[0]![0]!.projected).toBe(volumes[1]![0]!.projected);
    expect(store.get('pods', 'shop/web-1')).toEqual(given[0]);
    expect(store.get('pods', 'shop/api-1')).toEqual(given[1]);
  });
});

describe('an update of a pod the store holds', () => {
  it("makes the changed container statuses the pod's own, frozen and equal to what was given, keeps the unchanged ones, and still shares conditions", () => {
    const store = new ObjectStore({ flushMs: 0 });
    // Two replicas started together: their container statuses are one shared value.
    for (const name of ['web-1', 'web-2']) store.apply('pods', 'ADDED', pod(name, status('True', '2026-10-22T15:40:45Z')));
    const before = store.get('pods', 'shop/web-2')!.status as unknown as Shape;
    // Both restart in the same second and go unready alike: equal new statuses, equal new conditions.
    const restarted = () => pod('web-1', status('False', '2026-10-22T16:00:00Z', 1));
    store.apply('pods', 'MODIFIED', restarted());
    store.apply('pods', 'MODIFIED', { ...restarted(), metadata: { namespace: 'shop', name: 'web-2' } });
    const [a, b] = ['shop/web-1', 'shop/web-2'].map((k) => store.get('pods', k)!.status as unknown as Shape);
    expect(store.get('pods', 'shop/web-1')).toEqual(restarted());
    expect(a!.containerStatuses).not.toBe(b!.containerStatuses);
    expect(a!.containerStatuses[0]).not.toBe(b!.containerStatuses[0]);
    expect(Object.isFrozen(a!.containerStatuses) && Object.isFrozen(a!.containerStatuses[0]) && Object.isFrozen(a!.containerStatuses[0]!.state)).toBe(true);
    expect(a!.conditions[0]).toBe(b!.conditions[0]);
    expect(a!.hostIPs).toBe(before.hostIPs);
    store.close();
  });

  it('drops the container IDs of an update as of a listed pod, and leaves statuses it cannot use as they are', () => {
    const store = new ObjectStore({ flushMs: 0 });
    store.apply('pods', 'ADDED', pod('web-1', status('True', '2026-10-22T15:40:45Z')));
    const withIds = pod('web-1', status('True', '2026-10-22T16:00:00Z', 1));
    const statuses = (withIds.status as { containerStatuses: Record<string, unknown>[] }).containerStatuses;
    statuses[0]!.containerID = 'containerd://abc';
    store.apply('pods', 'MODIFIED', parseWatchLine('pods', JSON.stringify({ type: 'MODIFIED', object: withIds }))!.object);
    expect(store.get('pods', 'shop/web-1')).toEqual(pod('web-1', status('True', '2026-10-22T16:00:00Z', 1)));
    for (const odd of [null, 'x', [], { containerStatuses: 'none' }, { containerStatuses: [null, 3, 'x', [[]]] }]) {
      store.apply('pods', 'MODIFIED', { ...pod('web-1', {}), status: structuredClone(odd) as Record<string, unknown> });
      expect(store.get('pods', 'shop/web-1')!.status).toEqual(odd);
    }
    store.close();
  });
});

describe('a pod’s own claim', () => {
  const volumes = (claim: string) => [
    { name: 'data', persistentVolumeClaim: { claimName: claim } },
    { name: 'config', configMap: { name: 'web-config-and-settings' } },
  ];

  it('stays equal to what was given and frozen, its neighbours are still shared, and equal claims stay equal', () => {
    const sharer = new PartSharer();
    const a = sharer.shareTree(structuredClone(volumes('data-web-0'))) as ReturnType<typeof volumes>;
    const b = sharer.shareTree(structuredClone(volumes('data-web-1'))) as ReturnType<typeof volumes>;
    const c = sharer.shareTree(structuredClone(volumes('data-web-1'))) as ReturnType<typeof volumes>;
    expect(a).toEqual(volumes('data-web-0'));
    expect(b).toEqual(volumes('data-web-1'));
    expect(c).toEqual(b);
    expect(Object.isFrozen(a) && Object.isFrozen(a[0]) && Object.isFrozen(a[0]!.persistentVolumeClaim)).toBe(true);
    expect(b[1]).toBe(a[1]); // the config volume is one shared object
    expect(b[0]).not.toBe(a[0]);
  });

  it('is replaced by an update in the store', () => {
    const store = new ObjectStore({ flushMs: 0 });
    const item = (claim: string) => ({ ...pod('web-0', status('True', '2026-10-22T15:40:45Z')), spec: { containers: [], volumes: volumes(claim) } });
    store.apply('pods', 'ADDED', item('data-web-0'));
    store.apply('pods', 'MODIFIED', item('data-web-0-restored'));
    expect((store.get('pods', 'shop/web-0')?.spec as { volumes: unknown }).volumes).toEqual(volumes('data-web-0-restored'));
    store.close();
  });
});
