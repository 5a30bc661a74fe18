// Which live pods are replicas of one template: they share the spec-level findings and the
// context (owners, Services, PDBs, PVCs, roles), so the analysis runs those rules once per
// template instead of once per pod.
//
// Replicas of one template: the same controller (by uid) and template revision, the same
// images and generation (the key), and the same labels, which decide the Services and PDBs
// (compared, sameTemplateLabels). The pods of a StatefulSet are replicas too, apart from what
// its controller makes for each: the labels naming the pod and its ordinal (left out of the
// comparison) and its claims (the live analysis gives each pod its own, live.ts). Pods
// without a revision label are not known to share anything.
import type { KubeObject } from '../model/kube.js';
import { asArray, asRecord, asString, isRecord } from './pod-helpers.js';

/**
 * One flat string from the parts. Template-literal and `+=` keys are rope (cons) strings: a
 * key of ten labels was a chain of twenty cons cells kept alive for as long as the key. A
 * join writes one flat string (measured at 50,000 pods: 1.2 M cons strings, 40 MB, in a heap
 * snapshot of the TUI before).
 */
function flat(parts: string[]): string {
  return parts.join('|');
}

function controllerOf(refs: unknown): { uid: string; kind: string | undefined } | undefined {
  const owner = asArray(refs).find((r) => isRecord(r) && r.controller === true) as Record<string, unknown> | undefined;
  const uid = asString(owner?.uid);
  return uid ? { uid, kind: asString(owner?.kind) } : undefined;
}

/** Labels a StatefulSet's controller puts on each of its pods: the pod's name and ordinal. */
export const POD_IDENTITY_LABELS: ReadonlySet<string> = new Set(['statefulset.kubernetes.io/pod-name', 'apps.kubernetes.io/pod-index']);

/** The first section of the template key of a StatefulSet's pods. */
const STATEFUL_SET = 'StatefulSet';

export function isStatefulSetKey(key: string): boolean {
  return key.startsWith(`${STATEFUL_SET}\n`);
}

const hasOwn = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/**
 * Whether two pods of one key carry the labels of one template: the same labels, in any
 * order, those naming a StatefulSet's pod apart. Compared, not written into the key: the
 * replicas of a ReplicaSet share one frozen labels object (the store's), and a text of every
 * label for each template was ~17,000 texts of ~100 characters a cold pass at 50,027 pods,
 * built and hashed to find groups that the owner and revision had nearly found already.
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

function imagesKey(containers: unknown): string {
  return flat(asArray(containers).map((c) => String(asRecord(c).image)));
}

/**
 * Whether two container lists hold the same images in the same order: all the key reads of
 * them. Compared by value, not only by the lists' identity: on a real cluster every pod's
 * containers are its own objects (each mounts its own kube-api-access-xxxxx token volume),
 * so replicas never share the list, only what is in it.
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

/**
 * The template key of a live pod, or undefined when it is not known to share a template. Pods
 * of one key are replicas when their labels are the same too (sameTemplateLabels).
 */
export function templateKey(pod: KubeObject): string | undefined {
  const m = asRecord(pod.metadata);
  const owner = controllerOf(m.ownerReferences);
  if (!owner) return undefined;
  const revision = revisionOf(m.labels) ?? (owner.kind === 'Job' ? 'job' : undefined);
  if (!revision) return undefined;
  // generation (Kubernetes 1.33+) moves with in-place updates such as a resize.
  // Sections apart by a newline, which no uid, label or image holds: the images cannot run into the rest.
  // One join, the StatefulSet mark included: a prefix added with + would make the key a rope.
  const parts = [owner.uid, revision, asString(m.namespace) ?? '', String(m.generation ?? ''), imagesKey(asRecord(pod.spec).containers)];
  if (owner.kind === 'StatefulSet') parts.unshift(STATEFUL_SET);
  return parts.join('\n');
}
