// liveness-probe-missing: a process that hangs without exiting is never restarted unless a
// livenessProbe notices. Info only: a bad liveness probe does more harm than none.
import type { Rule, RuleHit } from '../rule.js';
import { containerPorts, containerProbe, isBatchPod, longRunning, memoText, podContainers, roleFor } from '../pod-helpers.js';

/** Texts by container name and path: the same few recur in every template of a cluster. */
const messageOf = memoText((name) => `container ${name} has no livenessProbe: if it hangs without exiting, nothing restarts it`);
const evidenceOf = memoText((path) => `${path}.livenessProbe: not set`);

export const rule: Rule = {
  id: 'liveness-probe-missing',
  severity: 'info',
  runtime: false,
  title: 'Long-running container without a liveness probe',
  why:
    'The kubelet restarts a container when its process exits. A process that deadlocks or hangs keeps running ' +
    'and keeps its pod in place; only a livenessProbe makes the kubelet restart it.',
  fix:
    'Add a livenessProbe that fails only when the process is stuck (a cheap endpoint that does not depend on ' +
    'other services), with a failureThreshold generous enough not to restart a busy container.',
  explain: {
    fires: 'A long-running main container, or a sidecar that serves a port, has no livenessProbe.',
    guards: [
      'Pods of Jobs and CronJobs (and pods with restartPolicy Never/OnFailure) run to completion: no finding.',
      'Init containers that run to completion: no finding.',
      'A sidecar that declares no port: no finding.',
    ],
    bad: `containers:
- name: web
  image: example/web:2.1
  ports: [{containerPort: 8080}]`,
    good: `containers:
- name: web
  image: example/web:2.1
  ports: [{containerPort: 8080}]
  livenessProbe:
    httpGet: {path: /healthz, port: 8080}
    periodSeconds: 10
    failureThreshold: 6`,
  },
  check(subject, ctx) {
    if (isBatchPod(subject.object, subject.podMeta, subject.spec, ctx.owners)) return [];
    const hits: RuleHit[] = [];
    for (const ref of longRunning(podContainers(subject.spec, subject.specPath))) {
      if (containerProbe(ref, 'liveness')) continue;
      const role = roleFor(ctx.roles, ref);
      if (role.role === 'sidecar' && containerPorts(ref).length === 0) continue;
      hits.push({
        container: ref.name,
        probe: 'liveness',
        message: messageOf(ref.name, ''),
        evidence: [evidenceOf(ref.path, '')],
      });
    }
    return hits;
  },
};
