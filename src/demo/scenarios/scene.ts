// The scene the scenario files build into: collected objects and logs, the clock, the nodes
// and their pod IP ranges. One Scene per dataset build.
import type { KubeObject, ObjectMeta, OwnerReference, ResourceKind } from '../../model/kube.js';
import { KIND_INFO } from '../../model/kinds.js';
import type { ContainerLogs } from '../types.js';
import { clockAt, uid, type Clock } from './ids.js';

export interface NodeInfo {
  name: string;
  /** Third octet of the node's pod CIDR 10.244.<index>.0/24. */
  index: number;
  internalIP: string;
  zone: string;
}

/** The three scenario nodes. Generated nodes continue the numbering. */
export const SCENARIO_NODES: readonly NodeInfo[] = [
  { name: 'node-a', index: 0, internalIP: '192.168.49.2', zone: 'zone-a' },
  { name: 'node-b', index: 1, internalIP: '192.168.49.3', zone: 'zone-b' },
  { name: 'node-c', index: 2, internalIP: '192.168.49.4', zone: 'zone-c' },
];

export class Scene {
  readonly clock: Clock;
  readonly objects: KubeObject[] = [];
  readonly logs: ContainerLogs[] = [];
  private readonly nodes = new Map<string, NodeInfo>();
  private readonly nextHost = new Map<string, number>();

  constructor(now: Date, nodes: readonly NodeInfo[] = SCENARIO_NODES) {
    this.clock = clockAt(now);
    for (const n of nodes) this.nodes.set(n.name, n);
  }

  /** Adds an object, stamping `apiVersion` and `kind` from KIND_INFO. */
  add<T extends object>(resource: ResourceKind, obj: T): T {
    const info = KIND_INFO[resource];
    const stamped = {
      apiVersion: info.group ? `${info.group}/${info.version}` : info.version,
      kind: info.kind,
      ...obj,
    } as T;
    this.objects.push(stamped as unknown as KubeObject);
    return stamped;
  }

  addLogs(logs: ContainerLogs): void {
    this.logs.push(logs);
  }

  node(name: string): NodeInfo {
    const info = this.nodes.get(name);
    if (!info) throw new Error(`scenario names unknown node ${name}`);
    return info;
  }

  nodeNames(): string[] {
    return [...this.nodes.keys()];
  }

  /** The next free pod IP in the node's /24, as the node's IPAM would hand it out. */
  podIP(nodeName: string): string {
    const info = this.node(nodeName);
    const host = (this.nextHost.get(nodeName) ?? 10) + 1;
    this.nextHost.set(nodeName, host);
    return `10.244.${info.index}.${host}`;
  }
}

/** Object metadata with a stable uid derived from kind, namespace and name. */
export function meta(
  scene: Scene,
  kind: string,
  fields: { namespace?: string; name: string; age: string; labels?: Record<string, string>; annotations?: Record<string, string>; owner?: KubeObject; generateName?: string },
): ObjectMeta {
  const m: ObjectMeta = {
    name: fields.name,
    uid: uid(`${kind}/${fields.namespace ?? ''}/${fields.name}`),
    creationTimestamp: scene.clock.ago(fields.age),
  };
  if (fields.generateName) m.generateName = fields.generateName;
  if (fields.namespace) m.namespace = fields.namespace;
  if (fields.labels) m.labels = fields.labels;
  if (fields.annotations) m.annotations = fields.annotations;
  if (fields.owner) m.ownerReferences = [controllerRef(fields.owner)];
  return m;
}

/** The ownerReference a controller sets on what it creates. */
export function controllerRef(owner: KubeObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion ?? 'v1',
    kind: owner.kind ?? '',
    name: owner.metadata?.name ?? '',
    uid: owner.metadata?.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}
