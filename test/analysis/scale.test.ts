// P6 measurement, not a timed assertion: cold live analysis of many pods, then one update.
// Prints the figures; asserts only what must hold whatever the machine: every pod analysed,
// an update re-analyses the changed pod alone, and the answers match a fresh analysis.
//   PODSCOPE_SCALE_PODS=50000 npx vitest run test/analysis/scale.test.ts
// Two shapes: the demo's generated cluster (what `npm run bench` measures: thousands of small
// workloads), and a few controllers with thousands of replicas each (where per-controller
// work done per pod would be n²).
import { describe, expect, it } from 'vitest';
import { LiveAnalysis } from '../../src/analysis/engine.js';
import { ALL_RULES } from '../../src/analysis/registry.js';
import type { Rule } from '../../src/analysis/rule.js';
import { ObjectStore } from '../../src/cluster/store.js';
import { buildDataset } from '../../src/demo/dataset.js';
import { buildScenarios } from '../../src/demo/scenarios/index.js';
import { storeOf } from './store-of.js';
import { objectKey, type KubeObject } from '../../src/model/kube.js';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const PODS = Number(process.env.PODSCOPE_SCALE_PODS ?? 2000);
const RUNS = Number(process.env.PODSCOPE_SCALE_RUNS ?? 3);


/** The scenario cluster plus PODS copies of its controller-owned pods (replicas of the same few templates). */
function fewBigControllers(): ObjectStore {
  const objects = buildScenarios(new Date(NOW)).objects;
  const templates = objects.filter((o) => o.kind === 'Pod' && Array.isArray(o.metadata?.ownerReferences) && o.metadata!.ownerReferences!.length > 0);
  const copies: KubeObject[] = [];
  for (let i = 0; i < PODS; i++) {
    const t = templates[i % templates.length];
    const pod = structuredClone(t) as KubeObject;
    pod.metadata = { ...pod.metadata, name: `${t.metadata!.name}-x${i}`, uid: `gen-${i}`, resourceVersion: String(1000 + i) };
    // Spread like a scheduler would: replicas of one controller on several nodes.
    if (pod.spec && (pod.spec as { nodeName?: string }).nodeName) (pod.spec as { nodeName?: string }).nodeName = `node-${'abc'[i % 3]}`;
    copies.push(pod);
  }
  return storeOf([...objects, ...copies]);
}

interface Figures {
  pods: number;
  findings: number;
  wallMs: number[];
  cpuMs: number[];
  updateMs: number;
}

/** Cold runs (a new LiveAnalysis each, as the bench), then one pod changes. */
function measure(store: ObjectStore, rules: readonly Rule[] = ALL_RULES): Figures & { live: LiveAnalysis } {
  const wallMs: number[] = [];
  const cpuMs: number[] = [];
  let live = new LiveAnalysis(store, { now: () => NOW, rules });
  let findings = 0;
  for (let i = 0; i < RUNS; i++) {
    const cpu = process.cpuUsage();
    const t = performance.now();
    live = new LiveAnalysis(store, { now: () => NOW, rules });
    findings = live.all().length;
    wallMs.push(performance.now() - t);
    const used = process.cpuUsage(cpu);
    cpuMs.push((used.user + used.system) / 1000);
  }
  // Count the rule runs of the update with a rule that only counts.
  const pods = store.list('pods');
  const one = pods[Math.floor(pods.length / 2)];
  const off = store.subscribe((b) => live.onBatch(b));
  store.apply('pods', 'MODIFIED', { ...one, metadata: { ...one.metadata, resourceVersion: 'next' } });
  store.flush();
  off();
  const t = performance.now();
  live.all();
  const updateMs = performance.now() - t;
  return { live, pods: pods.length, findings, wallMs, cpuMs, updateMs };
}

const fmt = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return `best ${sorted[0].toFixed(0)} ms, median ${sorted[Math.floor(sorted.length / 2)].toFixed(0)} ms`;
};

function report(label: string, f: Figures): void {
  console.log(`P6 ${label}: ${f.pods} pods, ${f.findings} findings, ${RUNS} cold runs: wall ${fmt(f.wallMs)}; CPU ${fmt(f.cpuMs)}; all() after one pod changed ${f.updateMs.toFixed(1)} ms`);
}

/** A rule that counts the live pods it is asked about (runtime rules run for every pod). */
function counting(): Rule & { runs: number } {
  const rule = { ...ALL_RULES[0], id: 'crash-loop' as const, runtime: true, runs: 0, check: () => (rule.runs++, []) };
  return rule;
}

describe('live analysis at scale (measurement)', () => {
  it(`the demo's generated cluster, ${PODS} pods: cold, then one update`, { timeout: 600_000 }, async () => {
    const store = storeOf((await buildDataset({ now: new Date(NOW), pods: PODS })).objects);
    const f = measure(store);
    report('generated cluster', f);
    expect(f.findings).toBeGreaterThan(f.pods);
    const one = store.list('pods')[Math.floor(f.pods / 2)];
    expect(f.live.findingsForPod(objectKey(one)).every((x) => x.object.name === one.metadata?.name)).toBe(true);
    // An update re-analyses the changed pod only.
    const c = counting();
    const live = new LiveAnalysis(store, { now: () => NOW, rules: [c] });
    live.all();
    expect(c.runs).toBe(f.pods);
    const off = store.subscribe((b) => live.onBatch(b));
    store.apply('pods', 'MODIFIED', { ...one, metadata: { ...one.metadata, resourceVersion: 'again' } });
    store.flush();
    off();
    live.all();
    expect(c.runs).toBe(f.pods + 1);
  });

  it(`a few controllers with ${PODS} replicas between them: cold, then one update`, { timeout: 600_000 }, () => {
    const store = fewBigControllers();
    const f = measure(store);
    report('few big controllers', f);
    expect(f.findings).toBeGreaterThan(f.pods);
    const sameNode = measure(store, ALL_RULES.filter((r) => r.id === 'replicas-same-node'));
    console.log(`P6 few big controllers, replicas-same-node alone: CPU ${fmt(sameNode.cpuMs)}`);
  });
});
