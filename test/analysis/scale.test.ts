// P6 measurement, not a timed assertion: cold live analysis of many pods, then one update.
// Prints the figures; asserts only that every pod was analysed and an update re-analyses one.
//   PODSCOPE_SCALE_PODS=50000 npx vitest run test/analysis/scale.test.ts
import { describe, expect, it } from 'vitest';
import { LiveAnalysis } from '../../src/analysis/engine.js';
import { ALL_RULES } from '../../src/analysis/registry.js';
import { ObjectStore } from '../../src/cluster/store.js';
import { buildScenarios } from '../../src/demo/scenarios/index.js';
import { resourceForKind } from '../../src/model/kinds.js';
import { objectKey, type KubeObject } from '../../src/model/kube.js';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const PODS = Number(process.env.PODSCOPE_SCALE_PODS ?? 2000);

/** The scenario cluster plus PODS copies of its controller-owned pods (replicas of the same templates). */
function bigStore(): ObjectStore {
  const store = new ObjectStore({ flushMs: 0 });
  const objects = buildScenarios(new Date(NOW)).objects;
  for (const o of objects) {
    const r = resourceForKind(o.kind);
    if (r) store.apply(r, 'ADDED', o);
  }
  const templates = objects.filter((o) => o.kind === 'Pod' && Array.isArray(o.metadata?.ownerReferences) && o.metadata!.ownerReferences!.length > 0);
  for (let i = 0; i < PODS; i++) {
    const t = templates[i % templates.length];
    const pod = structuredClone(t) as KubeObject;
    pod.metadata = { ...pod.metadata, name: `${t.metadata!.name}-x${i}`, uid: `gen-${i}`, resourceVersion: String(1000 + i) };
    // Spread like a scheduler would: replicas of one controller on several nodes.
    if (pod.spec && (pod.spec as { nodeName?: string }).nodeName) (pod.spec as { nodeName?: string }).nodeName = `node-${'abc'[i % 3]}`;
    store.apply('pods', 'ADDED', pod);
  }
  store.flush();
  return store;
}

/** Cold analysis of every pod; returns milliseconds and the findings. */
function cold(store: ObjectStore, rules = ALL_RULES) {
  const live = new LiveAnalysis(store, { now: () => NOW, rules });
  const t = performance.now();
  const all = live.all();
  return { live, all, ms: performance.now() - t };
}

describe('live analysis at scale (measurement)', () => {
  it(`analyses ${PODS} generated pods cold, then one update`, { timeout: 600_000 }, () => {
    const store = bigStore();
    const pods = store.list('pods');
    // replicas-same-node walks every sibling for every pod (O(n²) per controller): measured apart.
    const { live, all, ms } = cold(store, ALL_RULES.filter((r) => r.id !== 'replicas-same-node'));
    const t1 = performance.now();
    live.all();
    const warm = performance.now() - t1;
    const one = pods[pods.length - 1];
    const off = store.subscribe((b) => live.onBatch(b));
    store.apply('pods', 'MODIFIED', { ...one, metadata: { ...one.metadata, resourceVersion: 'next' } });
    store.flush();
    off();
    const t2 = performance.now();
    live.findingsForPod(objectKey(one));
    const update = performance.now() - t2;
    console.log(`P6: ${pods.length} pods, ${all.length} findings: cold ${ms.toFixed(0)} ms (all rules but replicas-same-node), warm pass ${warm.toFixed(0)} ms, one update ${update.toFixed(2)} ms`);
    expect(all.length).toBeGreaterThan(pods.length);
    expect(live.findingsForPod(objectKey(one)).every((f) => f.object.name === one.metadata?.name)).toBe(true);
    const sameNode = cold(store, ALL_RULES.filter((r) => r.id === 'replicas-same-node'));
    console.log(`P6: replicas-same-node alone: ${sameNode.ms.toFixed(0)} ms`);
  });
});
