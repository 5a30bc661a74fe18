// The non-workload objects around the scenarios: Namespaces, Nodes, Services with their
// EndpointSlices, PodDisruptionBudgets, ConfigMaps, PersistentVolumeClaims bound to PersistentVolumes.
import type { KubeObject, Pod } from '../../model/kube.js';
import { digest, nameSuffix } from './ids.js';
import { meta, type NodeInfo, type Scene } from './scene.js';

export function namespace(scene: Scene, name: string, age: string): void {
  scene.add('namespaces', {
    metadata: { ...meta(scene, 'Namespace', { name, age, labels: { 'kubernetes.io/metadata.name': name } }) },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  });
}

export function node(scene: Scene, info: NodeInfo, age: string, opts: { cpu?: string; memory?: string; pods?: string } = {}): void {
  const at = scene.clock.ago(age);
  const heartbeat = scene.clock.ago('40s');
  const cpu = opts.cpu ?? '4';
  const memory = opts.memory ?? '16374584Ki';
  const cidr = `10.${244 + Math.floor(info.index / 256)}.${info.index % 256}.0/24`;
  const cond = (type: string, status: string, reason: string, message: string) => ({ type, status, lastHeartbeatTime: heartbeat, lastTransitionTime: at, reason, message });
  scene.add('nodes', {
    metadata: {
      ...meta(scene, 'Node', {
        name: info.name,
        age,
        labels: {
          'beta.kubernetes.io/arch': 'amd64',
          'beta.kubernetes.io/os': 'linux',
          'kubernetes.io/arch': 'amd64',
          'kubernetes.io/hostname': info.name,
          'kubernetes.io/os': 'linux',
          'topology.kubernetes.io/zone': info.zone,
          'node.kubernetes.io/instance-type': 'e2-standard-4',
        },
        annotations: { 'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' },
      }),
    },
    spec: { podCIDR: cidr, podCIDRs: [cidr], providerID: `demo://${info.name}` },
    status: {
      capacity: { cpu, 'ephemeral-storage': '102687672Ki', 'hugepages-2Mi': '0', memory, pods: opts.pods ?? '110' },
      allocatable: { cpu: `${Number(cpu) * 1000 - 100}m`, 'ephemeral-storage': '94636136321', 'hugepages-2Mi': '0', memory: '15862584Ki', pods: opts.pods ?? '110' },
      conditions: [
        cond('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
        cond('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
        cond('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
        cond('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
      ],
      addresses: [
        { type: 'InternalIP', address: info.internalIP },
        { type: 'Hostname', address: info.name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        architecture: 'amd64',
        bootID: digest(`${info.name}/boot`).slice(0, 32),
        containerRuntimeVersion: 'containerd://1.7.24',
        kernelVersion: '6.8.0-1019-gcp',
        kubeProxyVersion: 'v1.32.2',
        kubeletVersion: 'v1.32.2',
        machineID: digest(`${info.name}/machine`).slice(0, 32),
        operatingSystem: 'linux',
        osImage: 'Ubuntu 24.04.1 LTS',
        systemUUID: digest(`${info.name}/system`).slice(0, 32),
      },
    },
  });
}

export interface ServicePort {
  name: string;
  port: number;
  targetPort: number | string;
  protocol?: string;
}

/** A ClusterIP Service selecting `app: <selectorApp>`, with the EndpointSlice the controller would write. */
export function service(scene: Scene, ns: string, name: string, age: string, ports: ServicePort[], pods: Pod[], opts: { clusterIP?: string; headless?: boolean } = {}): KubeObject {
  const clusterIP = opts.headless ? 'None' : (opts.clusterIP ?? `10.96.${fnvOctet(`${ns}/${name}`)}.${fnvOctet(`${name}/${ns}`)}`);
  const svc = scene.add('services', {
    metadata: meta(scene, 'Service', { namespace: ns, name, age, labels: { app: name } }),
    spec: {
      type: 'ClusterIP',
      selector: { app: name },
      clusterIP,
      clusterIPs: [clusterIP],
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      internalTrafficPolicy: 'Cluster',
      sessionAffinity: 'None',
      ports: ports.map((p) => ({ name: p.name, port: p.port, targetPort: p.targetPort, protocol: p.protocol ?? 'TCP' })),
    },
    status: { loadBalancer: {} },
  }) as KubeObject;
  const endpoints = pods
    .filter((p) => p.status?.podIP)
    .map((p) => {
      const isReady = p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
      return {
        addresses: [p.status!.podIP!],
        conditions: { ready: isReady, serving: isReady, terminating: false },
        nodeName: p.spec?.nodeName,
        targetRef: { kind: 'Pod', namespace: ns, name: p.metadata!.name!, uid: p.metadata!.uid! },
      };
    });
  scene.add('endpointslices', {
    metadata: meta(scene, 'EndpointSlice', {
      namespace: ns,
      name: `${name}-${nameSuffix(`${ns}/${name}/eps`, 5)}`,
      age,
      owner: svc,
      labels: { 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io', 'kubernetes.io/service-name': name },
    }),
    addressType: 'IPv4',
    endpoints,
    ports: ports.map((p) => ({ name: p.name, port: typeof p.targetPort === 'number' ? p.targetPort : p.port, protocol: p.protocol ?? 'TCP' })),
  });
  return svc;
}

function fnvOctet(s: string): number {
  let h = 7;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) % 251;
  return h + 2;
}

export function pdb(scene: Scene, ns: string, app: string, age: string, minAvailable: number, healthy: number, expected: number): void {
  const at = scene.clock.ago(age);
  scene.add('poddisruptionbudgets', {
    metadata: { ...meta(scene, 'PodDisruptionBudget', { namespace: ns, name: app, age }), generation: 1 },
    spec: { minAvailable, selector: { matchLabels: { app } } },
    status: {
      observedGeneration: 1,
      currentHealthy: healthy,
      desiredHealthy: minAvailable,
      expectedPods: expected,
      disruptionsAllowed: Math.max(0, healthy - minAvailable),
      conditions: [{ type: 'DisruptionAllowed', status: healthy > minAvailable ? 'True' : 'False', reason: healthy > minAvailable ? 'SufficientPods' : 'InsufficientPods', message: '', lastTransitionTime: at, observedGeneration: 1 }],
    },
  });
}

/** ConfigMaps carry no data in the demo (SPEC 5): only their names are referenced. */
export function configMap(scene: Scene, ns: string, name: string, age: string, data: Record<string, string> = {}): void {
  scene.add('configmaps', { metadata: meta(scene, 'ConfigMap', { namespace: ns, name, age }), data });
}

/** A PVC bound to a dynamically provisioned PV, as the CSI provisioner leaves them. */
export function boundClaim(scene: Scene, ns: string, name: string, age: string, size: string, accessMode: string, labels?: Record<string, string>): void {
  const claimUid = meta(scene, 'PersistentVolumeClaim', { namespace: ns, name, age }).uid!;
  const pvName = `pvc-${claimUid}`;
  scene.add('persistentvolumeclaims', {
    metadata: {
      ...meta(scene, 'PersistentVolumeClaim', { namespace: ns, name, age, labels }),
      annotations: { 'pv.kubernetes.io/bind-completed': 'yes', 'pv.kubernetes.io/bound-by-controller': 'yes', 'volume.beta.kubernetes.io/storage-provisioner': 'pd.csi.storage.gke.io', 'volume.kubernetes.io/storage-provisioner': 'pd.csi.storage.gke.io' },
      finalizers: ['kubernetes.io/pvc-protection'],
    },
    spec: { accessModes: [accessMode], resources: { requests: { storage: size } }, storageClassName: 'standard-rwo', volumeMode: 'Filesystem', volumeName: pvName },
    status: { phase: 'Bound', accessModes: [accessMode], capacity: { storage: size } },
  });
  scene.add('persistentvolumes', {
    metadata: {
      ...meta(scene, 'PersistentVolume', { name: pvName, age }),
      annotations: { 'pv.kubernetes.io/provisioned-by': 'pd.csi.storage.gke.io' },
      finalizers: ['kubernetes.io/pv-protection', 'external-attacher/pd-csi-storage-gke-io'],
    },
    spec: {
      accessModes: [accessMode],
      capacity: { storage: size },
      claimRef: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', name, namespace: ns, uid: claimUid },
      csi: { driver: 'pd.csi.storage.gke.io', fsType: 'ext4', volumeHandle: `projects/demo/zones/zone-a/disks/${pvName}` },
      persistentVolumeReclaimPolicy: 'Delete',
      storageClassName: 'standard-rwo',
      volumeMode: 'Filesystem',
    },
    status: { phase: 'Bound', lastPhaseTransitionTime: scene.clock.ago(age) },
  });
}
