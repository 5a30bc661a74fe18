// Live analysis over the object store, memoised per pod: a pod is re-analysed only when it
// changed (a new object in the store), or when something it depends on changed (its owners,
// Services/PDBs/PVCs of its namespace, its events, the placement of its siblings).
//
// Replicas share their template (template-key.ts), so spec-level findings are computed once
// per template and counted (pod-findings.ts); a template's list of them is made when first
// asked for (a pod's findings, all()). Runtime rules and rules marked `perPod` run for every
// pod, unless the template says the rule cannot fire (Rule.mayFireOnTemplate). Silencing is
// applied per pod, since a pod may carry its own ignore annotation. Entries are keyed by the
// pod's uid, a string the pod already holds.
//
// The engine is not subscribed by itself: the owner of the store calls onBatch() with each
// batch (the UI already fans batches out), so the order of updates stays in one place.
import type { KubeObject } from '../model/kube.js';
import { objectKey } from '../model/kube.js';
import type { ChangeBatch, StoreView } from '../model/store-view.js';
import type { PodSubject, Rule, RuleContext } from './rule.js';
import type { Finding, ObjectRef } from './types.js';
import { analyzeRaw, countRaw, silenceFindings } from './engine.js';
import { ALL_RULES } from './registry.js';
import { LiveContextBuilder, ownerChain, podsOfController, type SharedLiveContext } from './context.js';
import { objectRef, subjectFromPod } from './subjects.js';
import { annotationsOf, type SilenceConfig } from './silence.js';
import { asArray, asRecord, asString, isRecord } from './pod-helpers.js';
import { frozenOrAbsent, sameImages, sameTemplateLabels, templateOwner } from './template-key.js';
import { ALL_SIGNALS, showsAny, statusSignals } from './runtime-fast-path.js';
import { TextInterner } from './text-interner.js';
import { adviceOf, countInto, NO_ADVICE, NONE, onObject, type PassClock, type PodAdviceCounts, type PodEntry, type SeverityCounts, type TemplateGroup } from './pod-findings.js';
import { endPass } from './pass-memo.js';

export type { PodAdviceCounts } from './pod-findings.js';

/** Runtime findings of rules that read the clock (restarts in the last hour, unready for 60 s) age. */
const RUNTIME_TTL_MS = 10_000;

/** Materialised findings kept for the last pods asked (the pod on screen asks on every frame). */
const RECENT_PODS = 16;

export interface LiveAnalysisOptions {
  silence?: SilenceConfig;
  now?: () => number;
  rules?: readonly Rule[];
}

function meta(obj: unknown): Record<string, unknown> {
  return asRecord(asRecord(obj).metadata);
}

/** The pod's uid (already a string of the pod: no key to build), else its namespace/name. */
function idOf(pod: KubeObject): string {
  return asString(meta(pod).uid) ?? objectKey(pod);
}

/** Kinds whose change can alter the context of the pods in their namespace. */
const CONTEXT_KINDS = new Set(['services', 'poddisruptionbudgets', 'persistentvolumeclaims', 'deployments', 'replicasets', 'statefulsets', 'daemonsets', 'jobs', 'cronjobs']);

export class LiveAnalysis {
  private readonly entries = new Map<string, PodEntry>();
  /** Template groups by their controller's uid (template-key.ts): a few at most for one controller. */
  private readonly groups = new Map<string, TemplateGroup[]>();
  /** Bumped when a namespace's Services/PDBs/PVCs/controllers change; groups record it. */
  private readonly nsStamps = new Map<string, number>();
  private globalStamp = 0;
  private walks = 0;
  private clock: PassClock = { at: Number.NaN };
  private readonly contexts: LiveContextBuilder;
  private readonly rules: readonly Rule[];
  private readonly ruleOrder: Map<string, number>;
  private readonly sharedRules: readonly Rule[];
  private readonly podRules: readonly Rule[];
  private readonly runtimeRules: readonly Rule[];
  /**
   * The runtime rules worth running on a pod, by the signals its status shows (index: the bits
   * of statusSignals(), runtime-fast-path.ts).
   */
  private readonly runtimeBySignals: readonly (readonly Rule[])[];
  /**
   * Whether the runtime part made by those rules can change with the clock alone, by the same
   * index. Nearly every pod's status is quiet, and the rules run for it then
   * (replicas-same-node) do not read the clock: refreshing them every RUNTIME_TTL_MS re-ran
   * them for all 50,000 pods in each summary walk under churn, for the same answer
   * (measured: up to 0.6 s of a saturated second, P5).
   */
  private readonly agesBySignals: readonly boolean[];
  /** Whether any runtime rule speaks about some signals only: if none does, every list is the same and no status is read. */
  private readonly readsSignals: boolean;
  /** The runtime rules that may still fire on a pod whose status is quiet (no signal). */
  private readonly quietRuntimeRules: readonly Rule[];
  private readonly now: () => number;
  private readonly configIgnores: boolean;
  /** Bumped by every batch: invalidates the cached summary and all(). */
  private generation = 0;
  private allCache?: { version: number; generation: number; at: number; findings: WeakRef<Finding[]> };
  private summaryCache?: { version: number; generation: number; at: number; summary: SeverityCounts };
  private readonly texts = new TextInterner();
  /** Set during all(): the template groups it makes keep their findings, which it is about to copy. */
  private keepLists = false;
  private readonly recent = new Map<PodEntry, { runtimeAt: PassClock; findings: Finding[] }>();
  /**
   * The group the last pod analysed belongs to, with that pod's frozen parts. A list of pods
   * holds the replicas of a ReplicaSet side by side (the API lists by namespace and name, and
   * replicas share their name's prefix), so most replicas find their group here, by the
   * identity of the parts the store shares between them, without reading their controller or
   * comparing labels. Valid until the next batch (which may stale groups).
   */
  private lastGroup?: { labels: unknown; refs: unknown; containers: unknown; namespace: unknown; generation: unknown; group: TemplateGroup };

  constructor(
    private readonly store: StoreView,
    private readonly opts: LiveAnalysisOptions = {},
  ) {
    this.contexts = new LiveContextBuilder(store);
    this.rules = opts.rules ?? ALL_RULES;
    this.ruleOrder = new Map(this.rules.map((r, i) => [r.id, i]));
    this.sharedRules = this.rules.filter((r) => !r.runtime && !r.perPod);
    this.podRules = this.rules.filter((r) => !r.runtime && r.perPod);
    this.runtimeRules = this.rules.filter((r) => r.runtime);
    this.readsSignals = this.runtimeRules.some((r) => r.statusSignals);
    const bySignals: (readonly Rule[])[] = [];
    for (let signals = 0; signals <= ALL_SIGNALS; signals++) {
      bySignals.push(this.runtimeRules.filter((r) => !r.statusSignals || showsAny(signals, r.statusSignals)));
    }
    this.runtimeBySignals = bySignals;
    this.agesBySignals = bySignals.map((rules) => rules.some((r) => r.readsClock));
    this.quietRuntimeRules = bySignals[0];
    this.now = opts.now ?? Date.now;
    this.configIgnores = asArray(opts.silence?.ignore).some(isRecord);
  }

  /** The pod's findings, each with `object` = the pod. */
  findingsForPod(key: string): Finding[] {
    const pod = this.store.get('pods', key);
    if (!pod) return [];
    const entry = this.entryOf(pod, this.now());
    const known = this.recent.get(entry);
    // A refreshed runtime part is a new clock: the copies made before it are out of date.
    if (known && known.runtimeAt === entry.runtimeAt) return known.findings;
    const findings = this.materialise(entry);
    this.recent.delete(entry);
    if (this.recent.size >= RECENT_PODS) this.recent.delete(this.recent.keys().next().value!);
    this.recent.set(entry, { runtimeAt: entry.runtimeAt, findings });
    return findings;
  }

  /**
   * The worst severity and the number of a pod's findings that are not silenced: what the pod
   * list shows, sorts and filters by for every row. Counted when the pod is analysed; the
   * answer is a shared value, so a call allocates nothing.
   */
  adviceForPod(key: string): PodAdviceCounts {
    const pod = this.store.get('pods', key);
    if (!pod) return NO_ADVICE;
    return adviceOf(this.entryOf(pod, this.now()));
  }

  /**
   * A pod's counts by severity, silenced ones apart: what a sliced walk over every pod (the
   * header's summary between frames) sums. findingsForPod would copy every finding for it;
   * this answers from the entry, without allocating unless the pod has runtime findings.
   * Do not modify the result (it may be shared by the replicas of a template).
   */
  countsForPod(key: string): Readonly<SeverityCounts> {
    const pod = this.store.get('pods', key);
    if (!pod) return NO_COUNTS;
    const entry = this.entryOf(pod, this.now());
    return entry.runtime.length ? countInto({ ...entry.fixed }, entry.runtime) : entry.fixed;
  }

  /**
   * Every finding of every pod in the store: a presentation copy (headless output, the
   * cluster's advice view). The same list answers until the next batch or until runtime
   * findings may have aged, but only while its caller still holds it: held weakly, the
   * analysis itself keeps no copies (193,296 findings at 50,027 pods, about 20 MB).
   */
  all(): Finding[] {
    const now = this.now();
    const c = this.allCache;
    const kept = c && c.version === this.store.version && c.generation === this.generation && now - c.at <= RUNTIME_TTL_MS ? c.findings.deref() : undefined;
    if (kept) return kept;
    const out: Finding[] = [];
    const walk = ++this.walks;
    const pods = this.store.list('pods');
    const filed = this.entries.size === 0 ? [] : undefined;
    // Groups made during this walk keep their lists: every one is about to be read.
    this.keepLists = true;
    try {
      for (let i = 0; i < pods.length; i++) {
        const entry = filed ? this.analyseNew(pods[i], now, filed) : this.entryOf(pods[i], now);
        entry.seen = walk;
        this.materialiseInto(entry, out);
        if (i % MEMO_SPAN === MEMO_SPAN - 1) this.endSpan();
      }
    } finally {
      this.keepLists = false;
    }
    if (filed) this.file(filed);
    this.sweep(walk, pods.length);
    this.allCache = { version: this.store.version, generation: this.generation, at: now, findings: new WeakRef(out) };
    return out;
  }

  /**
   * Counts over every pod, from the entries' counts (no findings copied). The header asks for
   * it on every frame: kept until the next batch, or until runtime findings may have aged.
   */
  summary(): SeverityCounts {
    const now = this.now();
    const c = this.summaryCache;
    if (c && c.version === this.store.version && c.generation === this.generation && now - c.at <= RUNTIME_TTL_MS) return { ...c.summary };
    const sum: SeverityCounts = { error: 0, warning: 0, info: 0, ignored: 0 };
    const walk = ++this.walks;
    const pods = this.store.list('pods');
    const filed = this.entries.size === 0 ? [] : undefined;
    for (let i = 0; i < pods.length; i++) {
      const entry = filed ? this.analyseNew(pods[i], now, filed) : this.entryOf(pods[i], now);
      entry.seen = walk;
      if (i % MEMO_SPAN === MEMO_SPAN - 1) this.endSpan();
      sum.error += entry.fixed.error;
      sum.warning += entry.fixed.warning;
      sum.info += entry.fixed.info;
      sum.ignored += entry.fixed.ignored;
      countInto(sum, entry.runtime);
    }
    if (filed) this.file(filed);
    this.sweep(walk, pods.length);
    this.summaryCache = { version: this.store.version, generation: this.generation, at: now, summary: sum };
    return { ...sum };
  }

  /**
   * A caller's own walk over every pod paused or is done (the TUI's header sums countsForPod
   * in slices between frames, never through summary(), and calls this after each slice): the
   * pass's memos and context caches go, as at the end of summary(). Without it they stayed
   * until the next store batch, which on a quiet cluster never comes: measured at 50,027
   * pods, one memo alone held 16,966 volume Maps; all of them, 34 MB at the end of a walk.
   */
  endWalk(): void {
    this.endSpan();
    this.texts.forget();
  }

  /**
   * Drops what helped the pods just analysed (the pass's memos, sibling lists, selector
   * indexes), every MEMO_SPAN pods of a walk. Replicas are listed side by side, so those
   * answers are of templates the walk has left; kept to its end, they outlived the young
   * generation, and every scavenge of a cold pass copied them again (50,027 pods: ~15
   * scavenges a pass, ~6.5 ms each).
   */
  private endSpan(): void {
    this.contexts.forget();
    endPass();
  }

  /**
   * The end of a walk over every pod: drops the entries of pods it did not meet (gone without
   * a DELETED, e.g. over a relist), and the caches that only helped the walk along.
   */
  private sweep(walk: number, pods: number): void {
    this.endWalk();
    if (this.entries.size <= pods) return;
    for (const [id, e] of this.entries) if (e.seen !== walk) this.entries.delete(id);
  }

  /**
   * A pod of a walk that started with no entries at all (the first walk): nothing to look up,
   * it is analysed, and its entry is filed by id after the walk (file()). A lookup and an
   * insert per pod into a growing map of 50,027, between two pods' analyses, each missed the
   * cache (measured: ~45 ms of a cold pass for the lookup alone); filed in one tight loop
   * afterwards, the map stays in the cache. Pods sharing an id: the last one listed is kept,
   * as entryOf() would.
   */
  private analyseNew(pod: KubeObject, now: number, filed: (string | PodEntry)[]): PodEntry {
    if (this.clock.at !== now) this.clock = { at: now };
    const entry = this.analyse(pod, this.clock);
    filed.push(idOf(pod), entry);
    return entry;
  }

  /** Files the entries analyseNew() made: id, entry, id, entry, … */
  private file(filed: readonly (string | PodEntry)[]): void {
    for (let i = 0; i < filed.length; i += 2) this.entries.set(filed[i] as string, filed[i + 1] as PodEntry);
  }

  /** The pod's entry, analysed now if it is new, changed or stale, its runtime part refreshed when aged. */
  private entryOf(pod: KubeObject, now: number): PodEntry {
    const id = idOf(pod);
    let entry = this.entries.get(id);
    if (!entry || entry.pod !== pod || entry.stale) {
      if (this.clock.at !== now) this.clock = { at: now };
      entry = this.analyse(pod, this.clock);
      this.entries.set(id, entry);
    } else if (this.runtimeRules.length && now - entry.runtimeAt.at > RUNTIME_TTL_MS) {
      if (this.clock.at !== now) this.clock = { at: now };
      const subject = subjectFromPod(pod);
      const ctx = this.contexts.context(subject, now, this.sharedOf(subject, this.groupOf(subject, now)));
      entry.runtime = orNone(this.silence(subject, ctx, analyzeRaw(subject, ctx, this.runtimeRulesFor(pod))));
      entry.runtimeAt = this.clock;
    }
    return entry;
  }

  private analyse(pod: KubeObject, clock: PassClock): PodEntry {
    const now = clock.at;
    const subject = subjectFromPod(pod);
    const group = this.groupOf(subject, now);
    const signals = this.signalsOf(pod);
    let runtimeRules = this.runtimeBySignals[signals];
    // A runtime part that cannot age is never refreshed (TIMELESS), nor asked again whether it can.
    const runtimeAt = this.agesBySignals[signals] ? clock : TIMELESS;
    if (group && runtimeRules === this.quietRuntimeRules) {
      runtimeRules = this.quietRulesOf(group, subject, now);
      // Nearly every pod: a quiet replica with no rule left to run and nothing to silence
      // counts as its group, and needs no context of its own.
      if (runtimeRules.length === 0 && group.podRules.length === 0 && !this.maySilence(subject, group.shared.owners)) {
        return entry(pod, group, NONE, NONE, runtimeAt, group.counts);
      }
    }
    const ctx = this.contexts.context(subject, now, this.sharedOf(subject, group));
    const podRules = group ? group.podRules : this.podRules;
    const perPod = podRules.length ? analyzeRaw(subject, ctx, podRules) : NONE;
    const runtime = runtimeRules.length ? analyzeRaw(subject, ctx, runtimeRules) : NONE;
    this.texts.intern(perPod);
    this.texts.intern(runtime);
    if (!this.maySilence(subject, ctx.owners)) {
      // Without findings of its own, a replica counts as its group: no counts of its own either.
      if (group) return entry(pod, group, orNone(perPod), orNone(runtime), runtimeAt, perPod.length ? countInto({ ...group.counts }, perPod) : group.counts);
      const spec = analyzeRaw(subject, ctx, this.sharedRules);
      this.texts.intern(spec);
      const own = this.inRuleOrder(spec, perPod);
      return entry(pod, undefined, orNone(own), orNone(runtime), runtimeAt, countInto(zero(), own));
    }
    // One silencing pass for both parts (its scope walks the owners' annotations). The spec
    // rules run again for this pod: a group keeps its counts, not its findings.
    const spec = analyzeRaw(subject, ctx, this.sharedRules);
    this.texts.intern(spec);
    const fixedRaw = this.inRuleOrder(spec, perPod);
    const silenced = silenceFindings(subject, ctx, [...fixedRaw, ...runtime], this.opts.silence);
    const fixed = silenced.slice(0, fixedRaw.length);
    return entry(pod, undefined, orNone(fixed), orNone(silenced.slice(fixedRaw.length)), runtimeAt, countInto(zero(), fixed));
  }

  /**
   * The signals of the pod's status that runtime rules speak about (runtime-fast-path.ts), or
   * none read when no rule speaks about some only (every list is then the same). Nearly every
   * pod shows none: the status-reading rules are known to find nothing on it and are left out,
   * as is each rule whose signals a pod does not show; the findings are identical either way
   * (test/analysis/runtime-fast-path.test.ts).
   */
  private signalsOf(pod: KubeObject): number {
    return this.readsSignals ? statusSignals(pod) : 0;
  }

  /** The runtime rules worth running on a pod (signalsOf). */
  private runtimeRulesFor(pod: KubeObject): readonly Rule[] {
    return this.runtimeBySignals[this.signalsOf(pod)];
  }

  /**
   * The quiet runtime rules that may find something on the quiet pods of a template group
   * (Rule.mayFireOnController), asked with one of its pods once per store version: the answer
   * reads what every pod of the group shares (replicas-same-node: where the controller's pods
   * run), which changes only with the store. Before, each of ~49,000 quiet replicas at 50,027
   * pods had a context made and replicas-same-node run, to learn that its controller's pods are
   * on several nodes (measured in one process, 50 rounds alternating: a cold pass 757 → 735 ms).
   */
  private quietRulesOf(group: TemplateGroup, subject: PodSubject, now: number): readonly Rule[] {
    const version = this.store.version;
    if (group.quietRulesAt !== version) {
      const ctx = this.contexts.context(subject, now, this.sharedOf(subject, group));
      const rules = this.quietRuntimeRules.filter((rule) => gateAllows(rule, 'mayFireOnController', subject, ctx));
      group.quietRules = rules.length === this.quietRuntimeRules.length ? this.quietRuntimeRules : rules.length ? rules : NO_RULES;
      group.quietRulesAt = version;
    }
    return group.quietRules;
  }

  /** The pod's findings as the caller sees them: its group's spec findings, its own in rule order, then runtime. */
  private materialise(entry: PodEntry): Finding[] {
    const out: Finding[] = [];
    this.materialiseInto(entry, out);
    return out;
  }

  private materialiseInto(entry: PodEntry, out: Finding[]): void {
    const group = entry.group;
    if (group && hasAny(group.counts)) {
      const spec = onPod((group.findings ??= this.findingsOf(entry.pod, group)), objectRef(entry.pod, 'Pod'));
      for (const f of entry.own.length ? this.inRuleOrder(spec, entry.own) : spec) out.push(f);
    } else {
      for (const f of entry.own) out.push(f);
    }
    for (const f of entry.runtime) out.push(f);
  }

  /**
   * The spec findings of a template group, made for one of its pods when first asked for. A
   * group is made with its counts only: the lists (and their texts) were 20 of the analysis's
   * 32 MB at 50,027 pods, and interning the texts ~70 ms of a cold pass, for lists read only
   * when someone asks for a pod's findings (the pod on screen) or for all of them. The pod's
   * context is its group's, so the answer is the one the group counted
   * (test/analysis/live-equivalence.test.ts).
   */
  private findingsOf(pod: KubeObject, group: TemplateGroup): readonly Finding[] {
    const subject = subjectFromPod(pod);
    return this.kept(analyzeRaw(subject, this.contexts.context(subject, this.now(), this.sharedOf(subject, group)), this.sharedRules));
  }

  /** A list of findings the analysis keeps: its texts shared, no spare room. */
  private kept(findings: Finding[]): readonly Finding[] {
    this.texts.intern(findings);
    return orNone(findings);
  }

  /**
   * Silencing needs its scope (the owners' annotations, the names) only when an ignore
   * annotation or a config entry exists at all: nearly never, and it was a tenth of the time.
   */
  private silence(subject: PodSubject, ctx: RuleContext, findings: Finding[]): Finding[] {
    if (findings.length === 0 || !this.maySilence(subject, ctx.owners)) return findings;
    return silenceFindings(subject, ctx, findings, this.opts.silence);
  }

  /** Whether silencing may apply to the pod: an ignore in the config, or annotations on it or its owners. */
  private maySilence(subject: PodSubject, owners: readonly KubeObject[]): boolean {
    if (this.configIgnores || annotationsOf(subject.podMeta) !== undefined) return true;
    for (let i = 0; i < owners.length; i++) if (annotationsOf(owners[i].metadata) !== undefined) return true;
    return false;
  }

  /** The shared context of a pod: its template group's when it has one, with its own claims in a StatefulSet's. */
  private sharedOf(subject: PodSubject, group: TemplateGroup | undefined): SharedLiveContext {
    if (!group) return this.contexts.shared(subject);
    // The pod the group was made from has its claims in the group's context already.
    if (!group.ownClaims || group.volumes === subject.spec.volumes) return group.shared;
    return { ...group.shared, pvcs: this.contexts.claimsOf(subject) };
  }

  /** The pod's template group, made (its spec rules run) when it is new or stale; undefined for a pod without one. */
  private groupOf(subject: PodSubject, now: number): TemplateGroup | undefined {
    const m = subject.podMeta;
    const containers = subject.spec.containers;
    const last = this.lastGroup;
    if (last && last.labels === m.labels && last.refs === m.ownerReferences && last.namespace === m.namespace && last.generation === m.generation && sameImages(last.containers, containers)) return last.group;
    const owner = templateOwner(subject.object);
    if (!owner) return undefined;
    // Namespaced as onBatch() stamps them: by the namespace as the object holds it.
    const namespace = asString(m.namespace) ?? '';
    // A Service or PDB that picks one pod of a StatefulSet by name: its pods' contexts differ.
    const statefulSet = owner.statefulSet;
    if (statefulSet && this.contexts.selectsPodIdentity(namespace)) return undefined;
    const nsStamp = this.nsStamps.get(namespace) ?? 0;
    let known = this.groups.get(owner.uid);
    let at = -1;
    if (known) {
      for (let i = 0; i < known.length && at < 0; i++) {
        const g = known[i];
        if (g.revision === owner.revision && g.namespace === namespace && g.generation === m.generation && sameImages(g.containers, containers) && sameTemplateLabels(g.labels, m.labels, statefulSet)) at = i;
      }
    }
    let group = at < 0 ? undefined : known![at];
    if (!group || group.globalStamp !== this.globalStamp || group.nsStamp !== nsStamp) {
      const shared = this.contexts.shared(subject);
      const ctx = this.contexts.context(subject, now, shared);
      // Counted; listed only for a walk that reads them all (findingsOf).
      const findings = this.keepLists ? analyzeRaw(subject, ctx, this.sharedRules) : undefined;
      const counts = Object.freeze(findings ? countInto(zero(), findings) : countRaw(subject, ctx, this.sharedRules, zero()));
      const podRules = this.podRulesFor(subject, ctx);
      group = {
        namespace,
        revision: owner.revision,
        generation: m.generation,
        containers,
        labels: m.labels,
        globalStamp: this.globalStamp,
        nsStamp,
        shared,
        ownClaims: statefulSet,
        volumes: subject.spec.volumes,
        podRules,
        quietRules: NO_RULES,
        quietRulesAt: -1,
        counts,
      };
      if (findings) group.findings = this.kept(findings);
      if (!known) this.groups.set(owner.uid, (known = []));
      if (at >= 0) known[at] = group;
      // Pods of one controller whose labels or images differ (a label set per pod by
      // something else, a rollout by hand): each its own group, the oldest dropped past a
      // few, so finding a group stays a short scan. A dropped group is only made again.
      else if (known.push(group) > MAX_GROUPS_PER_CONTROLLER) known.shift();
    }
    // The same frozen parts and images are the same template (template-key.ts), so they vouch for the group too.
    if (frozenOrAbsent(m.labels) && frozenOrAbsent(m.ownerReferences) && frozenOrAbsent(containers)) {
      this.lastGroup = { labels: m.labels, refs: m.ownerReferences, containers, namespace: m.namespace, generation: m.generation, group };
    }
    return group;
  }

  /**
   * The per-pod rules that may find something on a template's pods: the analysis's own list
   * when none says no, one shared empty list when all do (a new empty list per template was
   * 14,000 of them kept at 50,027 pods, where port-conflict is the only per-pod rule).
   */
  private podRulesFor(subject: PodSubject, ctx: RuleContext): readonly Rule[] {
    const rules = this.podRules.filter((rule) => gateAllows(rule, 'mayFireOnTemplate', subject, ctx));
    return rules.length === this.podRules.length ? this.podRules : rules.length ? rules : NO_RULES;
  }

  /** Spec-level then per-pod findings, stably sorted by rule (as one list in rule order would be). */
  private inRuleOrder(spec: readonly Finding[], perPod: readonly Finding[]): Finding[] {
    if (perPod.length === 0) return spec as Finding[];
    const order = this.ruleOrder;
    return [...spec, ...perPod]
      .map((f, i) => ({ f, i }))
      .sort((a, b) => (order.get(a.f.rule) ?? -1) - (order.get(b.f.rule) ?? -1) || a.i - b.i)
      .map((x) => x.f);
  }

  onBatch(batch: ChangeBatch): void {
    this.generation++;
    this.recent.clear();
    this.lastGroup = undefined;
    // A batch ends a pass too: the TUI walks the pods in slices (findingsForPod), not through
    // summary()/all(), and a batch is the only way an object leaves the store, so the memos
    // (which hold their keys strongly) never keep one past it.
    endPass();
    if (batch.resync?.length) {
      // A relist replaced a kind wholesale: everything may depend on it.
      for (const e of this.entries.values()) e.stale = true;
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
          const id = idOf(obj);
          const old = this.entries.get(id);
          if (old) old.stale = true;
          if (change.type === 'DELETED') this.entries.delete(id);
          if (change.type !== 'MODIFIED' || placementChanged(old?.pod, obj)) this.markSiblings(obj);
          break;
        }
        case 'events': {
          const involved = asRecord(asRecord(obj).involvedObject);
          if (involved.kind !== 'Pod') break;
          const uid = asString(involved.uid);
          const pod = this.store.get('pods', objectKey({ metadata: { namespace: asString(involved.namespace) ?? ns, name: asString(involved.name) } }));
          if (uid) this.mark(uid);
          if (pod) this.mark(idOf(pod));
          break;
        }
        case 'services':
        case 'poddisruptionbudgets':
        case 'persistentvolumeclaims':
          // The old selector is not in the batch: every pod of the namespace may be affected.
          for (const pod of this.store.byNamespace('pods', ns)) this.mark(idOf(pod));
          break;
        case 'deployments':
        case 'replicasets':
        case 'statefulsets':
        case 'daemonsets':
        case 'jobs':
        case 'cronjobs':
          for (const pod of podsOfController(this.store, obj)) this.mark(idOf(pod));
          break;
        default:
          break;
      }
    }
    // Groups of a namespace whose context changed are stale; old template revisions go too.
    if (touched.size) {
      for (const [uid, list] of this.groups) {
        const kept = list.filter((g) => !touched.has(g.namespace));
        if (kept.length === 0) this.groups.delete(uid);
        else if (kept.length !== list.length) this.groups.set(uid, kept);
      }
    }
  }

  private mark(id: string): void {
    const e = this.entries.get(id);
    if (e) e.stale = true;
  }

  /** Pods of the same top controller: replicas-same-node looks at where all of them run. */
  private markSiblings(pod: KubeObject): void {
    const owners = ownerChain(this.store, pod);
    const top = owners[owners.length - 1];
    if (!top) return;
    for (const p of podsOfController(this.store, top)) this.mark(idOf(p));
  }
}

function entry(pod: KubeObject, group: TemplateGroup | undefined, own: readonly Finding[], runtime: readonly Finding[], clock: PassClock, fixed: SeverityCounts): PodEntry {
  // Frozen: countsForPod hands it out, and replicas share their group's.
  return { pod, group, own, runtime, runtimeAt: clock, fixed: Object.isFrozen(fixed) ? fixed : Object.freeze(fixed), stale: false, seen: 0 };
}

/** The runtime clock of an entry whose runtime findings do not age: never past its TTL. */
const TIMELESS: PassClock = Object.freeze({ at: Number.POSITIVE_INFINITY });

const NO_COUNTS: Readonly<SeverityCounts> = Object.freeze({ error: 0, warning: 0, info: 0, ignored: 0 });

const NO_RULES: readonly Rule[] = Object.freeze([]);

/**
 * Pods between two ends of the memos in a walk (endSpan). Measured at 50,027 pods, in one
 * process alternating with the walk that kept them to its end (16 rounds): 256 and 512 pods
 * ~35 ms faster (median of ~670 ms), 1,024 ~20, 128 ~10, 2,048 none.
 */
const MEMO_SPAN = 512;

/** Groups kept for one controller, each of other labels, images, revision or generation. */
const MAX_GROUPS_PER_CONTROLLER = 8;

/**
 * Whether a rule's gate (mayFireOnTemplate, mayFireOnController) lets it run. A gate that
 * throws keeps its rule: run on each pod, its check reports the trouble as an internal-error finding.
 */
function gateAllows(rule: Rule, gate: 'mayFireOnTemplate' | 'mayFireOnController', subject: PodSubject, ctx: RuleContext): boolean {
  if (!rule[gate]) return true;
  try {
    return rule[gate](subject, ctx) !== false;
  } catch {
    return true;
  }
}

function hasAny(c: Readonly<SeverityCounts>): boolean {
  return c.error + c.warning + c.info + c.ignored > 0;
}

function zero(): SeverityCounts {
  return { error: 0, warning: 0, info: 0, ignored: 0 };
}

/**
 * The list to keep: NONE for none, else an exact copy. A rule's list is grown by push, which
 * leaves room for 17 findings; kept by every template group and pod that has any, the spare
 * room was ~2 MB at 50,027 pods.
 */
function orNone(findings: readonly Finding[]): readonly Finding[] {
  return findings.length ? findings.slice() : NONE;
}

/** The group's findings copied onto a pod. */
function onPod(findings: readonly Finding[], ref: ObjectRef): Finding[] {
  const out: Finding[] = [];
  for (let i = 0; i < findings.length; i++) out.push(onObject(findings[i], ref));
  return out;
}

function placementChanged(old: KubeObject | undefined, now: KubeObject): boolean {
  if (!old) return true;
  const node = (o: KubeObject) => asRecord(o.spec).nodeName;
  const phase = (o: KubeObject) => asRecord(o.status).phase;
  // A pod being deleted no longer counts as running where it is (replicas-same-node).
  const leaving = (o: KubeObject) => Boolean(asRecord(o.metadata).deletionTimestamp);
  return node(old) !== node(now) || phase(old) !== phase(now) || leaving(old) !== leaving(now);
}
