// Live analysis over the object store, memoised per pod: a pod is re-analysed only when it
// changed (uid + resourceVersion), or when something it depends on changed (its owners,
// Services/PDBs/PVCs of its namespace, its events, the placement of its siblings).
//
// Replicas share their template, so spec-level findings are computed once per template
// (owner uid + template hash + labels + images) and copied onto each replica; runtime rules
// and rules marked `perPod` run for every pod. Silencing is applied per pod, since a pod may
// carry its own ignore annotation.
//
// The engine is not subscribed by itself: the owner of the store calls onBatch() with each
// batch (the UI already fans batches out), so the order of updates stays in one place.
import type { KubeObject } from '../model/kube.js';
import { objectKey } from '../model/kube.js';
import type { ChangeBatch, StoreView } from '../model/store-view.js';
import type { PodSubject, Rule, RuleContext } from './rule.js';
import type { Finding, Severity } from './types.js';
import { SEVERITY_RANK } from './types.js';
import { analyzeRaw, silenceFindings } from './engine.js';
import { ALL_RULES } from './registry.js';
import { LiveContextBuilder, ownerChain, podsOfController, type SharedLiveContext } from './context.js';
import { subjectFromPod } from './subjects.js';
import { annotationsOf, type SilenceConfig } from './silence.js';
import { asArray, asRecord, asString, isRecord } from './pod-helpers.js';

/** Runtime findings depend on the clock (restarts in the last hour, unready for 60 s). */
const RUNTIME_TTL_MS = 10_000;

interface Entry {
  pod: KubeObject;
  key: string;
  uid?: string;
  rv?: string;
  /** Silenced spec-level and per-pod findings. */
  fixed: Finding[];
  runtime: Finding[];
  runtimeAt: number;
}

/** What replicas of one template share: the context and the spec-level findings (unsilenced). */
interface TemplateGroup {
  namespace: string;
  /** The global and namespace stamps when the group was made: a group is stale when either moved. */
  globalStamp: number;
  nsStamp: number;
  shared: SharedLiveContext;
  findings: Finding[];
}

/** A pod's advice at a glance: the worst unsilenced severity and how many unsilenced findings. */
export interface PodAdviceCounts {
  worst?: Severity;
  count: number;
}

export interface LiveAnalysisOptions {
  silence?: SilenceConfig;
  now?: () => number;
  rules?: readonly Rule[];
}

function meta(obj: unknown): Record<string, unknown> {
  return asRecord(asRecord(obj).metadata);
}

/** Kinds whose change can alter the context of the pods in their namespace. */
const CONTEXT_KINDS = new Set(['services', 'poddisruptionbudgets', 'persistentvolumeclaims', 'deployments', 'replicasets', 'statefulsets', 'daemonsets', 'jobs', 'cronjobs']);

/**
 * Reads a part of a pod once per frozen value: the object store shares one frozen copy of the
 * owner references, labels and containers between the replicas of a workload, so a template
 * key costs a few lookups instead of a walk over labels and images for each of 50,000 pods.
 */
function perFrozen<T>(read: (value: unknown) => T): (value: unknown) => T {
  const memo = new WeakMap<object, T>();
  return (value) => {
    if (!value || typeof value !== 'object' || !Object.isFrozen(value)) return read(value);
    if (memo.has(value)) return memo.get(value) as T;
    const out = read(value);
    memo.set(value, out);
    return out;
  };
}

const controllerOf = perFrozen((refs) => {
  const owner = asArray(refs).find((r) => isRecord(r) && r.controller === true) as Record<string, unknown> | undefined;
  const uid = asString(owner?.uid);
  return uid ? { uid, kind: asString(owner?.kind) } : undefined;
});

const labelsKey = perFrozen((labels) => {
  const l = asRecord(labels);
  let key = '';
  for (const k in l) key += `|${k}=${String(l[k])}`;
  return { key, revision: asString(l['pod-template-hash']) ?? asString(l['controller-revision-hash']) };
});

const imagesKey = perFrozen((containers) => {
  let key = '';
  for (const c of asArray(containers)) key += `|${String(asRecord(c).image)}`;
  return key;
});

/**
 * Replicas of one template: the same controller (by uid) and template revision, the same
 * labels (they decide the Services and PDBs), the same images and generation. StatefulSet pods differ in
 * their claims, and pods without a revision label are not known to share anything.
 */
function templateKey(pod: KubeObject): string | undefined {
  const m = meta(pod);
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

function frozenOrAbsent(v: unknown): boolean {
  return v === undefined || v === null || typeof v !== 'object' || Object.isFrozen(v);
}

const keysByLabels = new WeakMap<object, { refs: unknown; containers: unknown; namespace: unknown; generation: unknown; key: string | undefined }>();

function readTemplateKey(pod: KubeObject, m: Record<string, unknown>): string | undefined {
  const owner = controllerOf(m.ownerReferences);
  if (!owner || owner.kind === 'StatefulSet') return undefined;
  const labels = labelsKey(m.labels);
  const revision = labels.revision ?? (owner.kind === 'Job' ? 'job' : undefined);
  if (!revision) return undefined;
  // generation (Kubernetes 1.33+) moves with in-place updates such as a resize.
  return `${owner.uid}|${revision}|${asString(m.namespace) ?? ''}|${String(m.generation ?? '')}${labels.key}${imagesKey(asRecord(pod.spec).containers)}`;
}

export class LiveAnalysis {
  private readonly cache = new Map<string, Entry>();
  /** The entry of each pod object analysed: all() finds unchanged pods' entries by identity. */
  private readonly byPod = new WeakMap<KubeObject, Entry>();
  private readonly dirty = new Set<string>();
  private readonly groups = new Map<string, TemplateGroup>();
  /** Bumped when a namespace's Services/PDBs/PVCs/controllers change; groups record it. */
  private readonly nsStamps = new Map<string, number>();
  private globalStamp = 0;
  private readonly contexts: LiveContextBuilder;
  private readonly rules: readonly Rule[];
  private readonly sharedRules: readonly Rule[];
  private readonly podRules: readonly Rule[];
  private readonly runtimeRules: readonly Rule[];
  private readonly now: () => number;
  private readonly configIgnores: boolean;
  /** Bumped by every batch: invalidates the cached all(). */
  private generation = 0;
  private allCache?: {
    version: number;
    generation: number;
    at: number;
    findings: Finding[];
    summary: { error: number; warning: number; info: number; ignored: number };
  };

  constructor(
    private readonly store: StoreView,
    private readonly opts: LiveAnalysisOptions = {},
  ) {
    this.contexts = new LiveContextBuilder(store);
    this.rules = opts.rules ?? ALL_RULES;
    this.sharedRules = this.rules.filter((r) => !r.runtime && !r.perPod);
    this.podRules = this.rules.filter((r) => !r.runtime && r.perPod);
    this.runtimeRules = this.rules.filter((r) => r.runtime);
    this.now = opts.now ?? Date.now;
    this.configIgnores = asArray(opts.silence?.ignore).some(isRecord);
  }

  findingsForPod(key: string): Finding[] {
    const pod = this.store.get('pods', key);
    if (!pod) {
      this.cache.delete(key);
      return [];
    }
    return this.findingsOf(pod, key);
  }

  /**
   * The worst severity and the number of a pod's findings that are not silenced: what the pod
   * list shows, sorts and filters by for every row, so it should cost no findings of its own.
   */
  adviceForPod(key: string): PodAdviceCounts {
    let worst: Severity | undefined;
    let count = 0;
    for (const f of this.findingsForPod(key)) {
      if (f.ignored) continue;
      count++;
      if (!worst || SEVERITY_RANK[f.severity] > SEVERITY_RANK[worst]) worst = f.severity;
    }
    return { worst, count };
  }

  private findingsOf(pod: KubeObject, key: string): Finding[] {
    const now = this.now();
    const uid = asString(meta(pod).uid);
    const rv = asString(meta(pod).resourceVersion);
    let entry = this.cache.get(key);
    const same = entry && !this.dirty.has(key) && (rv ? entry.uid === uid && entry.rv === rv : entry.pod === pod);
    if (!entry || !same) {
      entry = this.analyse(pod, key, uid, rv, now);
      this.cache.set(key, entry);
      this.byPod.set(pod, entry);
      this.dirty.delete(key);
    } else if (this.runtimeRules.length && now - entry.runtimeAt > RUNTIME_TTL_MS) {
      const subject = subjectFromPod(pod);
      const ctx = this.contexts.context(subject, now, this.sharedContext(subject).shared);
      entry.runtime = this.silence(subject, ctx, analyzeRaw(subject, ctx, this.runtimeRules));
      entry.runtimeAt = now;
    }
    return entry.runtime.length ? [...entry.fixed, ...entry.runtime] : entry.fixed;
  }

  private analyse(pod: KubeObject, key: string, uid: string | undefined, rv: string | undefined, now: number): Entry {
    const subject = subjectFromPod(pod);
    const { shared, group } = this.sharedContext(subject);
    const ctx = this.contexts.context(subject, now, shared);
    let spec: Finding[];
    if (group) {
      // Copies of the template's findings, on this pod.
      spec = group.findings.map((f) => ({ ...f, object: subject.ref }));
    } else {
      spec = analyzeRaw(subject, ctx, this.sharedRules);
    }
    const perPod = this.podRules.length ? analyzeRaw(subject, ctx, this.podRules) : [];
    const fixedRaw = perPod.length ? this.inRuleOrder([...spec, ...perPod]) : spec;
    const runtimeRaw = this.runtimeRules.length ? analyzeRaw(subject, ctx, this.runtimeRules) : [];
    if (!this.maySilence(subject, ctx)) return { pod, key, uid, rv, fixed: fixedRaw, runtime: runtimeRaw, runtimeAt: now };
    // One silencing pass for both parts (its scope walks the owners' annotations).
    const silenced = silenceFindings(subject, ctx, [...fixedRaw, ...runtimeRaw], this.opts.silence);
    const fixed = silenced.slice(0, fixedRaw.length);
    const runtime = silenced.slice(fixedRaw.length);
    return { pod, key, uid, rv, fixed, runtime, runtimeAt: now };
  }

  /**
   * Silencing needs its scope (the owners' annotations, the names) only when an ignore
   * annotation or a config entry exists at all: nearly never, and it was a tenth of the time.
   */
  private silence(subject: PodSubject, ctx: RuleContext, findings: Finding[]): Finding[] {
    if (findings.length === 0 || !this.maySilence(subject, ctx)) return findings;
    return silenceFindings(subject, ctx, findings, this.opts.silence);
  }

  private maySilence(subject: PodSubject, ctx: RuleContext): boolean {
    return this.configIgnores || annotationsOf(subject.podMeta) !== undefined || ctx.owners.some((o) => annotationsOf(o.metadata) !== undefined);
  }

  /** The shared context of a pod, from its template group when it has one. */
  private sharedContext(subject: PodSubject): { shared: SharedLiveContext; group?: TemplateGroup } {
    const key = templateKey(subject.object);
    if (!key) return { shared: this.contexts.shared(subject) };
    const nsStamp = this.nsStamps.get(subject.ref.namespace ?? '') ?? 0;
    let group = this.groups.get(key);
    if (!group || group.globalStamp !== this.globalStamp || group.nsStamp !== nsStamp) {
      const shared = this.contexts.shared(subject);
      const ctx = this.contexts.context(subject, this.now(), shared);
      group = { namespace: subject.ref.namespace ?? '', globalStamp: this.globalStamp, nsStamp, shared, findings: analyzeRaw(subject, ctx, this.sharedRules) };
      this.groups.set(key, group);
    }
    return { shared: group.shared, group };
  }

  private inRuleOrder(findings: Finding[]): Finding[] {
    const order = new Map<string, number>(this.rules.map((r, i) => [r.id, i]));
    return findings
      .map((f, i) => ({ f, i }))
      .sort((a, b) => (order.get(a.f.rule) ?? -1) - (order.get(b.f.rule) ?? -1) || a.i - b.i)
      .map((x) => x.f);
  }

  /**
   * Every finding of every pod in the store. The header asks for the summary on every frame:
   * the result is kept until the next batch, or until runtime findings may have aged.
   */
  all(): Finding[] {
    const now = this.now();
    const c = this.allCache;
    if (c && c.version === this.store.version && c.generation === this.generation && now - c.at <= RUNTIME_TTL_MS) return c.findings;
    const out: Finding[] = [];
    const runtimeFresh = !this.runtimeRules.length;
    for (const pod of this.store.list('pods')) {
      // After an update, nearly every pod is the same object as when it was analysed: its
      // entry answers without building its key or reading its version.
      const known = this.byPod.get(pod);
      if (known && this.cache.get(known.key) === known && !this.dirty.has(known.key) && (runtimeFresh || now - known.runtimeAt <= RUNTIME_TTL_MS)) {
        for (const f of known.fixed) out.push(f);
        for (const f of known.runtime) out.push(f);
        continue;
      }
      const found = this.findingsOf(pod, objectKey(pod));
      for (const f of found) out.push(f);
    }
    const summary = { error: 0, warning: 0, info: 0, ignored: 0 };
    for (const f of out) {
      if (f.ignored) summary.ignored++;
      else summary[f.severity]++;
    }
    this.allCache = { version: this.store.version, generation: this.generation, at: now, findings: out, summary };
    return out;
  }

  summary(): { error: number; warning: number; info: number; ignored: number } {
    this.all();
    return { ...this.allCache!.summary };
  }

  onBatch(batch: ChangeBatch): void {
    this.generation++;
    if (batch.resync?.length) {
      // A relist replaced a kind wholesale: everything may depend on it.
      for (const key of this.cache.keys()) this.dirty.add(key);
      if (batch.resync.some((k) => CONTEXT_KINDS.has(k))) {
        this.globalStamp++;
        this.groups.clear();
      }
    }
    const touched = new Set<string>();
    for (const change of batch.changes ?? []) {
      const obj = change.object;
      const ns = asString(meta(obj).namespace) ?? '';
      if (CONTEXT_KINDS.has(change.kind)) {
        this.nsStamps.set(ns, (this.nsStamps.get(ns) ?? 0) + 1);
        touched.add(ns);
      }
      switch (change.kind) {
        case 'pods': {
          const old = this.cache.get(change.key)?.pod;
          this.dirty.add(change.key);
          if (change.type === 'DELETED') this.cache.delete(change.key);
          if (change.type !== 'MODIFIED' || placementChanged(old, obj)) this.markSiblings(obj);
          break;
        }
        case 'events': {
          const involved = asRecord(asRecord(obj).involvedObject);
          if (involved.kind === 'Pod') this.dirty.add(objectKey({ metadata: { namespace: asString(involved.namespace) ?? ns, name: asString(involved.name) } }));
          break;
        }
        case 'services':
        case 'poddisruptionbudgets':
        case 'persistentvolumeclaims':
          // The old selector is not in the batch: every pod of the namespace may be affected.
          for (const pod of this.store.byNamespace('pods', ns)) this.dirty.add(objectKey(pod));
          break;
        case 'deployments':
        case 'replicasets':
        case 'statefulsets':
        case 'daemonsets':
        case 'jobs':
        case 'cronjobs':
          for (const pod of podsOfController(this.store, obj)) this.dirty.add(objectKey(pod));
          break;
        default:
          break;
      }
    }
    // Groups of a namespace whose context changed are stale; old template revisions go too.
    if (touched.size) for (const [key, g] of this.groups) if (touched.has(g.namespace)) this.groups.delete(key);
  }

  /** Pods of the same top controller: replicas-same-node looks at where all of them run. */
  private markSiblings(pod: KubeObject): void {
    const owners = ownerChain(this.store, pod);
    const top = owners[owners.length - 1];
    if (!top) return;
    for (const p of podsOfController(this.store, top)) this.dirty.add(objectKey(p));
  }
}

function placementChanged(old: KubeObject | undefined, now: KubeObject): boolean {
  if (!old) return true;
  const node = (o: KubeObject) => asRecord(o.spec).nodeName;
  const phase = (o: KubeObject) => asRecord(o.status).phase;
  return node(old) !== node(now) || phase(old) !== phase(now);
}
