// not-ready (runtime): a running pod that stays unready receives no traffic from its Services,
// so the replicas that do answer carry its share. The message says which containers hold it
// back and what the last failing probe said.
import type { Rule } from '../rule.js';
import { asArray, asRecord, asString, isBatchPod, isRecord, podContainers, type Json } from '../pod-helpers.js';
import { formatDurationMs, parseTime } from '../../model/format.js';
import { sanitize } from '../../model/sanitize.js';

const GRACE_MS = 60_000;

// Waiting reasons that crash-loop and image-pull already explain better than "not ready".
const EXPLAINED_ELSEWHERE = new Set(['CrashLoopBackOff', 'ImagePullBackOff', 'ErrImagePull', 'InvalidImageName', 'ErrImageNeverPull']);

function eventTime(e: Json): number {
  return (
    parseTime(e.lastTimestamp) ??
    parseTime(asRecord(e.series).lastObservedTime) ??
    parseTime(e.eventTime) ??
    parseTime(e.firstTimestamp) ??
    -Infinity
  );
}

export const rule: Rule = {
  id: 'not-ready',
  severity: 'warning',
  runtime: true,
  statusSignals: ['notReady'],
  readsClock: true,
  title: 'Running pod not ready',
  why:
    'A pod that runs but is not Ready is taken out of its Services\' endpoints: it costs resources and serves ' +
    'nothing, and the other replicas carry its load. Usually a readiness probe keeps failing.',
  fix:
    'Look at the failing probe (the Unhealthy events, kubectl describe pod): fix the endpoint it calls, or its ' +
    'port, path or timing (initialDelaySeconds, a startupProbe for slow starts).',
  explain: {
    fires: 'The pod is Running and its Ready condition has been False for more than 60 s. Live clusters only. The message names the unready containers and quotes the last Unhealthy event.',
    guards: [
      'The first 60 s after a readiness change are grace: starting pods are not reported.',
      'Pods being deleted go unready on purpose: not reported.',
      'Pods that run to completion (Jobs, restartPolicy Never/OnFailure) receive no traffic: not reported (job-sidecar covers a Job kept open by a sidecar).',
      'When every unready container is waiting in CrashLoopBackOff or an image pull error, crash-loop or image-pull says it better: no finding.',
      'Pods without a known lastTransitionTime are not reported (the duration cannot be proven).',
    ],
    bad: `status:
  phase: Running
  conditions:
  - {type: Ready, status: "False", lastTransitionTime: "2026-01-01T10:00:00Z"}
# events: Unhealthy  Readiness probe failed: HTTP probe failed with statuscode: 503`,
    good: `readinessProbe:
  httpGet: {path: /healthz/ready, port: http}   # an endpoint the app answers once it can serve
  periodSeconds: 5`,
  },
  check(subject, ctx) {
    const pod = asRecord(subject.pod);
    if (!subject.pod) return [];
    const status = asRecord(pod.status);
    if (status.phase !== 'Running' || asRecord(pod.metadata).deletionTimestamp) return [];
    // The Ready condition first: it is cheap and settles nearly every pod.
    const conditions = asArray(status.conditions);
    const ci = conditions.findIndex((c) => isRecord(c) && c.type === 'Ready');
    if (ci < 0) return [];
    const ready = conditions[ci] as Json;
    if (ready.status !== 'False') return [];
    // Pods that run to completion (Jobs) receive no traffic: readiness means nothing for them,
    // and a Job held open by a sidecar that never exits is job-sidecar's finding.
    if (isBatchPod(subject.object, subject.podMeta, subject.spec, ctx.owners)) return [];
    if (ctx.workload?.kind === 'Job' || ctx.workload?.kind === 'CronJob') return [];
    const since = parseTime(ready.lastTransitionTime);
    if (since === undefined || ctx.now - since <= GRACE_MS) return [];

    // Unready long-running containers: regular ones and native sidecars (their readiness counts too).
    const unready: string[] = [];
    const evidence = [`status.conditions[${ci}]: Ready=False since ${sanitize(ready.lastTransitionTime, 40)}`];
    let allExplained = true;
    for (const ref of podContainers(subject.spec, subject.specPath)) {
      if (ref.group === 'initContainers' && !ref.native) continue;
      const key = ref.group === 'initContainers' ? 'initContainerStatuses' : 'containerStatuses';
      const list = asArray(status[key]);
      const si = list.findIndex((s) => isRecord(s) && s.name === ref.name);
      if (si < 0) continue;
      const st = list[si] as Json;
      if (st.ready === true) continue;
      unready.push(ref.name);
      evidence.push(`status.${key}[${si}].ready: false (${ref.name})`);
      const reason = asString(asRecord(asRecord(st.state).waiting).reason);
      if (!reason || !EXPLAINED_ELSEWHERE.has(reason)) allExplained = false;
    }
    if (unready.length > 0 && allExplained) return [];

    const unhealthy = ctx.events
      .filter((e) => isRecord(e) && e.reason === 'Unhealthy')
      .map((e) => e as Json)
      .sort((a, b) => eventTime(a) - eventTime(b))
      .pop();
    const duration = formatDurationMs(ctx.now - since);
    let message =
      unready.length > 0
        ? `pod not ready for ${duration}: container${unready.length > 1 ? 's' : ''} ${unready.join(', ')} not ready`
        : `pod not ready for ${duration} although its containers are ready (a readiness gate is not met)`;
    if (unhealthy) {
      const said = sanitize(asString(unhealthy.message)?.trim() ?? '', 160);
      message += `; last Unhealthy event: "${said}"`;
      evidence.push(`event Unhealthy: ${said}`);
    }
    return [{ message, evidence, container: unready.length === 1 ? unready[0] : undefined, probe: 'readiness' }];
  },
};
