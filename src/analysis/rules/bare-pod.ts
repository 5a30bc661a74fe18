// bare-pod: a pod that no controller owns is not replaced when it dies, is drained away for
// good, and cannot be scaled or rolled out. Static (mirror) pods are the kubelet's own and
// get info at most: they come back, but only on their node.
import type { PodSubject, Rule } from '../rule.js';
import { hitOfPod } from '../container-facts.js';
import { asArray, asRecord, asString, isRecord } from '../pod-helpers.js';
import { sanitize } from '../../model/sanitize.js';

const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';

export const rule: Rule = {
  id: 'bare-pod',
  severity: 'warning',
  runtime: false,
  title: 'Pod without a controller',
  why:
    'A pod that no controller (Deployment, StatefulSet, DaemonSet, Job) owns is not recreated when it ' +
    'crashes out, is evicted or its node fails, and is gone for good after a drain. Nobody scales it or ' +
    'rolls out a new version of it.',
  fix: 'Run it from a controller: a Deployment for a service, a StatefulSet for stable identity and storage, a Job for a task.',
  explain: {
    fires: 'A Pod has no ownerReference with controller: true.',
    guards: [
      'Pods created by a Deployment/ReplicaSet, StatefulSet, DaemonSet or Job carry a controller ownerReference: no finding.',
      'Static pods (annotation kubernetes.io/config.mirror, or owned by their Node) are managed by the kubelet from a file on the node: info, not warning.',
      'Only Pod objects are checked; pod templates of workloads are owned by definition.',
    ],
    bad: `apiVersion: v1
kind: Pod
metadata: {name: debug}
spec:
  containers:
  - {name: shell, image: busybox:1.36, command: [sleep, infinity]}`,
    good: `apiVersion: apps/v1
kind: Deployment
metadata: {name: debug}
spec:
  replicas: 1
  selector: {matchLabels: {app: debug}}
  template:
    metadata: {labels: {app: debug}}
    spec:
      containers:
      - {name: shell, image: busybox:1.36, command: [sleep, infinity]}`,
  },
  severityOfPod(pod) {
    const owned = ownership(pod.subject);
    return owned === undefined ? undefined : owned.static ? 'info' : rule.severity;
  },
  check(subject, ctx, facts) {
    return hitOfPod(subject, ctx, facts, rule.severityOfPod!, () => {
      const { static: isStatic, nodeOwner, mirror } = ownership(subject)!;
      if (isStatic) {
        const node = sanitize(asString(asRecord(nodeOwner).name) ?? asString(asRecord(subject.spec).nodeName) ?? 'its node', 80);
        return {
          message: `static pod managed by the kubelet on ${node}: it is restarted there but never rescheduled elsewhere`,
          evidence: mirror ? [`metadata.annotations["${MIRROR_ANNOTATION}"]: present`] : [`metadata.ownerReferences: Node ${node}`],
        };
      }
      const owners = asArray(asRecord(subject.podMeta).ownerReferences).filter(isRecord);
      const evidence =
        owners.length === 0
          ? ['metadata.ownerReferences: none']
          : owners.map((o, i) => `metadata.ownerReferences[${i}]: ${sanitize(o.kind, 40)} ${sanitize(o.name, 80)} (controller: not true)`);
      return {
        message:
          owners.length === 0
            ? 'pod has no controller: nothing recreates it if it dies, is evicted or its node is drained'
            : 'pod has owners but none is its controller: nothing recreates it if it dies or is evicted',
        evidence,
      };
    });
  },
};

/**
 * A Pod (not a template) that no controller replaces: a static pod of the kubelet (a mirror
 * annotation or a Node as its controller), or a bare one. Undefined for a controlled pod.
 */
function ownership(subject: PodSubject): { static: boolean; nodeOwner?: Record<string, unknown>; mirror: boolean } | undefined {
  if (subject.object.kind !== 'Pod') return undefined;
  const meta = asRecord(subject.podMeta);
  // One look at the owner references, without lists: nearly every pod has one controller and that settles it.
  const refs = asArray(meta.ownerReferences);
  let controlled = false;
  let nodeOwner: Record<string, unknown> | undefined;
  for (let i = 0; i < refs.length; i++) {
    const o = refs[i];
    if (!isRecord(o) || o.controller !== true) continue;
    controlled = true;
    if (nodeOwner === undefined && o.kind === 'Node') nodeOwner = o;
  }
  const mirror = MIRROR_ANNOTATION in asRecord(meta.annotations);
  if (mirror || nodeOwner) return { static: true, nodeOwner, mirror };
  return controlled ? undefined : { static: false, mirror };
}
