// readiness-probe-missing: without a readinessProbe a container counts as ready the moment
// it starts, so a Service sends it traffic before it can answer, during every start and
// rollout.
import type { Rule, RuleHit } from '../rule.js';
import { containerPorts, containerProbe, formatPort, isBatchPod, longRunning, podContainers, roleFor } from '../pod-helpers.js';

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
  check(subject, ctx) {
    if (isBatchPod(subject.object, subject.podMeta, subject.spec, ctx.owners)) return [];
    const containers = longRunning(podContainers(subject.spec, subject.specPath));
    const anyPorts = containers.some((c) => containerPorts(c).length > 0);
    const selected = Array.isArray(ctx.services) && ctx.services.length > 0;
    const hits: RuleHit[] = [];
    for (const ref of containers) {
      if (containerProbe(ref, 'readiness')) continue;
      const role = roleFor(ctx.roles, ref);
      const ports = containerPorts(ref);
      const serves = ports.length > 0 || (selected && !anyPorts && role.role === 'main');
      if (!serves) continue;
      const what = ports.length > 0 ? `serves ${ports.map(formatPort).join(', ')}` : 'serves behind a Service';
      hits.push({
        container: ref.name,
        probe: 'readiness',
        message: `${role.role === 'sidecar' ? 'sidecar' : 'container'} ${ref.name} ${what} but has no readinessProbe: it gets traffic before it is ready`,
        evidence: [`${ref.path}.readinessProbe: not set`, ...ports.map((p) => `${p.path}: ${formatPort(p)}`)],
      });
    }
    return hits;
  },
};
