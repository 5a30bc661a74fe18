// stateful-deployment: a Deployment treats its pods as interchangeable. A database in one
// gets no stable identity, and its replicas share one claim: a ReadWriteOnce volume attaches
// to one node, so replicas elsewhere stay Pending, and a rollout starts the new pod before
// the old one has let go of the volume.
import type { KubeObject } from '../../model/kube.js';
import type { PodSubject, Rule, RuleContext } from '../rule.js';
import { sanitize } from '../../model/sanitize.js';
import { asArray, asNumber, asRecord, asString, dataEngine, podVolumes, type ContainerRef, type DataEngine, type VolumeInfo } from '../pod-helpers.js';
import { hitOfPod, type PodFacts } from '../container-facts.js';

/** The Deployment or ReplicaSet the pod template belongs to, if any. */
function replicatedWorkload(subject: PodSubject, ctx: RuleContext): KubeObject | undefined {
  const candidates = subject.source === 'manifest' ? [subject.object] : [ctx.workload, ...(Array.isArray(ctx.owners) ? ctx.owners : [])];
  return candidates.find((o): o is KubeObject => !!o && (o.kind === 'Deployment' || o.kind === 'ReplicaSet'));
}

function accessModes(pvc: KubeObject | undefined): string[] {
  return asArray(asRecord(pvc?.spec).accessModes).filter((m): m is string => typeof m === 'string');
}

export const rule: Rule = {
  id: 'stateful-deployment',
  severity: 'warning',
  runtime: false,
  title: 'Stateful workload run by a Deployment',
  why:
    'A Deployment\'s pods are interchangeable: no stable name, no storage of their own. Its replicas share the one ' +
    'claim in the template, and a ReadWriteOnce volume attaches to a single node, so replicas scheduled elsewhere ' +
    'stay ContainerCreating; a rolling update starts the new pod while the old one still holds the volume.',
  fix: 'Run it as a StatefulSet with volumeClaimTemplates: each replica gets its own claim and a stable identity, and updates replace pods one by one.',
  explain: {
    fires:
      'A Deployment or ReplicaSet with more than 1 replica mounts a ReadWriteOnce (or ReadWriteOncePod) PVC; or any ' +
      'Deployment runs a database/queue image with a PVC.',
    guards: [
      'StatefulSets with volumeClaimTemplates are the fix: never a finding.',
      'A ReadWriteMany claim shared by stateless replicas is fine (unless the image is a database).',
      'A claim whose access mode is unknown (not in the manifests given) counts only through the database image.',
    ],
    bad: `kind: Deployment
spec:
  replicas: 2
  template:
    spec:
      containers: [{name: mongo, image: mongo:7, volumeMounts: [{name: data, mountPath: /data/db}]}]
      volumes: [{name: data, persistentVolumeClaim: {claimName: mongo-data}}]`,
    good: `kind: StatefulSet
spec:
  replicas: 2
  serviceName: mongo
  template:
    spec:
      containers: [{name: mongo, image: mongo:7, volumeMounts: [{name: data, mountPath: /data/db}]}]
  volumeClaimTemplates:
  - metadata: {name: data}
    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 10Gi}}}`,
  },
  severityOfPod: (pod, ctx) => (statefulShape(pod, ctx) ? rule.severity : undefined),
  check(subject, ctx, facts) {
    return hitOfPod(subject, ctx, facts, rule.severityOfPod!, (pod) => {
      const { workload, replicas, claims, pvcs, rwo, engine } = statefulShape(pod, ctx)!;
      const kind = workload.kind;
      const name = sanitize(asString(asRecord(workload.metadata).name) ?? '', 100);
      const evidence = [
        `spec.replicas: ${replicas}`,
        ...claims.map((c) => `${c.path}.persistentVolumeClaim.claimName: ${sanitize(c.claimName, 100)}${accessModes(pvcs.get(c.claimName!)).length ? ` (${accessModes(pvcs.get(c.claimName!)).join(', ')})` : ''}`),
      ];
      if (subject.source === 'live') evidence[0] = `${kind} ${name} spec.replicas: ${replicas}`;
      if (rwo) {
        return {
          volume: rwo.name,
          message: `${kind} ${name} runs ${replicas} replicas on one ReadWriteOnce claim ${sanitize(rwo.claimName, 100)}: replicas on other nodes cannot attach it`,
          evidence,
        };
      }
      return {
        container: engine!.c.name,
        volume: claims[0].name,
        message: `Deployment ${name} runs ${engine!.e.engine} on claim ${sanitize(claims[0].claimName, 100)}: no stable identity, and a rollout starts the new pod while the old one holds the volume`,
        evidence: [`${engine!.c.path}.image: ${engine!.c.image}`, ...evidence],
      };
    });
  },
};

/**
 * A Deployment or ReplicaSet whose template mounts a claim, when that is a finding: more than
 * one replica on a ReadWriteOnce claim (`rwo`), or a Deployment running a database (`engine`).
 */
function statefulShape(pod: PodFacts, ctx: RuleContext) {
  const subject = pod.subject;
  const workload = replicatedWorkload(subject, ctx);
  if (!workload) return undefined;
  // Most pods mount no claim: no list of their volumes.
  let claims: VolumeInfo[] | undefined;
  for (const v of podVolumes(subject.spec, subject.specPath).values()) if (v.claimName) (claims ??= []).push(v);
  if (claims === undefined) return undefined;
  const replicas = asNumber(asRecord(workload.spec).replicas) ?? 1;
  const pvcs = ctx.pvcs instanceof Map ? ctx.pvcs : new Map<string, KubeObject>();
  const rwo = replicas > 1 ? claims.find((c) => accessModes(pvcs.get(c.claimName!)).some((m) => m === 'ReadWriteOnce' || m === 'ReadWriteOncePod')) : undefined;
  if (rwo) return { workload, replicas, claims, pvcs, rwo, engine: undefined };
  if (workload.kind !== 'Deployment') return undefined;
  const engine = pod.containers
    .filter((c) => c.ref.group === 'containers' && c.role !== 'sidecar')
    .map((c) => ({ c: c.ref, e: dataEngine(c.ref) }))
    .find((x): x is { c: ContainerRef; e: DataEngine } => !!x.e && x.e.engine !== 'data path');
  return engine ? { workload, replicas, claims, pvcs, rwo, engine } : undefined;
}
