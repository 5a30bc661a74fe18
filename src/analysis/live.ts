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
import type { PodSubject, Rule } from './rule.js';
import type { Finding } from './types.js';
import { analyzeRaw, silenceFindings } from './engine.js';
import { ALL_RULES } from './registry.js';
import { LiveContextBuilder, ownerChain, podsOfController, type SharedLiveContext } from './context.js';
import { subjectFromPod } from './subjects.js';
import type { SilenceConfig } from './silence.js';
import { asArray, asRecord, asString, isRecord } from './pod-helpers.js';

/** Runtime findings depend on the clock (restarts in the last hour, unready for 60 s). */
const RUNTIME_TTL_MS = 10_000;

interface Entry {
  pod: KubeObject;
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
  stamp: string;
  shared: SharedLiveContext;
  findings: Finding[];
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
 * Replicas of one template: the same controller (by uid) and template revision, the same
 * labels (they decide the Services and PDBs), the same images and generation. StatefulSet pods differ in
 * their claims, and pods without a revision label are not known to share anything.
 */
function templateKey(pod: KubeObject): string | undefined {
  const m = meta(pod);
  const owner = asArray(m.ownerReferences).find((r) => isRecord(r) && r.controller === true) as Record<string, unknown> | undefined;
  const uid = asString(owner?.uid);
  if (!uid || owner?.kind === 'StatefulSet') return undefined;
  const labels = asRecord(m.labels);
  const revision = asString(labels['pod-template-hash']) ?? asString(labels['controller-revision-hash']) ?? (owner?.kind === 'Job' ? 'job' : undefined);
  if (!revision) return undefined;
  // generation (Kubernetes 1.33+) moves with in-place updates such as a resize.
  let key = `${uid}|${revision}|${asString(m.namespace) ?? ''}|${String(m.generation ?? '')}`;
  for (const k in labels) key += `|${k}=${String(labels[k])}`;
  for (const c of asArray(asRecord(pod.spec).containers)) key += `|${String(asRecord(c).image)}`;
  return key;
}

export class LiveAnalysis {
  private readonly cache = new Map<string, Entry>();
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
  }

  findingsForPod(key: string): Finding[] {
    const pod = this.store.get('pods', key);
    if (!pod) {
      this.cache.delete(key);
      return [];
    }
    return this.findingsOf(pod, key);
  }

  private findingsOf(pod: KubeObject, key: string): Finding[] {
    const now = this.now();
    const uid = asString(meta(pod).uid);
    const rv = asString(meta(pod).resourceVersion);
    let entry = this.cache.get(key);
    const same = entry && !this.dirty.has(key) && (rv ? entry.uid === uid && entry.rv === rv : entry.pod === pod);
    if (!entry || !same) {
      entry = this.analyse(pod, uid, rv, now);
      this.cache.set(key, entry);
      this.dirty.delete(key);
    } else if (this.runtimeRules.length && now - entry.runtimeAt > RUNTIME_TTL_MS) {
      const subject = subjectFromPod(pod);
      const ctx = this.contexts.context(subject, now, this.sharedContext(subject).shared);
      entry.runtime = silenceFindings(subject, ctx, analyzeRaw(subject, ctx, this.runtimeRules), this.opts.silence);
      entry.runtimeAt = now;
    }
    return entry.runtime.length ? [...entry.fixed, ...entry.runtime] : entry.fixed;
  }

  private analyse(pod: KubeObject, uid: string | undefined, rv: string | undefined, now: number): Entry {
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
    // One silencing pass for both parts (its scope walks the owners' annotations).
    const silenced = silenceFindings(subject, ctx, [...fixedRaw, ...runtimeRaw], this.opts.silence);
    const fixed = silenced.slice(0, fixedRaw.length);
    const runtime = silenced.slice(fixedRaw.length);
    return { pod, uid, rv, fixed, runtime, runtimeAt: now };
  }

  /** The shared context of a pod, from its template group when it has one. */
  private sharedContext(subject: PodSubject): { shared: SharedLiveContext; group?: TemplateGroup } {
    const key = templateKey(subject.object);
    if (!key) return { shared: this.contexts.shared(subject) };
    const stamp = `${this.globalStamp}:${this.nsStamps.get(subject.ref.namespace ?? '') ?? 0}`;
    let group = this.groups.get(key);
    if (!group || group.stamp !== stamp) {
      const shared = this.contexts.shared(subject);
      const ctx = this.contexts.context(subject, this.now(), shared);
      group = { namespace: subject.ref.namespace ?? '', stamp, shared, findings: analyzeRaw(subject, ctx, this.sharedRules) };
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
    for (const pod of this.store.list('pods')) {
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
