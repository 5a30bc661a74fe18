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
const PODS = Number(process.env.PODSCOPE_SCALE_PODS ?? 5000);

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

describe('live analysis at scale (measurement)', () => {
  it(`analyses ${PODS} generated pods cold, then one update`, () => {
    const store = bigStore();
    const live = new LiveAnalysis(store, { now: () => NOW });
    const t0 = performance.now();
    const all = live.all();
    const cold = performance.now() - t0;
    const pods = store.list('pods');
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
    console.log(`P6: ${pods.length} pods, ${all.length} findings: cold ${cold.toFixed(0)} ms, warm pass ${warm.toFixed(0)} ms, one update ${update.toFixed(2)} ms`);
    expect(all.length).toBeGreaterThan(pods.length);
    // Per rule, to see where the cold time goes (each on a fresh analysis).
    const perRule = ALL_RULES.map((rule) => {
      const l = new LiveAnalysis(store, { now: () => NOW, rules: [rule] });
      const t = performance.now();
      l.all();
      return [rule.id, performance.now() - t] as const;
    }).sort((a, b) => b[1] - a[1]);
    console.log(`P6 slowest rules alone: ${perRule.slice(0, 5).map(([id, ms]) => `${id} ${ms.toFixed(0)} ms`).join(', ')}`);
  });
});
