// Slimmed list items (src/cluster/slim.ts) must show exactly what the full objects show: the
// same pod row, pod detail and findings for every scenario pod. And the slimming itself:
// what is dropped, what is kept, what is shared.
import { describe, expect, it } from 'vitest';
import { LiveAnalysis } from '../../src/analysis/engine.js';
import { parseListPage } from '../../src/cluster/api.js';
import { LAST_APPLIED, LAST_APPLIED_MARKER, StringTable, slimObject } from '../../src/cluster/slim.js';
import { ObjectStore } from '../../src/cluster/store.js';
import { buildScenarios } from '../../src/demo/scenarios/index.js';
import { resourceForKind } from '../../src/model/kinds.js';
import type { KubeObject, Pod, ResourceKind } from '../../src/model/kube.js';
import { objectKey } from '../../src/model/kube.js';
import { containerDetail } from '../../src/model/pod-detail/container-detail.js';
import { containerRows } from '../../src/model/pod-detail/containers.js';
import { ownerChain } from '../../src/model/pod-detail/owner-chain.js';
import { listContainers } from '../../src/model/pod-detail/pod-containers.js';
import { probeStates } from '../../src/model/pod-detail/probe-states.js';
import { sharedPortSpace } from '../../src/model/pod-detail/shared-port-space.js';
import { podSummary } from '../../src/model/pod-detail/summary.js';
import { volumeMatrix } from '../../src/model/pod-detail/volume-matrix.js';
import { podRow } from '../../src/model/pod-row.js';

const NOW = Date.parse('2026-03-01T12:00:00Z');

/** The scenario world as a store: objects as given (full), or through list pages as the reflectors get them (slim). */
function scenarioStore(slim: boolean): ObjectStore {
  const byKind = new Map<ResourceKind, KubeObject[]>();
  for (const o of buildScenarios(new Date(NOW)).objects) {
    const kind = resourceForKind(o.kind);
    if (!kind) continue;
    const item = { ...o, metadata: { resourceVersion: '1', ...o.metadata } };
    byKind.set(kind, [...(byKind.get(kind) ?? []), item]);
  }
  const store = new ObjectStore({ flushMs: 0 });
  const strings = new StringTable();
  for (const [kind, items] of byKind) {
    const objects = slim ? parseListPage(kind, JSON.stringify({ metadata: { resourceVersion: '1' }, items }), strings).items : items;
    for (const obj of objects) store.apply(kind, 'ADDED', obj);
  }
  store.flush();
  return store;
}

function pvcsOf(store: ObjectStore, ns: string): Map<string, KubeObject> {
  return new Map(store.byNamespace('persistentvolumeclaims', ns).map((p) => [p.metadata?.name ?? '', p]));
}

/** Everything the Pod and Container views and the Pods list derive from one pod. */
function views(store: ObjectStore, analysis: LiveAnalysis, key: string): unknown {
  const pod = store.get('pods', key) as Pod;
  const events = store.eventsFor(pod);
  const pvcsByName = pvcsOf(store, pod.metadata?.namespace ?? '');
  return {
    row: podRow(pod, NOW),
    summary: podSummary(pod, store, NOW),
    containers: containerRows(pod),
    ports: sharedPortSpace(pod),
    volumes: volumeMatrix(pod, pvcsByName),
    probes: probeStates(pod, events, NOW),
    owners: ownerChain(pod, store),
    detail: listContainers(pod).map((c) => containerDetail(pod, c.name, { events, pvcsByName, now: NOW })),
    findings: analysis.findingsForPod(key),
  };
}

describe('slimmed list items', () => {
  it('give the same pod row, pod detail and findings as the full objects, for every scenario pod', () => {
    const full = scenarioStore(false);
    const slim = scenarioStore(true);
    const fullAnalysis = new LiveAnalysis(full, { now: () => NOW });
    const slimAnalysis = new LiveAnalysis(slim, { now: () => NOW });
    const keys = full.list('pods').map((p) => objectKey(p)).sort();
    expect(keys.length).toBeGreaterThan(20);
    expect(slim.list('pods').map((p) => objectKey(p)).sort()).toEqual(keys);
    let findings = 0;
    for (const key of keys) {
      const expected = views(full, fullAnalysis, key) as { findings: unknown[] };
      findings += expected.findings.length;
      expect(views(slim, slimAnalysis, key), key).toEqual(expected);
    }
    expect(findings).toBeGreaterThan(20); // the comparison covered real findings, not empty lists
  });

  it('drops managedFields, container IDs and the last-applied text (keeping a marker), and nothing else', () => {
    const pod = {
      metadata: {
        name: 'web-1',
        namespace: 'shop',
        uid: 'u-1',
        managedFields: [{ manager: 'kubectl' }],
        annotations: { [LAST_APPLIED]: '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-1"}}', team: 'payments-and-checkout' },
      },
      spec: { containers: [{ name: 'app', image: 'registry.example.com/shop/web:1.2.3' }] },
      status: {
        containerStatuses: [
          { name: 'app', containerID: 'containerd://abc', imageID: 'registry.example.com/shop/web@sha256:0123', ready: true, lastState: { terminated: { exitCode: 137, containerID: 'containerd://old' } } },
        ],
        initContainerStatuses: [{ name: 'init', containerID: 'containerd://def', ready: false }],
      },
    } as unknown as KubeObject;
    const slimmed = slimObject(structuredClone(pod), new StringTable());
    expect(slimmed).toEqual({
      metadata: { name: 'web-1', namespace: 'shop', uid: 'u-1', annotations: { [LAST_APPLIED]: LAST_APPLIED_MARKER, team: 'payments-and-checkout' } },
      spec: { containers: [{ name: 'app', image: 'registry.example.com/shop/web:1.2.3' }] },
      status: {
        containerStatuses: [{ name: 'app', imageID: 'registry.example.com/shop/web@sha256:0123', ready: true, lastState: { terminated: { exitCode: 137 } } }],
        initContainerStatuses: [{ name: 'init', ready: false }],
      },
    });
  });

  it('keeps one copy of each repeated long string, and no table entry for values unique per object', () => {
    const strings = new StringTable();
    const pod = (i: number) =>
      JSON.parse(
        JSON.stringify({
          metadata: { name: `checkout-7d9f8c6b5-${i}`, uid: `0b7c6a9e-0000-4000-8000-00000000000${i}`, resourceVersion: `10000${i}`, namespace: 'shop' },
          spec: { nodeName: 'ip-10-0-1-17.ec2.internal', dnsPolicy: 'ClusterFirst' },
          status: { hostIP: '192.168.50.2', podIPs: [{ ip: `10.244.17.${i}` }], startTime: '2026-10-22T15:40:41Z', containerStatuses: [{ containerID: `containerd://${i}`, imageID: 'docker.io/library/nginx@sha256:29281862135a24f15ba2' }] },
        }),
      ) as KubeObject;
    for (let i = 0; i < 5; i++) slimObject(pod(i), strings);
    // nodeName, dnsPolicy, hostIP, startTime, imageID: once each; names, uids, versions, pod
    // IPs and container IDs never; values of at most 10 characters are left to V8.
    expect(strings.size).toBe(5);
  });
});
