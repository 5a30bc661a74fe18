// Workload controllers and the pods they own, built as their controllers would build them:
// Deployment → ReplicaSet (`<name>-<pod-template-hash>`) → Pods, StatefulSet → `<name>-<ordinal>`,
// DaemonSet → one pod per node, CronJob → Job → Pod. Status counts come from the built pods.
import type { Container, KubeObject, Pod, PodSpec, PodTemplateSpec } from '../../model/kube.js';
import { nameSuffix } from './ids.js';
import { buildPod, podName, type ContainerRun } from './pod.js';
import { meta, type Scene } from './scene.js';
import { event } from './story.js';

type TemplateSpec = Omit<PodSpec, 'containers'> & { containers: Container[] };

/** One replica: where it runs and what its containers are doing. */
export interface ReplicaPlan {
  node?: string;
  age?: string;
  runs?: Record<string, ContainerRun>;
  unschedulable?: string;
  readySince?: string;
}

export interface WorkloadPlan {
  namespace: string;
  name: string;
  age: string;
  /** Extra pod labels; `app: <name>` is always set and is the selector. */
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  spec: TemplateSpec;
  replicas: ReplicaPlan[];
}

export interface Built<T> {
  owner: T;
  pods: Pod[];
}

function ready(pods: Pod[]): number {
  return pods.filter((p) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')).length;
}

function template(plan: WorkloadPlan, extra: Record<string, string> = {}): PodTemplateSpec {
  return {
    metadata: { labels: { app: plan.name, ...plan.labels, ...extra }, ...(plan.annotations ? { annotations: plan.annotations } : {}) },
    spec: { restartPolicy: 'Always', terminationGracePeriodSeconds: 30, dnsPolicy: 'ClusterFirst', schedulerName: 'default-scheduler', securityContext: {}, ...plan.spec },
  };
}

function podsOf(scene: Scene, plan: WorkloadPlan, owner: KubeObject, names: string[], labels: Record<string, string>): Pod[] {
  const pods = plan.replicas.map((r, i) =>
    buildPod(scene, {
      namespace: plan.namespace,
      name: names[i],
      age: r.age ?? plan.age,
      labels,
      annotations: plan.annotations,
      owner,
      node: r.node,
      spec: plan.spec,
      runs: r.runs,
      unschedulable: r.unschedulable,
      readySince: r.readySince,
    }),
  );
  return pods.map((p) => scene.add('pods', p));
}

function available(n: number, total: number, at: string) {
  return {
    type: 'Available',
    status: n >= total ? 'True' : 'False',
    lastUpdateTime: at,
    lastTransitionTime: at,
    reason: n >= total ? 'MinimumReplicasAvailable' : 'MinimumReplicasUnavailable',
    message: n >= total ? 'Deployment has minimum availability.' : 'Deployment does not have minimum availability.',
  };
}

export function deployment(scene: Scene, plan: WorkloadPlan): Built<KubeObject> & { replicaSet: KubeObject } {
  const hash = nameSuffix(`${plan.namespace}/${plan.name}/template`, 10);
  const replicas = plan.replicas.length;
  const tpl = template(plan);
  const dep = scene.add('deployments', {
    metadata: { ...meta(scene, 'Deployment', { ...plan, labels: { app: plan.name } }), generation: 1, annotations: { 'deployment.kubernetes.io/revision': '1' } },
    spec: {
      replicas,
      selector: { matchLabels: { app: plan.name } },
      template: tpl,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    },
  }) as KubeObject;
  const rsName = `${plan.name}-${hash}`;
  const labels = { ...tpl.metadata!.labels!, 'pod-template-hash': hash };
  const rs = scene.add('replicasets', {
    metadata: {
      ...meta(scene, 'ReplicaSet', { namespace: plan.namespace, name: rsName, age: plan.age, labels, owner: dep }),
      generation: 1,
      annotations: { 'deployment.kubernetes.io/desired-replicas': String(replicas), 'deployment.kubernetes.io/max-replicas': String(replicas + Math.ceil(replicas / 4)), 'deployment.kubernetes.io/revision': '1' },
    },
    spec: { replicas, selector: { matchLabels: { app: plan.name, 'pod-template-hash': hash } }, template: { ...tpl, metadata: { labels } } },
  }) as KubeObject;
  const names = plan.replicas.map((_, i) => podName(rsName, `${plan.namespace}/${rsName}/${i}`));
  const pods = podsOf(scene, plan, rs, names, labels);
  const n = ready(pods);
  const at = scene.clock.ago(plan.age);
  rs.status = { replicas, fullyLabeledReplicas: replicas, readyReplicas: n, availableReplicas: n, observedGeneration: 1 };
  dep.status = {
    observedGeneration: 1,
    replicas,
    updatedReplicas: replicas,
    readyReplicas: n,
    availableReplicas: n,
    ...(n < replicas ? { unavailableReplicas: replicas - n } : {}),
    conditions: [
      available(n, replicas, at),
      { type: 'Progressing', status: 'True', lastUpdateTime: at, lastTransitionTime: at, reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${rsName}" has successfully progressed.` },
    ],
  };
  event(scene, dep, { reason: 'ScalingReplicaSet', component: 'deployment-controller', message: `Scaled up replica set ${rsName} from 0 to ${replicas}`, first: at });
  for (const p of pods) event(scene, rs, { reason: 'SuccessfulCreate', component: 'replicaset-controller', message: `Created pod: ${p.metadata!.name}`, first: p.metadata!.creationTimestamp! });
  return { owner: dep, replicaSet: rs, pods };
}

/**
 * The ReplicaSet a rollout left behind (scaled to 0, kept for `rollout undo`), with the
 * events of its pods being replaced: the current ReplicaSet's pods are revision 2.
 */
export function previousRollout(scene: Scene, built: { owner: KubeObject; replicaSet: KubeObject; pods: Pod[] }, age: string): void {
  const dep = built.owner;
  const ns = dep.metadata!.namespace!;
  const name = dep.metadata!.name!;
  const hash = nameSuffix(`${ns}/${name}/template/1`, 10);
  const rsName = `${name}-${hash}`;
  const current = built.replicaSet;
  const labels = { ...(current.metadata!.labels ?? {}), 'pod-template-hash': hash };
  const template = (current.spec as { template: PodTemplateSpec }).template;
  const old = scene.add('replicasets', {
    metadata: {
      ...meta(scene, 'ReplicaSet', { namespace: ns, name: rsName, age, labels, owner: dep }),
      generation: 2,
      annotations: { 'deployment.kubernetes.io/desired-replicas': String(built.pods.length), 'deployment.kubernetes.io/revision': '1' },
    },
    spec: { replicas: 0, selector: { matchLabels: { app: name, 'pod-template-hash': hash } }, template: { ...template, metadata: { labels } } },
    status: { replicas: 0, observedGeneration: 2 },
  }) as KubeObject;
  dep.metadata!.annotations = { ...dep.metadata!.annotations, 'deployment.kubernetes.io/revision': '2' };
  dep.metadata!.generation = 2;
  dep.status = { ...(dep.status as object), observedGeneration: 2 };
  current.metadata!.annotations = { ...current.metadata!.annotations, 'deployment.kubernetes.io/revision': '2' };
  current.metadata!.creationTimestamp = built.pods[0]?.metadata?.creationTimestamp ?? current.metadata!.creationTimestamp;
  for (const [i, pod] of built.pods.entries()) {
    const created = pod.metadata!.creationTimestamp!;
    const gone = { apiVersion: 'v1', kind: 'Pod', metadata: { namespace: ns, name: podName(rsName, `${ns}/${rsName}/${i}`), uid: meta(scene, 'Pod', { namespace: ns, name: `${rsName}/${i}`, age }).uid }, spec: { nodeName: pod.spec?.nodeName } };
    event(scene, gone, { reason: 'Killing', container: undefined, fieldPath: `spec.containers{${name}}`, message: `Stopping container ${name}`, first: scene.clock.after(created, 15) });
    event(scene, old, { reason: 'SuccessfulDelete', component: 'replicaset-controller', message: `Deleted pod: ${gone.metadata.name}`, first: scene.clock.after(created, 14) });
    event(scene, dep, { reason: 'ScalingReplicaSet', component: 'deployment-controller', message: `Scaled down replica set ${rsName} from ${built.pods.length - i} to ${built.pods.length - i - 1}`, first: scene.clock.after(created, 14) });
  }
}

export function statefulSet(scene: Scene, plan: WorkloadPlan & { serviceName: string; volumeClaimTemplates: unknown[] }): Built<KubeObject> {
  const replicas = plan.replicas.length;
  const tpl = template(plan);
  const revision = `${plan.name}-${nameSuffix(`${plan.namespace}/${plan.name}/rev`, 10)}`;
  const sts = scene.add('statefulsets', {
    metadata: { ...meta(scene, 'StatefulSet', { ...plan, labels: { app: plan.name } }), generation: 1 },
    spec: {
      replicas,
      selector: { matchLabels: { app: plan.name } },
      serviceName: plan.serviceName,
      template: tpl,
      volumeClaimTemplates: plan.volumeClaimTemplates,
      podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      revisionHistoryLimit: 10,
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
    },
  }) as KubeObject;
  const names = plan.replicas.map((_, i) => `${plan.name}-${i}`);
  const pods = names.map((name, i) => {
    const labels = { ...tpl.metadata!.labels!, 'apps.kubernetes.io/pod-index': String(i), 'controller-revision-hash': revision, 'statefulset.kubernetes.io/pod-name': name };
    return podsOf(scene, { ...plan, replicas: [plan.replicas[i]] }, sts, [name], labels)[0];
  });
  const n = ready(pods);
  sts.status = { observedGeneration: 1, replicas, readyReplicas: n, availableReplicas: n, currentReplicas: replicas, updatedReplicas: replicas, currentRevision: revision, updateRevision: revision, collisionCount: 0 };
  return { owner: sts, pods };
}

export function daemonSet(scene: Scene, plan: WorkloadPlan): Built<KubeObject> {
  const tpl = template(plan);
  const revision = nameSuffix(`${plan.namespace}/${plan.name}/rev`, 10);
  const ds = scene.add('daemonsets', {
    metadata: { ...meta(scene, 'DaemonSet', { ...plan, labels: { app: plan.name } }), generation: 1, annotations: { 'deprecated.daemonset.template.generation': '1' } },
    spec: {
      selector: { matchLabels: { app: plan.name } },
      template: tpl,
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
      revisionHistoryLimit: 10,
    },
  }) as KubeObject;
  const labels = { ...tpl.metadata!.labels!, 'controller-revision-hash': revision, 'pod-template-generation': '1' };
  const names = plan.replicas.map((r) => podName(plan.name, `${plan.namespace}/${plan.name}/${r.node}`));
  const pods = podsOf(scene, plan, ds, names, labels);
  const n = ready(pods);
  const count = pods.length;
  ds.status = { currentNumberScheduled: count, desiredNumberScheduled: count, numberAvailable: n, numberMisscheduled: 0, numberReady: n, observedGeneration: 1, updatedNumberScheduled: count };
  return { owner: ds, pods };
}

/** A Job; `cronJob` makes it one run of that CronJob. `complete` decides its conditions. */
export function job(scene: Scene, plan: WorkloadPlan & { cronJob?: KubeObject; complete: boolean; backoffLimit?: number }): Built<KubeObject> {
  const jobUid = meta(scene, 'Job', plan).uid!;
  const selector = { 'batch.kubernetes.io/controller-uid': jobUid };
  const jobLabels = { ...selector, 'controller-uid': jobUid, 'batch.kubernetes.io/job-name': plan.name, 'job-name': plan.name };
  const tpl = template(plan, jobLabels);
  tpl.spec = { ...tpl.spec!, restartPolicy: plan.spec.restartPolicy ?? 'Never' };
  const spec = { ...plan.spec, restartPolicy: tpl.spec.restartPolicy };
  const jobObj = scene.add('jobs', {
    metadata: { ...meta(scene, 'Job', { ...plan, labels: jobLabels, owner: plan.cronJob }), generation: 1 },
    spec: { parallelism: 1, completions: 1, backoffLimit: plan.backoffLimit ?? 6, completionMode: 'NonIndexed', suspend: false, manualSelector: false, podReplacementPolicy: 'TerminatedOrFailed', selector: { matchLabels: selector }, template: tpl },
  }) as KubeObject;
  const names = plan.replicas.map((_, i) => podName(plan.name, `${plan.namespace}/${plan.name}/${i}`));
  const pods = podsOf(scene, { ...plan, spec }, jobObj, names, tpl.metadata!.labels!);
  const start = scene.clock.after(jobObj.metadata!.creationTimestamp!, 0);
  const succeeded = pods.filter((p) => p.status?.phase === 'Succeeded').length;
  const activeCount = pods.filter((p) => p.status?.phase === 'Running' || p.status?.phase === 'Pending').length;
  const done = plan.complete ? scene.clock.after(start, 95) : undefined;
  jobObj.status = {
    startTime: start,
    ...(activeCount ? { active: activeCount } : {}),
    ...(succeeded ? { succeeded } : {}),
    ready: pods.filter((p) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')).length,
    terminating: 0,
    uncountedTerminatedPods: {},
    ...(done
      ? {
          completionTime: done,
          conditions: [
            { type: 'SuccessCriteriaMet', status: 'True', lastProbeTime: done, lastTransitionTime: done },
            { type: 'Complete', status: 'True', lastProbeTime: done, lastTransitionTime: done },
          ],
        }
      : {}),
  };
  return { owner: jobObj, pods };
}
