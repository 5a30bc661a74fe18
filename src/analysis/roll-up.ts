// Roll-up for headless live analysis (`podscope analyze` against a cluster): 300 replicas
// of one Deployment should not print the same advice 300 times.
//
// The rule, exactly:
//  1. Findings on a Pod whose top controller (Deployment, StatefulSet, DaemonSet, CronJob,
//     or a ReplicaSet/Job without one) is in the store are grouped by that controller.
//     Findings on other objects, and on pods without a known controller, pass unchanged.
//  2. Controller rules (replicas-same-node, single-replica, pdb-missing, stateful-deployment)
//     are about the controller: reported once on it, whatever the number of pods.
//  3. Other spec-level (non-runtime) findings that EVERY pod of the controller carries,
//     identical in rule, container, message, evidence and silencing, are reported once on
//     the controller. A finding only some pods carry (a rollout in progress, a changed
//     template) stays on each of those pods.
//  4. Runtime findings (crash-loop, not-ready, unschedulable, image-pull) stay on the pod.
//  Evidence paths move with the finding: `spec.containers[0]` on a pod becomes
//  `spec.template.spec.containers[0]` on a Deployment (`spec.jobTemplate.spec.template…` on a CronJob).
import type { KubeObject } from '../model/kube.js';
import type { StoreView } from '../model/store-view.js';
import type { Finding, RuleId } from './types.js';
import { ALL_RULES } from './registry.js';
import { ownerChain, podsOfController } from './context.js';
import { objectRef } from './subjects.js';

const CONTROLLER_RULES = new Set<string>(['replicas-same-node', 'single-replica', 'pdb-missing', 'stateful-deployment']);

function isRuntime(rule: Finding['rule']): boolean {
  return ALL_RULES.some((r) => r.id === rule && r.runtime);
}

function templatePath(kind: string | undefined): string {
  return kind === 'CronJob' ? 'spec.jobTemplate.spec.template' : 'spec.template';
}

function movePath(line: string, kind: string | undefined): string {
  const base = templatePath(kind);
  if (line.startsWith('spec.') || line.startsWith('spec:')) return `${base}.${line}`;
  if (line.startsWith('metadata.')) return `${base}.${line}`;
  return line;
}

function identity(f: Finding): string {
  return JSON.stringify([f.rule, f.container ?? '', f.message, f.evidence, f.ignored ?? null]);
}

export function rollUp(findings: Finding[], store: StoreView): Finding[] {
  const out: Finding[] = [];
  /** controller uid → its object, its pod count, and findings by identity. */
  const groups = new Map<string, { top: KubeObject; pods: number; byId: Map<string, { f: Finding; pods: Set<string>; items: Finding[] }> }>();
  const topOfPod = new Map<string, KubeObject | null>();

  for (const f of findings) {
    if (f.object.kind !== 'Pod') {
      out.push(f);
      continue;
    }
    const key = f.object.namespace ? `${f.object.namespace}/${f.object.name}` : f.object.name;
    let top = topOfPod.get(key);
    if (top === undefined) {
      const pod = store.get('pods', key);
      const owners = pod ? ownerChain(store, pod) : [];
      top = owners[owners.length - 1] ?? null;
      topOfPod.set(key, top);
    }
    if (!top || (isRuntime(f.rule) && !CONTROLLER_RULES.has(f.rule))) {
      out.push(f);
      continue;
    }
    const uid = String(top.metadata?.uid ?? `${top.kind}/${top.metadata?.namespace}/${top.metadata?.name}`);
    let g = groups.get(uid);
    if (!g) {
      g = { top, pods: podsOfController(store, top).length, byId: new Map() };
      groups.set(uid, g);
    }
    const id = identity(f);
    const slot = g.byId.get(id) ?? { f, pods: new Set<string>(), items: [] };
    slot.pods.add(key);
    slot.items.push(f);
    g.byId.set(id, slot);
  }

  for (const g of groups.values()) {
    const ref = objectRef(g.top);
    for (const { f, pods, items } of g.byId.values()) {
      const everyPod = pods.size >= g.pods;
      if (CONTROLLER_RULES.has(f.rule as RuleId) || everyPod) {
        out.push({ ...f, object: ref, evidence: f.evidence.map((e) => movePath(e, g.top.kind)) });
      } else {
        out.push(...items);
      }
    }
  }
  return out;
}
