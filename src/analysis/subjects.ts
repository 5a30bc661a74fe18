// Turns API objects into PodSubjects: a live Pod, or the pod template inside a workload
// manifest, with the path where the spec sits so evidence points into the object as given.
import type { KubeObject, ObjectMeta, Pod, PodSpec } from '../model/kube.js';
import { sanitize } from '../model/sanitize.js';
import type { PodSubject } from './rule.js';
import type { ObjectRef } from './types.js';
import { asRecord, asString, isRecord } from './pod-helpers.js';

/** Where the pod template sits in each kind that carries one. */
const TEMPLATE_PATHS: Record<string, string[]> = {
  Deployment: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

export const ANALYZED_KINDS = ['Pod', ...Object.keys(TEMPLATE_PATHS)];

export function objectRef(obj: KubeObject, fallbackKind = 'Pod'): ObjectRef {
  const meta = asRecord(obj.metadata);
  const ns = asString(meta.namespace);
  return {
    kind: sanitize(asString(obj.kind) ?? fallbackKind, 60),
    ...(ns ? { namespace: sanitize(ns, 253) } : {}),
    name: sanitize(asString(meta.name) ?? '(unnamed)', 253),
  };
}

/**
 * A live pod as a subject. Its ref is made when first read: only a pod that gets a finding of
 * its own needs one, and sanitising two names for each of 50,027 pods was about 20 ms of a
 * cold pass. Read once, the same ref is every finding's `object`, as before.
 */
class LivePodSubject implements PodSubject {
  readonly podMeta: ObjectMeta;
  readonly spec: PodSpec;
  readonly specPath = 'spec';
  readonly pod: Pod;
  readonly source = 'live' as const;
  private madeRef: ObjectRef | undefined;

  constructor(readonly object: KubeObject) {
    this.podMeta = (isRecord(object.metadata) ? object.metadata : {}) as ObjectMeta;
    this.spec = (isRecord(object.spec) ? object.spec : {}) as PodSpec;
    this.pod = object as Pod;
  }

  get ref(): ObjectRef {
    return (this.madeRef ??= objectRef(this.object, 'Pod'));
  }
}

/** A live pod as a subject. */
export function subjectFromPod(pod: Pod | KubeObject): PodSubject {
  return new LivePodSubject(pod as KubeObject);
}

/** The subject of one manifest object, or undefined when its kind carries no pod. */
export function subjectFromManifest(obj: KubeObject): PodSubject | undefined {
  if (!isRecord(obj)) return undefined;
  const kind = asString(obj.kind);
  if (kind === 'Pod') {
    return {
      object: obj,
      ref: objectRef(obj, 'Pod'),
      podMeta: (isRecord(obj.metadata) ? obj.metadata : {}) as ObjectMeta,
      spec: (isRecord(obj.spec) ? obj.spec : {}) as PodSpec,
      specPath: 'spec',
      source: 'manifest',
    };
  }
  const path = kind ? TEMPLATE_PATHS[kind] : undefined;
  if (!path) return undefined;
  let template: unknown = obj;
  for (const step of path) template = asRecord(template)[step];
  const t = asRecord(template);
  return {
    object: obj,
    ref: objectRef(obj),
    podMeta: (isRecord(t.metadata) ? t.metadata : {}) as ObjectMeta,
    spec: (isRecord(t.spec) ? t.spec : {}) as PodSpec,
    specPath: `${path.join('.')}.spec`,
    source: 'manifest',
  };
}

/** Flattens `kind: List` (and `kubectl get -o yaml` output) into its items. */
export function flattenObjects(objects: readonly unknown[]): KubeObject[] {
  const out: KubeObject[] = [];
  const visit = (o: unknown, depth: number): void => {
    if (!isRecord(o)) return;
    if (depth < 3 && Array.isArray(o.items) && (o.kind === undefined || String(o.kind).endsWith('List'))) {
      for (const item of o.items) visit(item, depth + 1);
      return;
    }
    out.push(o as KubeObject);
  };
  for (const o of Array.isArray(objects) ? objects : []) visit(o, 0);
  return out;
}
