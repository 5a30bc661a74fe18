// replicas-same-node (runtime): replicas exist to survive the loss of one machine. When every
// running replica sits on the same node, one node failure or drain takes them all, and a
// reschedule of all of them at once shows up as tail latency.
import type { KubeObject, Pod } from '../../model/kube.js';
import type { Rule, RuleContext, RuleHit } from '../rule.js';
import { asRecord, asString } from '../pod-helpers.js';
import { sanitize } from '../../model/sanitize.js';
import { PassMemo } from '../pass-memo.js';

// DaemonSets run one pod per node by design; Job pods run to completion, so where they ran is
// not an availability question.
const EXEMPT_KINDS = new Set(['DaemonSet', 'Job', 'CronJob']);

function runningNode(pod: Pod | undefined): string | undefined {
  const p = asRecord(pod);
  if (asRecord(p.metadata).deletionTimestamp) return undefined;
  if (asRecord(p.status).phase !== 'Running') return undefined;
  return asString(asRecord(p.spec).nodeName) || undefined;
}

export const rule: Rule = {
  id: 'replicas-same-node',
  severity: 'warning',
  runtime: true,
  title: 'All replicas on one node',
  why:
    'Replicas protect a service only if they fail independently. With every running replica on one node, a ' +
    'node failure, drain or kernel upgrade stops all of them together, and their simultaneous reschedule adds latency.',
  fix:
    'Spread the pods: topologySpreadConstraints with topologyKey kubernetes.io/hostname (whenUnsatisfiable: ' +
    'ScheduleAnyway or DoNotSchedule), or preferred pod anti-affinity on the app label.',
  explain: {
    fires: 'Two or more running pods of one controller (Deployment, StatefulSet, ReplicaSet) are all scheduled on the same node. Live clusters only.',
    guards: [
      'DaemonSet pods are one per node by design: never checked.',
      'Job and CronJob pods run to completion: not checked.',
      'Pods that are not Running (Pending, Succeeded, Failed) or are being deleted are not counted.',
      'A single running replica is single-replica territory, not this rule.',
      'Manifests carry no placement: never fires on -f input.',
    ],
    bad: `# Deployment payments, replicas: 2, no spread constraint;
# kubectl get pods -o wide shows both pods on node-1`,
    good: `spec:
  template:
    spec:
      topologySpreadConstraints:
      - maxSkew: 1
        topologyKey: kubernetes.io/hostname
        whenUnsatisfiable: ScheduleAnyway
        labelSelector: {matchLabels: {app: payments}}`,
  },
  // Nearly always a controller's pods run on several nodes: then none of them is asked about.
  mayFireOnController: (_subject, ctx) => onOneNode(ctx) !== undefined,
  check(subject, ctx) {
    if (!subject.pod) return [];
    // The controller's answer first: the pod's own node need not be read otherwise.
    const placement = onOneNode(ctx);
    if (!placement) return [];
    const own = runningNode(subject.pod);
    if (own === undefined || own !== placement.node) return [];
    return [(placement.hit ??= sameNodeHit(placement.running, placement.workload, own))];
  },
};

/** The placement of the controller's running pods when two or more run, all on one node. */
function onOneNode(ctx: RuleContext): Placement | undefined {
  const workload = ctx.workload;
  if (!workload || EXEMPT_KINDS.has(workload.kind ?? '')) return undefined;
  const placement = placementOf(ctx.siblings, workload);
  return placement.running.length >= 2 && placement.node !== undefined ? placement : undefined;
}

interface Placement {
  workload: KubeObject;
  /** The running pods: all of them when they share one node, else only those seen up to the second node. */
  running: Pod[];
  /** The node of every running pod, or undefined when they are on several. */
  node?: string;
  hit?: RuleHit;
}

/**
 * Where the running pods of a controller are. Every replica asks the same question about the
 * same siblings: the live context hands all of them one frozen list, so the answer (and the
 * finding) is worked out once per controller instead of once per replica (n² for a
 * controller of n pods). Lists that are not frozen may change, and are never cached.
 */
const placements = new PassMemo<readonly Pod[], Placement>();

function placementOf(siblings: readonly Pod[], workload: KubeObject): Placement {
  const cached = placements.get(siblings);
  if (cached && cached.workload === workload) return cached;
  // One look at each pod, up to the first on a second node, which settles it: nearly every
  // controller's pods are spread, and then none of the rest need be read (the running list is
  // read only when they share a node).
  const running: Pod[] = [];
  let node: string | undefined;
  let oneNode = true;
  for (let i = 0; i < siblings.length && oneNode; i++) {
    const at = runningNode(siblings[i]);
    if (at === undefined) continue;
    if (running.length === 0) node = at;
    else if (at !== node) oneNode = false;
    running.push(siblings[i]);
  }
  const placement: Placement = { workload, running, ...(oneNode ? { node } : {}) };
  if (Object.isFrozen(siblings)) placements.set(siblings, placement);
  return placement;
}

function sameNodeHit(running: Pod[], workload: KubeObject, own: string): RuleHit {
  const kind = workload.kind ?? 'controller';
  const name = sanitize(workload.metadata?.name, 80);
  const node = sanitize(own, 80);
  const names = running.map((p) => sanitize(p.metadata?.name, 80)).sort();
  return {
    message: `all ${running.length} running pods of ${kind} ${name} are on node ${node}: one node failure stops them all`,
    evidence: names.map((n) => `pod ${n}: spec.nodeName: ${node}`),
  };
}
