// What rules decide by, read once per pod spec into objects of one class each: the spec rules'
// part of the data-oriented pass the README's performance section plans (P6).
//
// Rules that read the cluster's JSON themselves read objects of as many shapes as manifests
// have key sets and orders. V8 kept deoptimising them on shapes it had not seen yet ("wrong
// map" in --trace-deopt: 74 of the 85 deoptimisations of the first cold pass at 50,027 demo
// pods), and most of the rules' checks were optimised for good only during the second pass,
// the one the bench reports. Read here once, the rules read one shape. A rule that decides
// from these facts says so (Rule.severityOn per container, severityOfPod per pod, decide for
// any number), and the engine counts a template's findings of all such rules from one set of
// facts, without making the findings (engine.ts, countRaw). Every spec rule does.
//
// Facts only: a rule keeps its messages and evidence, made from the ref when it fires. The
// facts that depend on the context (a container's role, whether a Job runs the pod) are worked
// out once here too: asked by each rule of each container, they were a scan of the roles and
// of the owner chain per question.
import { asArray, asNumber, asRecord, isLongRunning, isRunByJob, podContainers, roleFor, runsOnce, type ContainerRef } from './pod-helpers.js';
import type { Decision, PodSubject, RuleContext, RuleHit } from './rule.js';
import type { Severity } from './types.js';

/** A capability a container adds that dangerous-capabilities names. */
export interface AddedCapability {
  /** Upper case, without `CAP_`: `SYS_ADMIN`. */
  readonly cap: string;
  /** Its index in `capabilities.add`. */
  readonly index: number;
  /** As written. */
  readonly raw: string;
}

/** Capabilities that are close to root on the node (dangerous-capabilities). */
const DANGEROUS = new Set(['ALL', 'SYS_ADMIN', 'NET_ADMIN', 'SYS_PTRACE', 'SYS_MODULE']);

/** Added capabilities that let a process raise its privileges anyway (privilege-escalation). */
const SYS_ADMIN_LIKE = new Set(['SYS_ADMIN', 'CAP_SYS_ADMIN', 'ALL']);

/** Service-mesh init containers: they need root and NET_ADMIN for their iptables redirect. */
const MESH_INIT = new Set(['istio-init', 'istio-validation', 'linkerd-init']);

const NO_CAPABILITIES: readonly AddedCapability[] = Object.freeze([]);

/** One container's facts. */
export class ContainerFacts {
  constructor(
    /** The container and where it sits, for what the facts do not hold yet (its probes, its role). */
    readonly ref: ContainerRef,
    /** Runs for the life of the pod: an app container or a native sidecar (restartPolicy: Always). */
    readonly longRunning: boolean,
    /** Its role by the context's roles (roleFor): `main`, `sidecar` or `init`. */
    readonly role: string,
    /** A service-mesh init container (istio-init, istio-validation, linkerd-init). */
    readonly meshInit: boolean,
    /** `securityContext.privileged: true` (a string "true" is not a boolean to the API server either). */
    readonly privileged: boolean,
    /** `securityContext.allowPrivilegeEscalation` as written, whatever its type. */
    readonly allowPrivilegeEscalation: unknown,
    /** `capabilities.add` holds SYS_ADMIN, CAP_SYS_ADMIN or ALL, in any case. */
    readonly addsSysAdmin: boolean,
    /** `securityContext.runAsUser` when it is a number (or a string of digits). */
    readonly runAsUser: number | undefined,
    /** `securityContext.runAsNonRoot` when it is a boolean. */
    readonly runAsNonRoot: boolean | undefined,
    /** The dangerous capabilities it adds, in the order written. */
    readonly dangerous: readonly AddedCapability[],
    /** `resources` as written: the store shares equal ones, so a rule may remember its answer per object. */
    readonly resources: unknown,
  ) {}
}

/** A pod spec's facts: its own settings and one ContainerFacts per ref, in the refs' order. */
export class PodFacts {
  constructor(
    /** The pod or pod template the facts are of. */
    readonly subject: PodSubject,
    /** podContainers() of the spec: `containers[i]` is the facts of `refs[i]`. */
    readonly refs: readonly ContainerRef[],
    readonly containers: readonly ContainerFacts[],
    /** `spec.os.name: windows`: no Linux security settings apply. */
    readonly windows: boolean,
    /** The pod's `securityContext.runAsUser` when it is a number (or a string of digits). */
    readonly runAsUser: number | undefined,
    /** The pod's `securityContext.runAsNonRoot` as written. */
    readonly runAsNonRoot: unknown,
    /** A Job or CronJob runs it: the manifest's kind, an owner reference of the pod, or the context's owner chain. */
    readonly runByJob: boolean,
    /** It runs a task to completion (isBatchPod): run by a Job, or its restartPolicy is Never or OnFailure. */
    readonly batch: boolean,
  ) {}
}

/** `cap_sys_admin` and `CAP_SYS_ADMIN` are written too; the runtime accepts both. */
function normalise(cap: string): string {
  return cap.toUpperCase().replace(/^CAP_/, '');
}

function containerFacts(ref: ContainerRef, roles: RuleContext['roles']): ContainerFacts {
  const sc = asRecord(ref.c.securityContext);
  const add = asRecord(sc.capabilities).add;
  let addsSysAdmin = false;
  let dangerous = NO_CAPABILITIES;
  // Most containers add no capability: no list to make for them.
  if (Array.isArray(add) && add.length > 0) {
    const added = asArray(add);
    const found: AddedCapability[] = [];
    for (let i = 0; i < added.length; i++) {
      const raw = added[i];
      if (typeof raw !== 'string') continue;
      if (SYS_ADMIN_LIKE.has(raw.toUpperCase())) addsSysAdmin = true;
      const cap = normalise(raw);
      if (DANGEROUS.has(cap)) found.push({ cap, index: i, raw });
    }
    if (found.length) dangerous = found;
  }
  return new ContainerFacts(
    ref,
    isLongRunning(ref),
    roleFor(roles, ref).role,
    ref.group === 'initContainers' && MESH_INIT.has(ref.name),
    sc.privileged === true,
    sc.allowPrivilegeEscalation,
    addsSysAdmin,
    asNumber(sc.runAsUser),
    typeof sc.runAsNonRoot === 'boolean' ? sc.runAsNonRoot : undefined,
    dangerous,
    ref.c.resources,
  );
}

/** The facts of a subject's pod spec in its context. */
export function podFacts(subject: PodSubject, ctx: RuleContext): PodFacts {
  const spec = asRecord(subject.spec);
  const refs = podContainers(spec, subject.specPath);
  const containers: ContainerFacts[] = [];
  for (let i = 0; i < refs.length; i++) containers.push(containerFacts(refs[i], ctx.roles));
  const podSc = asRecord(spec.securityContext);
  // isBatchPod (pod-helpers.ts), its parts asked once.
  const runByJob = isRunByJob(subject.object, subject.podMeta, ctx.owners);
  const batch = runByJob || runsOnce(spec);
  return new PodFacts(subject, refs, containers, asRecord(spec.os).name === 'windows', asNumber(podSc.runAsUser), podSc.runAsNonRoot, runByJob, batch);
}

/** A rule's decision that it finds nothing (Rule.decide): one shared list, not a new one per pod. */
export const NOTHING: readonly never[] = Object.freeze([]);

/**
 * The hits of a rule that decides by decide (rule.ts): one for each decision, made by
 * `describe`, at the decision's severity. Such a rule's check() is this, so it decides as the
 * engine counts.
 */
export function hitsOfDecisions<D extends Decision>(
  subject: PodSubject,
  ctx: RuleContext,
  facts: PodFacts | undefined,
  decide: (pod: PodFacts, ctx: RuleContext) => readonly D[],
  describe: (decision: D, pod: PodFacts) => RuleHit,
): RuleHit[] {
  facts ??= podFacts(subject, ctx);
  const decisions = decide(facts, ctx);
  const hits: RuleHit[] = [];
  for (let i = 0; i < decisions.length; i++) {
    const made = describe(decisions[i], facts);
    made.severity = decisions[i].severity;
    hits.push(made);
  }
  return hits;
}

/**
 * The hit of a rule that decides by severityOfPod (rule.ts), made by `hit` when it names a
 * severity, and at that severity. Such a rule's check() is this, so it decides as the engine
 * counts.
 */
export function hitOfPod(
  subject: PodSubject,
  ctx: RuleContext,
  facts: PodFacts | undefined,
  severityOfPod: (pod: PodFacts, ctx: RuleContext) => Severity | undefined,
  hit: (pod: PodFacts, severity: Severity) => RuleHit,
): RuleHit[] {
  facts ??= podFacts(subject, ctx);
  const severity = severityOfPod(facts, ctx);
  if (severity === undefined) return [];
  const made = hit(facts, severity);
  made.severity = severity;
  return [made];
}

/**
 * The hits of a rule that decides by severityOn (rule.ts): one for each container it names a
 * severity for, made by `hit`, at that severity. Such a rule's check() is this, so it decides
 * as the engine counts.
 */
export function hitsByFacts(
  subject: PodSubject,
  ctx: RuleContext,
  facts: PodFacts | undefined,
  severityOn: (container: ContainerFacts, pod: PodFacts, ctx: RuleContext) => Severity | undefined,
  hit: (ref: ContainerRef, container: ContainerFacts, pod: PodFacts, severity: Severity) => RuleHit,
): RuleHit[] {
  facts ??= podFacts(subject, ctx);
  const hits: RuleHit[] = [];
  for (let i = 0; i < facts.refs.length; i++) {
    const severity = severityOn(facts.containers[i], facts, ctx);
    if (severity === undefined) continue;
    const made = hit(facts.refs[i], facts.containers[i], facts, severity);
    made.severity = severity;
    hits.push(made);
  }
  return hits;
}
