// The Container view: one container of a pod in full. Env values are never shown and
// secretKeyRef/configMapKeyRef are never resolved: only the reference (SPEC R7).
import type { ContainerRoleInfo } from '../../analysis/types.js';
import type { KubeObject, Pod } from '../kube.js';
import { obj, objs, str, type Json } from './fields.js';
import { containerRows, type ContainerRow } from './containers.js';
import { listContainers } from './pod-containers.js';
import { probeStates, type ProbeRow } from './probe-states.js';
import { sharedPortSpace, type PortRow } from './shared-port-space.js';
import { volumeMatrix, type Persistence } from './volume-matrix.js';

export interface EnvEntry {
  name: string;
  /** `secret db-creds/password`, `configMap app/LOG_LEVEL`, `field metadata.name`, or '' for a literal value. */
  source: string;
}

export interface MountEntry {
  volume: string;
  mountPath: string;
  readOnly: boolean;
  subPath?: string;
  type: string;
  detail: string;
  persistence?: Persistence;
}

export interface ResourceEntry {
  resource: string;
  request?: string;
  limit?: string;
}

export interface ContainerDetail {
  row: ContainerRow;
  command: string[];
  args: string[];
  resources: ResourceEntry[];
  ports: PortRow[];
  mounts: MountEntry[];
  probes: ProbeRow[];
  env: EnvEntry[];
}

function envEntries(spec: Json): EnvEntry[] {
  const out: EnvEntry[] = [];
  for (const e of objs(spec.env)) {
    const name = str(e.name) ?? '?';
    const from = obj(e.valueFrom);
    const secret = obj(from.secretKeyRef);
    const config = obj(from.configMapKeyRef);
    const field = obj(from.fieldRef);
    const resource = obj(from.resourceFieldRef);
    let source = '';
    if (from.secretKeyRef) source = `secret ${str(secret.name) ?? '?'}/${str(secret.key) ?? '?'}`;
    else if (from.configMapKeyRef) source = `configMap ${str(config.name) ?? '?'}/${str(config.key) ?? '?'}`;
    else if (from.fieldRef) source = `field ${str(field.fieldPath) ?? '?'}`;
    else if (from.resourceFieldRef) source = `resource ${str(resource.resource) ?? '?'}`;
    out.push({ name, source });
  }
  for (const e of objs(spec.envFrom)) {
    const prefix = str(e.prefix);
    const what = e.secretRef
      ? `secret ${str(obj(e.secretRef).name) ?? '?'}`
      : e.configMapRef
        ? `configMap ${str(obj(e.configMapRef).name) ?? '?'}`
        : '?';
    out.push({ name: prefix ? `${prefix}*` : '*', source: `all keys of ${what}` });
  }
  return out;
}

function resourceEntries(spec: Json): ResourceEntry[] {
  const res = obj(spec.resources);
  const requests = obj(res.requests);
  const limits = obj(res.limits);
  const names = [...new Set([...Object.keys(requests), ...Object.keys(limits)])];
  const order = (n: string) => (n === 'cpu' ? 0 : n === 'memory' ? 1 : 2);
  names.sort((a, b) => order(a) - order(b) || (a < b ? -1 : a > b ? 1 : 0));
  return names.map((resource) => ({ resource, request: str(requests[resource]), limit: str(limits[resource]) }));
}

/** One container of the pod in detail; undefined when the pod has no such container. */
export function containerDetail(
  pod: Pod | undefined | null,
  name: string,
  options: { roles?: ContainerRoleInfo[]; events?: readonly KubeObject[]; pvcsByName?: ReadonlyMap<string, KubeObject>; now: number },
): ContainerDetail | undefined {
  const c = listContainers(pod).find((x) => x.name === name);
  const row = containerRows(pod, options.roles).find((r) => r.name === name);
  if (!c || !row) return undefined;
  const matrix = volumeMatrix(pod, options.pvcsByName);
  const mounts: MountEntry[] = [];
  for (const v of matrix.rows) {
    for (const m of v.mounts[name] ?? []) {
      mounts.push({ volume: v.name, mountPath: m.mountPath, readOnly: m.readOnly, subPath: m.subPath, type: v.type, detail: v.detail, persistence: v.persistence });
    }
  }
  for (const d of matrix.dangling) {
    if (d.container === name) mounts.push({ volume: d.volume, mountPath: d.mountPath, readOnly: false, type: 'missing', detail: 'volume not declared in the pod' });
  }
  const strList = (v: unknown) => (Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? x : String(x ?? ''))) : []);
  return {
    row,
    command: strList(c.spec.command),
    args: strList(c.spec.args),
    resources: resourceEntries(c.spec),
    ports: sharedPortSpace(pod).rows.filter((p) => p.container === name),
    mounts,
    probes: probeStates(pod, options.events, options.now).filter((p) => p.container === name),
    env: envEntries(c.spec),
  };
}
