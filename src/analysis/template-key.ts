// Which live pods are replicas of one template: they share the spec-level findings and the
// context (owners, Services, PDBs, PVCs, roles), so the analysis runs those rules once per
// template instead of once per pod.
//
// Replicas of one template: the same controller (by uid) and template revision, the same
// namespace, generation and images, and the same labels, which decide the Services and PDBs
// (sameTemplateLabels). The pods of a StatefulSet are replicas too, apart from what its
// controller makes for each: the labels naming the pod and its ordinal (left out of the
// comparison) and its claims (the live analysis gives each pod its own, live.ts). Pods
// without a revision label are not known to share anything.
//
// Nothing is written into a key: the live analysis files its groups by the controller's uid,
// a text every pod already holds, and compares the rest. A key of all the parts, joined, was
// ~17,000 new texts a cold pass at 50,027 pods (and the lists they were joined from).
import type { KubeObject } from '../model/kube.js';
import { asArray, asRecord, asString, isRecord } from './pod-helpers.js';

function controllerOf(refs: unknown): { uid: string; kind: string | undefined } | undefined {
  const owner = asArray(refs).find((r) => isRecord(r) && r.controller === true) as Record<string, unknown> | undefined;
  const uid = asString(owner?.uid);
  return uid ? { uid, kind: asString(owner?.kind) } : undefined;
}

/** Labels a StatefulSet's controller puts on each of its pods: the pod's name and ordinal. */
export const POD_IDENTITY_LABELS: ReadonlySet<string> = new Set(['statefulset.kubernetes.io/pod-name', 'apps.kubernetes.io/pod-index']);

const hasOwn = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/**
 * Whether two pods of one controller carry the labels of one template: the same labels, in
 * any order, those naming a StatefulSet's pod apart. The replicas of a ReplicaSet share one
 * frozen labels object (the store's): nearly always settled by identity.
 */
export function sameTemplateLabels(a: unknown, b: unknown, statefulSet: boolean): boolean {
  if (a === b) return true;
  const la = asRecord(a);
  const lb = asRecord(b);
  let count = 0;
  for (const k in la) {
    if (!hasOwn(la, k) || (statefulSet && POD_IDENTITY_LABELS.has(k))) continue;
    if (!hasOwn(lb, k) || la[k] !== lb[k]) return false;
    count++;
  }
  for (const k in lb) if (hasOwn(lb, k) && !(statefulSet && POD_IDENTITY_LABELS.has(k))) count--;
  return count === 0;
}

function revisionOf(labels: unknown): string | undefined {
  const l = asRecord(labels);
  return asString(l['pod-template-hash']) ?? asString(l['controller-revision-hash']);
}

/**
 * Whether two container lists hold the same images in the same order: all a template is told
 * apart by in them. Compared by value, not only by the lists' identity: on a real cluster
 * every pod's containers are its own objects (each mounts its own kube-api-access-xxxxx token
 * volume), so replicas never share the list, only what is in it.
 */
export function sameImages(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (asRecord(a[i]).image !== asRecord(b[i]).image) return false;
  return true;
}

/** A part of a pod that vouches for its content by identity: frozen (the store's), or absent. */
export function frozenOrAbsent(v: unknown): boolean {
  return v === undefined || v === null || typeof v !== 'object' || Object.isFrozen(v);
}

/** What files a live pod's template: its controller and the revision of the controller's template. */
export interface TemplateOwner {
  /** The controller's uid. */
  uid: string;
  /** pod-template-hash or controller-revision-hash; `job` for a Job's pods, which carry neither. */
  revision: string;
  statefulSet: boolean;
}

/**
 * The controller and template revision of a live pod, or undefined when it is not known to
 * share a template. Pods of one are replicas when their namespace, generation, images and
 * labels are the same too (the live analysis compares them).
 */
export function templateOwner(pod: KubeObject): TemplateOwner | undefined {
  const m = asRecord(pod.metadata);
  const owner = controllerOf(m.ownerReferences);
  if (!owner) return undefined;
  const revision = revisionOf(m.labels) ?? (owner.kind === 'Job' ? 'job' : undefined);
  if (!revision) return undefined;
  return { uid: owner.uid, revision, statefulSet: owner.kind === 'StatefulSet' };
}
