import { beforeEach, describe, expect, it } from 'vitest';
import { LiveAnalysis, rollUp } from '../../src/analysis/engine.js';
import { ALL_RULES } from '../../src/analysis/registry.js';
import type { Rule } from '../../src/analysis/rule.js';
import { ObjectStore } from '../../src/cluster/store.js';
import { buildScenarios } from '../../src/demo/scenarios/index.js';
import { resourceForKind } from '../../src/model/kinds.js';
import { objectKey, type KubeObject } from '../../src/model/kube.js';

const NOW = Date.parse('2026-03-01T12:00:00Z');

function scenarioStore(): ObjectStore {
  const store = new ObjectStore({ flushMs: 0 });
  for (const o of buildScenarios(new Date(NOW)).objects) {
    const r = resourceForKind(o.kind);
    if (r) store.apply(r, 'ADDED', { ...o, metadata: { resourceVersion: '1', ...o.metadata } });
  }
  store.flush();
  return store;
}

/** A rule that records which pods it was asked about. */
function counter(runtime = false, readsClock = false): Rule & { seen: string[] } {
  const seen: string[] = [];
  return {
    ...ALL_RULES[0],
    // Asked about every pod: no template gate (port-conflict's) may skip one.
    mayFireOnTemplate: undefined,
    id: runtime ? (readsClock ? 'crash-loop' : 'replicas-same-node') : 'image-tag',
    runtime,
    readsClock,
    seen,
    check(subject) {
      seen.push(`${subject.ref.namespace}/${subject.ref.name}`);
      return [];
    },
  };
}

function podKeys(store: ObjectStore, pred: (p: KubeObject) => boolean): string[] {
  return store.list('pods').filter(pred).map((p) => objectKey(p)).sort();
}

describe('LiveAnalysis', () => {
  let store: ObjectStore;
  let clock: number;
  beforeEach(() => {
    store = scenarioStore();
    clock = NOW;
  });

  /** Applies a change the way the reflectors do and hands the batch to the analysis. */
  function change(live: LiveAnalysis, kind: Parameters<ObjectStore['apply']>[0], type: 'ADDED' | 'MODIFIED' | 'DELETED', obj: KubeObject) {
    const off = store.subscribe((b) => live.onBatch(b));
    store.apply(kind, type, obj);
    store.flush();
    off();
  }

  function podNamed(prefix: string): KubeObject {
    return store.list('pods').find((p) => String(p.metadata?.name).startsWith(prefix))!;
  }

  function bump(obj: KubeObject, patch: (o: KubeObject) => KubeObject): KubeObject {
    return patch({ ...obj, metadata: { ...obj.metadata, resourceVersion: String(Number(obj.metadata?.resourceVersion ?? 1) + 1) } });
  }

  it('finds what the scenarios show', () => {
    const live = new LiveAnalysis(store, { now: () => clock });
    const rules = live.findingsForPod('legacy/port-clash').map((f) => f.rule);
    expect(rules).toContain('port-conflict');
    expect(rules).toContain('crash-loop');
    expect(live.findingsForPod('legacy/nope')).toEqual([]);
    const s = live.summary();
    const all = live.all();
    expect(s.error + s.warning + s.info + s.ignored).toBe(all.length);
    expect(s.error).toBe(all.filter((f) => f.severity === 'error' && !f.ignored).length);
  });

  it('memoises per pod: a second pass analyses nothing', () => {
    const c = counter();
    const live = new LiveAnalysis(store, { rules: [c], now: () => clock });
    live.all();
    expect(c.seen.length).toBe(store.list('pods').length);
    c.seen.length = 0;
    live.all();
    expect(c.seen).toEqual([]);
  });

  it('a changed pod is re-analysed alone when its placement did not change', () => {
    const c = counter();
    const live = new LiveAnalysis(store, { rules: [c], now: () => clock });
    live.all();
    c.seen.length = 0;
    const web = podNamed('web-');
    change(live, 'pods', 'MODIFIED', bump(web, (o) => ({ ...o, metadata: { ...o.metadata, labels: { ...o.metadata?.labels, touched: 'yes' } } })));
    live.all();
    expect(c.seen).toEqual([objectKey(web)]);
  });

  it('a pod moving node re-analyses its siblings (replicas-same-node)', () => {
    const c = counter();
    const live = new LiveAnalysis(store, { rules: [c], now: () => clock });
    live.all();
    c.seen.length = 0;
    const p = podNamed('payments-');
    change(live, 'pods', 'MODIFIED', bump(p, (o) => ({ ...o, spec: { ...(o.spec as object), nodeName: 'node-c' } })));
    live.all();
    expect(c.seen.sort()).toEqual(podKeys(store, (x) => String(x.metadata?.name).startsWith('payments-')));
    expect(c.seen.length).toBe(2);
  });

  it('a Service change re-analyses the pods of its namespace only', () => {
    const c = counter();
    const live = new LiveAnalysis(store, { rules: [c], now: () => clock });
    live.all();
    c.seen.length = 0;
    const svc: KubeObject = { kind: 'Service', metadata: { name: 'new', namespace: 'data', uid: 'svc-new', resourceVersion: '9' }, spec: { selector: { app: 'redis' } } };
    change(live, 'services', 'ADDED', svc);
    live.all();
    expect(c.seen.sort()).toEqual(podKeys(store, (x) => x.metadata?.namespace === 'data'));
  });

  it('an event re-analyses the pod it is about; a Deployment change its pods', () => {
    const c = counter();
    const live = new LiveAnalysis(store, { rules: [c], now: () => clock });
    live.all();
    c.seen.length = 0;
    const flaky = podNamed('flaky-');
    const ev: KubeObject = {
      kind: 'Event',
      metadata: { name: 'e1', namespace: 'ops', uid: 'ev1', resourceVersion: '5' },
      involvedObject: { kind: 'Pod', namespace: 'ops', name: flaky.metadata!.name },
      reason: 'Unhealthy',
    };
    change(live, 'events', 'ADDED', ev);
    live.all();
    expect(c.seen).toEqual([objectKey(flaky)]);
    c.seen.length = 0;
    const dep = store.get('deployments', 'shop/cart')!;
    change(live, 'deployments', 'MODIFIED', bump(dep, (o) => ({ ...o, spec: { ...(o.spec as object), replicas: 5 } })));
    live.all();
    expect(c.seen.sort()).toEqual(podKeys(store, (x) => String(x.metadata?.name).startsWith('cart-')));
  });

  it('a deleted pod has no findings; a relist re-analyses everything', () => {
    const c = counter();
    const live = new LiveAnalysis(store, { rules: [c], now: () => clock });
    live.all();
    const debug = store.get('pods', 'legacy/debug')!;
    change(live, 'pods', 'DELETED', debug);
    expect(live.findingsForPod('legacy/debug')).toEqual([]);
    c.seen.length = 0;
    const off = store.subscribe((b) => live.onBatch(b));
    store.replaceAll('pods', [...store.list('pods')]);
    store.flush();
    off();
    live.all();
    expect(c.seen.length).toBe(store.list('pods').length);
  });

  it('all() and summary() are kept between batches, and recomputed after one', () => {
    const live = new LiveAnalysis(store, { now: () => clock });
    const first = live.all();
    expect(live.all()).toBe(first);
    const debug = store.get('pods', 'legacy/debug')!;
    change(live, 'pods', 'DELETED', debug);
    const after = live.all();
    expect(after).not.toBe(first);
    expect(after.some((f) => f.object.name === 'debug')).toBe(false);
    expect(live.summary().warning).toBe(after.filter((f) => f.severity === 'warning' && !f.ignored).length);
  });

  it('runtime rules that read the clock are re-run as time passes; other runtime rules and spec rules are not', () => {
    const spec = counter();
    const runtime = counter(true);
    const clocked = counter(true, true);
    const live = new LiveAnalysis(store, { rules: [spec, runtime], now: () => clock });
    const timed = new LiveAnalysis(store, { rules: [clocked], now: () => clock });
    live.findingsForPod('legacy/port-clash');
    timed.findingsForPod('legacy/port-clash');
    clock += 60_000;
    live.findingsForPod('legacy/port-clash');
    timed.findingsForPod('legacy/port-clash');
    expect(spec.seen).toEqual(['legacy/port-clash']);
    expect(runtime.seen).toEqual(['legacy/port-clash']);
    expect(clocked.seen).toEqual(['legacy/port-clash', 'legacy/port-clash']);
  });

  it('silences live findings through the config', () => {
    const live = new LiveAnalysis(store, { now: () => clock, silence: { ignore: [{ rule: 'port-conflict', namespace: 'legacy' }] } });
    const f = live.findingsForPod('legacy/port-clash').find((x) => x.rule === 'port-conflict')!;
    expect(f.ignored?.by).toBe('config');
    expect(live.summary().ignored).toBeGreaterThan(0);
  });
});

describe('LiveAnalysis shares findings between replicas of one template', () => {
  const ns = 'team';
  const dep: KubeObject = { kind: 'Deployment', metadata: { name: 'q', namespace: ns, uid: 'dep-q', resourceVersion: '1' }, spec: { replicas: 2 } };
  const rs: KubeObject = {
    kind: 'ReplicaSet',
    metadata: { name: 'q-abc', namespace: ns, uid: 'rs-q', resourceVersion: '1', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'q', uid: 'dep-q', controller: true }] },
  };
  const replica = (i: number, annotations?: Record<string, string>): KubeObject => ({
    kind: 'Pod',
    metadata: {
      name: `q-abc-${i}`,
      namespace: ns,
      uid: `pod-q-${i}`,
      resourceVersion: '1',
      labels: { app: 'q', 'pod-template-hash': 'abc' },
      ...(annotations ? { annotations } : {}),
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'q-abc', uid: 'rs-q', controller: true }],
    },
    spec: { containers: [{ name: 'q', image: 'example/q:1', resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { memory: '1Gi' } } }] },
    status: { phase: 'Running' },
  });

  it('a Service added later reaches every replica; silencing stays per pod', () => {
    const store = new ObjectStore({ flushMs: 0 });
    store.setKinds(['pods', 'services', 'deployments', 'replicasets', 'events', 'poddisruptionbudgets', 'persistentvolumeclaims']);
    store.apply('deployments', 'ADDED', dep);
    store.apply('replicasets', 'ADDED', rs);
    store.apply('pods', 'ADDED', replica(1));
    store.apply('pods', 'ADDED', replica(2, { 'podscope.io/ignore': 'readiness-probe-missing' }));
    store.flush();
    const live = new LiveAnalysis(store, { now: () => NOW });
    const readiness = () =>
      live
        .all()
        .filter((f) => f.rule === 'readiness-probe-missing')
        .map((f) => `${f.object.name}:${f.ignored ? 'ignored' : 'open'}`);
    expect(readiness()).toEqual([]);
    const off = store.subscribe((b) => live.onBatch(b));
    store.apply('services', 'ADDED', { kind: 'Service', metadata: { name: 'q', namespace: ns, uid: 'svc-q', resourceVersion: '2' }, spec: { selector: { app: 'q' } } });
    store.flush();
    off();
    expect(readiness()).toEqual(['q-abc-1:open', 'q-abc-2:ignored']);
    expect(live.findingsForPod(`${ns}/q-abc-2`).every((f) => f.object.name === 'q-abc-2')).toBe(true);
  });
});

describe('rollUp', () => {
  it('reports shared spec findings once on the top controller, runtime findings stay on the pod', () => {
    const store = scenarioStore();
    const live = new LiveAnalysis(store, { now: () => NOW });
    const rolled = rollUp(live.all(), store);
    const on = (kind: string, name: string, rule: string) => rolled.filter((f) => f.object.kind === kind && f.object.name === name && f.rule === rule);
    const pe = on('Deployment', 'api', 'privilege-escalation');
    expect(pe.length).toBeGreaterThan(0);
    expect(pe[0].evidence.every((e) => e.startsWith('spec.template.spec.'))).toBe(true);
    expect(rolled.filter((f) => f.object.kind === 'Pod' && String(f.object.name).startsWith('api-') && f.rule === 'privilege-escalation')).toEqual([]);
    expect(on('Deployment', 'payments', 'replicas-same-node')).toHaveLength(1);
    expect(rolled.filter((f) => f.rule === 'crash-loop').every((f) => f.object.kind === 'Pod')).toBe(true);
    expect(on('Pod', 'port-clash', 'port-conflict')).toHaveLength(1);
  });

  it('a finding only some pods of a controller carry (a rollout in progress) stays on those pods', () => {
    const store = scenarioStore();
    const cart = store.list('pods').filter((p) => String(p.metadata?.name).startsWith('cart-'));
    const [first] = cart;
    const spec = first.spec as { containers: Record<string, unknown>[] };
    // A pod of a new template revision, without resources.
    const labels = { ...first.metadata!.labels, 'pod-template-hash': 'newrev' };
    store.apply('pods', 'MODIFIED', { ...first, metadata: { ...first.metadata, labels }, spec: { ...spec, containers: spec.containers.map((c) => ({ ...c, resources: {} })) } });
    store.flush();
    const rolled = rollUp(new LiveAnalysis(store, { now: () => NOW }).all(), store);
    const rm = rolled.filter((f) => f.rule === 'resources-missing' && (f.object.name === 'cart' || String(f.object.name).startsWith('cart-')));
    expect(rm.map((f) => `${f.object.kind}/${f.object.name}`)).toEqual([`Pod/${first.metadata!.name}`]);
  });
});
