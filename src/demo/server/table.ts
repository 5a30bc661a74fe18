// Server-side printing: the meta.k8s.io/v1 Table kubectl asks for with
// `Accept: application/json;as=Table;v=v1;g=meta.k8s.io`. Without it kubectl shows only
// NAME and AGE. One column set per kind, close to the apiserver's printers.
import type { KubeObject, Pod, ResourceKind } from '../../model/kube.js';
import { age, printPod, readinessGates, type PodPrint } from './pod-printer.js';


export interface ColumnDefinition {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

type Cell = string | number;
type Column = [name: string, priority: number, cell: (o: any, now: number) => Cell];

const s = (v: unknown, none = '<none>'): string => (v === undefined || v === null || v === '' ? none : String(v));
const n = (v: unknown): number => (typeof v === 'number' ? v : 0);
const NAME: Column = ['Name', 0, (o) => s(o.metadata?.name, '')];
const AGE: Column = ['Age', 0, (o, now) => age(o.metadata?.creationTimestamp, now)];
const list = (v: unknown): any[] => (Array.isArray(v) ? v : []);

function selectorText(sel: any): string {
  const parts = Object.entries(sel?.matchLabels ?? {}).map(([k, v]) => `${k}=${String(v)}`);
  for (const e of list(sel?.matchExpressions)) parts.push(`${e.key} ${String(e.operator).toLowerCase()} (${list(e.values).join(',')})`);
  return parts.length ? parts.join(',') : '<none>';
}

function images(o: any): [string, string] {
  const cs = list(o.spec?.template?.spec?.containers ?? o.spec?.jobTemplate?.spec?.template?.spec?.containers);
  return [cs.map((c) => c.name).join(','), cs.map((c) => c.image).join(',')];
}

function nodeStatus(o: any): string {
  const ready = list(o.status?.conditions).find((c) => c.type === 'Ready');
  let text = ready?.status === 'True' ? 'Ready' : 'NotReady';
  if (o.spec?.unschedulable) text += ',SchedulingDisabled';
  return text;
}

function nodeRoles(o: any): string {
  const roles = Object.keys(o.metadata?.labels ?? {})
    .filter((k) => k.startsWith('node-role.kubernetes.io/'))
    .map((k) => k.slice('node-role.kubernetes.io/'.length));
  return roles.length ? roles.sort().join(',') : '<none>';
}

function servicePorts(o: any): string {
  const ports = list(o.spec?.ports).map((p) => `${p.port}${p.nodePort ? ':' + p.nodePort : ''}/${p.protocol ?? 'TCP'}`);
  return ports.length ? ports.join(',') : '<none>';
}

function jobStatus(o: any): string {
  for (const c of list(o.status?.conditions)) {
    if (c.status !== 'True') continue;
    if (c.type === 'Complete') return 'Complete';
    if (c.type === 'Failed') return 'Failed';
    if (c.type === 'Suspended') return 'Suspended';
  }
  return 'Running';
}

function duration(o: any, now: number): string {
  const start = o.status?.startTime;
  if (!start) return '';
  const end = o.status?.completionTime ? Date.parse(o.status.completionTime) : now;
  return age(start, end).replace('<unknown>', '');
}

/** printPod once per row, not once per column: the three pod columns share one result. */
let lastPrint: { obj: unknown; now: number; print: PodPrint } | undefined;
function podPrint(o: unknown, now: number): PodPrint {
  if (!lastPrint || lastPrint.obj !== o || lastPrint.now !== now) lastPrint = { obj: o, now, print: printPod(o as Pod, now) };
  return lastPrint.print;
}

const COLUMNS: Record<Exclude<ResourceKind, 'podmetrics'>, Column[]> = {
  pods: [
    NAME,
    ['Ready', 0, (o, now) => podPrint(o, now).ready],
    ['Status', 0, (o, now) => podPrint(o, now).status],
    ['Restarts', 0, (o, now) => podPrint(o, now).restarts],
    AGE,
    ['IP', 1, (o) => s(o.status?.podIP)],
    ['Node', 1, (o) => s(o.spec?.nodeName)],
    ['Nominated Node', 1, (o) => s(o.status?.nominatedNodeName)],
    ['Readiness Gates', 1, (o) => readinessGates(o as Pod)],
  ],
  namespaces: [NAME, ['Status', 0, (o) => s(o.status?.phase, 'Active')], AGE],
  nodes: [
    NAME,
    ['Status', 0, nodeStatus],
    ['Roles', 0, nodeRoles],
    AGE,
    ['Version', 0, (o) => s(o.status?.nodeInfo?.kubeletVersion, '')],
    ['Internal-IP', 1, (o) => s(list(o.status?.addresses).find((a) => a.type === 'InternalIP')?.address)],
    ['OS-Image', 1, (o) => s(o.status?.nodeInfo?.osImage, '<unknown>')],
    ['Kernel-Version', 1, (o) => s(o.status?.nodeInfo?.kernelVersion, '<unknown>')],
    ['Container-Runtime', 1, (o) => s(o.status?.nodeInfo?.containerRuntimeVersion, '<unknown>')],
  ],
  events: [
    ['Last Seen', 0, (o, now) => age(o.lastTimestamp ?? o.eventTime ?? o.metadata?.creationTimestamp, now)],
    ['Type', 0, (o) => s(o.type, '')],
    ['Reason', 0, (o) => s(o.reason, '')],
    ['Object', 0, (o) => `${String(o.involvedObject?.kind ?? '').toLowerCase()}/${s(o.involvedObject?.name, '')}`],
    ['Message', 0, (o) => s(o.message, '')],
  ],
  services: [
    NAME,
    ['Type', 0, (o) => s(o.spec?.type, 'ClusterIP')],
    ['Cluster-IP', 0, (o) => s(o.spec?.clusterIP)],
    ['External-IP', 0, (o) => s(list(o.spec?.externalIPs).join(','))],
    ['Port(s)', 0, servicePorts],
    AGE,
    ['Selector', 1, (o) => selectorText({ matchLabels: o.spec?.selector })],
  ],
  endpointslices: [
    NAME,
    ['AddressType', 0, (o) => s(o.addressType, '')],
    ['Ports', 0, (o) => s(list(o.ports).map((p) => p.port).join(','), '<unset>')],
    ['Endpoints', 0, (o) => s(list(o.endpoints).flatMap((e) => list(e.addresses)).join(','), '<unset>')],
    AGE,
  ],
  configmaps: [NAME, ['Data', 0, (o) => Object.keys(o.data ?? {}).length + Object.keys(o.binaryData ?? {}).length], AGE],
  persistentvolumeclaims: [
    NAME,
    ['Status', 0, (o) => s(o.status?.phase, '')],
    ['Volume', 0, (o) => s(o.spec?.volumeName, '')],
    ['Capacity', 0, (o) => s(o.status?.capacity?.storage, '')],
    ['Access Modes', 0, (o) => accessModes(o.status?.accessModes ?? o.spec?.accessModes)],
    ['StorageClass', 0, (o) => s(o.spec?.storageClassName)],
    AGE,
  ],
  persistentvolumes: [
    NAME,
    ['Capacity', 0, (o) => s(o.spec?.capacity?.storage, '')],
    ['Access Modes', 0, (o) => accessModes(o.spec?.accessModes)],
    ['Reclaim Policy', 0, (o) => s(o.spec?.persistentVolumeReclaimPolicy, '')],
    ['Status', 0, (o) => s(o.status?.phase, '')],
    ['Claim', 0, (o) => (o.spec?.claimRef ? `${o.spec.claimRef.namespace}/${o.spec.claimRef.name}` : '')],
    ['StorageClass', 0, (o) => s(o.spec?.storageClassName, '')],
    AGE,
  ],
  deployments: [
    NAME,
    ['Ready', 0, (o) => `${n(o.status?.readyReplicas)}/${n(o.spec?.replicas ?? 1)}`],
    ['Up-to-date', 0, (o) => n(o.status?.updatedReplicas)],
    ['Available', 0, (o) => n(o.status?.availableReplicas)],
    AGE,
    ['Containers', 1, (o) => images(o)[0]],
    ['Images', 1, (o) => images(o)[1]],
    ['Selector', 1, (o) => selectorText(o.spec?.selector)],
  ],
  replicasets: [
    NAME,
    ['Desired', 0, (o) => n(o.spec?.replicas ?? 1)],
    ['Current', 0, (o) => n(o.status?.replicas)],
    ['Ready', 0, (o) => n(o.status?.readyReplicas)],
    AGE,
    ['Containers', 1, (o) => images(o)[0]],
    ['Images', 1, (o) => images(o)[1]],
    ['Selector', 1, (o) => selectorText(o.spec?.selector)],
  ],
  statefulsets: [
    NAME,
    ['Ready', 0, (o) => `${n(o.status?.readyReplicas)}/${n(o.spec?.replicas ?? 1)}`],
    AGE,
    ['Containers', 1, (o) => images(o)[0]],
    ['Images', 1, (o) => images(o)[1]],
  ],
  daemonsets: [
    NAME,
    ['Desired', 0, (o) => n(o.status?.desiredNumberScheduled)],
    ['Current', 0, (o) => n(o.status?.currentNumberScheduled)],
    ['Ready', 0, (o) => n(o.status?.numberReady)],
    ['Up-to-date', 0, (o) => n(o.status?.updatedNumberScheduled)],
    ['Available', 0, (o) => n(o.status?.numberAvailable)],
    ['Node Selector', 0, (o) => s(Object.entries(o.spec?.template?.spec?.nodeSelector ?? {}).map(([k, v]) => `${k}=${String(v)}`).join(','))],
    AGE,
  ],
  jobs: [
    NAME,
    ['Status', 0, jobStatus],
    ['Completions', 0, (o) => `${n(o.status?.succeeded)}/${n(o.spec?.completions ?? 1)}`],
    ['Duration', 0, duration],
    AGE,
  ],
  cronjobs: [
    NAME,
    ['Schedule', 0, (o) => s(o.spec?.schedule, '')],
    ['Timezone', 0, (o) => s(o.spec?.timeZone)],
    ['Suspend', 0, (o) => (o.spec?.suspend ? 'True' : 'False')],
    ['Active', 0, (o) => list(o.status?.active).length],
    ['Last Schedule', 0, (o, now) => (o.status?.lastScheduleTime ? age(o.status.lastScheduleTime, now) : '<none>')],
    AGE,
  ],
  poddisruptionbudgets: [
    NAME,
    ['Min Available', 0, (o) => s(o.spec?.minAvailable, 'N/A')],
    ['Max Unavailable', 0, (o) => s(o.spec?.maxUnavailable, 'N/A')],
    ['Allowed Disruptions', 0, (o) => n(o.status?.disruptionsAllowed)],
    AGE,
  ],
};

function accessModes(modes: unknown): string {
  const short: Record<string, string> = { ReadWriteOnce: 'RWO', ReadOnlyMany: 'ROX', ReadWriteMany: 'RWX', ReadWriteOncePod: 'RWOP' };
  return list(modes).map((m) => short[m] ?? m).join(',');
}

function columnsOf(kind: ResourceKind): Column[] {
  return kind === 'podmetrics' ? [NAME, AGE] : COLUMNS[kind];
}

export function columnDefinitions(kind: ResourceKind): ColumnDefinition[] {
  return columnsOf(kind).map(([name, priority], i) => ({
    name,
    type: 'string',
    format: i === 0 && name === 'Name' ? 'name' : '',
    description: `${name} of the object`,
    priority,
  }));
}

export type IncludeObject = 'None' | 'Metadata' | 'Object';

/** One Table row as JSON text; `objectJson` gives the row's object for includeObject (cached per object version). */
export function tableRowJson(kind: ResourceKind, obj: KubeObject, include: IncludeObject, objectJson: (include: IncludeObject) => string, now: number): string {
  const cells = columnsOf(kind).map(([, , cell]) => {
    try {
      return cell(obj, now);
    } catch {
      return '<unknown>';
    }
  });
  return `{"cells":${JSON.stringify(cells)},"object":${include === 'None' ? 'null' : objectJson(include)}}`;
}

/** A whole Table's JSON around already-made rows. */
export function tableJson(kind: ResourceKind, rows: string[], metadata: Record<string, unknown>): string {
  return `{"kind":"Table","apiVersion":"meta.k8s.io/v1","metadata":${JSON.stringify(metadata)},"columnDefinitions":${JSON.stringify(columnDefinitions(kind))},"rows":[${rows.join(',')}]}`;
}
