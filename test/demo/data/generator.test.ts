import { describe, expect, it } from 'vitest';
import type { KubeObject, Pod } from '../../../src/model/kube.js';
import { generatePods } from '../../../src/demo/generator.js';

const NOW = new Date('2025-03-14T12:00:00Z');
const podsOf = (objects: KubeObject[]) => objects.filter((o) => o.kind === 'Pod') as Pod[];

describe('generatePods (--pods N)', () => {
  const ds = generatePods({ now: NOW, count: 2000 });
  const pods = podsOf(ds.objects);

  it('makes exactly N pods, each 3–8 KB of JSON with managedFields, env, token volume, tolerations', () => {
    expect(pods).toHaveLength(2000);
    for (const p of pods) {
      const size = JSON.stringify(p).length;
      expect(size, p.metadata?.name).toBeGreaterThanOrEqual(3 * 1024);
      expect(size, p.metadata?.name).toBeLessThanOrEqual(8 * 1024);
      expect(p.metadata?.managedFields?.length).toBe(2);
      expect(p.spec?.volumes?.some((v) => v.name.startsWith('kube-api-access-') && v.projected)).toBe(true);
      expect(p.spec?.tolerations?.length).toBeGreaterThan(0);
      expect(p.spec!.containers[0].env?.length).toBeGreaterThan(0);
    }
  });

  it('gives unique names and uids, and every owner reference resolves to a generated owner', () => {
    const keys = pods.map((p) => `${p.metadata?.namespace}/${p.metadata?.name}`);
    expect(new Set(keys).size).toBe(keys.length);
    const byUid = new Map(ds.objects.map((o) => [o.metadata?.uid, o]));
    expect(byUid.size).toBe(ds.objects.length);
    const kinds = new Set<string>();
    for (const p of pods) {
      const ref = p.metadata!.ownerReferences![0];
      const owner = byUid.get(ref.uid)!;
      expect(owner.kind).toBe(ref.kind);
      expect(owner.metadata?.namespace).toBe(p.metadata?.namespace);
      kinds.add(ref.kind);
      if (ref.kind === 'ReplicaSet') expect(byUid.get(owner.metadata!.ownerReferences![0].uid)?.kind).toBe('Deployment');
    }
    expect([...kinds].sort()).toEqual(['DaemonSet', 'Job', 'ReplicaSet', 'StatefulSet']);
  });

  it('places pods on generated Nodes that exist, in gen-NN namespaces that exist', () => {
    const nodes = new Set(ds.objects.filter((o) => o.kind === 'Node').map((n) => n.metadata?.name));
    const namespaces = new Set(ds.objects.filter((o) => o.kind === 'Namespace').map((n) => n.metadata?.name));
    expect(nodes.size).toBeGreaterThanOrEqual(2000 / 110);
    for (const p of pods) {
      expect(namespaces.has(p.metadata!.namespace!)).toBe(true);
      expect(p.metadata!.namespace).toMatch(/^gen-\d\d$/);
      if (p.spec?.nodeName) expect(nodes.has(p.spec.nodeName)).toBe(true);
    }
  });

  it('runs one DaemonSet pod on every generated node and keeps nodes within 110 pods', () => {
    const nodes = ds.objects.filter((o) => o.kind === 'Node').map((n) => n.metadata!.name!);
    const agents = pods.filter((p) => p.metadata?.ownerReferences?.[0].kind === 'DaemonSet');
    expect(agents.map((p) => p.spec?.nodeName).sort()).toEqual([...nodes].sort());
    const perNode = new Map<string, number>();
    for (const p of pods) if (p.spec?.nodeName) perNode.set(p.spec.nodeName, (perNode.get(p.spec.nodeName) ?? 0) + 1);
    expect(Math.max(...perNode.values())).toBeLessThanOrEqual(110);
  });

  it('gives every started container a log, with a previous one after restarts and a ticker while running', () => {
    const byKey = new Map(ds.logs.map((l) => [`${l.namespace}/${l.pod}/${l.container}`, l]));
    for (const p of pods) {
      for (const st of p.status?.containerStatuses ?? []) {
        const log = byKey.get(`${p.metadata?.namespace}/${p.metadata?.name}/${st.name}`);
        expect(log, `${p.metadata?.name}/${st.name}`).toBeDefined();
        expect(log!.current.length).toBeGreaterThan(0);
        expect(Boolean(log!.previous)).toBe((st.restartCount ?? 0) > 0);
        if (p.status?.phase === 'Running') expect(log!.ticker?.length).toBeGreaterThan(0);
      }
    }
    for (const p of pods.filter((x) => x.status?.phase === 'Pending')) expect(ds.logs.some((l) => l.pod === p.metadata?.name)).toBe(false);
  });

  it('includes pods with a native sidecar (init container with restartPolicy Always) that keeps running', () => {
    const withSidecar = pods.filter((p) => p.spec?.initContainers?.some((c) => c.restartPolicy === 'Always'));
    expect(withSidecar.length).toBeGreaterThan(0);
    for (const p of withSidecar.filter((x) => x.status?.phase === 'Running')) {
      const st = p.status!.initContainerStatuses![0];
      expect(st.state?.running).toBeDefined();
      expect(st.ready).toBe(true);
      expect(ds.logs.some((l) => l.pod === p.metadata?.name && l.container === st.name)).toBe(true);
    }
  });

  it('is varied: some restarts, some not ready, some pending, some completed', () => {
    const restarted = pods.filter((p) => p.status?.containerStatuses?.some((s) => (s.restartCount ?? 0) > 0));
    const notReady = pods.filter((p) => p.status?.phase === 'Running' && p.status.conditions?.find((c) => c.type === 'Ready')?.status === 'False');
    const pending = pods.filter((p) => p.status?.phase === 'Pending');
    const done = pods.filter((p) => p.status?.phase === 'Succeeded');
    for (const group of [restarted, notReady, pending, done]) expect(group.length).toBeGreaterThan(0);
    expect(restarted.length + notReady.length + pending.length).toBeLessThan(pods.length * 0.3);
  });

  it('is deterministic for one seed and differs for another', () => {
    const again = generatePods({ now: NOW, count: 300 });
    expect(JSON.stringify(again)).toBe(JSON.stringify(generatePods({ now: NOW, count: 300 })));
    expect(JSON.stringify(generatePods({ now: NOW, count: 300, seed: 7 }))).not.toBe(JSON.stringify(again));
  });

  it('generates 50,000 pods fast (time printed, the budget is a benchmark concern)', () => {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const big = generatePods({ now: NOW, count: 50_000 });
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    // Wall time on a shared machine is mostly waiting for a core; CPU time is the cost.
    console.log(`generatePods(50000): ${ms.toFixed(0)} ms wall, ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms CPU, ${big.objects.length} objects`);
    const bigPods = podsOf(big.objects);
    expect(bigPods).toHaveLength(50_000);
    expect(new Set(bigPods.map((p) => `${p.metadata?.namespace}/${p.metadata?.name}`)).size).toBe(50_000);
    const perNode = new Map<string, number>();
    for (const p of bigPods) if (p.spec?.nodeName) perNode.set(p.spec.nodeName, (perNode.get(p.spec.nodeName) ?? 0) + 1);
    expect(Math.max(...perNode.values())).toBeLessThanOrEqual(110);
    // Generous bound for a shared 2-core machine; the figure above is the measurement.
    expect(ms).toBeLessThan(20_000);
  });
});
