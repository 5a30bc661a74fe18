// Pod → ReplicaSet → Deployment (or Job → CronJob, StatefulSet, DaemonSet): who creates and
// replaces this pod. Each link is resolved in the store by name and checked by uid; a link
// the store does not hold is still shown (by its ownerReference), marked missing.
import { resourceForKind } from '../kinds.js';
import type { KubeObject, Pod, ResourceKind } from '../kube.js';
import type { StoreView } from '../store-view.js';
import { obj, objs, str, type Json } from './fields.js';

export interface OwnerLink {
  kind: string;
  name: string;
  uid?: string;
  /** The store's key, when the kind is one podscope reads. */
  resource?: ResourceKind;
  key?: string;
  /** The object, when the store holds it with the expected uid. */
  object?: KubeObject;
  /** Not in the store: deleted, not yet synced, or a kind podscope does not read. */
  missing: boolean;
  /** Found by name through the pod-template-hash label because the link below it is missing. */
  inferred?: boolean;
}

/** A cycle or a very deep chain in malformed data must not loop forever. */
const MAX_DEPTH = 6;

/** The controller reference, else the first ownerReference. */
function controllerRef(o: unknown): Json | undefined {
  const refs = objs(obj(obj(o).metadata).ownerReferences);
  return refs.find((r) => r.controller === true) ?? refs[0];
}

function resolve(ref: Json, namespace: string | undefined, store: StoreView | undefined): OwnerLink {
  const kind = str(ref.kind) ?? '?';
  const name = str(ref.name) ?? '?';
  const uid = str(ref.uid);
  const resource = resourceForKind(kind);
  const key = resource ? (namespace ? `${namespace}/${name}` : name) : undefined;
  let object: KubeObject | undefined;
  if (resource && key && store) {
    try {
      object = store.get(resource, key);
    } catch {
      object = undefined;
    }
    const foundUid = str(obj(object?.metadata).uid);
    // Same name, other uid: the owner was deleted and recreated; this pod's owner is gone.
    if (object && uid && foundUid && foundUid !== uid) object = undefined;
  }
  return { kind, name, uid, resource, key, object, missing: object === undefined };
}

/**
 * The chain of owners from the pod upward, nearest first. A missing ReplicaSet still lets
 * the Deployment be found: its name is the ReplicaSet's minus `-<pod-template-hash>`.
 */
export function ownerChain(pod: Pod | KubeObject | undefined | null, store?: StoreView): OwnerLink[] {
  const meta = obj(obj(pod).metadata);
  const namespace = str(meta.namespace);
  const chain: OwnerLink[] = [];
  let current: unknown = pod;
  const seen = new Set<string>();
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    const ref = controllerRef(current);
    if (!ref) break;
    const link = resolve(ref, namespace, store);
    const id = `${link.kind}/${link.name}/${link.uid ?? ''}`;
    if (seen.has(id)) break;
    seen.add(id);
    chain.push(link);
    if (link.missing) {
      const hash = str(obj(meta.labels)['pod-template-hash']);
      if (link.kind === 'ReplicaSet' && hash && link.name.endsWith(`-${hash}`) && store && namespace) {
        const deploymentName = link.name.slice(0, -(hash.length + 1));
        const deployment = safeGet(store, 'deployments', `${namespace}/${deploymentName}`);
        if (deployment) {
          chain.push({
            kind: 'Deployment',
            name: deploymentName,
            uid: str(obj(deployment.metadata).uid),
            resource: 'deployments',
            key: `${namespace}/${deploymentName}`,
            object: deployment,
            missing: false,
            inferred: true,
          });
          current = deployment;
          continue;
        }
      }
      break;
    }
    current = link.object;
  }
  return chain;
}

function safeGet(store: StoreView, kind: ResourceKind, key: string): KubeObject | undefined {
  try {
    return store.get(kind, key);
  } catch {
    return undefined;
  }
}
