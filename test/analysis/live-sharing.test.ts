// Replicas share their template's findings inside the analysis; what callers get must not
// show it: each pod's findings name that pod, are copies a caller may keep, and the counts
// (adviceForPod, summary) agree with the findings themselves, silenced ones included.
import { describe, expect, it } from 'vitest';
import { LiveAnalysis } from '../../src/analysis/engine.js';
import { SEVERITY_RANK, type Finding, type Severity } from '../../src/analysis/types.js';
import { ObjectStore } from '../../src/cluster/store.js';
import { buildScenarios } from '../../src/demo/scenarios/index.js';
import { resourceForKind } from '../../src/model/kinds.js';
import { objectKey, type KubeObject } from '../../src/model/kube.js';

const NOW = Date.parse('2026-03-01T12:00:00Z');

function scenarioStore(extra: KubeObject[] = []): ObjectStore {
  const store = new ObjectStore({ flushMs: 0 });
  for (const o of [...buildScenarios(new Date(NOW)).objects, ...extra]) {
    const r = resourceForKind(o.kind);
    if (r) store.apply(r, 'ADDED', { ...o, metadata: { resourceVersion: '1', ...o.metadata } });
  }
  store.flush();
  return store;
}

/** Replicas of one ReplicaSet in the scenarios with findings: pods that share a template and something to say. */
function replicaGroup(store: ObjectStore): KubeObject[] {
  const probe = new LiveAnalysis(store, { now: () => NOW });
  const byOwner = new Map<string, KubeObject[]>();
  for (const p of store.list('pods')) {
    const ref = p.metadata?.ownerReferences?.find((r) => r.controller);
    if (ref?.kind !== 'ReplicaSet') continue;
    const list = byOwner.get(ref.uid ?? '') ?? [];
    list.push(p);
    byOwner.set(ref.uid ?? '', list);
  }
  return [...byOwner.values()].filter((g) => g.length > 1 && probe.findingsForPod(objectKey(g[0])).length > 0).sort((a, b) => b.length - a.length)[0];
}

function expectedAdvice(findings: Finding[]): { worst?: Severity; count: number } {
  let worst: Severity | undefined;
  let count = 0;
  for (const f of findings) {
    if (f.ignored) continue;
    count++;
    if (!worst || SEVERITY_RANK[f.severity] > SEVERITY_RANK[worst]) worst = f.severity;
  }
  return worst ? { worst, count } : { count };
}

describe('live analysis: replicas share findings, callers get their own', () => {
  it("each replica's findings name that replica, and a caller's changes stay with the caller", () => {
    const store = scenarioStore();
    const live = new LiveAnalysis(store, { now: () => NOW });
    const replicas = replicaGroup(store);
    expect(replicas.length).toBeGreaterThan(1);
    const [a, b] = replicas.map((p) => live.findingsForPod(objectKey(p)));
    expect(a.length).toBeGreaterThan(0);
    expect(a.every((f) => f.object.name === replicas[0].metadata?.name)).toBe(true);
    expect(b.every((f) => f.object.name === replicas[1].metadata?.name)).toBe(true);
    a[0].message = 'changed by a caller';
    expect(live.findingsForPod(objectKey(replicas[1])).some((f) => f.message === 'changed by a caller')).toBe(false);
  });

  it('adviceForPod, countsForPod and summary() agree with the findings of every pod', () => {
    const store = scenarioStore();
    const live = new LiveAnalysis(store, { now: () => NOW });
    const sum = { error: 0, warning: 0, info: 0, ignored: 0 };
    for (const p of store.list('pods')) {
      const key = objectKey(p);
      // Advice first: it must analyse the pod by itself, not rely on findingsForPod having run.
      const advice = live.adviceForPod(key);
      const findings = live.findingsForPod(key);
      expect({ ...advice }).toEqual(expectedAdvice(findings));
      const own = { error: 0, warning: 0, info: 0, ignored: 0 };
      for (const f of findings) {
        if (f.ignored) own.ignored++;
        else own[f.severity]++;
      }
      expect({ ...live.countsForPod(key) }).toEqual(own);
      for (const k of ['error', 'warning', 'info', 'ignored'] as const) sum[k] += own[k];
    }
    expect(new LiveAnalysis(store, { now: () => NOW }).summary()).toEqual(sum);
    expect(live.adviceForPod('no/such-pod')).toEqual({ count: 0 });
    expect(live.countsForPod('no/such-pod')).toEqual({ error: 0, warning: 0, info: 0, ignored: 0 });
  });

  it('one replica silenced by its own annotation: only its findings are marked', () => {
    const plain = scenarioStore();
    const replicas = replicaGroup(plain);
    const target = replicas[0];
    const rule = new LiveAnalysis(plain, { now: () => NOW }).findingsForPod(objectKey(target))[0].rule;
    const store = scenarioStore();
    store.apply('pods', 'MODIFIED', { ...target, metadata: { ...target.metadata, resourceVersion: '2', annotations: { ...target.metadata?.annotations, 'podscope.io/ignore': rule } } });
    store.flush();
    const live = new LiveAnalysis(store, { now: () => NOW });
    const silenced = live.findingsForPod(objectKey(target)).filter((f) => f.rule === rule);
    expect(silenced.length).toBeGreaterThan(0);
    expect(silenced.every((f) => f.ignored?.by === 'annotation')).toBe(true);
    const sibling = live.findingsForPod(objectKey(replicas[1])).filter((f) => f.rule === rule);
    expect(sibling.every((f) => !f.ignored)).toBe(true);
    expect(live.summary().ignored).toBe(silenced.length);
    expect(live.countsForPod(objectKey(target)).ignored).toBe(silenced.length);
    expect(live.countsForPod(objectKey(replicas[1])).ignored).toBe(0);
  });
});
