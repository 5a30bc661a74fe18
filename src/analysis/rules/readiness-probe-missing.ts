// readiness-probe-missing: without a readinessProbe a container counts as ready the moment
// it starts, so a Service sends it traffic before it can answer, during every start and
// rollout.
import type { Rule } from '../rule.js';
import { containerPorts, containerProbe, formatPort } from '../pod-helpers.js';
import { hitsByFacts, type PodFacts } from '../container-facts.js';

export const rule: Rule = {
  id: 'readiness-probe-missing',
  severity: 'warning',
  runtime: false,
  title: 'Serving container without a readiness probe',
  why:
    'A pod is added to its Services\' endpoints when all its containers are ready. Without a readinessProbe a ' +
    'container is ready as soon as its process starts: requests arrive before it can serve them, on every ' +
    'start, restart and rollout.',
  fix: 'Add a readinessProbe that checks what serving needs (an HTTP health endpoint, or a TCP connect on the serving port).',
  explain: {
    fires:
      'A long-running main or sidecar container that serves (it declares ports, or a Service selects the pod and no container declares ports) has no readinessProbe.',
    guards: [
      'Pods of Jobs and CronJobs (and pods with restartPolicy Never/OnFailure) run to completion and receive no traffic: no finding.',
      'Init containers that run to completion are never probed: no finding.',
      'A sidecar that declares no port does not serve: no finding.',
    ],
    bad: `containers:
- name: web
  image: example/web:2.1
  ports: [{containerPort: 8080}]`,
    good: `containers:
- name: web
  image: example/web:2.1
  ports: [{containerPort: 8080}]
  readinessProbe:
    httpGet: {path: /ready, port: 8080}
    periodSeconds: 5`,
  },
  severityOn(c, pod, ctx) {
    if (!c.longRunning || pod.batch) return undefined;
    if (containerProbe(c.ref, 'readiness')) return undefined;
    if (containerPorts(c.ref).length > 0) return rule.severity;
    // No port of its own: it serves when a Service selects the pod, no container declares a
    // port, and it is the main container.
    const selected = Array.isArray(ctx.services) && ctx.services.length > 0;
    return selected && c.role === 'main' && !declaresPorts(pod) ? rule.severity : undefined;
  },
  check(subject, ctx, facts) {
    return hitsByFacts(subject, ctx, facts, rule.severityOn!, (ref, c) => {
      const ports = containerPorts(ref);
      const what = ports.length > 0 ? `serves ${ports.map(formatPort).join(', ')}` : 'serves behind a Service';
      return {
        container: ref.name,
        probe: 'readiness',
        message: `${c.role === 'sidecar' ? 'sidecar' : 'container'} ${ref.name} ${what} but has no readinessProbe: it gets traffic before it is ready`,
        evidence: [`${ref.path}.readinessProbe: not set`, ...ports.map((p) => `${p.path}: ${formatPort(p)}`)],
      };
    });
  },
};

/** Whether a long-running container of the pod declares a port. */
function declaresPorts(pod: PodFacts): boolean {
  return pod.containers.some((c) => c.longRunning && containerPorts(c.ref).length > 0);
}
