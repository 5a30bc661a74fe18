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
import { REPLICA_SET, replicaPod } from './replica-pods.js';
import { ALL_RULES } from '../../src/analysis/registry.js';
import type { Rule } from '../../src/analysis/rule.js';
import type { KubeObject } from '../../src/model/kube.js';

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
    // Walks over every pod, which end their memos every few hundred pods, count what each pod has.
    const each = { error: 0, warning: 0, info: 0, ignored: 0 };
    const one = new LiveAnalysis(store, { now: () => NOW });
    for (const pod of store.list('pods')) for (const f of one.findingsForPod(objectKey(pod))) each[f.ignored ? 'ignored' : f.severity]++;
    expect(new LiveAnalysis(store, { now: () => NOW }).summary()).toEqual(each);
    expect(new LiveAnalysis(store, { now: () => NOW }).all().length).toBe(each.error + each.warning + each.info + each.ignored);
  });
});

/** A StatefulSet `cache` of three pods whose one container serves no declared port and has no readiness probe. */
function statefulSet(extra: KubeObject[]): ObjectStore {
  const sts: KubeObject = { kind: 'StatefulSet', apiVersion: 'apps/v1', metadata: { namespace: 'shop', name: 'cache', uid: 'sts-1' }, spec: { replicas: 3, selector: { matchLabels: { app: 'cache' } } } };
  const pods: KubeObject[] = [0, 1, 2].map((i) => ({
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: {
      namespace: 'shop',
      name: `cache-${i}`,
      uid: `pod-${i}`,
      labels: { app: 'cache', 'controller-revision-hash': 'cache-7d9f', 'statefulset.kubernetes.io/pod-name': `cache-${i}`, 'apps.kubernetes.io/pod-index': String(i) },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'cache', uid: 'sts-1', controller: true }],
    },
    spec: {
      nodeName: `node-${i}`,
      containers: [{ name: 'cache', image: 'redis:7.4.1', volumeMounts: [{ name: 'data', mountPath: '/data' }] }],
      volumes: [{ name: 'data', persistentVolumeClaim: { claimName: `data-cache-${i}` } }],
    },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }], containerStatuses: [{ name: 'cache', ready: true, restartCount: 0, state: { running: {} } }] },
  }));
  const claims: KubeObject[] = [0, 1, 2].map((i) => ({ kind: 'PersistentVolumeClaim', apiVersion: 'v1', metadata: { namespace: 'shop', name: `data-cache-${i}` }, spec: { accessModes: ['ReadWriteOnce'] } }));
  return storeOf([sts, ...pods, ...claims, ...extra]);
}

/** A spec rule (shared between replicas) that counts the times it runs. */
/** The first spec rule, deciding by check() alone (not from facts, which the engine counts without it). */
const SPEC_RULE: Rule = { ...ALL_RULES.find((r) => !r.runtime && !r.perPod)!, severityOn: undefined, severityOfPod: undefined, decide: undefined };

function counting(): Rule & { runs: number } {
  const rule = { ...SPEC_RULE, runs: 0, check: () => (rule.runs++, []) };
  return rule;
}

describe("a StatefulSet's pods share one context, their claims and names apart", () => {
  it('its spec rules run once for all its pods, and each pod keeps its own findings', () => {
    const store = statefulSet([]);
    const c = counting();
    new LiveAnalysis(store, { now: () => NOW, rules: [c] }).summary();
    expect(c.runs).toBe(1);
    expect(differences(store).differing).toEqual([]);
  });

  it('rules run for each pod (per-pod, runtime) see that pod\'s own claims', () => {
    const store = statefulSet([]);
    const seen: string[] = [];
    const base = ALL_RULES.find((r) => !r.runtime && r.perPod)!;
    const rule: Rule = { ...base, mayFireOnTemplate: undefined, check: (subject, ctx) => (seen.push(`${subject.podMeta.name}: ${[...ctx.pvcs.keys()].join(',')}`), []) };
    new LiveAnalysis(store, { now: () => NOW, rules: [rule] }).summary();
    expect(seen.sort()).toEqual(['cache-0: data-cache-0', 'cache-1: data-cache-1', 'cache-2: data-cache-2']);
  });

  it('a Service that picks one pod by its name: not shared, and only that pod is told it serves behind a Service', () => {
    const svc: KubeObject = { kind: 'Service', apiVersion: 'v1', metadata: { namespace: 'shop', name: 'cache-0' }, spec: { selector: { 'statefulset.kubernetes.io/pod-name': 'cache-0' }, ports: [{ port: 6379 }] } };
    const store = statefulSet([svc]);
    const c = counting();
    new LiveAnalysis(store, { now: () => NOW, rules: [c] }).summary();
    expect(c.runs).toBe(3);
    const live = new LiveAnalysis(store, { now: () => NOW });
    const readiness = (name: string) => live.findingsForPod(`shop/${name}`).filter((f) => f.rule === 'readiness-probe-missing').length;
    expect([readiness('cache-0'), readiness('cache-1'), readiness('cache-2')]).toEqual([1, 0, 0]);
    expect(differences(store).differing).toEqual([]);
  });
});

/**
 * A ReplicaSet `web` of three pods. Each pod's containers are its own objects (each mounts its
 * own service-account token, as on a real cluster); `clash` gives its two containers one port.
 */
function replicaSet(opts: { clash: boolean; images?: string[]; pods?: number; labels?: (i: number) => Record<string, string>; generation?: (i: number) => number | undefined; extra?: KubeObject[] }): ObjectStore {
  const pods = Array.from({ length: opts.pods ?? 3 }, (_, i) =>
    replicaPod(i, {
      labels: opts.labels?.(i),
      generation: opts.generation?.(i),
      containers: [
        { name: 'web', image: opts.images?.[i] ?? 'nginx:1.27', ports: [{ containerPort: 8080 }] },
        { name: 'api', image: 'example/api:1.4', ports: [{ containerPort: opts.clash ? 8080 : 9090 }] },
      ],
    }),
  );
  return storeOf([REPLICA_SET, ...pods, ...(opts.extra ?? [])]);
}

describe('replicas whose containers are their own objects', () => {
  it('share one template: its spec rules run once, by the images, not by the container list', () => {
    const c = counting();
    new LiveAnalysis(replicaSet({ clash: false }), { now: () => NOW, rules: [c] }).summary();
    expect(c.runs).toBe(1);
    const other = counting();
    new LiveAnalysis(replicaSet({ clash: false, images: ['nginx:1.27', 'nginx:1.28', 'nginx:1.27'] }), { now: () => NOW, rules: [other] }).summary();
    expect(other.runs).toBe(2);
  });

  it("a per-pod rule whose template cannot fire is not run on the template's pods; one that can fires on each", () => {
    const base = ALL_RULES.find((r) => r.id === 'port-conflict')!;
    let runs = 0;
    const rule: Rule = { ...base, check: (subject, ctx) => (runs++, base.check(subject, ctx)) };
    new LiveAnalysis(replicaSet({ clash: false }), { now: () => NOW, rules: [rule] }).summary();
    expect(runs).toBe(0);
    const clashing = replicaSet({ clash: true });
    const live = new LiveAnalysis(clashing, { now: () => NOW, rules: [rule] });
    live.summary();
    expect(runs).toBe(3);
    for (const i of [0, 1, 2]) expect(live.findingsForPod(`shop/web-5d8f-${i}`).map((f) => `${f.rule} ${f.object.name}`)).toEqual([`port-conflict web-5d8f-${i}`]);
    expect(differences(clashing).differing).toEqual([]);
    expect(differences(replicaSet({ clash: false })).differing).toEqual([]);
  });

  it('share one template when their labels are the same in another order; a relabelled pod gets its own, and its own Service', () => {
    const c = counting();
    const reordered = (i: number) => (i === 1 ? { 'pod-template-hash': '5d8f', app: 'web' } : { app: 'web', 'pod-template-hash': '5d8f' });
    new LiveAnalysis(replicaSet({ clash: false, labels: reordered }), { now: () => NOW, rules: [c] }).summary();
    expect(c.runs).toBe(1);
    // Pod 2 carries a label a Service selects by: its context (and so its findings) differ.
    const canary = (i: number) => ({ app: 'web', 'pod-template-hash': '5d8f', ...(i === 2 ? { track: 'canary' } : {}) });
    const svc: KubeObject = { kind: 'Service', apiVersion: 'v1', metadata: { namespace: 'shop', name: 'canary' }, spec: { selector: { track: 'canary' }, ports: [{ port: 80, targetPort: 8080 }] } };
    const store = replicaSet({ clash: false, labels: canary, extra: [svc] });
    const other = counting();
    new LiveAnalysis(store, { now: () => NOW, rules: [other] }).summary();
    expect(other.runs).toBe(2);
    const result = differences(store);
    expect(result.differing).toEqual([]);
    expect(result.compared).toBeGreaterThan(0);
  });

  it('one controller, another template revision or generation: another template', () => {
    const revisions = counting();
    const hash = (i: number) => ({ app: 'web', 'pod-template-hash': i === 2 ? '6c4a' : '5d8f' });
    new LiveAnalysis(replicaSet({ clash: false, labels: hash }), { now: () => NOW, rules: [revisions] }).summary();
    expect(revisions.runs).toBe(2);
    const generations = counting();
    const resized = replicaSet({ clash: true, generation: (i) => (i === 0 ? 2 : 1) });
    new LiveAnalysis(resized, { now: () => NOW, rules: [generations] }).summary();
    expect(generations.runs).toBe(2);
    expect(differences(resized).differing).toEqual([]);
  });

  it('a label of its own on every pod: a template each, findings as alone, however many', () => {
    const store = replicaSet({ clash: true, pods: 20, labels: (i) => ({ app: 'web', 'pod-template-hash': '5d8f', 'example.com/slot': String(i) }) });
    const c = counting();
    new LiveAnalysis(store, { now: () => NOW, rules: [c] }).summary();
    expect(c.runs).toBe(20);
    expect(differences(store).differing).toEqual([]);
  });

  it('a gate that throws keeps its rule, which then reports on each pod', () => {
    const base = ALL_RULES.find((r) => r.id === 'port-conflict')!;
    const rule: Rule = { ...base, mayFireOnTemplate: () => { throw new Error('odd'); }, check: () => { throw new Error('odd spec'); } };
    const live = new LiveAnalysis(replicaSet({ clash: false }), { now: () => NOW, rules: [rule] });
    expect(live.summary().info).toBe(3);
    expect(live.findingsForPod('shop/web-5d8f-1').map((f) => f.message)).toEqual(['rule port-conflict failed on this object: Error: odd spec']);
  });
});

describe("a template's findings are counted in a pass, and listed only when asked for", () => {
  /** A spec rule that finds one thing on every template, counting its runs. */
  function finding(): Rule & { runs: number } {
    const rule = { ...SPEC_RULE, runs: 0, check: () => (rule.runs++, [{ message: 'one thing', evidence: [] }]) };
    return rule;
  }

  it('summary() runs the spec rules once per template; the first pod asked for runs them once more, its replicas not again', () => {
    const f = finding();
    const live = new LiveAnalysis(replicaSet({ clash: false }), { now: () => NOW, rules: [f] });
    expect(live.summary().warning + live.summary().info + live.summary().error).toBe(3);
    expect(f.runs).toBe(1);
    expect(live.findingsForPod('shop/web-5d8f-0').map((x) => `${x.message} ${x.object.name}`)).toEqual(['one thing web-5d8f-0']);
    expect(f.runs).toBe(2);
    expect(live.findingsForPod('shop/web-5d8f-2').map((x) => `${x.message} ${x.object.name}`)).toEqual(['one thing web-5d8f-2']);
    expect(live.all().map((x) => x.object.name)).toEqual(['web-5d8f-0', 'web-5d8f-1', 'web-5d8f-2']);
    expect(f.runs).toBe(2);
  });

  it('all() on a fresh analysis runs them once per template and keeps the lists for the next call', () => {
    const f = finding();
    const store = replicaSet({ clash: false });
    const live = new LiveAnalysis(store, { now: () => NOW, rules: [f] });
    expect(live.all()).toHaveLength(3);
    expect(f.runs).toBe(1);
    const off = store.subscribe((b) => live.onBatch(b));
    const pod = store.get('pods', 'shop/web-5d8f-1')!;
    store.apply('pods', 'MODIFIED', { ...pod, metadata: { ...pod.metadata, resourceVersion: '2' } });
    store.flush();
    off();
    expect(live.all()).toHaveLength(3);
    expect(f.runs).toBe(1);
  });
});
