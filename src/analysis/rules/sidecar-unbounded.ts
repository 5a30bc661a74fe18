// sidecar-unbounded: the main container was given limits, its helper was not. A noisy
// sidecar (a log shipper buffering a backlog, a proxy under a burst) then competes with the
// app for the node's CPU and memory, and under memory pressure the whole pod pays.
import type { Rule } from '../rule.js';
import { asRecord, hasQuantity, roleFor, type ContainerRef } from '../pod-helpers.js';
import { hitsByFacts, type PodFacts } from '../container-facts.js';

function hasLimits(resources: unknown): boolean {
  const res = asRecord(resources);
  return hasQuantity(res, 'limits', 'memory') || hasQuantity(res, 'limits', 'cpu');
}

export const rule: Rule = {
  id: 'sidecar-unbounded',
  severity: 'warning',
  runtime: false,
  title: 'Sidecar without limits next to a bounded main container',
  why:
    'A sidecar shares the pod\'s node and, with the main container, its fate: a sidecar without limits can take ' +
    'the CPU and memory the main container was sized for, and its memory use counts against the pod when the ' +
    'node runs short. Someone bounded the main container; the helper escapes that decision.',
  fix: 'Give the sidecar its own resources.limits (at least memory) sized for its peak, such as a log backlog or a traffic burst.',
  explain: {
    fires: 'A sidecar (native or recognised helper) has neither a cpu nor a memory limit while a main container of the same pod has limits.',
    guards: ['When no main container has limits either, resources-missing speaks for the whole pod: no finding here.'],
    bad: `containers:
- name: app
  resources: {limits: {memory: 512Mi}}
- name: log-shipper
  image: fluent/fluent-bit:3.1`,
    good: `containers:
- name: app
  resources: {limits: {memory: 512Mi}}
- name: log-shipper
  image: fluent/fluent-bit:3.1
  resources: {requests: {cpu: 20m, memory: 32Mi}, limits: {memory: 64Mi}}`,
  },
  // Most pods have no sidecar, and most containers are limited: the cheap questions first.
  severityOn: (c, pod) =>
    c.longRunning && c.role === 'sidecar' && !hasLimits(c.resources) && boundedMain(pod) ? rule.severity : undefined,
  check(subject, ctx, facts) {
    return hitsByFacts(subject, ctx, facts, rule.severityOn!, (ref, _c, pod) => {
      const bounded = boundedMain(pod)!;
      const role = roleFor(ctx.roles, ref);
      const kind = role.kind ? `${role.kind} sidecar` : 'sidecar';
      return {
        container: ref.name,
        message: `${kind} ${ref.name} has no limits while ${bounded.name} is limited: it can take the resources ${bounded.name} was sized for`,
        evidence: [`${ref.path}.resources.limits: not set`, `${bounded.path}.resources.limits: set`],
      };
    });
  },
};

/** The pod's first long-running main container with limits. */
function boundedMain(pod: PodFacts): ContainerRef | undefined {
  for (const c of pod.containers) if (c.longRunning && c.role === 'main' && hasLimits(c.resources)) return c.ref;
  return undefined;
}
