// Sharing identical parts of objects, to keep 50,000 pods (and their controllers) in memory
// within budget.
//
// Pods made by one controller carry the same containers, tolerations, affinity, labels and
// owner references, which also appear in the pod template of their ReplicaSet, StatefulSet,
// DaemonSet or Job (and Deployment): about two thirds of a pod once managedFields is gone.
// Each such part is looked up by a cheap signature (names and images, not the whole text),
// compared by deep equality with the few candidates of that signature, and replaced by the
// first equal copy seen, so thousands of objects point at one frozen value. Containers and
// volumes are shared bottom-up instead, item by item (share-parts.ts).
//
// An update of an object the store holds first keeps the parts that did not change
// (carry-over.ts); only the rest is interned and shared.
//
// The table holds references, not copies: its cost is one small entry per distinct value.
// It is cleared when it grows past MAX_SIGNATURES (a value still stored stays valid; it is
// only no longer shared with later arrivals).
import type { KubeObject, ResourceKind } from '../model/kube.js';
import { CandidateTable } from './candidates.js';
import { carryOver, jsonEqual } from './carry-over.js';
import { PartSharer } from './share-parts.js';
import { StringTable } from './slim.js';
import { editable } from './editable.js';

type Json = Record<string, unknown>;

const POD_SPEC_FIELDS = ['containers', 'initContainers', 'tolerations', 'affinity', 'volumes', 'securityContext', 'topologySpreadConstraints', 'nodeSelector'];
const META_FIELDS = ['labels', 'annotations', 'ownerReferences'];
const TEMPLATE_KINDS: ReadonlySet<ResourceKind> = new Set(['deployments', 'replicasets', 'statefulsets', 'daemonsets', 'jobs']);

/** Fields whose parts repeat across controllers: shared part by part (share-parts.ts), never by signature. */
const PART_FIELDS: ReadonlySet<string> = new Set(['pod.containers', 'pod.initContainers', 'pod.volumes']);

const MAX_SIGNATURES = 100_000;
const CANDIDATES_PER_SIGNATURE = 4;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value as object)) deepFreeze(child);
  }
  return value;
}

/**
 * Cheap and selective: the identifying strings of the first few entries, never the whole value.
 * Joined from an array, not built with +=: each += made a cons string, and the table keeps
 * its key, so a signature was a tree of ~15 cons strings plus their short joints (~250 bytes
 * per table entry); join() makes one flat string. Measured at 50,027 pods: the signature
 * table 8.0 → 4.3 MB (31,138 keys).
 */
function signature(field: string, value: object): string {
  const parts: string[] = [field, Array.isArray(value) ? ':a' : ':o', String(Object.keys(value).length)];
  let taken = 0;
  for (const [key, item] of Object.entries(value)) {
    if (taken++ >= 6) break;
    if (item && typeof item === 'object') {
      const named = item as { name?: unknown; image?: unknown; uid?: unknown; key?: unknown; mountPath?: unknown };
      for (const id of [named.name, named.image, named.uid, named.key]) if (typeof id === 'string') parts.push('|', id);
    } else {
      parts.push('|', key, '=', String(item).slice(0, 40));
    }
  }
  return parts.join('');
}

export class ContentInterner {
  private readonly table = new CandidateTable<string>(MAX_SIGNATURES, CANDIDATES_PER_SIGNATURE);
  private readonly parts = new PartSharer();
  private readonly strings = new StringTable();

  /** The shared copy of `value` (frozen), or `value` itself, now frozen and shareable. */
  share<T>(field: string, value: T): T {
    // A frozen value is one this interner (or the store) already made the shared copy.
    if (!value || typeof value !== 'object' || Object.isFrozen(value)) return value;
    // Shared bottom-up, the whole list included (share-parts.ts): no signature table entry.
    // A pod's volumes (and, in real clusters, its containers' volumeMounts) name its own
    // kube-api-access-xxxxx volume, so those lists are unique per pod and their signatures
    // were ~43,000 never-matched entries at 50,027 pods.
    if (PART_FIELDS.has(field)) return this.parts.shareTree(value as object) as T;
    const sig = signature(field, value);
    const known = this.table.find(sig, (candidate) => candidate === value || jsonEqual(candidate, value));
    if (known) return known as T;
    this.table.add(sig, deepFreeze(value) as object);
    return value;
  }

  /** `holder` with the listed fields shared; a copy when anything was replaced, else `holder` itself. */
  private shareFields(prefix: string, holder: unknown, fields: readonly string[]): unknown {
    if (!holder || typeof holder !== 'object' || Array.isArray(holder)) return holder;
    let copy: Json | undefined;
    for (const field of fields) {
      const value = (holder as Json)[field];
      if (!value || typeof value !== 'object') continue;
      const shared = this.share(`${prefix}${field}`, value);
      if (shared !== value) {
        copy ??= editable(holder as Json);
        copy[field] = shared;
      }
    }
    return copy ?? holder;
  }

  /**
   * Returns `obj` with its shareable parts replaced by shared copies, and its repeated strings
   * by their one copy. Given the `previous` version of the object, the parts that did not
   * change are that version's own (carry-over.ts) and are not looked at again; `previous`
   * itself when nothing changed. Equal strings and parts are swapped into `obj` in place
   * where it is not frozen (editable.ts), so the content stays the same.
   */
  intern(kind: ResourceKind, raw: KubeObject, previous?: KubeObject): KubeObject {
    const obj = previous ? carryOver(raw, previous) : raw;
    if (obj === previous) return obj;
    this.strings.internObject(obj, previous);
    if (kind === 'pods') {
      const spec = this.shareFields('pod.', obj.spec, POD_SPEC_FIELDS);
      const metadata = this.shareFields('meta.', obj.metadata, META_FIELDS);
      const status = this.parts.share(obj.status, previous !== undefined);
      if (spec === obj.spec && metadata === obj.metadata && status === obj.status) return obj;
      return { ...obj, spec, metadata: metadata as KubeObject['metadata'], status };
    }
    if (kind === 'podmetrics') {
      // Metrics carry a copy of their pod's labels: share it with the pod's.
      const metadata = this.shareFields('meta.', obj.metadata, ['labels']);
      return metadata === obj.metadata ? obj : { ...obj, metadata: metadata as KubeObject['metadata'] };
    }
    if (TEMPLATE_KINDS.has(kind)) {
      // A controller's labels, its selector and its template's labels are often one content,
      // also carried by its pods: one object for all of them.
      const metadata = this.shareFields('meta.', obj.metadata, ['labels']);
      const spec = this.shareControllerSpec(obj.spec);
      if (metadata === obj.metadata && spec === obj.spec) return obj;
      return { ...obj, metadata: metadata as KubeObject['metadata'], spec };
    }
    return obj;
  }

  private shareControllerSpec(spec: unknown): unknown {
    if (!spec || typeof spec !== 'object' || Array.isArray(spec)) return spec;
    let copy: Json | undefined;
    const template = (spec as Json).template as Json | undefined;
    if (template && typeof template === 'object' && !Array.isArray(template)) {
      const templateSpec = this.shareFields('pod.', template.spec, POD_SPEC_FIELDS);
      const templateMeta = this.shareFields('meta.', template.metadata, ['labels', 'annotations']);
      if (templateSpec !== template.spec || templateMeta !== template.metadata) {
        copy = { ...(spec as Json), template: { ...template, spec: templateSpec, metadata: templateMeta } };
      }
    }
    const selector = (spec as Json).selector as Json | undefined;
    const matchLabels = selector && typeof selector === 'object' ? selector.matchLabels : undefined;
    if (matchLabels && typeof matchLabels === 'object' && !Array.isArray(matchLabels)) {
      const shared = this.share('meta.labels', matchLabels);
      if (shared !== matchLabels) {
        copy ??= editable(spec as Json);
        copy.selector = { ...selector, matchLabels: shared };
      }
    }
    return copy ?? spec;
  }

  clear(): void {
    this.table.clear();
    this.parts.clear();
    this.strings.clear();
  }
}
