// pdb-missing: replicas protect against crashes, but a node drain or cluster upgrade may evict
// all of them at once unless a PodDisruptionBudget says how many must stay up.
import type { KubeObject } from '../../model/kube.js';
import type { Rule, RuleContext } from '../rule.js';
import { hitOfPod } from '../container-facts.js';
import { asRecord, asString, replicatedWorkload } from '../pod-helpers.js';
import { sanitize } from '../../model/sanitize.js';

export const rule: Rule = {
  id: 'pdb-missing',
  severity: 'info',
  runtime: false,
  title: 'Replicated workload without a PodDisruptionBudget',
  why:
    'Voluntary disruptions (node drains, cluster upgrades, autoscaler scale-down) evict pods without asking ' +
    'whether the service can spare them. Without a PodDisruptionBudget a drain may take every replica at once.',
  fix: 'Add a PodDisruptionBudget whose selector matches the pods, with minAvailable or maxUnavailable (e.g. maxUnavailable: 1).',
  explain: {
    fires: 'A Deployment or StatefulSet with spec.replicas 2 or more has no PodDisruptionBudget selecting its pods (for manifests: none among the files analysed).',
    guards: [
      'Workloads with 1 replica (single-replica covers those) or 0 replicas are not checked.',
      'Jobs, CronJobs and DaemonSets are not checked: drains handle them by design.',
    ],
    bad: `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: nginx:1.27}]`,
    good: `# the Deployment above, plus:
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web}
spec:
  maxUnavailable: 1
  selector: {matchLabels: {app: web}}`,
  },
  severityOfPod: (_pod, ctx) => (unprotected(ctx) ? rule.severity : undefined),
  check(subject, ctx, facts) {
    return hitOfPod(subject, ctx, facts, rule.severityOfPod!, () => {
      const { workload, replicas } = unprotected(ctx)!;
      const kind = workload.kind ?? 'workload';
      const name = sanitize(asString(workload.metadata?.name) ?? '?', 80);
      const where = workload === subject.object ? '' : `${kind} ${name}: `;
      return {
        message: `${kind} ${name} runs ${replicas} replicas and no PodDisruptionBudget selects them: a drain may evict all at once`,
        evidence: [`${where}spec.replicas: ${replicas}`, 'PodDisruptionBudgets selecting the pods: none'],
      };
    });
  },
};

/** A workload of two or more replicas that no PodDisruptionBudget selects, and its replicas. */
function unprotected(ctx: RuleContext): { workload: KubeObject; replicas: number } | undefined {
  const workload = replicatedWorkload(ctx);
  if (!workload) return undefined;
  const replicas = asRecord(workload.spec).replicas;
  if (typeof replicas !== 'number' || replicas < 2) return undefined;
  if (ctx.pdbs.length > 0) return undefined;
  return { workload, replicas };
}
