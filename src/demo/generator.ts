// `--pods N`: N extra pods that look like a real cluster's (3–8 KB of JSON each, managedFields,
// env, the projected token volume, tolerations, statuses), with their owners, namespaces and
// enough nodes to hold them. Deterministic (seeded) and fast: each app template is turned
// into one prototype once; a pod is a few spreads over its workload's prototype, sharing
// the immutable parts (container specs, managedFields) with its siblings.
import type { Container, ContainerStatus, KubeObject, Pod, PodSpec } from '../model/kube.js';
import { APP_TEMPLATES, LOG_STORIES, NODE_AGENT, type AppTemplate } from './scenarios/generated-apps.js';
import { seededRandom } from './scenarios/ids.js';
import { DEFAULT_TOLERATIONS, imageID, tokenVolume } from './scenarios/pod.js';
import { namespace as namespaceObject, node as nodeObject } from './scenarios/resources.js';
import { Scene } from './scenarios/scene.js';
import type { ContainerLogs, DemoDataset, LogLine } from './types.js';
import { fieldsV1 } from './managed-fields.js';

const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const PODS_PER_NODE = 90;
const PODS_PER_NAMESPACE = 1000;


/**
 * RFC 3339 at second precision, without a Date per call: the date part is cached per day
 * (toISOString was a tenth of the generator's time at 50,000 pods).
 */
function secondsClock(): (ms: number) => string {
  const days = new Map<number, string>();
  const two = (n: number) => (n < 10 ? `0${n}` : `${n}`);
  return (ms) => {
    const s = Math.floor(ms / 1000);
    const day = Math.floor(s / 86400);
    let prefix = days.get(day);
    if (prefix === undefined) {
      prefix = new Date(day * 86400_000).toISOString().slice(0, 11);
      days.set(day, prefix);
    }
    const r = s - day * 86400;
    return `${prefix}${two(Math.floor(r / 3600))}:${two(Math.floor((r % 3600) / 60))}:${two(r % 60)}Z`;
  };
}

interface Prototype {
  template: AppTemplate;
  spec: PodSpec;
  specFields: Record<string, unknown>;
  statusFields: Record<string, unknown>;
  imageIDs: string[];
  initImageIDs: string[];
}

function prototype(t: AppTemplate): Prototype {
  const defaults = (c: Container): Container => ({ imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', ...c });
  const spec: PodSpec = {
    ...(t.initContainers ? { initContainers: t.initContainers.map(defaults) } : {}),
    containers: t.containers.map(defaults),
    volumes: t.volumes,
    restartPolicy: t.workload === 'Job' ? 'Never' : 'Always',
    terminationGracePeriodSeconds: 30,
    dnsPolicy: 'ClusterFirst',
    serviceAccountName: 'default',
    serviceAccount: 'default',
    securityContext: {},
    schedulerName: 'default-scheduler',
    tolerations: DEFAULT_TOLERATIONS,
    priority: 0,
    enableServiceLinks: true,
    preemptionPolicy: 'PreemptLowerPriority',
  };
  const statusShape = { conditions: [{ type: 'Ready', status: '', lastProbeTime: '', lastTransitionTime: '' }], containerStatuses: {}, hostIP: '', hostIPs: {}, phase: '', podIP: '', podIPs: {}, startTime: '' };
  return {
    template: t,
    spec,
    specFields: { 'f:metadata': { 'f:generateName': {}, 'f:labels': { '.': {}, 'f:app': {}, 'f:pod-template-hash': {} }, 'f:ownerReferences': { '.': {} } }, 'f:spec': fieldsV1({ ...spec, volumes: t.volumes.length ? t.volumes : undefined }) },
    statusFields: { 'f:status': fieldsV1(statusShape) },
    imageIDs: t.containers.map((c) => imageID(c.image ?? '')),
    initImageIDs: (t.initContainers ?? []).map((c) => imageID(c.image ?? '')),
  };
}

export function generatePods(opts: { now: Date; count: number; seed?: number }): DemoDataset {
  const rand = seededRandom(opts.seed ?? 0x5eed);
  const nowMs = opts.now.getTime();
  const iso = secondsClock();
  const EMPTY = {};
  const randomHex = (n: number) => {
    let out = '';
    while (out.length < n) out += Math.floor(rand() * 0x100000000).toString(16).padStart(8, '0');
    return out.slice(0, n);
  };
  // Random-looking ids without paying for 64 random hex digits per id (most of the time at
  // 50,000 pods went to building id strings): a pool of random prefixes plus a counter.
  const pool = Array.from({ length: 512 }, () => randomHex(56));
  let idSerial = 0;
  const hex64 = () => `${pool[Math.floor(rand() * pool.length)]}${(idSerial++).toString(16).padStart(8, '0')}`;
  const uid = () => {
    const h = hex64();
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(-12)}`;
  };
  const suffix = (n: number) => {
    let s = '';
    for (let i = 0; i < n; i++) s += ALPHABET[Math.floor(rand() * ALPHABET.length)];
    return s;
  };
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  // 27^5 suffixes: 556 node-agent pods would collide about once in a hundred seeds. Draw again on a clash.
  const usedNames = new Set<string>();
  const podNameFor = (prefix: string) => {
    let name = `${prefix}-${suffix(5)}`;
    while (usedNames.has(name)) name = `${prefix}-${suffix(5)}`;
    usedNames.add(name);
    return name;
  };

  const objects: KubeObject[] = [];
  const logs: ContainerLogs[] = [];
  const nodeCount = Math.max(3, Math.ceil(opts.count / PODS_PER_NODE));
  const nodes = Array.from({ length: nodeCount }, (_, i) => ({ name: `node-gen-${String(i).padStart(3, '0')}`, index: 3 + i, internalIP: `192.168.${50 + Math.floor(i / 250)}.${2 + (i % 250)}`, zone: `zone-${'abc'[i % 3]}` }));
  const hostIPsOf = nodes.map((n) => [{ ip: n.internalIP }]);

  const hostCounter = new Uint16Array(nodeCount);
  let cursor = 0;
  const scene = new Scene(opts.now, nodes);
  for (const n of nodes) nodeObject(scene, n, '30d');
  const nsCount = Math.min(100, Math.max(1, Math.ceil(opts.count / PODS_PER_NAMESPACE)));
  const namespaces = Array.from({ length: nsCount }, (_, i) => `gen-${String(i).padStart(2, '0')}`);
  for (const ns of namespaces) namespaceObject(scene, ns, '30d');
  objects.push(...scene.objects);

  const protos = APP_TEMPLATES.map(prototype);
  let made = 0;
  let serial = 0;
  // A cluster this size runs a node agent: one DaemonSet pod per generated node.
  if (opts.count >= 100) {
    const proto = prototype(NODE_AGENT);
    const replicas = Math.min(nodeCount, opts.count);
    const owner = workloadObjects(NODE_AGENT, namespaces[0], NODE_AGENT.name, iso(nowMs - 30 * 86400_000), replicas, uid, suffix);
    const times = workloadTimes(nowMs - 30 * 86400_000 + 60_000);
    const shared = workloadShared(proto, owner, times.created);
    objects.push(...owner.objects);
    for (let i = 0; i < replicas; i++) objects.push(pod(proto, namespaces[0], podNameFor(NODE_AGENT.name), owner, times, shared, i, i));
    made += replicas;
  }
  while (made < opts.count) {
    const proto = pick(protos);
    const t = proto.template;
    const ns = namespaces[serial % nsCount];
    const name = `${t.name}-${serial++}`;
    const ageMs = Math.floor((1 + rand() * 29 * 24) * 3600_000);
    const created = iso(nowMs - ageMs);
    const replicas = Math.min(opts.count - made, t.workload === 'Job' ? 1 : t.workload === 'StatefulSet' ? 1 + Math.floor(rand() * 3) : 1 + Math.floor(rand() * 8));
    const owner = workloadObjects(t, ns, name, created, replicas, uid, suffix);
    const service = serviceFor(t, ns, name, created, uid, serial);
    if (service) objects.push(service);
    const times = workloadTimes(Date.parse(created));
    const shared = workloadShared(proto, owner, times.created);
    objects.push(...owner.objects);
    for (let i = 0; i < replicas; i++) {
      const podName = t.workload === 'StatefulSet' ? `${name}-${i}` : podNameFor(owner.podPrefix);
      objects.push(pod(proto, ns, podName, owner, times, shared, i));
      if (t.workload === 'StatefulSet') objects.push(claimFor(ns, `data-${podName}`, created, uid(), name));
      made++;
    }
  }
  return { objects, logs };

  /** Timestamps and the healthy conditions, shared by all pods of one workload (objects are immutable). */
  function workloadTimes(createdMs: number): WorkloadTimes {
    const created = iso(createdMs);
    const startMs = createdMs + 1000;
    const at = (offset: number) => iso(startMs + offset);
    const t = { created, startMs, startTime: at(0), containersStarted: at(4000), readyAt: at(8000), finishedAt: at(64000), sandboxAt: at(2000) };
    const c = (type: string, status: string, time: string) => ({ type, status, lastProbeTime: null as unknown as string, lastTransitionTime: time });
    const healthy = [c('PodReadyToStartContainers', 'True', t.sandboxAt), c('Initialized', 'True', t.startTime), c('Ready', 'True', t.readyAt), c('ContainersReady', 'True', t.readyAt), c('PodScheduled', 'True', created)];
    return { ...t, healthy, runningState: { running: { startedAt: t.containersStarted } }, sidecarState: { running: { startedAt: t.sandboxAt } } };
  }

  /**
   * What all pods of one workload can share. Sharing is what keeps 50,000 pods fast (most of
   * the time went to the garbage collector). Not the containers: as on a real cluster, each
   * pod mounts its own service-account token volume (kube-api-access-xxxxx, pod()), so its
   * containers and volumes are its own objects. Sharing them too flattered podscope's memory
   * and analysis, which must hold up when replicas share no container object.
   */
  function workloadShared(proto: Prototype, owner: WorkloadObjects, created: string) {
    // Log lines are shared by a workload's replicas: they started at the same time.
    const logLines = new Map<string, LogLine[]>();
    for (const c of [...(proto.spec.initContainers ?? []), ...proto.spec.containers]) {
      const story = LOG_STORIES[c.name];
      if (story) logLines.set(c.name, story.start.map((text, i) => ({ time: iso(Date.parse(created) + 5000 + i * 1000), text })));
    }
    return {
      logLines,
      ownerReferences: [owner.ref],
      managedFields: [
        { manager: 'kube-controller-manager', operation: 'Update', apiVersion: 'v1', time: created, fieldsType: 'FieldsV1', fieldsV1: proto.specFields },
        { manager: 'kubelet', operation: 'Update', apiVersion: 'v1', time: created, fieldsType: 'FieldsV1', fieldsV1: proto.statusFields, subresource: 'status' },
      ],
    };
  }

  /** Status of the app containers: the first one carries the pod's story (restarts, crash loop, not ready). */
  function mainStatuses(proto: Prototype, spec: PodSpec, times: WorkloadTimes, h: Health, podRef: string): ContainerStatus[] {
    const runningState = h.restarts ? { running: { startedAt: h.runningSince } } : times.runningState;
    return spec.containers.map((c, i) => {
      const first = i === 0;
      const containerID = `containerd://${hex64()}`;
      const base = { name: c.name, image: c.image ?? '', imageID: proto.imageIDs[i], containerID, restartCount: first ? h.restarts : 0 };
      if (h.done) return { ...base, ready: false, started: false, state: { terminated: { exitCode: 0, reason: 'Completed', startedAt: times.containersStarted, finishedAt: times.finishedAt, containerID } }, lastState: EMPTY };
      const last = first && h.restarts
        ? { terminated: { exitCode: h.oom ? 137 : 1, reason: h.oom ? 'OOMKilled' : 'Error', startedAt: iso(Date.parse(h.runningSince) - 600_000), finishedAt: h.runningSince, containerID: `containerd://${hex64()}` } }
        : EMPTY;
      if (first && h.crashLoop) return { ...base, ready: false, started: false, state: { waiting: { reason: 'CrashLoopBackOff', message: `back-off 5m0s restarting failed container=${c.name} pod=${podRef}` } }, lastState: last };
      return { ...base, ready: !(first && h.notReady), started: true, state: runningState, lastState: last };
    });
  }

  function initContainerStatuses(proto: Prototype, spec: PodSpec, times: WorkloadTimes): ContainerStatus[] | undefined {
    return spec.initContainers?.map((c, i) => {
      const containerID = `containerd://${hex64()}`;
      const base = { name: c.name, image: c.image ?? '', imageID: proto.initImageIDs[i], containerID, restartCount: 0, lastState: EMPTY };
      // A native sidecar keeps running next to the app; a plain init container has finished.
      return c.restartPolicy === 'Always'
        ? { ...base, ready: true, started: true, state: times.sidecarState }
        : { ...base, ready: true, started: false, state: { terminated: { exitCode: 0, reason: 'Completed', startedAt: times.startTime, finishedAt: times.sandboxAt, containerID } } };
    });
  }

  /** Conditions of a pod that is not simply healthy: unready, restarted or completed. */
  function conditionsFor(times: WorkloadTimes, statuses: ContainerStatus[], h: Health) {
    const ready = statuses.every((s) => s.ready);
    const readyAt = h.restarts ? iso(Date.parse(h.runningSince) + 5000) : times.readyAt;
    const unready = ready ? {} : { reason: h.done ? 'PodCompleted' : 'ContainersNotReady', message: `containers with unready status: [${statuses.filter((s) => !s.ready).map((s) => s.name).join(' ')}]` };
    const readyCond = (type: string) => ({ type, status: ready ? 'True' : 'False', lastProbeTime: null as unknown as string, lastTransitionTime: readyAt, ...unready });
    return [{ ...times.healthy[0], status: h.done ? 'False' : 'True' }, times.healthy[1], readyCond('Ready'), readyCond('ContainersReady'), times.healthy[4]];
  }

  function pod(proto: Prototype, ns: string, name: string, owner: WorkloadObjects, times: WorkloadTimes, shared: ReturnType<typeof workloadShared>, ordinal: number, pinnedNode?: number): Pod {
    const created = times.created;
    const t = proto.template;
    const roll = rand();
    const pending = pinnedNode === undefined && t.workload !== 'Job' && roll < 0.005;
    // Round robin, as a spreading scheduler would end up: no node goes past its 110-pod capacity.
    const nodeIdx = pinnedNode ?? (cursor = (cursor + 1) % nodeCount);
    const node = nodes[nodeIdx];
    // Each pod its own token volume, as the ServiceAccount admission plugin injects it.
    const token = `kube-api-access-${suffix(5)}`;
    const tokenMount = { name: token, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true };
    const withToken = (c: Container) => ({ ...c, volumeMounts: c.volumeMounts ? [...c.volumeMounts, tokenMount] : [tokenMount] });
    const volumes = [...(proto.spec.volumes ?? []), tokenVolume(token)];
    const spec: PodSpec = {
      ...proto.spec,
      containers: proto.spec.containers.map(withToken),
      ...(proto.spec.initContainers ? { initContainers: proto.spec.initContainers.map(withToken) } : {}),
      volumes: t.workload === 'StatefulSet' ? [{ name: 'data', persistentVolumeClaim: { claimName: `data-${name}` } }, ...volumes] : volumes,
      ...(pending ? {} : { nodeName: node.name }),
    };
    const labels: Record<string, string> = t.workload === 'StatefulSet' ? { ...owner.podLabels, 'statefulset.kubernetes.io/pod-name': name, 'apps.kubernetes.io/pod-index': String(ordinal) } : owner.podLabels;
    const metadata = {
      name,
      ...(t.workload === 'StatefulSet' ? {} : { generateName: `${owner.podPrefix}-` }),
      namespace: ns,
      uid: uid(),
      creationTimestamp: created,
      labels,
      ownerReferences: shared.ownerReferences,
      managedFields: shared.managedFields,
    };
    // Every app template requests less than its limits.
    const qosClass = 'Burstable';
    if (pending) {
      return {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata,
        spec,
        status: { phase: 'Pending', qosClass, conditions: [{ type: 'PodScheduled', status: 'False', lastProbeTime: null as unknown as string, lastTransitionTime: created, reason: 'Unschedulable', message: `0/${nodeCount + 3} nodes are available: ${nodeCount + 3} Insufficient cpu. preemption: 0/${nodeCount + 3} nodes are available: ${nodeCount + 3} No preemption victims found for incoming pod.` }] },
      } as Pod;
    }
    const host = ++hostCounter[nodeIdx];
    const podIP = `10.${244 + Math.floor(node.index / 256)}.${node.index % 256}.${(host % 250) + 2}`;
    const { startTime } = times;
    const done = t.workload === 'Job';
    const restarts = !done && roll > 0.9 ? 1 + Math.floor(rand() * 4) : !done && roll < 0.02 && roll >= 0.015 ? 5 + Math.floor(rand() * 40) : 0;
    const health: Health = {
      done,
      restarts,
      crashLoop: !done && roll >= 0.015 && roll < 0.02,
      notReady: !done && roll >= 0.005 && roll < 0.015,
      oom: roll < 0.95,
      runningSince: restarts ? iso(nowMs - Math.floor(rand() * 3600_000)) : times.containersStarted,
    };
    const statuses = mainStatuses(proto, spec, times, health, `${name}_${ns}(${metadata.uid})`);
    const ready = statuses.every((s) => s.ready);
    const initStatuses = initContainerStatuses(proto, spec, times);
    for (const st of [...(initStatuses ?? []), ...statuses]) {
      const lines = shared.logLines.get(st.name);
      if (!lines) continue;
      const ticker = done ? undefined : LOG_STORIES[st.name]?.ticker;
      // A restarted container has a previous instance to show (`logs --previous`).
      logs.push({ namespace: ns, pod: name, container: st.name, current: lines, ...(st.restartCount ? { previous: lines } : {}), ...(ticker?.length ? { ticker } : {}) });
    }
    const conditions = ready && !done && !restarts ? times.healthy : conditionsFor(times, statuses, health);
    return {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata,
      spec,
      status: {
        phase: done ? 'Succeeded' : 'Running',
        conditions,
        hostIP: node.internalIP,
        hostIPs: hostIPsOf[nodeIdx],
        podIP,
        podIPs: [{ ip: podIP }],
        startTime,
        ...(initStatuses ? { initContainerStatuses: initStatuses } : {}),
        containerStatuses: statuses,
        qosClass,
      },
    } as Pod;
  }
}

/** How one generated pod is doing, drawn once per pod. */
interface Health {
  done: boolean;
  restarts: number;
  crashLoop: boolean;
  notReady: boolean;
  oom: boolean;
  runningSince: string;
}

interface WorkloadTimes {
  created: string;
  startMs: number;
  startTime: string;
  containersStarted: string;
  readyAt: string;
  finishedAt: string;
  sandboxAt: string;
  healthy: { type: string; status: string; lastProbeTime: string; lastTransitionTime: string }[];
  runningState: { running: { startedAt: string } };
  sidecarState: { running: { startedAt: string } };
}

interface WorkloadObjects {
  objects: KubeObject[];
  ref: { apiVersion: string; kind: string; name: string; uid: string; controller: true; blockOwnerDeletion: true };
  podPrefix: string;
  podLabels: Record<string, string>;
}

/** The owner objects of one generated workload: Deployment + ReplicaSet, StatefulSet, or Job. */
function workloadObjects(t: AppTemplate, ns: string, name: string, created: string, replicas: number, uid: () => string, suffix: (n: number) => string): WorkloadObjects {
  const selector = { app: name };
  const podSpec = { ...(t.initContainers ? { initContainers: t.initContainers } : {}), containers: t.containers, volumes: t.volumes.length ? t.volumes : undefined, restartPolicy: t.workload === 'Job' ? 'Never' : 'Always' };
  const counts = { replicas, readyReplicas: replicas, availableReplicas: replicas, observedGeneration: 1 };
  const ref = (apiVersion: string, kind: string, n: string, u: string) => ({ apiVersion, kind, name: n, uid: u, controller: true as const, blockOwnerDeletion: true as const });
  if (t.workload === 'Deployment') {
    const hash = suffix(10);
    const podLabels = { app: name, 'pod-template-hash': hash };
    const dep = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: ns, uid: uid(), creationTimestamp: created, generation: 1, labels: selector }, spec: { replicas, selector: { matchLabels: selector }, template: { metadata: { labels: selector }, spec: podSpec } }, status: { ...counts, updatedReplicas: replicas } };
    const rsName = `${name}-${hash}`;
    const rsUid = uid();
    const rs = { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: rsName, namespace: ns, uid: rsUid, creationTimestamp: created, generation: 1, labels: podLabels, ownerReferences: [ref('apps/v1', 'Deployment', name, dep.metadata.uid)] }, spec: { replicas, selector: { matchLabels: podLabels }, template: { metadata: { labels: podLabels }, spec: podSpec } }, status: { ...counts, fullyLabeledReplicas: replicas } };
    return { objects: [dep, rs], ref: ref('apps/v1', 'ReplicaSet', rsName, rsUid), podPrefix: rsName, podLabels };
  }
  if (t.workload === 'StatefulSet') {
    const u = uid();
    const claim = { metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } } } };
    const sts = { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name, namespace: ns, uid: u, creationTimestamp: created, generation: 1, labels: selector }, spec: { replicas, serviceName: name, selector: { matchLabels: selector }, template: { metadata: { labels: selector }, spec: podSpec }, volumeClaimTemplates: [claim] }, status: { ...counts, currentReplicas: replicas, updatedReplicas: replicas } };
    return { objects: [sts], ref: ref('apps/v1', 'StatefulSet', name, u), podPrefix: name, podLabels: { ...selector, 'controller-revision-hash': `${name}-${suffix(10)}` } };
  }
  if (t.workload === 'DaemonSet') {
    const u = uid();
    const podLabels = { app: name, 'controller-revision-hash': suffix(10), 'pod-template-generation': '1' };
    const ds = { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name, namespace: ns, uid: u, creationTimestamp: created, generation: 1, labels: selector }, spec: { selector: { matchLabels: selector }, template: { metadata: { labels: selector }, spec: podSpec }, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } } }, status: { currentNumberScheduled: replicas, desiredNumberScheduled: replicas, numberAvailable: replicas, numberMisscheduled: 0, numberReady: replicas, observedGeneration: 1, updatedNumberScheduled: replicas } };
    return { objects: [ds], ref: ref('apps/v1', 'DaemonSet', name, u), podPrefix: name, podLabels };
  }
  const u = uid();
  const podLabels = { app: name, 'batch.kubernetes.io/controller-uid': u, 'batch.kubernetes.io/job-name': name, 'controller-uid': u, 'job-name': name };
  const finished = created;
  const job = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name, namespace: ns, uid: u, creationTimestamp: created, generation: 1, labels: podLabels }, spec: { completions: 1, parallelism: 1, backoffLimit: 6, selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': u } }, template: { metadata: { labels: podLabels }, spec: podSpec } }, status: { startTime: created, completionTime: finished, succeeded: replicas, conditions: [{ type: 'Complete', status: 'True', lastProbeTime: finished, lastTransitionTime: finished }] } };
  return { objects: [job], ref: ref('batch/v1', 'Job', name, u), podPrefix: name, podLabels };
}

/**
 * The Service in front of a generated workload that serves: a ClusterIP Service for a
 * Deployment, the headless one its serviceName names for a StatefulSet. Queue workers, Jobs
 * and the node agent serve nothing. As on a real cluster, most workloads have one (at 50,000
 * pods: 10,770 Services); before, the demo had 9, and the analysis never felt a namespace
 * with hundreds of them.
 */
function serviceFor(t: AppTemplate, ns: string, name: string, created: string, uid: () => string, serial: number): KubeObject | undefined {
  if ((t.workload !== 'Deployment' && t.workload !== 'StatefulSet') || t.name === 'worker') return undefined;
  const port = t.containers[0].ports?.[0];
  if (!port) return undefined;
  const headless = t.workload === 'StatefulSet';
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: ns, uid: uid(), creationTimestamp: created, labels: { app: name } },
    spec: {
      type: 'ClusterIP',
      clusterIP: headless ? 'None' : `10.96.${Math.floor(serial / 250) % 256}.${(serial % 250) + 2}`,
      selector: { app: name },
      ports: [{ name: port.name ?? 'http', port: headless ? port.containerPort : 80, targetPort: port.name ?? port.containerPort, protocol: 'TCP' }],
    },
  };
}

/** The PVC a StatefulSet's volumeClaimTemplate creates for one pod, bound. */
function claimFor(ns: string, name: string, created: string, claimUid: string, app: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name, namespace: ns, uid: claimUid, creationTimestamp: created, labels: { app }, finalizers: ['kubernetes.io/pvc-protection'] },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } }, storageClassName: 'standard-rwo', volumeMode: 'Filesystem', volumeName: `pvc-${claimUid}` },
    status: { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '10Gi' } },
  };
}
