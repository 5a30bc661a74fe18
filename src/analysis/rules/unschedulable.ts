// unschedulable (runtime): a pod the scheduler cannot place. Nothing in the pod itself says why;
// the scheduler's condition message does (insufficient cpu, taints, affinity, PVC binding),
// so the finding quotes it.
import type { Rule } from '../rule.js';
import { asArray, asRecord, asString, isRecord, type Json } from '../pod-helpers.js';
import { formatDurationMs, parseTime } from '../../model/format.js';
import { sanitize } from '../../model/sanitize.js';

export const rule: Rule = {
  id: 'unschedulable',
  severity: 'error',
  runtime: true,
  statusSignals: ['pending'],
  readsClock: true,
  title: 'Pod cannot be scheduled',
  why:
    'The scheduler found no node that satisfies the pod: its requests do not fit, a taint is not tolerated, ' +
    'an affinity or topology rule cannot be met, or a volume cannot be bound. The pod stays Pending and does nothing.',
  fix:
    'Read the scheduler\'s message: lower the requests or add capacity, add the toleration, relax the node ' +
    'selector or affinity, or fix the PersistentVolumeClaim.',
  explain: {
    fires: 'The pod is Pending and its PodScheduled condition is False. Live clusters only. The message quotes the scheduler.',
    guards: [
      'Scheduling gates (reason SchedulingGated) hold a pod back on purpose: no finding.',
      'When the cluster autoscaler has triggered a scale-up for the pod (event TriggeredScaleUp), it is a warning: a node is on its way.',
      'Pods that are scheduled but still starting (pulling images, init containers) are not unschedulable.',
      'Manifests have no status: never fires on -f input.',
    ],
    bad: `status:
  phase: Pending
  conditions:
  - type: PodScheduled
    status: "False"
    reason: Unschedulable
    message: "0/3 nodes are available: 3 Insufficient memory."`,
    good: `resources:
  requests: {memory: 512Mi}   # fits the nodes' allocatable memory`,
  },
  check(subject, ctx) {
    if (!subject.pod) return [];
    const status = asRecord(asRecord(subject.pod).status);
    if (status.phase !== 'Pending') return [];
    const conditions = asArray(status.conditions);
    const ci = conditions.findIndex((c) => isRecord(c) && c.type === 'PodScheduled');
    if (ci < 0) return [];
    const cond = conditions[ci] as Json;
    if (cond.status !== 'False' || cond.reason === 'SchedulingGated') return [];
    const reason = sanitize(asString(cond.reason) ?? 'Unschedulable', 40);
    const said = sanitize(asString(cond.message)?.trim() ?? '', 240);
    const since = parseTime(cond.lastTransitionTime);
    const forHow = since !== undefined && ctx.now >= since ? ` for ${formatDurationMs(ctx.now - since)}` : '';
    const quoted = said ? `: "${said}"` : ` (${reason}; the scheduler gave no message)`;
    // The cluster autoscaler says it is adding a node for this pod: likely to resolve itself.
    const scaleUp = ctx.events.some((e) => isRecord(e) && e.reason === 'TriggeredScaleUp');
    return [
      {
        ...(scaleUp ? { severity: 'warning' as const } : {}),
        message: scaleUp
          ? `pod waits for a new node: the cluster autoscaler triggered a scale-up; unschedulable${forHow}${quoted}`
          : `pod cannot be scheduled${forHow}${quoted}`,
        evidence: [`status.phase: Pending`, `status.conditions[${ci}]: PodScheduled=False, reason ${reason}${said ? `: ${said}` : ''}`],
      },
    ];
  },
};
