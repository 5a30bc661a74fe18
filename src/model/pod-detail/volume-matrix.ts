// The Volumes panel: a volume × container matrix. Volumes are the only storage containers
// of a pod can share; the matrix shows who writes, who only reads, and what survives the
// pod (a PVC) versus what dies with it (emptyDir). Secret volumes are named, never read.
import type { KubeObject, Pod } from '../kube.js';
import { bool, obj, objs, str, strs, type Json } from './fields.js';
import { listContainers, type ContainerPlacement } from './pod-containers.js';

/** What happens to the data: dies with the pod, outlives it, lives on the node, or is projected from the API. */
export type Persistence = 'ephemeral' | 'persistent' | 'node' | 'projected';

export interface Mount {
  mountPath: string;
  readOnly: boolean;
  subPath?: string;
}

export interface ClaimInfo {
  name: string;
  /** The PVC is in the store. */
  known: boolean;
  accessModes: string[];
  storageClass?: string;
  capacity?: string;
  phase?: string;
}

export interface VolumeRow {
  name: string;
  /** The volume source field: emptyDir, configMap, secret, persistentVolumeClaim, hostPath… */
  type: string;
  /** `configMap app-config`, `secret db-creds`, `emptyDir Memory 64Mi`, `hostPath /var/log`. */
  detail: string;
  persistence: Persistence;
  claim?: ClaimInfo;
  /** Mounts by container name; a container may mount one volume at several paths. */
  mounts: Record<string, Mount[]>;
  /** The source itself is read-only (configMap, secret, projected, downwardAPI; a PVC with readOnly). */
  sourceReadOnly: boolean;
}

export interface VolumeMatrix {
  containers: { name: string; placement: ContainerPlacement }[];
  rows: VolumeRow[];
  /** volumeMounts naming a volume the pod does not declare (a broken spec). */
  dangling: { container: string; volume: string; mountPath: string }[];
}

const PERSISTENT_SOURCES = new Set([
  'persistentVolumeClaim',
  'nfs',
  'iscsi',
  'cephfs',
  'rbd',
  'csi',
  'awsElasticBlockStore',
  'gcePersistentDisk',
  'azureDisk',
  'azureFile',
  'glusterfs',
  'fc',
  'portworxVolume',
  'cinder',
  'vsphereVolume',
]);

const PROJECTED_SOURCES = new Set(['configMap', 'secret', 'projected', 'downwardAPI', 'serviceAccountToken']);

function sourceOf(v: Json): { type: string; source: Json } {
  for (const [k, val] of Object.entries(v)) {
    if (k === 'name') continue;
    if (val !== null && typeof val === 'object') return { type: k, source: obj(val) };
  }
  return { type: 'unknown', source: {} };
}

function claimInfo(name: string, pvc: KubeObject | undefined): ClaimInfo {
  if (!pvc) return { name, known: false, accessModes: [] };
  const spec = obj(pvc.spec);
  const status = obj(pvc.status);
  return {
    name,
    known: true,
    accessModes: strs(status.accessModes).length > 0 ? strs(status.accessModes) : strs(spec.accessModes),
    storageClass: str(spec.storageClassName),
    capacity: str(obj(status.capacity).storage) ?? str(obj(obj(spec.resources).requests).storage),
    phase: str(status.phase),
  };
}

/** RWO, RWX, ROX, RWOP: how kubectl abbreviates access modes. */
export function shortAccessMode(mode: string): string {
  const map: Record<string, string> = {
    ReadWriteOnce: 'RWO',
    ReadWriteMany: 'RWX',
    ReadOnlyMany: 'ROX',
    ReadWriteOncePod: 'RWOP',
  };
  return map[mode] ?? mode;
}

function describe(type: string, source: Json, claim?: ClaimInfo): string {
  switch (type) {
    case 'emptyDir': {
      const medium = str(source.medium);
      const limit = str(source.sizeLimit);
      return ['emptyDir', medium, limit ? `≤${limit}` : undefined].filter(Boolean).join(' ');
    }
    case 'configMap':
      return `configMap ${str(source.name) ?? '?'}`;
    case 'secret':
      // Only the name: podscope never reads Secrets (SPEC R7).
      return `secret ${str(source.secretName) ?? '?'}`;
    case 'persistentVolumeClaim': {
      if (!claim) return 'pvc ?';
      const parts = [`pvc ${claim.name}`];
      if (claim.accessModes.length > 0) parts.push(claim.accessModes.map(shortAccessMode).join(','));
      if (claim.storageClass) parts.push(claim.storageClass);
      if (claim.capacity) parts.push(claim.capacity);
      if (!claim.known) parts.push('(claim not found)');
      else if (claim.phase && claim.phase !== 'Bound') parts.push(`(${claim.phase})`);
      return parts.join(' ');
    }
    case 'hostPath':
      return `hostPath ${str(source.path) ?? '?'}`;
    case 'projected': {
      const kinds = objs(source.sources).map((s) => sourceOf(s).type);
      return kinds.length > 0 ? `projected (${[...new Set(kinds)].join(', ')})` : 'projected';
    }
    case 'ephemeral':
      return 'ephemeral claim (deleted with the pod)';
    default:
      return type;
  }
}

function persistenceOf(type: string): Persistence {
  if (PERSISTENT_SOURCES.has(type)) return 'persistent';
  if (type === 'hostPath') return 'node';
  if (PROJECTED_SOURCES.has(type)) return 'projected';
  // emptyDir, generic ephemeral volumes, image volumes and anything unknown die with the pod.
  return 'ephemeral';
}

/**
 * Every declared volume with who mounts it where and how. `pvcsByName` holds the PVCs of
 * the pod's namespace by claim name (the store's, or none for a manifest).
 */
export function volumeMatrix(pod: Pod | undefined | null, pvcsByName?: ReadonlyMap<string, KubeObject>): VolumeMatrix {
  const spec = obj(obj(pod).spec);
  const containers = listContainers(pod);
  const rows: VolumeRow[] = [];
  const byName = new Map<string, VolumeRow>();
  objs(spec.volumes).forEach((v, i) => {
    const name = str(v.name) ?? `volumes[${i}]`;
    if (byName.has(name)) return;
    const { type, source } = sourceOf(v);
    let claim: ClaimInfo | undefined;
    if (type === 'persistentVolumeClaim') {
      const claimName = str(source.claimName) ?? '?';
      claim = claimInfo(claimName, pvcsByName?.get(claimName));
    }
    const row: VolumeRow = {
      name,
      type,
      detail: describe(type, source, claim),
      persistence: persistenceOf(type),
      claim,
      mounts: {},
      // The kubelet always mounts API-projected volumes read-only (since Kubernetes 1.9.6).
      sourceReadOnly: PROJECTED_SOURCES.has(type) || bool(source.readOnly) === true,
    };
    rows.push(row);
    byName.set(name, row);
  });

  const dangling: VolumeMatrix['dangling'] = [];
  for (const c of containers) {
    for (const m of objs(c.spec.volumeMounts)) {
      const volume = str(m.name) ?? '?';
      const mountPath = str(m.mountPath) ?? '?';
      const row = byName.get(volume);
      if (!row) {
        dangling.push({ container: c.name, volume, mountPath });
        continue;
      }
      const mount: Mount = { mountPath, readOnly: bool(m.readOnly) === true || row.sourceReadOnly, subPath: str(m.subPath) };
      (row.mounts[c.name] ??= []).push(mount);
    }
  }
  return { containers: containers.map((c) => ({ name: c.name, placement: c.placement })), rows, dangling };
}
