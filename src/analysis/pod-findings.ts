// What the live analysis keeps per pod, and how a pod's findings are handed out.
//
// Replicas of one template share their spec-level findings' counts: a pod's entry points at
// its template group and holds only what is its own (per-pod and runtime findings, usually
// none). Lists with `object` = the pod are made only when someone asks for that pod's
// findings (the pod on screen) or for all of them (headless output, the advice view).
// Measured at 50,027 pods (193,296 findings, 10,882 templates): the analysis's retained heap
// went from 154 MB (a copy per replica, and all()'s list kept) to 120 MB with one shared list
// per template; and at 50,027 pods with their own token mounts (13,862 templates), from 32
// to 19 MB once templates kept counts, and lists only when asked for.
import type { KubeObject } from '../model/kube.js';
import type { Finding, ObjectRef, Severity } from './types.js';
import type { SharedLiveContext } from './context.js';
import type { Rule } from './rule.js';

/** One list for every "nothing": a pod without findings of its own costs no array. */
export const NONE: readonly Finding[] = Object.freeze([]);

/** Unsilenced findings by severity, and silenced ones. */
export interface SeverityCounts {
  error: number;
  warning: number;
  info: number;
  ignored: number;
}

export function countInto(counts: SeverityCounts, findings: readonly Finding[]): SeverityCounts {
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i];
    if (f.ignored) counts.ignored++;
    else counts[f.severity]++;
  }
  return counts;
}

/** What replicas of one template share: the context and the spec-level findings (unsilenced). */
export interface TemplateGroup {
  namespace: string;
  /** What the group's pods share besides their controller, read from the pod it was made from (template-key.ts). */
  revision: string;
  generation: unknown;
  /** Its container list: replicas run the same images. */
  containers: unknown;
  /** Its labels: replicas carry the same. */
  labels: unknown;
  /** The global and namespace stamps when the group was made: a group is stale when either moved. */
  globalStamp: number;
  nsStamp: number;
  shared: SharedLiveContext;
  /** A StatefulSet's pods: each has claims of its own, so `shared.pvcs` is the first pod's only. */
  ownClaims: boolean;
  /** The volumes `shared.pvcs` was read from: a pod with these very volumes has those claims. */
  volumes: unknown;
  /** The per-pod rules worth running on the group's pods (those whose mayFireOnTemplate did not say no). */
  podRules: readonly Rule[];
  /** The quiet runtime rules worth running on the group's quiet pods, as of store version `quietRulesAt` (live.ts quietRulesOf). */
  quietRules: readonly Rule[];
  quietRulesAt: number;
  /**
   * The spec findings, once someone asked for them (live.ts findingsOf): `object` is the pod
   * they were made for, so callers get copies on their pod. A new group has its counts only.
   */
  findings?: readonly Finding[];
  counts: Readonly<SeverityCounts>;
}

/** The time a pass analysed at: one object shared by every entry of the pass, not a boxed number per entry. */
export interface PassClock {
  at: number;
}

export interface PodEntry {
  /** The pod object analysed: a changed pod is a new object (the store never mutates one). */
  pod: KubeObject;
  /** The spec-level findings this pod shares with its replicas; absent: `own` holds them all. */
  group: TemplateGroup | undefined;
  /** This pod's own fixed findings (per-pod rules; all of them without a group, or when silenced), `object` = the pod. */
  own: readonly Finding[];
  runtime: readonly Finding[];
  runtimeAt: PassClock;
  /** Counts of group + own (not runtime, which refreshes on its own clock); the group's own object when the pod adds nothing. Never modified. */
  fixed: Readonly<SeverityCounts>;
  /** Set when something the pod depends on changed since it was analysed. */
  stale: boolean;
  /** The last full walk (summary, all) that met the pod: entries of vanished pods are swept. */
  seen: number;
}

/** A pod's advice at a glance: the worst unsilenced severity and how many unsilenced findings. */
export interface PodAdviceCounts {
  worst?: Severity;
  count: number;
}

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/**
 * Advice values are few (a worst severity and a small count), so they are made once and
 * shared: the pod list asks for every row it sorts or filters, and allocates nothing for it.
 */
const adviceTable = new Map<number, PodAdviceCounts>();

function advice(worst: Severity | undefined, count: number): PodAdviceCounts {
  const code = count * 4 + (worst ? SEVERITIES.indexOf(worst) + 1 : 0);
  let a = adviceTable.get(code);
  if (!a) adviceTable.set(code, (a = Object.freeze(worst ? { worst, count } : { count })));
  return a;
}

/** The advice of a pod that is not there (or has nothing to say). */
export const NO_ADVICE: PodAdviceCounts = advice(undefined, 0);

export function adviceOf(entry: PodEntry): PodAdviceCounts {
  let { error, warning, info } = entry.fixed;
  for (let i = 0; i < entry.runtime.length; i++) {
    const f = entry.runtime[i];
    if (f.ignored) continue;
    if (f.severity === 'error') error++;
    else if (f.severity === 'warning') warning++;
    else info++;
  }
  const worst = error ? 'error' : warning ? 'warning' : info ? 'info' : undefined;
  return advice(worst, error + warning + info);
}

/**
 * A finding moved onto another object, keys in the order the engine made them (JSON output
 * follows it). One literal per common shape keeps the fields inside the object: a spread
 * (`{...f, object}`) put them in a separate property array, 28 MB of them at 50,000 pods.
 */
export function onObject(f: Finding, object: ObjectRef): Finding {
  const c: Finding =
    f.container !== undefined
      ? { rule: f.rule, severity: f.severity, object, message: f.message, evidence: f.evidence, why: f.why, fix: f.fix, container: f.container }
      : { rule: f.rule, severity: f.severity, object, message: f.message, evidence: f.evidence, why: f.why, fix: f.fix };
  if (f.port !== undefined) c.port = f.port;
  if (f.volume !== undefined) c.volume = f.volume;
  if (f.probe !== undefined) c.probe = f.probe;
  if (f.ignored !== undefined) c.ignored = f.ignored;
  return c;
}
