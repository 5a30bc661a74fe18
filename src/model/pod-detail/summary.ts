// The Summary panel: what the pod is, where it runs, the address its containers share,
// who owns it and the conditions the kubelet and scheduler report.
import { formatAge, parseQuantity } from '../format.js';
import type { Pod } from '../kube.js';
import { objectKey } from '../kube.js';
import type { StoreView } from '../store-view.js';
import { bool, obj, objs, str, strs, type Json } from './fields.js';
import { ownerChain, type OwnerLink } from './owner-chain.js';

export interface ConditionRow {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
  age: string;
}

export interface PodSummary {
  key: string;
  namespace?: string;
  name: string;
  uid?: string;
  phase: string;
  /** Pod-level reason and message (Evicted, NodeLost…). */
  reason?: string;
  message?: string;
  node?: string;
  /** The one address space all containers share; dual-stack pods have two. */
  podIPs: string[];
  hostIP?: string;
  hostNetwork: boolean;
  qos: string;
  /** True when the API did not report qosClass and it was derived from the resources. */
  qosDerived: boolean;
  serviceAccount?: string;
  created?: string;
  age: string;
  deleting: boolean;
  owners: OwnerLink[];
  conditions: ConditionRow[];
  labels: [string, string][];
}

/** status.podIPs, falling back to status.podIP; duplicates removed. */
export function podIPs(pod: unknown): string[] {
  const status = obj(obj(pod).status);
  const ips = objs(status.podIPs).map((e) => str(e.ip)).filter((ip): ip is string => ip !== undefined);
  const single = str(status.podIP);
  if (single && !ips.includes(single)) ips.unshift(single);
  return ips;
}

/**
 * QoS class as the kubelet computes it (pkg/apis/core/v1/helper/qos): Guaranteed when every
 * container has cpu and memory limits equal to its requests, BestEffort when none has any,
 * Burstable otherwise. Used only when status.qosClass is absent (a manifest, an old pod).
 */
export function deriveQos(spec: Json): string {
  const containers = [...objs(spec.containers), ...objs(spec.initContainers)];
  let any = false;
  let guaranteed = containers.length > 0;
  for (const c of containers) {
    const res = obj(c.resources);
    const limits = obj(res.limits);
    const requests = obj(res.requests);
    for (const r of ['cpu', 'memory']) {
      const limit = parseQuantity(limits[r]);
      // A request left out defaults to the limit.
      const request = parseQuantity(requests[r]) ?? limit;
      if (limit !== undefined || request !== undefined) any = true;
      if (limit === undefined || request !== limit) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

function labelPairs(v: unknown): [string, string][] {
  return Object.entries(obj(v))
    .map(([k, val]) => [k, typeof val === 'string' ? val : String(val ?? '')] as [string, string])
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

export function podSummary(pod: Pod | undefined | null, store: StoreView | undefined, now: number): PodSummary {
  const p = obj(pod);
  const meta = obj(p.metadata);
  const spec = obj(p.spec);
  const status = obj(p.status);
  const qosReported = str(status.qosClass);
  const conditions: ConditionRow[] = objs(status.conditions).map((c) => ({
    type: str(c.type) ?? '?',
    status: str(c.status) ?? 'Unknown',
    reason: str(c.reason),
    message: str(c.message),
    lastTransitionTime: str(c.lastTransitionTime),
    age: str(c.lastTransitionTime) ? formatAge(str(c.lastTransitionTime), now) : '',
  }));
  const created = str(meta.creationTimestamp);
  const hostIP = str(status.hostIP) ?? strs(objs(status.hostIPs).map((e) => e.ip))[0];
  return {
    key: objectKey({ metadata: { namespace: str(meta.namespace), name: str(meta.name) } }),
    namespace: str(meta.namespace),
    name: str(meta.name) ?? '?',
    uid: str(meta.uid),
    phase: str(status.phase) ?? 'Unknown',
    reason: str(status.reason),
    message: str(status.message),
    node: str(spec.nodeName),
    podIPs: podIPs(p),
    hostIP,
    hostNetwork: bool(spec.hostNetwork) === true,
    qos: qosReported ?? deriveQos(spec),
    qosDerived: qosReported === undefined,
    serviceAccount: str(spec.serviceAccountName),
    created,
    age: formatAge(created, now),
    deleting: str(meta.deletionTimestamp) !== undefined,
    owners: ownerChain(p, store),
    conditions,
    labels: labelPairs(meta.labels),
  };
}
