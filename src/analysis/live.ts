// Live analysis over the object store, memoised per pod: a pod is re-analysed only when it
// changed (uid + resourceVersion), or when something it depends on changed (its owners,
// Services/PDBs/PVCs of its namespace, its events, the placement of its siblings).
//
// The engine is not subscribed by itself: the owner of the store calls onBatch() with each
// batch (the UI already fans batches out), so the order of updates stays in one place.
import type { KubeObject } from '../model/kube.js';
import { objectKey } from '../model/kube.js';
import type { ChangeBatch, StoreView } from '../model/store-view.js';
import type { Rule } from './rule.js';
import type { Finding } from './types.js';
import { analyzeSubject } from './engine.js';
import { ALL_RULES } from './registry.js';
import { LiveContextBuilder, ownerChain, podsOfController } from './context.js';
import { subjectFromPod } from './subjects.js';
import type { SilenceConfig } from './silence.js';
import { asRecord, asString } from './pod-helpers.js';

/** Runtime findings depend on the clock (restarts in the last hour, unready for 60 s). */
const RUNTIME_TTL_MS = 10_000;

interface Entry {
  pod: KubeObject;
  uid?: string;
  rv?: string;
  spec: Finding[];
  runtime: Finding[];
  runtimeAt: number;
}

export interface LiveAnalysisOptions {
  silence?: SilenceConfig;
  now?: () => number;
  rules?: readonly Rule[];
}

function meta(obj: unknown): Record<string, unknown> {
  return asRecord(asRecord(obj).metadata);
}

export class LiveAnalysis {
  private readonly cache = new Map<string, Entry>();
  private readonly dirty = new Set<string>();
  private readonly contexts: LiveContextBuilder;
  private readonly specRules: readonly Rule[];
  private readonly runtimeRules: readonly Rule[];
  private readonly now: () => number;

  constructor(
    private readonly store: StoreView,
    private readonly opts: LiveAnalysisOptions = {},
  ) {
    this.contexts = new LiveContextBuilder(store);
    const rules = opts.rules ?? ALL_RULES;
    this.specRules = rules.filter((r) => !r.runtime);
    this.runtimeRules = rules.filter((r) => r.runtime);
    this.now = opts.now ?? Date.now;
  }

  findingsForPod(key: string): Finding[] {
    const pod = this.store.get('pods', key);
    if (!pod) {
      this.cache.delete(key);
      return [];
    }
    const now = this.now();
    const uid = asString(meta(pod).uid);
    const rv = asString(meta(pod).resourceVersion);
    let entry = this.cache.get(key);
    const same = entry && !this.dirty.has(key) && (rv ? entry.uid === uid && entry.rv === rv : entry.pod === pod);
    if (!entry || !same) {
      const subject = subjectFromPod(pod);
      const ctx = this.contexts.context(subject, now);
      entry = {
        pod,
        uid,
        rv,
        spec: analyzeSubject(subject, ctx, { rules: this.specRules, silence: this.opts.silence }),
        runtime: analyzeSubject(subject, ctx, { rules: this.runtimeRules, silence: this.opts.silence }),
        runtimeAt: now,
      };
      this.cache.set(key, entry);
      this.dirty.delete(key);
    } else if (entry && now - entry.runtimeAt > RUNTIME_TTL_MS) {
      const subject = subjectFromPod(pod);
      entry.runtime = analyzeSubject(subject, this.contexts.context(subject, now), {
        rules: this.runtimeRules,
        silence: this.opts.silence,
      });
      entry.runtimeAt = now;
    }
    return entry!.runtime.length ? [...entry!.spec, ...entry!.runtime] : entry!.spec;
  }

  /** Every finding of every pod in the store. */
  all(): Finding[] {
    const out: Finding[] = [];
    for (const pod of this.store.list('pods')) out.push(...this.findingsForPod(objectKey(pod)));
    return out;
  }

  summary(): { error: number; warning: number; info: number; ignored: number } {
    const s = { error: 0, warning: 0, info: 0, ignored: 0 };
    for (const f of this.all()) {
      if (f.ignored) s.ignored++;
      else s[f.severity]++;
    }
    return s;
  }

  onBatch(batch: ChangeBatch): void {
    if (batch.resync?.length) {
      // A relist replaced a kind wholesale: everything may depend on it.
      for (const key of this.cache.keys()) this.dirty.add(key);
    }
    for (const change of batch.changes ?? []) {
      const obj = change.object;
      const ns = asString(meta(obj).namespace) ?? '';
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
