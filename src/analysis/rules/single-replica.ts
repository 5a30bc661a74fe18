// single-replica: one replica of a service means every rollout, node drain or crash is an
// outage. Only Deployments and StatefulSets that serve (declare ports, or a Service selects
// them) are checked: a worker with one replica is often deliberate, and Jobs/DaemonSets
// decide their pod count in other ways.
import type { KubeObject } from '../../model/kube.js';
import type { Rule, RuleContext } from '../rule.js';
import { asRecord, asString, containerPorts, formatPort, replicatedWorkload, type ContainerRef, type PortDecl } from '../pod-helpers.js';
import { hitOfPod, type PodFacts } from '../container-facts.js';
import { sanitize } from '../../model/sanitize.js';

/**
 * Whether a main container (as the finding below picks them) declares a port: without one and
 * without a Service, a one-replica workload is a worker and settled without the lists below.
 */
function mainDeclaresPort(refs: readonly ContainerRef[], roles: readonly { name: string; role: string }[]): boolean {
  let anyMain = false;
  for (let i = 0; i < roles.length; i++) if (roles[i].role === 'main') anyMain = true;
  for (const c of refs) {
    if (c.group !== 'containers' || containerPorts(c).length === 0) continue;
    if (!anyMain || roles.some((r) => r.role === 'main' && r.name === c.name)) return true;
  }
  return false;
}

export const rule: Rule = {
  id: 'single-replica',
  severity: 'info',
  runtime: false,
  title: 'Serving workload with one replica',
  why:
    'With one replica every rollout, node drain, eviction or crash takes the service down until a new pod is ' +
    'scheduled, pulled and ready. A second replica on another node keeps it answering.',
  fix: 'Set spec.replicas to 2 or more (and spread them with topologySpreadConstraints or pod anti-affinity), or accept the downtime knowingly.',
  explain: {
    fires: 'A Deployment or StatefulSet that serves (a main container declares a port, or a Service selects its pods) has spec.replicas 1, or no spec.replicas (the default is 1).',
    guards: [
      'Jobs, CronJobs and DaemonSets are never checked: their pod count means something else.',
      'A workload that declares no port and that no Service selects (a queue worker) is not checked.',
      'spec.replicas: 0 is a workload scaled down on purpose: no finding.',
      'Ports of sidecars (metrics exporters, proxies) do not make a workload "serving".',
    ],
    bad: `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        image: nginx:1.27
        ports: [{containerPort: 80}]`,
    good: `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        image: nginx:1.27
        ports: [{containerPort: 80}]`,
  },
  severityOfPod: (pod, ctx) => (servesAlone(pod, ctx) ? rule.severity : undefined),
  check(subject, ctx, facts) {
    return hitOfPod(subject, ctx, facts, rule.severityOfPod!, (pod) => {
      const { workload, raw, ports } = servesAlone(pod, ctx)!;
      const kind = workload.kind ?? 'workload';
      const name = sanitize(asString(workload.metadata?.name) ?? '?', 80);
      const where = workload === subject.object ? '' : `${kind} ${name}: `;
      const serves =
        ports.length > 0
          ? `serves ${ports.map(({ c, p }) => `${formatPort(p)} (${c.name})`).join(', ')}`
          : `is selected by Service ${ctx.services.map((s) => sanitize(s.metadata?.name, 80)).join(', ')}`;
      const evidence = [`${where}spec.replicas: ${raw === undefined || raw === null ? 'unset (defaults to 1)' : '1'}`];
      for (const { c, p } of ports) evidence.push(`${p.path}: ${formatPort(p)} (${c.name})`);
      for (const s of ctx.services) evidence.push(`Service ${sanitize(s.metadata?.name, 80)} selects the pods`);
      return { message: `${kind} ${name} runs 1 replica and ${serves}: any restart or drain is an outage`, evidence };
    });
  },
};

/** A Deployment or StatefulSet of one replica that serves: its workload, replicas as written and the main containers' ports; else undefined. */
function servesAlone(pod: PodFacts, ctx: RuleContext): { workload: KubeObject; raw: unknown; ports: { c: ContainerRef; p: PortDecl }[] } | undefined {
  const workload = replicatedWorkload(ctx);
  if (!workload) return undefined;
  const raw = asRecord(workload.spec).replicas;
  if (raw !== undefined && raw !== null && typeof raw !== 'number') return undefined; // malformed: nothing to decide on
  const replicas = typeof raw === 'number' ? raw : 1;
  if (replicas !== 1) return undefined;

  if (Array.isArray(ctx.services) && ctx.services.length === 0 && Array.isArray(ctx.roles) && !mainDeclaresPort(pod.refs, ctx.roles)) return undefined;

  const mainNames = new Set(ctx.roles.filter((r) => r.role === 'main').map((r) => r.name));
  const mains = pod.refs.filter((c) => c.group === 'containers' && (mainNames.size === 0 || mainNames.has(c.name)));
  const ports = mains.flatMap((c) => containerPorts(c).map((p) => ({ c, p })));
  if (ports.length === 0 && ctx.services.length === 0) return undefined;
  return { workload, raw, ports };
}
