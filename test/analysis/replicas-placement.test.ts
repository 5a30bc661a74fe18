// replicas-same-node in the live analysis: a pod's answer hangs on where its siblings run, and
// the analysis keeps a pod's runtime findings until something marks it stale. Whatever the
// replicas do (move, start being deleted), each pod's findings must be what the rule finds on
// that pod alone, with its own context.
import { describe, expect, it } from 'vitest';
import { LiveContextBuilder } from '../../src/analysis/context.js';
import { analyzeSubject, LiveAnalysis } from '../../src/analysis/engine.js';
import { ALL_RULES } from '../../src/analysis/registry.js';
import { subjectFromPod } from '../../src/analysis/subjects.js';
import type { ObjectStore } from '../../src/cluster/store.js';
import { objectKey, type KubeObject } from '../../src/model/kube.js';
import { storeOf } from './store-of.js';
import { REPLICA_SET, replicaPod } from './replica-pods.js';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const base = ALL_RULES.find((r) => r.id === 'replicas-same-node')!;

/** Pod `i` of the ReplicaSet, one container, on `node`. */
function pod(i: number, node: string, extra: { deleting?: boolean; rv?: string } = {}): KubeObject {
  return replicaPod(i, { node, containers: [{ name: 'web', image: 'nginx:1.27' }], resourceVersion: extra.rv, deletedAt: extra.deleting ? new Date(NOW).toISOString() : undefined });
}

function replicaSet(nodes: string[]): ObjectStore {
  return storeOf([REPLICA_SET, ...nodes.map((node, i) => pod(i, node))]);
}

function sameNode(live: LiveAnalysis, store: ObjectStore): string[] {
  return store
    .list('pods')
    .filter((p) => live.findingsForPod(objectKey(p)).some((f) => f.rule === 'replicas-same-node'))
    .map((p) => String(p.metadata?.name))
    .sort();
}

/** What the rule finds on each pod alone, with its own context. */
function alone(store: ObjectStore): string[] {
  const contexts = new LiveContextBuilder(store);
  return store
    .list('pods')
    .filter((p) => {
      const subject = subjectFromPod(p);
      return analyzeSubject(subject, contexts.context(subject, NOW), { rules: [base] }).length > 0;
    })
    .map((p) => String(p.metadata?.name))
    .sort();
}

function apply(store: ObjectStore, live: LiveAnalysis, obj: KubeObject): void {
  const off = store.subscribe((b) => live.onBatch(b));
  store.apply('pods', 'MODIFIED', obj);
  store.flush();
  off();
}

describe('replicas-same-node in the live analysis', () => {
  it('replicas all on one node: found on each pod, as alone; spread over nodes: on none', () => {
    const store = replicaSet(['node-a', 'node-a', 'node-a']);
    const live = new LiveAnalysis(store, { now: () => NOW, rules: [base] });
    expect(live.summary().warning).toBe(3);
    expect(sameNode(live, store)).toEqual(['web-5d8f-0', 'web-5d8f-1', 'web-5d8f-2']);
    expect(alone(store)).toEqual(sameNode(live, store));
    const spread = replicaSet(['node-a', 'node-b', 'node-b']);
    expect(new LiveAnalysis(spread, { now: () => NOW, rules: [base] }).summary().warning).toBe(0);
  });

  it("a pod moving onto its siblings' node: every pod is told; one moving away: none is", () => {
    const store = replicaSet(['node-a', 'node-b', 'node-b']);
    const live = new LiveAnalysis(store, { now: () => NOW, rules: [base] });
    expect(live.summary().warning).toBe(0);
    apply(store, live, pod(0, 'node-b', { rv: '2' }));
    expect(live.summary().warning).toBe(3);
    expect(sameNode(live, store)).toEqual(alone(store));
    apply(store, live, pod(2, 'node-c', { rv: '2' }));
    expect(live.summary().warning).toBe(0);
    expect(alone(store)).toEqual([]);
  });

  it('a pod being deleted stops counting: the two left on one node are told, the leaving one is not', () => {
    const store = replicaSet(['node-a', 'node-a', 'node-b']);
    const live = new LiveAnalysis(store, { now: () => NOW, rules: [base] });
    expect(live.summary().warning).toBe(0);
    // Same node, same phase: only the deletion mark changes where the running replicas are.
    apply(store, live, pod(2, 'node-b', { deleting: true, rv: '2' }));
    expect(sameNode(live, store)).toEqual(['web-5d8f-0', 'web-5d8f-1']);
    expect(alone(store)).toEqual(['web-5d8f-0', 'web-5d8f-1']);
  });
});
