// The Kubernetes objects podscope handles, as they travel on the wire: plain JSON.
//
// We reuse @kubernetes/client-node's model interfaces for the field names, but its
// interfaces type timestamps as `Date` (its deserialiser converts them). podscope's own
// list/watch loop keeps the JSON as it arrives, so every timestamp is an RFC 3339 string.
// `Wire<T>` maps the one onto the other; `import type` keeps client-node out of the
// runtime graph of model/ and analysis/.
//
// Nothing here is trusted: objects come from a cluster or from a user's file and may be
// partial or malformed. Code that reads them checks every field it uses.
import type {
  V1Pod,
  V1PodSpec,
  V1Container,
  V1ContainerStatus,
  V1ObjectMeta,
  V1OwnerReference,
  V1Node,
  CoreV1Event,
  V1Service,
  V1PersistentVolumeClaim,
  V1PersistentVolume,
  V1Deployment,
  V1ReplicaSet,
  V1StatefulSet,
  V1DaemonSet,
  V1Job,
  V1CronJob,
  V1PodDisruptionBudget,
  V1Namespace,
  V1ConfigMap,
  V1PodTemplateSpec,
  V1Probe,
  V1Volume,
  V1VolumeMount,
  V1ContainerPort,
  V1EndpointSlice,
} from '@kubernetes/client-node';

export type Wire<T> = T extends Date
  ? string
  : T extends (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

export type ObjectMeta = Wire<V1ObjectMeta>;
export type OwnerReference = Wire<V1OwnerReference>;
export type Pod = Wire<V1Pod>;
export type PodSpec = Wire<V1PodSpec>;
export type PodTemplateSpec = Wire<V1PodTemplateSpec>;
export type Container = Wire<V1Container>;
export type ContainerStatus = Wire<V1ContainerStatus>;
export type ContainerPort = Wire<V1ContainerPort>;
export type Probe = Wire<V1Probe>;
export type Volume = Wire<V1Volume>;
export type VolumeMount = Wire<V1VolumeMount>;
export type Node = Wire<V1Node>;
export type KubeEvent = Wire<CoreV1Event>;
export type Service = Wire<V1Service>;
export type EndpointSlice = Wire<V1EndpointSlice>;
export type PersistentVolumeClaim = Wire<V1PersistentVolumeClaim>;
export type PersistentVolume = Wire<V1PersistentVolume>;
export type Deployment = Wire<V1Deployment>;
export type ReplicaSet = Wire<V1ReplicaSet>;
export type StatefulSet = Wire<V1StatefulSet>;
export type DaemonSet = Wire<V1DaemonSet>;
export type Job = Wire<V1Job>;
export type CronJob = Wire<V1CronJob>;
export type PodDisruptionBudget = Wire<V1PodDisruptionBudget>;
export type Namespace = Wire<V1Namespace>;
export type ConfigMap = Wire<V1ConfigMap>;

/** Any object with the common envelope. `kind`/`apiVersion` are absent on list items. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  spec?: unknown;
  status?: unknown;
  [key: string]: unknown;
}

/** PodMetrics from metrics.k8s.io/v1beta1. */
export interface PodMetrics {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  timestamp?: string;
  window?: string;
  containers?: { name?: string; usage?: { cpu?: string; memory?: string } }[];
}

/** The kinds podscope reads. Keys are stable: the store, the demo server and the UI use them. */
export type ResourceKind =
  | 'namespaces'
  | 'nodes'
  | 'pods'
  | 'events'
  | 'services'
  | 'endpointslices'
  | 'configmaps'
  | 'persistentvolumeclaims'
  | 'persistentvolumes'
  | 'deployments'
  | 'replicasets'
  | 'statefulsets'
  | 'daemonsets'
  | 'jobs'
  | 'cronjobs'
  | 'poddisruptionbudgets'
  | 'podmetrics';

/** `namespace/name`, or `name` for cluster-scoped objects. The store's key. */
export function objectKey(obj: { metadata?: { namespace?: string; name?: string } } | undefined): string {
  const ns = obj?.metadata?.namespace;
  const name = obj?.metadata?.name ?? '';
  return ns ? `${ns}/${name}` : name;
}
