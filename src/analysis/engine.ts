// The analysis engine: runs the rules over a subject and its context. Pure and
// deterministic (time comes from the context), and it never throws: a rule that throws on
// odd input becomes an `internal-error` finding naming the rule, not a crash.
import type { KubeObject } from '../model/kube.js';
import { sanitize } from '../model/sanitize.js';
import type { PodSubject, Rule, RuleContext, RuleHit } from './rule.js';
import type { Finding } from './types.js';
import type { SeverityCounts } from './pod-findings.js';
import { ALL_RULES } from './registry.js';
import { ManifestIndex } from './context.js';
import { podFacts, type PodFacts } from './container-facts.js';
import { flattenObjects, subjectFromManifest } from './subjects.js';
import { annotationsOf, applySilence, type SilenceConfig } from './silence.js';
import { asArray, asRecord, asString, isRecord } from './pod-helpers.js';

export { LiveAnalysis } from './live.js';
export { rollUp } from './roll-up.js';
export type { SilenceConfig } from './silence.js';

export interface AnalyzeOptions {
  /** The rules to run; all of them by default. */
  rules?: readonly Rule[];
  silence?: SilenceConfig;
}

function internalError(subject: PodSubject, rule: Rule | { id: string }, err: unknown): Finding {
  const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return {
    rule: 'internal-error',
    severity: 'info',
    object: subject.ref,
    message: `rule ${rule.id} failed on this object: ${sanitize(text.split('\n')[0], 200)}`,
    evidence: [],
    why: 'A rule met input it did not expect. The other rules ran; this one says nothing about the object.',
    fix: 'Report the object shape (without secrets) to the podscope maintainers.',
  };
}

/**
 * The rule's hits, checked: a list, every hit with a message. Throws otherwise, and the caller
 * reports the rule as one internal-error finding (runRule), or counts it as one (countRaw).
 */
function checkedHits(rule: Rule, subject: PodSubject, ctx: RuleContext, facts?: PodFacts): RuleHit[] {
  const hits = rule.check(subject, ctx, facts);
  if (!Array.isArray(hits)) throw new Error('rule returned no list');
  for (let i = 0; i < hits.length; i++) {
    const hit: unknown = hits[i];
    if (!isRecord(hit) || typeof hit.message !== 'string') throw new Error('rule returned a malformed finding');
  }
  return hits;
}

/** A checked hit (checkedHits) as a finding on the subject. */
function toFinding(subject: PodSubject, rule: Rule, hit: RuleHit): Finding {
  const f: Finding = {
    rule: rule.id,
    severity: hit.severity ?? rule.severity,
    object: subject.ref,
    message: hit.message,
    evidence: asArray(hit.evidence).filter((e): e is string => typeof e === 'string'),
    why: hit.why ?? rule.why,
    fix: hit.fix ?? rule.fix,
  };
  if (hit.container !== undefined) f.container = hit.container;
  if (hit.port !== undefined) f.port = hit.port;
  if (hit.volume !== undefined) f.volume = hit.volume;
  if (hit.probe !== undefined) f.probe = hit.probe;
  return f;
}

const NO_FINDINGS: readonly Finding[] = Object.freeze([]);

/**
 * Runs one rule, never throwing. `facts`: the subject's, when already read (Rule.check). Do not
 * modify the result (an empty one is shared).
 */
export function runRule(rule: Rule, subject: PodSubject, ctx: RuleContext, facts?: PodFacts): Finding[] {
  try {
    const hits = checkedHits(rule, subject, ctx, facts);
    // Most rules find nothing on most pods: no list to build for them (one shared empty list).
    if (hits.length === 0) return NO_FINDINGS as Finding[];
    // A loop, not hits.map(h => …): a closure over subject and rule made V8 allocate a context
    // for them on every call, hits or not (measured: 27 MB a cold pass of 50,027 pods).
    const out: Finding[] = [];
    for (let i = 0; i < hits.length; i++) out.push(toFinding(subject, rule, hits[i]));
    return out;
  } catch (err) {
    return [internalError(subject, rule, err)];
  }
}

/**
 * What `countInto(counts, analyzeRaw(subject, ctx, rules))` adds, without making the findings:
 * a template group keeps only its counts (live.ts), and turning every hit into a Finding only
 * to count it was ~150,000 objects a cold pass at 50,027 pods. A rule whose hits are not all
 * well formed counts as its one internal-error finding, as runRule makes it. Rules that decide
 * from the pod's facts (Rule.severityOn) are counted from one set of facts, without check().
 */
export function countRaw(subject: PodSubject, ctx: RuleContext, rules: readonly Rule[], counts: SeverityCounts): SeverityCounts {
  let byFacts = false;
  for (let r = 0; r < rules.length; r++) {
    const rule = rules[r];
    if (rule.runtime && subject.source !== 'live') continue;
    if (decidesByFacts(rule)) {
      byFacts = true;
      continue;
    }
    try {
      const hits = checkedHits(rule, subject, ctx);
      for (let i = 0; i < hits.length; i++) counts[hits[i].severity ?? rule.severity]++;
    } catch {
      counts.info++;
    }
  }
  if (byFacts) countByFacts(subject, ctx, rules, counts);
  return counts;
}

/** Whether the rule decides from the pod's facts (severityOn, severityOfPod or decide), and is counted from them. */
function decidesByFacts(rule: Rule): boolean {
  return rule.severityOn !== undefined || rule.severityOfPod !== undefined || rule.decide !== undefined;
}

/** countRaw's part for the rules that decide from the pod's facts: the facts read once, each rule asked of the pod or of each container. */
function countByFacts(subject: PodSubject, ctx: RuleContext, rules: readonly Rule[], counts: SeverityCounts): void {
  let facts: PodFacts | undefined;
  try {
    facts = podFacts(subject, ctx);
  } catch {
    // Each such rule's check() reads the same facts first, and would fail the same way.
  }
  for (let r = 0; r < rules.length; r++) {
    const rule = rules[r];
    if (!decidesByFacts(rule) || (rule.runtime && subject.source !== 'live')) continue;
    if (!facts) {
      counts.info++;
      continue;
    }
    // Counted apart first: a rule that throws adds none of its own, as with check().
    let error = 0;
    let warning = 0;
    let info = 0;
    try {
      const containers = facts.containers;
      const decisions = rule.decide ? rule.decide(facts, ctx) : undefined;
      // Each decision once; else a pod-level rule once, a container rule once per container.
      const asks = decisions ? decisions.length : rule.severityOfPod ? 1 : containers.length;
      for (let i = 0; i < asks; i++) {
        const severity = decisions ? decisions[i].severity : rule.severityOfPod ? rule.severityOfPod(facts, ctx) : rule.severityOn!(containers[i], facts, ctx);
        if (severity === 'error') error++;
        else if (severity === 'warning') warning++;
        else if (severity === 'info') info++;
      }
    } catch {
      counts.info++;
      continue;
    }
    counts.error += error;
    counts.warning += warning;
    counts.info += info;
  }
}

/** Silencing sources of a subject: its pod (template), the workload of a manifest, its owners. */
function silenceScope(subject: PodSubject, ctx: RuleContext) {
  const annotations: { where: string; value: unknown }[] = [
    { where: subject.source === 'live' ? 'pod' : 'pod template', value: annotationsOf(subject.podMeta) },
  ];
  if (subject.source === 'manifest' && subject.object.kind !== 'Pod') {
    annotations.push({ where: subject.ref.kind, value: annotationsOf(subject.object.metadata) });
  }
  const owners = asArray(ctx.owners).filter(isRecord) as KubeObject[];
  for (const o of owners) annotations.push({ where: asString(o.kind) ?? 'owner', value: annotationsOf(o.metadata) });
  const names = [subject.ref.name, ...owners.map((o) => asString(asRecord(o.metadata).name) ?? '')];
  return { annotations, namespace: subject.ref.namespace, names };
}

/** Findings of the given rules before silencing; runtime rules skipped for manifests. */
export function analyzeRaw(subject: PodSubject, ctx: RuleContext, rules: readonly Rule[] = ALL_RULES): Finding[] {
  // A list only once a rule finds something: the runtime rules of 50,000 healthy pods made
  // 100,000 empty ones per pass.
  let out: Finding[] | undefined;
  // Read once for every rule that decides from them, as countRaw does: each rule's check()
  // reading its own was 21 readings a template when listing findings (headless analyze, the
  // advice view). Unreadable, each such rule reads them itself and reports the failure.
  let facts: PodFacts | undefined;
  let factsRead = false;
  for (let r = 0; r < rules.length; r++) {
    const rule = rules[r];
    if (rule.runtime && subject.source !== 'live') continue;
    const byFacts = decidesByFacts(rule);
    if (byFacts && !factsRead) {
      factsRead = true;
      try {
        facts = podFacts(subject, ctx);
      } catch {
        facts = undefined;
      }
    }
    const found = runRule(rule, subject, ctx, byFacts ? facts : undefined);
    if (found.length === 0) continue;
    // A rule's non-empty list is new and ours: the first one becomes the list.
    if (!out) out = found;
    else for (let i = 0; i < found.length; i++) out.push(found[i]);
  }
  return out ?? [];
}

/** Marks the findings the subject's annotations or the config silence; never drops one. */
export function silenceFindings(subject: PodSubject, ctx: RuleContext, findings: Finding[], config?: SilenceConfig): Finding[] {
  if (findings.length === 0) return findings;
  try {
    return applySilence(findings, silenceScope(subject, ctx), config);
  } catch (err) {
    return [...findings, internalError(subject, { id: 'silence' }, err)];
  }
}

/** Findings for one subject, runtime rules skipped for manifests, silencing applied. */
export function analyzeSubject(subject: PodSubject, ctx: RuleContext, opts: AnalyzeOptions = {}): Finding[] {
  return silenceFindings(subject, ctx, analyzeRaw(subject, ctx, opts.rules ?? ALL_RULES), opts.silence);
}

/**
 * Findings for manifests: Pods and the pod templates of Deployment, ReplicaSet, StatefulSet,
 * DaemonSet, Job and CronJob. Services, PDBs and PVCs in the same input form the context.
 */
export function analyzeManifests(objects: readonly unknown[], opts: AnalyzeOptions & { now?: number } = {}): Finding[] {
  const all = flattenObjects(objects);
  const index = new ManifestIndex(all);
  const now = opts.now ?? 0;
  const out: Finding[] = [];
  for (const obj of all) {
    let subject: PodSubject | undefined;
    try {
      subject = subjectFromManifest(obj);
      if (!subject) continue;
      out.push(...analyzeSubject(subject, index.context(subject, now), opts));
    } catch (err) {
      if (subject) out.push(internalError(subject, { id: 'context' }, err));
    }
  }
  return out;
}
