// Which live pods are replicas of one template: they share the spec-level findings and the
// context (owners, Services, PDBs, PVCs, roles), so the analysis runs those rules once per
// template instead of once per pod.
//
// Replicas of one template: the same controller (by uid) and template revision, the same
// labels (they decide the Services and PDBs), the same images and generation. StatefulSet
// pods differ in their claims, and pods without a revision label are not known to share anything.
import type { KubeObject } from '../model/kube.js';
import { asArray, asRecord, asString, isRecord } from './pod-helpers.js';
import { PassMemo } from './pass-memo.js';

/**
 * Reads a part of a pod once per frozen value: the object store shares one frozen copy of the
 * owner references, labels and containers between the replicas of a workload, so a template
 * key costs a few lookups instead of a walk over labels and images for each of 50,000 pods.
 */
function perFrozen<T>(read: (value: unknown) => T): (value: unknown) => T {
  const memo = new PassMemo<object, T>();
  return (value) => {
    if (!value || typeof value !== 'object' || !Object.isFrozen(value)) return read(value);
    // One lookup for the usual answer (defined); has() only to tell a remembered undefined.
    const known = memo.get(value);
    if (known !== undefined || memo.has(value)) return known as T;
    const out = read(value);
    memo.set(value, out);
    return out;
  };
}

/**
 * One flat string from the parts. Template-literal and `+=` keys are rope (cons) strings: a
 * key of ten labels was a chain of twenty cons cells kept alive for as long as the key. A
 * join writes one flat string (measured at 50,000 pods: 1.2 M cons strings, 40 MB, in a heap
 * snapshot of the TUI before).
 */
function flat(parts: string[]): string {
  return parts.join('|');
}

const controllerOf = perFrozen((refs) => {
  const owner = asArray(refs).find((r) => isRecord(r) && r.controller === true) as Record<string, unknown> | undefined;
  const uid = asString(owner?.uid);
  return uid ? { uid, kind: asString(owner?.kind) } : undefined;
});

const labelsKey = perFrozen((labels) => {
  const l = asRecord(labels);
  const parts: string[] = [];
  for (const k in l) parts.push(`${k}=${String(l[k])}`);
  return { key: flat(parts), revision: asString(l['pod-template-hash']) ?? asString(l['controller-revision-hash']) };
});

const imagesKey = perFrozen((containers) => flat(asArray(containers).map((c) => String(asRecord(c).image))));

/** What the key of the last pod seen with these frozen labels was read from. */
interface KnownKey {
  refs: unknown;
  containers: unknown;
  namespace: unknown;
  generation: unknown;
  key: string | undefined;
}

const keysByLabels = new PassMemo<object, KnownKey>();

function frozenOrAbsent(v: unknown): boolean {
  return v === undefined || v === null || typeof v !== 'object' || Object.isFrozen(v);
}

/** The template key of a live pod, or undefined when it is not known to share a template. */
export function templateKey(pod: KubeObject): string | undefined {
  const m = asRecord(pod.metadata);
  // Replicas share their frozen labels, owner references and containers: the key of the last
  // pod seen with the same three (and namespace and generation) is this pod's key too.
  const containers = asRecord(pod.spec).containers;
  const labels = m.labels;
  const known = labels && typeof labels === 'object' ? keysByLabels.get(labels) : undefined;
  if (known && known.refs === m.ownerReferences && known.containers === containers && known.namespace === m.namespace && known.generation === m.generation) return known.key;
  const key = readTemplateKey(pod, m);
  // Only frozen parts: an object that may still change cannot vouch for its content.
  if (labels && typeof labels === 'object' && Object.isFrozen(labels) && frozenOrAbsent(m.ownerReferences) && frozenOrAbsent(containers)) {
    keysByLabels.set(labels, { refs: m.ownerReferences, containers, namespace: m.namespace, generation: m.generation, key });
  }
  return key;
}

function readTemplateKey(pod: KubeObject, m: Record<string, unknown>): string | undefined {
  const owner = controllerOf(m.ownerReferences);
  if (!owner || owner.kind === 'StatefulSet') return undefined;
  const labels = labelsKey(m.labels);
  const revision = labels.revision ?? (owner.kind === 'Job' ? 'job' : undefined);
  if (!revision) return undefined;
  // generation (Kubernetes 1.33+) moves with in-place updates such as a resize.
  // Sections apart by a newline, which no uid, label or image holds: labels and images cannot run into each other.
  return [owner.uid, revision, asString(m.namespace) ?? '', String(m.generation ?? ''), labels.key, imagesKey(asRecord(pod.spec).containers)].join('\n');
}
