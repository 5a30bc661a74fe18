// liveness-probe-missing: a process that hangs without exiting is never restarted unless a
// livenessProbe notices. Info only: a bad liveness probe does more harm than none.
import type { Rule } from '../rule.js';
import { containerPorts, containerProbe, memoText } from '../pod-helpers.js';
import { hitsByFacts } from '../container-facts.js';

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
  severityOn(c, pod) {
    if (!c.longRunning || pod.batch) return undefined;
    if (containerProbe(c.ref, 'liveness')) return undefined;
    // A helper without ports that dies with its app needs none (log shippers, agents).
    if (c.role === 'sidecar' && containerPorts(c.ref).length === 0) return undefined;
    return rule.severity;
  },
  check(subject, ctx, facts) {
    return hitsByFacts(subject, ctx, facts, rule.severityOn!, (ref) => ({
      container: ref.name,
      probe: 'liveness',
      message: messageOf(ref.name, ''),
      evidence: [evidenceOf(ref.path, '')],
    }));
  },
};
