// API discovery: /api, /apis (aggregated discovery v2 when asked, the legacy lists
// otherwise), /api/v1 and /apis/G/V resource lists. kubectl resolves short names (po, deploy,
// rs…) only through discovery, and fails with `the server doesn't have a resource type` when
// the aggregated answer lacks its exact content type.
import type { ResourceKind } from '../../model/kube.js';
import { KIND_INFO } from '../../model/kinds.js';
import { EMPTY_KINDS } from './empty-kinds.js';

export const AGGREGATED_DISCOVERY_TYPE = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

/** Verbs the demo admits to (it is read-only; writes are refused with 405). */
const READ_VERBS = ['get', 'list', 'watch'];
const METRICS_VERBS = ['get', 'list'];

interface ResourceDoc {
  singular: string;
  shortNames: string[];
  categories: string[];
}

const DOCS: Record<ResourceKind, ResourceDoc> = {
  namespaces: { singular: 'namespace', shortNames: ['ns'], categories: [] },
  nodes: { singular: 'node', shortNames: ['no'], categories: [] },
  pods: { singular: 'pod', shortNames: ['po'], categories: ['all'] },
  events: { singular: 'event', shortNames: ['ev'], categories: [] },
  services: { singular: 'service', shortNames: ['svc'], categories: ['all'] },
  endpointslices: { singular: 'endpointslice', shortNames: [], categories: [] },
  configmaps: { singular: 'configmap', shortNames: ['cm'], categories: [] },
  persistentvolumeclaims: { singular: 'persistentvolumeclaim', shortNames: ['pvc'], categories: [] },
  persistentvolumes: { singular: 'persistentvolume', shortNames: ['pv'], categories: [] },
  deployments: { singular: 'deployment', shortNames: ['deploy'], categories: ['all'] },
  replicasets: { singular: 'replicaset', shortNames: ['rs'], categories: ['all'] },
  statefulsets: { singular: 'statefulset', shortNames: ['sts'], categories: ['all'] },
  daemonsets: { singular: 'daemonset', shortNames: ['ds'], categories: ['all'] },
  jobs: { singular: 'job', shortNames: [], categories: ['all'] },
  cronjobs: { singular: 'cronjob', shortNames: ['cj'], categories: ['all'] },
  poddisruptionbudgets: { singular: 'poddisruptionbudget', shortNames: ['pdb'], categories: [] },
  podmetrics: { singular: '', shortNames: [], categories: [] },
};


/**
 * Resources served outside the object store: Secrets (listed so that `kubectl get secrets`
 * reaches the server and is refused with 403, visibly), node metrics (made up from pods) and
 * kinds that are always empty here (empty-kinds.ts).
 */
interface ExtraResource {
  group: string;
  version: string;
  resource: string;
  kind: string;
  namespaced: boolean;
  singular: string;
  shortNames: string[];
  verbs: string[];
}

const EXTRA_RESOURCES: ExtraResource[] = [
  { group: '', version: 'v1', resource: 'secrets', kind: 'Secret', namespaced: true, singular: 'secret', shortNames: [], verbs: READ_VERBS },
  { group: 'metrics.k8s.io', version: 'v1beta1', resource: 'nodes', kind: 'NodeMetrics', namespaced: false, singular: '', shortNames: [], verbs: METRICS_VERBS },
  ...EMPTY_KINDS.map((e) => ({ group: '', version: 'v1', resource: e.resource, kind: e.kind, namespaced: true, singular: e.resource.replace(/s$/, ''), shortNames: e.shortNames, verbs: READ_VERBS })),
];

function extrasOf(group: string, version: string): ExtraResource[] {
  return EXTRA_RESOURCES.filter((e) => e.group === group && e.version === version);
}

/** The URL resource name of a kind (podmetrics is served as `pods` in metrics.k8s.io). */
export function urlResource(kind: ResourceKind): string {
  return kind === 'podmetrics' ? 'pods' : kind;
}

/** "" for core, else "group/version". */
function groupVersion(group: string, version: string): string {
  return group ? `${group}/${version}` : version;
}

interface GroupVersion {
  group: string;
  version: string;
  kinds: ResourceKind[];
}

/** Every group/version served, core first, in a stable order. */
export function servedGroups(): GroupVersion[] {
  const out: GroupVersion[] = [];
  for (const [kind, info] of Object.entries(KIND_INFO) as [ResourceKind, (typeof KIND_INFO)[ResourceKind]][]) {
    let gv = out.find((g) => g.group === info.group && g.version === info.version);
    if (!gv) {
      gv = { group: info.group, version: info.version, kinds: [] };
      out.push(gv);
    }
    gv.kinds.push(kind);
  }
  return out;
}

/** The kind served at /api/v1/RESOURCE or /apis/GROUP/VERSION/RESOURCE. */
export function kindAt(group: string, version: string, resource: string): ResourceKind | undefined {
  for (const [kind, info] of Object.entries(KIND_INFO) as [ResourceKind, (typeof KIND_INFO)[ResourceKind]][]) {
    if (info.group === group && info.version === version && urlResource(kind) === resource) return kind;
  }
  return undefined;
}

export function isServedGroupVersion(group: string, version: string): boolean {
  return servedGroups().some((g) => g.group === group && g.version === version);
}

function aggregatedResource(kind: ResourceKind) {
  const info = KIND_INFO[kind];
  const doc = DOCS[kind];
  const responseKind = { group: info.group, version: info.version, kind: info.kind };
  return {
    resource: urlResource(kind),
    responseKind,
    scope: info.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: doc.singular || urlResource(kind).replace(/s$/, ''),
    verbs: kind === 'podmetrics' ? METRICS_VERBS : READ_VERBS,
    ...(doc.shortNames.length ? { shortNames: doc.shortNames } : {}),
    ...(doc.categories.length ? { categories: doc.categories } : {}),
    ...(kind === 'pods'
      ? { subresources: [{ subresource: 'log', responseKind: { group: '', version: 'v1', kind: 'Pod' }, verbs: ['get'] }] }
      : {}),
  };
}

/** APIGroupDiscoveryList for /api (core = true) or /apis. */
export function aggregatedDiscovery(core: boolean): unknown {
  const groups = servedGroups().filter((g) => (g.group === '') === core);
  const byGroup = new Map<string, GroupVersion[]>();
  for (const g of groups) byGroup.set(g.group, [...(byGroup.get(g.group) ?? []), g]);
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion: 'apidiscovery.k8s.io/v2',
    metadata: {},
    items: [...byGroup.entries()].map(([group, versions]) => ({
      metadata: group ? { name: group, creationTimestamp: null } : { creationTimestamp: null },
      versions: versions.map((v) => ({
        version: v.version,
        resources: [
          ...v.kinds.map(aggregatedResource),
          ...extrasOf(v.group, v.version).map((e) => ({
            resource: e.resource,
            responseKind: { group: e.group, version: e.version, kind: e.kind },
            scope: e.namespaced ? 'Namespaced' : 'Cluster',
            singularResource: e.singular,
            verbs: e.verbs,
            ...(e.shortNames.length ? { shortNames: e.shortNames } : {}),
          })),
        ],
        freshness: 'Current',
      })),
    })),
  };
}

export function legacyCoreVersions(hostPort: string): unknown {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: hostPort }],
  };
}

export function legacyGroupList(): unknown {
  const groups = servedGroups().filter((g) => g.group !== '');
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: groups.map((g) => {
      const gv = { groupVersion: groupVersion(g.group, g.version), version: g.version };
      return { name: g.group, versions: [gv], preferredVersion: gv };
    }),
  };
}

export function apiGroup(group: string): unknown | undefined {
  const g = servedGroups().find((x) => x.group === group && group !== '');
  if (!g) return undefined;
  const gv = { groupVersion: groupVersion(g.group, g.version), version: g.version };
  return { kind: 'APIGroup', apiVersion: 'v1', name: group, versions: [gv], preferredVersion: gv };
}

export function resourceList(group: string, version: string): unknown {
  const gv = servedGroups().find((g) => g.group === group && g.version === version);
  const resources: unknown[] = [];
  for (const kind of gv?.kinds ?? []) {
    const info = KIND_INFO[kind];
    const doc = DOCS[kind];
    resources.push({
      name: urlResource(kind),
      singularName: doc.singular,
      namespaced: info.namespaced,
      kind: info.kind,
      verbs: kind === 'podmetrics' ? METRICS_VERBS : READ_VERBS,
      ...(doc.shortNames.length ? { shortNames: doc.shortNames } : {}),
      ...(doc.categories.length ? { categories: doc.categories } : {}),
    });
    if (kind === 'pods') resources.push({ name: 'pods/log', singularName: '', namespaced: true, kind: 'Pod', verbs: ['get'] });
  }
  for (const e of extrasOf(group, version)) {
    resources.push({ name: e.resource, singularName: e.singular, namespaced: e.namespaced, kind: e.kind, verbs: e.verbs, ...(e.shortNames.length ? { shortNames: e.shortNames } : {}) });
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: groupVersion(group, version), resources };
}

/** Whether an Accept header asks for aggregated discovery v2. */
export function wantsAggregated(accept: string | undefined): boolean {
  if (!accept) return false;
  return accept.split(',').some((part) => {
    const params = part.split(';').map((p) => p.trim());
    return params.includes('g=apidiscovery.k8s.io') && params.includes('v=v2') && params.includes('as=APIGroupDiscoveryList');
  });
}
