// The one pod builder every scenario (and the generator's prototypes) uses. A scenario says
// what each container is doing (running, crash-looping, waiting for an image, finished); the
// builder fills in everything a real API server and kubelet would: defaults, the service
// account token volume, conditions, IPs, QoS class, container IDs and image IDs.
import type { Container, ContainerStatus, KubeObject, Pod, PodSpec } from '../../model/kube.js';
import { digest, nameSuffix } from './ids.js';
import { meta, type Scene } from './scene.js';
import { managedFields } from '../managed-fields.js';

/** What one container is doing now, and how it ended last time. */
export interface ContainerRun {
  state?: 'running' | 'waiting' | 'terminated';
  /** Waiting/terminated reason: CrashLoopBackOff, ImagePullBackOff, Completed, Error… */
  reason?: string;
  message?: string;
  exitCode?: number;
  /** Seconds after the pod started that this container (instance) started; default a few. */
  startedAfter?: number;
  /** For terminated: seconds after its start that it finished. */
  ranFor?: number;
  ready?: boolean;
  restarts?: number;
  last?: { reason: string; exitCode: number; message?: string; ranFor?: number; endedAgo: string };
}

export interface PodPlan {
  namespace: string;
  name: string;
  age: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  owner?: KubeObject;
  /** Absent: the pod was never scheduled (Pending). */
  node?: string;
  spec: Omit<PodSpec, 'containers'> & { containers: Container[] };
  runs?: Record<string, ContainerRun>;
  /** Scheduler's message when the pod could not be placed. */
  unschedulable?: string;
  /** When Ready last flipped (for not-ready pods); default: when the containers started. */
  readySince?: string;
}

/** The pod name a controller would generate: `<prefix>-<5 chars>`. */
export function podName(prefix: string, identity: string): string {
  return `${prefix}-${nameSuffix(identity, 5)}`;
}

/** `docker.io/library/nginx@sha256:…` for an image reference, as containerd reports it. */
export function imageID(image: string): string {
  const repo = image.replace(/:[^/:@]+$/, '');
  const full = repo.includes('/') ? (repo.split('/')[0].includes('.') ? repo : `docker.io/${repo}`) : `docker.io/library/${repo}`;
  return `${full}@sha256:${digest(image)}`;
}

function withTokenMount(c: Container, volume: string): Container {
  return {
    imagePullPolicy: c.image?.endsWith(':latest') || !c.image?.includes(':') ? 'Always' : 'IfNotPresent',
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
    ...c,
    volumeMounts: [
      ...(c.volumeMounts ?? []),
      { name: volume, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true },
    ],
  };
}

const TOKEN_PROJECTION = {
  defaultMode: 420,
  sources: [
    { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
    { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
    { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
  ],
};

/** The projected volume the ServiceAccount admission plugin adds to every pod (the projection is shared: objects are immutable). */
export function tokenVolume(name: string) {
  return { name, projected: TOKEN_PROJECTION };
}

export const DEFAULT_TOLERATIONS = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
];

function qosClass(containers: Container[]): string {
  let any = false;
  let guaranteed = true;
  for (const c of containers) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    if (Object.keys(req).length || Object.keys(lim).length) any = true;
    for (const r of ['cpu', 'memory']) {
      if (!lim[r] || (req[r] !== undefined && req[r] !== lim[r])) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

function containerStatus(scene: Scene, pod: string, c: Container, run: ContainerRun, podStart: string): ContainerStatus {
  const { clock } = scene;
  const state = run.state ?? 'running';
  const restarts = run.restarts ?? 0;
  const startedAt = clock.after(podStart, run.startedAfter ?? 4);
  const pulled = !(state === 'waiting' && /ImagePull|ErrImage|InvalidImageName/.test(run.reason ?? ''));
  const status: ContainerStatus = {
    name: c.name,
    image: c.image ?? '',
    imageID: pulled ? imageID(c.image ?? '') : '',
    ready: run.ready ?? state === 'running',
    restartCount: restarts,
    started: state === 'running',
    state: {},
    lastState: {},
  };
  if (pulled) status.containerID = `containerd://${digest(`${pod}/${c.name}/${restarts}`)}`;
  if (state === 'running') status.state = { running: { startedAt } };
  if (state === 'waiting') status.state = { waiting: { reason: run.reason ?? 'ContainerCreating', ...(run.message ? { message: run.message } : {}) } };
  if (state === 'terminated') {
    status.state = {
      terminated: {
        exitCode: run.exitCode ?? 0,
        reason: run.reason ?? (run.exitCode ? 'Error' : 'Completed'),
        ...(run.message ? { message: run.message } : {}),
        startedAt,
        finishedAt: clock.after(startedAt, run.ranFor ?? 30),
        containerID: status.containerID,
      },
    };
  }
  if (run.last) {
    const finishedAt = clock.ago(run.last.endedAgo);
    status.lastState = {
      terminated: {
        exitCode: run.last.exitCode,
        reason: run.last.reason,
        ...(run.last.message ? { message: run.last.message } : {}),
        startedAt: clock.after(finishedAt, -(run.last.ranFor ?? 2)),
        finishedAt,
        containerID: `containerd://${digest(`${pod}/${c.name}/${restarts - 1}`)}`,
      },
    };
  }
  return status;
}

/** Objects from a server carry managedFields; the scenario pods too, so the YAML view's `m` has them to show. */
function withManagedFields(pod: Pod, time: string, manager: string): Pod {
  return { ...pod, metadata: { ...pod.metadata, managedFields: managedFields(pod as KubeObject, time, manager) } };
}

export function buildPod(scene: Scene, plan: PodPlan): Pod {
  const { clock } = scene;
  const token = `kube-api-access-${nameSuffix(`${plan.namespace}/${plan.name}/token`, 5)}`;
  const runs = plan.runs ?? {};
  const m = meta(scene, 'Pod', {
    namespace: plan.namespace,
    name: plan.name,
    age: plan.age,
    labels: plan.labels,
    annotations: plan.annotations,
    owner: plan.owner,
    generateName: plan.owner && plan.owner.kind !== 'StatefulSet' ? plan.name.replace(/[^-]+$/, '') : undefined,
  });
  const created = m.creationTimestamp!;
  const spec: PodSpec = {
    restartPolicy: 'Always',
    terminationGracePeriodSeconds: 30,
    dnsPolicy: 'ClusterFirst',
    serviceAccountName: 'default',
    serviceAccount: 'default',
    securityContext: {},
    schedulerName: 'default-scheduler',
    enableServiceLinks: true,
    preemptionPolicy: 'PreemptLowerPriority',
    priority: 0,
    tolerations: DEFAULT_TOLERATIONS,
    ...plan.spec,
    containers: plan.spec.containers.map((c) => withTokenMount(c, token)),
    ...(plan.spec.initContainers ? { initContainers: plan.spec.initContainers.map((c) => withTokenMount(c, token)) } : {}),
    volumes: [...(plan.spec.volumes ?? []), tokenVolume(token)],
    ...(plan.node ? { nodeName: plan.node } : {}),
  };
  const all = [...(plan.spec.initContainers ?? []), ...plan.spec.containers];
  const pod: Pod = { metadata: m, spec, status: { phase: 'Pending', qosClass: qosClass(all) } };

  if (!plan.node) {
    pod.status = {
      phase: 'Pending',
      qosClass: qosClass(all),
      conditions: [
        {
          type: 'PodScheduled',
          status: 'False',
          lastProbeTime: null as unknown as string,
          lastTransitionTime: created,
          reason: 'Unschedulable',
          message: plan.unschedulable ?? '0/3 nodes are available.',
        },
      ],
    };
    return withManagedFields(pod, created, plan.owner ? 'kube-controller-manager' : 'kubectl-client-side-apply');
  }

  const node = scene.node(plan.node);
  const podIP = spec.hostNetwork ? node.internalIP : scene.podIP(plan.node);
  const startTime = clock.after(created, 1);
  const initStatuses = (plan.spec.initContainers ?? []).map((c) =>
    containerStatus(scene, plan.name, c, runs[c.name] ?? { state: 'terminated', reason: 'Completed', exitCode: 0, ranFor: 3, ready: false }, startTime),
  );
  const statuses = plan.spec.containers.map((c) => containerStatus(scene, plan.name, c, runs[c.name] ?? {}, startTime));
  const allTerminated = statuses.every((s) => s.state?.terminated);
  // Containers that never started (image not pulled yet) leave the pod Pending, as the kubelet reports it.
  const neverStarted = statuses.every((s) => s.state?.waiting && !s.restartCount);
  const phase = allTerminated ? (statuses.every((s) => s.state?.terminated?.exitCode === 0) ? 'Succeeded' : 'Failed') : neverStarted ? 'Pending' : 'Running';
  const containersReady = statuses.every((s) => s.ready);
  const initialized = initStatuses.every((s) => s.state?.terminated?.exitCode === 0 || s.started);
  const started = clock.after(startTime, 5);
  const readyAt = plan.readySince ?? started;
  const cond = (type: string, ok: boolean, at: string, reason?: string) => ({
    type,
    status: ok ? 'True' : 'False',
    lastProbeTime: null as unknown as string,
    lastTransitionTime: at,
    ...(reason && !ok ? { reason } : {}),
  });
  const unready = statuses.filter((s) => !s.ready).map((s) => s.name);
  const notReadyReason = phase === 'Succeeded' ? 'PodCompleted' : 'ContainersNotReady';
  pod.status = {
    phase,
    conditions: [
      cond('PodReadyToStartContainers', phase === 'Running' || phase === 'Pending', clock.after(startTime, 2)),
      cond('Initialized', initialized, clock.after(startTime, initStatuses.length ? 8 : 0), 'ContainersNotInitialized'),
      { ...cond('Ready', containersReady, readyAt, notReadyReason), ...(containersReady ? {} : { message: `containers with unready status: [${unready.join(' ')}]` }) },
      { ...cond('ContainersReady', containersReady, readyAt, notReadyReason), ...(containersReady ? {} : { message: `containers with unready status: [${unready.join(' ')}]` }) },
      cond('PodScheduled', true, created),
    ],
    hostIP: node.internalIP,
    hostIPs: [{ ip: node.internalIP }],
    podIP,
    podIPs: [{ ip: podIP }],
    startTime,
    ...(initStatuses.length ? { initContainerStatuses: initStatuses } : {}),
    containerStatuses: statuses,
    qosClass: qosClass(all),
  };
  return withManagedFields(pod, created, plan.owner ? 'kube-controller-manager' : 'kubectl-client-side-apply');
}
