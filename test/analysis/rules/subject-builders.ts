// Builders for rule tests: a real subject (from the engine's own subjects.ts) and a context
// with empty defaults, run through the engine's runRule so a throw shows up as internal-error.
import type { KubeObject } from '../../../src/model/kube.js';
import type { PodSubject, Rule, RuleContext } from '../../../src/analysis/rule.js';
import type { Finding } from '../../../src/analysis/types.js';
import { runRule } from '../../../src/analysis/engine.js';
import { containerRoles } from '../../../src/analysis/roles.js';
import { subjectFromManifest, subjectFromPod } from '../../../src/analysis/subjects.js';

export const NOW = Date.parse('2026-03-01T12:00:00Z');

/** An RFC 3339 time `ms` before NOW. */
export function ago(ms: number): string {
  return new Date(NOW - ms).toISOString();
}

export const MIN = 60_000;
export const HOUR = 60 * MIN;

export function liveSubject(pod: unknown): PodSubject {
  return subjectFromPod(pod as KubeObject);
}

export function manifestSubject(obj: unknown): PodSubject {
  const s = subjectFromManifest(obj as KubeObject);
  if (!s) throw new Error('not a pod-carrying manifest');
  return s;
}

export function contextFor(subject: PodSubject, over: Partial<RuleContext> = {}): RuleContext {
  return {
    roles: containerRoles(subject.spec),
    owners: [],
    ...(subject.source === 'manifest' && subject.object.kind !== 'Pod' ? { workload: subject.object } : {}),
    siblings: [],
    services: [],
    pdbs: [],
    pvcs: new Map(),
    events: [],
    now: NOW,
    ...over,
  };
}

export function run(rule: Rule, subject: PodSubject, over: Partial<RuleContext> = {}): Finding[] {
  return runRule(rule, subject, contextFor(subject, over));
}

/** A minimal Pod manifest with the given spec (and optional extra top-level fields). */
export function pod(spec: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'ns' }, spec, ...extra };
}

/** A workload manifest with a pod template holding `spec`. */
export function workload(kind: string, spec: unknown, workloadSpec: Record<string, unknown> = {}): Record<string, unknown> {
  const template = { metadata: { labels: { app: 'x' } }, spec };
  if (kind === 'CronJob') {
    return { apiVersion: 'batch/v1', kind, metadata: { name: 'w', namespace: 'ns' }, spec: { schedule: '* * * * *', jobTemplate: { spec: { template } }, ...workloadSpec } };
  }
  return { apiVersion: 'apps/v1', kind, metadata: { name: 'w', namespace: 'ns' }, spec: { selector: { matchLabels: { app: 'x' } }, template, ...workloadSpec } };
}

/** Odd shapes every rule must take without throwing. */
export const MALFORMED_SPECS: unknown[] = [
  null,
  'spec',
  42,
  [],
  { containers: null },
  { containers: 'web' },
  { containers: [null, 1, 'x', []] },
  { containers: [{ name: 5, image: 7, ports: 'http', securityContext: 'yes', resources: [] }] },
  { containers: [{ name: 'a', securityContext: { capabilities: { add: 'SYS_ADMIN' } } }], volumes: 'v' },
  { containers: [{ name: 'a', securityContext: { capabilities: { add: [null, 3, {}] }, runAsUser: '0' } }] },
  { initContainers: [{ name: 'i', restartPolicy: 7 }], volumes: [null, { name: 'h', hostPath: null }, { hostPath: { path: 3 } }] },
  { hostNetwork: 'true', securityContext: null, os: 5 },
];

/** Odd statuses for runtime rules. */
export const MALFORMED_STATUSES: unknown[] = [
  null,
  'Running',
  { phase: 'Running', conditions: 'Ready' },
  { phase: 'Running', conditions: [null, { type: 'Ready', status: 'False', lastTransitionTime: 12 }] },
  { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', message: { x: 1 } }] },
  { phase: 'Running', containerStatuses: 'x' },
  { phase: 'Running', containerStatuses: [null, { name: 'a', state: 'waiting', lastState: [] }] },
  {
    phase: 'Running',
    startTime: 'yesterday',
    containerStatuses: [{ name: 'a', restartCount: 'many', state: { waiting: { reason: 7 } }, lastState: { terminated: { finishedAt: null, exitCode: '137' } } }],
  },
];

/** Every malformed spec × status, as manifest and live pod: the rule must never throw. */
export function internalErrorsOnOddInput(rule: Rule): Finding[] {
  const out: Finding[] = [];
  for (const spec of MALFORMED_SPECS) {
    out.push(...run(rule, manifestSubject(pod(spec))));
    out.push(...run(rule, manifestSubject(workload('Deployment', spec, { replicas: 'two' }))));
    for (const status of MALFORMED_STATUSES) {
      const s = liveSubject({ ...pod(spec), status, metadata: { name: 'p', ownerReferences: 'rs', annotations: null } });
      out.push(...run(rule, s, { siblings: [null as never, { status: 'x' } as never], events: [null as never, { reason: 'Unhealthy', message: 5 } as never] }));
    }
  }
  return out.filter((f) => f.rule === 'internal-error');
}
