// The live analysis shares work between pods (a template's spec rules run once for its
// replicas, a StatefulSet's pods share one context, runtime rules skip what a quiet status
// cannot trigger). None of it may show: every pod's findings must be what analysing that pod
// alone, with its own context and every rule, finds.
import { describe, expect, it } from 'vitest';
import { LiveContextBuilder } from '../../src/analysis/context.js';
import { analyzeSubject, LiveAnalysis } from '../../src/analysis/engine.js';
import { subjectFromPod } from '../../src/analysis/subjects.js';
import type { Finding } from '../../src/analysis/types.js';
import type { ObjectStore } from '../../src/cluster/store.js';
import { buildDataset } from '../../src/demo/dataset.js';
import { objectKey } from '../../src/model/kube.js';
import { storeOf } from './store-of.js';

const NOW = Date.parse('2026-03-01T12:00:00Z');

/** A finding as a user sees it, in one comparable line. */
function shown(f: Finding): string {
  return JSON.stringify([f.rule, f.severity, f.object.kind, f.object.namespace, f.object.name, f.container, f.port, f.volume, f.message, f.evidence, f.why, f.fix, f.ignored ?? false]);
}

/** Pods whose shared findings differ from their own, with what each way found. */
function differences(store: ObjectStore): { compared: number; differing: { pod: string; live: string[]; alone: string[] }[] } {
  const live = new LiveAnalysis(store, { now: () => NOW });
  const contexts = new LiveContextBuilder(store);
  const out: { pod: string; live: string[]; alone: string[] }[] = [];
  let compared = 0;
  for (const pod of store.list('pods')) {
    const subject = subjectFromPod(pod);
    const alone = analyzeSubject(subject, contexts.context(subject, NOW)).map(shown).sort();
    const shared = live.findingsForPod(objectKey(pod)).map(shown).sort();
    compared += alone.length;
    if (JSON.stringify(alone) !== JSON.stringify(shared)) out.push({ pod: objectKey(pod), live: shared, alone });
  }
  return { compared, differing: out };
}

describe('live analysis: sharing never changes a pod\'s findings', () => {
  it('the demo scenarios plus 1,500 generated pods (Deployments, StatefulSets, Jobs, a DaemonSet)', async () => {
    const store = storeOf((await buildDataset({ now: new Date(NOW), pods: 1_500 })).objects);
    const kinds = new Set(store.list('pods').map((p) => p.metadata?.ownerReferences?.find((r) => r.controller)?.kind ?? 'none'));
    expect([...kinds].sort()).toEqual(expect.arrayContaining(['DaemonSet', 'Job', 'ReplicaSet', 'StatefulSet', 'none']));
    const { compared, differing } = differences(store);
    expect(differing).toEqual([]);
    expect(compared).toBeGreaterThan(store.list('pods').length);
  });
});
