// The speed of live analysis rests on caches: findings per template group, container refs,
// roles and readers per frozen container list, owner chains and sibling placement per
// controller. Each test changes the world the way a watch would and checks the incremental
// answer against a fresh analysis of a fresh copy of the store (new objects, so no cache
// keyed by identity can answer for them).
import { describe, expect, it } from 'vitest';
import { LiveAnalysis } from '../../src/analysis/engine.js';
import { containerRoles } from '../../src/analysis/roles.js';
import { podContainers, podVolumes } from '../../src/analysis/pod-helpers.js';
import type { Finding } from '../../src/analysis/types.js';
import { ObjectStore } from '../../src/cluster/store.js';
import type { KubeObject, ResourceKind } from '../../src/model/kube.js';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const CREATED = '2026-03-01T10:00:00Z';
const KINDS: ResourceKind[] = ['pods', 'services', 'deployments', 'replicasets', 'poddisruptionbudgets'];

interface Template {
  hash: string;
  image: string;
  privileged?: boolean;
}

function deployment(): KubeObject {
  return { kind: 'Deployment', apiVersion: 'apps/v1', metadata: { name: 'web', namespace: 'shop', uid: 'dep-web', resourceVersion: '1' }, spec: { replicas: 3 } };
}

function replicaSet(t: Template): KubeObject {
  return {
    kind: 'ReplicaSet',
    apiVersion: 'apps/v1',
    metadata: {
      name: `web-${t.hash}`,
      namespace: 'shop',
      uid: `rs-${t.hash}`,
      resourceVersion: '1',
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'dep-web', controller: true }],
    },
    spec: { replicas: 3 },
  };
}

/** A replica: one container without ports or readiness probe (it serves only if a Service selects it). */
function pod(name: string, node: string, t: Template, rv = '1'): KubeObject {
  return {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: {
      name,
      namespace: 'shop',
      uid: `uid-${name}`,
      resourceVersion: rv,
      creationTimestamp: CREATED,
      labels: { app: 'web', 'pod-template-hash': t.hash },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `web-${t.hash}`, uid: `rs-${t.hash}`, controller: true }],
    },
    spec: {
      nodeName: node,
      containers: [
        {
          name: 'web',
          image: t.image,
          resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { memory: '64Mi' } },
          ...(t.privileged ? { securityContext: { privileged: true } } : {}),
        },
      ],
    },
    status: {
      phase: 'Running',
      startTime: CREATED,
      conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: CREATED }],
      containerStatuses: [{ name: 'web', ready: true, restartCount: 0, image: t.image, state: { running: { startedAt: CREATED } } }],
    },
  };
}

const V1: Template = { hash: 'aaaa1', image: 'shop/web:1.0' };

function world(): ObjectStore {
  const store = new ObjectStore({ flushMs: 0, kinds: KINDS });
  store.apply('deployments', 'ADDED', deployment());
  store.apply('replicasets', 'ADDED', replicaSet(V1));
  store.apply('pods', 'ADDED', pod('web-1', 'node-a', V1));
  store.apply('pods', 'ADDED', pod('web-2', 'node-a', V1));
  store.apply('pods', 'ADDED', pod('web-3', 'node-b', V1));
  store.flush();
  return store;
}

/** A comparable form of a set of findings: one line per finding, sorted. */
function lines(findings: Finding[]): string[] {
  return findings.map((f) => `${f.object.name} ${f.rule} ${f.severity} ${f.message} | ${f.evidence.join('; ')}${f.ignored ? ' (ignored)' : ''}`).sort();
}

/** The same analysis with nothing cached: a new store of new objects. */
function fresh(store: ObjectStore): string[] {
  const copy = new ObjectStore({ flushMs: 0, kinds: KINDS });
  for (const kind of KINDS) copy.replaceAll(kind, store.list(kind).map((o) => structuredClone(o) as KubeObject));
  copy.flush();
  return lines(new LiveAnalysis(copy, { now: () => NOW }).all());
}

function setup() {
  const store = world();
  const live = new LiveAnalysis(store, { now: () => NOW });
  const off = store.subscribe((b) => live.onBatch(b));
  const apply = (kind: ResourceKind, type: 'ADDED' | 'MODIFIED' | 'DELETED', obj: KubeObject) => {
    store.apply(kind, type, obj);
    store.flush();
  };
  return { store, live, off, apply };
}

const rulesOf = (findings: Finding[], name: string) => findings.filter((f) => f.object.name === name).map((f) => f.rule);

describe('live analysis caches', () => {
  it('a pod moving node changes replicas-same-node for its siblings', () => {
    const { store, live, off, apply } = setup();
    expect(live.all().some((f) => f.rule === 'replicas-same-node')).toBe(false);
    apply('pods', 'MODIFIED', pod('web-3', 'node-a', V1, '2'));
    const after = live.all();
    for (const name of ['web-1', 'web-2', 'web-3']) expect(rulesOf(after, name)).toContain('replicas-same-node');
    expect(after.find((f) => f.rule === 'replicas-same-node')?.message).toContain('all 3 running pods of Deployment web are on node node-a');
    expect(lines(after)).toEqual(fresh(store));
    // And back: the finding goes from every sibling, not only the pod that moved.
    apply('pods', 'MODIFIED', pod('web-1', 'node-c', V1, '2'));
    const back = live.all();
    expect(back.some((f) => f.rule === 'replicas-same-node')).toBe(false);
    expect(lines(back)).toEqual(fresh(store));
    off();
  });

  it('a Service added changes readiness-probe-missing for every replica, and removed changes it back', () => {
    const { store, live, off, apply } = setup();
    // No ports and no Service: the container serves nothing, so no readiness probe is missing.
    expect(live.all().some((f) => f.rule === 'readiness-probe-missing')).toBe(false);
    const svc: KubeObject = { kind: 'Service', apiVersion: 'v1', metadata: { name: 'web', namespace: 'shop', uid: 'svc-web', resourceVersion: '1' }, spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] } };
    apply('services', 'ADDED', svc);
    const served = live.all();
    for (const name of ['web-1', 'web-2', 'web-3']) expect(rulesOf(served, name)).toContain('readiness-probe-missing');
    expect(lines(served)).toEqual(fresh(store));
    apply('services', 'DELETED', svc);
    const gone = live.all();
    expect(gone.some((f) => f.rule === 'readiness-probe-missing')).toBe(false);
    expect(lines(gone)).toEqual(fresh(store));
    off();
  });

  it('a template change is not served from the old template\'s findings', () => {
    const { store, live, off, apply } = setup();
    expect(live.all().some((f) => f.rule === 'privileged')).toBe(false);
    // A rollout: a new ReplicaSet whose template runs privileged replaces one pod.
    const v2: Template = { hash: 'bbbb2', image: 'shop/web:1.0', privileged: true };
    apply('replicasets', 'ADDED', replicaSet(v2));
    apply('pods', 'DELETED', pod('web-3', 'node-b', V1));
    apply('pods', 'ADDED', pod('web-4', 'node-b', v2));
    const rolled = live.all();
    expect(rulesOf(rolled, 'web-4')).toContain('privileged');
    expect(rulesOf(rolled, 'web-1')).not.toContain('privileged');
    expect(lines(rolled)).toEqual(fresh(store));
    // An image changed in place (same revision): the image is part of the template's key.
    apply('pods', 'MODIFIED', pod('web-1', 'node-a', { ...V1, image: 'shop/web:latest' }, '2'));
    const edited = live.all();
    expect(rulesOf(edited, 'web-1')).toContain('image-tag');
    expect(rulesOf(edited, 'web-2')).not.toContain('image-tag');
    expect(lines(edited)).toEqual(fresh(store));
    off();
  });

  it('a pod listed right after a replica takes its group only when its template is the same', () => {
    const { store, live, off, apply } = setup();
    // The same labels, owner references and containers (the store shares them by content),
    // in another namespace, where a Service selects it: another template, other findings.
    const other = pod('web-1', 'node-a', V1);
    other.metadata = { ...other.metadata, namespace: 'shop2', uid: 'uid-shop2-web-1' };
    apply('pods', 'ADDED', other);
    apply('services', 'ADDED', { kind: 'Service', apiVersion: 'v1', metadata: { name: 'web', namespace: 'shop2', uid: 'svc-2' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } });
    const list = store.list('pods');
    expect(list[list.length - 1].metadata?.labels).toBe(list[list.length - 2].metadata?.labels);
    const found = live.all();
    expect(found.filter((f) => f.rule === 'readiness-probe-missing').map((f) => `${f.object.namespace}/${f.object.name}`)).toEqual(['shop2/web-1']);
    expect(lines(found)).toEqual(fresh(store));
    off();
  });

  it('pods of two StatefulSets side by side each get their own owner chain and siblings', () => {
    const sts = (name: string, replicas: number): KubeObject => ({ kind: 'StatefulSet', apiVersion: 'apps/v1', metadata: { name, namespace: 'shop', uid: `sts-${name}` }, spec: { replicas } });
    const member = (set: string, i: number, node: string): KubeObject => ({
      kind: 'Pod',
      apiVersion: 'v1',
      metadata: {
        name: `${set}-${i}`,
        namespace: 'shop',
        uid: `uid-${set}-${i}`,
        creationTimestamp: CREATED,
        labels: { app: set, 'controller-revision-hash': `${set}-1` },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: set, uid: `sts-${set}`, controller: true }],
      },
      spec: { nodeName: node, containers: [{ name: 'db', image: 'shop/db:1.0', ports: [{ containerPort: 5432 }] }] },
      status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }], containerStatuses: [{ name: 'db', ready: true, restartCount: 0, state: { running: {} } }] },
    });
    const store = new ObjectStore({ flushMs: 0, kinds: ['pods', 'statefulsets'] });
    store.apply('statefulsets', 'ADDED', sts('db', 1));
    store.apply('statefulsets', 'ADDED', sts('cache', 2));
    // db-0 between the two cache pods, which run on one node: only they are "all on one node".
    store.apply('pods', 'ADDED', member('cache', 0, 'node-a'));
    store.apply('pods', 'ADDED', member('db', 0, 'node-a'));
    store.apply('pods', 'ADDED', member('cache', 1, 'node-a'));
    store.flush();
    const found = new LiveAnalysis(store, { now: () => NOW }).all();
    expect(rulesOf(found, 'db-0')).toContain('single-replica');
    expect(rulesOf(found, 'db-0')).not.toContain('replicas-same-node');
    for (const name of ['cache-0', 'cache-1']) {
      expect(rulesOf(found, name)).not.toContain('single-replica');
      expect(rulesOf(found, name)).toContain('replicas-same-node');
    }
  });

  it('readers remembered for frozen container lists answer as for unfrozen ones', () => {
    const spec = {
      initContainers: [{ name: 'proxy', image: 'envoyproxy/envoy:v1.30', restartPolicy: 'Always', ports: [{ containerPort: 15001 }] }],
      containers: [
        { name: 'app', image: 'shop/app:1', ports: [{ containerPort: 8080 }] },
        { name: 'logs', image: 'fluent/fluent-bit:3', volumeMounts: [{ name: 'logs', mountPath: '/logs', readOnly: true }] },
      ],
      volumes: [{ name: 'logs', emptyDir: {} }],
    };
    const frozen = structuredClone(spec);
    for (const part of [frozen.initContainers, frozen.containers, frozen.volumes]) deepFreeze(part);
    expect(podContainers(frozen, 'spec.template.spec')).toEqual(podContainers(spec, 'spec.template.spec'));
    expect(podContainers(frozen)).toEqual(podContainers(spec));
    // The same frozen list under another spec path: paths follow the path asked for.
    expect(podContainers(frozen, 'spec')[1].path).toBe('spec.containers[0]');
    expect(podContainers(frozen, 'spec.template.spec')[1].path).toBe('spec.template.spec.containers[0]');
    expect(containerRoles(frozen, { servicePorts: [8080] })).toEqual(containerRoles(spec, { servicePorts: [8080] }));
    expect(containerRoles(frozen)).toEqual(containerRoles(spec));
    expect([...podVolumes(frozen).entries()]).toEqual([...podVolumes(spec).entries()]);
    // What is remembered cannot be changed by a careless caller.
    expect(() => (podContainers(frozen) as unknown[]).push({})).toThrow();
  });
});

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
