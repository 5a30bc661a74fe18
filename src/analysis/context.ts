// Builds the RuleContext of a subject: from the live store (owner chain by uid, siblings,
// Services/PDBs selecting the pod, PVCs, events), or from what a set of manifests holds.
import type { KubeObject, Pod, ResourceKind } from '../model/kube.js';
import { resourceForKind } from '../model/kinds.js';
import { matchLabelSelector, matchSelectorMap, type Labels } from '../model/selectors.js';
import type { StoreView } from '../model/store-view.js';
import type { PodSubject, RuleContext } from './rule.js';
import { asArray, asRecord, asString, isRecord } from './pod-helpers.js';
import { containerRoles } from './roles.js';
import { POD_IDENTITY_LABELS } from './template-key.js';

function labelsOf(meta: unknown): Labels {
  const l = asRecord(meta).labels;
  return isRecord(l) ? (l as Record<string, string>) : {};
}

function namespaceOf(obj: unknown): string {
  return asString(asRecord(asRecord(obj).metadata).namespace) ?? '';
}

function uidOf(obj: unknown): string | undefined {
  return asString(asRecord(asRecord(obj).metadata).uid);
}

function serviceSelects(svc: KubeObject, labels: Labels): boolean {
  const sel = asRecord(svc.spec).selector;
  return isRecord(sel) && matchSelectorMap(sel as Record<string, string>, labels);
}

function pdbSelects(pdb: KubeObject, labels: Labels): boolean {
  const sel = asRecord(pdb.spec).selector;
  return isRecord(sel) && matchLabelSelector(sel, labels);
}

/** Target ports of the Services: the container that owns one is the pod's main container. */
function servicePorts(services: KubeObject[]): (number | string)[] {
  const out: (number | string)[] = [];
  for (const svc of services) {
    for (const p of asArray(asRecord(svc.spec).ports)) {
      const port = asRecord(p);
      const target = port.targetPort ?? port.port;
      if (typeof target === 'number' || typeof target === 'string') out.push(target);
    }
  }
  return out;
}

/**
 * The claim names of the pod's volumes. Read straight from the list, not through podVolumes()
 * and its Map of volume infos, which nothing here needs: asked for every pod of a StatefulSet,
 * whose volumes are its own, that Map was 45 ms of a cold pass at 50,027 pods. A claim of a
 * second volume of one name (refused by the API) only adds a PVC that no rule asks for.
 */
function claimNames(spec: unknown): string[] {
  const out: string[] = [];
  for (const v of asArray(asRecord(spec).volumes)) {
    const claim = isRecord(v) && isRecord(v.persistentVolumeClaim) ? asString(v.persistentVolumeClaim.claimName) : undefined;
    if (claim) out.push(claim);
  }
  return out;
}

/** What a set of manifests tells about each subject: the Services, PDBs and PVCs it holds. */
export class ManifestIndex {
  private readonly byKind = new Map<string, KubeObject[]>();

  constructor(objects: readonly KubeObject[]) {
    for (const o of objects) {
      const kind = asString(asRecord(o).kind);
      if (!kind) continue;
      const list = this.byKind.get(kind) ?? [];
      list.push(o);
      this.byKind.set(kind, list);
    }
  }

  /** Objects of a kind in a namespace; a manifest without a namespace is in any. */
  inNamespace(kind: string, ns: string): KubeObject[] {
    return (this.byKind.get(kind) ?? []).filter((o) => {
      const own = namespaceOf(o);
      return own === '' || ns === '' || own === ns;
    });
  }

  context(subject: PodSubject, now: number): RuleContext {
    const ns = namespaceOf(subject.object);
    const labels = labelsOf(subject.podMeta);
    const services = this.inNamespace('Service', ns).filter((s) => serviceSelects(s, labels));
    const pdbs = this.inNamespace('PodDisruptionBudget', ns).filter((p) => pdbSelects(p, labels));
    const pvcs = new Map<string, KubeObject>();
    const claims = this.inNamespace('PersistentVolumeClaim', ns);
    for (const name of claimNames(subject.spec)) {
      const pvc = claims.find((c) => asString(asRecord(c.metadata).name) === name);
      if (pvc) pvcs.set(name, pvc);
    }
    const isWorkload = subject.object.kind !== 'Pod';
    return {
      roles: containerRoles(subject.spec, { servicePorts: servicePorts(services) }),
      owners: [],
      ...(isWorkload ? { workload: subject.object } : {}),
      siblings: [],
      services,
      pdbs,
      pvcs,
      events: [],
      now,
    };
  }
}

/** The controller ownerReference of an object (or its first owner when none is marked). */
function controllerRef(obj: KubeObject): Record<string, unknown> | undefined {
  const refs = asArray(asRecord(obj.metadata).ownerReferences);
  let first: Record<string, unknown> | undefined;
  for (let i = 0; i < refs.length; i++) {
    const r = refs[i];
    if (!isRecord(r)) continue;
    if (r.controller === true) return r;
    first ??= r;
  }
  return first;
}

/** resourceForKind walks every known kind; the owner chain asks it a few kinds many times. */
const resourceOfKind = new Map<string, ResourceKind | undefined>();

function ownerResource(kind: string | undefined): ResourceKind | undefined {
  if (!kind) return undefined;
  let resource = resourceOfKind.get(kind);
  if (resource === undefined) {
    // Text from a cluster: only kinds that name a resource are kept, so the map stays small.
    resource = resourceForKind(kind);
    if (resource) resourceOfKind.set(kind, resource);
  }
  return resource;
}

/** Owner chain by uid through the store: Pod → ReplicaSet → Deployment; Job → CronJob. */
export function ownerChain(store: StoreView, obj: KubeObject): KubeObject[] {
  return chainFrom(store, namespaceOf(obj), controllerRef(obj));
}

/** The owner chain from an object's controller reference, `ns` being the object's namespace. */
function chainFrom(store: StoreView, ns: string, first: Record<string, unknown> | undefined): KubeObject[] {
  const chain: KubeObject[] = [];
  let ref = first;
  for (let depth = 0; depth < 4; depth++) {
    if (depth > 0) ref = controllerRef(chain[chain.length - 1]);
    if (!ref) break;
    const resource = ownerResource(asString(ref.kind));
    const name = asString(ref.name);
    if (!resource || !name) break;
    const owner = store.get(resource, ns ? `${ns}/${name}` : name);
    // A same-named object with another uid is a newer object, not this owner.
    if (!owner || (asString(ref.uid) && uidOf(owner) !== ref.uid)) break;
    chain.push(owner);
  }
  // A list grown by push keeps room for 17 items: the chains (one or two owners) are kept by
  // every template group, 2.6 MB at 50,027 pods for the spare room alone. A copy is exact.
  return chain.slice();
}

/** Pods that descend from a controller, through ReplicaSets or Jobs. */
export function podsOfController(store: StoreView, controller: KubeObject): readonly Pod[] {
  const uid = uidOf(controller);
  if (!uid) return [];
  const kind = controller.kind;
  const middle: ResourceKind | undefined = kind === 'Deployment' ? 'replicasets' : kind === 'CronJob' ? 'jobs' : undefined;
  if (!middle) return store.byOwner('pods', uid) as readonly Pod[];
  const out: Pod[] = [];
  for (const m of store.byOwner(middle, uid)) {
    const muid = uidOf(m);
    if (muid) out.push(...(store.byOwner('pods', muid) as Pod[]));
  }
  return out;
}

function eventTime(e: KubeObject): string {
  const r = asRecord(e);
  return asString(r.lastTimestamp) ?? asString(r.eventTime) ?? asString(r.firstTimestamp) ?? '';
}

/**
 * What most pods have none of, shared: one empty list and one empty claim map instead of
 * new ones per template (10,882 `pvcs` Maps alone at 50,000 pods). Rules only read them.
 */
const NO_OBJECTS: KubeObject[] = Object.freeze([]) as unknown as KubeObject[];
const NO_CLAIMS = new Map<string, KubeObject>();

/** The first pair of a Service's selector map, which every pod it selects carries. */
function servicePair(svc: KubeObject): [string, unknown] | undefined {
  const sel = asRecord(svc.spec).selector;
  if (isRecord(sel)) for (const k in sel) if (Object.prototype.hasOwnProperty.call(sel, k)) return [k, sel[k]];
  return undefined;
}

/** The first pair of a PDB's matchLabels, which every pod it selects carries. */
function pdbPair(pdb: KubeObject): [string, unknown] | undefined {
  const ml = asRecord(asRecord(pdb.spec).selector).matchLabels;
  if (isRecord(ml)) for (const k in ml) if (Object.prototype.hasOwnProperty.call(ml, k)) return [k, ml[k]];
  return undefined;
}

/**
 * The Services (or PDBs) of a namespace by one pair their selector requires: a pod can only be
 * selected by those filed under one of its own labels, so each template looks at a few
 * instead of all of them. Without it every template tested every Service of its namespace:
 * with a Service per Deployment and StatefulSet (12,424 at 50,027 pods, ~220 a namespace)
 * that was 200 ms of a 1.1 s cold pass (with the demo's 10,770 and the index: 835 ms).
 * The index only narrows: the selector itself still decides. Pairs are filed by key, then by
 * the value itself, so a lookup builds no text. Objects whose selector has no such pair (no
 * selector, matchExpressions only) are tested for every pod, as before.
 */
class SelectorIndex {
  private readonly byPair = new Map<string, Map<unknown, number[]>>();
  private readonly always: number[] = [];

  constructor(
    private readonly objects: readonly KubeObject[],
    pairOf: (o: KubeObject) => [string, unknown] | undefined,
  ) {
    for (let i = 0; i < objects.length; i++) {
      const pair = pairOf(objects[i]);
      if (!pair) {
        this.always.push(i);
        continue;
      }
      let byValue = this.byPair.get(pair[0]);
      if (!byValue) this.byPair.set(pair[0], (byValue = new Map()));
      const list = byValue.get(pair[1]);
      if (list) list.push(i);
      else byValue.set(pair[1], [i]);
    }
  }

  /** The objects that select these labels, in the namespace's order. */
  selecting(labels: Labels, selects: (o: KubeObject) => boolean): KubeObject[] {
    const found: number[] = [];
    this.testInto(found, this.always, selects);
    if (this.byPair.size) {
      for (const k in labels) {
        if (!Object.prototype.hasOwnProperty.call(labels, k)) continue;
        const filed = this.byPair.get(k)?.get(labels[k]);
        if (filed) this.testInto(found, filed, selects);
      }
    }
    if (found.length === 0) return NO_OBJECTS;
    if (found.length > 1) found.sort((a, b) => a - b);
    return found.map((i) => this.objects[i]);
  }

  private testInto(found: number[], candidates: readonly number[], selects: (o: KubeObject) => boolean): void {
    for (let i = 0; i < candidates.length; i++) if (selects(this.objects[candidates[i]])) found.push(candidates[i]);
  }
}

/** The parts of a live context that every replica of one template shares. */
export interface SharedLiveContext {
  owners: KubeObject[];
  workload?: KubeObject;
  services: KubeObject[];
  pdbs: KubeObject[];
  pvcs: Map<string, KubeObject>;
  roles: RuleContext['roles'];
}

/** A live RuleContext; siblings and events are read by few rules, so computed on first use. */
class LiveRuleContext implements RuleContext {
  roles: RuleContext['roles'];
  owners: KubeObject[];
  workload?: KubeObject;
  services: KubeObject[];
  pdbs: KubeObject[];
  pvcs: Map<string, KubeObject>;
  private siblingList?: Pod[];
  private eventList?: KubeObject[];

  constructor(
    shared: SharedLiveContext,
    private readonly builder: LiveContextBuilder,
    private readonly pod: KubeObject,
    readonly now: number,
  ) {
    this.roles = shared.roles;
    this.owners = shared.owners;
    if (shared.workload) this.workload = shared.workload;
    this.services = shared.services;
    this.pdbs = shared.pdbs;
    this.pvcs = shared.pvcs;
  }

  get siblings(): Pod[] {
    return (this.siblingList ??= this.builder.siblingsOf(this.pod, this.workload));
  }

  get events(): KubeObject[] {
    return (this.eventList ??= this.builder.eventsOf(this.pod));
  }
}

/**
 * Live contexts. Siblings are shared by every pod of a controller, so they are computed once
 * per controller and store version rather than once per pod (50,000 pods of a few
 * Deployments would otherwise cost n² lookups).
 */
export class LiveContextBuilder {
  private siblingsCache = new Map<string, Pod[]>();
  /** Selector indexes of Services and PDBs, by namespace. */
  private readonly selectorIndexes = { services: new Map<string, SelectorIndex>(), poddisruptionbudgets: new Map<string, SelectorIndex>() };
  private readonly identitySelectors = new Map<string, boolean>();
  /** The sibling list asked for last, by its workload: the pods of a controller are listed side by side. */
  private lastSiblings?: { workload: KubeObject; list: Pod[] };
  /** The owner chain made last, and the reference it was followed from. */
  private lastOwners?: { uid: string; kind: unknown; name: unknown; namespace: string; chain: KubeObject[] };
  private cacheVersion = -1;
  private kindSet = new Set<ResourceKind>();
  private kindsVersion = -1;

  constructor(private readonly store: StoreView) {}

  private has(kind: ResourceKind): boolean {
    if (this.kindsVersion !== this.store.version) {
      this.kindSet = new Set(this.store.kinds());
      this.kindsVersion = this.store.version;
    }
    return this.kindSet.has(kind);
  }

  /** Owners, workload, Services, PDBs, PVCs and roles of a pod. */
  shared(subject: PodSubject): SharedLiveContext {
    const store = this.store;
    const pod = subject.object;
    const ns = namespaceOf(pod);
    const labels = labelsOf(subject.podMeta);
    const owners = this.ownersOf(pod);
    const workload = owners.length ? owners[owners.length - 1] : undefined;
    const services = this.has('services') ? this.indexOf('services', ns).selecting(labels, (s) => serviceSelects(s, labels)) : NO_OBJECTS;
    const pdbs = this.has('poddisruptionbudgets') ? this.indexOf('poddisruptionbudgets', ns).selecting(labels, (p) => pdbSelects(p, labels)) : NO_OBJECTS;
    const pvcs = this.claimsOf(subject);
    const roles = containerRoles(subject.spec, services.length ? { servicePorts: servicePorts(services) } : {});
    return workload ? { owners, workload, services, pdbs, pvcs, roles } : { owners, services, pdbs, pvcs, roles };
  }

  /** The selector index of a namespace's Services or PDBs, made once per namespace and store version. */
  private indexOf(kind: 'services' | 'poddisruptionbudgets', ns: string): SelectorIndex {
    this.fresh();
    const indexes = this.selectorIndexes[kind];
    let index = indexes.get(ns);
    if (!index) {
      index = new SelectorIndex(this.store.byNamespace(kind, ns), kind === 'services' ? servicePair : pdbPair);
      indexes.set(ns, index);
    }
    return index;
  }

  /** The PVCs of the pod's claims, by claim name. */
  claimsOf(subject: PodSubject): Map<string, KubeObject> {
    let pvcs = NO_CLAIMS;
    if (!this.has('persistentvolumeclaims')) return pvcs;
    const ns = namespaceOf(subject.object);
    for (const name of claimNames(subject.spec)) {
      const pvc = this.store.get('persistentvolumeclaims', `${ns}/${name}`);
      if (!pvc) continue;
      if (pvcs === NO_CLAIMS) pvcs = new Map();
      pvcs.set(name, pvc);
    }
    return pvcs;
  }

  /**
   * Whether a Service or PDB of the namespace selects by a label that names one pod of a
   * StatefulSet (POD_IDENTITY_LABELS): then its pods' contexts may differ, and they are not
   * shared. Once per namespace and store version.
   */
  selectsPodIdentity(ns: string): boolean {
    this.fresh();
    let known = this.identitySelectors.get(ns);
    if (known === undefined) {
      known = false;
      for (const svc of this.has('services') ? this.store.byNamespace('services', ns) : NO_OBJECTS) {
        for (const k in asRecord(asRecord(svc.spec).selector)) if (POD_IDENTITY_LABELS.has(k)) known = true;
      }
      for (const pdb of this.has('poddisruptionbudgets') ? this.store.byNamespace('poddisruptionbudgets', ns) : NO_OBJECTS) {
        const sel = asRecord(asRecord(pdb.spec).selector);
        for (const k in asRecord(sel.matchLabels)) if (POD_IDENTITY_LABELS.has(k)) known = true;
        for (const e of asArray(sel.matchExpressions)) if (POD_IDENTITY_LABELS.has(String(asRecord(e).key))) known = true;
      }
      this.identitySelectors.set(ns, known);
    }
    return known;
  }

  context(subject: PodSubject, now: number, shared: SharedLiveContext = this.shared(subject)): RuleContext {
    return new LiveRuleContext(shared, this, subject.object, now);
  }

  /**
   * Drops the per-controller caches: after a walk over every pod they would hold a sibling
   * list and an owner chain per controller until the next change (measured at 50,000 pods:
   * 6 MB). A later question fills them again, per controller, as before.
   */
  forget(): void {
    this.siblingsCache.clear();
    this.identitySelectors.clear();
    this.selectorIndexes.services.clear();
    this.selectorIndexes.poddisruptionbudgets.clear();
    this.lastSiblings = undefined;
    this.lastOwners = undefined;
  }

  /** Clears the per-version caches when the store has changed since they were filled. */
  private fresh(): void {
    if (this.store.version !== this.cacheVersion) {
      this.forget();
      this.cacheVersion = this.store.version;
    }
  }

  /**
   * The owner chain of a pod. Asked once per template group, or per pod of a StatefulSet or a
   * bare pod: the pods of one StatefulSet are listed side by side (the API lists by namespace
   * and name), so the chain made last answers for the next pod of the same owner. A map of
   * chains by owner uid answered little else and cost two lookups per template (measured at
   * 50,027 pods: 12,400 owners, 3,100 repeated; about 15 ms of a cold pass).
   */
  ownersOf(pod: KubeObject): KubeObject[] {
    const ref = controllerRef(pod);
    const ns = namespaceOf(pod);
    const uid = asString(ref?.uid);
    if (!ref || !uid) return chainFrom(this.store, ns, ref);
    this.fresh();
    const last = this.lastOwners;
    if (last && last.uid === uid && last.kind === ref.kind && last.name === ref.name && last.namespace === ns) return last.chain;
    const chain = Object.freeze(chainFrom(this.store, ns, ref)) as KubeObject[];
    this.lastOwners = { uid, kind: ref.kind, name: ref.name, namespace: ns, chain };
    return chain;
  }

  /**
   * The pods of a workload, once per workload and store version: every pod asks (replicas-same-node),
   * and the one asked last is nearly always the answer (replicas are listed side by side).
   */
  siblingsOf(pod: KubeObject, workload: KubeObject | undefined): Pod[] {
    if (!workload) return [pod as Pod];
    this.fresh();
    const last = this.lastSiblings;
    if (last && last.workload === workload) return last.list;
    const key = uidOf(workload) ?? '';
    let list = this.siblingsCache.get(key);
    if (!list) {
      // Frozen: rules may cache what they derive from the list by its identity (replicas-same-node).
      list = Object.freeze(podsOfController(this.store, workload)) as Pod[];
      this.siblingsCache.set(key, list);
    }
    this.lastSiblings = { workload, list };
    return list;
  }

  eventsOf(pod: KubeObject): KubeObject[] {
    if (!this.has('events')) return [];
    return [...this.store.eventsFor(pod)].sort((a, b) => (eventTime(a) < eventTime(b) ? -1 : eventTime(a) > eventTime(b) ? 1 : 0));
  }
}
