// Pods of one ReplicaSet, `web-5d8f` in namespace `shop`, as a real cluster has them: each
// pod's containers are its own objects, since each mounts its own service-account token
// (kube-api-access-xxxxx). For the live analysis tests that match replicas to their template.
import type { KubeObject } from '../../src/model/kube.js';

export const REPLICA_SET: KubeObject = { kind: 'ReplicaSet', apiVersion: 'apps/v1', metadata: { namespace: 'shop', name: 'web-5d8f', uid: 'rs-1' }, spec: { replicas: 3 } };

export interface ReplicaPodOptions {
  /** Containers without their token mount, which is added to each. */
  containers: Record<string, unknown>[];
  node?: string;
  labels?: Record<string, string>;
  /** metadata.deletionTimestamp, when the pod is being deleted. */
  deletedAt?: string;
  resourceVersion?: string;
  /** metadata.generation (Kubernetes 1.33+ moves it with in-place updates). */
  generation?: number;
}

/** Pod `i` of the ReplicaSet, Running with every container ready. */
export function replicaPod(i: number, opts: ReplicaPodOptions): KubeObject {
  const token = { name: `kube-api-access-${i}abcd`, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true };
  return {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: {
      namespace: 'shop',
      name: `web-5d8f-${i}`,
      uid: `web-${i}`,
      resourceVersion: opts.resourceVersion ?? '1',
      labels: opts.labels ?? { app: 'web', 'pod-template-hash': '5d8f' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-5d8f', uid: 'rs-1', controller: true }],
      ...(opts.deletedAt ? { deletionTimestamp: opts.deletedAt } : {}),
      ...(opts.generation !== undefined ? { generation: opts.generation } : {}),
    },
    spec: {
      nodeName: opts.node ?? `node-${i}`,
      containers: opts.containers.map((c) => ({ ...c, volumeMounts: [token] })),
      volumes: [{ name: token.name, projected: { sources: [{ serviceAccountToken: { path: 'token' } }] } }],
    },
    status: {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: 'True' }],
      containerStatuses: opts.containers.map((c) => ({ name: c.name, ready: true, restartCount: 0, state: { running: {} } })),
    },
  };
}
