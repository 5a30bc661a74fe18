// job-sidecar: a Job is complete when all its pod's containers have exited. A helper that
// runs forever (a log shipper, a proxy) as a regular container keeps the pod Running after
// the work is done, so the Job never completes and its pods pile up.
import type { Rule } from '../rule.js';
import { roleFor } from '../pod-helpers.js';
import { hitsByFacts } from '../container-facts.js';

export const rule: Rule = {
  id: 'job-sidecar',
  severity: 'warning',
  runtime: false,
  title: 'Job pod with a sidecar that never exits',
  why:
    'A Job\'s pod succeeds when every container has exited. A sidecar such as a log shipper or a proxy is built ' +
    'to run forever: after the main container finishes, the sidecar keeps the pod Running, the Job never ' +
    'completes, and a CronJob piles up pods.',
  fix:
    'Make the helper a native sidecar: move it to initContainers with restartPolicy: Always (Kubernetes 1.29+); ' +
    'the kubelet stops it when the main container has finished.',
  explain: {
    fires: 'The pod of a Job or CronJob has a regular container recognised as a sidecar (log shipper, proxy, metrics exporter, agent).',
    guards: [
      'Native sidecars (initContainers with restartPolicy: Always) are the fix, not the problem: no finding.',
      'Pods that are not run by a Job or CronJob: no finding.',
    ],
    bad: `kind: Job
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
      - {name: export, image: example/export:1}
      - {name: log-shipper, image: fluent/fluent-bit:3.1}`,
    good: `kind: Job
spec:
  template:
    spec:
      restartPolicy: Never
      initContainers:
      - {name: log-shipper, image: fluent/fluent-bit:3.1, restartPolicy: Always}
      containers:
      - {name: export, image: example/export:1}`,
  },
  severityOn: (c, pod) => (pod.runByJob && c.ref.group === 'containers' && c.role === 'sidecar' ? rule.severity : undefined),
  check(subject, ctx, facts) {
    return hitsByFacts(subject, ctx, facts, rule.severityOn!, (ref) => {
      const role = roleFor(ctx.roles, ref);
      const what = role.kind ? `${role.kind} sidecar` : 'sidecar';
      const reason = 'reason' in role && typeof role.reason === 'string' ? ` (${role.reason})` : '';
      return {
        container: ref.name,
        message: `${what} ${ref.name}${reason} runs as a regular container of a Job pod: it never exits, so the Job never completes`,
        evidence: [`${ref.path}: ${ref.name} (${ref.image ? ref.image.slice(0, 120) : 'no image'})`],
      };
    });
  },
};
