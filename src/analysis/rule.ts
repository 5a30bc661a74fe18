// What a rule is. One rule per file in analysis/rules/; each file reads like its docs:
// the decision, the message, the why and the fix side by side.
import type { KubeObject, ObjectMeta, Pod, PodSpec } from '../model/kube.js';
import type { ContainerRoleInfo, Finding, ObjectRef, RuleId, Severity } from './types.js';
import type { StatusSignal } from './runtime-fast-path.js';
import type { ContainerFacts, PodFacts } from './container-facts.js';

/** One pod (live) or one pod template (manifest) under analysis. */
export interface PodSubject {
  /** The object as given: a Pod, or the Deployment/StatefulSet/DaemonSet/Job/CronJob/ReplicaSet of a manifest. */
  object: KubeObject;
  ref: ObjectRef;
  /** The pod's metadata (live) or the pod template's (manifest). Never undefined: `{}` when missing. */
  podMeta: ObjectMeta;
  /** The pod spec. Never undefined: `{}` when missing. Fields inside may be anything. */
  spec: PodSpec;
  /** Where `spec` sits in `object`, for evidence paths: `spec`, `spec.template.spec`, `spec.jobTemplate.spec.template.spec`. */
  specPath: string;
  /** The live pod with its status; absent for manifests. */
  pod?: Pod;
  source: 'live' | 'manifest';
}

/** What a rule may know beyond the pod. Manifests get only what their files hold. */
export interface RuleContext {
  /** Container roles of the subject, computed once (analysis/roles.ts). */
  roles: ContainerRoleInfo[];
  /** Owner chain from the pod upward: ReplicaSet, Deployment; Job, CronJob. Empty for bare pods. */
  owners: KubeObject[];
  /** The top controller (the Deployment, not its ReplicaSet), when there is one. */
  workload?: KubeObject;
  /** Live only: pods of the same top controller, the subject included. */
  siblings: Pod[];
  /** Services whose selector matches the pod's labels, in the pod's namespace. */
  services: KubeObject[];
  /** PodDisruptionBudgets whose selector matches the pod's labels. */
  pdbs: KubeObject[];
  /**
   * PVCs by claim name, in the pod's namespace. A rule that is neither runtime nor perPod runs
   * once for all the pods of a template, a StatefulSet's included, whose claims differ: it sees
   * the first pod's, so its findings must not depend on which claims they are
   * (test/analysis/live-equivalence.test.ts holds this for the demo cluster).
   */
  pvcs: Map<string, KubeObject>;
  /** Live only: events about the pod, oldest first. */
  events: KubeObject[];
  /** Milliseconds since the epoch; rules never call Date.now() (determinism). */
  now: number;
}

/** One finding a rule has decided on (Rule.decide): its severity, and what the rule describes it by. */
export interface Decision {
  readonly severity: Severity;
}

/** What a rule returns; the engine fills in rule, object, and the rule's defaults. */
export type RuleHit = Omit<Finding, 'rule' | 'object' | 'severity' | 'why' | 'fix' | 'ignored'> & {
  severity?: Severity;
  why?: string;
  fix?: string;
};

export interface Rule {
  id: RuleId;
  /** Default severity; a hit may lower or raise it with a reason in its message. */
  severity: Severity;
  /** Runtime rules (R in RULES.md) need a live pod's status; they never fire on manifests. */
  runtime: boolean;
  /**
   * A non-runtime rule that also reads the live pod (its status or own metadata). Live
   * analysis shares spec-level findings between replicas of one template; such a rule runs
   * for each pod instead.
   */
  perPod?: boolean;
  /**
   * For a perPod rule: whether it can find anything on any pod of this template, read from what
   * replicas share (their spec) and nothing of the pod's own. The live analysis asks once per
   * template group, with the group's first pod, and runs the rule for the group's pods only
   * when the answer is true. check() must find nothing when it is false (it asks it first);
   * test/analysis/live-equivalence.test.ts holds the live findings to that.
   */
  mayFireOnTemplate?(subject: PodSubject, ctx: RuleContext): boolean;
  /**
   * For a runtime rule: whether it can find anything on any pod of this template group, read
   * from what the group's pods share (their controller and where its pods run) and nothing of
   * the pod's own. The live analysis asks once per template group and store version, and
   * leaves the rule out for the group's pods whose status is quiet when the answer is false.
   * check() must find nothing on them then; test/analysis/live-equivalence.test.ts holds the
   * live findings to that.
   */
  mayFireOnController?(subject: PodSubject, ctx: RuleContext): boolean;
  /**
   * A runtime rule that speaks only about a pod whose status shows one of these
   * (runtime-fast-path.ts: Pending; Running with Ready=False; a container waiting for a reason;
   * one restarted 3 times or more). Live analysis skips it for a pod that shows none of them.
   */
  statusSignals?: readonly StatusSignal[];
  /**
   * A runtime rule whose findings depend on `ctx.now` (restarts within the last hour, not
   * ready for 60 s): its answer ages, and the live analysis runs it again after a while.
   * Without it, a rule answers the same until the pod or its context changes
   * (test/analysis/reads-clock.test.ts checks each rule at other clocks).
   */
  readsClock?: boolean;
  /**
   * For a rule that makes at most one finding per container and decides it from the facts of
   * the container and its pod (container-facts.ts) and the context: the severity of that
   * finding, or undefined for none. Counting a template's findings (the live analysis keeps counts), the
   * engine asks this of each container instead of calling check(). check() decides by this same
   * function (container-facts.ts, hitsByFacts), so that the two cannot differ;
   * test/analysis/container-facts.test.ts holds the counts equal.
   */
  severityOn?(container: ContainerFacts, pod: PodFacts, ctx: RuleContext): Severity | undefined;
  /**
   * As severityOn, for a rule that makes at most one finding per pod spec: the severity of that
   * finding, or undefined. check() decides by it (container-facts.ts, hitOfPod).
   */
  severityOfPod?(pod: PodFacts, ctx: RuleContext): Severity | undefined;
  /**
   * As severityOn, for a rule that may make several findings on a pod spec (one per volume, one
   * per probe): what it finds, each with its severity and whatever the rule needs to describe
   * it, or the shared empty list NOTHING (container-facts.ts). check() describes these
   * (hitsOfDecisions), so the two cannot differ. A rule has one of severityOn, severityOfPod and
   * decide, or none.
   */
  decide?(pod: PodFacts, ctx: RuleContext): readonly Decision[];
  title: string;
  why: string;
  fix: string;
  /** The long text of `podscope explain`. */
  explain: {
    fires: string;
    guards: string[];
    bad: string;
    good: string;
  };
  /**
   * The rule's findings on the subject. `facts`: the subject's facts in this context when the
   * caller has read them already (the engine reads them once for all the rules it runs); a rule
   * that decides from the facts uses them instead of reading its own.
   */
  check(subject: PodSubject, ctx: RuleContext, facts?: PodFacts): RuleHit[];
}
