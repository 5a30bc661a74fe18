// host-namespaces: hostNetwork, hostPID and hostIPC take the pod out of its own namespaces and
// into the node's. Node agents (DaemonSets, static pods) often need that, so they are told as
// info, with the reason; anything else is an error.
import type { PodSubject, Rule, RuleContext } from '../rule.js';
import { hitOfPod } from '../container-facts.js';
import { asRecord } from '../pod-helpers.js';

const FLAGS = [
  { field: 'hostNetwork', says: "the node's network: its interfaces, every port on the node, localhost services" },
  { field: 'hostPID', says: "the node's processes: it can see and signal them" },
  { field: 'hostIPC', says: "the node's shared memory and IPC" },
] as const;

export const rule: Rule = {
  id: 'host-namespaces',
  severity: 'error',
  runtime: false,
  title: "Pod shares the node's namespaces",
  why:
    'A pod in the host network, PID or IPC namespace shares them with the node and every other such pod: it ' +
    'can reach services bound to the node\'s localhost, see other processes, and its ports collide with the node\'s (CIS 5.2.3-5.2.5).',
  fix: 'Remove hostNetwork/hostPID/hostIPC; expose ports through a Service. Keep them only for node agents that need them, in a DaemonSet.',
  explain: {
    fires: 'The pod spec sets hostNetwork, hostPID or hostIPC to true.',
    guards: [
      'DaemonSets and static pods are node agents (CNI, kube-proxy, node-exporter): they still get the finding, as info, with the reason.',
      'false or unset: no finding.',
    ],
    bad: `kind: Deployment
spec:
  template:
    spec:
      hostNetwork: true`,
    good: `kind: Deployment
spec:
  template:
    spec:
      containers:
      - {name: web, image: nginx:1.27, ports: [{containerPort: 8080}]}
# reached through a Service, not the node's network`,
  },
  severityOfPod(pod, ctx) {
    const spec = asRecord(pod.subject.spec);
    if (!FLAGS.some((f) => spec[f.field] === true)) return undefined;
    return nodeAgent(pod.subject, ctx) ? 'info' : rule.severity;
  },
  check(subject, ctx, facts) {
    return hitOfPod(subject, ctx, facts, rule.severityOfPod!, () => {
      const spec = asRecord(subject.spec);
      const set = FLAGS.filter((f) => spec[f.field] === true);
      const agent = nodeAgent(subject, ctx);
      const names = set.map((f) => f.field).join(', ');
      const base = `pod uses ${names}: it shares ${set.map((f) => f.says).join('; ')}`;
      return {
        message: agent ? `${base} (a ${agent}: node agents often need this; keep it only if this one does)` : base,
        evidence: set.map((f) => `${subject.specPath}.${f.field}: true`),
      };
    });
  },
};

/** A DaemonSet's pod or a static pod: a node agent, which often needs the node's namespaces. */
function nodeAgent(subject: PodSubject, ctx: RuleContext): 'DaemonSet' | 'static pod' | undefined {
  if (ctx.workload?.kind === 'DaemonSet') return 'DaemonSet';
  return 'kubernetes.io/config.mirror' in asRecord(asRecord(subject.podMeta).annotations) ? 'static pod' : undefined;
}
