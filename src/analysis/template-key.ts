// Which live pods are replicas of one template: they share the spec-level findings and the
// context (owners, Services, PDBs, PVCs, roles), so the analysis runs those rules once per
// template instead of once per pod.
//
// Replicas of one template: the same controller (by uid) and template revision, the same
// labels (they decide the Services and PDBs), the same images and generation. The pods of a
// StatefulSet are replicas too, apart from what its controller makes for each: the labels
// naming the pod and its ordinal (left out of the key) and its claims (the live analysis
// gives each pod its own, live.ts). Pods without a revision label are not known to share anything.
import type { KubeObject } from '../model/kube.js';
import { asArray, asRecord, asString, isRecord } from './pod-helpers.js';
import { PassMemo } from './pass-memo.js';

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

function labelsKey(labels: unknown, withoutPodIdentity: boolean): string {
  const l = asRecord(labels);
  const parts: string[] = [];
  for (const k in l) if (!withoutPodIdentity || !POD_IDENTITY_LABELS.has(k)) parts.push(`${k}=${String(l[k])}`);
  return flat(parts);
}

function revisionOf(labels: unknown): string | undefined {
  const l = asRecord(labels);
  return asString(l['pod-template-hash']) ?? asString(l['controller-revision-hash']);
}

function imagesKey(containers: unknown): string {
  return flat(asArray(containers).map((c) => String(asRecord(c).image)));
}

/** What the key of the last pod seen with these frozen labels was read from. */
interface KnownKey {
  refs: unknown;
  containers: unknown;
  namespace: unknown;
  generation: unknown;
  key: string | undefined;
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

const keysByLabels = new PassMemo<object, KnownKey>();

/** A part of a pod that vouches for its content by identity: frozen (the store's), or absent. */
export function frozenOrAbsent(v: unknown): boolean {
  return v === undefined || v === null || typeof v !== 'object' || Object.isFrozen(v);
}

/** The template key of a live pod, or undefined when it is not known to share a template. */
export function templateKey(pod: KubeObject): string | undefined {
  const m = asRecord(pod.metadata);
  // Replicas share their frozen labels and owner references: the key of the last pod seen with
  // the same two (and namespace, generation and images) is this pod's key too.
  const containers = asRecord(pod.spec).containers;
  const labels = m.labels;
  const known = labels && typeof labels === 'object' ? keysByLabels.get(labels) : undefined;
  if (known && known.refs === m.ownerReferences && known.namespace === m.namespace && known.generation === m.generation && sameImages(known.containers, containers)) return known.key;
  const key = readTemplateKey(pod, m);
  // Only frozen parts: an object that may still change cannot vouch for its content.
  if (labels && typeof labels === 'object' && Object.isFrozen(labels) && frozenOrAbsent(m.ownerReferences) && frozenOrAbsent(containers)) {
    keysByLabels.set(labels, { refs: m.ownerReferences, containers, namespace: m.namespace, generation: m.generation, key });
  }
  return key;
}

/**
 * The key read from the pod's parts. Read once per template, not per part: the labels, owner
 * references and containers of one template are new to the pass together (a memo per part
 * cost three Map operations each and answered nothing; measured at 50,027 pods, 17,100
 * templates: about 20 ms of a cold pass).
 */
function readTemplateKey(pod: KubeObject, m: Record<string, unknown>): string | undefined {
  const owner = controllerOf(m.ownerReferences);
  if (!owner) return undefined;
  const revision = revisionOf(m.labels) ?? (owner.kind === 'Job' ? 'job' : undefined);
  if (!revision) return undefined;
  const statefulSet = owner.kind === 'StatefulSet';
  // generation (Kubernetes 1.33+) moves with in-place updates such as a resize.
  // Sections apart by a newline, which no uid, label or image holds: labels and images cannot run into each other.
  // One join, the StatefulSet mark included: a prefix added with + would make the key a rope.
  const parts = [owner.uid, revision, asString(m.namespace) ?? '', String(m.generation ?? ''), labelsKey(m.labels, statefulSet), imagesKey(asRecord(pod.spec).containers)];
  if (statefulSet) parts.unshift(STATEFUL_SET);
  return parts.join('\n');
}
